// Restoring an automatic backup from the desktop app (backups:preview, backups:restore): what the
// counselor does when storage:status reports a damaged caseload. The damaged file is kept aside,
// the backup's records come back, and the caseload is writable again; a backup that fails its
// check is refused and the caseload stays as it was.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchFor, openApp, type App } from '../../../main/app';
import { workerCheck } from '../../../main/db/background-check';
import { listBackups } from '../../../main/services/backups';
import { createKeyFile, keyFilePath, passphraseSecret } from '../../../main/security/keys';
import { memberFactsSchema } from '../../../shared/domain/member';
import type { Result } from '../../../shared/ipc/result';
import { isAllowedSender, johnSmith, SENDER, TEST_PASSPHRASE, TEST_SCRYPT, testClock } from '../caseload-fixture';

const root = mkdtempSync(join(tmpdir(), 'restore-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sha = (p: string) => (existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex') : 'absent');

/** An encrypted caseload of 200 members backed up on 2026-11-22, then 5 more members added on the 23rd. */
function caseload(name: string): { path: string; backup: string } {
  const dir = join(root, name);
  mkdirSync(dir);
  const path = join(dir, 'caseload.db');
  const { dataKey } = createKeyFile(keyFilePath(path), passphraseSecret(TEST_PASSPHRASE), { now: '2026-11-21T12:00:00.000Z', scrypt: TEST_SCRYPT });
  let app = openApp(path, { clock: testClock('2026-11-21'), who: 'restore-test', key: Buffer.from(dataKey) });
  for (let i = 0; i < 200; i++) app.services.members.create(memberFactsSchema.parse(johnSmith({ memberId: `R${i}`, street: 'x'.repeat(150) })));
  app.close();
  app = openApp(path, { clock: testClock('2026-11-22'), who: 'restore-test', key: Buffer.from(dataKey) });
  app.close();
  app = openApp(path, { clock: testClock('2026-11-22'), who: 'restore-test', key: Buffer.from(dataKey) });
  for (let i = 0; i < 5; i++) app.services.members.create(memberFactsSchema.parse(johnSmith({ memberId: `L${i}` })));
  app.close();
  const [backup] = listBackups(path);
  return { path, backup: backup!.name };
}

function desktop(path: string, day = '2026-11-23'): { app: App; call: <T>(channel: string, input: unknown) => Promise<Result<T>> } {
  const app = openApp(path, { clock: testClock(day), who: 'restore-test', locked: true, scrypt: TEST_SCRYPT, backgroundCheck: workerCheck(), scheduleAfterUnlock: (task) => task() });
  const dispatch = dispatchFor(app.services, { isAllowedSender });
  app.services.session.unlock(TEST_PASSPHRASE);
  return { app, call: (channel, input) => dispatch(channel, input, SENDER) as Promise<Result<never>> };
}

const members = (app: App) => (app.db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n;

describe('backups:restore from the desktop app', () => {
  it('a damaged caseload: storage:status names the good backup; the restore brings it back writable and keeps the damaged file aside', async () => {
    const { path, backup } = caseload('damaged');
    const bytes = readFileSync(path);
    for (let i = 9 * 4096 + 100; i < 9 * 4096 + 140; i++) bytes[i]! ^= 0xff;
    writeFileSync(path, bytes);
    const damagedSha = sha(path);
    const { app, call } = desktop(path);
    try {
      await app.checked();
      const status = await call<{ damaged: { newestGoodBackup: string; message: string } }>('storage:status', {});
      expect(status).toMatchObject({ ok: true, value: { checking: false, damaged: { newestGoodBackup: backup, message: expect.stringContaining('damaged') } } });

      const preview = await call('backups:preview', { name: backup });
      expect(preview).toMatchObject({ ok: true, value: { name: backup, ok: true, members: 200, integrity: ['ok'] } });

      const restored = await call<{ keptAside: string }>('backups:restore', { name: backup });
      // The backup passed integrity_check inside the restore: it opens writable at once, unchecked again.
      expect(restored).toMatchObject({ ok: true, value: { keptAside: expect.stringMatching(/caseload\.db\.before-restore-2026-11-23T12-00-00-000Z$/), status: { checking: false, damaged: null } } });
      expect(app.db.readonly).toBe(false);
      const keptAside = (restored as { ok: true; value: { keptAside: string } }).value.keptAside;
      expect(sha(keptAside)).toBe(damagedSha);
      await app.checked();
      expect(app.degraded).toBeNull();
      expect(app.db.readonly).toBe(false);
      expect(members(app)).toBe(200);
      expect(await call('members:create', { member: johnSmith({ memberId: 'AFTER' }) })).toMatchObject({ ok: true });
      expect(await call('storage:status', {})).toMatchObject({ ok: true, value: { damaged: null, checking: false } });
    } finally {
      app.close();
    }
  });

  it('a backup that fails its check is refused by name of what it found; the caseload stays as it was and writable', async () => {
    const { path, backup } = caseload('bad-backup');
    const backupPath = listBackups(path)[0]!.path;
    const bytes = readFileSync(backupPath);
    for (let i = 5 * 4096 + 100; i < 5 * 4096 + 140; i++) bytes[i]! ^= 0xff;
    writeFileSync(backupPath, bytes);
    const { app, call } = desktop(path);
    try {
      await app.checked();
      const open = app.db;
      const preview = await call('backups:preview', { name: backup });
      expect(preview).toMatchObject({ ok: true, value: { ok: false, integrity: [expect.stringMatching(/malformed|corrupt|not a database/i)], members: 0 } });
      const r = await call('backups:restore', { name: backup });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('was not restored') } });
      expect(members(app)).toBe(205);
      // Refused before anything was closed: the same connection, writable, no check to wait for.
      expect(app.db).toBe(open);
      expect(app.services.storage.status().checking).toBeFalsy();
      expect(app.db.readonly).toBe(false);
      expect(await call('notes:add', { memberId: 1, text: 'still writable' })).toMatchObject({ ok: true });
      expect(existsSync(`${path}.before-restore-2026-11-23T12-00-00-000Z`)).toBe(false);
    } finally {
      app.close();
    }
  });

  it('a backup that cannot be copied into place (no room beside the caseload) leaves the caseload where it was, open and writable', async () => {
    const { path, backup } = caseload('no-room');
    const { app, call } = desktop(path);
    try {
      await app.checked();
      // Something already holds the name the copy is written to first: the copy fails.
      mkdirSync(`${path}.restoring`);
      const r = await call('backups:restore', { name: backup });
      expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('The caseload was not changed') } });
      expect(existsSync(`${path}.before-restore-2026-11-23T12-00-00-000Z`)).toBe(false);
      await app.checked();
      expect(members(app)).toBe(205);
      expect(app.db.readonly).toBe(false);
    } finally {
      app.close();
    }
  });

  it('only an automatic backup by its name: a path is INVALID_INPUT, an unknown name NOT_FOUND, and while locked LOCKED', async () => {
    const { path } = caseload('names');
    const { app, call } = desktop(path);
    try {
      expect(await call('backups:restore', { name: '../caseload.db' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { name: expect.any(String) } } });
      expect(await call('backups:preview', { name: 'caseload-20990101-000000-daily.db' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      app.services.session.lock('manual');
      expect(await call('backups:list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    } finally {
      app.close();
    }
  });
});
