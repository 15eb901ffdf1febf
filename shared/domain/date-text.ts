import { z } from 'zod';
import { daysInMonth } from '../calc/dates';

// DATE-1: what a counselor types into a date field, read as a plain calendar date (ISO string).
// Never through a JS Date: "02/30/2027" must be refused, not rolled over to March 2.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$|^(\d{2})(\d{2})(\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

export type DateText = { ok: true; iso: string } | { ok: false; message: string };

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * "07/01/2027", "7/1/2027", "07012027" or "2027-07-01" → "2027-07-01". A date that does not exist or is
 * incomplete is a message saying what to type. Blank input is the caller's business (see
 * `dateTextSchema`): it is never read as "clear the date".
 */
export function parseDateText(text: string): DateText {
  const s = text.trim();
  const us = US.exec(s);
  const iso = us ? null : ISO.exec(s);
  if (!us && !iso) return { ok: false, message: 'Type the whole date as MM/DD/YYYY, for example 07/01/2027.' };
  const [m, d, y] = us ? [Number(us[1] ?? us[4]), Number(us[2] ?? us[5]), Number(us[3] ?? us[6])] : [Number(iso![2]), Number(iso![3]), Number(iso![1])];
  if (m < 1 || m > 12) return { ok: false, message: `There is no month ${m}. Type the month first, as MM/DD/YYYY.` };
  if (y < 1900 || y > 2200) return { ok: false, message: `${y} is not a year this record can hold. Check the year.` };
  const last = daysInMonth(y, m);
  if (d < 1 || d > last) return { ok: false, message: `${MONTHS[m - 1]} ${y} has no day ${d} (it has ${last} days). Check the day.` };
  return { ok: true, iso: `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` };
}

/** A stored ISO date as the field shows it: "2027-07-01" → "07/01/2027". */
export function dateTextOf(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

/**
 * A date field's text: blank (nothing typed) or a whole calendar date. Used through
 * react-hook-form's zod resolver, so the message shows beside the field.
 */
export const dateTextSchema = z.string().superRefine((s, ctx) => {
  if (s.trim() === '') return;
  const r = parseDateText(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
});
