// The Counselor Worksheet (CW-900): how every figure of the Benefit Estimate Statement was
// derived, for the counselor: each plan's trace and notes with their rule ids (RULES.md), the
// option factors with their basis ids, and the engine's codes. Kept apart from the member's
// statement, which speaks plain words; the counselor may add it to the packet (`worksheet`).
import type { PlanResult } from '../../shared/domain/estimate-schema';
import { TYPE, type DocContext, type DocumentMeta } from './context';
import { documentText, formatDate, planLabel } from './format';
import type { BuildOptions, DocumentInput } from './types';
import { DocWriter } from './writer';

export const WORKSHEET_META: DocumentMeta = { kind: 'worksheet', code: 'CW-900', title: 'Counselor Worksheet: How the Figures Were Derived' };

function optionRows(res: PlanResult): { cells: string[] }[] {
  const base = res.options.map((o) => ({ cells: ['At retirement', o.code, o.factor, documentText(o.monthly), o.basis] }));
  const periods = res.backdrop.periods.flatMap((p) => p.options.map((o) => ({ cells: [`BackDROP ${p.months} months`, o.code, o.factor, documentText(o.monthly), o.basis] })));
  return [...base, ...periods];
}

export function addCounselorWorksheet(ctx: DocContext, input: DocumentInput, opts: BuildOptions = {}): void {
  const { estimate } = input;
  const prepared = opts.preparedOn ?? estimate.asOf;
  const w = new DocWriter(ctx, {
    ...WORKSHEET_META,
    subtitle: `For the counselor. Estimate of ${formatDate(prepared)} for retirement on ${formatDate(estimate.retirementDate)} · facts as of ${formatDate(estimate.asOf)} · engine version ${estimate.engineVersion}. Rule ids refer to the workstation's rule book.`,
  });
  for (const res of estimate.results) {
    const plan = planLabel(res.plan);
    w.section(`${plan}: engine result`);
    w.table(
      [
        { header: 'Field', width: 2 },
        { header: 'Value', width: 5 },
      ],
      [
        { cells: ['plan', res.plan] },
        { cells: ['status', res.status] },
        { cells: ['normalRule', res.normalRule ?? '—'] },
        { cells: ['firstNormalRule', res.firstNormalRule ?? '—'] },
        { cells: ['ageAtRetirement', `${res.ageAtRetirement.years}y${res.ageAtRetirement.months}m`] },
        { cells: ['serviceMonths', `eligibility ${res.serviceMonths.eligibility}, sick leave ${res.serviceMonths.sickLeave}, benefit ${res.serviceMonths.benefit}`] },
        { cells: ['earlyReduction', `${res.earlyReduction.months} months, factor ${res.earlyReduction.factor}`] },
      ],
      { size: TYPE.small, field: 'worksheet.result' },
    );
    w.section(`${plan}: option factors and bases (OPT-3 to OPT-6, BD-3)`);
    w.table(
      [
        { header: 'When', width: 1.6 },
        { header: 'Option', width: 0.9 },
        { header: 'Factor', width: 0.9, align: 'right' },
        { header: 'Monthly', width: 1.2, align: 'right' },
        { header: 'Basis id', width: 2.4 },
      ],
      optionRows(res),
      { size: TYPE.small, field: 'worksheet.options' },
    );
    w.section(`${plan}: how the figures were derived`);
    w.table(
      [
        { header: 'Rule', width: 0.9 },
        { header: 'Step', width: 8 },
      ],
      res.trace.map((t) => ({ cells: [t.rule, documentText(t.text)] })),
      { size: TYPE.small, field: 'trace' },
    );
    w.section(`${plan}: notes and assumptions`);
    if (res.notes.length === 0) w.paragraph('None.');
    else
      w.table(
        [
          { header: 'Rule', width: 0.9 },
          { header: 'Note', width: 8 },
        ],
        res.notes.map((n) => ({ cells: [n.rule, documentText(n.text)] })),
        { size: TYPE.small, field: 'notes' },
      );
  }
}
