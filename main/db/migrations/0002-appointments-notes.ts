import type { Migration } from './types';

// Appointments and field sessions, and counselor notes per member.
export const m0002: Migration = {
  version: 2,
  name: 'appointments-notes',
  up: `
    CREATE TABLE appointments (
      id INTEGER PRIMARY KEY,
      member_id INTEGER REFERENCES members (id) ON DELETE CASCADE,
      date TEXT NOT NULL,
      time TEXT,
      place TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('office', 'phone', 'video', 'field-session', 'seminar')),
      note TEXT,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX appointments_date ON appointments (date, time);
    CREATE INDEX appointments_member ON appointments (member_id, date);

    CREATE TABLE notes (
      id INTEGER PRIMARY KEY,
      member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      author TEXT NOT NULL,
      text TEXT NOT NULL
    ) STRICT;
    CREATE INDEX notes_member ON notes (member_id, id);
  `,
};
