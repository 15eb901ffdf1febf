// BackDROP Distribution Form (Step 2, CW-301), BD-5. The SSN is masked.
//
// Fields:
//   backdropDistribution.member.{name,memberId,ssn}          ssn masked
//   backdropDistribution.period, backdropDistribution.lumpSum   blank: the member writes the period
//                                 marked on CW-300 (the scenario is stated in words)
//   backdropDistribution.method   radio: cash | rollover | split | installments (installments while
//                                 the plan provision allows them, BD-5)
//   backdropDistribution.split.cashPercent, backdropDistribution.split.rolloverPercent
//   backdropDistribution.rollover.institution, backdropDistribution.rollover.account
import { Decimal } from '../../../shared/calc/decimal';
import { FORM_CODES, FORM_TITLES } from '../checklist';
import type { DocContext, DocumentMeta } from '../context';
import { formatDate, formatMoney, planLabel, scenarioText } from '../format';
import type { DocumentInput } from '../types';
import { DocWriter } from '../writer';
import { memberRows, memberSignature } from './common';

export const BACKDROP_META: DocumentMeta = { kind: 'backdrop-distribution', code: FORM_CODES['backdrop-distribution'], title: FORM_TITLES['backdrop-distribution'] };

export type BackdropFormOptions = { installments?: boolean };

export function addBackdropDistribution(ctx: DocContext, input: DocumentInput, opts: BackdropFormOptions = {}): void {
  const { estimate, member } = input;
  const bd = member.backdropDistribution ?? null;
  const eligible = estimate.results.filter((r) => r.backdrop.eligible);
  const several = eligible.length > 1;
  const selected = eligible.flatMap((r) => r.backdrop.periods.filter((p) => p.selected).map((p) => ({ r, p })))[0] ?? null;
  const w = new DocWriter(ctx, {
    ...BACKDROP_META,
    step: 'Step 2',
    subtitle: `Complete only if you elect a BackDROP on the Retirement Election Form. Due with the election form, ${formatDate(estimate.results[0]?.deadlines.electionDue ?? estimate.retirementDate)} (PROC-2).`,
  });
  w.section('Member');
  memberRows(w, 'backdropDistribution', input, { fullSsn: false });
  // The period is the member's election (on CW-300): left for the member to write, never filled
  // from the scenario the estimate was made for, which is stated in words instead.
  w.row([
    { label: 'BackDROP period elected (as on the Retirement Election Form)', value: '', width: 2, field: 'backdropDistribution.period' },
    { label: 'Estimated lump sum for that period', value: '', width: 1, field: 'backdropDistribution.lumpSum', align: 'right' },
  ]);
  w.endRows();
  w.paragraph(
    `Figures shown for: ${scenarioText(estimate)}${selected ? ` (estimated lump sum ${formatMoney(selected.p.lumpSum)}${several ? ` under ${planLabel(selected.r.plan)}` : ''})` : ''}. Write the period you mark on the Retirement Election Form and its lump sum from the table below.`,
    { size: 8, field: 'backdropDistribution.scenario' },
  );
  w.section('Lump sums by period (estimate, BD-4)');
  w.table(
    [
      { header: 'Period', width: 2 },
      { header: 'BackDROP date', width: 1.6 },
      { header: 'Lump sum (90%)', width: 1.4, align: 'right' },
    ],
    eligible.flatMap((r) => r.backdrop.periods.map((p) => ({ cells: [`${several ? `${planLabel(r.plan)}: ` : ''}${p.months} months`, formatDate(p.backdropDate), formatMoney(p.lumpSum)], bold: p.selected }))),
    { field: 'backdropDistribution.periods' },
  );
  w.section('Distribution (BD-5) — mark one');
  const methods = [
    { value: 'cash', label: 'Cash, one lump sum (20% federal withholding)' },
    { value: 'rollover', label: 'Direct rollover of the whole amount' },
    { value: 'split', label: 'Split between cash and a rollover' },
  ];
  if (opts.installments !== false) methods.push({ value: 'installments', label: 'Cash in three annual installments' });
  const installmentsNote =
    opts.installments !== false ? ' Three annual installments: the first with your first monthly benefit payment, the others one and two years later.' : '';
  w.row([{ kind: 'radio', label: 'Distribution', width: 1, group: 'backdropDistribution.method', options: methods, selected: bd?.method ?? null }]);
  // BD-5: the cash and rollover shares of a split are each more than 0% and total 100%; a
  // percentage outside that (a 140% cash share) is not printed, and the form says why.
  const given = bd?.cashPercent?.trim() ?? '';
  const split = splitShares(given);
  const cashPct = split?.cash ?? '';
  const rollPct = split?.rollover ?? '';
  if (given && !split) {
    w.notice(`The cash share noted, ${given}%, is not a split: the cash and rollover shares must each be more than 0% and together 100%. Write the shares you choose below.`, 'warn', {
      title: 'Check the split',
      field: 'backdropDistribution.split.cashPercent',
    });
  }
  w.row([
    { label: 'Split: percent in cash', value: cashPct ? `${cashPct}%` : '', width: 1, field: 'backdropDistribution.split.cashPercent', align: 'right' },
    { label: 'Split: percent rolled over', value: rollPct ? `${rollPct}%` : '', width: 1, field: 'backdropDistribution.split.rolloverPercent', align: 'right' },
  ]);
  w.row([
    { label: 'Rollover to (MO Deferred Comp, or the IRA or plan)', value: bd?.rolloverInstitution ?? '', width: 2, field: 'backdropDistribution.rollover.institution' },
    { label: 'Account number there', value: bd?.rolloverAccount ?? '', width: 1, field: 'backdropDistribution.rollover.account' },
  ]);
  w.endRows();
  const age = estimate.results[0]?.ageAtRetirement;
  const young = age ? age.years < 59 || (age.years === 59 && age.months < 6) : false;
  const warnings = [`Cash is paid with mandatory 20% federal income tax withholding.${installmentsNote}`, 'A rollover to anywhere but MO Deferred Comp needs the receiving institution\'s signature on this form.'];
  if (young) warnings.push('You will be under age 59½ at retirement: cash may carry a 10% IRS early-distribution penalty. This is a warning, not a calculation.');
  w.notice(warnings.join(' '), 'warn', { title: 'Before you choose' });
  memberSignature(w, 'I elect the distribution of my BackDROP lump sum marked above.', (w) =>
    w.signatures([
      { label: 'Receiving institution: authorized signature (rollovers outside MO Deferred Comp)', width: 3 },
      { label: 'Date', width: 1.4 },
    ]),
  );
}

/** A split's shares as printed ("40", "60"), or null unless the cash share is above 0 and below 100. */
export function splitShares(cashPercent: string): { cash: string; rollover: string } | null {
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(cashPercent)) return null;
  const cash = new Decimal(cashPercent);
  if (cash.lessThanOrEqualTo(0) || cash.greaterThanOrEqualTo(100)) return null;
  return { cash: cash.toString(), rollover: new Decimal(100).minus(cash).toString() };
}
