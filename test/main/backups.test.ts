// Automatic backups (main/services/backups.ts): one on the first open of each day, one before
// every migration, the newest 14 kept, and the newest good one found when it is needed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app';
import { fileKind, openDatabase, type Db } from '../../main/db/connection';
import { SCHEMA_VERSION } from '../../main/db/migrations';
import { autoBackup, backupFolder, KEEP_BACKUPS, listBackups, newestGoodBackup, openCaseload, pruneBackups } from '../../main/services/backups';
import { backupDatabase, previewBackup } from '../../main/services/maintenance';
import { memberFactsSchema } from '../../shared/domain/member';
import { AppFailure } from '../../shared/ipc/result';
import { johnSmith, openTestApp, TEST_PASSPHRASE, testClock, type TestClock } from './caseload-fixture';

const root = mkdtempSync(join(tmpdir(), 'backups-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const caseloadPath = () => {
  const dir = join(root, `c${n++}`);
  mkdirSync(dir);
  return join(dir, 'caseload.db');
};

const member = (memberId: string) => memberFactsSchema.parse(johnSmith({ memberId }));

function open(path: string, clock: TestClock): App {
  return openApp(path, { clock, who: 'backups-test' });
}

/** A caseload with `count` members, made on the clock's day (a new file: not backed up). */
function seeded(clock: TestClock, count = 2): string {
  const path = caseloadPath();
  const app = open(path, clock);
  for (let i = 0; i < count; i++) app.services.members.create(member(`B${i}`));
  app.close();
  return path;
}

const DAILY = /^caseload-\d{8}-\d{6}-daily\.db$/;

describe('backupFolder', () => {
  it("is backups/ beside the desktop app's caseload.db, and <name>.backups/ beside any other caseload", () => {
    expect(backupFolder('/home/c/MOSERS/caseload.db')).toBe('/home/c/MOSERS/backups');
    expect(backupFolder('/tmp/x/c.db')).toBe('/tmp/x/c.backups');
  });
});

describe('the daily backup', () => {
  it('with a scheduler (the desktop app) runs after the open has answered: pending, then written once the task runs', () => {
    const clock = testClock('2026-11-23');
    const path = seeded(clock);
    const tasks: (() => void)[] = [];
    const app = openApp(path, { clock, who: 'backups-test', scheduleAfterUnlock: (task) => tasks.push(task) });
    try {
      expect(app.services.storage.status().dailyBackup).toEqual({ status: 'pending' });
      expect(listBackups(path)).toEqual([]);
      expect(app.services.members.search({ limit: 5 })).toHaveLength(2);
      // The day's backup only (a plain caseload: no backup to encrypt).
      expect(tasks).toHaveLength(1);
      tasks[0]!();
      expect(app.services.storage.status().dailyBackup).toMatchObject({ status: 'written', backup: { day: '2026-11-23', reason: 'daily' } });
      expect(listBackups(path)).toHaveLength(1);
    } finally {
      app.close();
    }
  });

  it('is not made for a new caseload; is made on the next open of the day, once; and again the next day', () => {
    const clock = testClock('2026-11-23');
    const path = seeded(clock);
    expect(listBackups(path)).toEqual([]);

    let app = open(path, clock);
    const status = app.services.storage.status().dailyBackup;
    expect(status).toMatchObject({ status: 'written', backup: { day: '2026-11-23', reason: 'daily' } });
    const first = listBackups(path);
    expect(first).toHaveLength(1);
    expect(first[0]!.name).toMatch(DAILY);
    expect(first[0]!.name.startsWith('caseload-20261123-')).toBe(true);
    expect(first[0]!.path.startsWith(backupFolder(path))).toBe(true);
    app.services.members.create(member('LATER'));
    app.close();
    // What the backup holds is the caseload as it was opened, checked whole.
    expect(previewBackup(first[0]!.path)).toMatchObject({ ok: true, members: 2, schemaVersion: SCHEMA_VERSION });

    app = open(path, clock);
    expect(app.services.storage.status().dailyBackup).toEqual({ status: 'skipped', why: 'done-today' });
    app.close();
    expect(listBackups(path)).toHaveLength(1);

    clock.set('2026-11-24');
    app = open(path, clock);
    expect(app.services.storage.status().dailyBackup).toMatchObject({ status: 'written' });
    app.close();
    const both = listBackups(path);
    expect(both.map((b) => b.day)).toEqual(['2026-11-24', '2026-11-23']);
    expect(previewBackup(both[0]!.path).members).toBe(3);
  });

  it('keeps the newest 14, removing the older ones with their key files', () => {
    const clock = testClock('2026-12-01');
    const path = seeded(clock);
    const keyFiles: string[] = [];
    for (let d = 1; d <= 20; d++) {
      clock.set(`2026-12-${String(d + 1).padStart(2, '0')}`);
      open(path, clock).close();
      // An encrypted caseload's backup has its key file beside it (maintenance.backupDatabase).
      keyFiles.push(listBackups(path)[0]!.path.replace(/\.db$/, '.keys.json'));
      writeFileSync(keyFiles.at(-1)!, '{}');
    }
    const kept = listBackups(path);
    expect(kept).toHaveLength(KEEP_BACKUPS);
    expect(kept.map((b) => b.day)).toEqual(Array.from({ length: 14 }, (_, i) => `2026-12-${String(21 - i).padStart(2, '0')}`));
    expect(keyFiles.map((k) => existsSync(k))).toEqual([...Array(6).fill(false), ...Array(14).fill(true)]);
  });

  it('that cannot be written does not keep the counselor out: the app opens and says so', () => {
    const clock = testClock('2026-11-23');
    const path = seeded(clock);
    writeFileSync(backupFolder(path), 'a file where the backup folder should be');
    clock.set('2026-11-24');
    const app = open(path, clock);
    try {
      const status = app.services.storage.status().dailyBackup;
      expect(status?.status).toBe('failed');
      expect(app.services.members.search({}).length).toBe(2);
      app.services.members.create(member('STILL'));
    } finally {
      app.close();
    }
  });

  it('is made on the first unlock of a new day in a run that stays open (an encrypted caseload, locked overnight)', () => {
    const t = openTestApp({ day: '2026-11-23', prefix: 'backups-unlock-' });
    try {
      t.services.members.create(member('U1'));
      expect(listBackups(t.path)).toEqual([]);
      t.services.session.lock('manual');
      t.clock.set('2026-11-24');
      t.services.session.unlock(TEST_PASSPHRASE);
      expect(t.services.storage.status().dailyBackup).toMatchObject({ status: 'written', backup: { day: '2026-11-24' } });
      t.services.session.lock('manual');
      t.services.session.unlock(TEST_PASSPHRASE);
      expect(t.services.storage.status().dailyBackup).toEqual({ status: 'skipped', why: 'done-today' });
      const [backup] = listBackups(t.path);
      expect(listBackups(t.path)).toHaveLength(1);
      expect(fileKind(backup!.path)).toBe('encrypted');
    } finally {
      t.close();
    }
  });

  it('goes through the function given for it (the keyed VACUUM INTO of an encrypted caseload)', () => {
    const clock = testClock('2026-11-23');
    const path = seeded(clock);
    clock.set('2026-11-24');
    const made: string[] = [];
    const opened = openCaseload(path, {
      clock,
      backup: (db) => (target) => {
        made.push(target);
        return backupDatabase(db, target);
      },
    });
    opened.db.close();
    expect(made).toHaveLength(1);
    expect(made[0]).toBe(listBackups(path)[0]!.path);
  });
});

const NOW = '2026-11-23T10:00:00.000Z';
function insertMember(db: Db, memberId: string): void {
  db.prepare(
    `INSERT INTO members (member_id, first_name, last_name, last_key, first_key, birth_date, created_at, updated_at)
     VALUES (?, 'José', 'Núñez', 'nunez', 'jose', '1968-04-10', ?, ?)`,
  ).run(memberId, NOW, NOW);
}

/** A caseload left at an older schema version by an earlier app, with one member. */
function olderCaseload(version: number): string {
  const path = caseloadPath();
  const db = openDatabase(path, { target: version });
  insertMember(db, 'OLD1');
  db.close();
  return path;
}

const userVersion = (path: string) => {
  const db = openDatabase(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};

describe('the backup before a migration', () => {
  it('copies the caseload at its old schema version, through the same connection, before migrating it', () => {
    const path = olderCaseload(3);
    const clock = testClock('2026-11-23');
    const app = open(path, clock);
    app.close();
    expect(userVersion(path)).toBe(SCHEMA_VERSION);
    const backups = listBackups(path);
    const pre = backups.find((b) => b.reason === 'pre-migration')!;
    expect(pre.name).toMatch(/^caseload-20261123-\d{6}-pre-migration\.db$/);
    const before = previewBackup(pre.path);
    expect(before).toMatchObject({ schemaVersion: 3, members: 1, integrity: ['ok'], foreignKeys: 0 });
    // Not a new caseload: the day's backup (after the migration) is there too.
    expect(backups.map((b) => b.reason).sort()).toEqual(['daily', 'pre-migration']);
  });

  it('is not made for a new, empty file (nothing in it to keep)', () => {
    const path = caseloadPath();
    open(path, testClock()).close();
    expect(listBackups(path)).toEqual([]);
    expect(existsSync(backupFolder(path))).toBe(false);
  });

  it('that fails stops the migration: UNAVAILABLE, and the file is left at its version', () => {
    const path = olderCaseload(2);
    writeFileSync(backupFolder(path), 'not a folder');
    let caught: unknown;
    try {
      open(path, testClock()).close();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppFailure);
    expect((caught as AppFailure).code).toBe('UNAVAILABLE');
    expect((caught as AppFailure).message).toMatch(/not upgraded from schema version 2 to \d+, because the backup before the upgrade could not be made/);
    expect(userVersion(path)).toBe(2);
  });
});

/** Scribble over part of a page of a database file (a b-tree page's cell pointers). */
function damage(path: string, page = 2): void {
  const bytes = readFileSync(path);
  const size = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  for (let i = (page - 1) * size + 8; i < (page - 1) * size + 64; i++) bytes[i] = 0x5a;
  writeFileSync(path, bytes);
}

describe('listBackups, pruneBackups and newestGoodBackup', () => {
  it('newestGoodBackup checks newest first with integrity_check and passes over damaged and foreign files', () => {
    const clock = testClock('2026-11-01');
    const path = seeded(clock, 3);
    for (const day of ['2026-11-02', '2026-11-03', '2026-11-04']) {
      clock.set(day);
      open(path, clock).close();
    }
    const [d4, d3, d2] = listBackups(path);
    expect([d4!.day, d3!.day, d2!.day]).toEqual(['2026-11-04', '2026-11-03', '2026-11-02']);
    expect(newestGoodBackup(path)?.path).toBe(d4!.path);
    damage(d4!.path);
    writeFileSync(join(backupFolder(path), 'caseload-20261105-120000-daily.db'), 'not a database '.repeat(300));
    expect(listBackups(path)[0]!.day).toBe('2026-11-05');
    expect(newestGoodBackup(path)?.path).toBe(d3!.path);
  });

  it('lists only its own names, newest first, and clears partial copies left by a crash once they are stale', () => {
    const path = caseloadPath();
    const folder = backupFolder(path);
    mkdirSync(folder);
    const names = [
      'caseload-20261123-090000-daily.db',
      'caseload-20261123-090000-daily-2.db',
      'caseload-20261124-080000-pre-migration.db',
      'caseload-20261122-235959-daily.db',
      'caseload-20261125-080000-daily.db.partial',
      'caseload-20261125-070000-daily.db.partial',
      'notes.txt',
      'caseload-2026-11-23.db',
    ];
    for (const name of names) writeFileSync(join(folder, name), name);
    const old = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    utimesSync(join(folder, 'caseload-20261125-070000-daily.db.partial'), old, old);
    expect(listBackups(path).map((b) => b.name)).toEqual([
      'caseload-20261124-080000-pre-migration.db',
      'caseload-20261123-090000-daily-2.db',
      'caseload-20261123-090000-daily.db',
      'caseload-20261122-235959-daily.db',
    ]);
    expect(pruneBackups(path, { keep: 2 }).map((p) => p.slice(folder.length + 1))).toEqual(['caseload-20261123-090000-daily.db', 'caseload-20261122-235959-daily.db']);
    expect(existsSync(join(folder, 'caseload-20261125-080000-daily.db.partial'))).toBe(true);
    expect(existsSync(join(folder, 'caseload-20261125-070000-daily.db.partial'))).toBe(false);
    expect(existsSync(join(folder, 'notes.txt'))).toBe(true);
  });

  it('autoBackup never overwrites: a second backup in the same second gets its own name', () => {
    const clock = testClock('2026-11-23');
    const path = seeded(clock);
    const db = openDatabase(path);
    try {
      const a = autoBackup(db, path, clock, 'pre-migration');
      const b = autoBackup(db, path, clock, 'pre-migration');
      expect(a!.name).toMatch(/^caseload-20261123-\d{6}-pre-migration\.db$/);
      expect(b!.name).toBe(a!.name.replace('.db', '-2.db'));
      expect(autoBackup(db, path, clock, 'daily')).not.toBeNull();
      expect(autoBackup(db, path, clock, 'daily')).toBeNull();
    } finally {
      db.close();
    }
  });
});
