import type { Migration } from './types';

// The two-step process: each form's status and the proof documents (RULES.md section 10).
export const m0003: Migration = {
  version: 3,
  name: 'process',
  up: `
    CREATE TABLE process_forms (
      member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
      form TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'received')),
      updated_at TEXT NOT NULL,
      PRIMARY KEY (member_id, form)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE proof_documents (
      member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
      document TEXT NOT NULL,
      received INTEGER NOT NULL CHECK (received IN (0, 1)),
      updated_at TEXT NOT NULL,
      PRIMARY KEY (member_id, document)
    ) STRICT, WITHOUT ROWID;
  `,
};
