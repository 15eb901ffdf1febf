import type { Migration } from './types';

// The member's current scenario: what the board opens on and the packet is built for. Its date
// and BackDROP period are the member row's retirement_date and backdrop_months (one place for
// each); this table holds the rest: the plan the member leans to where the member chooses
// (PLAN-1), and the actuarial basis (OPT-5).
export const m0007: Migration = {
  version: 7,
  name: 'scenarios',
  up: `
    CREATE TABLE scenarios (
      member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
      plan TEXT CHECK (plan IS NULL OR plan IN ('MSEP', 'MSEP2000', 'MSEP2011')),
      actuarial_basis TEXT CHECK (actuarial_basis IS NULL OR length(actuarial_basis) BETWEEN 1 AND 100),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT;
  `,
};
