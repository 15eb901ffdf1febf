// Issue 12 item 9, the Guide's form rules: optional life (FORM-4: $500 steps, $60,000, never
// more than carried, above $60,000 only under the Rule of 80/90 for MSEP 2000/2011, not offered
// to terminated-vested members), the spousal consent names the survivor amount given up, the
// BackDROP split totals 100% and the installments say when they are paid (BD-5), and the
// guaranteed-payment beneficiaries are designated in one place.
import { PDFDocument, type PDFRadioGroup, type PDFTextField } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildPacket } from '../../../main/pdf/packet';
import { splitShares } from '../../../main/pdf/forms/backdrop-distribution';
import { mayRetainOver60000, optionalLifeProblem } from '../../../shared/domain/optional-life';
import type { DocumentRange } from '../../../main/pdf/context';
import { richInput } from './fixtures';
import { flat, pdftotext } from './poppler';

function textOf(bytes: Uint8Array, docs: DocumentRange[], kind: DocumentRange['kind']): string {
  const d = docs.find((x) => x.kind === kind);
  if (!d) return '';
  return flat(pdftotext(bytes, { first: d.firstPage, last: d.lastPage }));
}

describe('FORM-4 optional life', () => {
  it('the rule: $1,000 to $60,000 in $500 steps, never above carried, more only under the Rule of 80/90', () => {
    expect(optionalLifeProblem('60000', '75000', false)).toBeNull();
    expect(optionalLifeProblem('0', '75000', false)).toBeNull();
    expect(optionalLifeProblem('60250', '75000', false)).toBe('must be in steps of $500');
    expect(optionalLifeProblem('500', '75000', false)).toMatch(/at least \$1,000/);
    expect(optionalLifeProblem('40000', '30000', false)).toMatch(/cannot be more than the coverage carried/);
    expect(optionalLifeProblem('75000', '75000', false)).toMatch(/cannot be more than \$60,000/);
    expect(optionalLifeProblem('75000', '75000', true)).toBeNull();
    expect(optionalLifeProblem('70000', '75000', true)).toMatch(/only the whole coverage/);
    expect(mayRetainOver60000('MSEP2000', 'RULE_OF_80')).toBe(true);
    expect(mayRetainOver60000('MSEP2011', 'RULE_OF_90')).toBe(true);
    expect(mayRetainOver60000('MSEP', 'AGE_60_15')).toBe(false);
    expect(mayRetainOver60000('MSEP2000', 'AGE_62_5')).toBe(false);
  });

  it('on the form: an amount the rules refuse is not printed, with the reason; the Guide\'s cautions', async () => {
    const input = richInput('msep-both-plans'); // MSEP, normal at 60 with 15 years: no retention
    input.member.optionalLife = { carried: '75000', elected: '75000' };
    input.member.process = null;
    const r = await buildPacket(input);
    const form = (await PDFDocument.load(r.bytes)).getForm();
    expect((form.getField('optionalLife.elected') as PDFTextField).getText() ?? '').toBe('');
    expect((form.getField('optionalLife.choice') as PDFRadioGroup).getSelected()).toBeUndefined();
    const text = textOf(r.bytes, r.documents, 'optional-life');
    expect(text).toContain('The amount noted, $75,000.00, cannot be more than $60,000');
    expect(text).toContain('never increase it. Coverage you terminate cannot be reinstated later.');
    expect(text).toContain('does not apply to you on this retirement date');
  });

  it('under the Rule of 80 (MSEP 2000) the whole coverage above $60,000 may be kept', async () => {
    const input = richInput('msep2000-rule80-backdrop');
    input.member.optionalLife = { carried: '75000', elected: '75000' };
    input.member.process = null;
    const r = await buildPacket(input);
    const form = (await PDFDocument.load(r.bytes)).getForm();
    expect((form.getField('optionalLife.elected') as PDFTextField).getText()).toBe('$75,000.00');
    expect(textOf(r.bytes, r.documents, 'optional-life')).toContain('you may keep all of coverage above $60,000 until age 62');
  });

  it('is not offered to a terminated-vested member', async () => {
    const input = richInput('terminated-vested');
    input.member.process = null;
    const r = await buildPacket(input);
    expect(r.documents.map((d) => d.kind)).not.toContain('optional-life');
  });
});

describe('BD-5 BackDROP distribution', () => {
  it('the split shares total 100%: 140% cash is refused, not printed as -40% rolled over', async () => {
    expect(splitShares('40')).toEqual({ cash: '40', rollover: '60' });
    expect(splitShares('140')).toBeNull();
    expect(splitShares('0')).toBeNull();
    expect(splitShares('100')).toBeNull();
    const input = richInput('msep2000-rule80-backdrop');
    input.member.backdropDistribution = { method: 'split', cashPercent: '140' };
    input.member.process = null;
    const r = await buildPacket(input);
    const form = (await PDFDocument.load(r.bytes)).getForm();
    expect((form.getField('backdropDistribution.split.rolloverPercent') as PDFTextField).getText() ?? '').toBe('');
    expect((form.getField('backdropDistribution.split.cashPercent') as PDFTextField).getText() ?? '').toBe('');
    const text = textOf(r.bytes, r.documents, 'backdrop-distribution');
    expect(text).not.toContain('-40%');
    expect(text).toContain('The cash share noted, 140%, is not a split');
    expect(text).toContain('Three annual installments: the first with your first monthly benefit payment, the others one and two years later.');
  });
});

describe('OPT-7 spousal consent and the beneficiaries', () => {
  it('the consent names the survivor amount given up, for the scenario; guaranteed-payment beneficiaries only on the election form', async () => {
    const input = richInput('msep2000-rule80-backdrop');
    input.member.process = null;
    const r = await buildPacket(input);
    const res = input.estimate.results[0]!;
    const p12 = res.backdrop.periods.find((p) => p.selected)!;
    const js50 = p12.options.find((o) => o.code === 'JS50')!.survivorMonthly!;
    const dollars = `$${js50.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
    const consent = textOf(r.bytes, r.documents, 'spousal-consent');
    expect(consent).toContain(`you would receive for life after the member's death: ${dollars} a month (50% Joint & Survivor)`);
    expect(consent).toContain('with the 12-month BackDROP');
    const names = (await PDFDocument.load(r.bytes)).getForm().getFields().map((f) => f.getName());
    expect(names.filter((n) => n.startsWith('beneficiaries.guaranteedPayments') || n.startsWith('beneficiaries.finalPayment'))).toEqual([]);
    expect(names).toContain('election.beneficiary.primary[0].name');
    expect(textOf(r.bytes, r.documents, 'beneficiary-life-insurance')).toContain('are named on the Personalized Retirement Election Form (CW-300), section 1');
  });
});
