// FORM-4: the optional life coverage a member may keep into retirement (the Guide, "Continuing
// Optional Life Insurance Coverage at Retirement"). Pure, decimal strings in; used at entry and
// on the Retain/Change Optional Life Insurance form.
import { Decimal } from '../calc/decimal';

export const OPTIONAL_LIFE_MIN = '1000';
export const OPTIONAL_LIFE_MAX = '60000';
export const OPTIONAL_LIFE_STEP = '500';

/**
 * Whether coverage above $60,000 may be kept (until 62): MSEP 2000 members retiring under the
 * Rule of 80 and MSEP 2011 members under the Rule of 90, only.
 */
export function mayRetainOver60000(plan: string, normalRule: string | null): boolean {
  return (plan === 'MSEP2000' && normalRule === 'RULE_OF_80') || (plan === 'MSEP2011' && normalRule === 'RULE_OF_90');
}

/**
 * What is wrong with the coverage elected for retirement, in words, or null: $1,000 to $60,000 in
 * $500 steps, never more than carried while active; more than $60,000 only when retained whole
 * under the Rule of 80/90 (MSEP 2000/2011). Coverage can be reduced or ended, never increased.
 */
export function optionalLifeProblem(elected: string, carried: string | null, retainOver60000: boolean): string | null {
  let e: Decimal;
  try {
    e = new Decimal(elected);
  } catch {
    return 'must be an amount in dollars';
  }
  if (e.isZero()) return null; // cancelling the coverage
  if (e.lessThan(OPTIONAL_LIFE_MIN)) return 'must be at least $1,000 (or $0 to cancel the coverage)';
  if (!e.mod(OPTIONAL_LIFE_STEP).isZero()) return 'must be in steps of $500';
  const c = carried === null ? null : new Decimal(carried);
  if (c && e.greaterThan(c)) return 'cannot be more than the coverage carried while active: coverage cannot be increased at retirement';
  if (e.greaterThan(OPTIONAL_LIFE_MAX)) {
    if (!retainOver60000) return 'cannot be more than $60,000: only MSEP 2000 members retiring under the Rule of 80 and MSEP 2011 members under the Rule of 90 may keep more';
    if (!c || !e.equals(c)) return 'above $60,000 only the whole coverage carried may be kept (until age 62)';
  }
  return null;
}
