import type { Migration } from './types';

// Actuarial bases and imported tables (versioned, immutable rows), plan-provision settings,
// and drafts of unsaved edits.
export const m0005: Migration = {
  version: 5,
  name: 'bases-settings',
  up: `
    CREATE TABLE mortality_tables (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      source_xml TEXT NOT NULL,
      summary_json TEXT NOT NULL,
      imported_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE bases (
      id TEXT NOT NULL,
      version INTEGER NOT NULL,
      json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (id, version)
    ) STRICT;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE drafts (
      key TEXT PRIMARY KEY,
      json TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
  `,
};
