// The caseload's key file (`caseload.keys.json` beside `caseload.db`): one random 256-bit data
// key encrypts the database; the file holds it only wrapped (AES-256-GCM), once under a key
// derived from the counselor's passphrase and once under a key derived from the agency recovery
// key. Changing the passphrase rewraps the data key; the database pages are never rewritten.
//
// Secrets are Buffers, zeroed as soon as they are used. What arrives as a string (a passphrase
// typed into a form, the recovery key shown once) is turned into bytes at the edge.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { AppFailure } from '../../shared/ipc/result';

/** The SQLite3 Multiple Ciphers scheme of the database: ChaCha20-Poly1305, a tag on every page. */
export const DB_CIPHER = 'chacha20';
export const DATA_KEY_BYTES = 32;
const RECOVERY_KEY_BYTES = 20;
const FORMAT = 'mosers-caseload-keys';

export type ScryptParams = { N: number; r: number; p: number };
/**
 * scrypt at N = 2^17, r = 8, p = 1: 128 MiB and about 0.35 s per derivation on a field laptop,
 * the memory cost being what slows a guessing rig. Tests pass cheaper parameters.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const wrapSchema = z.strictObject({
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z.number().int().min(2 ** 10).max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: b64,
  }),
  alg: z.literal('aes-256-gcm'),
  iv: b64,
  tag: b64,
  wrappedKey: b64,
});
const keyFileSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  cipher: z.literal(DB_CIPHER),
  wraps: z.strictObject({ passphrase: wrapSchema, recovery: wrapSchema }),
  created: z.string(),
  changed: z.string(),
});
export type KeyFile = z.infer<typeof keyFileSchema>;
type Wrap = z.infer<typeof wrapSchema>;
export type WrapKind = keyof KeyFile['wraps'];

/** A secret that opens the key file, as bytes. The caller zeroes it. */
export type Secret = { kind: WrapKind; bytes: Buffer };

/** `caseload.db` → `caseload.keys.json`, in the same folder. */
export function keyFilePath(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}.keys.json`);
}

/** A passphrase as NFC UTF-8 bytes (the same words typed on another keyboard give the same key). */
export function passphraseSecret(passphrase: string): Secret {
  return { kind: 'passphrase', bytes: Buffer.from(passphrase.normalize('NFC'), 'utf8') };
}

// Crockford's base32: no I, L, O or U, so a key read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The recovery key as shown once: 32 characters in groups of four (160 random bits). */
function formatRecoveryKey(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{1,4}/g)!.join('-');
}

/** The recovery key typed back: case, spaces and dashes do not matter; O reads as 0, I and L as 1. */
export function recoverySecret(text: string): Secret {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const out = Buffer.alloc(RECOVERY_KEY_BYTES);
  if (clean.length !== (RECOVERY_KEY_BYTES * 8) / 5) return { kind: 'recovery', bytes: Buffer.alloc(0) };
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) {
      out.fill(0);
      return { kind: 'recovery', bytes: Buffer.alloc(0) };
    }
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out[n++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return { kind: 'recovery', bytes: out };
}

function derive(secret: Buffer, kdf: Wrap['kdf']): Buffer {
  const salt = Buffer.from(kdf.salt, 'base64');
  return scryptSync(secret, salt, DATA_KEY_BYTES, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 });
}

/** The wrap is bound to its kind and to the cipher, so one cannot be swapped for the other. */
function aad(kind: WrapKind): Buffer {
  return Buffer.from(`${FORMAT}:1:${DB_CIPHER}:${kind}`, 'utf8');
}

function seal(dataKey: Buffer, secret: Secret, params: ScryptParams): Wrap {
  const kdf = { name: 'scrypt' as const, ...params, salt: randomBytes(16).toString('base64') };
  const kek = derive(secret.bytes, kdf);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(aad(secret.kind));
    const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    const out = { kdf, alg: 'aes-256-gcm' as const, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrappedKey: wrapped.toString('base64') };
    wrapped.fill(0);
    return out;
  } finally {
    kek.fill(0);
  }
}

function open(wrap: Wrap, secret: Secret): Buffer {
  if (secret.bytes.length === 0) throw wrongSecret(secret.kind);
  const kek = derive(secret.bytes, wrap.kdf);
  const wrapped = Buffer.from(wrap.wrappedKey, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrap.iv, 'base64'));
    decipher.setAAD(aad(secret.kind));
    decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'));
    const head = decipher.update(wrapped);
    let tail: Buffer;
    try {
      tail = decipher.final();
    } catch {
      head.fill(0);
      throw wrongSecret(secret.kind);
    }
    const key = Buffer.concat([head, tail]);
    head.fill(0);
    if (key.length !== DATA_KEY_BYTES) {
      key.fill(0);
      throw wrongSecret(secret.kind);
    }
    return key;
  } finally {
    kek.fill(0);
    wrapped.fill(0);
  }
}

function wrongSecret(kind: WrapKind): AppFailure {
  return kind === 'passphrase'
    ? new AppFailure('LOCKED', 'That passphrase is not right. Nothing was changed; try again.', { passphrase: 'is not right' })
    : new AppFailure('LOCKED', 'That recovery key is not right. Nothing was changed; check it and try again.', { recoveryKey: 'is not right' });
}

export function readKeyFile(path: string): KeyFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppFailure('NOT_FOUND', `No key file at ${path}: the caseload has no passphrase yet.`);
    throw new AppFailure('UNAVAILABLE', `The key file ${path} cannot be read: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppFailure('UNAVAILABLE', `The key file ${path} is damaged (not JSON). Restore it from the copy beside your latest backup.`);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw new AppFailure('UNAVAILABLE', `The key file ${path} is damaged or from a newer app. Restore it from the copy beside your latest backup.`);
  return parsed.data;
}

/** Written beside, synced, then renamed over: a crash leaves the old file or the new, never half. */
export function writeKeyFile(path: string, file: KeyFile): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export type CreatedKeys = {
  /** The new data key: the caller opens the database with it and zeroes it when done. */
  dataKey: Buffer;
  /** Shown to the counselor once, to hand to the agency; never stored in clear. */
  recoveryKey: string;
};

/** A new random data key and recovery key, wrapped and written to `path` (which must not exist). */
export function createKeyFile(path: string, passphrase: Secret, opts: { now: string; scrypt?: ScryptParams }): CreatedKeys {
  if (existsSync(path)) throw new AppFailure('CONFLICT', `A key file exists already at ${path}; change the passphrase instead.`);
  const params = opts.scrypt ?? DEFAULT_SCRYPT;
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const recovery = randomBytes(RECOVERY_KEY_BYTES);
  try {
    const file: KeyFile = {
      format: FORMAT,
      version: 1,
      cipher: DB_CIPHER,
      wraps: { passphrase: seal(dataKey, passphrase, params), recovery: seal(dataKey, { kind: 'recovery', bytes: recovery }, params) },
      created: opts.now,
      changed: opts.now,
    };
    writeKeyFile(path, file);
    return { dataKey, recoveryKey: formatRecoveryKey(recovery) };
  } catch (err) {
    dataKey.fill(0);
    throw err;
  } finally {
    recovery.fill(0);
  }
}

/** The data key, from the passphrase or the recovery key; LOCKED when the secret is wrong. */
export function unlockKeyFile(path: string, secret: Secret): Buffer {
  const file = readKeyFile(path);
  return open(file.wraps[secret.kind], secret);
}

/**
 * A new passphrase, proven by the current one or by the recovery key: only the passphrase wrap
 * is rewritten (the data key, the recovery wrap and the database stay as they are).
 */
export function changePassphrase(path: string, proof: Secret, next: Secret, opts: { now: string; scrypt?: ScryptParams }): void {
  const dataKey = unlockKeyFile(path, proof);
  try {
    setPassphrase(path, dataKey, next, opts);
  } finally {
    dataKey.fill(0);
  }
}

/** Rewrap a data key the caller has already proven (unlocked) under a new passphrase. */
export function setPassphrase(path: string, dataKey: Buffer, next: Secret, opts: { now: string; scrypt?: ScryptParams }): void {
  const file = readKeyFile(path);
  const current = file.wraps.passphrase.kdf;
  const params = opts.scrypt ?? { N: current.N, r: current.r, p: current.p };
  writeKeyFile(path, { ...file, wraps: { ...file.wraps, passphrase: seal(dataKey, next, params) }, changed: opts.now });
}

const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * The key as SQLite3 Multiple Ciphers takes a raw key, `x'<64 hex digits>'` (no key derivation
 * of its own: the data key is random already), spelled byte by byte into a Buffer so it never
 * becomes a JavaScript string. The caller hands it to `db.key()`/`db.rekey()` and zeroes it.
 */
export function rawKeyBytes(dataKey: Buffer): Buffer {
  if (dataKey.length !== DATA_KEY_BYTES) throw new AppFailure('LOCKED', 'The caseload key is missing or damaged.');
  const out = Buffer.alloc(3 + DATA_KEY_BYTES * 2);
  out[0] = 0x78; // x
  out[1] = 0x27; // '
  for (let i = 0; i < DATA_KEY_BYTES; i++) {
    out[2 + 2 * i] = HEX[dataKey[i]! >> 4]!;
    out[3 + 2 * i] = HEX[dataKey[i]! & 15]!;
  }
  out[out.length - 1] = 0x27;
  return out;
}
