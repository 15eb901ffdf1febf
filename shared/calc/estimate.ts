import type { Case, PlanCode } from '../domain/case-schema';
import type { BackdropPeriod, Estimate, NormalRule, PlanResult } from '../domain/estimate-schema';
import { anniversaries, applyCola, colaRateFor, newColaStream, type ColaSettings } from './cola';
import { cents, Decimal, factor4, money, moneyWithCommas, ZERO } from './decimal';
import {
  addMonthsFirst,
  ageInMonths,
  compareDates,
  date,
  firstOfMonth,
  formatDate,
  formatMonth,
  monthFromIndex,
  monthIndex,
  monthOf,
  monthsBetween,
  parseDate,
  parseMonth,
  toAge,
  type CalDate,
  type CalMonth,
} from './dates';
import { processDates } from './deadlines';
import { firstDates, MSEP2011_CUTOFF, retiresFromActive, stateAt, terminationDate, vestingMonths, type EligibilityContext, type StateAt } from './eligibility';
import { finalAveragePay, type PayFacts } from './fap';
import { baseBenefit, earlyReduction, MULTIPLIER, temporaryBenefit, temporaryBenefitApplies, withMinimum } from './benefit';
import { Lines } from './notes';
import { buildOptions, type OptionPricer } from './options';
import { electablePlans } from './plan';
import { lastDayWorkedFor, sickLeaveMonths, type ServiceRecord } from './service';
import { ENGINE_VERSION } from './version';

/** The case with its dates parsed, shared by every plan result. */
type Facts = {
  c: Case;
  r: CalDate;
  birth: CalDate;
  firstEmployment: CalDate;
  service: ServiceRecord;
  active: boolean;
  pay: PayFacts;
  spouseBirth: CalDate | null;
  cola: ColaSettings;
};

export type EstimateDeps = {
  /** OPT-5 factors; null leaves those options out. */
  pricer: OptionPricer | null;
};

const MSEP_COLA_MINIMUM_BEFORE = date(1997, 8, 28);

function facts(c: Case): Facts {
  const r = parseDate(c.retirementDate);
  const lastDayWorked = c.member.lastDayWorked ? parseDate(c.member.lastDayWorked) : null;
  const active = retiresFromActive(c.member.lastDayWorked, c.retirementDate); // DATE-5
  return {
    c,
    r,
    birth: parseDate(c.member.birthDate),
    firstEmployment: parseDate(c.member.firstEmploymentDate),
    service: {
      asOf: parseDate(c.service.asOf),
      earnedMonths: c.service.earnedMonths,
      purchasedMonths: c.service.purchasedMonths,
      transferredMonths: c.service.transferredMonths,
      sickLeaveHours: c.service.sickLeaveHours,
      lastDayWorked,
    },
    active,
    pay: {
      history: c.pay.history.map((h) => ({ month: parseMonth(h.month), amount: new Decimal(h.amount) })),
      override: c.pay.finalAveragePay ? new Decimal(c.pay.finalAveragePay) : null,
      projection: c.pay.projection ? { from: parseMonth(c.pay.projection.fromMonth), rate: new Decimal(c.pay.projection.monthlyRate) } : null,
    },
    spouseBirth: c.spouse ? parseDate(c.spouse.birthDate) : null,
    cola: { rates: c.colaRates, assumption: c.colaAssumption },
  };
}

const ageText = (m: number) => `${Math.floor(m / 12)}y${m % 12}m`;

function statusOf(s: StateAt): { status: PlanResult['status']; rule: NormalRule | null } {
  if (s.normalRules.length > 0) return { status: 'normal', rule: s.normalRules[0] ?? null };
  if (s.early) return { status: 'early', rule: null };
  return { status: 'not-eligible', rule: null };
}

/**
 * SVC-4: sick-leave months, withheld from a member who leaves before being eligible to retire.
 * A member retiring at R from active employment leaves at R (section 4: termination is R), so the
 * restriction applies to the active and the terminated member alike.
 */
function creditedSickMonths(f: Facts, plan: PlanCode, ctx: EligibilityContext, trace: Lines, notes: Lines): number {
  const { months, forfeitedHours } = sickLeaveMonths(f.service.sickLeaveHours);
  const left = lastDayWorkedFor(f.service, f.r);
  if (months > 0) {
    // SVC-4: eligible at termination, as if retiring then.
    const atTermination = stateAt(ctx, terminationDate(left));
    const eligible = atTermination.normalRules.length > 0 || atTermination.early;
    const restricted = plan === 'MSEP' || (plan === 'MSEP2011' && compareDates(left, MSEP2011_CUTOFF) >= 0);
    if (!eligible && restricted) {
      const when = f.active ? `leaves at retirement (last day worked ${formatDate(left)})` : `left on ${formatDate(left)}`;
      notes.add('SVC-4', `No sick-leave credit: the member ${when}, before being eligible for early or normal retirement under ${plan}.`);
      trace.add('SVC-4', `Sick leave: ${f.service.sickLeaveHours} hours give no credit (${f.active ? 'leaves' : 'left'} before eligibility)`);
      return 0;
    }
  }
  if (f.service.sickLeaveHours > 0) {
    trace.add('SVC-4', `Sick leave: ${f.service.sickLeaveHours} hours / 168 = ${months} months${forfeitedHours > 0 ? `, ${forfeitedHours} hours forfeited` : ''}`);
  }
  return months;
}

/**
 * COLA-4: a vested MSEP member who works past 65 has the COLAs retirees received since then added
 * at retirement. Interpretation: compounded on the base on each anniversary of the first date the
 * member could have retired at 65, up to the last day worked.
 */
function inServiceColas(f: Facts, ctx: EligibilityContext, unreduced: Decimal, lastDay: CalDate, trace: Lines, notes: Lines): Decimal {
  const birthIdx = monthIndex(monthOf(f.birth));
  let start: CalDate | null = null;
  for (let i = birthIdx + 780; i <= birthIdx + 781 + 600; i++) {
    const d = firstOfMonth(monthFromIndex(i));
    if (compareDates(d, lastDay) > 0) break;
    const s = stateAt(ctx, d);
    if (s.ageMonths >= 780 && s.vested) {
      start = d;
      break;
    }
  }
  if (!start) return unreduced;
  const dates = anniversaries(start, lastDay);
  if (dates.length === 0) return unreduced;
  const stream = newColaStream(unreduced, msepMinimum(f));
  for (const a of dates) {
    const before = stream.amount;
    const rate = colaRateFor(a.y, f.cola, notes);
    applyCola(stream, rate);
    trace.add('COLA-4', `In-service COLA ${formatDate(a)} at ${rate.times(100).toFixed(3)}%: ${moneyWithCommas(before)} → ${moneyWithCommas(stream.amount)}`);
  }
  notes.add('COLA-4', `Interpretation: the COLAs retirees received after the member could first retire at 65 (${formatDate(start)}) are compounded on the base in the years they were granted.`);
  return stream.amount;
}

function msepMinimum(f: Facts): boolean {
  return compareDates(f.firstEmployment, MSEP_COLA_MINIMUM_BEFORE) < 0;
}

type Amounts = {
  fap: Decimal;
  window: PlanResult['fapWindow'];
  base: Decimal;
  unreduced: Decimal;
};

/** FAP, base and BEN-2 minimum (and MSEP's in-service COLAs) for retiring at `at`. */
function amountsAt(f: Facts, plan: PlanCode, ctx: EligibilityContext, at: CalDate, benefitMonths: number, trace: Lines, notes: Lines, label: string): Amounts | null {
  const lastDay = lastDayWorkedFor(f.service, at);
  const fap = finalAveragePay(f.pay, monthOf(at), monthOf(lastDay), notes, trace, label);
  if (!fap) return null;
  const base = baseBenefit(plan, fap.fap, benefitMonths, trace, label);
  let unreduced = withMinimum(plan, base, benefitMonths, trace);
  if (plan === 'MSEP') unreduced = inServiceColas(f, ctx, unreduced, lastDay, trace, notes);
  return { fap: fap.fap, window: fap.window, base, unreduced };
}

function planResult(f: Facts, plan: PlanCode, deps: EstimateDeps, common: Lines): PlanResult {
  const trace = new Lines(false);
  const notes = new Lines();
  for (const l of common.items) trace.add(l.rule, l.text);
  const { r, c } = f;
  const ctx: EligibilityContext = { plan, birth: f.birth, service: f.service, active: f.active };
  const atR = stateAt(ctx, r);
  const first = firstDates(ctx);
  const { status, rule } = statusOf(atR);
  const ageR = atR.ageMonths;
  const lastDayR = lastDayWorkedFor(f.service, r);

  trace.add('DATE-3', `Age at retirement ${c.retirementDate}: ${ageText(ageR)}`);
  trace.add(
    'DATE-4',
    `Eligibility service through ${formatDate(lastDayR)}: ${atR.serviceMonths} months (${c.service.earnedMonths} earned as of ${c.service.asOf}, projected; ${c.service.purchasedMonths} purchased; ${c.service.transferredMonths} transferred)`,
  );
  trace.add('DATE-5', f.active ? 'Retiring directly from active employment' : `Terminated-vested member: left on ${c.member.lastDayWorked}; service is frozen`);
  if (c.service.purchasedMonths + c.service.transferredMonths > 0) {
    notes.add('ELIG-6', 'Interpretation: purchased and transferred months count at every date, past or future, since the case records no purchase dates.');
  }
  if (first.firstNormal) {
    trace.add('ELIG-6', `First normal retirement date: ${formatDate(first.firstNormal)} (${first.firstNormalRule})`);
  } else {
    trace.add('ELIG-6', 'No normal retirement date: the member does not vest on the service recorded');
  }
  if (first.firstEarly) trace.add('ELIG-6', `First early retirement date: ${formatDate(first.firstEarly)}`);
  elig6AfterR(f, first, notes);
  if ([rule, first.firstNormalRule].includes('RULE_OF_80')) {
    notes.add('ELIG-7', 'Interpretation: the Rule of 80 minimum age is 48 (RSMo 104.1024 and current MOSERS pages); the Retirement Guide prints 50 for members first eligible before Aug. 28, 2003.');
  }
  if (!f.active && plan !== 'MSEP') {
    notes.add(
      plan === 'MSEP2000' ? 'ELIG-2' : 'ELIG-3',
      `Interpretation: the ${plan === 'MSEP2000' ? 'Rule of 80' : 'Rule of 90'} is tested at termination, the first of the month after the last day worked (${formatDate(atR.termination)}), with service through the last day worked.`,
    );
  }
  trace.add('ELIG-5', `Status at ${c.retirementDate}: ${status}${rule ? ` (${rule})` : ''}`);

  const sick = creditedSickMonths(f, plan, ctx, trace, notes);
  const benefitMonths = atR.serviceMonths + sick;
  trace.add('SVC-3', `Benefit service: ${atR.serviceMonths} + ${sick} sick-leave months = ${benefitMonths} months`);
  const deadlines = processDates(r);
  const result: PlanResult = {
    plan,
    vested: atR.vested,
    status,
    normalRule: rule,
    firstNormalRetirementDate: first.firstNormal ? formatDate(first.firstNormal) : null,
    firstNormalRule: first.firstNormalRule,
    firstEarlyRetirementDate: first.firstEarly ? formatDate(first.firstEarly) : null,
    ageAtRetirement: toAge(ageR),
    serviceMonths: { eligibility: atR.serviceMonths, sickLeave: sick, benefit: benefitMonths },
    finalAveragePay: null,
    fapWindow: null,
    multiplier: MULTIPLIER[plan],
    baseBenefit: null,
    earlyReduction: { months: 0, factor: '1.0000' },
    lifeIncomeAnnuity: null,
    temporaryBenefit: null,
    options: [],
    preRetirementDeath: null,
    backdrop: { eligible: false, periods: [] },
    deadlines,
    trace: trace.items,
    notes: notes.items,
  };
  traceDeadlines(deadlines, f, trace, notes);

  if (status === 'not-eligible') {
    const reason = !atR.vested
      ? `not vested: ${atR.serviceMonths} of the ${vestingMonths(plan, lastDayR)} months of eligibility service needed (SVC-5)`
      : 'age and service do not meet an early or normal rule at this date';
    const next = [first.firstEarly, first.firstNormal].find((d) => d && compareDates(d, r) > 0);
    notes.add('ELIG-5', `Not eligible to retire on ${c.retirementDate} under ${plan} (${reason}).${next ? ` The first date the member can retire is ${formatDate(next)}.` : ''}`);
    return result;
  }

  const amounts = amountsAt(f, plan, ctx, r, benefitMonths, trace, notes, 'at retirement');
  if (!amounts) throw new RangeError('pay: no pay before the retirement date and no final average pay');
  // FAP-3: with both a history and an entered FAP, the history wins; say what was not used.
  if (f.pay.override && amounts.window && !f.pay.override.equals(amounts.fap)) {
    notes.add('FAP-3', `The pay history gives ${moneyWithCommas(amounts.fap)}; the entered final average pay ${moneyWithCommas(f.pay.override)} was not used (a history wins).`);
  }
  let life = amounts.unreduced;
  if (status === 'early') {
    const red = earlyReduction(plan, amounts.unreduced, ageR, atR.serviceMonths, trace);
    life = red.reduced;
    result.earlyReduction = { months: red.months, factor: factor4(red.factor) };
  }
  trace.add('BEN-3', `Life Income Annuity: ${moneyWithCommas(life)} a month`);
  result.finalAveragePay = money(amounts.fap);
  result.fapWindow = amounts.window;
  result.baseBenefit = money(amounts.base);
  result.lifeIncomeAnnuity = money(life);

  // BEN-4: MSEP 2000 under the Rule of 80, MSEP 2011 under the Rule of 90, younger than 62 at R.
  if (temporaryBenefitApplies(plan, atR.normalRules, ageR)) {
    const temp = temporaryBenefit(amounts.fap, benefitMonths, trace, 'at retirement');
    const last = lastTemporaryMonth(f);
    result.temporaryBenefit = { monthly: money(temp), lastPaymentMonth: formatMonth(last) };
    trace.add('BEN-4', `The temporary benefit is paid through ${formatMonth(last)}, the month the member turns 62; options never reduce it`);
  }

  const spouseAgeR = f.spouseBirth ? toAge(ageInMonths(f.spouseBirth, r)) : null;
  if (spouseAgeR) trace.add('DATE-3', `Spouse's age at retirement: ${spouseAgeR.years}y${spouseAgeR.months}m`);
  result.options = buildOptions({ plan, life, memberAge: toAge(ageR), spouseAge: spouseAgeR, startYear: r.y, pricer: deps.pricer, label: 'at retirement' }, notes, trace);

  // SURV-1: death the day before R, unreduced, times the JS100 factor at the ages at R.
  if (spouseAgeR && atR.vested && deps.pricer) {
    const js100 = deps.pricer.factors({ memberAge: toAge(ageR), spouseAge: spouseAgeR, startYear: r.y }).JS100;
    if (js100) {
      const amount = cents(amounts.unreduced.times(js100));
      result.preRetirementDeath = { spouseMonthly: money(amount), basis: deps.pricer.basisId };
      trace.add('SURV-1', `Death before retirement: ${moneyWithCommas(amounts.unreduced)} × JS100 ${factor4(js100)} = ${moneyWithCommas(amount)} to the spouse`);
    }
  }

  result.backdrop = backdrop(f, plan, ctx, first.firstNormal, sick, deps, trace, notes);
  return result;
}

/**
 * ELIG-6 interpretation "F and the early date after R": with no last day worked, a date after R is
 * found as if the member kept working; with one (even in the month before R), with service frozen
 * at that day. The notes say which reading gave a date after R.
 */
function elig6AfterR(f: Facts, first: { firstNormal: CalDate | null; firstEarly: CalDate | null }, notes: Lines): void {
  const after = [
    first.firstEarly && compareDates(first.firstEarly, f.r) > 0 ? `the first early retirement date ${formatDate(first.firstEarly)}` : null,
    first.firstNormal && compareDates(first.firstNormal, f.r) > 0 ? `the first normal retirement date ${formatDate(first.firstNormal)}` : null,
  ].filter((x): x is string => x !== null);
  if (after.length === 0) return;
  const subject = after.join(' and ');
  const verb = after.length > 1 ? 'are' : 'is';
  const pronoun = after.length > 1 ? 'they are' : 'it is';
  const left = f.service.lastDayWorked;
  const how = left
    ? `with service frozen at the last day worked, ${formatDate(left)}, as for a member who left then`
    : `as if the member kept working past ${f.c.retirementDate} (no last day worked is given)`;
  notes.add('ELIG-6', `Interpretation: ${subject} ${verb} after the retirement date; ${pronoun} found ${how}.`);
}

/** BEN-4: the last temporary payment is the one for the month in which the member turns 62. */
function lastTemporaryMonth(f: Facts): CalMonth {
  return { y: f.birth.y + 62, m: f.birth.m };
}

function traceDeadlines(d: PlanResult['deadlines'], f: Facts, trace: Lines, notes: Lines): void {
  trace.add('PROC-1', `Retirement Application: no earlier than ${d.applicationEarliest}, due ${d.applicationDue}`);
  trace.add('PROC-2', `Retirement Election Form due ${d.electionDue}`);
  trace.add('PROC-4', `The application is void if the process is not complete by ${d.voidAfter}`);
  trace.add('PROC-5', `First payment on ${d.firstPaymentDate}, the last working day of the month`);
  const asOf = parseDate(f.c.asOf);
  if (compareDates(parseDate(d.applicationDue), asOf) < 0) {
    notes.add('PROC-1', `The Retirement Application due date (${d.applicationDue}) is before the estimate date (${f.c.asOf}).`);
  }
}

/** BD-2: whole years of 12 to 60 months, or exactly months(F, R) when that is 60 or less. */
export function allowedBackdropPeriods(totalMonths: number): number[] {
  const periods = [12, 24, 36, 48, 60].filter((p) => p <= totalMonths);
  if (totalMonths <= 60 && !periods.includes(totalMonths)) periods.push(totalMonths);
  return periods.sort((a, b) => a - b);
}

/** BD-1..BD-4 for one plan result. */
function backdrop(f: Facts, plan: PlanCode, ctx: EligibilityContext, firstNormal: CalDate | null, sick: number, deps: EstimateDeps, trace: Lines, notes: Lines): PlanResult['backdrop'] {
  const r = f.r;
  if (plan === 'MSEP2011' || !f.active || !firstNormal) return { eligible: false, periods: [] };
  const total = monthsBetween(firstNormal, r);
  if (total < 24) {
    trace.add('BD-1', `BackDROP: not eligible, ${total} months worked past ${formatDate(firstNormal)} (24 needed)`);
    return { eligible: false, periods: [] };
  }
  trace.add('BD-1', `BackDROP: eligible, ${total} months worked past the first normal retirement date ${formatDate(firstNormal)}`);
  notes.add('BD-3', 'Interpretation: option factors for a BackDROP use the member\'s and spouse\'s ages at the BackDROP date, the amount being the one payable had the member retired then.');
  notes.add('BD-3', 'Sick leave accrued during the BackDROP period counts: the full balance at retirement is used.');
  if (ageInMonths(f.birth, r) < 59 * 12 + 6) {
    notes.add('BD-5', 'A BackDROP taken in cash before age 59½ may carry a 10% IRS early-distribution penalty.');
  }
  const periods: BackdropPeriod[] = [];
  for (const months of allowedBackdropPeriods(total)) {
    const p = backdropPeriod(f, plan, ctx, months, sick, deps, trace, notes);
    if (p) periods.push(p);
    else notes.add('BD-2', `The ${months}-month BackDROP is not shown: no pay is recorded before its BackDROP date ${formatDate(addMonthsFirst(r, -months))} and there is no entered final average pay.`);
  }
  return { eligible: true, periods };
}

function backdropPeriod(f: Facts, plan: PlanCode, ctx: EligibilityContext, months: number, sick: number, deps: EstimateDeps, trace: Lines, notes: Lines): BackdropPeriod | null {
  const r = f.r;
  const b = addMonthsFirst(r, -months); // BD-2
  const label = `at the ${months}-month BackDROP date ${formatDate(b)}`;
  const atB = stateAt(ctx, b);
  const benefit = atB.serviceMonths + sick; // BD-3: service at B, sick leave at R
  trace.add('BD-3', `BackDROP ${months} months: B = ${formatDate(b)}, age ${ageText(atB.ageMonths)}, service ${atB.serviceMonths} + ${sick} sick-leave months = ${benefit}`);
  const amounts = amountsAt(f, plan, ctx, b, benefit, trace, notes, label);
  if (!amounts) return null;
  const life = amounts.unreduced;
  let temp: Decimal | null = null;
  // BD-3: BEN-4's test with the rules and age at B (MSEP 2011 never reaches here: BD-1).
  if (temporaryBenefitApplies(plan, atB.normalRules, atB.ageMonths)) {
    temp = temporaryBenefit(amounts.fap, benefit, trace, label);
  }
  const lastTempIdx = monthIndex(lastTemporaryMonth(f));

  // BD-3 / BD-4: one stream from B, with COLAs on each anniversary of B (COLA-2), COLA-3 for MSEP.
  const lifeStream = newColaStream(life, plan === 'MSEP' && msepMinimum(f));
  const tempStream = temp ? newColaStream(temp, false) : null;
  // Sum month by month in runs of equal amounts: the amounts change only on an anniversary of B
  // or after the month the temporary benefit stops.
  const annivs = anniversaries(b, r);
  const rIdx = monthIndex(monthOf(r));
  const changes = [...annivs.map((a) => monthIndex(monthOf(a))), lastTempIdx + 1, rIdx].filter((i) => i > monthIndex(monthOf(b)) && i <= rIdx);
  const stops = [...new Set(changes)].sort((x, y) => x - y);
  let sum = ZERO;
  let from = monthIndex(monthOf(b));
  for (const stop of stops) {
    const monthly = tempStream && from <= lastTempIdx ? lifeStream.amount.plus(tempStream.amount) : lifeStream.amount;
    sum = sum.plus(monthly.times(stop - from));
    from = stop;
    const a = annivs.find((x) => monthIndex(monthOf(x)) === stop);
    if (a) {
      const rate = colaRateFor(a.y, f.cola, notes);
      applyCola(lifeStream, rate);
      if (tempStream && stop <= lastTempIdx) applyCola(tempStream, rate);
      trace.add('BD-4', `COLA on ${formatDate(a)} at ${rate.times(100).toFixed(3)}%: life ${moneyWithCommas(lifeStream.amount)}${tempStream && stop <= lastTempIdx ? `, temporary ${moneyWithCommas(tempStream.amount)}` : ''}`);
    }
  }
  const lump = cents(sum.times('0.9'));
  trace.add('BD-4', `Lump sum ${months} months: 90% × ${moneyWithCommas(sum)} (LIFE${temp ? ' + temporary' : ''}, ${formatMonth(monthOf(b))} to ${formatMonth(monthFromIndex(rIdx - 1))}) = ${moneyWithCommas(lump)}`);
  const atRetirement = lifeStream.amount;
  trace.add('BD-3', `Monthly at retirement with a ${months}-month BackDROP: ${moneyWithCommas(atRetirement)}`);
  // BD-3: the temporary benefit paid from R is the one at B with the COLAs through R, while it is
  // still payable at R (BEN-4: through the month the member turns 62).
  const tempAtRetirement = tempStream && rIdx <= lastTempIdx ? tempStream.amount : null;
  if (tempAtRetirement) trace.add('BD-3', `Temporary benefit at retirement with a ${months}-month BackDROP: ${moneyWithCommas(tempAtRetirement)}`);
  const spouseAgeB = f.spouseBirth ? toAge(ageInMonths(f.spouseBirth, b)) : null;
  const options = buildOptions({ plan, life: atRetirement, memberAge: toAge(atB.ageMonths), spouseAge: spouseAgeB, startYear: b.y, pricer: deps.pricer, label }, notes, trace);
  return {
    months,
    backdropDate: formatDate(b),
    ageAtBackdrop: toAge(atB.ageMonths),
    serviceMonths: { eligibility: atB.serviceMonths, sickLeave: sick, benefit },
    finalAveragePay: money(amounts.fap),
    fapWindow: amounts.window,
    lifeIncomeAnnuity: money(life),
    temporaryMonthly: temp ? money(temp) : null,
    monthlyAtRetirement: money(atRetirement),
    temporaryAtRetirement: tempAtRetirement ? money(tempAtRetirement) : null,
    lumpSum: money(lump),
    selected: f.c.backdrop?.months === months,
    options,
  };
}

/** The estimate for a validated case (CASE-FORMAT output). Pure: "today" is the case's asOf. */
export function computeEstimate(c: Case, deps: EstimateDeps): Estimate {
  const f = facts(c);
  const common = new Lines(false);
  const commonNotes = new Lines();
  const plans = electablePlans(c.member, common, commonNotes);
  const results = plans.map((p) => {
    const res = planResult(f, p, deps, common);
    return { ...res, notes: [...commonNotes.items, ...res.notes] };
  });
  return { formatVersion: 1, engineVersion: ENGINE_VERSION, asOf: c.asOf, retirementDate: c.retirementDate, results };
}
