// Tax Withholding Election, Substitute W-4P (Step 1, CW-203). The SSN prints in full (required
// for federal withholding).
//
// Fields:
//   w4p.member.{name,memberId,ssn,address}      ssn in full
//   w4p.filingStatus          radio: single | married-joint | head-of-household
//   w4p.otherIncome, w4p.deductions, w4p.extraWithholding    amounts
//   w4p.noWithholding         checkbox
import { FORM_CODES, FORM_TITLES } from '../checklist';
import type { DocContext, DocumentMeta } from '../context';
import { formatMoney } from '../format';
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
    subtitle: 'Federal income tax withholding from your monthly benefit. Without this form, withholding is figured as for a single filer with no adjustments.',
  });
  w.section('Member');
  memberRows(w, 'w4p', input, { fullSsn: true });
  w.row([{ label: 'Mailing address', value: addressText(m.address), width: 1, field: 'w4p.member.address', multiline: true }], { minHeight: 36 });
  w.endRows();
  w.section('Withholding election');
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
  memberSignature(w, 'Under penalties of perjury, I declare that this election is correct. It stays in effect until I change it.');
}
