// Tax Withholding Election, Substitute W-4P (Step 1, CW-203). The SSN prints in full (required
// for federal withholding).
//
// Fields:
//   w4p.member.{name,memberId,ssn,address}      ssn in full
//   w4p.filingStatus          radio: single | married-joint | head-of-household
//   w4p.otherIncome, w4p.deductions, w4p.extraWithholding    amounts
//   w4p.noWithholding         checkbox
//   w4p.startDate             the first day of a month; never retroactive (the Guide)
//   w4p.missouri.choice       radio: withhold | none          Missouri income tax
//   w4p.missouri.filingStatus radio: single | married-joint | head-of-household
//   w4p.missouri.extraWithholding  amount
import { FORM_CODES, FORM_TITLES } from '../checklist';
import { TYPE, type DocContext, type DocumentMeta } from '../context';
import { formatDate, formatMoney } from '../format';
import type { DocumentInput } from '../types';
import { DocWriter } from '../writer';
import { addressText, memberRows, memberSignature } from './common';

export const W4P_META: DocumentMeta = { kind: 'w4p', code: FORM_CODES.w4p, title: FORM_TITLES.w4p };

const amount = (v: string | null | undefined): string => (v && /^-?\d+(\.\d{1,2})?$/.test(v) ? formatMoney(v) : (v ?? ''));

export function addW4p(ctx: DocContext, input: DocumentInput): void {
  const m = input.member;
  const wh = m.withholding ?? null;
  const w = new DocWriter(ctx, {
    ...W4P_META,
    step: 'Step 1',
    subtitle:
      'Federal and Missouri income tax withholding from your monthly benefit. If you choose no federal withholding option, MOSERS must withhold federal tax as if you elected married with three allowances.',
  });
  w.section('Member');
  memberRows(w, 'w4p', input, { fullSsn: true });
  w.row([{ label: 'Mailing address', value: addressText(m.address), width: 1, field: 'w4p.member.address', multiline: true }], { minHeight: 36 });
  w.endRows();
  w.section('Federal income tax withholding');
  w.row([
    {
      kind: 'radio',
      label: 'Filing status',
      width: 1,
      group: 'w4p.filingStatus',
      options: [
        { value: 'single', label: 'Single or married filing separately' },
        { value: 'married-joint', label: 'Married filing jointly' },
        { value: 'head-of-household', label: 'Head of household' },
      ],
      selected: wh?.filingStatus ?? null,
    },
  ]);
  w.row([
    { label: 'Other income, yearly (not from jobs)', value: amount(wh?.otherIncome), width: 1, field: 'w4p.otherIncome', align: 'right' },
    { label: 'Deductions, yearly', value: amount(wh?.deductions), width: 1, field: 'w4p.deductions', align: 'right' },
    { label: 'Extra withholding each month', value: amount(wh?.extraWithholding), width: 1, field: 'w4p.extraWithholding', align: 'right' },
  ]);
  w.row([{ kind: 'checks', label: 'No withholding', width: 1, items: [{ field: 'w4p.noWithholding', label: 'I elect no federal income tax withholding', checked: wh?.noWithholding === true }] }]);
  w.endRows();

  // Missouri: MOSERS withholds state income tax for Missouri only (the Guide, Substitute W-4P).
  const mo = wh?.missouri ?? null;
  w.section('Missouri income tax withholding');
  w.row([
    {
      kind: 'radio',
      label: 'Missouri withholding',
      width: 1,
      group: 'w4p.missouri.choice',
      options: [
        { value: 'withhold', label: 'Withhold Missouri income tax' },
        { value: 'none', label: 'Do not withhold Missouri income tax' },
      ],
      selected: mo?.withhold === true ? 'withhold' : mo?.withhold === false ? 'none' : null,
    },
  ]);
  w.row([
    {
      kind: 'radio',
      label: 'Missouri filing status',
      width: 2.4,
      group: 'w4p.missouri.filingStatus',
      options: [
        { value: 'single', label: 'Single or married filing separately' },
        { value: 'married-joint', label: 'Married filing jointly' },
        { value: 'head-of-household', label: 'Head of household' },
      ],
      selected: mo?.filingStatus ?? null,
    },
    { label: 'Extra Missouri withholding each month', value: amount(mo?.extraWithholding), width: 1, field: 'w4p.missouri.extraWithholding', align: 'right' },
  ]);
  w.endRows();
  w.paragraph(
    'MOSERS does not withhold tax for any state other than Missouri; if you live elsewhere, ask that state whether your benefit is taxed. You may be able to deduct part or all of a public pension from your Missouri income (search for "pension exemption" on www.dor.mo.gov).',
    { size: TYPE.small },
  );

  // The Guide: the start date is the first day of a month and cannot be retroactive.
  w.section('When withholding starts');
  w.row([
    { label: 'Start date (the first day of a month)', value: wh?.startDate ? formatDate(wh.startDate) : '', width: 1, field: 'w4p.startDate' },
    { label: 'Your retirement date', value: formatDate(input.estimate.retirementDate), width: 1, path: 'retirementDate' },
  ]);
  w.endRows();
  w.paragraph(
    `Withholding begins on the first day of the month you write here; it cannot be retroactive. To withhold from your first payment, write your retirement date, ${formatDate(input.estimate.retirementDate)}. You may change this election at any time.`,
    { size: TYPE.small },
  );
  memberSignature(w, 'Under penalties of perjury, I declare that this election is correct. It stays in effect until I change it.');
}
