// The lock service with a fake clock and fake timers: the idle period locks, activity postpones it,
// the screen lock and suspend lock at once, locking zeroes the key and closes the caseload, and
// dispatch answers LOCKED until the passphrase is given again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyFile, keyFilePath, passphraseSecret } from '../../../main/security/keys';
import { sessionService, type LockReason, type Timers } from '../../../main/services/session';
import { AppFailure } from '../../../shared/ipc/result';
import { TEST_PASSPHRASE, TEST_SCRYPT, openTestApp, seedSmith, value, type TestApp } from '../caseload-fixture';

const MINUTE = 60_000;

/** Timers that run only when the test moves the clock. */
function fakeTimers(): Timers & { advance: (ms: number) => void; pending: () => number } {
  let now = 0;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      due.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void due.delete(h as number),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
    pending: () => due.size,
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A session over a real key file, with the caseload replaced by a recorder. */
function harness(opts: { keyFile?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'session-'));
  dirs.push(dir);
  const dbPath = join(dir, 'caseload.db');
  if (opts.keyFile !== false) createKeyFile(keyFilePath(dbPath), passphraseSecret(TEST_PASSPHRASE), { now: 'now', scrypt: TEST_SCRYPT }).dataKey.fill(0);
  const timers = fakeTimers();
  const opened: (Buffer | null)[] = [];
  const events: LockReason[] = [];
  let open = false;
  let idle = 10;
  const session = sessionService({
    dbPath,
    keyFile: keyFilePath(dbPath),
    timers,
    nowIso: () => '2026-11-23T12:00:00.000Z',
    open: (k) => {
      opened.push(k);
      open = true;
    },
    close: () => {
      open = false;
    },
    idleLockMinutes: () => idle,
    locked: (r) => events.push(r),
    scrypt: TEST_SCRYPT,
  });
  return { session, timers, opened, events, isOpen: () => open, setIdle: (m: number) => (idle = m) };
}

const zeroed = (b: Buffer | null | undefined) => b != null && b.length === 32 && b.every((x) => x === 0);

describe('session service (fake clock and timers)', () => {
  it('starts locked; a wrong passphrase is LOCKED; the right one opens the caseload with the 32-byte data key', () => {
    const h = harness();
    h.session.startLocked();
    expect(h.session.status()).toEqual({ state: 'locked', encrypted: true, reason: null, idleLockMinutes: 10 });
    expect(() => h.session.unlock('wrong passphrase')).toThrow(AppFailure);
    expect(h.opened).toEqual([]);
    h.session.unlock(TEST_PASSPHRASE);
    expect(h.isOpen()).toBe(true);
    expect(h.opened[0]).toHaveLength(32);
    expect(zeroed(h.opened[0])).toBe(false);
    expect(h.session.isLocked()).toBe(false);
  });

  it('locks after the idle period: the caseload is closed, the key Buffer zeroed, and app:locked says idle', () => {
    const h = harness();
    h.session.startLocked();
    h.session.unlock(TEST_PASSPHRASE);
    const key = h.opened[0]!;
    h.timers.advance(10 * MINUTE - 1);
    expect(h.session.isLocked()).toBe(false);
    h.timers.advance(1);
    expect(h.session.status()).toMatchObject({ state: 'locked', reason: 'idle' });
    expect(h.isOpen()).toBe(false);
    expect(zeroed(key)).toBe(true);
    expect(h.events).toEqual(['idle']);
    expect(h.timers.pending()).toBe(0);
  });

  it('activity postpones the idle lock, from the last activity', () => {
    const h = harness();
    h.session.startLocked();
    h.session.unlock(TEST_PASSPHRASE);
    h.timers.advance(9 * MINUTE);
    h.session.onActivity();
    h.timers.advance(9 * MINUTE);
    expect(h.session.isLocked()).toBe(false);
    h.session.onActivity();
    h.timers.advance(9 * MINUTE + 59_999);
    expect(h.session.isLocked()).toBe(false);
    h.timers.advance(1);
    expect(h.session.status().reason).toBe('idle');
  });

  it('a shorter idle setting takes effect at once', () => {
    const h = harness();
    h.session.startLocked();
    h.session.unlock(TEST_PASSPHRASE);
    h.setIdle(2);
    h.session.onSettingsChanged();
    h.timers.advance(2 * MINUTE);
    expect(h.session.status()).toMatchObject({ state: 'locked', reason: 'idle' });
  });

  it.each([
    ['lock-screen', 'screen-lock'],
    ['suspend', 'suspend'],
  ] as const)('the %s power event locks at once and zeroes the key', (event, reason) => {
    const h = harness();
    h.session.startLocked();
    h.session.unlock(TEST_PASSPHRASE);
    const key = h.opened[0]!;
    h.timers.advance(MINUTE);
    h.session.onPowerEvent(event);
    expect(h.session.status()).toMatchObject({ state: 'locked', reason });
    expect(zeroed(key)).toBe(true);
    expect(h.events).toEqual([reason]);
    h.session.onPowerEvent(event);
    expect(h.events).toEqual([reason]);
    h.session.unlock(TEST_PASSPHRASE);
    expect(h.opened).toHaveLength(2);
    expect(h.opened[1]).not.toBe(key);
  });

  it('a plain caseload (no key) never locks: power events pass, a manual lock is CONFLICT, no timer runs', () => {
    const h = harness({ keyFile: false });
    h.session.startOpen(null);
    h.session.onPowerEvent('suspend');
    h.timers.advance(60 * MINUTE);
    expect(h.session.status()).toMatchObject({ state: 'unlocked', encrypted: false });
    expect(() => h.session.lock('manual')).toThrow(/not encrypted/);
    expect(h.timers.pending()).toBe(0);
  });

  it('with no key file it starts in setup; unlock is CONFLICT until a passphrase is set', () => {
    const h = harness({ keyFile: false });
    h.session.startLocked();
    expect(h.session.status()).toMatchObject({ state: 'setup', encrypted: false });
    expect(() => h.session.unlock(TEST_PASSPHRASE)).toThrow(/no passphrase yet/);
    const { recoveryKey, status } = h.session.setup('my first passphrase');
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect(status).toMatchObject({ state: 'unlocked', encrypted: true });
    expect(h.opened).toHaveLength(1);
  });

  it('dispose (the app quits) zeroes the key and leaves no timer', () => {
    const h = harness();
    h.session.startLocked();
    h.session.unlock(TEST_PASSPHRASE);
    const key = h.opened[0]!;
    h.session.dispose();
    expect(zeroed(key)).toBe(true);
    expect(h.timers.pending()).toBe(0);
  });
});

describe('the lock through the app and dispatch', () => {
  let app: TestApp;
  afterEach(() => app.close());

  it('dispatch answers LOCKED while locked (status still answers), and works again after unlock; every call is activity', async () => {
    const timers = fakeTimers();
    app = openTestApp({ prefix: 'lock-', timers });
    const events: unknown[] = [];
    app.app.setEventSink((event, payload) => events.push({ event, payload }));
    const rec = await seedSmith(app);
    timers.advance(9 * MINUTE);
    value(await app.call('members:get', { id: rec.id }));
    timers.advance(9 * MINUTE);
    expect(value(await app.call('session:status', {}))).toMatchObject({ state: 'unlocked' });
    timers.advance(10 * MINUTE);
    expect(events).toEqual([{ event: 'app:locked', payload: { reason: 'idle' } }]);
    const r = await app.call('members:get', { id: rec.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await app.call('notes:add', { memberId: rec.id, text: 'while locked' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(value(await app.call('session:status', {}))).toEqual({ state: 'locked', encrypted: true, reason: 'idle', idleLockMinutes: 10 });
    expect(() => app.services.members.get(rec.id)).toThrow(/locked/);
    expect(() => app.db).toThrow(/locked/);
    expect(await app.call('session:unlock', { passphrase: 'not it at all' })).toMatchObject({ ok: false, error: { code: 'LOCKED', fields: { passphrase: 'is not right' } } });
    value(await app.call('session:unlock', { passphrase: TEST_PASSPHRASE }));
    expect(value<{ lastName: string }>(await app.call('members:get', { id: rec.id })).lastName).toBe('Smith');
    expect(value<{ text: string }[]>(await app.call('notes:list', { memberId: rec.id }))).toEqual([]);
  });

  it('the idle setting is the caseload setting idleLockMinutes', async () => {
    const timers = fakeTimers();
    app = openTestApp({ prefix: 'lock-setting-', timers });
    value(await app.call('settings:set', { idleLockMinutes: 1 }));
    timers.advance(MINUTE);
    expect(app.services.session.status()).toMatchObject({ state: 'locked', reason: 'idle' });
    value(await app.call('session:unlock', { passphrase: TEST_PASSPHRASE }));
    expect(value(await app.call('session:status', {}))).toMatchObject({ idleLockMinutes: 1 });
  });
});

describe('wrong tries and weak passphrases', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
      return null;
    } catch (err) {
      return err as AppFailure;
    }
  };

  it('thirty wrong tries in a row meet a growing delay (1 s, 2 s, 4 s … up to 60 s); a try during it is not looked at; a right one resets it', () => {
    const { session, timers } = harness();
    session.startLocked();
    const waits: number[] = [];
    for (let i = 1; i <= 30; i++) {
      let err = code(() => session.unlock('not it at all'))!;
      if (err.fields?.passphrase !== 'is not right') {
        expect(err.message).toMatch(/^Too many wrong tries in a row: wait \d+ seconds?, then try again\./);
        const s = Number(/wait (\d+) second/.exec(err.message)![1]);
        waits.push(s);
        // During the delay even the right passphrase is not looked at.
        expect(code(() => session.unlock(TEST_PASSPHRASE))!.message).toMatch(/^Too many wrong tries/);
        timers.advance(s * 1000);
        err = code(() => session.unlock('not it at all'))!;
      }
      expect(err.fields).toEqual({ passphrase: 'is not right' });
    }
    // No delay after the first two; then doubling, capped at a minute.
    expect(waits.slice(0, 8)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(waits).toHaveLength(27);
    timers.advance(60_000);
    session.unlock(TEST_PASSPHRASE);
    expect(session.status().state).toBe('unlocked');
    session.lock('manual');
    // Reset by the right one: the next wrong try has no delay after it.
    expect(code(() => session.unlock('not it at all'))?.fields).toEqual({ passphrase: 'is not right' });
    session.unlock(TEST_PASSPHRASE);
  });

  it('a weak or common new passphrase is refused beside its field, at setup and at a change', () => {
    const { session } = harness({ keyFile: false });
    session.startLocked();
    for (const weak of ['Summer2026!!', 'jeffersoncity2026', 'password1234', 'mosersmosers']) {
      const err = code(() => session.setup(weak))!;
      expect(err.code, weak).toBe('INVALID_INPUT');
      expect(err.fields!.passphrase, weak).toMatch(/^is too easy to guess/);
    }
    expect(code(() => session.setup('short'))!.fields).toEqual({ passphrase: 'must be at least 10 characters' });
    session.setup('river copper lantern meadow');
    expect(code(() => session.changePassphrase('river copper lantern meadow', 'qwertyuiop12'))!.fields!.next).toMatch(/^is too easy to guess/);
  });
});
