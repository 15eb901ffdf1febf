// A lost laptop is not a breach: the caseload, its WAL and shared-memory files, every backup and
// every temporary file hold no plaintext; the wrong passphrase is LOCKED and touches nothing; the
// recovery key opens it; a passphrase change rewraps the key without rewriting the database.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../../main/app';
import { encryptInPlace, fileKind, openDatabase } from '../../../main/db/connection';
import { createKeyFile, keyFilePath, passphraseSecret, readKeyFile, recoverySecret, unlockKeyFile } from '../../../main/security/keys';
import { autoBackup, encryptPlainBackups, type BackupFile } from '../../../main/services/backups';
import { backupDatabase, checkDatabase, previewBackup, restoreDatabase } from '../../../main/services/maintenance';
import { memberFactsSchema } from '../../../shared/domain/member';
import { AppFailure } from '../../../shared/ipc/result';
import { TEST_PASSPHRASE, TEST_SCRYPT, johnSmith, openTestApp, seedSmith, testClock, value, type TestApp } from '../caseload-fixture';

const NAME = 'Quillfeather';
const SSN = '478-21-9036';
const ACCOUNT = '88120045991';

/** Every form the secrets could take on disk: with and without dashes, UTF-8 and UTF-16. */
const NEEDLES = [NAME, SSN, SSN.replace(/-/g, ''), ACCOUNT].flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]);

function leaks(bytes: Buffer): string[] {
  return NEEDLES.filter((n) => bytes.includes(n)).map((n) => n.toString(n.length === Buffer.byteLength(n.toString('utf8')) ? 'utf8' : 'utf16le'));
}

/** Every file in the folder and the system temporary folder's new SQLite temp files. */
function filesIn(dir: string): string[] {
  return readdirSync(dir).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

let apps: TestApp[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const a of apps) a.close();
  apps = [];
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'enc-'));
  dirs.push(d);
  return d;
}

function fail(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppFailure) return err;
    throw err;
  }
  throw new Error('expected an AppFailure');
}

describe('no plaintext on disk', () => {
  it('the database, -wal, -shm, a backup and its key file hold neither the SSN (with or without dashes), the account number nor the name', async () => {
    const tempBefore = new Set(readdirSync(tmpdir()));
    const app = openTestApp({ prefix: 'plaintext-' });
    apps.push(app);
    const rec = await seedSmith(app, { lastName: NAME, ssn: SSN, directDeposit: { routingNumber: '011000015', accountNumber: ACCOUNT, accountType: 'savings' } });
    // Enough writes for WAL content, a sort bigger than the page cache (a temp b-tree), and an audit trail.
    for (let i = 0; i < 300; i++) value(await app.call('notes:add', { memberId: rec.id, text: `Called ${NAME} about ${SSN}, account ${ACCOUNT} (${i})` }));
    for (let i = 0; i < 50; i++) value(await app.call('members:create', { member: johnSmith({ memberId: `Q${i}`, lastName: `${NAME}${i}`, ssn: null }) }));
    app.db.pragma('cache_size = 10');
    app.db.prepare('SELECT text FROM notes ORDER BY text DESC, id').all();
    expect(app.services.members.search({ query: NAME.slice(0, 5) }).length).toBeGreaterThan(1);
    expect(existsSync(`${app.path}-wal`) && statSync(`${app.path}-wal`).size).toBeGreaterThan(100_000);
    expect(existsSync(`${app.path}-shm`)).toBe(true);
    const backup = join(app.dir, 'backups', 'caseload-backup.db');
    backupDatabase(app.db, backup);
    expect(existsSync(keyFilePath(backup))).toBe(true);

    // While open (the WAL holds the newest pages) and after close (checkpointed).
    const scan = () => {
      const files = [...filesIn(app.dir), ...filesIn(join(app.dir, 'backups'))];
      const newTemp = readdirSync(tmpdir()).filter((f) => !tempBefore.has(f) && /^etilqs_|sqlite/i.test(f));
      expect(newTemp, 'SQLite temporary files').toEqual([]);
      for (const f of files) expect(leaks(readFileSync(f)), f).toEqual([]);
      return files.map((f) => f.slice(app.dir.length + 1)).sort();
    };
    expect(scan()).toEqual(['backups/caseload-backup.db', 'backups/caseload-backup.keys.json', 'caseload.keys.json', 'caseload.sqlite', 'caseload.sqlite-shm', 'caseload.sqlite-wal', 'caseload.sqlite.lock']);
    app.app.close();
    expect(scan()).toEqual(['backups/caseload-backup.db', 'backups/caseload-backup.keys.json', 'caseload.keys.json', 'caseload.sqlite', 'caseload.sqlite.lock']);

    // The file names no SQLite header: it is not a plain database to any tool.
    expect(fileKind(app.path)).toBe('encrypted');
    expect(fileKind(backup)).toBe('encrypted');
    // And the same bytes do hold the data for someone with the key.
    const key = unlockKeyFile(keyFilePath(backup), passphraseSecret(TEST_PASSPHRASE));
    const p = previewBackup(backup, key);
    expect(p).toMatchObject({ ok: true, members: 51 });
    const db = openDatabase(backup, { readonly: true, key });
    expect((db.prepare('SELECT ssn FROM members WHERE last_name = ?').get(NAME) as { ssn: string }).ssn).toContain('9036');
    db.close();
    key.fill(0);
  });

  it('a legacy plain caseload is encrypted in place once: the old plaintext, its WAL and free pages are gone', async () => {
    const app = openTestApp({ prefix: 'legacy-', plain: true });
    apps.push(app);
    const rec = await seedSmith(app, { lastName: NAME, ssn: SSN });
    for (let i = 0; i < 100; i++) value(await app.call('notes:add', { memberId: rec.id, text: `${NAME} ${SSN} ${i}` }));
    expect(leaks(readFileSync(`${app.path}-wal`))).not.toEqual([]);
    const setup = value<{ recoveryKey: string; status: { state: string; encrypted: boolean } }>(await app.call('session:setup', { passphrase: 'the first passphrase' }));
    expect(setup.status).toMatchObject({ state: 'unlocked', encrypted: true });
    expect(app.services.members.get(rec.id).lastName).toBe(NAME);
    expect(fileKind(app.path)).toBe('encrypted');
    app.app.close();
    for (const f of filesIn(app.dir)) expect(leaks(readFileSync(f)), f).toEqual([]);
    expect(() => encryptInPlace(app.path, Buffer.alloc(32, 1))).toThrow(/not a plain SQLite caseload/);
  });
});

/** A legacy plain caseload holding the secrets, with a plain daily backup of 2026-11-21. */
function legacyWithBackup(): { path: string; backup: BackupFile } {
  const path = join(tmp(), 'caseload.db');
  const plain = openApp(path, { clock: testClock('2026-11-21'), who: 'enc-test' });
  plain.services.members.create(memberFactsSchema.parse(johnSmith({ lastName: NAME, ssn: SSN })));
  const backup = autoBackup(plain.db, path, testClock('2026-11-21'), 'daily')!;
  plain.close();
  return { path, backup };
}

describe('backups made before the passphrase', () => {
  it('are encrypted when the passphrase is set up, each with the key file beside it; none holds plaintext, each still restores', async () => {
    const app = openTestApp({ prefix: 'legacy-backups-', plain: true });
    apps.push(app);
    const rec = await seedSmith(app, { lastName: NAME, ssn: SSN, directDeposit: { routingNumber: '011000015', accountNumber: ACCOUNT, accountType: 'savings' } });
    const clock = testClock('2026-11-21');
    const first = autoBackup(app.db, app.path, clock, 'daily')!;
    clock.set('2026-11-22');
    const second = autoBackup(app.db, app.path, clock, 'pre-migration')!;
    for (const b of [first, second]) {
      expect(fileKind(b.path)).toBe('plain');
      expect(leaks(readFileSync(b.path))).not.toEqual([]);
    }
    value(await app.call('session:setup', { passphrase: 'the first passphrase' }));
    for (const b of [first, second]) {
      expect(fileKind(b.path), b.name).toBe('encrypted');
      expect(leaks(readFileSync(b.path)), b.name).toEqual([]);
      const key = unlockKeyFile(keyFilePath(b.path), passphraseSecret('the first passphrase'));
      expect(previewBackup(b.path, key)).toMatchObject({ ok: true, members: 1 });
      key.fill(0);
    }
    expect(app.services.members.get(rec.id).lastName).toBe(NAME);
    app.app.close();
    for (const f of filesIn(join(app.dir, 'backups'))) expect(leaks(readFileSync(f)), f).toEqual([]);
  });

  it('in the desktop app the encryption of earlier backups waits until the setup has answered', async () => {
    const { path, backup: b } = legacyWithBackup();
    const later: (() => void)[] = [];
    const app = openApp(path, { clock: testClock('2026-11-22'), who: 'enc-test', locked: true, scrypt: TEST_SCRYPT, scheduleAfterUnlock: (task) => later.push(task) });
    try {
      app.services.session.setup('the first passphrase');
      expect(fileKind(path)).toBe('encrypted');
      expect(fileKind(b.path)).toBe('plain');
      for (const task of later.splice(0)) task();
      expect(fileKind(b.path)).toBe('encrypted');
      expect(leaks(readFileSync(b.path))).toEqual([]);
    } finally {
      app.close();
    }
  });

  it('a backup that cannot be encrypted now stays whole and plain, and is encrypted at the next open', async () => {
    const { path, backup: b } = legacyWithBackup();
    const { dataKey } = createKeyFile(keyFilePath(path), passphraseSecret(TEST_PASSPHRASE), { now: '2026-11-22T12:00:00.000Z', scrypt: TEST_SCRYPT });
    encryptInPlace(path, dataKey);
    // Another connection holds a lock on it (a copy being read elsewhere): the rekey cannot start.
    const holder = openDatabase(b.path);
    holder.pragma('busy_timeout = 0');
    holder.exec('BEGIN EXCLUSIVE');
    const sealed = encryptPlainBackups(path, dataKey);
    expect(sealed.encrypted).toEqual([]);
    expect(sealed.failed.map((f) => f.path)).toEqual([b.path]);
    holder.exec('ROLLBACK');
    holder.close();
    expect(fileKind(b.path)).toBe('plain');
    const whole = openDatabase(b.path, { readonly: true });
    expect(checkDatabase(whole).ok).toBe(true);
    whole.close();
    const app = openApp(path, { clock: testClock('2026-11-22'), who: 'enc-test', key: Buffer.from(dataKey) });
    app.close();
    expect(fileKind(b.path)).toBe('encrypted');
    expect(leaks(readFileSync(b.path))).toEqual([]);
    dataKey.fill(0);
  });
});

describe('the passphrase', () => {
  it('a wrong passphrase is LOCKED with the field named, and the caseload, its WAL and the key file are byte-for-byte unchanged', async () => {
    const app = openTestApp({ prefix: 'wrong-' });
    apps.push(app);
    await seedSmith(app, { lastName: NAME });
    value(await app.call('session:lock', {}));
    const files = filesIn(app.dir);
    const before = files.map((f) => readFileSync(f));
    const r = await app.call('session:unlock', { passphrase: 'not the passphrase' });
    expect(r).toEqual({ ok: false, error: { code: 'LOCKED', message: 'That passphrase is not right. Nothing was changed; try again.', fields: { passphrase: 'is not right' } } });
    // A wrong data key given straight to the database is refused the same way, before any write.
    const e = fail(() => openDatabase(app.path, { key: Buffer.alloc(32, 7) }));
    expect(e.code).toBe('LOCKED');
    // And a plain open of the encrypted file.
    expect(fail(() => openDatabase(app.path)).code).toBe('LOCKED');
    expect(filesIn(app.dir)).toEqual(files);
    files.forEach((f, i) => expect(readFileSync(f).equals(before[i]!), f).toBe(true));
    expect(value(await app.call('session:unlock', { passphrase: TEST_PASSPHRASE }))).toMatchObject({ state: 'unlocked' });
    expect(app.services.members.search({ query: NAME })).toHaveLength(1);
  });

  it('the recovery key unlocks (any case, with or without dashes, O for 0) and sets a new passphrase', async () => {
    const app = openTestApp({ prefix: 'recover-' });
    apps.push(app);
    await seedSmith(app);
    expect(app.recoveryKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
    const typed = app.recoveryKey!.replace(/-/g, ' ').toLowerCase().replace(/0/g, 'o');
    app.services.session.lock('manual');
    expect(err(await app.call('session:recover', { recoveryKey: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789', next: 'a new passphrase here' }))).toMatchObject({ code: 'LOCKED', fields: { recoveryKey: 'is not right' } });
    value(await app.call('session:recover', { recoveryKey: typed, next: 'a new passphrase here' }));
    expect(app.services.members.search({}).length).toBe(1);
    app.services.session.lock('manual');
    expect(err(await app.call('session:unlock', { passphrase: TEST_PASSPHRASE })).code).toBe('LOCKED');
    value(await app.call('session:unlock', { passphrase: 'a new passphrase here' }));
  });

  it('changing the passphrase re-keys the caseload: the old passphrase fails, the new one works, the recovery key still works, the data key is new', async () => {
    const app = openTestApp({ prefix: 'change-' });
    apps.push(app);
    await seedSmith(app);
    const keyFile = keyFilePath(app.path);
    const fileBefore = readKeyFile(keyFile);
    const keyBefore = unlockKeyFile(keyFile, passphraseSecret(TEST_PASSPHRASE));
    value(await app.call('session:changePassphrase', { current: TEST_PASSPHRASE, next: 'the next passphrase' }));
    // Still open and working after the re-key, with the new key.
    expect(app.services.members.search({}).length).toBe(1);
    const fileAfter = readKeyFile(keyFile);
    expect(fileAfter.version).toBe(2);
    expect(fileAfter).toMatchObject({ created: fileBefore.created });
    expect(fail(() => unlockKeyFile(keyFile, passphraseSecret(TEST_PASSPHRASE))).code).toBe('LOCKED');
    const keyAfter = unlockKeyFile(keyFile, passphraseSecret('the next passphrase'));
    expect(keyAfter.equals(keyBefore)).toBe(false);
    const viaRecovery = unlockKeyFile(keyFile, recoverySecret(app.recoveryKey!));
    expect(viaRecovery.equals(keyAfter)).toBe(true);
    app.services.session.lock('manual');
    expect(fail(() => openDatabase(app.path, { readonly: true, key: keyBefore })).code).toBe('LOCKED');
    for (const k of [keyBefore, keyAfter, viaRecovery]) k.fill(0);
    expect(err(await app.call('session:unlock', { passphrase: TEST_PASSPHRASE })).code).toBe('LOCKED');
    value(await app.call('session:unlock', { passphrase: 'the next passphrase' }));
    // Through the channel as well, while unlocked.
    expect(err(await app.call('session:changePassphrase', { current: TEST_PASSPHRASE, next: 'a third passphrase' })).code).toBe('LOCKED');
    value(await app.call('session:changePassphrase', { current: 'the next passphrase', next: 'a third passphrase' }));
    expect(app.services.members.search({}).length).toBe(1);
  });

  it('the key file records its format, cipher and KDF parameters, and holds the data key only wrapped', () => {
    const dir = tmp();
    const file = join(dir, 'caseload.keys.json');
    const { dataKey, recoveryKey } = createKeyFile(file, passphraseSecret(TEST_PASSPHRASE), { now: '2026-11-23T12:00:00.000Z', scrypt: TEST_SCRYPT });
    const k = readKeyFile(file);
    expect(k).toMatchObject({ format: 'mosers-caseload-keys', version: 2, cipher: 'chacha20', created: '2026-11-23T12:00:00.000Z', changed: '2026-11-23T12:00:00.000Z' });
    expect(k.wraps.recovery).toMatchObject({ alg: 'x25519-hkdf-sha256-aes-256-gcm', kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 } });
    for (const w of [k.wraps.passphrase, k.wraps.recovery]) {
      expect(w.kdf).toMatchObject({ name: 'scrypt', N: 1024, r: 8, p: 1 });
      expect(Buffer.from(w.kdf.salt, 'base64')).toHaveLength(16);
      expect(Buffer.from(w.iv, 'base64')).toHaveLength(12);
      expect(Buffer.from(w.wrappedKey, 'base64')).toHaveLength(32);
    }
    const text = readFileSync(file);
    for (const secret of [dataKey, Buffer.from(dataKey.toString('hex')), Buffer.from(dataKey.toString('base64')), Buffer.from(recoveryKey), Buffer.from(TEST_PASSPHRASE)]) expect(text.includes(secret)).toBe(false);
    // The wraps cannot be swapped: each has its own shape, and a key file with them swapped is damaged.
    writeFileSync(file, JSON.stringify({ ...k, wraps: { passphrase: k.wraps.recovery, recovery: k.wraps.passphrase } }));
    expect(fail(() => unlockKeyFile(file, passphraseSecret(TEST_PASSPHRASE))).code).toBe('UNAVAILABLE');
    // Nor can the recovery wrap be opened by the passphrase, nor one caseload's recovery wrap pass for another's.
    writeFileSync(file, JSON.stringify(k));
    expect(fail(() => unlockKeyFile(file, recoverySecret('0000-0000-0000-0000-0000-0000-0000-0000'))).code).toBe('LOCKED');
    expect(unlockKeyFile(file, recoverySecret(recoveryKey)).equals(dataKey)).toBe(true);
    expect(fail(() => createKeyFile(file, passphraseSecret(TEST_PASSPHRASE), { now: 'x', scrypt: TEST_SCRYPT })).code).toBe('CONFLICT');
    dataKey.fill(0);
  });
});

describe('backups of an encrypted caseload', () => {
  it('restore checks the backup with the key, keeps the current file aside and opens encrypted; a plain backup is encrypted on its way in', async () => {
    const dir = tmp();
    const path = join(dir, 'caseload.db');
    const { dataKey } = createKeyFile(keyFilePath(path), passphraseSecret(TEST_PASSPHRASE), { now: '2026-11-23T12:00:00.000Z', scrypt: TEST_SCRYPT });
    let app = openApp(path, { key: dataKey, scrypt: TEST_SCRYPT });
    app.services.members.create(facts({ lastName: NAME, ssn: SSN }));
    const backup = join(dir, 'b1.db');
    backupDatabase(app.db, backup);
    app.services.members.create(facts({ memberId: 'M2', ssn: null }));
    app.close();
    expect(previewBackup(backup, dataKey)).toMatchObject({ ok: true, members: 1 });
    expect(fail(() => previewBackup(backup)).code).toBe('LOCKED');
    expect(fail(() => previewBackup(backup, Buffer.alloc(32, 9))).code).toBe('LOCKED');
    const r = restoreDatabase(backup, path, 'S1', { key: dataKey });
    expect(r.keptAside).toBe(`${path}.before-restore-S1`);
    expect(fileKind(r.keptAside!)).toBe('encrypted');
    app = openApp(path, { key: dataKey });
    expect(checkDatabase(app.db)).toMatchObject({ ok: true, members: 1 });
    app.close();

    // A plain backup from before encryption lands encrypted.
    const plainDir = tmp();
    const plainApp = openApp(join(plainDir, 'old.db'));
    plainApp.services.members.create(facts({ memberId: 'OLD1', lastName: NAME, ssn: SSN }));
    backupDatabase(plainApp.db, join(plainDir, 'old-backup.db'));
    plainApp.close();
    restoreDatabase(join(plainDir, 'old-backup.db'), path, 'S2', { key: dataKey });
    expect(fileKind(path)).toBe('encrypted');
    expect(leaks(readFileSync(path))).toEqual([]);
    app = openApp(path, { key: dataKey });
    expect(app.services.members.search({}).map((m) => m.memberId)).toEqual(['OLD1']);
    app.close();
    dataKey.fill(0);
  });
});

const facts = (...a: Parameters<typeof johnSmith>) => memberFactsSchema.parse(johnSmith(...a));

function err(r: { ok: boolean; error?: unknown }): { code: string; fields?: Record<string, string> } {
  if (r.ok) throw new Error('expected an error');
  return r.error as { code: string };
}
