// A damaged caseload (main/db/integrity.ts): found by the check on open, never moved or written,
// copied aside untouched, opened read-only with every write refused by name of the newest good
// backup and the restore command, and put right by that command.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchFor, openApp } from '../../main/app';
import { runCli } from '../../main/cli/cli';
import { fileKind, openDatabase } from '../../main/db/connection';
import { listBackups, newestGoodBackup } from '../../main/services/backups';
import { memberFactsSchema } from '../../shared/domain/member';
import { AppFailure } from '../../shared/ipc/result';
import { generateCaseload } from '../bench/caseload';
import { isAllowedSender, johnSmith, SENDER, testClock } from './caseload-fixture';

const MEMBERS = 400;
const root = mkdtempSync(join(tmpdir(), 'damaged-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sha = (p: string) => (existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex') : 'absent');
const fileState = (p: string) => ({ db: sha(p), wal: existsSync(`${p}-wal`) && readFileSync(`${p}-wal`).length > 0 ? sha(`${p}-wal`) : 'absent' });

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { XDG_CONFIG_HOME: root } });
  return { code, out: out.join(''), err: err.join('') };
}

type PageInfo = { pageno: number; pageSize: number; firstId: number };

/** A leaf page of the members table other than the first, and the page size. */
function memberLeaf(path: string): PageInfo {
  const db = openDatabase(path, { readonly: true });
  try {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'members' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[];
    expect(leaves.length).toBeGreaterThan(4);
    const firstId = (db.prepare('SELECT min(id) AS id FROM members').get() as { id: number }).id;
    return { pageno: leaves[Math.floor(leaves.length / 2)]!.pageno, pageSize, firstId };
  } finally {
    db.close();
  }
}

/** Overwrite the cell pointer array of a b-tree leaf page (bytes 8..72 of the page). */
function scribble(path: string, page: number, pageSize: number, from = 8, to = 72): void {
  const bytes = readFileSync(path);
  for (let i = (page - 1) * pageSize + from; i < (page - 1) * pageSize + to; i++) bytes[i] = 0x5a;
  writeFileSync(path, bytes);
}

/** A 400-member caseload with a good backup of yesterday, then a scribbled members page. */
function damagedCaseload(name: string): { path: string; goodBackup: string; firstId: number } {
  const path = join(root, name, 'caseload.db');
  rmSync(join(root, name), { recursive: true, force: true });
  mkdirSync(join(root, name));
  generateCaseload(path, MEMBERS);
  const clock = testClock('2026-11-22');
  openApp(path, { clock, who: 'damaged-test' }).close();
  const [good] = listBackups(path);
  expect(good?.reason).toBe('daily');
  const leaf = memberLeaf(path);
  scribble(path, leaf.pageno, leaf.pageSize);
  return { path, goodBackup: good!.path, firstId: leaf.firstId };
}

describe('a caseload with a damaged b-tree page', () => {
  let path: string;
  let goodBackup: string;
  let firstId: number;
  let before: { db: string; wal: string };
  beforeAll(() => {
    ({ path, goodBackup, firstId } = damagedCaseload('page'));
    before = fileState(path);
  });

  it('opens read-only and degraded: the reason, an untouched copy aside, the newest good backup and the restore command', async () => {
    const clock = testClock('2026-11-23');
    const app = openApp(path, { clock, who: 'damaged-test' });
    try {
      const d = app.degraded!;
      expect(d).not.toBeNull();
      expect(d.reason).toMatch(/out of range|corrupt|malformed|Tree|page/i);
      expect(d.damagedCopy).toMatch(/caseload\.db\.damaged-2026-11-23T12-00-00-000Z$/);
      expect(fileState(d.damagedCopy!)).toEqual(before);
      expect(d.newestGoodBackup).toBe(goodBackup);
      expect(d.restoreCommand).toBe(`npm run cli -- restore "${goodBackup}" --db "${path}" --yes`);
      // No backup is made of a damaged caseload.
      expect(app.services.storage.status().dailyBackup).toEqual({ status: 'skipped', why: 'damaged' });
      expect(listBackups(path)).toHaveLength(1);

      const dispatch = dispatchFor(app.services, { isAllowedSender });
      const call = (channel: string, input: unknown) => dispatch(channel, input, SENDER);
      // Reads of undamaged records still work.
      const got = await call('members:get', { id: firstId });
      expect(got.ok).toBe(true);
      // Every write answers UNAVAILABLE, naming the backup and the command.
      const version = (got as { ok: true; value: { version: number } }).value.version;
      for (const [channel, input] of [
        ['notes:add', { memberId: firstId, text: 'called' }],
        ['members:update', { id: firstId, version, patch: { phone: '573-555-0199' } }],
        ['members:archive', { id: firstId, version, archived: true }],
        ['settings:set', { basicLifeDays: 30 }],
      ] as const) {
        const r = await call(channel, input);
        expect(r.ok, channel).toBe(false);
        if (r.ok) continue;
        expect(r.error.code, channel).toBe('UNAVAILABLE');
        expect(r.error.message).toContain('damaged');
        expect(r.error.message).toContain(goodBackup);
        expect(r.error.message).toContain('npm run cli -- restore');
        expect(r.error.message).toContain(d.damagedCopy!);
      }
    } finally {
      app.close();
    }
    // The damaged file is exactly as it was found: no write, no checkpoint into it.
    expect(fileState(path)).toEqual(before);
  });

  it('found again on the next start is not copied a second time', () => {
    const app = openApp(path, { clock: testClock('2026-11-24'), who: 'damaged-test' });
    app.close();
    const copies = readdirSync(join(root, 'page')).filter((f) => f.startsWith('caseload.db.damaged-') && !f.endsWith('-wal'));
    expect(copies).toEqual(['caseload.db.damaged-2026-11-23T12-00-00-000Z']);
    expect(fileState(path)).toEqual(before);
  });

  it('the CLI refuses to import into it, check reports it, backups --check names the good backup, and restore puts it right', () => {
    const roster = join(import.meta.dirname, '../../examples/roster-field-session.csv');
    const imported = cli(['members', 'import', roster, '--db', path]);
    expect(imported.code).toBe(2);
    expect(imported.err).toContain('damaged');
    expect(imported.err).toContain(goodBackup);
    expect(fileState(path)).toEqual(before);
    // Every command that writes stops the same way, before reading what it would store.
    for (const args of [
      ['basis', 'import-table', roster, '--as', 'T1', '--db', path],
      ['basis', 'add', roster, '--db', path],
    ]) {
      const refused = cli(args);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.err, args.join(' ')).toContain(`The newest good backup is ${goodBackup}`);
    }
    expect(fileState(path)).toEqual(before);

    const check = cli(['check', '--db', path]);
    expect(check.code).not.toBe(0);
    expect(check.out).not.toMatch(/integrity ok;/);

    const listed = cli(['backups', '--check', '--db', path]);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`Newest good backup: ${goodBackup}.`);

    const restored = cli(['restore', goodBackup, '--db', path, '--yes']);
    expect(restored.code).toBe(0);
    const app = openApp(path, { clock: testClock('2026-11-25'), who: 'damaged-test' });
    try {
      expect(app.degraded).toBeNull();
      expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((app.db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n).toBe(MEMBERS);
    } finally {
      app.close();
    }
  });
});

describe('a caseload whose schema page is damaged', () => {
  it('cannot open even read-only: UNAVAILABLE naming the kept copy, the newest good backup and the restore command', () => {
    const path = join(root, 'schema', 'caseload.db');
    mkdirSync(join(root, 'schema'));
    generateCaseload(path, 50);
    openApp(path, { clock: testClock('2026-11-22'), who: 'damaged-test' }).close();
    const [good] = listBackups(path);
    // Page 1 after its 100-byte file header: the b-tree of sqlite_schema.
    scribble(path, 1, 4096, 108, 160);
    const before = fileState(path);
    let caught: unknown;
    try {
      openApp(path, { clock: testClock('2026-11-23'), who: 'damaged-test' }).close();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppFailure);
    const failure = caught as AppFailure;
    expect(failure.code).toBe('UNAVAILABLE');
    expect(failure.message).toMatch(/damaged .*so it cannot be opened/);
    expect(failure.message).toContain(good!.path);
    expect(failure.message).toContain(`npm run cli -- restore "${good!.path}"`);
    expect(failure.message).toContain('caseload.db.damaged-2026-11-23T12-00-00-000Z');
    expect(fileState(path)).toEqual(before);
    expect(fileState(`${path}.damaged-2026-11-23T12-00-00-000Z`)).toEqual(before);
  });
});

describe('an encrypted caseload', () => {
  it('is backed up encrypted through its connection, and when damaged opens read-only offering that backup', async () => {
    const dir = join(root, 'encrypted');
    mkdirSync(dir);
    const path = join(dir, 'caseload.db');
    const key = randomBytes(32);
    let app = openApp(path, { clock: testClock('2026-11-22'), who: 'damaged-test', key: Buffer.from(key) });
    for (let i = 0; i < 300; i++) app.services.members.create(memberFactsSchema.parse(johnSmith({ memberId: `E${i}`, street: 'x'.repeat(150) })));
    app.close();
    app = openApp(path, { clock: testClock('2026-11-23'), who: 'damaged-test', key: Buffer.from(key) });
    app.close();
    const [backup] = listBackups(path);
    expect(fileKind(path)).toBe('encrypted');
    expect(fileKind(backup!.path)).toBe('encrypted');
    expect(newestGoodBackup(path, { key })?.path).toBe(backup!.path);
    expect(newestGoodBackup(path)).toBeNull();

    // Flip bytes inside a page: its authentication tag no longer matches.
    const bytes = readFileSync(path);
    for (let i = 9 * 4096 + 100; i < 9 * 4096 + 140; i++) bytes[i]! ^= 0xff;
    writeFileSync(path, bytes);
    const before = fileState(path);
    app = openApp(path, { clock: testClock('2026-11-24'), who: 'damaged-test', key: Buffer.from(key) });
    try {
      expect(app.degraded).toMatchObject({ newestGoodBackup: backup!.path, damagedCopy: expect.stringContaining('caseload.db.damaged-') });
      const r = await dispatchFor(app.services, { isAllowedSender })('members:create', { member: johnSmith({ memberId: 'NEW' }) }, SENDER);
      expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining(backup!.path) } });
    } finally {
      app.close();
    }
    expect(fileState(path)).toEqual(before);
  });
});
