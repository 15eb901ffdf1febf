import Database from 'better-sqlite3';
import { AppFailure } from '../../shared/ipc/result';
import { migrate, type MigrationOptions } from './migrations';

export type Db = Database.Database;

export type OpenOptions = MigrationOptions & {
  readonly?: boolean;
  /** Skip migrations (for `check` on a file that may be from another version). */
  migrate?: boolean;
};

/** Open the caseload with the pragmas of ARCHITECTURE.md: WAL, foreign keys, synchronous FULL. */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (err) {
    throw new AppFailure('UNAVAILABLE', `The caseload database at ${path} cannot be opened: ${(err as Error).message}`);
  }
  try {
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (opts.migrate !== false && !opts.readonly) migrate(db, opts);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
