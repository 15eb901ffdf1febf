// Re-keying the caseload: a new data key, every page of the database re-encrypted in place with
// SQLite3 Multiple Ciphers' rekey, and a new key file. Every passphrase change and every new
// recovery key does it, so an old passphrase (or a revoked recovery key) with any old copy of the
// key file opens only what was encrypted before, never the caseload as it is now.
//
// The order makes a crash at any point recoverable with the secret just given:
//   1. the new key file is written beside the old one as `<keys>.next` (synced);
//   2. the database is re-keyed (one transaction: a crash leaves it under the old key or the new);
//   3. `<keys>.next` is renamed over the key file.
// An unlock that finds `<keys>.next` (a crash between 1 and 3) tries both with the secret given
// and keeps the one that opens the database (unlockCaseload).
//
// The key files of the backups made under the old data key are rewritten with the new passphrase
// and the current recovery key (they still hold the old data key: that is what opens those
// backups), so the old passphrase opens none of them either. Key files of older data keys (before
// an earlier re-key) cannot be rewritten without their key; they open only their own backups.
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../shared/ipc/result';
import { applyKey } from '../db/connection';
import { buildKeyFile, DATA_KEY_BYTES, keyIdOf, newRecoveryKey, readKeyFile, recoveryPublic, unlockKeys, writeKeyFile, type KeyFile, type RecoveryPublic, type ScryptParams, type Secret } from '../security/keys';
import { backupFolder } from '../services/backups';

export type RekeyOptions = {
  /** 'keep': the same recovery key (its public half, from the key file); 'new': a new one, the old revoked. */
  recovery: 'keep' | 'new';
  /** The recovery key, when the caller was given it: a version-1 key file then keeps it as it is. */
  recoveryProof?: Secret | null;
  /**
   * The secret the caller was given (its passphrase or recovery key): key files of an older data
   * key that it opens are rewritten too (one scrypt derivation per such file).
   */
  proof?: Secret | null;
  now: string;
  scrypt?: ScryptParams;
};

export type Rekeyed = {
  /** The new data key: the caller opens the caseload with it and zeroes it. */
  dataKey: Buffer;
  /** A new recovery key (shown once), when one was made; null when the old one stands. */
  recoveryKey: string | null;
  /** The backups' key files rewritten for the new passphrase. */
  rewrapped: string[];
};

/** Whether `key` opens the database at `dbPath` (one read; nothing written). */
export function keyOpens(dbPath: string, key: Buffer): boolean {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

function pendingPath(keyFile: string): string {
  return `${keyFile}.next`;
}

/**
 * The data key that opens the caseload, from the secret: the key file's, or, after a re-key cut
 * short, `<keys>.next`'s (which is then put in place). LOCKED when the secret is wrong.
 */
export function unlockCaseload(dbPath: string, keyFile: string, secret: Secret): Buffer {
  const next = pendingPath(keyFile);
  if (!existsSync(next)) return unlockKeys(readKeyFile(keyFile), secret);
  let current: Buffer | null = null;
  try {
    current = unlockKeys(readKeyFile(keyFile), secret);
    if (!existsSync(dbPath) || keyOpens(dbPath, current)) {
      // Cut short before the database was re-keyed: the old key file stands.
      rmSync(next, { force: true });
      return current;
    }
  } catch (err) {
    if (!(err instanceof AppFailure)) throw err;
  }
  current?.fill(0);
  const pending = unlockKeys(readKeyFile(next), secret);
  if (!keyOpens(dbPath, pending)) {
    pending.fill(0);
    throw new AppFailure('LOCKED', 'Neither the key file nor the one of an interrupted passphrase change opens this caseload. Nothing was changed.');
  }
  renameSync(next, keyFile);
  return pending;
}

/** The key files beside the caseload and in its backup folder (not the caseload's own). */
function keyFilesAround(dbPath: string, keyFile: string): string[] {
  const out: string[] = [];
  for (const dir of new Set([dirname(dbPath), backupFolder(dbPath)])) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) if (name.endsWith('.keys.json') && join(dir, name) !== keyFile) out.push(join(dir, name));
  }
  return out;
}

/** Re-encrypt every page of the database from `from` to `to` (the caller holds the exclusive claim). */
function rekeyDatabase(dbPath: string, from: Buffer, to: Buffer): void {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    applyKey(db, from);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    // SQLite3 Multiple Ciphers re-keys a rollback-journal database only: the WAL goes into the
    // file first, and WAL mode comes back after.
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    applyKey(db, to, 'rekey');
  } finally {
    db.close();
  }
  // Back to WAL under the new key (a failure here leaves a sound database in rollback mode; the
  // next open sets WAL again).
  try {
    const again = new Database(dbPath, { fileMustExist: true });
    try {
      applyKey(again, to);
      again.pragma('journal_mode = WAL');
    } finally {
      again.close();
    }
  } catch {
    // As above.
  }
}

/**
 * Re-key the caseload at `dbPath` from `currentKey` (proven by the caller) to a new data key,
 * its key file wrapped under `passphrase` (a new one, or the current one for `key rekey`). Nothing
 * else may have the caseload open: the caller holds the exclusive claim (main/caseload/claim.ts).
 */
export function rekeyCaseload(dbPath: string, keyFile: string, currentKey: Buffer, passphrase: Secret, opts: RekeyOptions): Rekeyed {
  const oldBytes = readFileSync(keyFile);
  const file: KeyFile = readKeyFile(keyFile);
  if (file.version === 2 && file.keyId !== keyIdOf(currentKey)) throw new AppFailure('INTERNAL', 'The key given is not the one of this key file; nothing was changed.');
  const params = opts.scrypt ?? { N: file.wraps.passphrase.kdf.N, r: file.wraps.passphrase.kdf.r, p: file.wraps.passphrase.kdf.p };
  let recovery: RecoveryPublic;
  let recoveryKey: string | null = null;
  if (opts.recovery === 'new' || (file.version === 1 && !opts.recoveryProof)) {
    // A version-1 key file seals the recovery wrap with the recovery key itself: without it, a
    // new data key can only get a new recovery key.
    const made = newRecoveryKey(params);
    recovery = made.pub;
    recoveryKey = made.text;
  } else if (file.version === 1) recovery = recoveryPublic(opts.recoveryProof!.bytes, params);
  else recovery = { kdf: file.wraps.recovery.kdf, publicKey: file.wraps.recovery.publicKey };

  const dataKey = randomBytes(DATA_KEY_BYTES);
  const next = pendingPath(keyFile);
  let rekeyed = false;
  try {
    try {
      writeKeyFile(next, buildKeyFile(dataKey, passphrase, recovery, { created: file.created, now: opts.now, scrypt: params }));
    } catch (err) {
      const full = err instanceof AppFailure && err.message.startsWith('The disk is full');
      throw new AppFailure('UNAVAILABLE', `${full ? 'The disk is full, so the' : 'The'} new key file could not be written beside ${keyFile}; the caseload, its passphrase and its recovery key are as they were. ${full ? 'Free some space' : 'Check the drive'} and try again.`);
    }
    try {
      rekeyDatabase(dbPath, currentKey, dataKey);
      rekeyed = true;
    } catch (err) {
      if (keyOpens(dbPath, dataKey)) rekeyed = true;
      else throw new AppFailure('UNAVAILABLE', `The caseload could not be re-encrypted (${(err as Error).message}); it is unchanged, and the passphrase and recovery key are as they were. Free some disk space and try again.`);
    }
    renameSync(next, keyFile);
  } catch (err) {
    if (!rekeyed) {
      rmSync(next, { force: true });
      dataKey.fill(0);
    }
    // Re-keyed but the rename failed: `<keys>.next` opens it, and the next unlock puts it in place.
    throw err;
  }

  // The key files of the old data key's backups: the new passphrase and recovery key, the old
  // data key (which is what opens those backups).
  const rewrapped: string[] = [];
  const oldId = keyIdOf(currentKey);
  for (const p of keyFilesAround(dbPath, keyFile)) {
    try {
      const bytes = readFileSync(p);
      const other = readKeyFile(p);
      const same = bytes.equals(oldBytes) || (other.version === 2 && other.keyId === oldId);
      let key: Buffer | null = same ? Buffer.from(currentKey) : null;
      // An older data key's file: rewritten when the secret given (or the passphrase kept) opens it.
      for (const secret of [opts.proof, passphrase]) {
        if (key || !secret) continue;
        try {
          key = unlockKeys(other, secret);
        } catch {
          key = null;
        }
      }
      if (!key) continue;
      try {
        writeKeyFile(p, buildKeyFile(key, passphrase, recovery, { created: other.created, now: opts.now, scrypt: params }));
      } finally {
        key.fill(0);
      }
      rewrapped.push(p);
    } catch {
      // Not a key file of ours, or unwritable: left as it is (it opens only old files).
    }
  }
  // The copies kept aside beside the caseload (before a restore, a damaged one) read the
  // caseload's own key file, which no longer opens them: each gets its own, under the new
  // passphrase.
  const stem = basename(dbPath);
  for (const name of (() => {
    try {
      return readdirSync(dirname(dbPath));
    } catch {
      return [];
    }
  })()) {
    if (!(name.startsWith(`${stem}.before-restore-`) || name.startsWith(`${stem}.damaged-`)) || /-(wal|shm)$|\.keys\.json$/.test(name)) continue;
    const p = join(dirname(dbPath), `${name}.keys.json`);
    if (existsSync(p)) continue;
    try {
      if (!keyOpens(join(dirname(dbPath), name), currentKey)) continue;
      writeKeyFile(p, buildKeyFile(currentKey, passphrase, recovery, { created: file.created, now: opts.now, scrypt: params }));
      rewrapped.push(p);
    } catch {
      // As above.
    }
  }
  return { dataKey, recoveryKey, rewrapped };
}
