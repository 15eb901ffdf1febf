import type Database from 'better-sqlite3-multiple-ciphers';
import { AppFailure } from '../../../shared/ipc/result';
import { m0001 } from './0001-members';
import { m0002 } from './0002-appointments-notes';
import { m0003 } from './0003-process';
import { m0004 } from './0004-estimates';
import { m0005 } from './0005-bases-settings';
import { m0006 } from './0006-search-last4-covering';
import { m0007 } from './0007-scenarios';
import { m0008 } from './0008-received-dates';
import type { Migration } from './types';

/** In order; the schema version is `PRAGMA user_version`. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008];
export const SCHEMA_VERSION = MIGRATIONS.length;

export type MigrationOptions = {
  /** Migrate only up to this version (tests). */
  target?: number;
  /**
   * Called before pending migrations run (outside their transaction), with the current and target
   * versions and the open database, so a backup can be taken through the same connection.
   */
  beforeMigrate?: (from: number, to: number, db: Database.Database) => void;
};

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Run all pending migrations in one transaction; refuse a database from a newer app.
 * `migrations` is the ordered list (tests pass their own); it defaults to the app's.
 */
export function migrate(db: Database.Database, opts: MigrationOptions = {}, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  const target = opts.target ?? latest;
  if (current > latest) {
    throw new AppFailure(
      'UNAVAILABLE',
      `The caseload database has schema version ${current}, newer than this app's ${latest}. Install the newer version of the workstation to open it.`,
    );
  }
  if (!Number.isInteger(target) || target < 0 || target > latest) throw new AppFailure('INTERNAL', `No schema version ${target}: this app knows versions 0 to ${latest}.`);
  if (current >= target) return;
  opts.beforeMigrate?.(current, target, db);
  db.transaction(() => {
    for (const m of migrations) {
      if (m.version > current && m.version <= target) db.exec(m.up);
    }
    db.pragma(`user_version = ${target}`);
  })();
}
