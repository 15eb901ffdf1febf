import type { NormalRule } from '../domain/estimate-schema';
import type { PlanCode } from '../domain/case-schema';
import { addDays, ageInMonths, compareDates, date, firstOfMonth, firstOfMonthOnOrAfter, monthFromIndex, monthIndex, monthOf, parseDate, type CalDate } from './dates';
import { eligibilityServiceThrough, lastDayWorkedFor, type ServiceRecord } from './service';

export type EligibilityContext = {
  plan: PlanCode;
  birth: CalDate;
  service: ServiceRecord;
  /** DATE-5: retiring directly from active employment at R. */
  active: boolean;
};

export type StateAt = {
  date: CalDate;
  ageMonths: number;
  serviceMonths: number;
  /** ELIG interpretation: termination is the first of the month after the last day worked. */
  termination: CalDate;
  ageAtTerminationMonths: number;
  /** Retiring directly from active employment: termination is the retirement date itself. */
  fromActive: boolean;
  vested: boolean;
  normalRules: NormalRule[];
  early: boolean;
};

const Y = 12;

/**
 * SVC-4 and SVC-5: the MSEP 2011 cutoff on the date employment ended. A member who left before it
 * needs 120 months to vest (SVC-5); one who leaves on or after it gets no sick-leave credit when
 * not yet eligible to retire (SVC-4).
 */
export const MSEP2011_CUTOFF: CalDate = date(2018, 1, 1);

/**
 * DATE-5: the member retires directly from active employment when no last day worked is given or
 * it falls in the month before R. Anyone else is terminated-vested. Dates are ISO strings.
 */
export function retiresFromActive(lastDayWorked: string | null | undefined, retirementDate: string): boolean {
  if (!lastDayWorked) return true;
  return monthIndex(monthOf(parseDate(lastDayWorked))) === monthIndex(monthOf(parseDate(retirementDate))) - 1;
}

/**
 * Section 4 interpretation of "at termination" (ELIG-2, ELIG-3, SVC-4): the first of the month
 * after the last day worked; R itself for a member who works until the day before R.
 */
export function terminationDate(lastDay: CalDate): CalDate {
  return firstOfMonthOnOrAfter(addDays(lastDay, 1));
}

/** SVC-5: months of eligibility service needed to vest. */
export function vestingMonths(plan: PlanCode, lastDayWorked: CalDate): number {
  return plan === 'MSEP2011' && compareDates(lastDayWorked, MSEP2011_CUTOFF) < 0 ? 120 : 60;
}

/** Eligibility facts for retiring at the first-of-month date d. */
export function stateAt(ctx: EligibilityContext, d: CalDate): StateAt {
  const lastDay = lastDayWorkedFor(ctx.service, d);
  const termination = terminationDate(lastDay);
  const age = ageInMonths(ctx.birth, d);
  const ageT = ageInMonths(ctx.birth, termination);
  const svc = eligibilityServiceThrough(ctx.service, lastDay);
  const fromActive = compareDates(termination, d) === 0;
  const vested = svc >= vestingMonths(ctx.plan, lastDay);
  const rules: NormalRule[] = [];
  let early = false;
  switch (ctx.plan) {
    case 'MSEP': // ELIG-1; a terminated-vested member may age into the Rule of 80 with frozen service.
      if (age >= 65 * Y && svc >= 60) rules.push('AGE_65_5');
      if (age >= 60 * Y && svc >= 180) rules.push('AGE_60_15');
      if (age + svc >= 960 && age >= 48 * Y) rules.push('RULE_OF_80'); // ELIG-7: 48, not 50
      early = age >= 55 * Y && svc >= 120; // ELIG-4
      break;
    case 'MSEP2000': // ELIG-2: the Rule of 80 must be met at termination.
      if (age >= 62 * Y && svc >= 60) rules.push('AGE_62_5');
      if (ageT + svc >= 960 && ageT >= 48 * Y) rules.push('RULE_OF_80');
      early = age >= 57 * Y && svc >= 60; // ELIG-4
      break;
    case 'MSEP2011': // ELIG-3: the Rule of 90 must be met at termination.
      if (age >= 67 * Y && svc >= 60) rules.push('AGE_67_5');
      if (ageT + svc >= 1080 && ageT >= 55 * Y) rules.push('RULE_OF_90');
      early = ageT >= 62 * Y && svc >= 60 && fromActive; // ELIG-4
      break;
  }
  return {
    date: d,
    ageMonths: age,
    serviceMonths: svc,
    termination,
    ageAtTerminationMonths: ageT,
    fromActive,
    vested,
    // SVC-5 / ELIG-6: no normal or early date without vesting. ELIG-5: exactly one status, so
    // early only when no normal rule holds.
    normalRules: vested ? rules : [],
    early: vested && early && rules.length === 0,
  };
}

export type FirstDates = {
  firstNormal: CalDate | null;
  firstNormalRule: NormalRule | null;
  firstEarly: CalDate | null;
};

const SEARCH_FROM_AGE = 48 * Y;
const SEARCH_TO_AGE = 100 * Y;

/**
 * ELIG-6: the first normal retirement date F and the first early date before F. For an active
 * member every first-of-month is tried with the last day worked the day before it, so F can lie
 * in the past; a terminated-vested member is tried from the month after the last day worked.
 */
export function firstDates(ctx: EligibilityContext): FirstDates {
  const birthIdx = monthIndex(monthOf(ctx.birth));
  let startIdx = birthIdx + SEARCH_FROM_AGE;
  if (!ctx.active && ctx.service.lastDayWorked) {
    const t = terminationDate(ctx.service.lastDayWorked);
    startIdx = Math.max(startIdx, monthIndex(monthOf(t)));
  }
  let firstEarly: CalDate | null = null;
  for (let i = startIdx; i <= birthIdx + SEARCH_TO_AGE; i++) {
    const d = firstOfMonth(monthFromIndex(i));
    const s = stateAt(ctx, d);
    if (s.normalRules.length > 0) {
      return { firstNormal: d, firstNormalRule: s.normalRules[0] ?? null, firstEarly };
    }
    if (s.early && !firstEarly) firstEarly = d;
  }
  return { firstNormal: null, firstNormalRule: null, firstEarly };
}
