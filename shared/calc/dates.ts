// DATE-1: plan dates are calendar dates with no time zone. Plain year/month/day arithmetic only.

export type CalDate = { readonly y: number; readonly m: number; readonly d: number };
export type CalMonth = { readonly y: number; readonly m: number };
export type AgeYM = { years: number; months: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export function tryParseDate(s: string): CalDate | null {
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function parseDate(s: string): CalDate {
  const date = tryParseDate(s);
  if (!date) throw new RangeError(`not a calendar date: ${s}`);
  return date;
}

export function tryParseMonth(s: string): CalMonth | null {
  const match = ISO_MONTH.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  if (y < 1800 || y > 2200 || m < 1 || m > 12) return null;
  return { y, m };
}

export function parseMonth(s: string): CalMonth {
  const month = tryParseMonth(s);
  if (!month) throw new RangeError(`not a calendar month: ${s}`);
  return month;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function formatDate(d: CalDate): string {
  return `${pad(d.y, 4)}-${pad(d.m, 2)}-${pad(d.d, 2)}`;
}

export function formatMonth(m: CalMonth): string {
  return `${pad(m.y, 4)}-${pad(m.m, 2)}`;
}

export function date(y: number, m: number, d: number): CalDate {
  return { y, m, d };
}

export function compareDates(a: CalDate, b: CalDate): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

export function minDate(a: CalDate, b: CalDate): CalDate {
  return compareDates(a, b) <= 0 ? a : b;
}


export function isLastOfMonth(d: CalDate): boolean {
  return d.d === daysInMonth(d.y, d.m);
}

/** Months counted from year 0: a total order on calendar months. */
export function monthIndex(m: CalMonth): number {
  return m.y * 12 + (m.m - 1);
}

export function monthFromIndex(i: number): CalMonth {
  return { y: Math.floor(i / 12), m: (i % 12) + 1 };
}

export function monthOf(d: CalDate): CalMonth {
  return { y: d.y, m: d.m };
}

export function firstOfMonth(m: CalMonth): CalDate {
  return { y: m.y, m: m.m, d: 1 };
}

export function lastOfMonth(m: CalMonth): CalDate {
  return { y: m.y, m: m.m, d: daysInMonth(m.y, m.m) };
}

export function addMonthsToMonth(m: CalMonth, n: number): CalMonth {
  return monthFromIndex(monthIndex(m) + n);
}

/** The first of the month n months after the first-of-month date d. */
export function addMonthsFirst(d: CalDate, n: number): CalDate {
  return firstOfMonth(addMonthsToMonth(monthOf(d), n));
}

/** Whole months from one first-of-month date to another (b − a). */
export function monthsBetween(a: CalDate, b: CalDate): number {
  return monthIndex(monthOf(b)) - monthIndex(monthOf(a));
}

// Day numbers (days since 1970-01-01 in the proleptic Gregorian calendar), for day arithmetic.
export function dayNumber(d: CalDate): number {
  const y = d.m <= 2 ? d.y - 1 : d.y;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (d.m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d.d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): CalDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function addDays(d: CalDate, n: number): CalDate {
  return fromDayNumber(dayNumber(d) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: CalDate): number {
  return (((dayNumber(d) + 4) % 7) + 7) % 7;
}

/**
 * DATE-3: age as completed months since birth. A month completes on the birth day-of-month,
 * or on the last day of a shorter month for births on the 29th to 31st.
 */
export function ageInMonths(birth: CalDate, at: CalDate): number {
  let months = (at.y - birth.y) * 12 + (at.m - birth.m);
  if (at.d < Math.min(birth.d, daysInMonth(at.y, at.m))) months -= 1;
  return months;
}

export function toAge(months: number): AgeYM {
  return { years: Math.floor(months / 12), months: months % 12 };
}

export function ageAt(birth: CalDate, at: CalDate): AgeYM {
  return toAge(ageInMonths(birth, at));
}

/** The first-of-month date on or after d. */
export function firstOfMonthOnOrAfter(d: CalDate): CalDate {
  return d.d === 1 ? d : addMonthsFirst(firstOfMonth(monthOf(d)), 1);
}


/** Month ends on or before d, counted from year 0 (DATE-4 service counting). */
export function monthEndsThrough(d: CalDate): number {
  return monthIndex(monthOf(d)) + (isLastOfMonth(d) ? 1 : 0);
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `June 30, 2027`. */
export function longDate(d: CalDate): string {
  return `${MONTH_NAMES[d.m - 1] ?? ''} ${d.d}, ${d.y}`;
}

export function longMonth(m: CalMonth): string {
  return `${MONTH_NAMES[m.m - 1] ?? ''} ${m.y}`;
}
