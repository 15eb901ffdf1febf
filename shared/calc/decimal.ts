import DecimalBase from 'decimal.js';

// MONEY-1: decimal arithmetic with at least 34 significant digits.
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

// MONEY-2: round half up to cents at each published amount.
export function cents(v: Decimal): Decimal {
  return v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function money(v: Decimal): string {
  return v.toFixed(2, Decimal.ROUND_HALF_UP);
}

export function factor4(v: Decimal): string {
  return v.toFixed(4, Decimal.ROUND_HALF_UP);
}

/** `1234567.5` → `1,234,567.50`, for trace text and documents. */
export function moneyWithCommas(v: Decimal): string {
  const fixed = money(v);
  const negative = fixed.charCodeAt(0) === 45;
  const dot = fixed.length - 3;
  const start = negative ? 1 : 0;
  let out = fixed.slice(dot);
  for (let end = dot; end > start; end -= 3) {
    const from = Math.max(start, end - 3);
    out = (from > start ? ',' : '') + fixed.slice(from, end) + out;
  }
  return negative ? `-${out}` : out;
}

/** A rate such as 0.02359 shown as a percentage with 3 decimals: `2.359%`. */
export function percent3(rate: Decimal): string {
  return `${rate.times(100).toFixed(3, Decimal.ROUND_HALF_UP)}%`;
}

/** Two two-decimal money strings added exactly (MONEY-1), for a total shown beside its parts. */
export function addMoney(a: string, b: string | null): string {
  return money(new Decimal(a).plus(b ?? 0));
}
