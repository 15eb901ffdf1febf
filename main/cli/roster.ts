import { z } from 'zod';
import { isoDateSchema, moneySchema } from '../../shared/domain/case-schema';
import { memberFactsSchema, memberPatchSchema, type MemberFacts, type MemberPatch } from '../../shared/domain/member';
import { zodIssues } from '../../shared/domain/validate';
import { AppFailure } from '../../shared/ipc/result';
import type { Services } from '../app';
import type { Db } from '../db/connection';
import { parseCsv } from './csv';

/** The roster columns of a seminar or field-session sign-up sheet. */
export const ROSTER_COLUMNS = [
  'member_id',
  'last_name',
  'first_name',
  'ssn',
  'birth_date',
  'first_employment_date',
  'service_as_of',
  'earned_months',
  'purchased_months',
  'transferred_months',
  'sick_leave_hours',
  'final_average_pay',
  'spouse_birth_date',
  'retirement_date',
  'email',
  'phone',
] as const;
type Column = (typeof ROSTER_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['member_id', 'last_name', 'first_name', 'birth_date'];

const months = z
  .string()
  .regex(/^\d{1,3}$/, { message: 'must be a whole number of months' })
  .transform(Number);

/** Cells as strings; blank optional cells are undefined. */
const rowSchema = z.object({
  member_id: z.string(),
  last_name: z.string(),
  first_name: z.string(),
  ssn: z.string().optional(),
  birth_date: isoDateSchema,
  first_employment_date: isoDateSchema.optional(),
  service_as_of: isoDateSchema.optional(),
  earned_months: months.optional(),
  purchased_months: months.optional(),
  transferred_months: months.optional(),
  sick_leave_hours: z.string().regex(/^\d{1,6}$/, { message: 'must be a whole number of hours' }).transform(Number).optional(),
  final_average_pay: moneySchema.optional(),
  spouse_birth_date: isoDateSchema.optional(),
  retirement_date: isoDateSchema.optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});

/** In a cell: control characters (tab and line breaks too: a name is one line), U+FFFD, bidi controls. */
const CELL_FORBIDDEN = /[\uFFFD\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

function cellCharMessage(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp === 0x0a || cp === 0x0d) return 'holds a line break; a cell of the roster is one line';
  if (cp === 0x09) return 'holds a tab';
  if (cp === 0xfffd) return `holds the replacement character (${hex}): the file was garbled before it was saved`;
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return `holds a bidirectional control (${hex}), which would change how the text shows`;
  return `holds a control character (${hex})`;
}

export type RowError = { row: number; column: string; message: string };
export type ImportReport = { created: number; updated: number; rejected: number; errors: RowError[] };

const COLUMN_OF: Record<string, Column> = {
  memberId: 'member_id',
  firstName: 'first_name',
  lastName: 'last_name',
  ssn: 'ssn',
  birthDate: 'birth_date',
  firstEmploymentDate: 'first_employment_date',
  'service.asOf': 'service_as_of',
  'service.earnedMonths': 'earned_months',
  'service.purchasedMonths': 'purchased_months',
  'service.transferredMonths': 'transferred_months',
  'service.sickLeaveHours': 'sick_leave_hours',
  service: 'service_as_of',
  finalAveragePay: 'final_average_pay',
  retirementDate: 'retirement_date',
  email: 'email',
  phone: 'phone',
  lastDayWorked: 'retirement_date',
  employmentStatus: 'retirement_date',
};

/**
 * Import a roster: every row validated; good rows go in one transaction; bad rows are reported by
 * row number (the header is row 1) and column; a member ID already in the caseload is updated,
 * never duplicated, and blank optional cells leave what is stored.
 */
export function importRoster(db: Db, services: Services, csv: string, onProgress?: (done: number, total: number) => void): ImportReport {
  const { rows, error } = parseCsv(csv);
  if (error) throw new AppFailure('INVALID_INPUT', error);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const repeated = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
  if (repeated.length > 0) throw new AppFailure('INVALID_INPUT', `row 1: the header names ${[...new Set(repeated)].join(', ')} more than once; each column once, or the import could not tell which cell is meant.`);
  const missing = ROSTER_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(ROSTER_COLUMNS as readonly string[]).includes(h));
  if (missing.length > 0 || unknown.length > 0) {
    throw new AppFailure(
      'INVALID_INPUT',
      `row 1: the header must name the columns ${ROSTER_COLUMNS.join(', ')}${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
    );
  }
  const report: ImportReport = { created: 0, updated: 0, rejected: 0, errors: [] };
  const seen = new Map<string, number>();
  const ssnSeen = new Map<string, number>();
  const otherWithSsn = db.prepare('SELECT member_id FROM members WHERE ssn = ? AND member_id <> ? LIMIT 1').pluck();
  const ssnElsewhere = (ssn: string, memberId: string) => (otherWithSsn.get(ssn, memberId) as string | undefined) ?? null;
  const good: { row: number; facts: MemberFacts; patch: MemberPatch; spouseBirth: string | undefined }[] = [];

  rows.slice(1).forEach((cells, k) => {
    const rowNo = k + 2;
    if (cells.length === 1 && cells[0]!.trim() === '') return;
    const errs: RowError[] = [];
    if (cells.length !== header.length) errs.push({ row: rowNo, column: '(row)', message: `has ${cells.length} cells; the header has ${header.length}` });
    const raw: Record<string, string> = {};
    header.forEach((h, i) => {
      const v = (cells[i] ?? '').trim();
      const bad = CELL_FORBIDDEN.exec(v);
      if (bad) errs.push({ row: rowNo, column: h, message: cellCharMessage(bad[0]) });
      else if (v !== '') raw[h] = v;
    });
    for (const c of REQUIRED) if (!raw[c]) errs.push({ row: rowNo, column: c, message: 'is required' });
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of zodIssues(parsed.error, raw)) if (!errs.some((e) => e.column === issue.path)) errs.push({ row: rowNo, column: issue.path, message: issue.message });
    }
    if (errs.length === 0 && parsed.success) {
      const r = parsed.data;
      const hasService = r.service_as_of !== undefined || r.earned_months !== undefined;
      const patch: Record<string, unknown> = {
        memberId: r.member_id,
        firstName: r.first_name,
        lastName: r.last_name,
        birthDate: r.birth_date,
        ssn: r.ssn,
        firstEmploymentDate: r.first_employment_date,
        finalAveragePay: r.final_average_pay,
        retirementDate: r.retirement_date,
        email: r.email,
        phone: r.phone,
        service: hasService
          ? {
              asOf: r.service_as_of,
              earnedMonths: r.earned_months,
              purchasedMonths: r.purchased_months ?? 0,
              transferredMonths: r.transferred_months ?? 0,
              sickLeaveHours: r.sick_leave_hours ?? 0,
            }
          : undefined,
      };
      for (const key of Object.keys(patch)) if (patch[key] === undefined) delete patch[key];
      const facts = memberFactsSchema.safeParse(patch);
      if (!facts.success) {
        for (const issue of zodIssues(facts.error, patch)) errs.push({ row: rowNo, column: COLUMN_OF[issue.path] ?? issue.path, message: issue.message });
      } else if (seen.has(facts.data.memberId)) {
        // By the stored form of the ID (upper case): m1 and M1 are one member.
        errs.push({ row: rowNo, column: 'member_id', message: `repeats row ${seen.get(facts.data.memberId)}` });
      } else if (facts.data.ssn && ssnSeen.has(facts.data.ssn)) {
        errs.push({ row: rowNo, column: 'ssn', message: `is the SSN of row ${ssnSeen.get(facts.data.ssn)} too; one SSN is one member` });
      } else if (facts.data.ssn && ssnElsewhere(facts.data.ssn, facts.data.memberId)) {
        errs.push({ row: rowNo, column: 'ssn', message: `is already the SSN of member ${ssnElsewhere(facts.data.ssn, facts.data.memberId)} in the caseload; one SSN is one member` });
      } else {
        seen.set(facts.data.memberId, rowNo);
        if (facts.data.ssn) ssnSeen.set(facts.data.ssn, rowNo);
        const p = memberPatchSchema.parse(patch);
        good.push({ row: rowNo, facts: facts.data, patch: p, spouseBirth: r.spouse_birth_date });
      }
    }
    if (errs.length > 0) {
      report.rejected++;
      report.errors.push(...errs);
    }
  });

  db.transaction(() => {
    good.forEach((g, i) => {
      try {
        // Each row is its own savepoint inside the one transaction: a row the services refuse
        // (a cross-field check) is reported and the others still go in.
        db.transaction(() => {
          const existing = services.members.findByMemberId(g.facts.memberId);
          let id: number;
          if (existing) {
            const current = services.members.get(existing.id);
            id = services.members.update(existing.id, current.version, g.patch).id;
            report.updated++;
          } else {
            id = services.members.create(g.facts).id;
            report.created++;
          }
          if (g.spouseBirth) {
            const current = services.members.get(id);
            services.members.setSpouse(id, current.version, { name: current.spouse?.name ?? '', birthDate: g.spouseBirth, ssn: undefined, marriageDate: undefined });
          }
        })();
      } catch (err) {
        if (!(err instanceof AppFailure)) throw err;
        report.rejected++;
        const fields = Object.entries(err.fields ?? {});
        if (fields.length === 0) report.errors.push({ row: g.row, column: '(row)', message: err.message });
        for (const [f, m] of fields) report.errors.push({ row: g.row, column: COLUMN_OF[f] ?? f, message: m });
      }
      onProgress?.(i + 1, good.length);
    });
  })();
  report.errors.sort((a, b) => a.row - b.row);
  return report;
}
