import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { AppFailure } from '../../shared/ipc/result';
import { migrate, SCHEMA_VERSION } from '../db/migrations';
import { applyKey, encryptInPlace, fileKind, type Db } from '../db/connection';
import { isDamage } from '../db/integrity';
import { keyFilePath } from '../security/keys';

export type CheckReport = { ok: boolean; integrity: string[]; foreignKeys: number; schemaVersion: number; appSchemaVersion: number; members: number };

let expectedSchema: Set<string> | null = null;

/** Every table and index this app's migrations make ('table members', 'index members_last4'), worked out once. */
function schemaOfThisApp(): Set<string> {
  if (expectedSchema) return expectedSchema;
  const mem = new Database(':memory:');
  try {
    migrate(mem);
    expectedSchema = new Set(objectsOf(mem));
  } finally {
    mem.close();
  }
  return expectedSchema;
}

function objectsOf(db: Db): string[] {
  return (db.prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%'").all() as { type: string; name: string }[]).map((r) => `${r.type} ${r.name}`);
}

/**
 * integrity_check, foreign_key_check, the schema version of an open database, and, for a file of
 * this app's version, that it has every table and index that version has (a file claiming the
 * version with a table missing is not a caseload to restore); what is missing is listed with the
 * integrity lines as `schema: missing …`.
 */
export function checkDatabase(db: Db): CheckReport {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const foreignKeys = (db.pragma('foreign_key_check') as unknown[]).length;
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  const hasMembers = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'members'").get() as { n: number };
  let members = 0;
  try {
    members = hasMembers.n ? (db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n : 0;
  } catch {
    members = 0;
  }
  if (schemaVersion === SCHEMA_VERSION) {
    const present = new Set(objectsOf(db));
    const missing = [...schemaOfThisApp()].filter((o) => !present.has(o));
    if (missing.length > 0) {
      if (integrity.length === 1 && integrity[0] === 'ok') integrity.length = 0;
      integrity.push(`schema: missing ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ` and ${missing.length - 8} more` : ''}`);
    }
  }
  const ok = integrity.length === 1 && integrity[0] === 'ok' && foreignKeys === 0 && schemaVersion === SCHEMA_VERSION;
  return { ok, integrity, foreignKeys, schemaVersion, appSchemaVersion: SCHEMA_VERSION, members };
}

/** Bytes written and synced to a new file (never one that exists). */
function writeNew(path: string, bytes: Buffer): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const DATABASE_NAME = /\.(db|sqlite|sqlite3|db3|bak|backup)$/i;

/**
 * Another database beside `target` whose key file would be the same file (`b.db` and `b.bak`
 * both name `b.keys.json`): a file of the same stem named like a database or holding one.
 */
function keyFileOwner(target: string, dbPath: string | null): string | null {
  const stem = basename(keyFilePath(target), '.keys.json');
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return null;
  }
  for (const name of names) {
    const p = join(dirname(target), name);
    if (p === target || basename(name, extname(name)) !== stem || name.endsWith('.json')) continue;
    try {
      if (!statSync(p).isFile()) continue;
      if (p === dbPath || DATABASE_NAME.test(name) || fileKind(p) === 'plain') return p;
    } catch {
      // Gone meanwhile.
    }
  }
  return null;
}

export type BackupWriteOptions = {
  /** The counselor named an existing target and asked for it to be replaced (`backup OUT --force`). */
  force?: boolean;
};

/**
 * A consistent copy with `VACUUM INTO`, which also works once the database is encrypted (the
 * backup API does not): SQLite3 Multiple Ciphers writes the copy encrypted with the connection's
 * own key. The key file goes beside it (`OUT.keys.json`; it holds the data key only wrapped), so
 * the backup opens on a new laptop with the passphrase or the recovery key of its day.
 *
 * A backup never overwrites a file it did not create: the database and its key file are written
 * as a pair to new names beside the target (`….partial`, synced), then moved into place; a target
 * or key file that exists is refused unless `force` (the counselor named it); a key file name
 * that belongs with another database beside it (`b.bak` next to `b.db`: both are `b.keys.json`)
 * is refused even then, and so is the caseload itself. A failure leaves no partial file and the
 * old pair as it was.
 */
export function backupDatabase(db: Db, target: string, opts: BackupWriteOptions = {}): { path: string; bytes: number; keyFile: string | null } {
  target = resolve(target);
  const dbPath = db.memory ? null : resolve(db.name);
  const keys = dbPath ? keyFilePath(dbPath) : null;
  const targetKeys = keyFilePath(target);
  if (target === dbPath || target === keys || targetKeys === keys || (dbPath && [`${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}.lock`].includes(target))) {
    throw new AppFailure('CONFLICT', `${target} is the caseload itself or one of its files; a backup goes to a new file. Nothing was written.`);
  }
  const owner = keyFileOwner(target, dbPath);
  if (owner) {
    throw new AppFailure('CONFLICT', `A backup at ${target} would keep its key file as ${targetKeys}, which belongs with ${owner}. Nothing was written; choose a name that does not share "${basename(targetKeys, '.keys.json')}" with another database (for example ${join(dirname(target), `${basename(targetKeys, '.keys.json')}-backup.db`)}).`);
  }
  for (const p of [target, targetKeys]) {
    if (!existsSync(p)) continue;
    if (!opts.force) throw new AppFailure('CONFLICT', `${p} exists already. Nothing was written; choose a new file name, or add --force to replace that backup.`);
    if (!statSync(p).isFile()) throw new AppFailure('CONFLICT', `${p} exists and is not a file; nothing was written.`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = `${target}.${tag}.partial`;
  const tmpKeys = `${targetKeys}.${tag}.partial`;
  const oldKeys = `${targetKeys}.${tag}.replaced`;
  let movedOld = false;
  let keysInPlace = false;
  const hasKeys = keys !== null && existsSync(keys);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    syncFile(tmp);
    if (hasKeys) writeNew(tmpKeys, readFileSync(keys));
    // The pair moves in: the old key file aside, the new one in, then the database; a failure
    // on the way puts the old key file back.
    if (existsSync(targetKeys)) {
      renameSync(targetKeys, oldKeys);
      movedOld = true;
    }
    if (hasKeys) {
      renameSync(tmpKeys, targetKeys);
      keysInPlace = true;
    }
    renameSync(tmp, target);
  } catch (err) {
    for (const p of [tmp, tmpKeys]) rmSync(p, { force: true });
    if (keysInPlace) rmSync(targetKeys, { force: true });
    if (movedOld) renameSync(oldKeys, targetKeys);
    throw new AppFailure('UNAVAILABLE', `The backup could not be written to ${target}: ${(err as Error).message}. Nothing was left half-written.`);
  }
  if (movedOld) rmSync(oldKeys, { force: true });
  return { path: target, bytes: statSync(target).size, keyFile: hasKeys ? targetKeys : null };
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
