import { z } from 'zod';
import { dateTextOf, parseDateText } from '../../../../shared/domain/date-text';
import { MONEY_TEXT_MESSAGE, moneyText } from '../../../../shared/domain/money-text';
import type { MemberPatch, MemberRecord } from '../../../../shared/domain/member';
import { memberPatchSchema } from '../../../../shared/domain/member';

/**
 * The member record's editable facts as form strings (what the inputs hold), and the date fields
 * the counselor cleared on purpose (a blank date field alone never clears the date on file).
 */
export type MemberForm = Record<FieldName, string> & { cleared: FieldName[] };

export const FIELDS = [
  'memberId', 'firstName', 'middleName', 'lastName', 'ssn', 'birthDate', 'email', 'phone', 'street', 'city', 'state', 'zip',
  'firstEmploymentDate', 'leftBeforeVestingAndReturned', 'returnedAfterBuyout', 'planOverride', 'employmentStatus', 'lastDayWorked',
  'service.asOf', 'service.earnedMonths', 'service.purchasedMonths', 'service.transferredMonths', 'service.sickLeaveHours',
  'finalAveragePay', 'projection.fromMonth', 'projection.monthlyRate', 'optionalLifeCoverage', 'retirementDate', 'backdropMonths',
  'directDeposit.routingNumber', 'directDeposit.accountNumber', 'directDeposit.accountType',
] as const;
export type FieldName = (typeof FIELDS)[number];

/** The fields that hold a calendar date, typed as MM/DD/YYYY (or YYYY-MM-DD). */
export const DATE_FIELDS = ['birthDate', 'firstEmploymentDate', 'lastDayWorked', 'service.asOf', 'retirementDate'] as const satisfies readonly FieldName[];
export const isDateField = (f: string): boolean => (DATE_FIELDS as readonly string[]).includes(f);

/** Values as react-hook-form holds them: `service.asOf` is the path service → asOf. */
export function nestForm(form: MemberForm): Record<string, unknown> {
  const out: Record<string, unknown> = { cleared: [...form.cleared] };
  for (const f of FIELDS) {
    const [a, b] = f.split('.') as [string, string | undefined];
    if (b === undefined) out[a] = form[f];
    else out[a] = { ...(out[a] as Record<string, string> | undefined), [b]: form[f] };
  }
  return out;
}

export function flattenForm(values: Record<string, unknown>): MemberForm {
  const out = { cleared: Array.isArray(values.cleared) ? (values.cleared as FieldName[]) : [] } as MemberForm;
  for (const f of FIELDS) {
    const [a, b] = f.split('.') as [string, string | undefined];
    const v = b === undefined ? values[a] : (values[a] as Record<string, unknown> | undefined)?.[b];
    out[f] = typeof v === 'string' ? v : '';
  }
  return out;
}

/**
 * The form as a draft keeps it: a full SSN or account number typed but not saved is left out, so
 * it never comes back across IPC (drafts:get) nor sits in the drafts table; it is typed again.
 */
export function draftOf(form: MemberForm): MemberForm {
  return { ...form, ssn: '', 'directDeposit.accountNumber': '' };
}

export function formFromRecord(r: MemberRecord): MemberForm {
  return {
    memberId: r.memberId,
    firstName: r.firstName,
    middleName: r.middleName ?? '',
    lastName: r.lastName,
    ssn: '', // write-only: blank keeps the stored SSN
    birthDate: dateTextOf(r.birthDate),
    email: r.email ?? '',
    phone: r.phone ?? '',
    street: r.street ?? '',
    city: r.city ?? '',
    state: r.state ?? '',
    zip: r.zip ?? '',
    firstEmploymentDate: dateTextOf(r.firstEmploymentDate),
    leftBeforeVestingAndReturned: String(r.leftBeforeVestingAndReturned),
    returnedAfterBuyout: String(r.returnedAfterBuyout),
    planOverride: r.planOverride ?? '',
    employmentStatus: r.employmentStatus,
    lastDayWorked: dateTextOf(r.lastDayWorked),
    'service.asOf': dateTextOf(r.service?.asOf),
    'service.earnedMonths': r.service ? String(r.service.earnedMonths) : '',
    'service.purchasedMonths': r.service ? String(r.service.purchasedMonths) : '',
    'service.transferredMonths': r.service ? String(r.service.transferredMonths) : '',
    'service.sickLeaveHours': r.service ? String(r.service.sickLeaveHours) : '',
    finalAveragePay: r.finalAveragePay ?? '',
    'projection.fromMonth': r.projection?.fromMonth ?? '',
    'projection.monthlyRate': r.projection?.monthlyRate ?? '',
    optionalLifeCoverage: r.optionalLifeCoverage ?? '',
    retirementDate: dateTextOf(r.retirementDate),
    backdropMonths: r.backdropMonths === null ? '' : String(r.backdropMonths),
    'directDeposit.routingNumber': r.directDeposit?.routingNumber ?? '',
    'directDeposit.accountNumber': '', // write-only
    'directDeposit.accountType': r.directDeposit?.accountType ?? '',
    cleared: [],
  };
}

/** A date field's text as the ISO date it stands for (the text itself when it is not one). */
const isoOf = (text: string): string => {
  const r = parseDateText(text);
  return r.ok ? r.iso : text.trim();
};

/**
 * DATE-1: a date field's value for the patch, or the problem with it. A date that does not exist
 * or is incomplete is an error; a blank field clears the date on file only when the counselor
 * chose Clear date (`cleared`), never because the text is empty.
 */
function dateValue(f: FieldName, initial: MemberForm, form: MemberForm, required: boolean): { value?: string | null; error?: string } {
  const text = form[f].trim();
  if (text === '') {
    if (required) return { error: 'Type the date as MM/DD/YYYY; this date is required.' };
    if (initial[f].trim() === '' || form.cleared.includes(f)) return { value: null };
    return { error: 'Type a date as MM/DD/YYYY, or choose Clear date to remove the date on file.' };
  }
  const r = parseDateText(text);
  return r.ok ? { value: r.iso } : { error: r.message };
}

const MONEY_FIELDS: readonly FieldName[] = ['finalAveragePay', 'optionalLifeCoverage', 'projection.monthlyRate'];
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const intOrText = (s: string): number | string => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s);

/**
 * The changed fields as a patch for members:update, and the problems found before sending it.
 * Problems are keyed by form field name.
 */
export function patchFromForm(initial: MemberForm, form: MemberForm, record: MemberRecord): { patch: MemberPatch; errors: Partial<Record<FieldName, string>>; changed: boolean } {
  const errors: Partial<Record<FieldName, string>> = {};
  const raw: Record<string, unknown> = {};
  // A date retyped in another form ("2027-07-01" for "07/01/2027") is not a change.
  const changed = (f: FieldName) => (isDateField(f) ? isoOf(initial[f]) !== isoOf(form[f]) || (form.cleared.includes(f) && initial[f] !== '') : initial[f] !== form[f]);
  const simple: FieldName[] = ['memberId', 'firstName', 'lastName'];
  for (const f of simple) if (changed(f)) raw[f] = form[f].trim();
  const nullable: FieldName[] = ['middleName', 'email', 'phone', 'street', 'city', 'state', 'zip', 'planOverride'];
  for (const f of nullable) if (changed(f)) raw[f] = orNull(form[f]);
  // Amounts as typed: "5,395.19" and "$5,395.19" are 5395.19 (MONEY-1).
  for (const f of ['finalAveragePay', 'optionalLifeCoverage'] as const) if (changed(f)) raw[f] = orNull(moneyText(form[f]));
  for (const f of ['birthDate', 'firstEmploymentDate', 'lastDayWorked', 'retirementDate'] as const) {
    if (!changed(f)) continue;
    const v = dateValue(f, initial, form, f === 'birthDate');
    if (v.error) errors[f] = v.error;
    else raw[f] = v.value;
  }
  if (changed('ssn') && form.ssn.trim() !== '') raw.ssn = form.ssn.trim();
  if (changed('leftBeforeVestingAndReturned')) raw.leftBeforeVestingAndReturned = form.leftBeforeVestingAndReturned === 'true';
  if (changed('returnedAfterBuyout')) raw.returnedAfterBuyout = form.returnedAfterBuyout === 'true';
  if (changed('employmentStatus')) raw.employmentStatus = form.employmentStatus;
  if (changed('backdropMonths')) raw.backdropMonths = form.backdropMonths.trim() === '' ? null : intOrText(form.backdropMonths);
  const serviceFields = ['service.asOf', 'service.earnedMonths', 'service.purchasedMonths', 'service.transferredMonths', 'service.sickLeaveHours'] as const;
  if (serviceFields.some(changed)) {
    const asOf = dateValue('service.asOf', initial, form, false);
    if (asOf.error) errors['service.asOf'] = asOf.error;
    raw.service = serviceFields.every((f) => form[f].trim() === '')
      ? null
      : {
          asOf: asOf.value ?? form['service.asOf'].trim(),
          earnedMonths: intOrText(form['service.earnedMonths']),
          purchasedMonths: intOrText(form['service.purchasedMonths'] || '0'),
          transferredMonths: intOrText(form['service.transferredMonths'] || '0'),
          sickLeaveHours: intOrText(form['service.sickLeaveHours'] || '0'),
        };
  }
  if (changed('projection.fromMonth') || changed('projection.monthlyRate')) {
    raw.projection = form['projection.fromMonth'].trim() === '' && form['projection.monthlyRate'].trim() === '' ? null : { fromMonth: form['projection.fromMonth'].trim(), monthlyRate: moneyText(form['projection.monthlyRate']) };
  }
  const ddFields = ['directDeposit.routingNumber', 'directDeposit.accountNumber', 'directDeposit.accountType'] as const;
  if (ddFields.some(changed)) {
    const cleared = ddFields.every((f) => form[f].trim() === '');
    if (cleared) raw.directDeposit = null;
    else if (form['directDeposit.accountNumber'].trim() === '') errors['directDeposit.accountNumber'] = record.directDeposit ? `enter the full account number to change direct deposit (now ${record.directDeposit.accountMasked})` : 'is required';
    else raw.directDeposit = { routingNumber: form['directDeposit.routingNumber'].trim(), accountNumber: form['directDeposit.accountNumber'].trim(), accountType: form['directDeposit.accountType'] };
  }
  const parsed = memberPatchSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.') as FieldName;
      const field = (FIELDS as readonly string[]).includes(key) ? key : (String(issue.path[0]) as FieldName);
      // The schema's wording ("a decimal string with at most two places") is not the counselor's.
      errors[field] ??= MONEY_FIELDS.includes(field) ? MONEY_TEXT_MESSAGE : issue.message;
    }
  }
  const ok = parsed.success && Object.keys(errors).length === 0;
  // A field in error is a change too: it must be saved (or fixed), never passed over as unchanged.
  return { patch: ok ? parsed.data : (raw as MemberPatch), errors, changed: Object.keys(raw).length > 0 || Object.keys(errors).length > 0 };
}

/**
 * The form's zod schema for react-hook-form's resolver: the project's member patch schema and
 * the date rules above, each problem at its field's path (`service.asOf`).
 */
export function memberFormSchema(initial: MemberForm, record: MemberRecord): z.ZodType<Record<string, unknown>, Record<string, unknown>> {
  return z.record(z.string(), z.unknown()).superRefine((values, ctx) => {
    const { errors } = patchFromForm(initial, flattenForm(values), record);
    for (const [k, message] of Object.entries(errors)) ctx.addIssue({ code: 'custom', path: k.split('.'), message });
  });
}

/** Server field paths (`patch.service.earnedMonths`, `lastDayWorked`) as form field names. */
export function formFieldOf(path: string): string {
  return path.replace(/^patch\./, '').replace(/^member\./, '');
}
