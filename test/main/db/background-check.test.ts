// The open check of the first unlock in the background (main/db/background-check.ts, openVerified's
// `background`): the unlock answers with the caseload read-only, reads go on, changes wait for the
// check; a pass swaps in the writable connection, a failure keeps the read-only one with the
// damaged copy and the way back, exactly as the check before the open does (backups-damaged.test.ts).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchFor, openApp, type App } from '../../../main/app';
import { checkWorkerFile, workerCheck, type CheckRunner } from '../../../main/db/background-check';
import { SCHEMA_VERSION } from '../../../main/db/migrations';
import { listBackups } from '../../../main/services/backups';
import { createKeyFile, keyFilePath, passphraseSecret } from '../../../main/security/keys';
import { memberFactsSchema } from '../../../shared/domain/member';
import type { Result } from '../../../shared/ipc/result';
import { isAllowedSender, johnSmith, SENDER, TEST_PASSPHRASE, TEST_SCRYPT, testClock } from '../caseload-fixture';

const root = mkdtempSync(join(tmpdir(), 'background-check-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sha = (p: string) => (existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex') : 'absent');
const fileState = (p: string) => ({ db: sha(p), wal: existsSync(`${p}-wal`) && readFileSync(`${p}-wal`).length > 0 ? sha(`${p}-wal`) : 'absent' });

/** An encrypted caseload of 300 members with its key file and one daily backup (of the day before). */
function caseload(name: string): { path: string; key: Buffer } {
  const dir = join(root, name);
  mkdirSync(dir);
  const path = join(dir, 'caseload.db');
  const { dataKey } = createKeyFile(keyFilePath(path), passphraseSecret(TEST_PASSPHRASE), { now: '2026-11-22T12:00:00.000Z', scrypt: TEST_SCRYPT });
  let app = openApp(path, { clock: testClock('2026-11-21'), who: 'check-test', key: Buffer.from(dataKey) });
  for (let i = 0; i < 300; i++) app.services.members.create(memberFactsSchema.parse(johnSmith({ memberId: `B${i}`, street: 'x'.repeat(150) })));
  app.close();
  app = openApp(path, { clock: testClock('2026-11-22'), who: 'check-test', key: Buffer.from(dataKey) });
  app.close();
  return { path, key: dataKey };
}

/** Flip bytes inside a page of an encrypted file: its authentication tag no longer matches. */
function damagePage(path: string, page = 9): void {
  const bytes = readFileSync(path);
  for (let i = (page - 1) * 4096 + 100; i < (page - 1) * 4096 + 140; i++) bytes[i]! ^= 0xff;
  writeFileSync(path, bytes);
}

/** A runner whose answer waits for `release()`; it counts its runs and cancels. */
function heldRunner(inner: CheckRunner = workerCheck()) {
  let release: () => void = () => undefined;
  let gate = new Promise<void>((r) => (release = r));
  const counts = { runs: 0, cancels: 0 };
  const runner: CheckRunner = (path, key) => {
    counts.runs++;
    const run = inner(path, key);
    return {
      health: gate.then(() => run.health),
      cancel: () => {
        counts.cancels++;
        run.cancel();
      },
    };
  };
  return {
    runner,
    counts,
    release: () => release(),
    rearm: () => {
      gate = new Promise<void>((r) => (release = r));
    },
  };
}

function desktop(path: string, runner: CheckRunner, day = '2026-11-23'): { app: App; call: (channel: string, input: unknown) => Promise<Result<unknown>> } {
  const app = openApp(path, { clock: testClock(day), who: 'check-test', locked: true, scrypt: TEST_SCRYPT, backgroundCheck: runner, scheduleAfterUnlock: (task) => task() });
  const dispatch = dispatchFor(app.services, { isAllowedSender });
  return { app, call: (channel, input) => dispatch(channel, input, SENDER) };
}

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe('the check in a worker thread', () => {
  it('runs the worker from its source file here (the bundle ships check-worker.cjs)', () => {
    expect(checkWorkerFile()).toMatch(/main[\\/]db[\\/]check-worker\.ts$/);
    const bundled = join(root, 'bundle');
    mkdirSync(bundled);
    writeFileSync(join(bundled, 'check-worker.cjs'), '');
    expect(checkWorkerFile(bundled)).toBe(join(bundled, 'check-worker.cjs'));
  });

  it('answers ok for a sound encrypted caseload, and leaves the caller\'s key as it was', async () => {
    const { path, key } = caseload('sound');
    const copy = Buffer.from(key);
    expect(await workerCheck()(path, key).health).toEqual({ ok: true });
    expect(key.equals(copy)).toBe(true);
  });

  it('finds a page whose authentication tag fails, as quick_check on this thread does', async () => {
    const { path, key } = caseload('worker-damaged');
    damagePage(path);
    const health = await workerCheck()(path, key).health;
    expect(health).toMatchObject({ ok: false });
  });

  it('answers null when the worker cannot run (no such file), so the caller checks on its own thread', async () => {
    const { path, key } = caseload('no-worker');
    expect(await workerCheck(join(root, 'missing-worker.ts'))(path, key).health).toBeNull();
  });
});

describe('the first unlock of a run, checked in the background', () => {
  it('answers at once read-only: reads go on, a change waits for the pass, then the writable connection takes over', async () => {
    const { path } = caseload('unlock');
    const held = heldRunner();
    const { app, call } = desktop(path, held.runner);
    try {
      expect(app.services.session.unlock(TEST_PASSPHRASE).state).toBe('unlocked');
      expect(held.counts.runs).toBe(1);
      expect(app.services.storage.status()).toMatchObject({ checking: true, degraded: null, dailyBackup: { status: 'pending' } });
      expect(app.db.readonly).toBe(true);

      const found = await call('members:search', { query: 'smith', limit: 5 });
      expect(found.ok).toBe(true);
      const id = ((found as { ok: true; value: { id: number }[] }).value)[0]!.id;

      let settled = false;
      const note = call('notes:add', { memberId: id, text: 'called about the BackDROP' }).then((r) => ((settled = true), r));
      await tick();
      expect(settled).toBe(false);
      held.release();
      const r = await note;
      expect(r).toMatchObject({ ok: true, value: { text: 'called about the BackDROP' } });
      await app.checked();
      expect(app.db.readonly).toBe(false);
      expect(app.services.storage.status()).toMatchObject({ degraded: null, dailyBackup: { status: 'written', backup: { reason: 'daily', day: '2026-11-23' } } });
      expect(app.services.storage.status().checking).toBeFalsy();

      // The next unlock of the run (after an idle lock) needs no check.
      app.services.session.lock('idle');
      app.services.session.unlock(TEST_PASSPHRASE);
      expect(held.counts.runs).toBe(1);
      expect(app.db.readonly).toBe(false);
    } finally {
      app.close();
    }
  });

  it('a damaged page: the unlock still answers; the check keeps it read-only, a copy aside, every change refused naming the good backup', async () => {
    const { path } = caseload('damaged');
    const [good] = listBackups(path);
    damagePage(path);
    const before = fileState(path);
    const { app, call } = desktop(path, workerCheck());
    try {
      app.services.session.unlock(TEST_PASSPHRASE);
      await app.checked();
      const d = app.degraded!;
      expect(d).toMatchObject({ newestGoodBackup: good!.path, damagedCopy: expect.stringContaining('caseload.db.damaged-2026-11-23') });
      expect(fileState(d.damagedCopy!)).toEqual(before);
      expect(app.services.storage.status().dailyBackup).toEqual({ status: 'skipped', why: 'damaged' });
      const r = await call('settings:set', { basicLifeDays: 30 });
      expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining(good!.path) } });
    } finally {
      app.close();
    }
    expect(fileState(path)).toEqual(before);
    expect(listBackups(path)).toHaveLength(1);
  });

  it('a worker that cannot run: the check runs on this thread instead, and still finds the damage', async () => {
    const { path } = caseload('fallback');
    damagePage(path);
    const { app } = desktop(path, workerCheck(join(root, 'missing-worker.ts')));
    try {
      app.services.session.unlock(TEST_PASSPHRASE);
      await app.checked();
      expect(app.degraded?.reason).toBeTruthy();
      expect(app.db.readonly).toBe(true);
    } finally {
      app.close();
    }
  });

  it('a lock while the check runs cancels it; the next unlock checks again, and a held change is refused as LOCKED', async () => {
    const { path } = caseload('lock-midway');
    const held = heldRunner();
    const { app, call } = desktop(path, held.runner);
    try {
      app.services.session.unlock(TEST_PASSPHRASE);
      const write = call('settings:set', { basicLifeDays: 45 });
      app.services.session.lock('screen-lock');
      expect(held.counts.cancels).toBe(1);
      held.release();
      expect(await write).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
      held.rearm();
      app.services.session.unlock(TEST_PASSPHRASE);
      expect(held.counts.runs).toBe(2);
      expect(app.db.readonly).toBe(true);
      held.release();
      await app.checked();
      expect(app.db.readonly).toBe(false);
      expect(await call('settings:set', { basicLifeDays: 45 })).toMatchObject({ ok: true, value: { basicLifeDays: 45 } });
    } finally {
      app.close();
    }
  });

  it('a pending migration: the check runs before the open returns (the backup before the upgrade needs a checked file)', async () => {
    const { path, key } = caseload('migration');
    const app0 = openApp(path, { clock: testClock('2026-11-22'), who: 'check-test', key: Buffer.from(key) });
    // Undo the last migration (0008 received dates), so it is pending at the next open.
    app0.db.exec('ALTER TABLE process_forms DROP COLUMN received_on; ALTER TABLE proof_documents DROP COLUMN received_on;');
    app0.db.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    app0.close();
    const held = heldRunner();
    const { app } = desktop(path, held.runner);
    try {
      app.services.session.unlock(TEST_PASSPHRASE);
      expect(held.counts.runs).toBe(0);
      expect(app.db.readonly).toBe(false);
      expect(app.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(listBackups(path).map((b) => b.reason)).toContain('pre-migration');
    } finally {
      app.close();
    }
  });
});
