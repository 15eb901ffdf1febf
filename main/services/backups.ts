// Automatic backups of the caseload: one on the first open (unlock) of each calendar day and one
// before every migration, `caseload-YYYYMMDD-HHMMSS-<reason>.db` in the backup folder beside the
// caseload, the newest 14 kept. Each is made through the open connection (maintenance's
// backupDatabase: VACUUM INTO, which SQLite3 Multiple Ciphers writes with the connection's key),
// never by copying the file, so a backup is consistent and, once the caseload is encrypted, as
// encrypted as it is. `openCaseload` is the caseload's way in: check (main/db/integrity.ts),
// back up before a migration, migrate, back up for the day.
import { copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { AppFailure } from '../../shared/ipc/result';
import { encryptInPlace, fileKind, type Db, type OpenOptions } from '../db/connection';
import type { CheckRunner } from '../db/background-check';
import { openVerified, type Degraded, type Health, type Opener } from '../db/integrity';
import { keyFilePath } from '../security/keys';
import type { Clock } from './context';
import { backupDatabase, previewBackup } from './maintenance';

export const KEEP_BACKUPS = 14;

export type BackupReason = 'daily' | 'pre-migration';

export type BackupFile = {
  path: string;
  name: string;
  /** The counselor's calendar day of the backup, YYYY-MM-DD. */
  day: string;
  /** Local time of day, HH:MM:SS. */
  time: string;
  reason: BackupReason;
  bytes: number;
};

/** Writes a consistent copy of the open caseload to `target` (VACUUM INTO through the connection). */
export type MakeBackup = (target: string) => { path: string; bytes: number };

export type BackupOptions = {
  /** How the copy is made; maintenance.backupDatabase over the connection by default. */
  backup?: MakeBackup;
  /** How many to keep (KEEP_BACKUPS). */
  keep?: number;
  /** backupFolder(dbPath) by default. */
  folder?: string;
};

const NAME = /^caseload-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(daily|pre-migration)(?:-(\d+))?\.db$/;
/** A VACUUM INTO cut short (a crash, a kill) leaves `<name>.partial`; older than this it is litter. */
const STALE_PARTIAL_MS = 60 * 60 * 1000;

/**
 * `<userData>/backups/` for the desktop app's `caseload.db`; a caseload of another name (the
 * CLI's --db) gets `<name>.backups/` beside it, so two caseloads in one folder never share.
 */
export function backupFolder(dbPath: string): string {
  const stem = basename(dbPath, extname(dbPath));
  return join(dirname(dbPath), stem === 'caseload' ? 'backups' : `${stem}.backups`);
}

/** The automatic backups, newest first. */
export function listBackups(dbPath: string, folder = backupFolder(dbPath)): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const found: (BackupFile & { key: string; seq: number; mtime: number })[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const path = join(folder, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    found.push({
      path,
      name,
      day: `${m[1]}-${m[2]}-${m[3]}`,
      time: `${m[4]}:${m[5]}:${m[6]}`,
      reason: m[7] as BackupReason,
      bytes: st.size,
      key: `${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}`,
      seq: Number(m[8] ?? 1),
      mtime: st.mtimeMs,
    });
  }
  found.sort((a, b) => b.key.localeCompare(a.key) || b.seq - a.seq || b.mtime - a.mtime || b.name.localeCompare(a.name));
  return found.map((b) => ({ path: b.path, name: b.name, day: b.day, time: b.time, reason: b.reason, bytes: b.bytes }));
}

function stampOf(clock: Clock): { day: string; time: string } {
  const today = clock.today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new AppFailure('INTERNAL', `The clock's day ${JSON.stringify(today)} is not YYYY-MM-DD.`);
  const at = new Date(clock.now());
  const time = Number.isNaN(at.getTime()) ? '000000' : [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join('');
  return { day: today, time };
}

/** Remove all but the newest `keep` backups (and their key files), and stale partial copies. */
export function pruneBackups(dbPath: string, opts: { keep?: number; folder?: string; except?: string } = {}): string[] {
  const folder = opts.folder ?? backupFolder(dbPath);
  const keep = opts.keep ?? KEEP_BACKUPS;
  const removed: string[] = [];
  for (const b of listBackups(dbPath, folder).slice(keep)) {
    if (b.path === opts.except) continue;
    try {
      rmSync(b.path, { force: true });
      rmSync(keyFilePath(b.path), { force: true });
      removed.push(b.path);
    } catch {
      // Best effort: a backup that cannot be removed now is removed next time.
    }
  }
  try {
    for (const name of readdirSync(folder)) {
      if (!/^caseload-.*\.partial$/.test(name)) continue;
      const p = join(folder, name);
      if (Date.now() - statSync(p).mtimeMs > STALE_PARTIAL_MS) rmSync(p, { force: true });
    }
  } catch {
    // As above.
  }
  return removed;
}

/**
 * Back up the open caseload as `caseload-YYYYMMDD-HHMMSS-<reason>.db` (the clock's day, local
 * time) and prune to the newest 14. A 'daily' backup is made once per calendar day: when a daily
 * backup of today is there already, nothing is written and the answer is null. Throws
 * AppFailure('UNAVAILABLE') when the copy cannot be written (nothing half-written is left).
 */
export function autoBackup(db: Db, dbPath: string, clock: Clock, reason: BackupReason, opts: BackupOptions = {}): BackupFile | null {
  const folder = opts.folder ?? backupFolder(dbPath);
  const { day, time } = stampOf(clock);
  if (reason === 'daily' && listBackups(dbPath, folder).some((b) => b.reason === 'daily' && b.day === day)) return null;
  const stem = `caseload-${day.replace(/-/g, '')}-${time}-${reason}`;
  let target = join(folder, `${stem}.db`);
  for (let n = 2; existsSync(target) || existsSync(keyFilePath(target)); n++) target = join(folder, `${stem}-${n}.db`);
  const make = opts.backup ?? ((t: string) => backupDatabase(db, t));
  make(target);
  pruneBackups(dbPath, { keep: opts.keep, folder, except: target });
  const made = listBackups(dbPath, folder).find((b) => b.path === target);
  if (!made) throw new AppFailure('UNAVAILABLE', `The backup ${target} was not found after it was written.`);
  return made;
}

/**
 * The newest backup that would restore: integrity_check ok, no broken references, this app's
 * schema version (maintenance.previewBackup, with the key for an encrypted one). Newest first;
 * each check reads the whole file, so this is for when one is needed (a damaged caseload).
 */
export function newestGoodBackup(dbPath: string, opts: { folder?: string; key?: Buffer | null } = {}): BackupFile | null {
  for (const b of listBackups(dbPath, opts.folder ?? backupFolder(dbPath))) {
    try {
      if (previewBackup(b.path, opts.key ?? null).ok) return b;
    } catch {
      // Not a caseload, or not this key's: look further back.
    }
  }
  return null;
}

export type SealedBackups = { encrypted: string[]; failed: { path: string; message: string }[] };

/**
 * Encrypt in place, with the caseload's data key, every automatic backup still in plain SQLite
 * (made before the caseload's passphrase was set up), and put the caseload's key file beside
 * each, as a backup made encrypted has. Each is one transaction (encryptInPlace): a failure
 * leaves that backup plain and whole, to be tried again at the next run's first open. Cheap when there is
 * nothing to do: 16 bytes read per backup.
 */
export function encryptPlainBackups(dbPath: string, key: Buffer, folder = backupFolder(dbPath)): SealedBackups {
  const out: SealedBackups = { encrypted: [], failed: [] };
  const keys = keyFilePath(dbPath);
  for (const b of listBackups(dbPath, folder)) {
    try {
      if (fileKind(b.path) !== 'plain') continue;
      encryptInPlace(b.path, key);
      if (existsSync(keys)) copyFileSync(keys, keyFilePath(b.path));
      out.encrypted.push(b.path);
    } catch (err) {
      out.failed.push({ path: b.path, message: (err as Error).message });
    }
  }
  return out;
}

export type DailyBackup =
  | { status: 'pending' }
  | { status: 'written'; backup: BackupFile }
  | { status: 'skipped'; why: 'done-today' | 'new-caseload' | 'read-only' | 'damaged' }
  | { status: 'failed'; message: string };

/** What the app can show about its storage: a damaged caseload, and today's backup. */
export type StorageStatus = {
  degraded: Degraded | null;
  dailyBackup: DailyBackup | null;
  /** The open check is running in the background: the caseload reads, and changes wait for it (worked out when asked). */
  checking?: boolean;
  /** The caseload passed its check but stays open read-only, and why (it could not be opened for writing). */
  readOnly?: string | null;
};

export type OpenCaseloadOptions = OpenOptions &
  Omit<BackupOptions, 'backup'> & {
    clock: Clock;
    /** How the file is opened (openDatabase by default). */
    open?: Opener;
    /** How a backup is made through a given connection (maintenance.backupDatabase by default). */
    backup?: (db: Db) => MakeBackup;
    /**
     * false: skip the check on open (an unlock after an idle lock, in a run whose first open
     * passed it); the backups before a migration and of the day are still made.
     */
    check?: boolean;
    /**
     * Run the day's backup later instead of before returning: the caller gets the caseload
     * first (an unlock answers at once) and `later(run)` decides when `run` makes the backup.
     */
    deferDailyBackup?: (run: () => DailyBackup, db: Db) => void;
    /** Check a caseload that needs no migration in the background (main/db/background-check.ts). */
    background?: CheckRunner;
  };

/** The check of a first open running in the background (OpenCaseloadOptions.background). */
export type PendingOpen = {
  /** What quick_check found; never rejects. */
  health: Promise<Health>;
  /** Stop it: the caseload was locked or closed meanwhile. */
  cancel: () => void;
  /** The check passed: the writable connection, with the day's backup made or scheduled as on any open. */
  passed: () => OpenedCaseload;
  /** It failed: the read-only connection stays in use; the damaged copy and the newest good backup. */
  failed: (reason: string) => Degraded;
};

export type OpenedCaseload = StorageStatus & {
  db: Db;
  /** Set when the check runs in the background: `db` is read-only until it passes. */
  pending?: PendingOpen;
};

/**
 * Open the caseload for the app: quick_check first (a damaged file opens read-only, see
 * main/db/integrity.ts); a backup before pending migrations, which are refused if it fails (not
 * for a new, empty file); the migrations; then the day's backup, whose failure is reported but
 * does not keep the counselor out. With `background`, a caseload that needs no migration opens
 * read-only at once and is checked meanwhile (`pending`); the day's backup waits for the pass.
 */
export function openCaseload(dbPath: string, opts: OpenCaseloadOptions): OpenedCaseload {
  const { clock, backup, folder, keep, open, ...openOpts } = opts;
  const backupOpts = (db: Db): BackupOptions => ({ backup: backup?.(db), folder, keep });
  const verified = openVerified(dbPath, {
    ...openOpts,
    open,
    now: clock.now(),
    findGoodBackup: () => newestGoodBackup(dbPath, { folder, key: openOpts.key ?? null })?.path ?? null,
    beforeMigrate: (from, to, db) => {
      openOpts.beforeMigrate?.(from, to, db);
      // Version 0 is a new file: the app's data starts at version 1.
      if (from === 0) return;
      try {
        autoBackup(db, dbPath, clock, 'pre-migration', backupOpts(db));
      } catch (err) {
        throw new AppFailure(
          'UNAVAILABLE',
          `The caseload was not upgraded from schema version ${from} to ${to}, because the backup before the upgrade could not be made (${(err as Error).message}). Nothing was changed; free some disk space and start again.`,
        );
      }
    },
  });
  const daily = (db: Db, degraded: Degraded | null, fresh: boolean): DailyBackup => {
    if (degraded) return { status: 'skipped', why: 'damaged' };
    if (openOpts.readonly) return { status: 'skipped', why: 'read-only' };
    if (fresh) return { status: 'skipped', why: 'new-caseload' };
    const run = (): DailyBackup => {
      if (!db.open) return { status: 'failed', message: 'the caseload was closed before the backup ran' };
      try {
        const made = autoBackup(db, dbPath, clock, 'daily', backupOpts(db));
        return made ? { status: 'written', backup: made } : { status: 'skipped', why: 'done-today' };
      } catch (err) {
        return { status: 'failed', message: (err as Error).message };
      }
    };
    if (!opts.deferDailyBackup) return run();
    opts.deferDailyBackup(run, db);
    return { status: 'pending' };
  };
  const { db, degraded, fresh, pending } = verified;
  if (!pending) return { db, degraded, dailyBackup: daily(db, degraded, fresh) };
  return {
    db,
    degraded: null,
    dailyBackup: { status: 'pending' },
    pending: {
      health: pending.health,
      cancel: pending.cancel,
      passed: () => {
        const writable = pending.openWritable();
        return { db: writable, degraded: null, dailyBackup: daily(writable, null, false) };
      },
      failed: pending.degraded,
    },
  };
}

/**
 * The desktop app's scheduler for the day's backup: shortly after an unlock has answered and the
 * first screen has loaded, so the counselor never waits on the backup to get in.
 */
export function afterUnlock(task: () => void, delayMs = 1500): void {
  setTimeout(task, delayMs).unref?.();
}

