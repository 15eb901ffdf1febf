import { cents, Decimal, ZERO } from './decimal';
import type { Bracket, DeductionsBasis, FilingStatus, MissouriBasis, MoFilingStatus } from './deductions-basis';

/** The Form W-4P (2022 or later) elections that drive federal withholding (TAX-2). */
export type W4pElections = {
  filingStatus: FilingStatus;
  /** Step 2(b)(iii), annual: the income from jobs and lower-paying pensions (the W-4P has no Step 2 checkbox). */
  step2Income: Decimal;
  /** Step 3, annual. */
  credits: Decimal;
  /** Step 4(a), annual. */
  otherIncome: Decimal;
  /** Step 4(b), annual. */
  deductions: Decimal;
  /** Step 4(c), each month. */
  extraWithholding: Decimal;
  /** No federal income tax withheld (the W-4P's choice). */
  noWithholding: boolean;
};

/** TAX-2: with no election on file, withhold as a single filer under the current W-4P. */
export const NO_ELECTION: W4pElections = {
  filingStatus: 'single',
  step2Income: ZERO,
  credits: ZERO,
  otherIncome: ZERO,
  deductions: ZERO,
  extraWithholding: ZERO,
  noWithholding: false,
};

type ParsedRow = { over: Decimal; base: Decimal; rate: Decimal };
/** The basis's rows parsed once (the basis is frozen, so its arrays are stable keys). */
const parsed = new WeakMap<readonly Bracket[], ParsedRow[]>();

/** The annual amount of an annual percentage-method schedule. */
export function scheduleAmount(schedule: readonly Bracket[], annual: Decimal): Decimal {
  let rows = parsed.get(schedule);
  if (!rows) {
    rows = schedule.map((r) => ({ over: new Decimal(r.over), base: new Decimal(r.base), rate: new Decimal(r.rate) }));
    parsed.set(schedule, rows);
  }
  let row = rows[0]!;
  for (const r of rows) if (annual.greaterThanOrEqualTo(r.over)) row = r;
  return row.base.plus(annual.minus(row.over).times(row.rate));
}

export type FederalWithholding = { monthly: Decimal; adjustedAnnual: Decimal; tentativeAnnual: Decimal } | { monthly: null; reason: string };

/**
 * TAX-2: Publication 15-T Worksheet 1B for a monthly periodic pension payment (12 periods).
 * Step 1: line 1i = annual payment + Step 4(a) − Step 4(b) − the line 1g adjustment (may be
 * negative); the adjusted annual payment is 1i, not below zero. Step 2, on the STANDARD schedule:
 * with no Step 2(b)(iii) amount, the tentative annual withholding is the schedule on the adjusted
 * annual payment; with one, Part I is the schedule on (2(b)(iii) − the adjustment, not below zero),
 * Part II the schedule on (2(b)(iii) + 1i, not below zero), and the tentative amount is Part II −
 * Part I, not below zero (this payment's share stacked on the other income). Steps 3 and 4: less
 * Step 3, not below zero, divided by 12, plus Step 4(c). Rounded to cents (MONEY-2).
 */
export function federalMonthlyWithholding(basis: DeductionsBasis, monthlyPayment: Decimal, e: W4pElections): FederalWithholding {
  if (e.noWithholding) return { monthly: ZERO, adjustedAnnual: ZERO, tentativeAnnual: ZERO };
  const schedule = basis.federal.standard[e.filingStatus];
  const adjustment = new Decimal(basis.federal.standardAdjustment[e.filingStatus]);
  const line1i = monthlyPayment.times(12).plus(e.otherIncome).minus(e.deductions).minus(adjustment);
  const adjustedAnnual = Decimal.max(ZERO, line1i);
  const tentativeAnnual = e.step2Income.isZero()
    ? scheduleAmount(schedule, adjustedAnnual)
    : Decimal.max(ZERO, scheduleAmount(schedule, Decimal.max(ZERO, e.step2Income.plus(line1i))).minus(scheduleAmount(schedule, Decimal.max(ZERO, e.step2Income.minus(adjustment)))));
  const perMonth = Decimal.max(ZERO, tentativeAnnual.minus(e.credits).dividedBy(12));
  return { monthly: cents(perMonth.plus(e.extraWithholding)), adjustedAnnual, tentativeAnnual };
}

/** The Form MO W-4P election (TAX-1): no withholding, or a flat monthly amount; the formula's filing status. */
export type MissouriElection = { filingStatus: MoFilingStatus; noWithholding: boolean; monthlyAmount: Decimal | null };

export type MissouriFormula = {
  /** The period amount, rounded to the nearest whole dollar as the formula says. */
  monthly: Decimal;
  /** The annual tax, in cents. */
  annualTax: Decimal;
  taxable: Decimal;
  /** TAX-1: the public pension exemption subtracted (annual), or null when the basis has no ceiling for the year. */
  exemption: Decimal | null;
};

/**
 * TAX-1: the Missouri Department of Revenue withholding formula for a monthly pension payment:
 * the annual payment, less the public pension exemption (the whole payment up to the year's
 * ceiling, when the basis carries one), less the Step 1 standard deduction, taxed by the Step 2
 * annual table, divided by 12 and rounded to the nearest dollar.
 */
export function missouriFormulaMonthly(mo: MissouriBasis, status: MoFilingStatus, monthlyPayment: Decimal): MissouriFormula {
  const annual = monthlyPayment.times(12);
  const exemption = mo.publicPensionExemptionCeiling === null ? null : Decimal.min(annual, mo.publicPensionExemptionCeiling);
  const afterExemption = exemption === null ? annual : annual.minus(exemption);
  const taxable = Decimal.max(ZERO, afterExemption.minus(mo.standardDeduction[status]));
  const annualTax = cents(scheduleAmount(mo.brackets, taxable));
  return { monthly: annualTax.dividedBy(12).toDecimalPlaces(0, Decimal.ROUND_HALF_UP), annualTax, taxable, exemption };
}
