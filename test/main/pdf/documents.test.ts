// The documents for every example case, parsed back: page counts, every form field by name and
// value (pdf-lib), the estimate's figures and dates in the text (pdftotext), page footers, and
// the SSN printed in full only on the forms that require it.
import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../../shared/domain/estimate-schema';
import { OPTION_CODES } from '../../../shared/domain/estimate-schema';
import { buildEstimateAndElection, buildPacket } from '../../../main/pdf/packet';
import type { DocumentRange } from '../../../main/pdf/context';
import { electionFields, packetFields } from './expected-fields';
import { readFields } from './fields';
import { EXAMPLE_NAMES, plainInput, richInput } from './fixtures';
import { flat, pdftotext } from './poppler';
import { estimateOf, makeCase } from '../../fixtures/cases';
import { caseSchema } from '../../../shared/domain/case-schema';
import { pricers } from '../../../main/services/pricers';
import { documentMemberFromCase } from '../../../main/pdf/types';

// Page counts, looked at page by page in /tmp/pdf-look (see render.test.ts).
const PAGES: Record<string, { estimateAndElection: number; packet: number; packetAllOpen: number }> = {
  'msep-both-plans': { estimateAndElection: 5, packet: 14, packetAllOpen: 15 },
  'msep2000-rule80-backdrop': { estimateAndElection: 4, packet: 13, packetAllOpen: 14 },
  'msep2011-early': { estimateAndElection: 3, packet: 12, packetAllOpen: 13 },
  'terminated-vested': { estimateAndElection: 3, packet: 9, packetAllOpen: 10 },
};

// Formatting written out here, independently of main/pdf/format.ts.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function dollars(amount: string): string {
  const [whole = '', cents = ''] = amount.split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** Every money figure of the estimate JSON. */
function moneyFigures(e: Estimate): string[] {
  const out: string[] = [];
  const push = (v: string | null | undefined) => {
    if (v) out.push(v);
  };
  for (const r of e.results) {
    push(r.finalAveragePay);
    push(r.baseBenefit);
    push(r.lifeIncomeAnnuity);
    push(r.temporaryBenefit?.monthly);
    push(r.preRetirementDeath?.spouseMonthly);
    for (const o of r.options) {
      push(o.monthly);
      push(o.survivorMonthly);
    }
    for (const p of r.backdrop.periods) {
      push(p.finalAveragePay);
      push(p.lifeIncomeAnnuity);
      push(p.temporaryMonthly);
      push(p.monthlyAtRetirement);
      push(p.lumpSum);
      for (const o of p.options) {
        push(o.monthly);
        push(o.survivorMonthly);
      }
    }
  }
  return [...new Set(out)];
}

function deadlines(e: Estimate): string[] {
  return [...new Set(e.results.flatMap((r) => Object.values(r.deadlines)))];
}

/** The option codes the estimate offers, in the canonical order (the election radio's options). */
function offeredCodes(e: Estimate): string[] {
  const eligible = e.results.filter((r) => r.status !== 'not-eligible');
  return OPTION_CODES.filter((c) => eligible.some((r) => r.options.some((o) => o.code === c)));
}

function pagesOf(docs: DocumentRange[], kind: DocumentRange['kind']): number[] {
  const r = docs.find((d) => d.kind === kind);
  if (!r) return [];
  return Array.from({ length: r.lastPage - r.firstPage + 1 }, (_, i) => r.firstPage + i);
}

/** "Page N of M" as the footer of page `p` prints it: counted within its own form. */
function formPage(docs: DocumentRange[], p: number): string {
  const d = docs.find((x) => x.firstPage <= p && p <= x.lastPage);
  return d ? `Page ${p - d.firstPage + 1} of ${d.lastPage - d.firstPage + 1}` : `page ${p} in no document`;
}

function pageTexts(bytes: Uint8Array, count: number): string[] {
  const all = pdftotext(bytes);
  const pages = all.split('\f');
  expect(pages.length).toBeGreaterThanOrEqual(count);
  return pages.slice(0, count).map(flat);
}

describe.each(EXAMPLE_NAMES)('documents for %s', (name) => {
  it('estimate statement and election form: pages, every field, every figure and date', async () => {
    const input = plainInput(name);
    const r = await buildEstimateAndElection(input);
    expect(r.pageCount).toBe(PAGES[name]?.estimateAndElection);
    expect(r.documents.map((d) => d.kind)).toEqual(['estimate', 'election-form']);

    expect(await readFields(r.bytes)).toEqual(electionFields(name, offeredCodes(input.estimate), false));

    const pages = pageTexts(r.bytes, r.pageCount);
    const estimateText = pagesOf(r.documents, 'estimate')
      .map((p) => pages[p - 1])
      .join(' ');
    const figures = moneyFigures(input.estimate);
    expect(figures.length).toBeGreaterThan(3);
    for (const amount of figures) expect(estimateText, `estimate statement shows ${dollars(amount)}`).toContain(dollars(amount));
    for (const d of deadlines(input.estimate)) expect(estimateText, `estimate statement shows ${longDate(d)}`).toContain(longDate(d));
    // Marked as an estimate, with the date prepared and the engine version.
    expect(estimateText).toContain('ESTIMATE — not a guarantee of benefits');
    expect(estimateText).toContain(`Prepared ${longDate(input.estimate.asOf)}`);
    expect(estimateText).toContain(`engine version ${input.estimate.engineVersion}`);
    // The derivation is on the counselor worksheet, not the member's statement (plain-statement.test.ts).
    expect(estimateText).toContain('Your counselor has a worksheet showing how each figure was derived');
    // No ISO date or bare amount slips through: dates print long, amounts with a dollar sign.
    expect(estimateText).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);

    // The election form: its due date and every amount offered.
    const electionText = pagesOf(r.documents, 'election-form')
      .map((p) => pages[p - 1])
      .join(' ');
    const first = input.estimate.results[0];
    expect(electionText).toContain(`Due ${longDate(first?.deadlines.electionDue ?? '')}`);
    for (const res of input.estimate.results.filter((x) => x.status !== 'not-eligible')) {
      // The options of the scenario the form names: with its BackDROP period when it has one.
      const scenario = res.backdrop.eligible ? res.backdrop.periods.find((p) => p.selected) : undefined;
      for (const o of scenario?.options ?? res.options) expect(electionText).toContain(dollars(o.monthly));
      for (const p of res.backdrop.periods) {
        expect(electionText).toContain(dollars(p.lumpSum));
        expect(electionText).toContain(dollars(p.monthlyAtRetirement));
      }
    }

    // "Page N of M" of each form and the member's name on every page.
    const member = input.member.fullName ?? '';
    pages.forEach((t, i) => {
      expect(t).toContain(formPage(r.documents, i + 1));
      expect(t).toContain(member);
    });
  });

  it('full packet with every form open: every field of every form by name and value', async () => {
    const input = richInput(name);
    input.member.process = null;
    const r = await buildPacket(input);
    expect(r.pageCount).toBe(PAGES[name]?.packetAllOpen);
    expect(await readFields(r.bytes)).toEqual(packetFields(name, offeredCodes(input.estimate)));
  });

  it('full packet: cover checklist, order, page footers and SSNs masked except where required', async () => {
    const input = richInput(name);
    const progress: string[] = [];
    const r = await buildPacket(input, { onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.step}`) });
    expect(r.pageCount).toBe(PAGES[name]?.packet);
    expect(progress.at(-1)).toMatch(/^(\d+)\/\1 pdf$/);

    const kinds = r.documents.map((d) => d.kind);
    expect(kinds.slice(0, 3)).toEqual(['cover', 'estimate', 'election-form']);
    // Received forms are left out (direct deposit is received in the fixture); open ones follow.
    expect(kinds).not.toContain('direct-deposit');
    expect(kinds).toEqual(expect.arrayContaining(['retirement-application', 'w4p', 'beneficiary-life-insurance', 'release-information', 'designation-of-agent']));
    // FORM-4: optional life continues only for a member retiring from active employment.
    expect(kinds.includes('optional-life')).toBe(name !== 'terminated-vested');
    expect(kinds.includes('spousal-consent')).toBe(input.member.spouse !== null);
    expect(kinds.includes('backdrop-distribution')).toBe(input.estimate.results.some((x) => x.backdrop.eligible));
    expect(r.documents.at(-1)?.lastPage).toBe(r.pageCount);

    const pages = pageTexts(r.bytes, r.pageCount);
    const name_ = 'Whitfield|Oyelaran|Fenwick|Landry';
    pages.forEach((t, i) => {
      expect(t).toContain(formPage(r.documents, i + 1));
      expect(t).toMatch(new RegExp(name_));
    });

    // The cover: forms done and missing, proof documents still needed, each due date.
    const cover = pagesOf(r.documents, 'cover').map((p) => pages[p - 1]).join(' ');
    const d = input.estimate.results[0]?.deadlines;
    expect(cover).toContain('CW-202 Direct Deposit Authorization Required Received');
    expect(cover).toMatch(/CW-203 Tax Withholding Election \(Substitute W-4P\) Required In progress/);
    expect(cover).toContain(`CW-201 Retirement Application Required Not started ${longDate(d?.applicationDue ?? '')}`);
    expect(cover).toContain(`CW-300 Personalized Retirement Election Form Required Not started ${longDate(d?.electionDue ?? '')}`);
    expect(cover).toContain("Member's proof of age and lawful presence Received: U.S. passport");
    if (input.member.spouse) {
      expect(cover).toContain(`Spouse's proof of age and lawful presence Still needed ${longDate(d?.applicationDue ?? '')}`);
      expect(cover).toContain(`Marriage certificate Still needed ${longDate(d?.applicationDue ?? '')}`);
    }
    expect(cover).toContain(longDate(d?.voidAfter ?? ''));
    expect(cover).toContain('December 8, 2026 at 10:30');

    // SSNs: masked on the cover and the estimate; in full only on the application, the W-4P and
    // the beneficiary designations.
    const fullOn = new Set([...pagesOf(r.documents, 'retirement-application'), ...pagesOf(r.documents, 'w4p'), ...pagesOf(r.documents, 'beneficiary-life-insurance')]);
    for (const p of [...pagesOf(r.documents, 'cover'), ...pagesOf(r.documents, 'estimate').slice(0, 1), ...pagesOf(r.documents, 'election-form').slice(0, 1)]) {
      expect(pages[p - 1], `page ${p} shows the masked SSN`).toContain('***-**-6789');
    }
    expect(pages[(pagesOf(r.documents, 'beneficiary-life-insurance')[0] ?? 0) - 1]).toContain('234-56-7890');
    for (const kind of ['retirement-application', 'w4p', 'beneficiary-life-insurance'] as const) {
      const first = pagesOf(r.documents, kind)[0] ?? 0;
      expect(pages[first - 1], `${kind} shows the full SSN`).toContain('123-45-6789');
    }
    pages.forEach((t, i) => {
      const page = i + 1;
      if (!fullOn.has(page)) expect(t, `page ${page}: full SSN only on forms that require it`).not.toContain('123-45-6789');
      expect(t).not.toContain('123456789');
    });
    const application = pagesOf(r.documents, 'retirement-application');
    pages.forEach((t, i) => {
      if (input.member.spouse) expect(t.includes('987-65-4320'), `page ${i + 1}: spouse SSN`).toBe(application.includes(i + 1));
      if (t.includes('234-56-7890')) expect(pagesOf(r.documents, 'beneficiary-life-insurance'), `page ${i + 1}: beneficiary SSN`).toContain(i + 1);
    });
  });
});

describe('documents for edge cases', () => {
  it('a member not eligible on the date: no amounts, no option to mark, no election form (ELIG-5)', async () => {
    const raw = makeCase({ member: { name: 'Nora Eligible-Not', birthDate: '1980-01-01', firstEmploymentDate: '2020-01-01' }, service: { earnedMonths: 80 } });
    const estimate = estimateOf(raw, pricers());
    expect(estimate.results.map((x) => x.status)).toEqual(['not-eligible']);
    const c = caseSchema.parse(raw);
    const member = documentMemberFromCase(c);
    member.process = { forms: [{ form: 'dependent-child-life', status: 'not-started' }] };
    const r = await buildPacket({ estimate, member, case: c });
    const fields = await readFields(r.bytes);
    expect(fields['election.option']).toBeUndefined();
    expect(fields['election.backdrop']).toBeUndefined();
    const text = flat(pdftotext(r.bytes));
    expect(text).toContain('Not eligible to retire under MSEP 2011 on June 1, 2027: no benefit amounts are shown for this plan.');
    expect(text).toContain('You cannot retire on June 1, 2027');
    expect(r.documents.map((d) => d.kind)).toEqual(['cover', 'estimate']);
  });

  it('the dependent child life form, when the counselor marks it as applying: listed with its pages, the choice left to the member, four blank child rows, the first payment date (FORM-4, PROC-5)', async () => {
    const raw = makeCase({ member: { name: 'Rosa Delgado-Parr' }, retirementDate: '2027-06-01' });
    const estimate = estimateOf(raw, pricers());
    const c = caseSchema.parse(raw);
    const member = documentMemberFromCase(c);
    member.memberId = 'M0440123';
    member.ssn = '123456789';
    member.process = { forms: [{ form: 'dependent-child-life', status: 'not-started' }] };
    const r = await buildPacket({ estimate, member, case: c });
    const child = r.documents.find((d) => d.kind === 'dependent-child-life');
    expect(child).toMatchObject({ code: 'CW-206', title: 'Retain/Terminate Dependent Child Life Insurance' });
    const fields = await readFields(r.bytes);
    const mine = Object.fromEntries(Object.entries(fields).filter(([k]) => k.startsWith('dependentChild.')));
    const blankChild = (i: number) => ({
      [`dependentChild.child${i}.name`]: '',
      [`dependentChild.child${i}.birthDate`]: '',
      [`dependentChild.child${i}.relationship`]: '',
      [`dependentChild.child${i}.disabled`]: false,
    });
    expect(mine).toEqual({
      'dependentChild.member.name': 'Rosa Delgado-Parr',
      'dependentChild.member.memberId': 'M0440123',
      'dependentChild.member.ssn': '***-**-6789',
      'dependentChild.choice': { selected: null, options: ['retain', 'terminate'] },
      ...blankChild(1),
      ...blankChild(2),
      ...blankChild(3),
      ...blankChild(4),
    });
    const firstPayment = estimate.results[0]!.deadlines.firstPaymentDate;
    const [y, m, d] = firstPayment.split('-').map(Number) as [number, number, number];
    const text = flat(pdftotext(r.bytes));
    expect(text).toContain(`MOSERS must receive it before your first benefit is paid (${MONTHS[m - 1]} ${d}, ${y}, PROC-5)`);
    expect(text).toContain('$2.00 a month in total');
    // The cover lists it as in the packet with its page count, like every other open form.
    const n = child!.lastPage - child!.firstPage + 1;
    const pages = `Yes, ${n} ${n === 1 ? 'page' : 'pages'}`;
    expect(text).toMatch(new RegExp(`CW-206 Retain/Terminate Dependent Child Life Insurance If applicable Not started \\w+ \\d+, \\d{4} ${pages}`));
    expect(text).not.toContain('Ask MOSERS');
  });
});
