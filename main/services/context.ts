import type { Db } from '../db/connection';
import { appointmentsRepo } from '../db/repos/appointments';
import { auditRepo } from '../db/repos/audit';
import { estimatesRepo } from '../db/repos/estimates';
import { memberChildrenRepo } from '../db/repos/member-children';
import { membersRepo } from '../db/repos/members';
import { notesRepo } from '../db/repos/notes';
import { processRepo } from '../db/repos/process';
import { scenariosRepo } from '../db/repos/scenarios';
import { settingsRepo } from '../db/repos/settings';

export type Clock = {
  /** An instant for audit and record timestamps (ISO 8601, UTC). */
  now(): string;
  /** Today's calendar date, the estimate's `asOf` (YYYY-MM-DD, the counselor's local day). */
  today(): string;
};

export const systemClock: Clock = {
  now: () => new Date().toISOString(),
  today: () => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  },
};

export function repos(db: Db) {
  return {
    members: membersRepo(db),
    children: memberChildrenRepo(db),
    audit: auditRepo(db),
    appointments: appointmentsRepo(db),
    notes: notesRepo(db),
    process: processRepo(db),
    estimates: estimatesRepo(db),
    settings: settingsRepo(db),
    scenarios: scenariosRepo(db),
  };
}
export type Repos = ReturnType<typeof repos>;

export type ServiceContext = {
  db: Db;
  repos: Repos;
  clock: Clock;
  /** "Who" in the audit trail: the operating-system user until counselor identities exist. */
  who: string;
};
