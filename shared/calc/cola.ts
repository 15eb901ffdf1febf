import { cents, Decimal, percent3, ZERO } from './decimal';
import { addMonthsFirst, compareDates, type CalDate } from './dates';
import type { Lines } from './notes';

/** COLA-1: rates applied in each calendar year, as published by MOSERS (percent). */
export const PUBLISHED_COLA_RATES: Readonly<Record<number, string>> = {
  2015: '1.298',
  2016: '0.095',
  2023: '5.000',
  2024: '3.293',
  2025: '2.359',
};

/** COLA-1: rates computed from BLS CPI-U annual averages, not found in a MOSERS publication. */
export const UNVERIFIED_COLA_RATES: Readonly<Record<number, string>> = {
  2014: '1.172',
  2017: '1.010',
  2018: '1.704',
  2019: '1.954',
  2020: '1.450',
  2021: '0.987',
  2022: '3.758',
};

const LATEST_TABLE_YEAR = Math.max(...Object.keys(PUBLISHED_COLA_RATES).map(Number));

export type ColaSettings = {
  /** The case's `colaRates`: calendar year → rate (0.02359 = 2.359%). */
  rates: Readonly<Record<string, string>>;
  /** The case's `colaAssumption`, for years in neither the case nor the table. */
  assumption: string | null;
};

/** COLA-1: the rate applied in a calendar year, with a note saying where it came from. */
export function colaRateFor(year: number, settings: ColaSettings, notes: Lines): Decimal {
  const own = settings.rates[String(year)];
  if (own !== undefined) return new Decimal(own);
  const published = PUBLISHED_COLA_RATES[year];
  if (published !== undefined) return new Decimal(published).dividedBy(100);
  const unverified = UNVERIFIED_COLA_RATES[year];
  if (unverified !== undefined) {
    notes.add('COLA-1', `The ${year} COLA rate of ${unverified}% is computed from CPI-U averages and not verified against a MOSERS publication.`);
    return new Decimal(unverified).dividedBy(100);
  }
  if (settings.assumption !== null) {
    const rate = new Decimal(settings.assumption);
    notes.add('COLA-1', `Assumed COLA rate of ${percent3(rate)} for ${year} (the case's assumption).`);
    return rate;
  }
  const latest = new Decimal(PUBLISHED_COLA_RATES[LATEST_TABLE_YEAR]!).dividedBy(100);
  notes.add('COLA-1', `Assumed COLA rate of ${percent3(latest)} for ${year}: the latest published rate (${LATEST_TABLE_YEAR}), as MOSERS' own estimator does.`);
  return latest;
}

/**
 * COLA-1 from CPI-U: average each year's 12 months to 3 decimals, take the increase in percent to
 * 3 decimals, multiply by 0.8 to 3 decimals, then floor at 0 and cap at 5%. Returns the rate in
 * percent and the uncapped figure.
 */
export function colaFromCpi(prior: readonly string[] | string, previous: readonly string[] | string): { increase: Decimal; uncapped: Decimal; rate: Decimal } {
  const avg = (v: readonly string[] | string) =>
    typeof v === 'string' ? new Decimal(v) : v.reduce((s, x) => s.plus(x), ZERO).dividedBy(v.length).toDecimalPlaces(3, Decimal.ROUND_HALF_UP);
  if (typeof prior !== 'string' && prior.length !== 12) throw new RangeError('CPI-U year needs 12 monthly values');
  if (typeof previous !== 'string' && previous.length !== 12) throw new RangeError('CPI-U year needs 12 monthly values');
  const a = avg(prior);
  const b = avg(previous);
  const increase = b.dividedBy(a).minus(1).times(100).toDecimalPlaces(3, Decimal.ROUND_HALF_UP);
  const uncapped = increase.times('0.8').toDecimalPlaces(3, Decimal.ROUND_HALF_UP);
  const rate = Decimal.min(Decimal.max(uncapped, 0), 5);
  return { increase, uncapped, rate };
}

/**
 * COLA-3 for MSEP members first employed before 1997-08-28 retiring under MSEP: a 4%–5% clamp
 * until the increases sum to 65% of the initial benefit; in the year the cap is reached, the
 * greater of what of the 4% minimum still fits and the plain rate; after that, the plain rate.
 */
export type ColaStream = {
  amount: Decimal;
  readonly minimumCap: Decimal | null;
  increases: Decimal;
};

export function newColaStream(initial: Decimal, msepMinimum: boolean): ColaStream {
  // MONEY-2: the cap is rounded to cents, so the cap year's increase (the room left under it) and
  // every amount after it are whole cents (0.65 × 3,281.69 = 2,133.0985 → 2,133.10).
  return { amount: initial, minimumCap: msepMinimum ? cents(initial.times('0.65')) : null, increases: ZERO };
}

/** COLA-2: one yearly increase, compounded on the current amount and rounded to cents (MONEY-2). */
export function applyCola(stream: ColaStream, rate: Decimal): Decimal {
  const plain = cents(stream.amount.times(rate));
  let inc = plain;
  if (stream.minimumCap && stream.increases.lessThan(stream.minimumCap)) {
    const clamped = cents(stream.amount.times(Decimal.min(Decimal.max(rate, '0.04'), '0.05')));
    const room = stream.minimumCap.minus(stream.increases);
    if (clamped.lessThanOrEqualTo(room)) {
      inc = clamped;
    } else {
      const minimumPart = Decimal.min(cents(stream.amount.times('0.04')), room);
      inc = Decimal.max(minimumPart, plain);
    }
  }
  stream.amount = stream.amount.plus(inc);
  stream.increases = stream.increases.plus(inc);
  return stream.amount;
}

/**
 * COLA-2: the COLA dates, each anniversary (12 months on) of a first-of-month start, up to and
 * including `last`. The start is R, or B with a BackDROP (BD-4); COLA-4 uses it in service too.
 */
export function anniversaries(start: CalDate, last: CalDate): CalDate[] {
  const out: CalDate[] = [];
  for (let k = 1; ; k++) {
    const a = addMonthsFirst(start, 12 * k);
    if (compareDates(a, last) > 0) return out;
    out.push(a);
  }
}
