// Retain/Change Optional Life Insurance (Step 1, CW-205), FORM-4. The SSN is masked.
//
// Fields:
//   optionalLife.member.{name,memberId,ssn}     ssn masked
//   optionalLife.carried                         coverage carried while active
//   optionalLife.choice      radio: retain | reduce | cancel
//   optionalLife.elected                         coverage to keep in retirement
import { FORM_CODES, FORM_TITLES } from '../checklist';
import type { DocContext, DocumentMeta } from '../context';
import { formatMoney } from '../format';
import type { DocumentInput } from '../types';
import { DocWriter } from '../writer';
import { memberRows, memberSignature } from './common';

export const OPTIONAL_LIFE_META: DocumentMeta = { kind: 'optional-life', code: FORM_CODES['optional-life'], title: FORM_TITLES['optional-life'] };

const isAmount = (v: string | null | undefined): v is string => !!v && /^\d+(\.\d{1,2})?$/.test(v);

export function optionalLifeChoice(carried: string | null | undefined, elected: string | null | undefined): 'retain' | 'reduce' | 'cancel' | null {
  if (!isAmount(elected)) return null;
  if (Number(elected) === 0) return 'cancel';
  if (isAmount(carried) && Number(elected) >= Number(carried)) return 'retain';
  return 'reduce';
}

export function addOptionalLife(ctx: DocContext, input: DocumentInput): void {
  const ol = input.member.optionalLife ?? null;
  const w = new DocWriter(ctx, {
    ...OPTIONAL_LIFE_META,
    step: 'Step 1',
    subtitle: 'Optional life insurance you carry as an active employee may continue into retirement.',
  });
  w.section('Member');
  memberRows(w, 'optionalLife', input, { fullSsn: false });
  w.endRows();
  w.section('Coverage (FORM-4)');
  w.row([
    { label: 'Optional coverage carried while active', value: isAmount(ol?.carried) ? formatMoney(ol.carried) : '', width: 1, field: 'optionalLife.carried', align: 'right' },
    { label: 'Coverage to keep in retirement', value: isAmount(ol?.elected) ? formatMoney(ol.elected) : '', width: 1, field: 'optionalLife.elected', align: 'right' },
  ]);
  w.row([
    {
      kind: 'radio',
      label: 'Election',
      width: 1,
      group: 'optionalLife.choice',
      options: [
        { value: 'retain', label: 'Retain my current coverage' },
        { value: 'reduce', label: 'Reduce my coverage to the amount above' },
        { value: 'cancel', label: 'Cancel my optional coverage' },
      ],
      selected: optionalLifeChoice(ol?.carried, ol?.elected),
    },
  ]);
  w.endRows();
  w.bullet('Coverage in retirement is $1,000 to $60,000 in steps of $500, and never more than the amount carried while active.');
  w.bullet('A member retiring under the Rule of 80 or 90 with more than $60,000 may keep it until age 62, when it drops to $60,000.');
  w.bullet('Premiums are deducted from your monthly benefit.');
  memberSignature(w, 'I elect the optional life insurance coverage marked above.');
}
