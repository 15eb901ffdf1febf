import type { z } from 'zod';
import { caseSchema, type Case } from './case-schema';
import { compareDates, date, formatDate, monthIndex, monthOf, parseDate, parseMonth } from '../calc/dates';

export type Issue = { path: string; message: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** `pay.history[3].amount`: a dot path with array indexes in brackets (CASE-FORMAT). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = raw;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  boolean: 'must be true or false',
  number: 'must be a number',
  int: 'must be a whole number',
  string: 'must be text',
  object: 'must be an object with fields',
  array: 'must be a list',
  record: 'must be an object with fields',
  null: 'must be null',
};

const quoted = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));
const orList = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

/**
 * The project's messages start in lower case ("must be …", "is required"); zod's own ("Invalid
 * input: expected boolean, received string", "Too small: …", "Invalid key in record") start in
 * upper case. Those are said again in words from the issue's facts (CASE-FORMAT `path: message`).
 */
function isOwnMessage(message: string): boolean {
  return /^[a-z"(]/.test(message);
}

function inWords(issue: z.core.$ZodIssue): string {
  if (isOwnMessage(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected] ?? `must be of type ${issue.expected}`;
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? 'must not be empty' : `must be at least ${n} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${n} ${n === 1 ? 'entry' : 'entries'}`;
      return issue.inclusive === false ? `must be more than ${n}` : `must be at least ${n}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${n} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${n} ${n === 1 ? 'entry' : 'entries'}`;
      return issue.inclusive === false ? `must be less than ${n}` : `must be at most ${n}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${quoted(issue.values[0])}` : `must be one of ${orList(issue.values.map(quoted))}`;
    case 'invalid_key': {
      const inner = issue.issues.map((i) => i.message).find(isOwnMessage);
      return inner ?? 'is not an allowed key';
    }
    case 'invalid_format':
      return 'is not in the expected format';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'does not match any of the allowed forms';
    default:
      return 'is not valid';
  }
}

/**
 * zod issues as `path: message`, every message in words; `raw` is the parsed input, to tell a
 * missing field from a wrong one.
 */
export function zodIssues(error: z.ZodError, raw: unknown): Issue[] {
  const issues: Issue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: formatPath([...issue.path, key]), message: 'is not a field of the case format' });
    } else if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) {
      issues.push({ path: formatPath(issue.path), message: 'is required' });
    } else {
      issues.push({ path: formatPath(issue.path), message: inWords(issue) });
    }
  }
  return issues;
}

/** The limits that keep every date of the estimate within the format's 1800 to 2200. */
export const RETIREMENT_FROM = date(1800, 5, 1);
export const RETIREMENT_TO = date(2200, 10, 1);
export const BIRTH_TO = date(2100, 12, 31);

/** Parse a case and apply the cross-field checks of CASE-FORMAT that need no calculation. */
export function parseCase(raw: unknown, isKnownBasis: (id: string) => boolean): Parsed<Case> {
  const parsed = caseSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, raw) };
  const c = parsed.data;
  const issues: Issue[] = [];
  const r = parseDate(c.retirementDate);
  if (r.d !== 1) issues.push({ path: 'retirementDate', message: 'must be the first day of a month' }); // DATE-2
  // The estimate's own dates must be dates the format holds (1800 to 2200): PROC-1's earliest filing
  // date is 4 months before R, PROC-4's void date 90 days after it, and ELIG-6 looks to age 100.
  if (compareDates(r, RETIREMENT_FROM) < 0) issues.push({ path: 'retirementDate', message: `must be on or after ${formatDate(RETIREMENT_FROM)} (the application may be filed 4 months before it)` });
  if (compareDates(r, RETIREMENT_TO) > 0) issues.push({ path: 'retirementDate', message: `must be on or before ${formatDate(RETIREMENT_TO)} (the application is void 90 days after it, and dates end in 2200)` });
  const birth = parseDate(c.member.birthDate);
  if (compareDates(birth, BIRTH_TO) > 0) issues.push({ path: 'member.birthDate', message: `must be on or before ${formatDate(BIRTH_TO)} (retirement dates are looked for up to age 100, and dates end in 2200)` });
  const firstEmployment = parseDate(c.member.firstEmploymentDate);
  if (compareDates(firstEmployment, birth) <= 0) issues.push({ path: 'member.firstEmploymentDate', message: 'must be after member.birthDate' });
  if (compareDates(r, firstEmployment) <= 0) issues.push({ path: 'retirementDate', message: 'must be after member.firstEmploymentDate' });
  if (c.member.lastDayWorked) {
    const last = parseDate(c.member.lastDayWorked);
    if (compareDates(last, r) >= 0) issues.push({ path: 'member.lastDayWorked', message: 'must be before retirementDate (DATE-2)' });
    if (compareDates(last, firstEmployment) < 0) issues.push({ path: 'member.lastDayWorked', message: 'must not be before member.firstEmploymentDate' });
  }
  if (c.spouse && compareDates(parseDate(c.spouse.birthDate), r) >= 0) issues.push({ path: 'spouse.birthDate', message: 'must be before retirementDate' });
  const seen = new Map<number, number>();
  const rIdx = monthIndex(monthOf(r));
  c.pay.history.forEach((h, i) => {
    const idx = monthIndex(parseMonth(h.month));
    const earlier = seen.get(idx);
    if (earlier !== undefined) issues.push({ path: `pay.history[${i}].month`, message: `repeats the month of pay.history[${earlier}]` });
    else seen.set(idx, i);
    if (idx >= rIdx) issues.push({ path: `pay.history[${i}].month`, message: "must be before the retirement date's month" });
  });
  if (c.pay.history.length === 0 && !c.pay.finalAveragePay) {
    issues.push({ path: 'pay.finalAveragePay', message: 'is required when pay.history is empty (FAP-3)' });
  }
  if (c.actuarialBasis && !isKnownBasis(c.actuarialBasis)) {
    issues.push({ path: 'actuarialBasis', message: `unknown basis id "${c.actuarialBasis}": use one that npm run cli -- basis list shows, or leave it out for the default basis` });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: c };
}
