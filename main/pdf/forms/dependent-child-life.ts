// Retain/Terminate Dependent Child Life Insurance (Step 1, CW-206), FORM-4 and the Retirement
// Guide ("Continuing Coverage for Dependent Children"). The SSN is masked. The caseload keeps no
// record of the member's children, so their rows are blank fields the member fills in.
//
// Fields:
//   dependentChild.member.{name,memberId,ssn}     ssn masked
//   dependentChild.choice        radio: retain | terminate (nothing preselected)
//   dependentChild.child{1..4}.{name,birthDate,relationship}
//   dependentChild.child{1..4}.disabled           check box: disabled, 26 or older
import { FORM_CODES, FORM_TITLES } from '../checklist';
import type { DocContext, DocumentMeta } from '../context';
import { formatDate } from '../format';
import type { DocumentInput } from '../types';
import { DocWriter } from '../writer';
import { memberRows, memberSignature } from './common';

export const DEPENDENT_CHILD_META: DocumentMeta = { kind: 'dependent-child-life', code: FORM_CODES['dependent-child-life'], title: FORM_TITLES['dependent-child-life'] };

/** Rows for children on the form; more children go on a copy of the page. */
export const CHILD_ROWS = 4;

export function addDependentChildLife(ctx: DocContext, input: DocumentInput): void {
  const firstPayment = input.estimate.results[0]?.deadlines.firstPaymentDate ?? null;
  const w = new DocWriter(ctx, {
    ...DEPENDENT_CHILD_META,
    step: 'Step 1',
    subtitle: `Complete only if you carry dependent child life insurance. MOSERS must receive it before your first benefit is paid${firstPayment ? ` (${formatDate(firstPayment)}, PROC-5)` : ''}.`,
  });
  w.section('Member');
  memberRows(w, 'dependentChild', input, { fullSsn: false });
  w.endRows();
  w.section('Election (FORM-4)');
  w.row([
    {
      kind: 'radio',
      label: 'Dependent child life insurance in retirement',
      width: 1,
      group: 'dependentChild.choice',
      options: [
        { value: 'retain', label: 'Retain the coverage for the children listed below' },
        { value: 'terminate', label: 'Terminate the coverage' },
      ],
      selected: null,
    },
  ]);
  w.endRows();
  w.section('Children to keep insured');
  for (let i = 1; i <= CHILD_ROWS; i++) {
    const p = `dependentChild.child${i}`;
    w.row([
      { label: `Child ${i}: full name`, value: '', width: 2.4, field: `${p}.name` },
      { label: 'Birth date', value: '', width: 1, field: `${p}.birthDate` },
      { label: 'Relationship', value: '', width: 1, field: `${p}.relationship` },
      { kind: 'checks', label: 'If 26 or older', width: 1.1, items: [{ field: `${p}.disabled`, label: 'Disabled', checked: false }] },
    ]);
  }
  w.endRows();
  w.bullet('Coverage is $10,000 for each child younger than 26, or older and disabled.');
  w.bullet('The premium is $2.00 a month in total, however many children are insured, deducted from your monthly benefit.');
  w.bullet('To keep the coverage, MOSERS must receive this form before your first benefit is paid. More than four children: list the others on a copy of this page.');
  memberSignature(w, 'I elect the dependent child life insurance coverage marked above.');
}
