// Roster import fuzzing (main/cli/roster.ts): random CSV text, with quotes, commas and newlines in
// cells, huge strings, SQL metacharacters, Unicode, wrong column counts, odd headers and broken
// quoting. importRoster throws nothing but AppFailure (naming a row), each member of the roster is
// either imported whole or not touched, and each rejected row is reported by row and column.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../../main/app';
import { parseCsv } from '../../../main/cli/csv';
import { importRoster, ROSTER_COLUMNS, type ImportReport } from '../../../main/cli/roster';
import { memberFactsSchema } from '../../../shared/domain/member';
import { normalizeSsn } from '../../../shared/domain/validators';
import { AppFailure } from '../../../shared/ipc/result';
import { dumpDatabase, johnSmith, testClock } from '../caseload-fixture';
import { HOSTILE_STRINGS as COMMON_HOSTILE } from '../../fixtures/hostile';

type Column = (typeof ROSTER_COLUMNS)[number];
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

let dir: string;
let app: App;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'roster-fuzz-'));
  app = openApp(join(dir, 'caseload.db'), { clock: testClock(), who: 'roster-fuzz' });
  // Members already in the caseload, for the roster to update.
  for (const id of ['E0', 'E1', 'E2']) app.services.members.create(memberFactsSchema.parse(johnSmith({ memberId: id, retirementDate: '2027-06-01' })));
});
afterAll(() => {
  expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const HOSTILE = [
  ...COMMON_HOSTILE,
  '=cmd|\' /C calc\'!A0',
  ' ',
  '\t',
  'a,b',
  'say "hi"',
  '"',
  '""',
  'line\nbreak',
  'cr\rbreak',
  '\r\n',
  '2000-02-30',
  '-1',
  '1e3',
];

const VALID: Record<Column, string[]> = {
  member_id: ['E0', 'e1', 'E2', 'N1', 'n1', 'N2', 'N3', ' N4 ', 'N5-A'],
  last_name: ['Smith', 'Núñez', "O'Brien", 'Washington, Jr.', 'Nguyen'],
  first_name: ['Ellen', 'José', 'Min-jun', 'Renée'],
  ssn: ['', '123-45-6789', '234567891', '345-67-8912'],
  birth_date: ['1965-05-05', '1970-02-28', '1960-02-29'],
  first_employment_date: ['', '1990-03-01', '2001-02-03'],
  service_as_of: ['', '2026-10-31'],
  earned_months: ['', '250', '0', '900'],
  purchased_months: ['', '0', '12'],
  transferred_months: ['', '0', '6'],
  sick_leave_hours: ['', '500'],
  final_average_pay: ['', '4800.00', '5000', '4123.5'],
  spouse_birth_date: ['', '1966-01-01'],
  retirement_date: ['', '2027-06-01', '2028-01-01', '2027-06-15'],
  email: ['', 'a@example.org'],
  phone: ['', '573-555-0100', '(573) 555-0101'],
};

const cellFor = (col: Column): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...VALID[col]) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 12 }) },
  );

const recordOf = (cell: (c: Column) => fc.Arbitrary<string>) => fc.record(Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, cell(c)])) as Record<Column, fc.Arbitrary<string>>);
const badCell = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary-ascii', maxLength: 12 }));
/** A row: plausible cells, plausible but for one hostile cell, or anything in any cell. */
const recordArb: fc.Arbitrary<Record<Column, string>> = fc.oneof(
  { weight: 4, arbitrary: recordOf((c) => fc.constantFrom(...VALID[c])) },
  {
    weight: 4,
    arbitrary: fc.tuple(recordOf((c) => fc.constantFrom(...VALID[c])), fc.constantFrom(...ROSTER_COLUMNS), badCell).map(([r, c, bad]) => ({ ...r, [c]: bad })),
  },
  { weight: 2, arbitrary: recordOf(cellFor) },
);

/** The header: the columns in any order, mostly; sometimes one missing, one unknown, or shouted. */
const headerArb: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 10, arbitrary: fc.shuffledSubarray([...ROSTER_COLUMNS], { minLength: ROSTER_COLUMNS.length, maxLength: ROSTER_COLUMNS.length }) },
  { weight: 1, arbitrary: fc.shuffledSubarray([...ROSTER_COLUMNS], { minLength: ROSTER_COLUMNS.length - 1, maxLength: ROSTER_COLUMNS.length - 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('notes', 'MEMBER_ID', "'; drop table members; --").map((x) => [...ROSTER_COLUMNS, x]) },
  { weight: 1, arbitrary: fc.constant(ROSTER_COLUMNS.map((c) => ` ${c.toUpperCase()} `)) },
);

/** A row's cells in the header's order, sometimes one short or one long. */
const rowShapeArb = fc.oneof({ weight: 10, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.constant(1) });

type Roster = { text: string; header: string[]; rows: string[][]; wellFormed: boolean };

function quote(cell: string, always: boolean): string {
  return always || /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

const rosterArb: fc.Arbitrary<Roster> = fc
  .record({
    header: headerArb,
    records: fc.array(fc.tuple(recordArb, rowShapeArb, fc.string({ unit: 'grapheme', maxLength: 5 })), { minLength: 0, maxLength: 8 }),
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    trailing: fc.boolean(),
    quoteAll: fc.boolean(),
    broken: fc.oneof({ weight: 12, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('"unclosed', ',"half', '"a""') }),
  })
  .map(({ header, records, eol, bom, trailing, quoteAll, broken }) => {
    const rows = records.map(([rec, shape, extra]) => {
      const cells = header.map((h) => rec[h.trim().toLowerCase() as Column] ?? 'x');
      if (shape < 0) cells.pop();
      if (shape > 0) cells.push(extra);
      return cells;
    });
    const lines = [header, ...rows].map((cells) => cells.map((c) => quote(c, quoteAll)).join(','));
    const text = `${bom ? '\ufeff' : ''}${lines.join(eol)}${trailing ? eol : ''}${broken ? `${trailing ? '' : eol}${broken}` : ''}`;
    return { text, header, rows, wellFormed: broken === '' };
  });

type MemberRow = Record<string, unknown>;
const membersById = () => new Map((app.db.prepare('SELECT * FROM members').all() as MemberRow[]).map((r) => [r.member_id as string, r]));
const spouseBirth = (id: unknown) => (app.db.prepare('SELECT birth_date AS b FROM spouses WHERE member_id = ?').get(id) as { b: string } | undefined)?.b ?? null;

/** What a good row must have left in the member's record: each non-blank cell, as stored. */
function expectImported(row: Record<Column, string>, stored: MemberRow | undefined, rowNo: number): void {
  const where = `row ${rowNo} (${JSON.stringify(row.member_id)})`;
  expect(stored, `${where} is not in the caseload`).toBeDefined();
  const s = stored!;
  expect(s.first_name, where).toBe(row.first_name.trim());
  expect(s.last_name, where).toBe(row.last_name.trim());
  expect(s.birth_date, where).toBe(row.birth_date.trim());
  const given = (c: Column) => row[c].trim() !== '';
  if (given('ssn')) expect(s.ssn, where).toBe(normalizeSsn(row.ssn.trim()));
  if (given('email')) expect(s.email, where).toBe(row.email.trim());
  if (given('phone')) expect(s.phone, where).toBe(row.phone.trim());
  if (given('retirement_date')) expect(s.retirement_date, where).toBe(row.retirement_date.trim());
  if (given('first_employment_date')) expect(s.first_employment_date, where).toBe(row.first_employment_date.trim());
  if (given('final_average_pay')) expect(s.final_average_pay, where).toBe(row.final_average_pay.trim());
  if (given('earned_months')) expect(s.earned_months, where).toBe(Number(row.earned_months.trim()));
  if (given('spouse_birth_date')) expect(spouseBirth(s.id), where).toBe(row.spouse_birth_date.trim());
}

const COLUMNS_OR_ROW = new Set<string>([...ROSTER_COLUMNS, '(row)']);

function checkImport(roster: Roster): void {
  if (roster.wellFormed) {
    // The generator's rows are what the parser reads back.
    expect(parseCsv(roster.text)).toEqual({ rows: [roster.header, ...roster.rows], error: null });
  }
  const before = dumpDatabase(app.db);
  const membersBefore = membersById();
  let report: ImportReport;
  try {
    report = importRoster(app.db, app.services, roster.text);
  } catch (err) {
    if (!(err instanceof AppFailure)) throw new Error(`importRoster threw ${String(err)}`, { cause: err });
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/^row \d+/);
    expect(dumpDatabase(app.db) === before, 'a refused roster changed the caseload').toBe(true);
    return;
  }
  const dataRows = roster.rows.length;
  expect(report.created + report.updated + report.rejected).toBe(dataRows);
  const rejectedRows = new Set(report.errors.map((e) => e.row));
  expect(rejectedRows.size).toBe(report.rejected);
  for (const e of report.errors) {
    expect(Number.isInteger(e.row) && e.row >= 2 && e.row <= dataRows + 1, `row ${e.row}`).toBe(true);
    expect(COLUMNS_OR_ROW.has(e.column), `column ${e.column}`).toBe(true);
    expect(e.message.length).toBeGreaterThan(0);
  }
  const after = membersById();
  const index = new Map(roster.header.map((h, i) => [h.trim().toLowerCase() as Column, i]));
  const cells = (r: string[]) => Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, r[index.get(c)!] ?? ''])) as Record<Column, string>;
  const touched = new Set<string>();
  roster.rows.forEach((r, k) => {
    const rowNo = k + 2;
    if (rejectedRows.has(rowNo)) return;
    const row = cells(r);
    const id = row.member_id.trim().toUpperCase();
    touched.add(id);
    expectImported(row, after.get(id), rowNo);
  });
  // Everyone else, rejected rows' members included, is exactly as before (or still absent).
  for (const [id, row] of after) if (!touched.has(id)) expect(row, `member ${id} changed`).toEqual(membersBefore.get(id));
  for (const id of membersBefore.keys()) expect(after.has(id)).toBe(true);
}

/** Each roster is imported inside a transaction that is rolled back, so every run starts alike. */
function isolated(fn: () => void): void {
  app.db.exec('BEGIN');
  try {
    fn();
  } finally {
    app.db.exec('ROLLBACK');
  }
}

describe('roster import fuzzing', () => {
  it('random rosters: only AppFailure, each member whole or untouched, each rejection by row and column', () => {
    fc.assert(
      fc.property(rosterArb, (roster) => isolated(() => checkImport(roster))),
      { numRuns: 250 * SCALE },
    );
  });

  it('any text at all: only AppFailure, and a refused or empty roster changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary-ascii', maxLength: 200 }), fc.constantFrom('', '\ufeff', '"', '\n\n\n', ',,,,')), (text) =>
        isolated(() => {
          const before = dumpDatabase(app.db);
          try {
            importRoster(app.db, app.services, text);
          } catch (err) {
            expect(err).toBeInstanceOf(AppFailure);
          }
          expect(dumpDatabase(app.db) === before).toBe(true);
        }),
      ),
      { numRuns: 200 * SCALE },
    );
  });

  it('one member ID in two cases (found by this fuzzing) is one member: the second row is rejected as a repeat', () =>
    isolated(() => {
      const row = (id: string, months: string) => ROSTER_COLUMNS.map((c) => ({ member_id: id, last_name: 'Smith', first_name: 'Ellen', birth_date: '1965-05-05', service_as_of: '2026-10-31', earned_months: months })[c as string] ?? '');
      const text = [ROSTER_COLUMNS.join(','), row('N1', '0').join(','), row('n1', '900').join(',')].join('\n');
      const report = importRoster(app.db, app.services, text);
      expect(report).toEqual({ created: 1, updated: 0, rejected: 1, errors: [{ row: 3, column: 'member_id', message: 'repeats row 2' }] });
      expect(membersById().get('N1')).toMatchObject({ earned_months: 0 });
    }));

  it('SQL text in every cell is stored verbatim or refused, and the tables survive', () => {
    const sql = "Robert'); DROP TABLE members; --";
    const row = ROSTER_COLUMNS.map((c) => (c === 'member_id' ? 'SQL1' : c === 'birth_date' ? '1965-05-05' : c === 'last_name' || c === 'first_name' ? sql : ''));
    const report = importRoster(app.db, app.services, `${ROSTER_COLUMNS.join(',')}\n${row.map((c) => quote(c, false)).join(',')}\n`);
    expect(report).toMatchObject({ created: 1, rejected: 0 });
    expect(membersById().get('SQL1')).toMatchObject({ first_name: sql, last_name: sql });
    expect(app.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('members', 'audit')").get()).toEqual({ n: 2 });
  });
});
