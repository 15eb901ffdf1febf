import type { Deadlines } from '../domain/estimate-schema';
import {
  addDays,
  addMonthsFirst,
  addMonthsToMonth,
  compareDates,
  date,
  dayOfWeek,
  daysInMonth,
  formatDate,
  lastOfMonth,
  monthOf,
  type CalDate,
} from './dates';

/** The n-th weekday (0 = Sunday) of a month; n = -1 for the last. */
function nthWeekday(y: number, m: number, weekday: number, n: number): CalDate {
  if (n > 0) {
    const first = dayOfWeek(date(y, m, 1));
    return date(y, m, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
  }
  const lastDay = daysInMonth(y, m);
  const last = dayOfWeek(date(y, m, lastDay));
  return date(y, m, lastDay - ((last - weekday + 7) % 7));
}

// PROC-5: a fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday after.
function observed(d: CalDate): CalDate {
  const wd = dayOfWeek(d);
  if (wd === 6) return addDays(d, -1);
  if (wd === 0) return addDays(d, 1);
  return d;
}

/** PROC-5: Missouri state holidays as observed, for the dates that fall in year y. */
export function missouriHolidays(y: number): CalDate[] {
  const fixed = (m: number, d: number) => observed(date(y, m, d));
  const all = [
    fixed(1, 1),
    nthWeekday(y, 1, 1, 3), // Martin Luther King Jr. Day
    fixed(2, 12), // Lincoln Day
    nthWeekday(y, 2, 1, 3), // Washington's Birthday
    fixed(5, 8), // Truman Day
    nthWeekday(y, 5, 1, -1), // Memorial Day
    fixed(6, 19), // Juneteenth
    fixed(7, 4),
    nthWeekday(y, 9, 1, 1), // Labor Day
    nthWeekday(y, 10, 1, 2), // Columbus Day
    fixed(11, 11), // Veterans Day
    nthWeekday(y, 11, 4, 4), // Thanksgiving
    fixed(12, 25),
    observed(date(y + 1, 1, 1)), // next New Year's Day, observed Dec 31 when Jan 1 is a Saturday
  ];
  return all.filter((d) => d.y === y);
}

export function isWorkingDay(d: CalDate): boolean {
  const wd = dayOfWeek(d);
  if (wd === 0 || wd === 6) return false;
  return !missouriHolidays(d.y).some((h) => compareDates(h, d) === 0);
}

/** PROC-5: the last working day of a month. */
export function lastWorkingDay(y: number, m: number): CalDate {
  let d = lastOfMonth({ y, m });
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

export type { Deadlines };

/** PROC-1, PROC-2, PROC-4, PROC-5 for a retirement date R (first of a month). */
export function processDates(r: CalDate): Deadlines {
  const rMonth = monthOf(r);
  const payment = lastWorkingDay(r.y, r.m);
  return {
    applicationEarliest: formatDate(addMonthsFirst(r, -4)), // PROC-1
    applicationDue: formatDate(lastOfMonth(addMonthsToMonth(rMonth, -2))), // PROC-1
    electionDue: formatDate(lastOfMonth(addMonthsToMonth(rMonth, -1))), // PROC-2
    voidAfter: formatDate(addDays(r, 90)), // PROC-4
    firstPaymentDate: formatDate(payment), // PROC-5
  };
}

export type IdealWindow = { from: string; to: string };

/** PROC-3: the ideal window for the other forms, 120 to 45 days before R. */
export function idealWindow(r: CalDate): IdealWindow {
  return { from: formatDate(addDays(r, -120)), to: formatDate(addDays(r, -45)) };
}
