// `npm run cli -- …`: roster import, list, backup, restore and check over the same services.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/cli';
import { parseCsv } from '../../main/cli/csv';
import { openApp } from '../../main/app';

const examples = join(import.meta.dirname, '../../examples');
const tmp = () => mkdtempSync(join(tmpdir(), 'cli-admin-'));

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // These caseloads are plain on purpose (openApp(db) reads them back without a key): --plain,
  // and its warning on stderr is checked in test/main/caseload/create.test.ts.
  const code = runCli([...args, '--plain'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { XDG_CONFIG_HOME: tmp() } });
  return { code, out: out.join('').split('\n').filter(Boolean), err: err.join('').split('\n').filter((l) => l && !l.includes('as --plain asks')) };
}

describe('members import', () => {
  it('imports the field-session roster, and a re-import updates by member_id instead of duplicating', () => {
    const db = join(tmp(), 'c.db');
    const first = cli(['members', 'import', join(examples, 'roster-field-session.csv'), '--db', db]);
    expect(first).toMatchObject({ code: 0, out: ['Imported 12 new and updated 0 members; rejected 0 rows.'], err: [] });
    const again = cli(['members', 'import', join(examples, 'roster-field-session.csv'), '--db', db]);
    expect(again.out).toEqual(['Imported 0 new and updated 12 members; rejected 0 rows.']);
    const app = openApp(db);
    try {
      expect(app.services.members.search({ limit: 500 })).toHaveLength(12);
      const nunez = app.services.members.search({ query: 'nunez' })[0]!;
      const rec = app.services.members.get(nunez.id);
      expect(rec).toMatchObject({ memberId: 'M0330518', firstName: 'José', lastName: 'Núñez', ssnMasked: '***-**-6703', retirementDate: '2027-03-01', finalAveragePay: '4000.00' });
      expect(rec.service).toEqual({ asOf: '2026-10-31', earnedMonths: 175, purchasedMonths: 0, transferredMonths: 0, sickLeaveHours: 300 });
      expect(rec.spouse).toEqual({ name: '', ssnMasked: null, birthDate: '1965-02-01', marriageDate: null });
      const wash = app.services.members.search({ query: 'washington' })[0]!;
      expect(wash.lastName).toBe('Washington, Jr.');
    } finally {
      app.close();
    }
  });

  it('reports each bad row of the seeded roster by row and column, and imports the good ones', () => {
    const db = join(tmp(), 'c.db');
    const r = cli(['members', 'import', join(examples, 'roster-bad-rows.csv'), '--db', db]);
    expect(r.code).toBe(1);
    expect(r.out).toEqual(['Imported 2 new and updated 0 members; rejected 9 rows.']);
    const f = join(examples, 'roster-bad-rows.csv');
    expect(r.err).toEqual([
      `${f}: row 3, first_name: is required`,
      `${f}: row 4, ssn: must be a valid SSN of 9 digits (123-45-6789)`,
      `${f}: row 5, birth_date: must be a calendar date YYYY-MM-DD: February 1968 has no day 30`,
      `${f}: row 6, earned_months: must be a whole number of months`,
      `${f}: row 7, (row): has 17 cells; the header has 16`,
      `${f}: row 7, spouse_birth_date: must be a calendar date YYYY-MM-DD`,
      `${f}: row 8, final_average_pay: must be a decimal string with at most two places`,
      `${f}: row 9, email: must be an email address`,
      `${f}: row 10, member_id: repeats row 2`,
      `${f}: row 11, first_employment_date: must be after the birth date`,
    ]);
    const app = openApp(db);
    try {
      expect(app.services.members.search({ limit: 50 }).map((m) => m.memberId)).toEqual(['M0400001', 'M0400010']);
    } finally {
      app.close();
    }
  });

  it('refuses a roster whose header lacks a column, and writes nothing', () => {
    const dir = tmp();
    const file = join(dir, 'r.csv');
    writeFileSync(file, 'member_id,last_name,first_name\nM1,A,B\n');
    const r = cli(['members', 'import', file, '--db', join(dir, 'c.db')]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^row 1: the header must name the columns .*; missing: ssn, birth_date/);
  });

  it('parses quoted cells with commas, doubled quotes and CRLF line ends', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\nd,e,f\r\n')).toEqual({ rows: [['a', 'b, c', 'say "hi"'], ['d', 'e', 'f']], error: null });
    expect(parseCsv('a,"b\n').error).toBe('row 1: a quoted cell is not closed');
  });
});

describe('members list, backup, restore, check', () => {
  it('lists members with masked SSNs only', () => {
    const db = join(tmp(), 'c.db');
    cli(['members', 'import', join(examples, 'roster-field-session.csv'), '--db', db]);
    const r = cli(['members', 'list', '--db', db, '--limit', '3']);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(4);
    expect(r.out[0]).toMatch(/^M0098812 +Baumgartner, Ellen +\*\*\*-\*\*-6704 +1962-03-15 +2027-01-01$/);
    expect(r.out.join('\n')).not.toMatch(/\d{3}-\d{2}-\d{4}/);
    expect(r.out[3]).toBe('3 members');
  });

  it('backs up with VACUUM INTO, checks, and restores only with --yes, keeping the old file aside', () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    cli(['members', 'import', join(examples, 'roster-field-session.csv'), '--db', db]);
    const backup = join(dir, 'b.db');
    expect(cli(['backup', backup, '--db', db])).toMatchObject({ code: 0 });
    expect(cli(['backup', backup, '--db', db]).err).toEqual([`${backup} exists already. Nothing was written; choose a new file name, or add --force to replace that backup.`]);
    expect(cli(['check', '--db', backup]).out[0]).toBe(`${backup}: integrity ok; foreign-key problems 0; schema version 8 (this app: 8); 12 members`);
    cli(['members', 'import', join(examples, 'roster-bad-rows.csv'), '--db', db]);
    const preview = cli(['restore', backup, '--db', db]);
    expect(preview.code).toBe(1);
    expect(preview.out[0]).toMatch(/12 members, schema version 8, last change .*, integrity ok$/);
    expect(cli(['check', '--db', db]).out[0]).toMatch(/14 members$/);
    const restored = cli(['restore', backup, '--db', db, '--yes']);
    expect(restored.code).toBe(0);
    expect(restored.out[1]).toMatch(/previous file is kept as .*c\.db\.before-restore-/);
    expect(cli(['check', '--db', db]).out[0]).toMatch(/12 members$/);
  });

  it('refuses to restore a file that is not a caseload', () => {
    const dir = tmp();
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all, just text '.repeat(200));
    const r = cli(['restore', junk, '--db', join(dir, 'c.db'), '--yes']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/junk\.db is not a caseload database/);
    expect(existsSync(join(dir, 'c.db'))).toBe(false);
  });

  it('check reports a damaged file as not ok, and a missing one as unavailable', () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    cli(['members', 'import', join(examples, 'roster-field-session.csv'), '--db', db]);
    const copy = join(dir, 'copy.db');
    cli(['backup', copy, '--db', db]);
    const bytes = readFileSync(copy);
    // Scribble over the second page (a b-tree page of the schema's tables).
    for (let i = 4096 + 8; i < 4096 + 400; i++) bytes[i] = 0x5a;
    writeFileSync(copy, bytes);
    const damaged = cli(['check', '--db', copy]);
    expect(damaged.code).not.toBe(0);
    expect([...damaged.out, ...damaged.err].join(' ')).toMatch(/malformed|corrupt|integrity (?!ok)|not a database|Tree|page/i);
    const r = cli(['check', '--db', join(dir, 'missing.db')]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/cannot be opened/);
  });

  it('prints usage for an unknown command', () => {
    const r = cli(['members', 'frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('usage: npm run cli -- <command> [--db PATH]');
  });
});
