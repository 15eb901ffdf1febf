import type { PlanCode } from '../domain/case-schema';
import type { NormalRule } from '../domain/estimate-schema';
import { cents, Decimal, factor4, moneyWithCommas } from './decimal';
import type { Lines } from './notes';

/** BEN-1 multipliers. */
export const MULTIPLIER: Readonly<Record<PlanCode, string>> = { MSEP: '0.016', MSEP2000: '0.017', MSEP2011: '0.017' };
/** BEN-4 temporary benefit rate. */
export const TEMPORARY_RATE = '0.008';

function yearsText(months: number): string {
  return new Decimal(months).dividedBy(12).toDecimalPlaces(4).toString();
}

/** BEN-1: FAP × multiplier × benefit months / 12, dividing by 12 last (MONEY-1), rounded to cents. */
export function baseBenefit(plan: PlanCode, fap: Decimal, benefitMonths: number, trace: Lines, label: string): Decimal {
  const base = cents(fap.times(MULTIPLIER[plan]).times(benefitMonths).dividedBy(12));
  trace.add('BEN-1', `Base benefit ${label}: ${moneyWithCommas(fap)} × ${MULTIPLIER[plan]} × ${benefitMonths} / 12 (${yearsText(benefitMonths)} years) = ${moneyWithCommas(base)}`);
  return base;
}

/** BEN-2: MSEP 2000/2011 pay at least $15 × full years of benefit service, before any reduction. */
export function withMinimum(plan: PlanCode, base: Decimal, benefitMonths: number, trace: Lines): Decimal {
  if (plan === 'MSEP') return base;
  const minimum = new Decimal(15).times(Math.floor(benefitMonths / 12));
  if (minimum.greaterThan(base)) {
    trace.add('BEN-2', `Minimum $15 × ${Math.floor(benefitMonths / 12)} full years = ${moneyWithCommas(minimum)} exceeds the base; the minimum applies`);
    return minimum;
  }
  return base;
}

/**
 * BEN-3: the unreduced age, in months. MSEP 2000: 62; MSEP 2011: 67; MSEP: the earliest age at
 * which the frozen service makes the benefit unreduced under ELIG-1 (65; 60 with 180 months; the
 * Rule of 80 age, not below 48).
 */
export function unreducedAgeMonths(plan: PlanCode, serviceMonths: number): number {
  if (plan === 'MSEP2000') return 62 * 12;
  if (plan === 'MSEP2011') return 67 * 12;
  const ages = [65 * 12];
  if (serviceMonths >= 180) ages.push(60 * 12);
  ages.push(Math.max(960 - serviceMonths, 48 * 12));
  return Math.min(...ages);
}

export type Reduction = { months: number; factor: Decimal; reduced: Decimal };

/** BEN-3: reduced = amount × (1 − 0.005 × months short of the unreduced age). */
export function earlyReduction(plan: PlanCode, unreduced: Decimal, ageMonths: number, serviceMonths: number, trace: Lines): Reduction {
  const nra = unreducedAgeMonths(plan, serviceMonths);
  const months = Math.max(0, nra - ageMonths);
  const factor = new Decimal(1).minus(new Decimal('0.005').times(months));
  const reduced = cents(unreduced.times(factor));
  trace.add(
    'BEN-3',
    `Early reduction: ${months} months from age ${Math.floor(ageMonths / 12)}y${ageMonths % 12}m to the unreduced age ${Math.floor(nra / 12)}y${nra % 12}m; ${moneyWithCommas(unreduced)} × (1 − 0.005 × ${months}) = ${moneyWithCommas(unreduced)} × ${factor4(factor)} = ${moneyWithCommas(reduced)}`,
  );
  return { months, factor, reduced };
}

/** BEN-4: the normal rule that carries a temporary benefit in each plan; MSEP has none. */
const TEMPORARY_RULE: Readonly<Record<PlanCode, NormalRule | null>> = { MSEP: null, MSEP2000: 'RULE_OF_80', MSEP2011: 'RULE_OF_90' };

/**
 * BEN-4: a temporary benefit is payable under the Rule of 80 (MSEP 2000) or the Rule of 90
 * (MSEP 2011) to a member younger than 62. BD-3 applies the same test at the BackDROP date B,
 * with the rules and age at B.
 */
export function temporaryBenefitApplies(plan: PlanCode, normalRules: readonly NormalRule[], ageMonths: number): boolean {
  const rule = TEMPORARY_RULE[plan];
  return rule !== null && normalRules.includes(rule) && ageMonths < 62 * 12;
}

/** BEN-4: FAP × 0.008 × benefit months / 12, rounded to cents. */
export function temporaryBenefit(fap: Decimal, benefitMonths: number, trace: Lines, label: string): Decimal {
  const temp = cents(fap.times(TEMPORARY_RATE).times(benefitMonths).dividedBy(12));
  trace.add('BEN-4', `Temporary benefit ${label}: ${moneyWithCommas(fap)} × 0.008 × ${benefitMonths} / 12 = ${moneyWithCommas(temp)}`);
  return temp;
}
