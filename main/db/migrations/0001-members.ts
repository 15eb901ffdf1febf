import type { Migration } from './types';

// Members with their plan facts, pay history, spouse, beneficiaries, and the audit trail.
export const m0001: Migration = {
  version: 1,
  name: 'members',
  up: `
    CREATE TABLE members (
      id INTEGER PRIMARY KEY,
      member_id TEXT NOT NULL UNIQUE,
      first_name TEXT NOT NULL,
      middle_name TEXT,
      last_name TEXT NOT NULL,
      last_key TEXT NOT NULL,
      first_key TEXT NOT NULL,
      ssn TEXT CHECK (ssn IS NULL OR length(ssn) = 9),
      ssn_last4 TEXT,
      birth_date TEXT NOT NULL,
      email TEXT,
      phone TEXT,
      street TEXT,
      city TEXT,
      state TEXT,
      zip TEXT,
      first_employment_date TEXT,
      left_before_vesting_and_returned INTEGER NOT NULL DEFAULT 0 CHECK (left_before_vesting_and_returned IN (0, 1)),
      returned_after_buyout INTEGER NOT NULL DEFAULT 0 CHECK (returned_after_buyout IN (0, 1)),
      plan_override TEXT CHECK (plan_override IS NULL OR plan_override IN ('MSEP', 'MSEP2000', 'MSEP2011')),
      employment_status TEXT NOT NULL DEFAULT 'active' CHECK (employment_status IN ('active', 'terminated')),
      last_day_worked TEXT,
      service_as_of TEXT,
      earned_months INTEGER,
      purchased_months INTEGER NOT NULL DEFAULT 0,
      transferred_months INTEGER NOT NULL DEFAULT 0,
      sick_leave_hours INTEGER NOT NULL DEFAULT 0,
      final_average_pay TEXT,
      projection_from TEXT,
      projection_rate TEXT,
      optional_life_coverage TEXT,
      retirement_date TEXT,
      backdrop_months INTEGER,
      bank_routing TEXT,
      bank_account TEXT,
      bank_account_type TEXT CHECK (bank_account_type IS NULL OR bank_account_type IN ('checking', 'savings')),
      archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX members_last_key ON members (last_key, first_key);
    CREATE INDEX members_first_key ON members (first_key);
    CREATE INDEX members_ssn_last4 ON members (ssn_last4);
    CREATE INDEX members_retirement_date ON members (retirement_date) WHERE retirement_date IS NOT NULL;

    CREATE TABLE pay_history (
      member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
      month TEXT NOT NULL,
      amount TEXT NOT NULL,
      PRIMARY KEY (member_id, month)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE spouses (
      member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      ssn TEXT CHECK (ssn IS NULL OR length(ssn) = 9),
      birth_date TEXT NOT NULL,
      marriage_date TEXT
    ) STRICT;

    CREATE TABLE beneficiaries (
      id INTEGER PRIMARY KEY,
      member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
      designation TEXT NOT NULL CHECK (designation IN ('life-insurance', 'final-payment', 'guaranteed-payments', 'msep2011-contributions')),
      class TEXT NOT NULL CHECK (class IN ('primary', 'contingent')),
      kind TEXT NOT NULL CHECK (kind IN ('person', 'trust', 'organization', 'estate')),
      name TEXT NOT NULL,
      relationship TEXT,
      birth_date TEXT,
      ssn TEXT CHECK (ssn IS NULL OR length(ssn) = 9),
      address TEXT,
      share TEXT NOT NULL,
      position INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX beneficiaries_member ON beneficiaries (member_id, designation, position);

    CREATE TABLE audit (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      who TEXT NOT NULL,
      member_id INTEGER,
      entity TEXT NOT NULL,
      field TEXT NOT NULL,
      old_value TEXT,
      new_value TEXT
    ) STRICT;
    CREATE INDEX audit_member ON audit (member_id, id);
  `,
};
