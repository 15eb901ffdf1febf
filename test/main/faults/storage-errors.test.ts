// A full disk, a read-only caseload and a busy one (main/db/integrity.ts storageFailure, mapped
// in dispatch and the CLI): each write answers a clear UNAVAILABLE instead of INTERNAL, and
// nothing saved before is lost. The full disk is SQLite's max_page_count and, where this machine
// lets the tests mount (CI runs as root), a small tmpfs; the read-only caseload is `readonly:
// true` and a read-only mount.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchFor, openApp, type App } from '../../../main/app';
import { runCli } from '../../../main/cli/cli';
import { importRoster } from '../../../main/cli/roster';
import { openDatabase } from '../../../main/db/connection';
import { storageFailure } from '../../../main/db/integrity';
import { createKeyFile, keyFilePath, passphraseSecret, unlockKeyFile } from '../../../main/security/keys';
import { memberFactsSchema } from '../../../shared/domain/member';
import type { Result } from '../../../shared/ipc/result';
import { dumpDatabase, isAllowedSender, johnSmith, SENDER, SMITH_PAY, TEST_SCRYPT, testClock, value } from '../caseload-fixture';

const root = mkdtempSync(join(tmpdir(), 'storage-errors-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ROSTER = join(import.meta.dirname, '../../../examples/roster-field-session.csv');

type Opened = { path: string; app: App; call: (channel: string, input: unknown) => Promise<Result<unknown>> };
let n = 0;
function openIn(dir: string, opts: { readonly?: boolean } = {}): Opened {
  const path = join(dir, 'caseload.db');
  const app = openApp(path, { clock: testClock(), who: 'faults', ...opts });
  const dispatch = dispatchFor(app.services, { isAllowedSender });
  return { path, app, call: (channel, input) => dispatch(channel, input, SENDER) };
}
function freshDir(): string {
  const dir = join(root, `d${n++}`);
  mkdirSync(dir);
  return dir;
}

const DISK_FULL = /^The disk is full, so this change was not saved\. Everything saved before is safe\./;
const bigNote = (i: number) => `note ${i} ${'x'.repeat(9000)}`;

/** notes:add until one fails; the dump after the last that went in, and the failure. */
async function fillUp(o: Opened, memberId: number, limit = 400): Promise<{ saved: string; failure: Result<unknown> | null }> {
  let saved = dumpDatabase(o.app.db);
  for (let i = 0; i < limit; i++) {
    const r = await o.call('notes:add', { memberId, text: bigNote(i) });
    if (!r.ok) return { saved, failure: r };
    saved = dumpDatabase(o.app.db);
  }
  return { saved, failure: null };
}

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { XDG_CONFIG_HOME: root } });
  return { code, out: out.join(''), err: err.join('') };
}

describe('a full disk (PRAGMA max_page_count)', () => {
  it('refuses each write with "The disk is full" and keeps everything saved before; writes go on once there is space', async () => {
    const o = openIn(freshDir());
    try {
      const smith = value<{ id: number; version: number }>(await o.call('members:create', { member: johnSmith() }));
      const pages = o.app.db.pragma('page_count', { simple: true }) as number;
      o.app.db.pragma(`max_page_count = ${pages + 8}`);
      const { saved, failure } = await fillUp(o, smith.id);
      expect(failure).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(DISK_FULL) } });
      expect(dumpDatabase(o.app.db)).toBe(saved);

      // Many rows at once (a member, its indexes and its audit row) are refused whole: create
      // members until one is refused, and nothing of that one is in.
      let beforeRefusal = dumpDatabase(o.app.db);
      let refused: Result<unknown> | null = null;
      for (let i = 0; i < 500 && !refused; i++) {
        const r = await o.call('members:create', { member: johnSmith({ memberId: `F${i}`, street: 'y'.repeat(200) }) });
        if (r.ok) beforeRefusal = dumpDatabase(o.app.db);
        else refused = r;
      }
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(DISK_FULL) } });
      const afterRefusals = dumpDatabase(o.app.db);
      expect(afterRefusals).toBe(beforeRefusal);
      // Whatever still fits goes in whole; what does not is refused whole.
      const rec = value<{ id: number; version: number }>(await o.call('members:get', { id: smith.id }));
      const pay = await o.call('pay:set', { memberId: smith.id, version: rec.version, history: SMITH_PAY });
      if (!pay.ok) {
        expect(pay.error.message).toMatch(DISK_FULL);
        expect(dumpDatabase(o.app.db)).toBe(afterRefusals);
      } else {
        expect(value<{ payHistory: unknown[] }>(await o.call('members:get', { id: smith.id })).payHistory).toHaveLength(SMITH_PAY.length);
      }
      const afterPay = dumpDatabase(o.app.db);

      // The roster import is one transaction: refused whole, nothing of it is in.
      let thrown: unknown;
      try {
        importRoster(o.app.db, o.app.services, readFileSync(ROSTER, 'utf8'));
      } catch (err) {
        thrown = err;
      }
      expect(storageFailure(thrown)?.message).toMatch(DISK_FULL);
      expect(dumpDatabase(o.app.db)).toBe(afterPay);
      expect(o.app.db.pragma('integrity_check', { simple: true })).toBe('ok');

      o.app.db.pragma('max_page_count = 4294967294');
      value(await o.call('notes:add', { memberId: smith.id, text: 'space again' }));
    } finally {
      o.app.close();
    }
    const again = openIn(dirnameOf(o.path));
    try {
      expect(again.app.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const notes = value<{ text: string }[]>(await again.call('notes:list', { memberId: 1 }));
      expect(notes.some((x) => x.text === 'space again')).toBe(true);
    } finally {
      again.app.close();
    }
  });
});

const dirnameOf = (p: string) => p.slice(0, p.lastIndexOf('/'));
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('a caseload opened read-only (readonly: true)', () => {
  it('reads, refuses every write with a clear UNAVAILABLE, and changes nothing', async () => {
    const dir = freshDir();
    const rw = openIn(dir);
    const smith = value<{ id: number; version: number }>(await rw.call('members:create', { member: johnSmith() }));
    rw.app.close();
    const path = join(dir, 'caseload.db');
    const before = sha(path);
    const ro = openIn(dir, { readonly: true });
    try {
      const dump = dumpDatabase(ro.app.db);
      expect(ro.app.services.storage.status().dailyBackup).toEqual({ status: 'skipped', why: 'read-only' });
      expect(value<unknown[]>(await ro.call('members:search', { query: 'smith' }))).toHaveLength(1);
      for (const [channel, input] of [
        ['members:create', { member: johnSmith({ memberId: 'M2' }) }],
        ['members:update', { id: smith.id, version: smith.version, patch: { phone: '573-555-0199' } }],
        ['notes:add', { memberId: smith.id, text: 'x' }],
        ['members:revealSsn', { id: smith.id, reason: 'verifying identity' }],
      ] as const) {
        const r = await ro.call(channel, input);
        expect(r, channel).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/^The caseload is open read-only .*so this change was not saved\. Everything saved before is safe\. Make the caseload file and its folder writable .*then start the workstation again\.$/) } });
      }
      expect(dumpDatabase(ro.app.db)).toBe(dump);
    } finally {
      ro.app.close();
    }
    expect(sha(path)).toBe(before);
  });
});

describe('a caseload another program is writing to', () => {
  it('answers UNAVAILABLE "busy" once the wait runs out, and the write can be made afterwards', async () => {
    const o = openIn(freshDir());
    const other = openDatabase(o.path);
    try {
      const smith = value<{ id: number }>(await o.call('members:create', { member: johnSmith() }));
      o.app.db.pragma('busy_timeout = 50');
      other.prepare('BEGIN IMMEDIATE').run();
      const r = await o.call('notes:add', { memberId: smith.id, text: 'while busy' });
      expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/^The caseload is busy/) } });
      other.prepare('ROLLBACK').run();
      value(await o.call('notes:add', { memberId: smith.id, text: 'after' }));
    } finally {
      other.close();
      o.app.close();
    }
  });
});

describe('storageFailure', () => {
  it('names each storage error and leaves every other error alone', () => {
    const err = (code: string) => Object.assign(new Error(code), { name: 'SqliteError', code });
    expect(storageFailure(err('SQLITE_FULL'))?.message).toMatch(DISK_FULL);
    expect(storageFailure(err('SQLITE_READONLY_DBMOVED'))?.message).toMatch(/open read-only/);
    expect(storageFailure(err('SQLITE_BUSY_SNAPSHOT'))?.message).toMatch(/busy/);
    expect(storageFailure(err('SQLITE_CORRUPT_INDEX'))?.message).toMatch(/damaged.*npm run cli -- check/);
    expect(storageFailure(err('SQLITE_NOTADB'))?.message).toMatch(/damaged/);
    expect(storageFailure(err('SQLITE_IOERR_WRITE'))?.message).toMatch(/could not be read or written/);
    for (const e of [err('SQLITE_CONSTRAINT_UNIQUE'), err('SQLITE_ERROR'), new Error('x'), null, 'SQLITE_FULL', { code: 42 }]) expect(storageFailure(e)).toBeNull();
    for (const code of ['SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR']) expect(storageFailure(err(code))?.code).toBe('UNAVAILABLE');
  });
});

// A real full disk and a read-only mount need mount(8) (root in CI; skipped where refused).
const canMount = (() => {
  if (process.platform !== 'linux') return false;
  const probe = mkdtempSync(join(tmpdir(), 'mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

function withTmpfs<T>(sizeKb: number, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = freshDir();
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]);
  return fn(dir).finally(() => execFileSync('umount', ['-l', dir]));
}

describe.skipIf(!canMount)('a real full disk and a read-only mount (tmpfs)', () => {
  it('key change on a full disk ends with a clear message, leaves no .tmp or .next, and the caseload opens with the old passphrase as before', async () => {
    await withTmpfs(1024, async (dir) => {
      const db = join(dir, 'caseload.db');
      const created = createKeyFile(keyFilePath(db), passphraseSecret('first full disk passphrase'), { now: '2026-11-23T12:00:00.000Z', scrypt: TEST_SCRYPT });
      const app = openApp(db, { key: created.dataKey, clock: testClock() });
      for (let i = 0; i < 20; i++) app.services.members.create(memberFactsSchema.parse(johnSmith({ memberId: `F${i}`, ssn: null })));
      app.close();
      // Every byte taken.
      const chunk = Buffer.alloc(4096, 1);
      for (let i = 0; ; i++) {
        try {
          appendFileSync(join(dir, 'filler'), chunk);
        } catch {
          break;
        }
      }
      const before = readFileSync(db);
      const out: string[] = [];
      const err: string[] = [];
      const code = runCli(['key', 'change', '--db', db], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { MOSERS_PASSPHRASE: 'first full disk passphrase', MOSERS_NEW_PASSPHRASE: 'second full disk passphrase', XDG_CONFIG_HOME: dir } });
      expect(code).toBe(2);
      expect(err.join('')).toMatch(/^(The disk is full, so the new key file could not be written beside .*caseload\.keys\.json; the caseload, its passphrase and its recovery key are as they were\. Free some space and try again\.|The caseload could not be re-encrypted \(.*\); it is unchanged, and the passphrase and recovery key are as they were\.)/);
      expect(readdirSync(dir).filter((n) => /\.(tmp|next)$/.test(n))).toEqual([]);
      expect(readFileSync(db).equals(before)).toBe(true);
      rmSync(join(dir, 'filler'));
      const k = unlockKeyFile(keyFilePath(db), passphraseSecret('first full disk passphrase'));
      expect(k.equals(created.dataKey)).toBe(true);
      const again = openApp(db, { key: k, clock: testClock() });
      expect(again.services.members.search({ limit: 50 })).toHaveLength(20);
      again.close();
      k.fill(0);
      created.dataKey.fill(0);
    });
  });

  it('a full tmpfs: writes and the CLI import answer "The disk is full", nothing saved is lost, and writes go on once space is freed', async () => {
    await withTmpfs(1024, async (dir) => {
      // Room to free later.
      writeFileSync(join(dir, 'filler'), Buffer.alloc(256 * 1024, 1));
      const o = openIn(dir);
      let saved: string;
      let smithId: number;
      try {
        smithId = value<{ id: number }>(await o.call('members:create', { member: johnSmith() })).id;
        const filled = await fillUp(o, smithId);
        saved = filled.saved;
        expect(filled.failure).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(DISK_FULL) } });
        expect(dumpDatabase(o.app.db)).toBe(saved);

        // The CLI, another connection: its import is refused whole, with the same words.
        const imported = cli(['members', 'import', ROSTER, '--db', o.path]);
        expect(imported.code).toBe(2);
        // The day's backup, tried on the open, could not be made on the full disk either: said first.
        const lines = imported.err.split('\n').filter(Boolean);
        expect(lines.at(-1)).toMatch(DISK_FULL);
        expect(lines.slice(0, -1).every((l) => l.startsWith("The day's automatic backup could not be made ("))).toBe(true);
        expect(dumpDatabase(o.app.db)).toBe(saved);

        rmSync(join(dir, 'filler'));
        value(await o.call('notes:add', { memberId: smithId, text: 'space again' }));
      } finally {
        o.app.close();
      }
      const again = openIn(dir);
      try {
        expect(again.app.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const notes = value<{ text: string }[]>(await again.call('notes:list', { memberId: smithId }));
        expect(notes.map((x) => x.text)).toContain('space again');
        expect(JSON.parse(saved).out.notes.length).toBe(notes.length - 1);
      } finally {
        again.app.close();
      }
    });
  });

  it('a read-only mount: the caseload is refused on open with a clear UNAVAILABLE, and the file is unchanged', async () => {
    await withTmpfs(4096, async (dir) => {
      const o = openIn(dir);
      value(await o.call('members:create', { member: johnSmith() }));
      o.app.close();
      const before = sha(o.path);
      execFileSync('mount', ['-o', 'remount,ro', dir]);
      for (const readonly of [false, true]) {
        let caught: unknown;
        try {
          openIn(dir, { readonly }).app.close();
        } catch (err) {
          caught = err;
        }
        expect(caught, `readonly: ${readonly}`).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/cannot be opened: its folder or drive is read-only/) });
      }
      const cliCheck = cli(['members', 'list', '--db', o.path]);
      expect(cliCheck.code).toBe(2);
      expect(cliCheck.err).toMatch(/read-only/);
      expect(sha(o.path)).toBe(before);
    });
  });
});
