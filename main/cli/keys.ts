// The CLI's side of the caseload key: secrets come from the environment or from a file, never
// from the command line (where `ps` and the shell history would keep them), and the CLI never
// prompts, so a CI run with no terminal cannot hang on it.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../shared/ipc/result';
import { encryptInPlace, fileKind, openDatabase } from '../db/connection';
import { encryptPlainBackups, type SealedBackups } from '../services/backups';
import { withExclusiveClaim } from '../caseload/claim';
import { createKeyFile, keyFilePath, passphraseSecret, recoverySecret, type Secret } from '../security/keys';
import { rekeyCaseload, unlockCaseload } from '../caseload/rekey';
import { passphraseWeakness } from '../security/passphrase';

export type SecretOptions = { passphraseFile: string | null; newPassphraseFile: string | null; recoveryKeyFile: string | null };
type Io = { stdout: (s: string) => void; stderr: (s: string) => void; env?: NodeJS.ProcessEnv };

export const KEY_USAGE = `  key setup                            set the first passphrase (encrypts a plain caseload in place, once)
                                       and print the recovery key, which is shown this once
  key change                           set a new passphrase (MOSERS_NEW_PASSPHRASE or --new-passphrase-file),
                                       proven by the current one or by the recovery key; re-keys the caseload
  key rekey                            a new data key, the caseload re-encrypted in place (same passphrase)
  key recovery                         a new recovery key, shown once; the old one no longer opens the caseload
Secrets never go on the command line: the passphrase comes from MOSERS_PASSPHRASE or
--passphrase-file PATH, the recovery key from MOSERS_RECOVERY_KEY or --recovery-key-file PATH.`;

export function takeSecretOptions(args: string[], take: (args: string[], name: string) => string | null): SecretOptions {
  return {
    passphraseFile: take(args, '--passphrase-file'),
    newPassphraseFile: take(args, '--new-passphrase-file'),
    recoveryKeyFile: take(args, '--recovery-key-file'),
  };
}

/** A secret file's bytes less the line ending an editor adds. */
function readSecretFile(path: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new AppFailure('INVALID_INPUT', `${path}: cannot read the secret file (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  const out = Buffer.from(bytes.subarray(0, end));
  bytes.fill(0);
  return out;
}

function passphraseFrom(file: string | null, envValue: string | undefined): Secret | null {
  if (file) {
    const bytes = readSecretFile(file);
    // ASCII needs no normalising; anything else goes through NFC as a typed passphrase does.
    if (bytes.every((b) => b < 0x80)) return { kind: 'passphrase', bytes };
    const s = passphraseSecret(bytes.toString('utf8'));
    bytes.fill(0);
    return s;
  }
  return envValue ? passphraseSecret(envValue) : null;
}

function recoveryFrom(file: string | null, envValue: string | undefined): Secret | null {
  if (file) {
    const bytes = readSecretFile(file);
    const s = recoverySecret(bytes.toString('latin1'));
    bytes.fill(0);
    return s;
  }
  return envValue ? recoverySecret(envValue) : null;
}

function proofFrom(secrets: SecretOptions, env: NodeJS.ProcessEnv): Secret {
  const s = passphraseFrom(secrets.passphraseFile, env.MOSERS_PASSPHRASE) ?? recoveryFrom(secrets.recoveryKeyFile, env.MOSERS_RECOVERY_KEY);
  if (!s) {
    throw new AppFailure(
      'LOCKED',
      'The caseload is encrypted: give the passphrase in MOSERS_PASSPHRASE or with --passphrase-file PATH (or the recovery key in MOSERS_RECOVERY_KEY or --recovery-key-file PATH).',
    );
  }
  return s;
}

/**
 * The data key for a caseload (or for a backup about to be restored, whose key file comes along
 * when the caseload has none); null for a plain caseload. The caller zeroes it.
 */
export function cliKey(dbPath: string, secrets: SecretOptions, io: Io, backup?: string): Buffer | null {
  const env = io.env ?? process.env;
  let keyFile = keyFilePath(dbPath);
  // A copy kept aside before a re-key has its own key file, named after it in full.
  if (!existsSync(keyFile) && existsSync(`${dbPath}.keys.json`)) keyFile = `${dbPath}.keys.json`;
  if (!existsSync(keyFile) && backup && existsSync(keyFilePath(backup))) keyFile = keyFilePath(backup);
  if (!existsSync(keyFile) && backup && existsSync(`${backup}.keys.json`)) keyFile = `${backup}.keys.json`;
  if (!existsSync(keyFile)) {
    if (fileKind(dbPath) === 'encrypted') {
      // An encrypted caseload is whole pages (4096 bytes each); anything else is some other file.
      if (!looksLikePages(dbPath)) throw new AppFailure('INVALID_INPUT', `${dbPath} is not a caseload: it is neither an SQLite database nor an encrypted caseload. Nothing was changed; check the --db path.`);
      throw new AppFailure('LOCKED', `${dbPath} is encrypted but its key file ${keyFile} is missing: copy it back from beside your latest backup.`);
    }
    return null;
  }
  const proof = proofFrom(secrets, env);
  try {
    return unlockCaseload(keyFile === keyFilePath(dbPath) || keyFile === `${dbPath}.keys.json` ? dbPath : backup!, keyFile, proof);
  } finally {
    proof.bytes.fill(0);
  }
}

function looksLikePages(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && st.size > 0 && st.size % 512 === 0;
  } catch {
    return false;
  }
}

/** Run `fn` with the key, then zero it: what `fn` opened holds its own copy inside SQLite. */
export function withKey<T>(key: Buffer | null, fn: (key: Buffer | null) => T): T {
  try {
    return fn(key);
  } finally {
    key?.fill(0);
  }
}

/** A weak new passphrase refused, as the app refuses it (main/security/passphrase.ts). */
function refuseWeak(secret: Secret, label: string): void {
  const why = passphraseWeakness(secret.bytes.toString('utf8'));
  if (why) throw new AppFailure('INVALID_INPUT', `${label} ${why}.`);
}

/**
 * A first passphrase for the caseload at `dbPath` (key setup, or a command creating a new
 * caseload): a new key file, the caseload encrypted in place (a plain one) or created encrypted
 * (none yet), earlier plain backups encrypted, the recovery key printed once. Returns the data
 * key (the caller zeroes it). The caller holds the exclusive claim.
 */
function setUpKey(dbPath: string, passphrase: Secret, io: Io, label: string): Buffer {
  const keyFile = keyFilePath(dbPath);
  const kind = fileKind(dbPath);
  refuseWeak(passphrase, `${label}: the passphrase`);
  if (kind === 'encrypted' && !existsSync(keyFile)) throw new AppFailure('UNAVAILABLE', `${dbPath} is encrypted but its key file ${keyFile} is missing: copy it back from beside your latest backup.`);
  const created = createKeyFile(keyFile, passphrase, { now: new Date().toISOString() });
  try {
    if (kind === 'plain') encryptInPlace(dbPath, created.dataKey);
    else openDatabase(dbPath, { key: created.dataKey }).close();
  } catch (err) {
    // As the app's setup does: no key file is left beside a caseload it does not open.
    created.dataKey.fill(0);
    rmSync(keyFile, { force: true });
    if (kind !== 'plain') throw new AppFailure('UNAVAILABLE', `${label}: the encrypted caseload ${dbPath} could not be created (${(err as Error).message}); nothing was kept. Free some disk space and try again.`);
    throw new AppFailure('UNAVAILABLE', `${label}: ${dbPath} could not be encrypted (${(err as Error).message}); it is unchanged and still opens without a passphrase. Close any program that has it open, free some disk space, and run key setup again.`);
  }
  let sealed: SealedBackups;
  try {
    sealed = encryptPlainBackups(dbPath, created.dataKey);
  } catch (err) {
    created.dataKey.fill(0);
    throw err;
  }
  io.stdout(`${kind === 'plain' ? `Encrypted ${dbPath} in place` : `Created the encrypted caseload ${dbPath}`}; key file ${keyFile}.\n`);
  io.stdout(`Recovery key (shown this once; give it to the agency to keep): ${created.recoveryKey}\n`);
  if (sealed.encrypted.length) io.stdout(`Encrypted ${sealed.encrypted.length} earlier backup${sealed.encrypted.length === 1 ? '' : 's'} made before the passphrase, each with the key file beside it.\n`);
  for (const f of sealed.failed) io.stderr(`Could not encrypt the earlier backup ${f.path} (${f.message}); it stays plain. Close any program that has it open; it is encrypted at the next open.\n`);
  return created.dataKey;
}

/** No caseload at `dbPath` yet: no file (or an empty one) and no key file. */
export function noCaseloadYet(dbPath: string): boolean {
  const kind = fileKind(dbPath);
  return (kind === 'missing' || kind === 'empty') && !existsSync(keyFilePath(dbPath));
}

/**
 * The data key for a command that opens the caseload through openApp (null: a plain one). When
 * there is no caseload yet, a command that writes (`creates`) makes one: encrypted under the
 * passphrase from MOSERS_PASSPHRASE or --passphrase-file, set up as `key setup` does (the
 * recovery key printed once); plain only with `--plain`, said on stderr; refused without either.
 * A command that only reads says there is none yet and how to make one.
 */
export function openKey(dbPath: string, secrets: SecretOptions, io: Io, opts: { plain: boolean; creates: boolean; command: string }): Buffer | null {
  if (!noCaseloadYet(dbPath)) return cliKey(dbPath, secrets, io);
  if (!opts.creates) {
    throw new AppFailure(
      'NOT_FOUND',
      `There is no caseload at ${dbPath} yet. Make one by importing a roster, with the new caseload's passphrase in MOSERS_PASSPHRASE: npm run cli -- members import ROSTER.csv --db "${dbPath}" (or start the workstation and set its passphrase there).`,
    );
  }
  if (opts.plain) {
    io.stderr(`${opts.command}: creating ${dbPath} as a PLAIN caseload, as --plain asks: it is not encrypted, so anyone with the file can read its SSNs. For demos and tests only; encrypt it with: npm run cli -- key setup --db "${dbPath}"\n`);
    return null;
  }
  const env = io.env ?? process.env;
  const passphrase = passphraseFrom(secrets.passphraseFile, env.MOSERS_PASSPHRASE);
  if (!passphrase) {
    throw new AppFailure(
      'INVALID_INPUT',
      `${opts.command}: there is no caseload at ${dbPath} yet, and a new one is encrypted: give its passphrase in MOSERS_PASSPHRASE or with --passphrase-file PATH (it is set up as key setup does and the recovery key is printed once), or add --plain for an unencrypted caseload for demos and tests. Nothing was written.`,
    );
  }
  try {
    return withExclusiveClaim(dbPath, `npm run cli -- ${opts.command}`, 'Creating the encrypted caseload', () => setUpKey(dbPath, passphrase, io, opts.command));
  } finally {
    passphrase.bytes.fill(0);
  }
}

/**
 * A new key file for a caseload about to be restored from a plain backup where there is none
 * yet (the restore encrypts it on its way in): the passphrase as key setup takes it, the recovery
 * key printed once. Returns the data key (the caller zeroes it, and removes the key file if the
 * restore fails).
 */
export function newCaseloadKey(dbPath: string, secrets: SecretOptions, io: Io, label: string): Buffer {
  const env = io.env ?? process.env;
  const passphrase = passphraseFrom(secrets.passphraseFile, env.MOSERS_PASSPHRASE);
  if (!passphrase) throw new AppFailure('INVALID_INPUT', `${label}: the backup is not encrypted and there is no caseload at ${dbPath} yet: give the new caseload's passphrase in MOSERS_PASSPHRASE or with --passphrase-file PATH, or add --plain to keep it unencrypted. Nothing was changed.`);
  try {
    refuseWeak(passphrase, `${label}: the passphrase`);
    const keyFile = keyFilePath(dbPath);
    mkdirSync(dirname(keyFile), { recursive: true });
    const created = createKeyFile(keyFile, passphrase, { now: new Date().toISOString() });
    io.stdout(`Key file ${keyFile} made for the restored caseload.\n`);
    io.stdout(`Recovery key (shown this once; give it to the agency to keep): ${created.recoveryKey}\n`);
    return created.dataKey;
  } finally {
    passphrase.bytes.fill(0);
  }
}

export function runKeyCommand(verb: string | undefined, rest: string[], dbPath: string, secrets: SecretOptions, io: Io): number {
  if ((verb === 'setup' || verb === 'change' || verb === 'rekey' || verb === 'recovery') && rest.length === 0) {
    // A whole-file operation: the caseload to this command alone (main/caseload/claim.ts).
    const what = { setup: 'Setting up the passphrase', change: 'Changing the passphrase', rekey: 'Re-keying the caseload', recovery: 'Making a new recovery key' }[verb];
    return withExclusiveClaim(dbPath, `npm run cli -- key ${verb}`, what, () => runKeyVerb(verb, rest, dbPath, secrets, io));
  }
  return runKeyVerb(verb, rest, dbPath, secrets, io);
}

function runKeyVerb(verb: string | undefined, rest: string[], dbPath: string, secrets: SecretOptions, io: Io): number {
  const env = io.env ?? process.env;
  const keyFile = keyFilePath(dbPath);
  const now = new Date().toISOString();
  if (verb === 'setup' && rest.length === 0) {
    const passphrase = passphraseFrom(secrets.passphraseFile, env.MOSERS_PASSPHRASE);
    if (!passphrase) throw new AppFailure('INVALID_INPUT', 'key setup: give the new passphrase in MOSERS_PASSPHRASE or with --passphrase-file PATH.');
    try {
      setUpKey(dbPath, passphrase, io, 'key setup').fill(0);
      return 0;
    } finally {
      passphrase.bytes.fill(0);
    }
  }
  if ((verb === 'change' || verb === 'rekey' || verb === 'recovery') && rest.length === 0) {
    const next = passphraseFrom(secrets.newPassphraseFile, env.MOSERS_NEW_PASSPHRASE);
    if (verb === 'change' && !next) throw new AppFailure('INVALID_INPUT', 'key change: give the new passphrase in MOSERS_NEW_PASSPHRASE or with --new-passphrase-file PATH.');
    const proof = proofFrom(secrets, env);
    try {
      if (next) refuseWeak(next, `key ${verb}: the new passphrase`);
      // `key rekey` and `key recovery` keep the passphrase: proven by it, or a new one given.
      const passphrase = next ?? (proof.kind === 'passphrase' ? proof : null);
      if (!passphrase) throw new AppFailure('INVALID_INPUT', `key ${verb}: proven by the recovery key, it needs the passphrase to keep: give a new one in MOSERS_NEW_PASSPHRASE or with --new-passphrase-file PATH.`);
      if (!existsSync(keyFile)) throw new AppFailure('CONFLICT', `${dbPath} has no passphrase yet (no key file ${keyFile}): run key setup first.`);
      const current = unlockCaseload(dbPath, keyFile, proof);
      let done;
      try {
        done = rekeyCaseload(dbPath, keyFile, current, passphrase, { recovery: verb === 'recovery' ? 'new' : 'keep', recoveryProof: proof.kind === 'recovery' ? proof : null, proof, now });
      } finally {
        current.fill(0);
      }
      done.dataKey.fill(0);
      const said = { change: 'Passphrase changed', rekey: 'Re-keyed', recovery: 'New recovery key made' }[verb];
      io.stdout(`${said} for ${dbPath}: the caseload was re-encrypted under a new data key, so no earlier passphrase or recovery key with any old copy of the key file opens it.\n`);
      if (done.rewrapped.length) io.stdout(`The key files of ${done.rewrapped.length} backup${done.rewrapped.length === 1 ? '' : 's'} made before now open with the ${next ? 'new ' : ''}passphrase${verb === 'recovery' ? ' and the new recovery key' : ''} only.\n`);
      if (done.recoveryKey) {
        io.stdout(`New recovery key (shown this once; give it to the agency to keep${verb === 'recovery' ? '' : '; this key file was from an earlier version, so its recovery key could not be kept'}): ${done.recoveryKey}\n`);
        io.stdout('The previous recovery key no longer opens the caseload.\n');
      }
      return 0;
    } finally {
      next?.bytes.fill(0);
      proof.bytes.fill(0);
    }
  }
  io.stderr(`usage:\n${KEY_USAGE}\n`);
  return 2;
}
