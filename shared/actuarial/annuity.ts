import { Decimal, ONE, ZERO } from './decimal';
import { LruCache } from './lru-cache';
import type { MortalityTable } from './tables';

/** Completed years and months at R (RULES.md DATE-3); exact age years + months/12. */
export type AgeYM = { years: number; months: number };

/** Throws RangeError unless the age is whole years ≥ 0 and months 0–11. */
export function checkAge(age: AgeYM): void {
  const { years, months } = age;
  if (!Number.isSafeInteger(years) || years < 0 || !Number.isSafeInteger(months) || months < 0 || months > 11) {
    throw new RangeError(`age must be whole years ≥ 0 and months 0–11, got ${years}y${months}m`);
  }
}

/**
 * (j/12)p_x for j = 0, 1, … at the exact age x = years + months/12 (58y6m is 58.5), under UDD
 * within each year of age, ending with 0 after the table's last age (BASIS.md).
 */
export function monthlySurvival(table: MortalityTable, age: AgeYM): Decimal[] {
  checkAge(age);
  const { years, months } = age;
  if (years < table.minAge || years > table.maxAge) {
    throw new RangeError(`age ${years} is outside the mortality table's ages ${table.minAge}–${table.maxAge}`);
  }
  const qAt = (k: number): Decimal => table.q[k - table.minAge] ?? ONE;
  // UDD: l(k + m/12) = l_k·(1 − (m/12)·q_k), here scaled so that l(x) = 1.
  let lk = ONE.div(ONE.minus(qAt(years).times(months).div(12)));
  const out: Decimal[] = [];
  for (let k = years; k <= table.maxAge; k++) {
    const q = qAt(k);
    const step = lk.times(q).div(12);
    let l = k === years ? ONE : lk;
    for (let m = k === years ? months : 0; m < 12; m++) {
      out.push(l);
      l = l.minus(step);
    }
    lk = lk.times(ONE.minus(q));
  }
  out.push(ZERO);
  return out;
}

/** (j/12)p_xy = (j/12)p_x · (j/12)p_y: independent lives, month by month (BASIS.md). */
export function jointSurvival(px: readonly Decimal[], py: readonly Decimal[]): Decimal[] {
  const n = Math.min(px.length, py.length);
  const out: Decimal[] = [];
  for (let j = 0; j < n; j++) out.push((px[j] ?? ZERO).times(py[j] ?? ZERO));
  return out;
}

type Discounts = { v12: Decimal; values: Decimal[] };
const discountCache = new LruCache<string, Discounts>(64);

/**
 * v^(1/12) and its powers v^(j/12), j < months (at least), by repeated multiplication (no power per
 * term). Cached by rate and shared: read-only for callers.
 */
export function discounts(rate: Decimal, months: number): { readonly v12: Decimal; readonly values: readonly Decimal[] } {
  const key = rate.toString();
  let d = discountCache.get(key);
  if (!d) {
    d = { v12: rate.plus(1).pow(new Decimal(-1).div(12)), values: [ONE] };
    discountCache.set(key, d);
  }
  const { v12, values } = d;
  while (values.length < months) values.push((values[values.length - 1] ?? ONE).times(v12));
  return d;
}

/** v^(j/12)·p_j for a survival vector p. */
export function discountedTerms(p: readonly Decimal[], rate: Decimal): Decimal[] {
  const v = discounts(rate, p.length).values;
  return p.map((pj, j) => pj.times(v[j] ?? ZERO));
}

/** Σ_{j ≥ f} terms_j for each f in `from`, in one backward pass. */
export function sumsFrom<const T extends readonly number[]>(terms: readonly Decimal[], from: T): { -readonly [K in keyof T]: Decimal } {
  const out = from.map(() => ZERO);
  let sum = ZERO;
  for (let j = terms.length - 1; j >= 0; j--) {
    sum = sum.plus(terms[j] ?? ZERO);
    from.forEach((f, i) => {
      if (f === j) out[i] = sum;
    });
  }
  return out as { -readonly [K in keyof T]: Decimal };
}

/**
 * ä(12) = (1/12)·Σ_j v^(j/12)·(j/12)p for a single-life or joint survival vector (BASIS.md).
 * From month 12n it is nE_x·ä(12)_{x+n}: the same life, n years later.
 */
export function annuityDue12(p: readonly Decimal[], rate: Decimal, fromMonth = 0): Decimal {
  return sumsFrom(discountedTerms(p, rate), [fromMonth])[0].div(12);
}

/** nE_x = v^n · np_x. */
export function pureEndowment(p: readonly Decimal[], years: number, rate: Decimal): Decimal {
  return rate.plus(1).pow(-years).times(p[12 * years] ?? ZERO);
}

/** ä(12)_n = (1 − v^n)/d(12), d(12) = 12·(1 − (1 + i)^(−1/12)) (BASIS.md); n at zero interest. */
export function certainAnnuityDue12(years: number, rate: Decimal): Decimal {
  if (rate.isZero()) return new Decimal(years);
  const d12 = ONE.minus(discounts(rate, 1).v12).times(12);
  return ONE.minus(rate.plus(1).pow(-years)).div(d12);
}

/** Annual ä_x = Σ_k v^k·kp_x at an integer age, as in the textbook tables (BASIS.md). */
export function annuityDueAnnual(table: MortalityTable, age: number, rate: Decimal): Decimal {
  if (!Number.isSafeInteger(age) || age < table.minAge || age > table.maxAge) {
    throw new RangeError(`age ${age} is outside the mortality table's ages ${table.minAge}–${table.maxAge}`);
  }
  const v = ONE.div(rate.plus(1));
  let sum = ZERO;
  let term = ONE;
  for (let k = age; k <= table.maxAge; k++) {
    sum = sum.plus(term);
    term = term.times(v).times(ONE.minus(table.q[k - table.minAge] ?? ONE));
  }
  return sum;
}

/** α(12) = i·d/(i(12)·d(12)) and β(12) = (i − i(12))/(i(12)·d(12)): ä(12)_x = α·ä_x − β under UDD. */
export function alphaBeta12(rate: Decimal): { alpha: Decimal; beta: Decimal } {
  const d = rate.div(rate.plus(1));
  const i12 = rate.plus(1).pow(new Decimal(1).div(12)).minus(1).times(12);
  const d12 = ONE.minus(discounts(rate, 1).v12).times(12);
  const denom = i12.times(d12);
  return { alpha: rate.times(d).div(denom), beta: rate.minus(i12).div(denom) };
}
