// Pure computations behind the option board: the sweep's retirement dates, the chart milestones,
// the cumulative-payment series and their break-even ages. No DOM, no JS Date arithmetic for plan
// dates (DATE-1): dates are ISO strings handled as plain year/month/day; money is decimal.js
// (MONEY-1) and is only turned into numbers for pixel coordinates, by the caller.
import { Decimal } from '../../../../shared/calc/decimal';
import type { PlanCode } from '../../../../shared/domain/case-schema';
import type { Estimate, PlanResult } from '../../../../shared/domain/estimate-schema';

export type Age = { years: number; months: number };

// ---------------------------------------------------------------------------------------------
// Calendar months (DATE-1)

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

function parseIso(iso: string): { y: number; m: number; d: number } {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: ${iso}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** Months counted from year 0 for a date (`2027-05-01`) or a month (`2027-05`). */
export function monthIndexOf(isoDateOrMonth: string): number {
  const month = ISO_MONTH.exec(isoDateOrMonth);
  if (month) return Number(month[1]) * 12 + Number(month[2]) - 1;
  const { y, m } = parseIso(isoDateOrMonth);
  return y * 12 + m - 1;
}

/** The first of the month with the given month index. */
export function firstOfMonthIndex(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
}

/** `2027-05` for a month index. */
export function monthOfIndex(index: number): string {
  return firstOfMonthIndex(index).slice(0, 7);
}

/** The first of the month `n` months after (or before, for negative n) the month of `iso`. */
export function addMonths(iso: string, n: number): string {
  return firstOfMonthIndex(monthIndexOf(iso) + n);
}

/** Whole months from the month of `a` to the month of `b` (b − a). */
export function monthsBetween(a: string, b: string): number {
  return monthIndexOf(b) - monthIndexOf(a);
}

/** Age in whole months. */
export function ageMonths(age: Age): number {
  return age.years * 12 + age.months;
}

export function ageFromMonths(months: number): Age {
  const years = Math.floor(months / 12);
  return { years, months: months - years * 12 };
}

// ---------------------------------------------------------------------------------------------
// Retirement dates for the board's select and for the sweep (DATE-2)

/** DATE-2: the `count` first-of-month retirement dates after `today`, earliest first. */
export function sweepDates(today: string, count = 60): string[] {
  const start = monthIndexOf(today) + 1;
  return Array.from({ length: count }, (_, i) => firstOfMonthIndex(start + i));
}

/** The select's dates: the stored retirement date (if any) plus the sweep dates, sorted, once each. */
export function retirementDateChoices(stored: string | null | undefined, today: string, count = 60): string[] {
  const dates = new Set(sweepDates(today, count));
  if (stored) dates.add(stored);
  return [...dates].sort();
}

// ---------------------------------------------------------------------------------------------
// Milestones

/**
 * DATE-3: the first first-of-month date at which the member is at least `years` old, from the age
 * at a first-of-month retirement date R. Age in completed months goes up by exactly one from one
 * first of the month to the next, so the date is R + (years × 12 − age at R) months. For a member
 * already older it lies before R (the first of the month on or after the birthday).
 */
export function firstOfMonthAtAge(ageAtR: Age, retirementDate: string, years: number): string {
  return addMonths(retirementDate, years * 12 - ageMonths(ageAtR));
}

/** BEN-4: the calendar month in which a member born on `birthDate` turns `years`. */
export function monthTurning(birthDate: string, years: number): string {
  const { y, m } = parseIso(birthDate);
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** BD-1: BackDROP needs 24 months worked past F, so the earliest R with BackDROP is F + 24 months. */
export function backdropThreshold(firstNormalRetirementDate: string): string {
  return addMonths(firstNormalRetirementDate, 24);
}

/** The normal retirement age by plan: ELIG-1 (MSEP 65), ELIG-2 (MSEP 2000 62), ELIG-3 (MSEP 2011 67). */
export const NORMAL_AGE: Record<PlanCode, number> = { MSEP: 65, MSEP2000: 62, MSEP2011: 67 };

export type MilestoneKind = 'F' | 'early' | 'age62' | 'rule' | 'normalAge' | 'backdrop';
export type Milestone = {
  /** Stable id, used as `data-testid="milestone-<id>"`: `F-MSEP2000`, `age62`, `backdrop-MSEP`. */
  id: string;
  kind: MilestoneKind;
  plan: PlanCode | null;
  date: string;
  label: string;
};

const PLAN_LABEL: Record<PlanCode, string> = { MSEP: 'MSEP', MSEP2000: 'MSEP 2000', MSEP2011: 'MSEP 2011' };

/**
 * The sweep chart's milestones from one estimate: for each plan F (ELIG-6) and its rule when it is
 * the Rule of 80/90, the first early date, the plan's normal age, and the BackDROP threshold
 * F + 24 months (BD-1, MSEP and MSEP 2000, active members only); and once the date the member is
 * 62 (BEN-4, the end of the temporary benefit; MSEP 2000's normal age). Sorted by date.
 */
export function milestones(estimate: Pick<Estimate, 'retirementDate' | 'results'>, opts: { active: boolean }): Milestone[] {
  const out: Milestone[] = [];
  const r = estimate.retirementDate;
  const first = estimate.results[0];
  if (first) out.push({ id: 'age62', kind: 'age62', plan: null, date: firstOfMonthAtAge(first.ageAtRetirement, r, 62), label: 'Age 62' });
  for (const res of estimate.results) {
    const p = PLAN_LABEL[res.plan];
    const f = res.firstNormalRetirementDate;
    if (f) {
      out.push({ id: `F-${res.plan}`, kind: 'F', plan: res.plan, date: f, label: `F ${p}` });
      if (res.firstNormalRule === 'RULE_OF_80' || res.firstNormalRule === 'RULE_OF_90') {
        out.push({ id: `rule-${res.plan}`, kind: 'rule', plan: res.plan, date: f, label: `${res.firstNormalRule === 'RULE_OF_80' ? 'Rule of 80' : 'Rule of 90'} ${p}` });
      }
      if (opts.active && res.plan !== 'MSEP2011') {
        out.push({ id: `backdrop-${res.plan}`, kind: 'backdrop', plan: res.plan, date: backdropThreshold(f), label: `BackDROP ${p}` });
      }
    }
    if (res.firstEarlyRetirementDate) out.push({ id: `early-${res.plan}`, kind: 'early', plan: res.plan, date: res.firstEarlyRetirementDate, label: `Early ${p}` });
    const normalAge = NORMAL_AGE[res.plan];
    out.push({ id: `normalAge-${res.plan}`, kind: 'normalAge', plan: res.plan, date: firstOfMonthAtAge(res.ageAtRetirement, r, normalAge), label: `Age ${normalAge} ${p}` });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// The retirement-date sweep

export type SweepPlanPoint = {
  status: PlanResult['status'];
  /** LIFE monthly (OPT-1), null when not eligible. */
  life: string | null;
  /** LIFE + the temporary benefit (BEN-4) where one is paid, else null. */
  lifePlusTemporary: string | null;
};
export type SweepRow = { date: string; plans: Partial<Record<PlanCode, SweepPlanPoint>> };

/** One sweep row from the estimate for one retirement date (computed without a BackDROP). */
export function sweepRow(estimate: Pick<Estimate, 'retirementDate' | 'results'>): SweepRow {
  const plans: Partial<Record<PlanCode, SweepPlanPoint>> = {};
  for (const res of estimate.results) {
    const life = res.options.find((o) => o.code === 'LIFE')?.monthly ?? res.lifeIncomeAnnuity;
    const temp = res.temporaryBenefit?.monthly ?? null;
    plans[res.plan] = {
      status: res.status,
      life: res.status === 'not-eligible' ? null : life,
      lifePlusTemporary: res.status === 'not-eligible' || !life || !temp ? null : new Decimal(life).plus(temp).toFixed(2),
    };
  }
  return { date: estimate.retirementDate, plans };
}

// ---------------------------------------------------------------------------------------------
// Cumulative payments and break-even ages (nominal dollars, no COLAs)

/** Months of payments from age at R up to the given age (90 by default); never negative. */
export function horizonMonths(ageAtR: Age, toAgeYears = 90): number {
  return Math.max(0, toAgeYears * 12 - ageMonths(ageAtR));
}

export type Stream = {
  /** R, the first payment's month. */
  retirementDate: string;
  /** Paid once at R (BD-4's lump sum), or zero. */
  lumpSum?: string | null;
  /** The monthly life amount from R on. */
  monthly: string;
  /** The temporary benefit, paid with each month up to and including `lastTemporaryMonth` (BEN-4). */
  temporary?: string | null;
  lastTemporaryMonth?: string | null;
};

/**
 * Cumulative payments: element k is what has been paid once k monthly payments are in, that is at
 * age (age at R + k months); element 0 is the lump sum alone. `months` + 1 elements.
 */
export function cumulative(stream: Stream, months: number): Decimal[] {
  const rIdx = monthIndexOf(stream.retirementDate);
  const lastTemp = stream.temporary && stream.lastTemporaryMonth ? monthIndexOf(stream.lastTemporaryMonth) : -Infinity;
  const monthly = new Decimal(stream.monthly);
  const withTemp = stream.temporary ? monthly.plus(stream.temporary) : monthly;
  let total = new Decimal(stream.lumpSum ?? 0);
  const out: Decimal[] = [total];
  for (let i = 0; i < months; i++) {
    total = total.plus(rIdx + i <= lastTemp ? withTemp : monthly);
    out.push(total);
  }
  return out;
}

/**
 * The indexes k where two cumulative series cross: the sign of a − b changes between k − 1 and k
 * (or the two meet exactly at k and part the other way). A touch without a change of lead is not
 * a crossing.
 */
export function crossings(a: readonly Decimal[], b: readonly Decimal[]): number[] {
  const n = Math.min(a.length, b.length);
  const out: number[] = [];
  let lead = 0;
  let zeroFrom: number | null = null;
  for (let k = 0; k < n; k++) {
    const s = a[k]!.comparedTo(b[k]!);
    if (s === 0) {
      zeroFrom ??= k;
      continue;
    }
    if (lead !== 0 && s !== lead) out.push(zeroFrom ?? k);
    lead = s;
    zeroFrom = null;
  }
  return out;
}

export type Series = {
  id: string;
  label: string;
  plan: PlanCode;
  /** null for the plain LIFE stream, else the BackDROP period in months. */
  backdropMonths: number | null;
  values: Decimal[];
};

export type BreakEven = {
  /** The two series' ids. */
  a: string;
  b: string;
  /** Payments in when the lead changes: the member's age is age at R + index months. */
  index: number;
  age: Age;
  /** The first of the month at which the lead has changed (R + index months). */
  date: string;
  /** The series ahead from there on. */
  leader: string;
  /** The cumulative amounts of both at that point, to cents. */
  amountA: string;
  amountB: string;
};

/**
 * One plan's series for a retirement date: LIFE (+ the temporary benefit through the month the
 * member turns 62, BEN-4) and one per BackDROP period (the BD-4 lump sum at R, then its BD-3
 * monthly amount at retirement, plus the temporary benefit at B while it is paid).
 * `lastTemporaryMonth` is used when the estimate has no temporary benefit at R.
 */
export function planSeries(res: PlanResult, retirementDate: string, opts: { lastTemporaryMonth?: string | null; toAgeYears?: number } = {}): Series[] {
  if (res.status === 'not-eligible' || !res.lifeIncomeAnnuity) return [];
  const months = horizonMonths(res.ageAtRetirement, opts.toAgeYears);
  const lastTemp = res.temporaryBenefit?.lastPaymentMonth ?? opts.lastTemporaryMonth ?? null;
  const p = PLAN_LABEL[res.plan];
  const out: Series[] = [
    {
      id: `${res.plan}-LIFE`,
      label: `${p} LIFE${res.temporaryBenefit ? ' + temporary' : ''}`,
      plan: res.plan,
      backdropMonths: null,
      values: cumulative({ retirementDate, monthly: res.lifeIncomeAnnuity, temporary: res.temporaryBenefit?.monthly ?? null, lastTemporaryMonth: lastTemp }, months),
    },
  ];
  for (const period of res.backdrop.eligible ? res.backdrop.periods : []) {
    out.push({
      id: `${res.plan}-BD${period.months}`,
      label: `${p} ${period.months}-month BackDROP`,
      plan: res.plan,
      backdropMonths: period.months,
      values: cumulative(
        { retirementDate, lumpSum: period.lumpSum, monthly: period.monthlyAtRetirement, temporary: period.temporaryMonthly, lastTemporaryMonth: lastTemp },
        months,
      ),
    });
  }
  return out;
}

/** Break-even points between two series, with the member's age (from age at R) and the date. */
export function breakEvens(a: Series, b: Series, ageAtR: Age, retirementDate: string): BreakEven[] {
  return crossings(a.values, b.values).map((index) => {
    const va = a.values[index]!;
    const vb = b.values[index]!;
    // At a crossing the new leader is ahead at `index` or, on an exact meeting, just after it.
    let leader = va.comparedTo(vb) > 0 ? a.id : b.id;
    if (va.eq(vb)) {
      const next = a.values.findIndex((v, k) => k > index && !v.eq(b.values[k]!));
      leader = next >= 0 && a.values[next]!.comparedTo(b.values[next]!) > 0 ? a.id : b.id;
    }
    return {
      a: a.id,
      b: b.id,
      index,
      age: ageFromMonths(ageMonths(ageAtR) + index),
      date: addMonths(retirementDate, index),
      leader,
      amountA: va.toFixed(2),
      amountB: vb.toFixed(2),
    };
  });
}

/** The largest value over the series (for the chart's y axis), as a Decimal. */
export function maxValue(series: readonly Series[]): Decimal {
  let max = new Decimal(0);
  for (const s of series) for (const v of s.values) if (v.gt(max)) max = v;
  return max;
}

/** A "nice" axis maximum and step (1, 2 or 5 × 10^n) with about `ticks` steps, for pixel work. */
export function niceAxis(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const raw = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * pow).find((s) => s >= raw) ?? 10 * pow;
  return { max: Math.ceil(max / step) * step, step };
}

/** A nice axis over [min, max] (either may be negative), with the same steps as niceAxis. */
export function niceRange(min: number, max: number, ticks = 5): { min: number; max: number; step: number } {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max);
  if (!(hi - lo > 0)) return { min: 0, max: 1, step: 1 };
  const { step } = niceAxis(hi - lo, ticks);
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, step };
}

/** Element-wise difference b − a of two cumulative series (how far b is ahead of a). */
export function difference(a: readonly Decimal[], b: readonly Decimal[]): Decimal[] {
  const n = Math.min(a.length, b.length);
  return Array.from({ length: n }, (_, k) => b[k]!.minus(a[k]!));
}
