// The migrations of ARCHITECTURE.md "Database": numbered, versioned by PRAGMA user_version, all
// pending ones in one transaction, a newer database refused; each one tested as migrate, insert,
// migrate, compare.
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../main/db/connection';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '../../../main/db/migrations';
import type { Migration } from '../../../main/db/migrations/types';
import { AppFailure } from '../../../shared/ipc/result';

const dir = mkdtempSync(join(tmpdir(), 'caseload-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const open: Db[] = [];
function freshFile(): string {
  return join(dir, `db-${n++}.sqlite`);
}
/** A new database file at schema version `target` (0: empty). */
function dbAt(target: number, path = freshFile()): Db {
  const db = openDatabase(path, { migrate: false });
  open.push(db);
  if (target > 0) migrate(db, { target });
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

const tables = (db: Db) => (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
const columns = (db: Db, table: string) => (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name);
const schemaSql = (db: Db) => db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all();
const dump = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();

const NOW = '2026-11-23T10:00:00.000Z';
function insertMember(db: Db, id: number, memberId: string): void {
  db.prepare(
    `INSERT INTO members (id, member_id, first_name, last_name, last_key, first_key, ssn, ssn_last4, birth_date, retirement_date, final_average_pay, earned_months, service_as_of, created_at, updated_at)
     VALUES (?, ?, 'José', 'Núñez', 'nunez', 'jose', '123456789', '6789', '1968-04-10', '2027-06-01', '5000.00', 301, '2026-10-31', ?, ?)`,
  ).run(id, memberId, NOW, NOW);
}

describe('migration list', () => {
  it('is numbered 1..N without gaps, with kebab-case names, and SCHEMA_VERSION is N', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const m of MIGRATIONS) expect(m.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });
  it('a new file is migrated to SCHEMA_VERSION by openDatabase', () => {
    const db = openDatabase(freshFile());
    open.push(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
  });
  it('migrating an up-to-date database again changes nothing and does not call beforeMigrate', () => {
    const db = dbAt(SCHEMA_VERSION);
    const before = schemaSql(db);
    let called = false;
    migrate(db, { beforeMigrate: () => (called = true) });
    expect(called).toBe(false);
    expect(schemaSql(db)).toEqual(before);
  });
  it('beforeMigrate is told the current and target versions', () => {
    const db = dbAt(2);
    const calls: [number, number][] = [];
    migrate(db, { beforeMigrate: (from, to) => calls.push([from, to]) });
    expect(calls).toEqual([[2, SCHEMA_VERSION]]);
  });
  it('refuses a target beyond the last migration instead of stamping a version it never built', () => {
    const db = dbAt(0);
    expect(() => migrate(db, { target: SCHEMA_VERSION + 1 })).toThrow(AppFailure);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });
});

describe('each migration keeps existing rows and adds its schema (migrate, insert, migrate, compare)', () => {
  it('0001-members: creates members, pay_history, spouses, beneficiaries and audit on an empty file', () => {
    const db = dbAt(0);
    expect(tables(db)).toEqual([]);
    migrate(db, { target: 1 });
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['audit', 'beneficiaries', 'members', 'pay_history', 'spouses']);
    expect(columns(db, 'members')).toEqual(expect.arrayContaining(['member_id', 'last_key', 'first_key', 'ssn_last4', 'version', 'archived', 'bank_routing', 'bank_account']));
    insertMember(db, 1, 'M1');
    db.prepare("INSERT INTO pay_history VALUES (1, '2026-10', '5000.00')").run();
    expect(dump(db, 'pay_history')).toEqual([{ member_id: 1, month: '2026-10', amount: '5000.00' }]);
  });

  it('0002-appointments-notes: members and their child rows survive; appointments and notes exist', () => {
    const db = dbAt(1);
    insertMember(db, 1, 'M1');
    insertMember(db, 2, 'M2');
    db.prepare("INSERT INTO pay_history VALUES (1, '2026-10', '5000.00'), (1, '2026-09', '4900.00')").run();
    db.prepare("INSERT INTO spouses VALUES (1, 'Ana Núñez', '987654321', '1970-01-20', '1995-06-10')").run();
    db.prepare(
      "INSERT INTO beneficiaries (member_id, designation, class, kind, name, share, position) VALUES (1, 'life-insurance', 'primary', 'person', 'Ana', '100', 0)",
    ).run();
    db.prepare(`INSERT INTO audit (at, who, member_id, entity, field, old_value, new_value) VALUES (?, 'tester', 1, 'member', 'created', NULL, 'M1')`).run(NOW);
    const before = Object.fromEntries(['members', 'pay_history', 'spouses', 'beneficiaries', 'audit'].map((t) => [t, dump(db, t)]));
    migrate(db, { target: 2 });
    expect(schemaVersion(db)).toBe(2);
    for (const [t, rows] of Object.entries(before)) expect(dump(db, t)).toEqual(rows);
    expect(tables(db)).toEqual(expect.arrayContaining(['appointments', 'notes']));
    db.prepare("INSERT INTO appointments (member_id, date, place, kind, created_at) VALUES (1, '2027-01-05', 'Jefferson City', 'office', ?)").run(NOW);
    db.prepare("INSERT INTO notes (member_id, created_at, author, text) VALUES (2, ?, 'tester', 'called')").run(NOW);
    expect(dump(db, 'appointments')).toHaveLength(1);
  });

  it('0003-process: members, appointments and notes survive; process_forms and proof_documents exist', () => {
    const db = dbAt(2);
    insertMember(db, 1, 'M1');
    db.prepare("INSERT INTO appointments (member_id, date, time, place, kind, note, created_at) VALUES (1, '2027-01-05', '09:30', 'Jefferson City', 'field-session', 'bring W-4P', ?)").run(NOW);
    db.prepare("INSERT INTO appointments (member_id, date, place, kind, created_at) VALUES (NULL, '2027-02-05', 'Springfield', 'seminar', ?)").run(NOW);
    db.prepare("INSERT INTO notes (member_id, created_at, author, text) VALUES (1, ?, 'tester', 'called about BackDROP')").run(NOW);
    const before = { members: dump(db, 'members'), appointments: dump(db, 'appointments'), notes: dump(db, 'notes') };
    migrate(db, { target: 3 });
    expect(schemaVersion(db)).toBe(3);
    expect({ members: dump(db, 'members'), appointments: dump(db, 'appointments'), notes: dump(db, 'notes') }).toEqual(before);
    expect(tables(db)).toEqual(expect.arrayContaining(['process_forms', 'proof_documents']));
    expect(columns(db, 'process_forms')).toEqual(['member_id', 'form', 'status', 'updated_at']);
    expect(columns(db, 'proof_documents')).toEqual(['member_id', 'document', 'received', 'updated_at']);
  });

  it('0004-estimates: process rows survive; the estimates table exists', () => {
    const db = dbAt(3);
    insertMember(db, 1, 'M1');
    db.prepare("INSERT INTO process_forms VALUES (1, 'retirement-application', 'received', ?), (1, 'w4p', 'in-progress', ?)").run(NOW, NOW);
    db.prepare("INSERT INTO proof_documents VALUES (1, 'member-proof-of-age', 1, ?)").run(NOW);
    const before = { members: dump(db, 'members'), forms: dump(db, 'process_forms'), proofs: dump(db, 'proof_documents') };
    migrate(db, { target: 4 });
    expect(schemaVersion(db)).toBe(4);
    expect({ members: dump(db, 'members'), forms: dump(db, 'process_forms'), proofs: dump(db, 'proof_documents') }).toEqual(before);
    expect(columns(db, 'estimates')).toEqual(['id', 'member_id', 'created_at', 'created_by', 'retirement_date', 'engine_version', 'basis_id', 'label', 'case_json', 'estimate_json']);
  });

  it('0005-bases-settings: saved estimates survive; mortality_tables, bases, settings and drafts exist', () => {
    const db = dbAt(4);
    insertMember(db, 1, 'M1');
    db.prepare(
      "INSERT INTO estimates (member_id, created_at, created_by, retirement_date, engine_version, basis_id, label, case_json, estimate_json) VALUES (1, ?, 'tester', '2027-06-01', '1.0.0', NULL, 'first', '{}', '{}')",
    ).run(NOW);
    const before = { members: dump(db, 'members'), estimates: dump(db, 'estimates') };
    migrate(db, { target: 5 });
    expect(schemaVersion(db)).toBe(5);
    expect({ members: dump(db, 'members'), estimates: dump(db, 'estimates') }).toEqual(before);
    expect(tables(db)).toEqual(expect.arrayContaining(['mortality_tables', 'bases', 'settings', 'drafts']));
    db.prepare("INSERT INTO settings VALUES ('plan', '{}')").run();
    db.prepare("INSERT INTO drafts VALUES ('member:1', '{}', ?)").run(NOW);
  });

  it('0006-search-last4-covering: members survive; the last-4 search reads only the covering index', () => {
    const db = dbAt(5);
    insertMember(db, 1, 'M1');
    insertMember(db, 2, 'M2');
    const before = dump(db, 'members');
    migrate(db, { target: 6 });
    expect(schemaVersion(db)).toBe(6);
    expect(dump(db, 'members')).toEqual(before);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id, member_id, first_name, last_name, ssn_last4, birth_date, retirement_date, archived FROM members WHERE ssn_last4 = '6789' AND archived <= 0 ORDER BY last_key, first_key LIMIT 50").all() as { detail: string }[]).map((r) => r.detail);
    expect(plan.join(' ')).toMatch(/USING COVERING INDEX members_ssn_last4_cover/);
    expect(plan.join(' ')).not.toMatch(/TEMP B-TREE/);
  });

  it('0007-scenarios: members survive; a scenario row per member, removed with its member, plan codes checked', () => {
    const db = dbAt(6);
    insertMember(db, 1, 'M1');
    const before = dump(db, 'members');
    migrate(db, { target: 7 });
    expect(schemaVersion(db)).toBe(7);
    expect(dump(db, 'members')).toEqual(before);
    db.prepare("INSERT INTO scenarios VALUES (1, 'MSEP2000', 'SULT-5', ?, 'test')").run(NOW);
    expect(() => db.prepare("INSERT INTO scenarios VALUES (1, 'MSEP', NULL, ?, 'test')").run(NOW)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO scenarios VALUES (2, NULL, NULL, ?, 'test')").run(NOW)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE scenarios SET plan = 'MSEP9' WHERE member_id = 1").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM members WHERE id = 1').run();
    expect(dump(db, 'scenarios')).toEqual([]);
  });

  it('0008-received-dates: process rows survive, with no received date; a date can be kept', () => {
    const db = dbAt(7);
    insertMember(db, 1, 'M1');
    db.prepare("INSERT INTO process_forms VALUES (1, 'retirement-application', 'received', ?)").run(NOW);
    db.prepare("INSERT INTO proof_documents VALUES (1, 'member-proof-of-age', 1, ?)").run(NOW);
    migrate(db, { target: 8 });
    expect(schemaVersion(db)).toBe(8);
    expect(dump(db, 'process_forms')).toEqual([{ member_id: 1, form: 'retirement-application', status: 'received', updated_at: NOW, received_on: null }]);
    expect(dump(db, 'proof_documents')).toEqual([{ member_id: 1, document: 'member-proof-of-age', received: 1, updated_at: NOW, received_on: null }]);
    db.prepare("UPDATE process_forms SET received_on = '2026-11-20'").run();
  });

  it('every migration in MIGRATIONS is covered by a test above (adding one without a test fails)', () => {
    expect(MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`)).toEqual([
      '0001-members',
      '0002-appointments-notes',
      '0003-process',
      '0004-estimates',
      '0005-bases-settings',
      '0006-search-last4-covering',
      '0007-scenarios',
      '0008-received-dates',
    ]);
  });
});

describe('all pending migrations run in one transaction', () => {
  const good: Migration = { version: 1, name: 'a', up: 'CREATE TABLE a (x INTEGER) STRICT;' };
  const alsoGood: Migration = { version: 2, name: 'b', up: 'CREATE TABLE b (y TEXT) STRICT; INSERT INTO b VALUES (\'kept?\');' };
  const broken: Migration = { version: 3, name: 'c', up: 'CREATE TABLE c (z TEXT) STRICT; INSERT INTO no_such_table VALUES (1);' };

  it('a failing third migration leaves user_version 0 and no table of the first two', () => {
    const db = dbAt(0);
    expect(() => migrate(db, {}, [good, alsoGood, broken])).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('a failing migration after a partial upgrade leaves the earlier version, its schema and rows untouched', () => {
    const db = dbAt(0);
    migrate(db, { target: 1 }, [good, alsoGood, broken]);
    db.prepare('INSERT INTO a VALUES (42)').run();
    const before = schemaSql(db);
    expect(() => migrate(db, {}, [good, alsoGood, broken])).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(schemaSql(db)).toEqual(before);
    expect(dump(db, 'a')).toEqual([{ x: 42 }]);
  });

  it('the same list without the broken migration commits both at once', () => {
    const db = dbAt(0);
    migrate(db, {}, [good, alsoGood]);
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toEqual(['a', 'b']);
  });

  it('a migration run on a read-only handle throws and leaves user_version at 0', () => {
    const path = freshFile();
    dbAt(0, path).close();
    const ro = new Database(path, { readonly: true });
    open.push(ro);
    expect(() => migrate(ro)).toThrow();
    expect(schemaVersion(ro)).toBe(0);
  });
});

describe('a database from a newer app', () => {
  it('is refused by openDatabase with UNAVAILABLE and a message naming both versions', () => {
    const path = freshFile();
    const db = dbAt(SCHEMA_VERSION, path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    let caught: unknown;
    try {
      open.push(openDatabase(path));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppFailure);
    expect((caught as AppFailure).code).toBe('UNAVAILABLE');
    expect((caught as AppFailure).message).toContain(`schema version ${SCHEMA_VERSION + 1}`);
    expect((caught as AppFailure).message).toContain(`newer than this app's ${SCHEMA_VERSION}`);
    const check = new Database(path, { readonly: true });
    expect(schemaVersion(check)).toBe(SCHEMA_VERSION + 1);
    check.close();
  });

  it('is refused by migrate with a custom list when newer than that list', () => {
    const db = dbAt(0);
    db.pragma('user_version = 3');
    expect(() => migrate(db, {}, [{ version: 1, name: 'a', up: 'SELECT 1;' }])).toThrow(expect.objectContaining({ code: 'UNAVAILABLE' }));
  });
});

describe('connection pragmas and STRICT tables', () => {
  it('opens in WAL mode with foreign keys on and synchronous FULL', () => {
    const db = openDatabase(freshFile());
    open.push(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('enforces foreign keys: a pay row for a missing member is refused, and deleting a member cascades', () => {
    const db = openDatabase(freshFile());
    open.push(db);
    expect(() => db.prepare("INSERT INTO pay_history VALUES (99, '2026-10', '1.00')").run()).toThrow(/FOREIGN KEY/);
    insertMember(db, 1, 'M1');
    db.prepare("INSERT INTO pay_history VALUES (1, '2026-10', '1.00')").run();
    db.prepare('DELETE FROM members WHERE id = 1').run();
    expect(dump(db, 'pay_history')).toEqual([]);
  });

  it('STRICT tables reject a value of the wrong type (text in an INTEGER column, a blob in a TEXT column)', () => {
    const db = openDatabase(freshFile());
    open.push(db);
    insertMember(db, 1, 'M1');
    expect(() => db.prepare("UPDATE members SET earned_months = 'three hundred' WHERE id = 1").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => db.prepare('UPDATE members SET final_average_pay = ? WHERE id = 1').run(Buffer.from('5000.50'))).toThrow(/cannot store BLOB value in TEXT column/);
    expect(() => db.prepare("INSERT INTO notes (member_id, created_at, author, text) VALUES ('one', ?, 'x', 'y')").run(NOW)).toThrow(/cannot store TEXT value/);
    const strictTables = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND strict = 0").all();
    expect(strictTables).toEqual([]);
  });

  it('CHECK constraints refuse a malformed SSN and an unknown plan code', () => {
    const db = openDatabase(freshFile());
    open.push(db);
    insertMember(db, 1, 'M1');
    expect(() => db.prepare("UPDATE members SET ssn = '12345' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE members SET plan_override = 'MSEP1999' WHERE id = 1").run()).toThrow(/CHECK/);
  });

  it('a file that is not a database is refused on open, never overwritten by migrations', () => {
    const path = freshFile();
    writeFileSync(path, 'this is not sqlite at all, just text that is long enough to fill a header page'.repeat(20));
    expect(() => openDatabase(path)).toThrow();
  });
});
