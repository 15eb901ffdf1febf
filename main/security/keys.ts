// The caseload's key file (`caseload.keys.json` beside `caseload.db`): one random 256-bit data
// key encrypts the database; the file holds it only wrapped (AES-256-GCM), once under a key
// derived from the counselor's passphrase and once for the agency recovery key (version 2: sealed
// to an X25519 public key whose private key comes from the recovery key, so a re-key can wrap a
// new data key for it unasked). Changing the passphrase re-keys the caseload with a new data key
// (main/caseload/rekey.ts), so an old passphrase and an old copy of this file open only old files.
//
// Secrets are Buffers, zeroed as soon as they are used. What arrives as a string (a passphrase
// typed into a form, the recovery key shown once) is turned into bytes at the edge.
import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, scryptSync, timingSafeEqual, type KeyObject } from 'node:crypto';
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
/**
 * Version 2's recovery wrap: the data key sealed to an X25519 public key whose private key is
 * derived (scrypt) from the recovery key. Sealing needs only the public key, so a re-key wraps the
 * new data key for the same recovery key without anyone typing it (decision 71).
 */
const recoverySchema = z.strictObject({
  alg: z.literal('x25519-hkdf-sha256-aes-256-gcm'),
  kdf: wrapSchema.shape.kdf,
  publicKey: b64,
  ephemeral: b64,
  iv: b64,
  tag: b64,
  wrappedKey: b64,
});
const keyFileV1Schema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(1),
  cipher: z.literal(DB_CIPHER),
  wraps: z.strictObject({ passphrase: wrapSchema, recovery: wrapSchema }),
  created: z.string(),
  changed: z.string(),
});
const keyFileV2Schema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(2),
  cipher: z.literal(DB_CIPHER),
  /** Names the data key (an HMAC of it), so the key files of one data key can be found. */
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  wraps: z.strictObject({ passphrase: wrapSchema, recovery: recoverySchema }),
  created: z.string(),
  changed: z.string(),
});
const keyFileSchema = z.union([keyFileV1Schema, keyFileV2Schema]);
export type KeyFile = z.infer<typeof keyFileSchema>;
type Wrap = z.infer<typeof wrapSchema>;
export type WrapKind = 'passphrase' | 'recovery';
export type RecoveryWrap = z.infer<typeof recoverySchema>;

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
function aad(kind: WrapKind, version: 1 | 2 = 1): Buffer {
  return Buffer.from(`${FORMAT}:${version}:${DB_CIPHER}:${kind}`, 'utf8');
}

const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');

/** The X25519 private key of a recovery secret (scrypt under the wrap's salt). */
function recoveryPrivate(secret: Buffer, kdf: Wrap['kdf']): KeyObject {
  const seed = derive(secret, kdf);
  const der = Buffer.concat([X25519_PKCS8, seed]);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    seed.fill(0);
    der.fill(0);
  }
}

function rawPublic(key: KeyObject): Buffer {
  return (createPublicKey(key).export({ format: 'der', type: 'spki' }) as Buffer).subarray(X25519_SPKI.length);
}

function publicFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([X25519_SPKI, raw]), format: 'der', type: 'spki' });
}

function recoveryKek(shared: Buffer, ephemeral: Buffer, publicKey: Buffer): Buffer {
  const kek = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, publicKey]), Buffer.from(`${FORMAT}:2:recovery`, 'utf8'), DATA_KEY_BYTES));
  shared.fill(0);
  return kek;
}

/** What a recovery wrap needs to seal a new data key: the public key and how its private key is derived. */
export type RecoveryPublic = { kdf: Wrap['kdf']; publicKey: string };

/** The public half of a recovery secret (new salt): for a new recovery key, or a v1 file proven by its recovery key. */
export function recoveryPublic(secret: Buffer, params: ScryptParams): RecoveryPublic {
  const kdf = { name: 'scrypt' as const, ...params, salt: randomBytes(16).toString('base64') };
  return { kdf, publicKey: rawPublic(recoveryPrivate(secret, kdf)).toString('base64') };
}

function sealRecovery(dataKey: Buffer, to: RecoveryPublic): RecoveryWrap {
  const publicKey = Buffer.from(to.publicKey, 'base64');
  const eph = generateKeyPairSync('x25519');
  const ephemeral = rawPublic(eph.privateKey);
  const kek = recoveryKek(diffieHellman({ privateKey: eph.privateKey, publicKey: publicFromRaw(publicKey) }), ephemeral, publicKey);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(aad('recovery', 2));
    const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    const out: RecoveryWrap = { alg: 'x25519-hkdf-sha256-aes-256-gcm', kdf: to.kdf, publicKey: to.publicKey, ephemeral: ephemeral.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrappedKey: wrapped.toString('base64') };
    wrapped.fill(0);
    return out;
  } finally {
    kek.fill(0);
  }
}

function openRecovery(wrap: RecoveryWrap, secret: Secret): Buffer {
  if (secret.bytes.length === 0) throw wrongSecret('recovery');
  const priv = recoveryPrivate(secret.bytes, wrap.kdf);
  const publicKey = Buffer.from(wrap.publicKey, 'base64');
  const mine = rawPublic(priv);
  if (mine.length !== publicKey.length || !timingSafeEqual(mine, publicKey)) throw wrongSecret('recovery');
  const ephemeral = Buffer.from(wrap.ephemeral, 'base64');
  const kek = recoveryKek(diffieHellman({ privateKey: priv, publicKey: publicFromRaw(ephemeral) }), ephemeral, publicKey);
  return decrypt(kek, wrap, aad('recovery', 2), 'recovery');
}

/** The data key's name in a v2 key file: an HMAC of it (one-way; 128 bits). */
export function keyIdOf(dataKey: Buffer): string {
  return createHmac('sha256', dataKey).update(`${FORMAT}:key-id`).digest('hex').slice(0, 32);
}

function seal(dataKey: Buffer, secret: Secret, params: ScryptParams, version: 1 | 2 = 2): Wrap {
  const kdf = { name: 'scrypt' as const, ...params, salt: randomBytes(16).toString('base64') };
  const kek = derive(secret.bytes, kdf);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(aad(secret.kind, version));
    const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    const out = { kdf, alg: 'aes-256-gcm' as const, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrappedKey: wrapped.toString('base64') };
    wrapped.fill(0);
    return out;
  } finally {
    kek.fill(0);
  }
}

function open(wrap: Wrap, secret: Secret, version: 1 | 2 = 1): Buffer {
  if (secret.bytes.length === 0) throw wrongSecret(secret.kind);
  return decrypt(derive(secret.bytes, wrap.kdf), wrap, aad(secret.kind, version), secret.kind);
}

/** AES-256-GCM open of a wrapped data key under `kek` (zeroed here). */
function decrypt(kek: Buffer, wrap: { iv: string; tag: string; wrappedKey: string }, ad: Buffer, kind: WrapKind): Buffer {
  const wrapped = Buffer.from(wrap.wrappedKey, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrap.iv, 'base64'));
    decipher.setAAD(ad);
    decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'));
    const head = decipher.update(wrapped);
    let tail: Buffer;
    try {
      tail = decipher.final();
    } catch {
      head.fill(0);
      throw wrongSecret(kind);
    }
    const key = Buffer.concat([head, tail]);
    head.fill(0);
    if (key.length !== DATA_KEY_BYTES) {
      key.fill(0);
      throw wrongSecret(kind);
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
  try {
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    // A full disk or a read-only folder: nothing half-written is left, the old file stands.
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new AppFailure('UNAVAILABLE', `The disk is full, so the key file ${path} was not written; the one before stands and nothing was changed. Free some space and try again.`);
    throw new AppFailure('UNAVAILABLE', `The key file ${path} could not be written (${code ?? (err as Error).message}); the one before stands and nothing was changed.`);
  }
}

export type CreatedKeys = {
  /** The new data key: the caller opens the database with it and zeroes it when done. */
  dataKey: Buffer;
  /** Shown to the counselor once, to hand to the agency; never stored in clear. */
  recoveryKey: string;
};

/** A v2 key file for `dataKey`: its passphrase wrap, and its recovery wrap sealed to `recovery`. */
export function buildKeyFile(dataKey: Buffer, passphrase: Secret, recovery: RecoveryPublic, opts: { created: string; now: string; scrypt?: ScryptParams }): KeyFile {
  return {
    format: FORMAT,
    version: 2,
    cipher: DB_CIPHER,
    keyId: keyIdOf(dataKey),
    wraps: { passphrase: seal(dataKey, passphrase, opts.scrypt ?? DEFAULT_SCRYPT), recovery: sealRecovery(dataKey, recovery) },
    created: opts.created,
    changed: opts.now,
  };
}

/** A new recovery key: its text (shown once) and its public half. */
export function newRecoveryKey(params: ScryptParams = DEFAULT_SCRYPT): { text: string; pub: RecoveryPublic } {
  const secret = randomBytes(RECOVERY_KEY_BYTES);
  try {
    return { text: formatRecoveryKey(secret), pub: recoveryPublic(secret, params) };
  } finally {
    secret.fill(0);
  }
}

/** A new random data key and recovery key, wrapped and written to `path` (which must not exist). */
export function createKeyFile(path: string, passphrase: Secret, opts: { now: string; scrypt?: ScryptParams }): CreatedKeys {
  if (existsSync(path)) throw new AppFailure('CONFLICT', `A key file exists already at ${path}; change the passphrase instead.`);
  const params = opts.scrypt ?? DEFAULT_SCRYPT;
  const dataKey = randomBytes(DATA_KEY_BYTES);
  try {
    const recovery = newRecoveryKey(params);
    writeKeyFile(path, buildKeyFile(dataKey, passphrase, recovery.pub, { created: opts.now, now: opts.now, scrypt: params }));
    return { dataKey, recoveryKey: recovery.text };
  } catch (err) {
    dataKey.fill(0);
    throw err;
  }
}

/** The data key of a key file already read, from the passphrase or the recovery key. */
export function unlockKeys(file: KeyFile, secret: Secret): Buffer {
  if (file.version === 1) return open(file.wraps[secret.kind], secret, 1);
  if (secret.kind === 'passphrase') return open(file.wraps.passphrase, secret, 2);
  return openRecovery(file.wraps.recovery, secret);
}

/** The data key, from the passphrase or the recovery key; LOCKED when the secret is wrong. */
export function unlockKeyFile(path: string, secret: Secret): Buffer {
  return unlockKeys(readKeyFile(path), secret);
}

/**
 * A new passphrase wrap of a data key the caller has already proven (unlocked). Only for the
 * rewrap of a key file whose data key is not the caseload's any more (a kept copy, re-keyed
 * away): the caseload's own passphrase changes re-key it (main/caseload/rekey.ts).
 */
export function setPassphrase(path: string, dataKey: Buffer, next: Secret, opts: { now: string; scrypt?: ScryptParams }): void {
  const file = readKeyFile(path);
  const current = file.wraps.passphrase.kdf;
  const params = opts.scrypt ?? { N: current.N, r: current.r, p: current.p };
  if (file.version === 1) writeKeyFile(path, { ...file, wraps: { ...file.wraps, passphrase: seal(dataKey, next, params, 1) }, changed: opts.now });
  else writeKeyFile(path, { ...file, wraps: { ...file.wraps, passphrase: seal(dataKey, next, params, 2) }, changed: opts.now });
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
