// The headless packet over a stored caseload (issue 12): `--member` writes the same packet the
// app builds (the documents service, byte for byte), `--roster` and `--upcoming` write one PDF
// per member with a progress line each and a summary of the members skipped and why. The
// encrypted caseload takes its passphrase as every CLI command does.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PDFRadioGroup } from 'pdf-lib';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPacket } from '../../../main/cli/packet';
import { johnSmith, openTestApp, seedSmith, TEST_PASSPHRASE, testClock, value, type TestApp } from '../caseload-fixture';
import { flat, pdftotext } from './poppler';

let t: TestApp;
let dbPath: string;
let dir: string;
let appBytes: Uint8Array;

async function run(args: string[], env: NodeJS.ProcessEnv = { MOSERS_PASSPHRASE: TEST_PASSPHRASE }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPacket(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env, clock: testClock('2026-11-23') });
  return { code, out, err };
}

beforeAll(async () => {
  t = openTestApp({ prefix: 'packet-cli-' });
  dir = t.dir;
  dbPath = t.path;
  const smith = await seedSmith(t);
  // A member whose record lacks the facts an estimate needs: skipped in a batch, with the reason.
  value(await t.call('members:create', { member: johnSmith({ memberId: 'M100300', firstName: 'Ann', lastName: 'Partial', ssn: '123-45-6780', firstEmploymentDate: null, service: null, retirementDate: null }) }));
  value(await t.call('appointments:create', { memberId: smith.id, date: '2026-12-08', time: '10:30', place: 'Field session, Cape Girardeau', kind: 'field-session', note: null }));
  // The packet the app builds for the same member, through the same service.
  const built = await t.services.documents.packet({ memberId: smith.id, flatten: true });
  appBytes = t.services.documents.bytesOf(built.token);
  t.app.close();
});

afterAll(() => {
  // openTestApp's close also removes the folder; the app is already closed.
  try {
    t.close();
  } catch {
    /* closed above */
  }
});

describe('npm run packet -- --db CASELOAD', () => {
  it('--member: the full packet of a stored member, the same bytes the app builds', async () => {
    const out = join(dir, 'smith.pdf');
    const r = await run(['--db', dbPath, '--member', 'm100200', out, '--flatten']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/smith\.pdf: \d+ pages \(appointment packet, flattened\)$/);
    const bytes = readFileSync(out);
    expect(Buffer.compare(bytes, Buffer.from(appBytes))).toBe(0);
    const text = flat(pdftotext(bytes));
    expect(text).toContain('Retirement Appointment Packet');
    expect(text).toContain('Personalized Retirement Election Form');
    expect(text).toContain('Member ID M100200 · SSN ***-**-6789 John Smith');
  });

  it('--member fillable with --worksheet: the election radios are blank, the worksheet is added', async () => {
    const out = join(dir, 'smith-fillable.pdf');
    const r = await run(['--db', dbPath, '--member', 'M100200', out, '--worksheet']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain('(appointment packet, counselor worksheet, fillable)');
    const form = (await PDFDocument.load(readFileSync(out))).getForm();
    expect((form.getField('election.option') as PDFRadioGroup).getSelected()).toBeUndefined();
    expect(flat(pdftotext(readFileSync(out)))).toContain('Counselor Worksheet: How the Figures Were Derived');
  });

  it('an encrypted caseload without the passphrase, an unknown member, a missing caseload: exit 2, nothing written', async () => {
    const out = join(dir, 'never.pdf');
    const locked = await run(['--db', dbPath, '--member', 'M100200', out], {});
    expect(locked.code).toBe(2);
    expect(locked.err[0]).toMatch(/^The caseload is encrypted: give the passphrase in MOSERS_PASSPHRASE or with --passphrase-file PATH/);
    const unknown = await run(['--db', dbPath, '--member', 'M999999', out]);
    expect(unknown).toMatchObject({ code: 2, err: [`--member: no member with member ID M999999 in ${dbPath}`] });
    const missing = await run(['--db', join(dir, 'nope.sqlite'), '--member', 'M100200', out]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain('no caseload there');
    expect(existsSync(join(dir, 'nope.sqlite'))).toBe(false);
    const both = await run(['--db', dbPath, '--member', 'M100200', '--upcoming', '30', out]);
    expect(both.code).toBe(2);
    const badDays = await run(['--db', dbPath, '--upcoming', '0', out]);
    expect(badDays).toMatchObject({ code: 2, err: ['--upcoming: must be a whole number of days from 1 to 366 (got "0")'] });
    expect(existsSync(out)).toBe(false);
  });

  it('--roster: one PDF per member, a progress line each, the skipped members and why', async () => {
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, 'member_id,last_name\nM100200,Smith\nM100300,Partial\nM404404,Nobody\n');
    const outDir = join(dir, 'session');
    const r = await run(['--db', dbPath, '--roster', roster, outDir]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(['[1/2] M100200 written', '[2/2] M100300 skipped']);
    expect(r.out[0]).toMatch(/session: 1 packet written \(fillable\) in [\d.]+ s; 2 skipped$/);
    expect(r.out.slice(1)).toEqual([
      '  skipped M404404: not in the caseload',
      expect.stringMatching(/^ {2}skipped M100300: The member record lacks facts the estimate needs\. \(.*retirementDate is required to compute an estimate/),
    ]);
    expect(readdirSync(outDir)).toEqual(['Smith-M100200-packet-2027-06-01.pdf']);
  });

  it('--upcoming DAYS: the members with an appointment in the next DAYS days', async () => {
    const outDir = join(dir, 'upcoming');
    mkdirSync(outDir);
    const none = await run(['--db', dbPath, '--upcoming', '7', outDir]);
    expect(none.code).toBe(0);
    expect(none.err).toEqual(['No member has an appointment from 2026-11-23 to 2026-11-30: no packet written.']);
    const r = await run(['--db', dbPath, '--upcoming', '30', outDir, '--flatten']);
    expect(r.code).toBe(0);
    expect(r.err).toEqual(['[1/1] M100200 written']);
    expect(readdirSync(outDir)).toEqual(['Smith-M100200-packet-2027-06-01.pdf']);
  });
});
