import { addDays, compareDates, minDate, monthEndsThrough, type CalDate } from './dates';

/** Service facts as recorded on a statement dated `asOf` (DATE-4, SVC-2). */
export type ServiceRecord = {
  asOf: CalDate;
  earnedMonths: number;
  purchasedMonths: number;
  transferredMonths: number;
  sickLeaveHours: number;
  /** The member's actual last day worked; null while employed. */
  lastDayWorked: CalDate | null;
};

/** SVC-4: each full 168 hours of unused sick leave is one month of benefit service. */
export const SICK_HOURS_PER_MONTH = 168;

export function sickLeaveMonths(hours: number): { months: number; forfeitedHours: number } {
  const months = Math.floor(hours / SICK_HOURS_PER_MONTH);
  return { months, forfeitedHours: hours - months * SICK_HOURS_PER_MONTH };
}

/**
 * DATE-4, SVC-2: eligibility service in months through the day `through` (a last day worked).
 * Earned months move by one for each month end between the statement date and `through`;
 * nothing accrues after the actual last day worked. Purchased and transferred months count at
 * every date (ELIG-6 interpretation).
 */
export function eligibilityServiceThrough(rec: ServiceRecord, through: CalDate): number {
  const stop = rec.lastDayWorked;
  const to = stop ? minDate(through, stop) : through;
  const from = stop ? minDate(rec.asOf, stop) : rec.asOf;
  const earned = Math.max(0, rec.earnedMonths + monthEndsThrough(to) - monthEndsThrough(from));
  return earned + rec.purchasedMonths + rec.transferredMonths;
}

/**
 * The last day worked when retiring at the first-of-month date D: the day before D for a
 * member still employed (DATE-5), otherwise the actual last day worked if that is earlier.
 */
export function lastDayWorkedFor(rec: ServiceRecord, d: CalDate): CalDate {
  const dayBefore = addDays(d, -1);
  if (!rec.lastDayWorked) return dayBefore;
  return compareDates(rec.lastDayWorked, dayBefore) < 0 ? rec.lastDayWorked : dayBefore;
}
