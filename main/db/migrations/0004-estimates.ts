import type { Migration } from './types';

// Saved estimates: the exact case input and output, so a printed estimate can be reproduced.
export const m0004: Migration = {
  version: 4,
  name: 'estimates',
  up: `
    CREATE TABLE estimates (
      id INTEGER PRIMARY KEY,
      member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      retirement_date TEXT NOT NULL,
      engine_version TEXT NOT NULL,
      basis_id TEXT,
      label TEXT,
      case_json TEXT NOT NULL,
      estimate_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX estimates_member ON estimates (member_id, id);
  `,
};
