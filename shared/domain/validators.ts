import { Decimal } from '../calc/decimal';

/** FORM-2: nine digits with 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function isValidAbaRouting(s: string): boolean {
  if (!/^\d{9}$/.test(s)) return false;
  const d = [...s].map(Number) as number[];
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

/** An SSN as nine digits (dashes allowed on input); area 000, 666 and 9xx are never issued. */
export function normalizeSsn(s: string): string | null {
  const digits = s.replace(/-/g, '');
  if (!/^\d{9}$/.test(digits)) return null;
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area.startsWith('9')) return null;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return null;
  return digits;
}

export function maskSsn(ssn: string | null | undefined): string | null {
  if (!ssn) return null;
  return `***-**-${ssn.slice(-4)}`;
}

export function maskAccount(account: string | null | undefined): string | null {
  if (!account) return null;
  return `****${account.slice(-4)}`;
}

/**
 * FORM-3: a share is a percentage ("50", "33.33") or a fraction ("1/3"). Returns the share as
 * an exact fraction of 100, or null when it is not one.
 */
export function shareValue(share: string): Decimal | null {
  const frac = /^(\d{1,3})\/(\d{1,3})$/.exec(share);
  if (frac) {
    const den = Number(frac[2]);
    if (den === 0) return null;
    return new Decimal(frac[1]!).dividedBy(den).times(100);
  }
  if (/^\d{1,3}(\.\d{1,4})?$/.test(share)) return new Decimal(share);
  return null;
}

/**
 * FORM-3: shares within a class add up to exactly 100%. Percentages must sum to 100 exactly;
 * fractions must sum to 1 (thirds are fine as 1/3 each).
 */
export function sharesTotal100(shares: string[]): boolean {
  const values = shares.map(shareValue);
  if (values.some((v) => v === null)) return false;
  const total = (values as Decimal[]).reduce((s, v) => s.plus(v), new Decimal(0));
  return total.minus(100).abs().lessThan('1e-20');
}
