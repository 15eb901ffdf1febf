// The Benefit Estimate Statement (CW-100): the facts used, each plan's eligibility, FAP, service,
// benefit, options, BackDROP periods, COLA assumptions and deadlines. Marked as an estimate with the date prepared and the
// engine version. Plain words for the member: no rule ids, basis ids or engine codes (the
// derivation is on the counselor worksheet, counselor-worksheet.ts). Static text; the SSN is masked.
import { ageAt, parseDate } from '../../shared/calc/dates';
import type { PlanResult } from '../../shared/domain/estimate-schema';
import { buildChecklist, isActive } from './checklist';
import { DocContext, TYPE, type DocumentMeta } from './context';
import {
  formatAge,
  formatDate,
  formatMoney,
  formatMonth,
  formatMultiplier,
  formatRate,
  formatServiceMonths,
  isActuarialBasis,
  maskSsn,
  normalRuleLabel,
  optionLabel,
  planLabel,
  statusLabel,
} from './format';
import { documentTitle, memberDisplayName, pageIdentity, type BuildOptions, type DocumentInput } from './types';
import { DocWriter, type TableRow } from './writer';
import { memberFallbacks, validateMemberText } from './validate';

export const ESTIMATE_META: DocumentMeta = { kind: 'estimate', code: 'CW-100', title: 'Benefit Estimate Statement' };

const money = (v: string | null | undefined): string => (v ? formatMoney(v) : '—');

/** How an option amount is set, in words (the basis id is on the counselor worksheet). */
function howSet(basis: string): string {
  if (basis === 'plan') return 'Plan provision';
  if (basis === 'statute') return 'Set by statute';
  return 'Estimate';
}

function planHeading(res: PlanResult, count: number): string {
  if (count > 1) return res.plan === 'MSEP' ? 'If you stay in MSEP' : `If you elect ${planLabel(res.plan)}`;
  return `Your plan: ${planLabel(res.plan)}`;
}

function fapMonthsText(res: PlanResult): string {
  if (!res.fapWindow) return res.finalAveragePay ? 'Entered by the counselor (no pay history used)' : '—';
  const w = res.fapWindow;
  return `${w.months} months, ${formatMonth(w.from)} to ${formatMonth(w.to)}`;
}

function optionRows(options: PlanResult['options']): TableRow[] {
  return options.map((o) => ({
    cells: [
      `${o.code}  ${optionLabel(o.code)}`,
      o.factor,
      formatMoney(o.monthly),
      o.survivorMonthly ? formatMoney(o.survivorMonthly) : o.guaranteedPayments ? 'Remaining payments' : '—',
      howSet(o.basis),
    ],
  }));
}

const OPTION_COLUMNS = [
  { header: 'Payment option', width: 4.2 },
  { header: 'Factor', width: 0.9, align: 'right' as const },
  { header: 'Monthly to you', width: 1.4, align: 'right' as const },
  { header: 'Monthly to your survivor', width: 1.7, align: 'right' as const },
  { header: 'How it is set', width: 2.1 },
];

/** Add the statement's pages to a document being built. */
export function addEstimateStatement(ctx: DocContext, input: DocumentInput, opts: BuildOptions = {}): void {
  const { estimate, member } = input;
  const c = input.case ?? null;
  const prepared = opts.preparedOn ?? estimate.asOf;
  const name = memberDisplayName(member);
  const w = new DocWriter(ctx, {
    ...ESTIMATE_META,
    subtitle: `Prepared ${formatDate(prepared)} for retirement on ${formatDate(estimate.retirementDate)} · figures as of ${formatDate(estimate.asOf)} · engine version ${estimate.engineVersion}`,
  });

  w.notice(
    `This statement is an estimate prepared on ${formatDate(prepared)} with calculation engine version ${estimate.engineVersion}. It is not a guarantee of benefits: MOSERS sets the final amounts when you retire. Amounts marked "estimate" are actuarial estimates because MOSERS publishes no factors for them.`,
    'estimate',
    { title: 'ESTIMATE — not a guarantee of benefits' },
  );

  // Member and spouse facts used.
  w.section('Member and spouse facts used');
  w.row([
    { label: 'Member name', value: name, width: 3, path: 'member.name' },
    { label: 'Member ID', value: member.memberId ?? '', width: 1, path: 'member.memberId' },
    { label: 'Social Security number', value: maskSsn(member.ssn), width: 1.2, path: 'member.ssn' },
  ]);
  const first = estimate.results[0];
  const birth = member.birthDate ?? c?.member.birthDate ?? null;
  w.row([
    { label: 'Birth date', value: birth ? formatDate(birth) : '', width: 1, path: 'member.birthDate' },
    { label: 'Age at retirement', value: first ? formatAge(first.ageAtRetirement) : '', width: 1, path: 'ageAtRetirement' },
    { label: 'Retirement date', value: formatDate(estimate.retirementDate), width: 1, path: 'retirementDate' },
    {
      label: 'Employment',
      value: c ? (isActive(c) ? 'Active until retirement' : `Left service ${c.member.lastDayWorked ? formatDate(c.member.lastDayWorked) : ''}`) : '',
      width: 1.2,
      path: 'member.lastDayWorked',
    },
  ]);
  if (c) {
    w.row([
      { label: 'First employed', value: formatDate(c.member.firstEmploymentDate), width: 1, path: 'member.firstEmploymentDate' },
      { label: 'Service known as of', value: formatDate(c.service.asOf), width: 1, path: 'service.asOf' },
      { label: 'Earned service', value: `${c.service.earnedMonths} months`, width: 0.8, path: 'service.earnedMonths' },
      { label: 'Purchased', value: `${c.service.purchasedMonths} months`, width: 0.7, path: 'service.purchasedMonths' },
      { label: 'Transferred', value: `${c.service.transferredMonths} months`, width: 0.7, path: 'service.transferredMonths' },
      { label: 'Sick leave balance', value: `${c.service.sickLeaveHours} hours`, width: 0.8, path: 'service.sickLeaveHours' },
    ]);
  }
  const spouse = member.spouse ?? null;
  if (spouse) {
    const sb = spouse.birthDate ?? c?.spouse?.birthDate ?? null;
    w.row([
      { label: 'Spouse name', value: spouse.name, width: 2.2, path: 'spouse.name' },
      { label: 'Spouse birth date', value: sb ? formatDate(sb) : '', width: 1, path: 'spouse.birthDate' },
      { label: 'Spouse age at retirement', value: sb ? formatAge(ageAt(parseDate(sb), parseDate(estimate.retirementDate))) : '', width: 1.1, path: 'spouse.birthDate' },
      { label: 'Marriage date', value: spouse.marriageDate ? formatDate(spouse.marriageDate) : '', width: 0.9, path: 'spouse.marriageDate' },
    ]);
  } else {
    w.row([{ label: 'Spouse', value: 'None on file: joint and survivor options are not shown', width: 1, path: 'spouse' }]);
  }
  w.endRows();

  // A side-by-side summary when the member may choose a plan.
  if (estimate.results.length > 1) {
    w.section('Summary: the plans you may choose');
    w.table(
      [
        { header: 'Plan', width: 1.1 },
        { header: 'Eligibility at retirement', width: 3 },
        { header: 'Life Income Annuity', width: 1.4, align: 'right' },
        { header: '50% Joint & Survivor', width: 1.4, align: 'right' },
        { header: 'Temporary benefit', width: 1.2, align: 'right' },
        { header: 'BackDROP', width: 1.1 },
      ],
      estimate.results.map((res) => ({
        cells: [
          planLabel(res.plan),
          statusLabel(res),
          money(res.lifeIncomeAnnuity),
          money(res.options.find((o) => o.code === 'JS50')?.monthly),
          res.temporaryBenefit ? formatMoney(res.temporaryBenefit.monthly) : '—',
          res.backdrop.eligible ? 'Eligible' : 'Not eligible',
        ],
      })),
      { field: 'summary' },
    );
  }

  for (const res of estimate.results) addPlanResult(w, res, estimate.results.length, estimate.retirementDate);

  // Deadlines (PROC-1..5), once when every plan has the same dates.
  const list = buildChecklist(input);
  w.section('Deadlines');
  const sameDeadlines = estimate.results.every((r) => JSON.stringify(r.deadlines) === JSON.stringify(first?.deadlines));
  const deadlineSets = sameDeadlines ? estimate.results.slice(0, 1) : estimate.results;
  for (const res of deadlineSets) {
    const d = res.deadlines;
    if (!sameDeadlines) w.paragraph(planLabel(res.plan), { weight: 'bold' });
    w.table(
      [
        { header: 'Step', width: 4 },
        { header: 'Date', width: 2 },
      ],
      [
        { cells: ['Retirement Application (Step 1) may be filed from', formatDate(d.applicationEarliest)] },
        { cells: ['Retirement Application due', formatDate(d.applicationDue)] },
        { cells: ['Other Step 1 forms: ideal window', `${formatDate(list.idealWindow.from)} to ${formatDate(list.idealWindow.to)}`] },
        { cells: ['Retirement Election Form (Step 2) due', formatDate(d.electionDue)] },
        { cells: ['The application is void if the process is not complete by', formatDate(d.voidAfter)] },
        { cells: ['First monthly payment (last working day of the month)', formatDate(d.firstPaymentDate)] },
      ],
      { field: 'deadlines' },
    );
  }

  // COLA assumptions (COLA-1..3).
  w.section('Cost-of-living adjustments (COLA) assumed');
  w.bullet('Monthly amounts are shown at retirement. After retirement a COLA is added each year on the anniversary of the retirement date: 80% of the change in the CPI-U, never below 0% nor above 5%.');
  if (estimate.results.some((r) => r.plan === 'MSEP')) {
    w.bullet('MSEP members first employed before August 28, 1997 who retire under MSEP receive at least 4% a year (at most 5%) until the increases add up to 65% of the first benefit.');
  }
  if (estimate.results.some((r) => r.backdrop.eligible)) {
    w.bullet('BackDROP amounts include the COLAs of each anniversary of the BackDROP date up to and including the retirement date.');
  }
  const rates = Object.entries(c?.colaRates ?? {}).sort(([a], [b]) => a.localeCompare(b));
  for (const [year, rate] of rates) w.bullet(`Rate entered for ${year}: ${formatRate(rate)}.`, { field: `colaRates.${year}` });
  if (c?.colaAssumption) w.bullet(`Rate assumed for any other year: ${formatRate(c.colaAssumption)}.`, { field: 'colaAssumption' });
  else w.bullet("Rate assumed for years without a published rate: the latest published rate, as MOSERS' own estimator does.");
  w.gap(4);

  w.paragraph(
    `Figures computed by the MOSERS counselor workstation, calculation engine version ${estimate.engineVersion}, from facts as of ${formatDate(estimate.asOf)}. Your counselor has a worksheet showing how each figure was derived.`,
    { size: TYPE.small },
  );
}

function addPlanResult(w: DocWriter, res: PlanResult, count: number, retirementDate: string): void {
  const plan = planLabel(res.plan);
  w.section(`${planHeading(res, count)} — eligibility and benefit`);
  w.row([
    { label: 'Eligibility at retirement', value: statusLabel(res), width: 3, path: 'status' },
    { label: 'Vested', value: res.vested ? 'Yes' : 'No', width: 0.6, path: 'vested' },
  ]);
  w.row([
    {
      label: 'First normal retirement date',
      value: res.firstNormalRetirementDate ? `${formatDate(res.firstNormalRetirementDate)}${res.firstNormalRule ? `: ${normalRuleLabel(res.firstNormalRule)}` : ''}` : 'None',
      width: 2.4,
      path: 'firstNormalRetirementDate',
    },
    { label: 'First early retirement date', value: res.firstEarlyRetirementDate ? formatDate(res.firstEarlyRetirementDate) : 'None before normal', width: 1.2, path: 'firstEarlyRetirementDate' },
  ]);
  w.row([
    { label: 'Eligibility service', value: formatServiceMonths(res.serviceMonths.eligibility), width: 1.4, path: 'serviceMonths.eligibility' },
    { label: 'Sick-leave credit', value: `${res.serviceMonths.sickLeave} months`, width: 1, path: 'serviceMonths.sickLeave' },
    { label: 'Benefit service', value: formatServiceMonths(res.serviceMonths.benefit), width: 1.4, path: 'serviceMonths.benefit' },
  ]);
  if (res.status === 'not-eligible') {
    w.endRows();
    w.notice(`Not eligible to retire under ${plan} on ${formatDate(retirementDate)}: no benefit amounts are shown for this plan.`, 'warn');
    return;
  }
  w.row([
    { label: 'Final average pay (FAP)', value: money(res.finalAveragePay), width: 1, align: 'right', path: 'finalAveragePay' },
    { label: 'Months used for the FAP', value: fapMonthsText(res), width: 2, path: 'fapWindow' },
    { label: 'Multiplier', value: formatMultiplier(res.multiplier), width: 0.8, align: 'right', path: 'multiplier' },
  ]);
  w.row([
    { label: 'Base benefit', value: money(res.baseBenefit), width: 1, align: 'right', path: 'baseBenefit' },
    {
      label: 'Early reduction',
      value: res.earlyReduction.months > 0 ? `${res.earlyReduction.months} months, factor ${res.earlyReduction.factor}` : `None (factor ${res.earlyReduction.factor})`,
      width: 1.5,
      path: 'earlyReduction',
    },
    { label: 'Life Income Annuity, monthly', value: money(res.lifeIncomeAnnuity), width: 1.2, align: 'right', path: 'lifeIncomeAnnuity' },
  ]);
  w.row([
    { label: 'Temporary benefit, monthly', value: res.temporaryBenefit ? formatMoney(res.temporaryBenefit.monthly) : 'None', width: 1.2, align: 'right', path: 'temporaryBenefit.monthly' },
    {
      label: 'Temporary benefit stops',
      value: res.temporaryBenefit ? `Last paid for ${formatMonth(res.temporaryBenefit.lastPaymentMonth)}, the month you turn 62` : 'Not payable',
      width: 2.5,
      path: 'temporaryBenefit.lastPaymentMonth',
    },
  ]);
  w.endRows();

  w.section(`Payment options at retirement — ${plan}`);
  w.table(OPTION_COLUMNS, optionRows(res.options), { field: 'options' });
  if (res.options.some((o) => o.guaranteedPayments)) {
    w.paragraph('Guaranteed payments count from retirement: if you die before they are all paid, your beneficiaries receive the remaining payments.', { size: TYPE.small });
  }
  if (res.options.some((o) => isActuarialBasis(o.basis))) {
    w.paragraph('Amounts marked "Estimate" are actuarially equivalent to the Life Income Annuity: MOSERS publishes no factors for these options and sets the final amount.', { size: TYPE.small });
  }
  if (res.preRetirementDeath) {
    w.paragraph(
      `If you die before retirement, your spouse would receive ${formatMoney(res.preRetirementDeath.spouseMonthly)} a month (${isActuarialBasis(res.preRetirementDeath.basis) ? 'an estimate' : howSet(res.preRetirementDeath.basis).toLowerCase()}).`,
      { size: TYPE.small },
    );
  }
  w.gap(2);

  w.section(`BackDROP — ${plan}`);
  if (!res.backdrop.eligible) {
    w.paragraph(`Not eligible for a BackDROP under ${plan}.`);
    w.gap(2);
    return;
  }
  w.table(
    [
      { header: 'Period', width: 0.9 },
      { header: 'BackDROP date', width: 1.5 },
      { header: 'Age then', width: 1.2 },
      { header: 'FAP then', width: 1.1, align: 'right' },
      { header: 'Life annuity then', width: 1.2, align: 'right' },
      { header: 'Temporary then', width: 1.1, align: 'right' },
      { header: 'Monthly at retirement', width: 1.3, align: 'right' },
      { header: 'Temporary at retirement', width: 1.3, align: 'right' },
      { header: 'Lump sum (90%)', width: 1.3, align: 'right' },
      { header: 'Scenario shown', width: 0.9, align: 'center' },
    ],
    res.backdrop.periods.map((p) => ({
      cells: [
        `${p.months} months`,
        formatDate(p.backdropDate),
        formatAge(p.ageAtBackdrop),
        formatMoney(p.finalAveragePay),
        formatMoney(p.lifeIncomeAnnuity),
        p.temporaryMonthly ? formatMoney(p.temporaryMonthly) : '—',
        formatMoney(p.monthlyAtRetirement),
        p.temporaryAtRetirement ? formatMoney(p.temporaryAtRetirement) : '—',
        formatMoney(p.lumpSum),
        p.selected ? 'Yes' : '',
      ],
      bold: p.selected,
    })),
    { field: 'backdrop.periods' },
  );
  w.paragraph('The lump sum is 90% of the Life Income Annuity (and temporary benefit) that would have been paid from the BackDROP date to retirement. The monthly amount at retirement includes the COLAs of that period.', { size: TYPE.small });
  const rows: TableRow[] = [];
  for (const p of res.backdrop.periods) {
    for (const o of p.options) {
      rows.push({
        cells: [
          `${p.months} months`,
          `${o.code}  ${optionLabel(o.code)}`,
          o.factor,
          formatMoney(o.monthly),
          o.survivorMonthly ? formatMoney(o.survivorMonthly) : o.guaranteedPayments ? 'Remaining payments' : '—',
          howSet(o.basis),
        ],
        bold: p.selected,
      });
    }
  }
  w.table(
    [
      { header: 'With a BackDROP of', width: 1.2 },
      { header: 'Payment option', width: 3.6 },
      { header: 'Factor', width: 0.8, align: 'right' },
      { header: 'Monthly to you', width: 1.3, align: 'right' },
      { header: 'Monthly to your survivor', width: 1.5, align: 'right' },
      { header: 'How it is set', width: 1.9 },
    ],
    rows,
    { field: 'backdrop.options' },
  );
}

/** The statement alone, as PDF bytes. */
export async function buildEstimateStatement(input: DocumentInput, opts: BuildOptions = {}): Promise<Uint8Array> {
  validateMemberText(input.member);
  const ctx = await DocContext.create(pageIdentity(input.member), { flatten: opts.flatten ?? false, title: documentTitle(opts.largePrint ? 'Benefit Estimate Statement (large print)' : 'Benefit Estimate Statement', input.member), fallbacks: memberFallbacks(input.member), largePrint: opts.largePrint });
  addEstimateStatement(ctx, input, opts);
  return ctx.finish();
}
