// The caseload's health on open, and what SQLite's storage errors mean to a counselor.
//
// On open the file gets `PRAGMA quick_check`, on a read-only connection before anything writes
// to it. Measured on a 100,000-member caseload (128 MB, 3.6 million pay rows, 2-core machine):
// quick_check 0.35 s and integrity_check 0.7 s with the file in the OS cache, about 2.5 s either
// way from a cold disk (reading the file dominates). quick_check verifies every b-tree page,
// record format and freelist, and leaves out only the cross-check of each index against its
// table and the UNIQUE constraints; so it runs on every open, and the full integrity_check runs
// in `npm run cli -- check`, in the restore preview and on each backup before it is offered
// (main/services/backups.ts: newestGoodBackup).
//
// In the desktop app the first unlock of a run does not wait for the check: with `background`
// the caseload opens read-only at once and a worker thread runs the same quick_check
// (background-check.ts); changes wait for it, and its failure leads where a failure here does.
//
// A damaged caseload is never moved, repaired or written: a byte-for-byte copy (with its WAL) is
// kept aside as `<db>.damaged-<stamp>`, the app goes on with the read-only connection the check
// used (reads of undamaged records still work), every write answers UNAVAILABLE naming the newest
// good backup and the restore command, and openApp reports the state (`degraded`). A read-only
// connection never checkpoints the WAL into the file on close, so the damaged file itself stays
// as it was found.
import { accessSync, closeSync, constants, copyFileSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppFailure } from '../../shared/ipc/result';
import { openDatabase, type Db, type OpenOptions } from './connection';
import type { CheckRunner } from './background-check';
import { migrate, SCHEMA_VERSION } from './migrations';

/** The caseload opened, but failed its check: read-only, with the way back. */
export type Degraded = {
  /** What the check found, in SQLite's words (its first lines). */
  reason: string;
  /** The untouched copy of the damaged file (its WAL beside it as `<copy>-wal`), or null if it could not be written. */
  damagedCopy: string | null;
  /** The newest backup that passes integrity_check, or null when there is none. */
  newestGoodBackup: string | null;
  /** The command that puts that backup in place (the damaged file is kept aside again), or null. */
  restoreCommand: string | null;
};

export type Health = { ok: true } | { ok: false; reason: string };

/** Opens a caseload file: main/db/connection.ts's openDatabase, which knows the key. */
export type Opener = (path: string, opts: OpenOptions) => Db;

const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/;

function sqliteCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** True for an error that says the file itself is damaged. */
export function isDamage(err: unknown): boolean {
  return DAMAGE_CODES.test(sqliteCode(err) ?? '');
}

/** What a check's rows say: exactly one row `ok`, or the problems it listed. */
export function healthOf(rows: string[], pragma: 'quick_check' | 'integrity_check'): Health {
  if (rows.length === 1 && rows[0] === 'ok') return { ok: true };
  return { ok: false, reason: rows.join('; ').replace(/\*\*\* in database main \*\*\*\s*/g, '').replace(/\s*\n\s*/g, '; ') || `${pragma} found problems` };
}

function run(db: Db, pragma: 'quick_check' | 'integrity_check'): Health {
  try {
    return healthOf((db.pragma(`${pragma}(10)`) as Record<string, string>[]).map((r) => String(Object.values(r)[0])), pragma);
  } catch (err) {
    // A damaged header or schema page makes the check itself fail.
    if (isDamage(err)) return { ok: false, reason: (err as Error).message };
    throw err;
  }
}

/** `PRAGMA quick_check`: every page, record and freelist; not the index-to-table cross-check. */
export function quickCheck(db: Db): Health {
  return run(db, 'quick_check');
}

/** `PRAGMA integrity_check`: quick_check plus every index against its table. */
export function integrityCheck(db: Db): Health {
  return run(db, 'integrity_check');
}

function sameBytes(a: string, b: string): boolean {
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  if (size(a) !== size(b)) return false;
  if (size(a) === 0) return true;
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  try {
    const ba = Buffer.alloc(1 << 20);
    const bb = Buffer.alloc(1 << 20);
    for (let pos = 0; ; ) {
      const na = readSync(fa, ba, 0, ba.length, pos);
      const nb = readSync(fb, bb, 0, bb.length, pos);
      if (na !== nb || !ba.subarray(0, na).equals(bb.subarray(0, nb))) return false;
      if (na === 0) return true;
      pos += na;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}

/**
 * Copy the damaged file and its WAL aside as `<db>.damaged-<stamp>` (and `…-wal`), never
 * overwriting anything. A copy identical to one kept already (the same damage found again on the
 * next start) is not made twice. Returns the copy's path, or null if it could not be written
 * (a full disk): the original is still there, untouched.
 */
export function keepDamagedCopy(dbPath: string, stamp: string): string | null {
  const dir = dirname(dbPath);
  const prefix = `${basename(dbPath)}.damaged-`;
  try {
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(prefix) || name.endsWith('-wal') || name.endsWith('-shm') || name.endsWith('.partial')) continue;
      const earlier = join(dir, name);
      if (sameBytes(earlier, dbPath) && sameBytes(`${earlier}-wal`, `${dbPath}-wal`)) return earlier;
    }
  } catch {
    // An unreadable folder: make a new copy below.
  }
  for (let n = 1; n < 100; n++) {
    const target = join(dir, `${prefix}${stamp}${n > 1 ? `-${n}` : ''}`);
    if (existsSync(target)) continue;
    try {
      copyFileSync(dbPath, target, constants.COPYFILE_EXCL);
      if (existsSync(`${dbPath}-wal`) && statSync(`${dbPath}-wal`).size > 0) copyFileSync(`${dbPath}-wal`, `${target}-wal`, constants.COPYFILE_EXCL);
      return target;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      for (const p of [target, `${target}-wal`]) rmSync(p, { force: true });
      return null;
    }
  }
  return null;
}

/** An instant as a file-name stamp: 2026-11-23T12-00-00-000Z. */
export function fileStamp(iso: string): string {
  return iso.replace(/[:.]/g, '-');
}

export function restoreCommand(backup: string, dbPath: string): string {
  return `npm run cli -- restore "${backup}" --db "${dbPath}" --yes`;
}

/** What the counselor reads when a write is refused, or the app starts, on a damaged caseload. */
export function degradedMessage(d: Degraded): string {
  const found = d.reason.split('; ')[0]!.slice(0, 200);
  return [
    `The caseload file is damaged (${found}), so it is open read-only and changes cannot be saved.`,
    d.damagedCopy ? `A copy of the damaged file is kept at ${d.damagedCopy}.` : 'The damaged file was left where it is.',
    d.newestGoodBackup && d.restoreCommand
      ? `The newest good backup is ${d.newestGoodBackup}. Restore it in the workstation under Safety & settings, or close the workstation and run: ${d.restoreCommand}`
      : 'No good backup was found: contact MOSERS IT support before making any change.',
  ].join(' ');
}

function unopenableMessage(d: Degraded): string {
  return degradedMessage(d).replace('so it is open read-only and changes cannot be saved', 'so it cannot be opened');
}

export type VerifiedOptions = OpenOptions & {
  /** For the damaged copy's name: clock.now(). */
  now: string;
  open?: Opener;
  /** The newest good backup, looked for only when the file is damaged. */
  findGoodBackup?: () => string | null;
  /** false: skip quick_check (a reopen in a run that has checked the file already). */
  check?: boolean;
  /**
   * Check in the background (the desktop app's first unlock of a run): when the file exists and
   * no migration is pending, answer at once with the read-only connection and `pending`, and run
   * quick_check through this runner (a worker thread). Without it, or when a migration is
   * pending, the check runs before the open returns.
   */
  background?: CheckRunner;
};

/** A check under way in the background (openVerified's `background`). */
export type PendingCheck = {
  /** Settles with what quick_check found (the worker's answer, or this thread's when the worker could not run it); never rejects. */
  health: Promise<Health>;
  /** Stop the check: the caseload was locked or closed meanwhile. */
  cancel: () => void;
  /** After a pass: the writable connection (no migration is pending; that was checked on open). */
  openWritable: () => Db;
  /** After a failure: the damaged copy made and the newest good backup looked for. */
  degraded: (reason: string) => Degraded;
};

export type Verified = {
  /** The connection to use now: read-only while `pending` or when `degraded`. */
  db: Db;
  degraded: Degraded | null;
  /** The file had no tables before this open (a new caseload): nothing in it to back up. */
  fresh: boolean;
  /** Set when the check runs in the background: until it passes, `db` is read-only. */
  pending?: PendingCheck;
};

export function openVerified(dbPath: string, opts: VerifiedOptions): Verified {
  try {
    return verify(dbPath, opts);
  } catch (err) {
    throw openFailure(dbPath, err);
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A storage error while opening, as what it means for this file; any other error as it is. */
function openFailure(dbPath: string, err: unknown): unknown {
  const code = sqliteCode(err);
  if (!code || err instanceof AppFailure) return err;
  const cause = `${code}: ${(err as Error).message}`;
  if (/^SQLITE_(CANTOPEN|READONLY|PERM)/.test(code) && (!writable(dirname(dbPath)) || (existsSync(dbPath) && !writable(dbPath)))) {
    return new AppFailure(
      'UNAVAILABLE',
      `The caseload at ${dbPath} cannot be opened: its folder or drive is read-only, and SQLite must write beside the file (its -wal and -shm files) even to read it (${cause}). Nothing in the file was changed. Make the drive writable, or copy the caseload's folder to a writable drive, then start again.`,
    );
  }
  const failure = storageFailure(err);
  if (!failure) return err;
  return new AppFailure('UNAVAILABLE', `The caseload at ${dbPath} cannot be opened (${cause}). ${failure.message.replace(/this change was not saved/, 'nothing was changed')}`);
}

function verify(dbPath: string, opts: VerifiedOptions): Verified {
  const { now, open = openDatabase, findGoodBackup, check = true, background, ...openOpts } = opts;
  const damaged = (reason: string): Degraded => {
    const damagedCopy = keepDamagedCopy(dbPath, fileStamp(now));
    let backup: string | null = null;
    try {
      backup = findGoodBackup?.() ?? null;
    } catch {
      backup = null;
    }
    return { reason, damagedCopy, newestGoodBackup: backup, restoreCommand: backup ? restoreCommand(backup, dbPath) : null };
  };
  const openWritable = (): { db: Db; fresh: boolean } => {
    const db = open(dbPath, { ...openOpts, migrate: false });
    try {
      const fresh = !hasTables(db);
      if (openOpts.migrate !== false && !openOpts.readonly) migrate(db, openOpts);
      return { db, fresh };
    } catch (err) {
      db.close();
      throw err;
    }
  };
  if (check && existsSync(dbPath) && statSync(dbPath).size > 0) {
    // A file so damaged that not even its schema reads has nothing to show read-only: the
    // counselor gets the same way back, as the reason it cannot open.
    const unopenable = (err: unknown) => new AppFailure('UNAVAILABLE', unopenableMessage(damaged((err as Error).message)));
    let ro: Db;
    try {
      ro = open(dbPath, { ...openOpts, readonly: true, migrate: false });
    } catch (err) {
      if (isDamage(err)) throw unopenable(err);
      throw err;
    }
    if (background && !openOpts.readonly && openOpts.migrate !== false) {
      let version: number;
      try {
        version = ro.pragma('user_version', { simple: true }) as number;
      } catch (err) {
        ro.close();
        if (isDamage(err)) throw unopenable(err);
        throw err;
      }
      if (version === SCHEMA_VERSION) return { db: ro, degraded: null, fresh: false, pending: checkInBackground(ro, dbPath, openOpts.key ?? null, background, () => openWritable().db, damaged) };
    }
    let health: Health;
    try {
      health = quickCheck(ro);
      if (!health.ok) ro.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (err) {
      ro.close();
      if (isDamage(err)) throw unopenable(err);
      throw err;
    }
    if (!health.ok) return { db: ro, degraded: damaged(health.reason), fresh: false };
    if (openOpts.readonly) return { db: ro, degraded: null, fresh: false };
    ro.close();
  }
  return { ...openWritable(), degraded: null };
}

function hasTables(db: Db): boolean {
  return (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n > 0;
}

function checkInBackground(ro: Db, dbPath: string, key: Buffer | null, runner: CheckRunner, openWritable: () => Db, degraded: (reason: string) => Degraded): PendingCheck {
  const run = runner(dbPath, key);
  // The worker could not run it: check here, on the read-only connection (slower, still checked).
  const here = (): Health => {
    if (!ro.open) return { ok: false, reason: 'the caseload was closed before its check ran' };
    try {
      return quickCheck(ro);
    } catch (err) {
      return { ok: false, reason: `the check could not run: ${(err as Error).message}` };
    }
  };
  return {
    health: run.health.then(
      (h) => h ?? here(),
      () => here(),
    ),
    cancel: run.cancel,
    openWritable,
    degraded,
  };
}

/**
 * A storage error of SQLite as a failure the counselor can act on, or null for any other error
 * (a constraint or a bug stays INTERNAL). Each says the change was not saved: SQLite rolled the
 * transaction back whole, so everything saved before is as it was.
 */
export function storageFailure(err: unknown, degraded: Degraded | null = null): AppFailure | null {
  const code = sqliteCode(err);
  if (!code) return null;
  if (degraded && /^SQLITE_(READONLY|CORRUPT|NOTADB)/.test(code)) return new AppFailure('UNAVAILABLE', degradedMessage(degraded));
  if (code.startsWith('SQLITE_FULL')) {
    return new AppFailure(
      'UNAVAILABLE',
      'The disk is full, so this change was not saved. Everything saved before is safe. Free some space on the drive that holds the caseload, then try again.',
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppFailure(
      'UNAVAILABLE',
      'The caseload is open read-only (the file, its folder or the drive does not allow changes), so this change was not saved. Everything saved before is safe. Make the caseload file and its folder writable (or copy the folder to a writable drive), then start the workstation again.',
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppFailure('UNAVAILABLE', 'The caseload is busy: another window or the command-line tool is writing to it. This change was not saved; try again in a moment.');
  }
  if (DAMAGE_CODES.test(code)) {
    return new AppFailure(
      'UNAVAILABLE',
      'The caseload file is damaged, so this change was not saved. Close the workstation and run: npm run cli -- check; then restore the newest good backup (npm run cli -- backups lists them).',
    );
  }
  if (/^SQLITE_(IOERR|CANTOPEN|PERM)/.test(code)) {
    return new AppFailure('UNAVAILABLE', 'The caseload file could not be read or written (a disk or network-drive problem), so this change was not saved. Check the drive, then try again.');
  }
  return null;
}
