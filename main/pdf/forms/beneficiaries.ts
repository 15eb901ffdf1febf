// Designation/Change of Beneficiaries (Step 1, CW-204), FORM-3. SSNs print in full (the member's
// and each person's): MOSERS needs them to pay a beneficiary.
//
// One section per designation that applies: life insurance (if insured) and MSEP 2011
// contributions (MSEP 2011 members). The final-payment and guaranteed-payment beneficiaries are
// designated once, on the election form.
// Fields, with <d> = lifeInsurance | finalPayment | guaranteedPayments | msep2011Contributions:
//   beneficiaries.member.{name,memberId,ssn}                              ssn in full
//   beneficiaries.<d>.primary[i].{name,kind,relationship,birthDate,ssn,share,address}
//   beneficiaries.<d>.contingent[i].{…the same…}
// At least two rows per class, more when more are designated.
import { Decimal } from '../../../shared/calc/decimal';
import { shareValue, sharesTotal100 } from '../../../shared/domain/validators';
import { FORM_CODES, FORM_TITLES } from '../checklist';
import type { DocContext, DocumentMeta } from '../context';
import { formatSsn } from '../format';
import type { Designation, DocumentBeneficiary, DocumentInput } from '../types';
import { DocWriter } from '../writer';
import { ageYears, dateOrBlank, memberRows, memberSignature, shareText } from './common';

export const BENEFICIARIES_META: DocumentMeta = {
  kind: 'beneficiary-life-insurance',
  code: FORM_CODES['beneficiary-life-insurance'],
  title: FORM_TITLES['beneficiary-life-insurance'],
};

export const DESIGNATION_KEYS: Readonly<Record<Designation, string>> = {
  'life-insurance': 'lifeInsurance',
  'final-payment': 'finalPayment',
  'guaranteed-payments': 'guaranteedPayments',
  'msep2011-contributions': 'msep2011Contributions',
};

const DESIGNATION_TITLES: Readonly<Record<Designation, string>> = {
  'life-insurance': 'Life insurance',
  'final-payment': 'Final payment (Life Income Annuity)',
  'guaranteed-payments': 'Remaining guaranteed payments',
  'msep2011-contributions': 'MSEP 2011 employee contributions',
};

const KIND_LABELS = { person: 'Person', trust: 'Trust', organization: 'Organization', estate: 'Estate' } as const;

/** The designations printed on the form, in a fixed order. */
export function designationsFor(input: DocumentInput): Designation[] {
  const held = new Set((input.member.beneficiaries ?? []).map((b) => b.designation));
  const out: Designation[] = ['life-insurance'];
  if (input.estimate.results.some((r) => r.plan === 'MSEP2011') || held.has('msep2011-contributions')) out.push('msep2011-contributions');
  // The final payment and the remaining guaranteed payments go with the payment option: they are
  // designated in one place, section 1 of the Retirement Election Form (CW-300), not here too.
  return out;
}

function rows(w: DocWriter, base: string, cls: 'primary' | 'contingent', list: DocumentBeneficiary[]): void {
  const count = Math.max(2, list.length);
  for (let i = 0; i < count; i++) {
    const b = list[i];
    const f = `${base}.${cls}[${i}]`;
    w.row([
      { label: `${cls === 'primary' ? 'Primary' : 'Contingent'} ${i + 1}: name`, value: b?.name ?? '', width: 2.4, field: `${f}.name` },
      { label: 'Kind', value: b ? KIND_LABELS[b.kind] : '', width: 0.9, field: `${f}.kind` },
      { label: 'Relationship', value: b?.relationship ?? '', width: 1, field: `${f}.relationship` },
      { label: 'Birth date', value: dateOrBlank(b?.birthDate), width: 1.3, field: `${f}.birthDate` },
      { label: 'Social Security number', value: formatSsn(b?.ssn), width: 1.2, field: `${f}.ssn` },
      { label: 'Share', value: b ? shareText(b.share) : '', width: 0.6, field: `${f}.share`, align: 'right' },
    ]);
    w.row([{ label: 'Address', value: b?.address ?? '', width: 1, field: `${f}.address`, multiline: true, tooltip: `${cls === 'primary' ? 'Primary' : 'Contingent'} ${i + 1}: address` }]);
  }
}

export function addBeneficiaries(ctx: DocContext, input: DocumentInput, preparedOn: string): void {
  const m = input.member;
  const w = new DocWriter(ctx, {
    ...BENEFICIARIES_META,
    step: 'Step 1',
    subtitle: 'Name one or more primary and contingent beneficiaries for each designation. Within each class the shares must add up to exactly 100%.',
  });
  w.section('Member');
  memberRows(w, 'beneficiaries', input, { fullSsn: true });
  w.endRows();
  for (const designation of designationsFor(input)) {
    const list = (m.beneficiaries ?? []).filter((b) => b.designation === designation);
    const base = `beneficiaries.${DESIGNATION_KEYS[designation]}`;
    w.section(`${DESIGNATION_TITLES[designation]} (FORM-3)`, 120);
    for (const cls of ['primary', 'contingent'] as const) rows(w, base, cls, list.filter((b) => b.class === cls));
    w.endRows();
    const warnings: string[] = [];
    for (const cls of ['primary', 'contingent'] as const) {
      const shares = list.filter((b) => b.class === cls).map((b) => b.share);
      if (shares.length > 0 && !sharesTotal100(shares)) {
        const total = shares.map(shareValue).reduce<Decimal>((s, v) => s.plus(v ?? 0), new Decimal(0));
        warnings.push(`The ${cls} shares add up to ${total.toDecimalPlaces(2).toString()}%, not 100%.`);
      }
    }
    for (const b of list) {
      const age = b.kind === 'person' ? ageYears(b.birthDate, preparedOn) : null;
      if (age !== null && age < 18) warnings.push(`${b.name} is a minor (age ${age}): benefits for a minor may be paid to a court-appointed guardian or conservator.`);
    }
    if (warnings.length > 0) w.notice(warnings.join(' '), 'warn', { title: 'Check before signing' });
  }
  w.paragraph('Beneficiaries for the final payment (Life Income Annuity) or the remaining guaranteed payments are named on the Personalized Retirement Election Form (CW-300), section 1, with the payment option.', { size: 8 });
  memberSignature(w, 'I revoke any earlier designation for the benefits above and name these beneficiaries.');
}
