// The cross-process claim on a caseload: who may replace the file while someone else has it open.
//
// Ordinary use (the workstation, a roster import, `members list`, `check`, `backup`) takes a
// SHARED claim; any number of them coexist, and SQLite's own WAL locking orders their writes. A
// whole-file operation (a restore, the first encryption of a plain caseload, a passphrase change,
// a re-key, a new recovery key) takes the EXCLUSIVE claim: it is refused while anyone else holds
// any claim, and no one can take one while it runs.
//
// The claim is SQLite's own file locking on a small lock database beside the caseload
// (`<caseload>.lock`, rollback-journal mode): a shared claim is an open read transaction on it,
// the exclusive claim is `BEGIN EXCLUSIVE`. The operating system (POSIX fcntl locks, Windows
// LockFileEx) drops a dead process's locks by itself, so a crash never leaves a stale claim.
// Who holds a claim is written in a note per holder in `<caseload>.lock.d/` (program, pid, host,
// since) only to say so in the refusal; the lock is the lock, a note never grants or refuses.
// See docs/decisions.md ("The caseload claim").
import Database from 'better-sqlite3-multiple-ciphers';
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { AppFailure } from '../../shared/ipc/result';

export type ClaimMode = 'shared' | 'exclusive';

/** One holder's note: what the refusal names. */
export type ClaimHolder = { program: string; pid: number; host: string; mode: ClaimMode; since: string };

export type Claim = {
  readonly mode: ClaimMode | 'none';
  /**
   * A shared claim raised to the exclusive one for the length of `fn` (the app's own restore or
   * passphrase change), then back to shared. Refused, with who holds a claim, while anyone else
   * holds one; `fn` does not run then.
   */
  exclusively<T>(what: string, fn: () => T): T;
  /** Let go (idempotent). */
  release(): void;
};

export function lockPath(dbPath: string): string {
  return `${dbPath}.lock`;
}

function notesDir(dbPath: string): string {
  return `${dbPath}.lock.d`;
}

let seq = 0;

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

function alive(h: ClaimHolder): boolean {
  if (h.host !== hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The notes of the live holders (the lock database says whether there are any; these say who). */
export function claimHolders(dbPath: string, except?: string): ClaimHolder[] {
  const dir = notesDir(dbPath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: ClaimHolder[] = [];
  for (const name of names) {
    if (!name.endsWith('.json') || name === except) continue;
    try {
      const h = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ClaimHolder;
      if (typeof h.pid === 'number' && typeof h.program === 'string' && alive(h)) out.push(h);
    } catch {
      // A note half-written or removed meanwhile: not a holder to name.
    }
  }
  return out;
}

function describe(holders: ClaimHolder[]): string {
  if (holders.length === 0) return 'another program (it did not leave its name)';
  return holders.map((h) => `${h.program} (process ${h.pid}${h.host !== hostname() ? ` on ${h.host}` : ''}, since ${h.since})`).join(' and ');
}

function refusal(dbPath: string, what: string, holders: ClaimHolder[]): AppFailure {
  const exclusive = holders.find((h) => h.mode === 'exclusive');
  if (exclusive) {
    return new AppFailure('UNAVAILABLE', `${what} must wait: ${describe([exclusive])} is replacing or re-encrypting the caseload ${dbPath} right now. Nothing was changed; try again when it has finished.`);
  }
  return new AppFailure(
    'UNAVAILABLE',
    `${what} needs the caseload ${dbPath} to itself, and ${describe(holders)} has it open. Nothing was changed. Close it (quit the workstation, or let the command finish), then run this again.`,
  );
}

function folderWritable(dbPath: string): boolean {
  try {
    accessSync(dirname(dbPath), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function openLockDb(dbPath: string): Database.Database {
  mkdirSync(dirname(dbPath), { recursive: true });
  const db = new Database(lockPath(dbPath));
  try {
    db.pragma('busy_timeout = 2000');
    const has = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'claim'").get() as { n: number };
    if (!has.n) {
      db.pragma('journal_mode = DELETE');
      db.exec('CREATE TABLE IF NOT EXISTS claim (v INTEGER)');
    }
    db.pragma('busy_timeout = 0');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** An open read transaction: the shared lock, kept until COMMIT. */
function holdShared(db: Database.Database): void {
  db.exec('BEGIN');
  try {
    db.prepare('SELECT count(*) FROM claim').get();
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/**
 * Take a claim on the caseload at `dbPath` for `program` (named in a refusal). An exclusive
 * claim is refused at once while anyone holds any claim; a shared one waits a moment for a
 * whole-file operation to finish, then is refused. A caseload in a folder this process cannot
 * write (a read-only drive) cannot be replaced by anyone, so a shared claim there is no claim.
 */
export function claimCaseload(dbPath: string, mode: ClaimMode, program: string, what = program): Claim {
  if (mode === 'shared' && !folderWritable(dbPath)) {
    const readOnly = (w: string) => new AppFailure('UNAVAILABLE', `${w} cannot run: the folder of the caseload ${dbPath} is read-only. Nothing was changed.`);
    return {
      mode: 'none',
      exclusively: (w) => {
        throw readOnly(w);
      },
      release: () => undefined,
    };
  }
  let db: Database.Database;
  try {
    db = openLockDb(dbPath);
  } catch (err) {
    if (isBusy(err)) throw refusal(dbPath, what, claimHolders(dbPath));
    throw new AppFailure('UNAVAILABLE', `The caseload ${dbPath} cannot be claimed for ${what}: its lock file ${lockPath(dbPath)} cannot be opened (${(err as Error).message}).`);
  }
  const noteName = `${process.pid}-${++seq}-${Date.now()}.json`;
  const notePath = join(notesDir(dbPath), noteName);
  let current: ClaimMode | 'none' = 'none';

  const writeNote = (m: ClaimMode) => {
    try {
      mkdirSync(notesDir(dbPath), { recursive: true });
      const note: ClaimHolder = { program, pid: process.pid, host: hostname(), mode: m, since: new Date().toISOString() };
      writeFileSync(notePath, `${JSON.stringify(note)}\n`, { mode: 0o600 });
    } catch {
      // Only the refusal's wording depends on it.
    }
  };
  const removeNote = () => {
    rmSync(notePath, { force: true });
    try {
      rmdirSync(notesDir(dbPath));
    } catch {
      // Another holder's note is in it (or it is gone already).
    }
  };
  /** Holding the exclusive lock, every other note is a dead holder's. */
  const sweep = () => {
    try {
      for (const name of readdirSync(notesDir(dbPath))) if (name !== noteName) rmSync(join(notesDir(dbPath), name), { force: true });
    } catch {
      // Nothing to sweep.
    }
  };

  const takeShared = (waitMs: number) => {
    db.pragma(`busy_timeout = ${waitMs}`);
    try {
      holdShared(db);
    } finally {
      db.pragma('busy_timeout = 0');
    }
    current = 'shared';
    writeNote('shared');
  };
  const takeExclusive = (w: string) => {
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (err) {
      if (isBusy(err)) throw refusal(dbPath, w, claimHolders(dbPath, noteName));
      throw err;
    }
    current = 'exclusive';
    writeNote('exclusive');
    sweep();
  };
  const drop = () => {
    if (current === 'none') return;
    removeNote();
    if (db.inTransaction) db.exec('COMMIT');
    current = 'none';
  };

  try {
    if (mode === 'shared') {
      try {
        takeShared(5000);
      } catch (err) {
        if (isBusy(err)) throw refusal(dbPath, what, claimHolders(dbPath, noteName));
        throw err;
      }
    } else takeExclusive(what);
  } catch (err) {
    db.close();
    throw err;
  }

  return {
    get mode() {
      return current;
    },
    exclusively<T>(w: string, fn: () => T): T {
      if (current === 'exclusive') return fn();
      if (current !== 'shared') throw new AppFailure('INTERNAL', `${w}: the caseload claim was let go already.`);
      drop();
      try {
        takeExclusive(w);
      } catch (err) {
        // Back to shared; another's whole-file operation may hold it a moment.
        try {
          takeShared(10_000);
        } catch {
          // The claim is lost until the other operation ends: the next whole-file operation
          // here is refused, and the open connection goes on as any SQLite reader would.
        }
        throw err;
      }
      try {
        return fn();
      } finally {
        drop();
        try {
          takeShared(10_000);
        } catch {
          // As above.
        }
      }
    },
    release(): void {
      if (!db.open) return;
      drop();
      db.close();
    },
  };
}

/** Run `fn` holding the exclusive claim (a CLI whole-file command), then let it go. */
export function withExclusiveClaim<T>(dbPath: string, program: string, what: string, fn: () => T): T {
  const claim = claimCaseload(dbPath, 'exclusive', program, what);
  try {
    return fn();
  } finally {
    claim.release();
  }
}
