import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../shared/ipc/result';
import { SCHEMA_VERSION } from '../db/migrations';
import { applyKey, encryptInPlace, fileKind, type Db } from '../db/connection';
import { isDamage } from '../db/integrity';
import { keyFilePath } from '../security/keys';

export type CheckReport = { ok: boolean; integrity: string[]; foreignKeys: number; schemaVersion: number; appSchemaVersion: number; members: number };

/** integrity_check, foreign_key_check and the schema version of an open database. */
export function checkDatabase(db: Db): CheckReport {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const foreignKeys = (db.pragma('foreign_key_check') as unknown[]).length;
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  const hasMembers = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'members'").get() as { n: number };
  const members = hasMembers.n ? (db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n : 0;
  const ok = integrity.length === 1 && integrity[0] === 'ok' && foreignKeys === 0 && schemaVersion === SCHEMA_VERSION;
  return { ok, integrity, foreignKeys, schemaVersion, appSchemaVersion: SCHEMA_VERSION, members };
}

/**
 * A consistent copy with `VACUUM INTO`, which also works once the database is encrypted (the
 * backup API does not): SQLite3 Multiple Ciphers writes the copy encrypted with the connection's
 * own key. The key file goes beside it (`OUT.keys.json`; it holds the data key only wrapped), so
 * the backup opens on a new laptop with the passphrase or the recovery key of its day. Written
 * beside the target first, then renamed, so a failure leaves no half-written backup.
 */
export function backupDatabase(db: Db, target: string): { path: string; bytes: number } {
  if (existsSync(target)) throw new AppFailure('CONFLICT', `${target} exists already; choose a new file name.`);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.partial`;
  const keys = db.memory ? null : keyFilePath(db.name);
  rmSync(tmp, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    if (keys && existsSync(keys) && keyFilePath(target) !== keys) copyFileSync(keys, keyFilePath(target));
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new AppFailure('UNAVAILABLE', `The backup could not be written to ${target}: ${(err as Error).message}`);
  }
  return { path: target, bytes: statSync(target).size };
}

function notADatabase(err: unknown): boolean {
  return (err as { code?: unknown })?.code === 'SQLITE_NOTADB';
}

/** A caseload file opened read-only, with the key when it is encrypted. */
function openReadOnly(path: string, key: Buffer | null): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    if (key && fileKind(path) === 'encrypted') applyKey(db, key);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** What a backup holds, before it replaces the caseload. */
export function previewBackup(path: string, key: Buffer | null = null): CheckReport & { latestUpdate: string | null } {
  if (!existsSync(path)) throw new AppFailure('NOT_FOUND', `No backup at ${path}.`);
  let db: Database.Database;
  try {
    db = openReadOnly(path, key);
  } catch (err) {
    throw new AppFailure('INVALID_INPUT', `${path} is not a caseload database: ${(err as Error).message}`);
  }
  try {
    // The schema reads: the file is a caseload this key opens. Damage found from here on is what
    // the check reports (ok false), not a reason to call it something else.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    try {
      const report = checkDatabase(db);
      const latest = report.members ? (db.prepare('SELECT max(updated_at) AS t FROM members').get() as { t: string | null }).t : null;
      return { ...report, latestUpdate: latest };
    } catch (err) {
      if (!isDamage(err)) throw err;
      const schemaVersion = db.pragma('user_version', { simple: true }) as number;
      return { ok: false, integrity: [(err as Error).message], foreignKeys: 0, schemaVersion, appSchemaVersion: SCHEMA_VERSION, members: 0, latestUpdate: null };
    }
  } catch (err) {
    if (notADatabase(err) && fileKind(path) === 'encrypted') {
      throw new AppFailure('LOCKED', `${path} is not a caseload database that ${key ? 'this key' : 'no key'} opens: an encrypted backup opens with the passphrase of the key file beside it (${keyFilePath(path)}).`);
    }
    throw new AppFailure('INVALID_INPUT', `${path} is not a caseload database: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * Replace the caseload with a checked backup (`checked`: the caller's own preview of it, so it
 * is not checked twice). The current file is kept aside as
 * `<db>.before-restore-<stamp>` (with its WAL checkpointed, or moved along when it cannot be),
 * never deleted. With a key, the restored file is encrypted: a plain (legacy) backup is encrypted
 * on its way in, so no plaintext lands where the caseload lives. A backup's key file comes along
 * when the caseload has none (a new laptop).
 */
export type BackupPreview = ReturnType<typeof previewBackup>;

/** A backup that fails its check, refused with what was found. */
export function refuseUnlessRestorable(backup: string, preview: BackupPreview): void {
  if (!preview.ok) throw new AppFailure('INVALID_INPUT', `${backup} fails its check (${preview.integrity.join('; ')}; schema ${preview.schemaVersion}); it was not restored. Choose an older backup.`);
}

export function restoreDatabase(backup: string, dbPath: string, stamp: string, opts: { key?: Buffer | null; checked?: BackupPreview } = {}): { keptAside: string | null } {
  const key = opts.key ?? null;
  // The caller's preview of this backup, made a moment ago, stands for the check.
  refuseUnlessRestorable(backup, opts.checked ?? previewBackup(backup, key));
  // The copy is made (and encrypted) beside the caseload before the caseload is moved: a full
  // disk or a failed encryption leaves the caseload where it was, untouched.
  const tmp = `${dbPath}.restoring`;
  try {
    copyFileSync(backup, tmp);
    if (key && fileKind(tmp) === 'plain') encryptInPlace(tmp, key);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Not ours to remove (not a file): the caseload is still untouched.
    }
    throw new AppFailure('UNAVAILABLE', `The backup could not be copied into place (${(err as Error).message}). The caseload was not changed; free some disk space and try again.`);
  }
  let keptAside: string | null = null;
  if (existsSync(dbPath)) {
    let checkpointed = false;
    try {
      const cur = new Database(dbPath, { fileMustExist: true });
      try {
        if (key && fileKind(dbPath) === 'encrypted') applyKey(cur, key);
        cur.pragma('wal_checkpoint(TRUNCATE)');
        checkpointed = true;
      } finally {
        cur.close();
      }
    } catch {
      checkpointed = false;
    }
    keptAside = `${dbPath}.before-restore-${stamp}`;
    renameSync(dbPath, keptAside);
    for (const ext of ['-wal', '-shm']) {
      if (!existsSync(`${dbPath}${ext}`)) continue;
      if (checkpointed) rmSync(`${dbPath}${ext}`, { force: true });
      else renameSync(`${dbPath}${ext}`, `${keptAside}${ext}`);
    }
  }
  renameSync(tmp, dbPath);
  const keys = keyFilePath(dbPath);
  if (!existsSync(keys) && existsSync(keyFilePath(backup))) copyFileSync(keyFilePath(backup), keys);
  return { keptAside };
}
