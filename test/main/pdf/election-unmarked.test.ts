// Issue 12 item 1 (blocker): an election is the member's own act. Every choice on the
// Personalized Retirement Election Form (plan PLAN-1, BackDROP period BD-1, payment option OPT)
// prints unmarked, fillable and flattened, also when the case names a BackDROP period; the
// scenario the figures were computed for is stated in words. Item 3: under a BackDROP the
// temporary benefit quoted is the BD-3 amount at retirement, equal to the estimate's.
import { PDFCheckBox, PDFDocument, PDFName, PDFRadioGroup } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { estimateFromInput } from '../../../shared/calc/run';
import { caseSchema } from '../../../shared/domain/case-schema';
import type { DocumentRange } from '../../../main/pdf/context';
import { buildEstimateAndElection, buildPacket } from '../../../main/pdf/packet';
import type { DocumentInput } from '../../../main/pdf/types';
import { pricers } from '../../../main/services/pricers';
import { widgetRects } from './fields';
import { loadExample, richInput, richMember } from './fixtures';
import { darkest, flat, pdftotext, renderGray } from './poppler';

/** An example case with its BackDROP period changed (or set), as the member record would give. */
function withBackdrop(name: string, months: number | null): DocumentInput {
  const ex = loadExample(name);
  const raw = { ...(ex.raw as Record<string, unknown>), backdrop: months === null ? null : { months } };
  const r = estimateFromInput(raw, pricers());
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  const c = caseSchema.parse(raw);
  return { estimate: r.value, member: richMember(c), case: c };
}

const CASES: [string, () => DocumentInput][] = [
  // BD-1: the case file names a 12-month BackDROP (the old form pre-marked it).
  ['msep2000-rule80-backdrop (12-month BackDROP)', () => richInput('msep2000-rule80-backdrop')],
  ['msep2000-rule80-backdrop (24-month BackDROP)', () => withBackdrop('msep2000-rule80-backdrop', 24)],
  // PLAN-1: a plan choice, with and without a BackDROP period.
  ['msep-both-plans (plan choice)', () => richInput('msep-both-plans')],
  ['msep-both-plans (plan choice, 24-month BackDROP)', () => withBackdrop('msep-both-plans', 24)],
  ['msep2011-early (options only)', () => richInput('msep2011-early')],
];

function electionPages(docs: DocumentRange[]): number[] {
  const r = docs.find((d) => d.kind === 'election-form');
  if (!r) throw new Error('no election form');
  return Array.from({ length: r.lastPage - r.firstPage + 1 }, (_, i) => r.firstPage + i);
}

describe.each(CASES)('election form for %s', (_label, make) => {
  it('every radio and check box is Off in the AcroForm, and the scenario is stated in words', async () => {
    const input = make();
    const r = await buildPacket(input);
    const doc = await PDFDocument.load(r.bytes);
    const buttons = doc
      .getForm()
      .getFields()
      .filter((f) => f.getName().startsWith('election.') && (f instanceof PDFRadioGroup || f instanceof PDFCheckBox));
    // The plan (PLAN-1, MSEP only), the BackDROP (BD-1, when eligible) and the option (OPT).
    const names = buttons.map((b) => b.getName()).sort();
    expect(names).toContain('election.option');
    if (input.estimate.results.length > 1) expect(names).toContain('election.plan');
    if (input.estimate.results.some((x) => x.backdrop.eligible)) expect(names).toContain('election.backdrop');
    for (const b of buttons) {
      if (b instanceof PDFRadioGroup) expect(b.getSelected(), b.getName()).toBeUndefined();
      else expect((b as PDFCheckBox).isChecked(), b.getName()).toBe(false);
      expect(b.acroField.dict.get(PDFName.of('V')), `${b.getName()} has no value`).toBeUndefined();
      for (const w of b.acroField.getWidgets()) expect(w.getAppearanceState()?.toString(), `${b.getName()} widget state`).toBe('/Off');
    }

    const pages = pdftotext(r.bytes).split('\f');
    const text = electionPages(r.documents)
      .map((p) => flat(pages[p - 1] ?? ''))
      .join(' ');
    const period = input.estimate.results.flatMap((x) => x.backdrop.periods.filter((p) => p.selected))[0];
    const expected = `Figures shown for: retirement ${input.estimate.retirementDate === '2027-05-01' ? 'May 1, 2027' : ''}`;
    expect(text).toContain('Figures shown for: retirement ');
    if (input.estimate.retirementDate === '2027-05-01') expect(text).toContain(expected);
    if (period) expect(text).toMatch(new RegExp(`Figures shown for: retirement [A-Za-z]+ \\d+, \\d{4}, ${period.months}-month BackDROP`));
    expect(text).toContain('Nothing on this form is marked for you');
  });

  it('flattened: no mark is drawn in any election button', async () => {
    const input = make();
    const fillable = await buildPacket(input);
    const flattened = await buildPacket(input, { flatten: true });
    const rects = await widgetRects(fillable.bytes);
    const pages = new Set(electionPages(fillable.documents).map((p) => p - 1));
    const renders = new Map<number, ReturnType<typeof renderGray>>();
    let checked = 0;
    for (const [name, widgets] of Object.entries(rects)) {
      if (!/^election\.(plan|backdrop|option)$/.test(name)) continue;
      for (const [i, rect] of widgets.entries()) {
        expect(pages.has(rect.page), `${name}[${i}] on the election form`).toBe(true);
        let g = renders.get(rect.page);
        if (!g) {
          g = renderGray(flattened.bytes, rect.page + 1, 144);
          renders.set(rect.page, g);
        }
        expect(darkest(g, rect, 2.5), `${name}[${i}] blank after flattening`).toBeGreaterThan(200);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});

describe('BD-3: the temporary benefit under a BackDROP (msep2000-rule80-backdrop)', () => {
  it('the election form and the statement quote the estimate\'s temporary benefit at retirement, $1,270.02 for 12 months', async () => {
    const input = richInput('msep2000-rule80-backdrop');
    const res = input.estimate.results[0];
    const p12 = res?.backdrop.periods.find((p) => p.months === 12);
    // The estimate's figures (BD-3 trace): $1,294.59 without a BackDROP, $1,270.02 with 12 months.
    expect(res?.temporaryBenefit?.monthly).toBe('1294.59');
    expect(p12?.temporaryAtRetirement).toBe('1270.02');
    expect(p12?.selected).toBe(true);

    const r = await buildEstimateAndElection(input);
    const pages = pdftotext(r.bytes).split('\f').map(flat);
    const election = electionPages(r.documents)
      .map((p) => pages[p - 1] ?? '')
      .join(' ');
    expect(election).toContain('With the 12-month BackDROP, a temporary benefit of $1,270.02 a month is paid');
    expect(election).not.toContain('A temporary benefit of $1,294.59 a month is paid');
    expect(election).toContain('Without a BackDROP it is $1,294.59 a month');
    // Each period's BD-3 amount in the BackDROP choice table.
    for (const p of res?.backdrop.periods ?? []) {
      expect(p.temporaryAtRetirement).not.toBeNull();
      const dollars = `$${(p.temporaryAtRetirement ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
      expect(election, `${p.months} months`).toContain(dollars);
    }
    const statementRange = r.documents.find((d) => d.kind === 'estimate');
    const statement = pages.slice((statementRange?.firstPage ?? 1) - 1, statementRange?.lastPage).join(' ');
    expect(statement).toContain('Temporary at retirement');
    expect(statement).toContain('$1,270.02');
  });
});
