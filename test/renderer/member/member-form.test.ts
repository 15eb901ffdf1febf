// The member record form's logic: only changed fields are sent, problems are found beside their
// fields before saving, and full SSNs and account numbers never go into a draft.
import { describe, expect, it } from 'vitest';
import type { MemberRecord } from '../../../shared/domain/member';
import { draftOf, formFieldOf, formFromRecord, patchFromForm } from '../../../renderer/src/features/member/member-form';

const record: MemberRecord = {
  id: 7,
  version: 3,
  archived: false,
  memberId: 'M0112044',
  firstName: 'Dana',
  middleName: null,
  lastName: 'Whitfield',
  ssnMasked: '***-**-6702',
  birthDate: '1965-04-17',
  email: null,
  phone: '573-555-0102',
  street: null,
  city: null,
  state: null,
  zip: null,
  firstEmploymentDate: '1996-03-01',
  leftBeforeVestingAndReturned: false,
  returnedAfterBuyout: false,
  planOverride: null,
  employmentStatus: 'terminated',
  lastDayWorked: '2026-12-31',
  service: { asOf: '2026-10-31', earnedMonths: 200, purchasedMonths: 0, transferredMonths: 0, sickLeaveHours: 1450 },
  finalAveragePay: '5395.19',
  projection: null,
  payHistory: [],
  optionalLifeCoverage: null,
  retirementDate: '2027-07-01',
  backdropMonths: null,
  directDeposit: { routingNumber: '011000015', accountMasked: '****5678', accountType: 'checking' },
  spouse: null,
  beneficiaries: [],
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
};

describe('member form', () => {
  it('sends only the changed field: a phone edit does not touch employment status or flags', () => {
    const initial = formFromRecord(record);
    const r = patchFromForm(initial, { ...initial, phone: '573-555-0199' }, record);
    expect(r).toEqual({ patch: { phone: '573-555-0199' }, errors: {}, changed: true });
    expect(patchFromForm(initial, initial, record).changed).toBe(false);
  });

  it('FORM-2: a routing number failing the ABA checksum is an error beside its field, and changing direct deposit needs the full account number', () => {
    const initial = formFromRecord(record);
    const bad = patchFromForm(initial, { ...initial, 'directDeposit.routingNumber': '011000016', 'directDeposit.accountNumber': '12345678' }, record);
    expect(bad.errors['directDeposit.routingNumber']).toBe('must be a 9-digit ABA routing number with a valid checksum (FORM-2)');
    const noAccount = patchFromForm(initial, { ...initial, 'directDeposit.routingNumber': '021000021' }, record);
    expect(noAccount.errors['directDeposit.accountNumber']).toBe('enter the full account number to change direct deposit (now ****5678)');
  });

  it('SVC: service fields are sent together as numbers; text in a month field is an error beside it', () => {
    const initial = formFromRecord(record);
    const ok = patchFromForm(initial, { ...initial, 'service.earnedMonths': '201' }, record);
    expect(ok.patch.service).toEqual({ asOf: '2026-10-31', earnedMonths: 201, purchasedMonths: 0, transferredMonths: 0, sickLeaveHours: 1450 });
    const bad = patchFromForm(initial, { ...initial, 'service.earnedMonths': 'twelve' }, record);
    expect(bad.errors['service.earnedMonths']).toBe('must be a whole number of months');
  });

  it('DATE-2: a retirement date that is not the first of a month is refused before saving', () => {
    const initial = formFromRecord(record);
    expect(initial.retirementDate).toBe('07/01/2027');
    expect(patchFromForm(initial, { ...initial, retirementDate: '07/15/2027' }, record).errors.retirementDate).toBe('must be the first day of a month');
    expect(patchFromForm(initial, { ...initial, retirementDate: '08/01/2027' }, record).patch).toEqual({ retirementDate: '2027-08-01' });
    // The same date typed another way is no change.
    expect(patchFromForm(initial, { ...initial, retirementDate: '2027-07-01' }, record).changed).toBe(false);
  });

  it('DATE-1: an impossible or incomplete date in any date field is an error and never a patch; a blank field clears only through Clear date', () => {
    const initial = formFromRecord(record);
    for (const f of ['retirementDate', 'firstEmploymentDate', 'lastDayWorked', 'birthDate', 'service.asOf'] as const) {
      const bad = patchFromForm(initial, { ...initial, [f]: '02/30/2027' }, record);
      expect(bad.errors[f], f).toBe('February 2027 has no day 30 (it has 28 days). Check the day.');
      expect(patchFromForm(initial, { ...initial, [f]: '02/2027' }, record).errors[f], f).toContain('MM/DD/YYYY');
      expect(patchFromForm(initial, { ...initial, [f]: '' }, record).errors[f], f).toBeDefined();
    }
    expect(patchFromForm(initial, { ...initial, lastDayWorked: '', cleared: ['lastDayWorked'] }, record)).toMatchObject({ patch: { lastDayWorked: null }, errors: {} });
    // A required date cannot be cleared at all.
    expect(patchFromForm(initial, { ...initial, birthDate: '', cleared: ['birthDate'] }, record).errors.birthDate).toContain('required');
  });

  it('MONEY-1: an amount typed as "$5,395.20" or "4,000" is saved as its two-decimal string; misplaced commas are refused in words', () => {
    const initial = formFromRecord(record);
    expect(patchFromForm(initial, { ...initial, finalAveragePay: '$5,395.20' }, record).patch).toEqual({ finalAveragePay: '5395.20' });
    expect(patchFromForm(initial, { ...initial, optionalLifeCoverage: '4,000' }, record).patch).toEqual({ optionalLifeCoverage: '4000' });
    expect(patchFromForm(initial, { ...initial, finalAveragePay: '53,95.19' }, record).errors.finalAveragePay).toBe('Type an amount in dollars and cents, such as 5,395.19.');
  });

  it('a blank SSN field keeps the SSN on file; a draft never holds a typed SSN or account number', () => {
    const initial = formFromRecord(record);
    expect(initial.ssn).toBe('');
    expect(patchFromForm(initial, initial, record).patch).toEqual({});
    const typed = { ...initial, ssn: '123-45-6702', 'directDeposit.accountNumber': '000123456789', phone: '573-555-0199' };
    expect(draftOf(typed)).toEqual({ ...typed, ssn: '', 'directDeposit.accountNumber': '' });
  });

  it('server field paths map onto form fields', () => {
    expect(formFieldOf('patch.service.earnedMonths')).toBe('service.earnedMonths');
    expect(formFieldOf('lastDayWorked')).toBe('lastDayWorked');
  });
});
