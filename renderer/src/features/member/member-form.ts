import type { MemberPatch, MemberRecord } from '../../../../shared/domain/member';
import { memberPatchSchema } from '../../../../shared/domain/member';

/** The member record's editable facts as form strings (what the inputs hold). */
export type MemberForm = Record<FieldName, string>;

export const FIELDS = [
  'memberId', 'firstName', 'middleName', 'lastName', 'ssn', 'birthDate', 'email', 'phone', 'street', 'city', 'state', 'zip',
  'firstEmploymentDate', 'leftBeforeVestingAndReturned', 'returnedAfterBuyout', 'planOverride', 'employmentStatus', 'lastDayWorked',
  'service.asOf', 'service.earnedMonths', 'service.purchasedMonths', 'service.transferredMonths', 'service.sickLeaveHours',
  'finalAveragePay', 'projection.fromMonth', 'projection.monthlyRate', 'optionalLifeCoverage', 'retirementDate', 'backdropMonths',
  'directDeposit.routingNumber', 'directDeposit.accountNumber', 'directDeposit.accountType',
] as const;
export type FieldName = (typeof FIELDS)[number];

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
    birthDate: r.birthDate,
    email: r.email ?? '',
    phone: r.phone ?? '',
    street: r.street ?? '',
    city: r.city ?? '',
    state: r.state ?? '',
    zip: r.zip ?? '',
    firstEmploymentDate: r.firstEmploymentDate ?? '',
    leftBeforeVestingAndReturned: String(r.leftBeforeVestingAndReturned),
    returnedAfterBuyout: String(r.returnedAfterBuyout),
    planOverride: r.planOverride ?? '',
    employmentStatus: r.employmentStatus,
    lastDayWorked: r.lastDayWorked ?? '',
    'service.asOf': r.service?.asOf ?? '',
    'service.earnedMonths': r.service ? String(r.service.earnedMonths) : '',
    'service.purchasedMonths': r.service ? String(r.service.purchasedMonths) : '',
    'service.transferredMonths': r.service ? String(r.service.transferredMonths) : '',
    'service.sickLeaveHours': r.service ? String(r.service.sickLeaveHours) : '',
    finalAveragePay: r.finalAveragePay ?? '',
    'projection.fromMonth': r.projection?.fromMonth ?? '',
    'projection.monthlyRate': r.projection?.monthlyRate ?? '',
    optionalLifeCoverage: r.optionalLifeCoverage ?? '',
    retirementDate: r.retirementDate ?? '',
    backdropMonths: r.backdropMonths === null ? '' : String(r.backdropMonths),
    'directDeposit.routingNumber': r.directDeposit?.routingNumber ?? '',
    'directDeposit.accountNumber': '', // write-only
    'directDeposit.accountType': r.directDeposit?.accountType ?? '',
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const intOrText = (s: string): number | string => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s);

/**
 * The changed fields as a patch for members:update, and the problems found before sending it.
 * Problems are keyed by form field name.
 */
export function patchFromForm(initial: MemberForm, form: MemberForm, record: MemberRecord): { patch: MemberPatch; errors: Partial<Record<FieldName, string>>; changed: boolean } {
  const errors: Partial<Record<FieldName, string>> = {};
  const raw: Record<string, unknown> = {};
  const changed = (f: FieldName) => initial[f] !== form[f];
  const simple: FieldName[] = ['memberId', 'firstName', 'lastName', 'birthDate'];
  for (const f of simple) if (changed(f)) raw[f] = form[f].trim();
  const nullable: FieldName[] = ['middleName', 'email', 'phone', 'street', 'city', 'state', 'zip', 'firstEmploymentDate', 'lastDayWorked', 'finalAveragePay', 'optionalLifeCoverage', 'retirementDate', 'planOverride'];
  for (const f of nullable) if (changed(f)) raw[f] = orNull(form[f]);
  if (changed('ssn') && form.ssn.trim() !== '') raw.ssn = form.ssn.trim();
  if (changed('leftBeforeVestingAndReturned')) raw.leftBeforeVestingAndReturned = form.leftBeforeVestingAndReturned === 'true';
  if (changed('returnedAfterBuyout')) raw.returnedAfterBuyout = form.returnedAfterBuyout === 'true';
  if (changed('employmentStatus')) raw.employmentStatus = form.employmentStatus;
  if (changed('backdropMonths')) raw.backdropMonths = form.backdropMonths.trim() === '' ? null : intOrText(form.backdropMonths);
  const serviceFields = ['service.asOf', 'service.earnedMonths', 'service.purchasedMonths', 'service.transferredMonths', 'service.sickLeaveHours'] as const;
  if (serviceFields.some(changed)) {
    raw.service = serviceFields.every((f) => form[f].trim() === '')
      ? null
      : {
          asOf: form['service.asOf'].trim(),
          earnedMonths: intOrText(form['service.earnedMonths']),
          purchasedMonths: intOrText(form['service.purchasedMonths'] || '0'),
          transferredMonths: intOrText(form['service.transferredMonths'] || '0'),
          sickLeaveHours: intOrText(form['service.sickLeaveHours'] || '0'),
        };
  }
  if (changed('projection.fromMonth') || changed('projection.monthlyRate')) {
    raw.projection = form['projection.fromMonth'].trim() === '' && form['projection.monthlyRate'].trim() === '' ? null : { fromMonth: form['projection.fromMonth'].trim(), monthlyRate: form['projection.monthlyRate'].trim() };
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
      errors[(FIELDS as readonly string[]).includes(key) ? key : (String(issue.path[0]) as FieldName)] ??= issue.message;
    }
  }
  return { patch: parsed.success ? parsed.data : (raw as MemberPatch), errors, changed: Object.keys(raw).length > 0 };
}

/** Server field paths (`patch.service.earnedMonths`, `lastDayWorked`) as form field names. */
export function formFieldOf(path: string): string {
  return path.replace(/^patch\./, '').replace(/^member\./, '');
}
