// Retain/Change Optional Life Insurance (Step 1, CW-205), FORM-4. The SSN is masked.
//
// Fields:
//   optionalLife.member.{name,memberId,ssn}     ssn masked
//   optionalLife.carried                         coverage carried while active
//   optionalLife.choice      radio: retain | reduce | cancel
//   optionalLife.elected                         coverage to keep in retirement
import { FORM_CODES, FORM_TITLES } from '../checklist';
import type { DocContext, DocumentMeta } from '../context';
import { mayRetainOver60000, optionalLifeProblem } from '../../../shared/domain/optional-life';
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
  const scenario = input.estimate.results.filter((r) => r.status !== 'not-eligible');
  const retain = scenario.some((r) => r.status === 'normal' && mayRetainOver60000(r.plan, r.normalRule));
  const carried = isAmount(ol?.carried) ? ol.carried : null;
  // FORM-4 checked on the form as at entry: an amount the rules refuse is not printed.
  const problem = isAmount(ol?.elected) ? optionalLifeProblem(ol.elected, carried, retain) : null;
  const elected = problem ? null : isAmount(ol?.elected) ? ol.elected : null;
  const w = new DocWriter(ctx, {
    ...OPTIONAL_LIFE_META,
    step: 'Step 1',
    subtitle: 'Optional life insurance you carry as an active employee may continue into retirement if you retire within 60 days of leaving state employment.',
  });
  w.section('Member');
  memberRows(w, 'optionalLife', input, { fullSsn: false });
  w.endRows();
  w.section('Coverage (FORM-4)');
  w.row([
    { label: 'Optional coverage carried while active', value: carried ? formatMoney(carried) : '', width: 1, field: 'optionalLife.carried', align: 'right' },
    { label: 'Coverage to keep in retirement', value: elected ? formatMoney(elected) : '', width: 1, field: 'optionalLife.elected', align: 'right' },
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
      selected: problem ? null : optionalLifeChoice(carried, elected),
    },
  ]);
  w.endRows();
  if (problem && ol?.elected) {
    w.notice(`The amount noted, ${formatMoney(ol.elected)}, ${problem}. Write the amount you choose above.`, 'warn', { title: 'Check the coverage amount', field: 'optionalLife.elected' });
  }
  w.bullet('Coverage in retirement is $1,000 to $60,000 in steps of $500, and never more than the amount carried while active.');
  w.bullet(
    retain
      ? 'Retiring under the Rule of 80 (MSEP 2000) or the Rule of 90 (MSEP 2011), you may keep all of coverage above $60,000 until age 62, when it drops to $60,000.'
      : 'Coverage above $60,000 may be kept only by MSEP 2000 members retiring under the Rule of 80 and MSEP 2011 members retiring under the Rule of 90; it does not apply to you on this retirement date.',
  );
  w.bullet('After retirement you may reduce or end your coverage but never increase it. Coverage you terminate cannot be reinstated later.');
  w.bullet('Premiums depend on your age and the coverage kept, may change each January, and are deducted from your monthly benefit.');
  memberSignature(w, 'I elect the optional life insurance coverage marked above.');
}
