import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../shared/ipc/result';
import { SCHEMA_VERSION } from '../db/migrations';
import type { Db } from '../db/connection';

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
 * backup API does not). Written beside the target first, then renamed, so a failure leaves no
 * half-written backup.
 */
export function backupDatabase(db: Db, target: string): { path: string; bytes: number } {
  if (existsSync(target)) throw new AppFailure('CONFLICT', `${target} exists already; choose a new file name.`);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.partial`;
  rmSync(tmp, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new AppFailure('UNAVAILABLE', `The backup could not be written to ${target}: ${(err as Error).message}`);
  }
  return { path: target, bytes: statSync(target).size };
}

/** What a backup holds, before it replaces the caseload. */
export function previewBackup(path: string): CheckReport & { latestUpdate: string | null } {
  if (!existsSync(path)) throw new AppFailure('NOT_FOUND', `No backup at ${path}.`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new AppFailure('INVALID_INPUT', `${path} is not a caseload database: ${(err as Error).message}`);
  }
  try {
    const report = checkDatabase(db);
    const latest = report.members ? (db.prepare('SELECT max(updated_at) AS t FROM members').get() as { t: string | null }).t : null;
    return { ...report, latestUpdate: latest };
  } catch (err) {
    throw new AppFailure('INVALID_INPUT', `${path} is not a caseload database: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * Replace the caseload with a checked backup. The current file is kept aside as
 * `<db>.before-restore-<stamp>` (with its WAL checkpointed), never deleted.
 */
export function restoreDatabase(backup: string, dbPath: string, stamp: string): { keptAside: string | null } {
  const preview = previewBackup(backup);
  if (!preview.ok) throw new AppFailure('INVALID_INPUT', `${backup} fails its check (${preview.integrity.join('; ')}; schema ${preview.schemaVersion}); it was not restored.`);
  let keptAside: string | null = null;
  if (existsSync(dbPath)) {
    const cur = new Database(dbPath);
    cur.pragma('wal_checkpoint(TRUNCATE)');
    cur.close();
    keptAside = `${dbPath}.before-restore-${stamp}`;
    renameSync(dbPath, keptAside);
    for (const ext of ['-wal', '-shm']) rmSync(`${dbPath}${ext}`, { force: true });
  }
  const tmp = `${dbPath}.restoring`;
  copyFileSync(backup, tmp);
  renameSync(tmp, dbPath);
  return { keptAside };
}
