const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2374.77" → "$2,374.77" without converting the decimal string to a number. */
export function money(amount: string | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  const negative = amount.startsWith('-');
  const [whole = '0', frac = '00'] = (negative ? amount.slice(1) : amount).split('.');
  return `${negative ? '−' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`;
}

/** "2027-06-30" → "June 30, 2027". */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** "2030-04" → "April 2030". */
export function longMonth(ym: string | null | undefined): string {
  if (!ym) return '—';
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

/** An age in the member's words: "62 years 2 months" (DATE-3 completed months). */
export function age(a: { years: number; months: number }): string {
  const months = a.months === 0 ? '' : ` ${a.months} month${a.months === 1 ? '' : 's'}`;
  return `${a.years} years${months}`;
}

export const PLAN_NAMES: Record<string, string> = { MSEP: 'MSEP', MSEP2000: 'MSEP 2000', MSEP2011: 'MSEP 2011' };
export const OPTION_NAMES: Record<string, string> = {
  LIFE: 'Life Income Annuity',
  JS50: '50% Joint & Survivor',
  JS100: '100% Joint & Survivor',
  C60: 'Life with 60 guaranteed payments',
  C120: 'Life with 120 guaranteed payments',
  C180: 'Life with 180 guaranteed payments',
};
export const RULE_NAMES: Record<string, string> = {
  AGE_65_5: 'Age 65 with 5 years',
  AGE_60_15: 'Age 60 with 15 years',
  AGE_62_5: 'Age 62 with 5 years',
  AGE_67_5: 'Age 67 with 5 years',
  RULE_OF_80: 'Rule of 80',
  RULE_OF_90: 'Rule of 90',
};
