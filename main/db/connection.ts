import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { AppFailure } from '../../shared/ipc/result';
import { DB_CIPHER, rawKeyBytes } from '../security/keys';
import { migrate, type MigrationOptions } from './migrations';

export type Db = Database.Database;

export type OpenOptions = MigrationOptions & {
  readonly?: boolean;
  /** Skip migrations (for `check` on a file that may be from another version). */
  migrate?: boolean;
  /**
   * The 32-byte data key of an encrypted caseload (main/security/keys.ts). Without it the file
   * is opened as plain SQLite: tests, benchmarks and a legacy caseload before its first setup.
   * The Buffer stays the caller's; it is read once and not kept.
   */
  key?: Buffer | null;
};

/** Hands the data key to SQLite3 Multiple Ciphers as a raw key; the spelled-out copy is zeroed. */
export function applyKey(db: Db, key: Buffer, how: 'key' | 'rekey' = 'key'): void {
  db.pragma(`cipher = '${DB_CIPHER}'`);
  const raw = rawKeyBytes(key);
  try {
    if (how === 'key') db.key(raw);
    else db.rekey(raw);
  } finally {
    raw.fill(0);
  }
}

function isNotADatabase(err: unknown): boolean {
  return (err as { code?: unknown })?.code === 'SQLITE_NOTADB';
}

/**
 * Open the caseload with the pragmas of ARCHITECTURE.md: WAL, foreign keys, synchronous FULL;
 * `temp_store = MEMORY` so sorts and statement journals never reach a plaintext temporary file.
 * A key that does not open the file is LOCKED, and the file is left exactly as it was: the key is
 * checked by one read before any pragma that could write.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (err) {
    throw new AppFailure('UNAVAILABLE', `The caseload database at ${path} cannot be opened: ${(err as Error).message}`);
  }
  try {
    if (opts.key) applyKey(db, opts.key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (err) {
      if (!isNotADatabase(err)) throw err;
      throw opts.key
        ? new AppFailure('LOCKED', 'The caseload cannot be opened with this key: the key file does not belong to this caseload, or the file is damaged. Nothing was changed.')
        : new AppFailure('LOCKED', 'The caseload is encrypted: unlock it with the passphrase. Nothing was changed.');
    }
    db.pragma('temp_store = MEMORY');
    // 64 MiB of page cache (the default is 2 MiB): a 100,000-member caseload's members table and
    // indexes stay decrypted in memory, so a search decrypts a page once per session, not per query.
    db.pragma('cache_size = -65536');
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

export type FileKind = 'missing' | 'empty' | 'plain' | 'encrypted';

/** What a caseload file is, from its first 16 bytes (a plain SQLite file names itself there). */
export function fileKind(path: string): FileKind {
  if (!existsSync(path)) return 'missing';
  const head = Buffer.alloc(16);
  let n: number;
  try {
    const fd = openSync(path, 'r');
    try {
      n = readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new AppFailure('UNAVAILABLE', `The caseload database at ${path} cannot be opened: ${(err as Error).message}`);
  }
  if (n === 0) return 'empty';
  return head.subarray(0, n).toString('latin1') === 'SQLite format 3\0' ? 'plain' : 'encrypted';
}

/**
 * Encrypt a plain (legacy) caseload in place with the data key, once: checkpoint the WAL, leave
 * WAL mode (SQLite3 Multiple Ciphers rekeys only a rollback-journal database), VACUUM so no freed
 * page keeps old plaintext, rekey every page, and go back to WAL. The rekey is one transaction: a
 * crash leaves the file plain or encrypted, never half. Nothing else may hold the file open.
 */
export function encryptInPlace(path: string, key: Buffer): void {
  if (fileKind(path) !== 'plain') throw new AppFailure('CONFLICT', `${path} is not a plain SQLite caseload; it was not changed.`);
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('temp_store = MEMORY');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.exec('VACUUM');
    applyKey(db, key, 'rekey');
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}
