// DATE-1: a typed date is a calendar date or an error that says what to type; never rolled over.
import { describe, expect, it } from 'vitest';
import { dateTextOf, dateTextSchema, parseDateText } from '../../../shared/domain/date-text';

describe('parseDateText (DATE-1)', () => {
  it('reads MM/DD/YYYY, M/D/YYYY, MMDDYYYY and YYYY-MM-DD as the same calendar date', () => {
    for (const t of ['07/01/2027', '7/1/2027', '07012027', '2027-07-01', ' 07/01/2027 ']) expect(parseDateText(t)).toEqual({ ok: true, iso: '2027-07-01' });
    expect(parseDateText('02/29/2028')).toEqual({ ok: true, iso: '2028-02-29' });
  });
  it('refuses a date that does not exist, naming the month and its days', () => {
    expect(parseDateText('02/30/2027')).toEqual({ ok: false, message: 'February 2027 has no day 30 (it has 28 days). Check the day.' });
    expect(parseDateText('02/29/2027')).toMatchObject({ ok: false });
    expect(parseDateText('04/31/2027')).toMatchObject({ ok: false, message: expect.stringContaining('April 2027 has no day 31') });
    expect(parseDateText('13/01/2027')).toMatchObject({ ok: false, message: expect.stringContaining('no month 13') });
    expect(parseDateText('00/10/2027')).toMatchObject({ ok: false });
  });
  it('refuses an incomplete or two-digit-year date', () => {
    for (const t of ['07/2027', '7/1/27', '2027-07', '07/01/', 'July 1', '0701202', '']) expect(parseDateText(t)).toMatchObject({ ok: false, message: expect.stringContaining('MM/DD/YYYY') });
  });
  it('shows a stored date as the field holds it; the schema lets blank through for the caller to judge', () => {
    expect(dateTextOf('2027-07-01')).toBe('07/01/2027');
    expect(dateTextOf(null)).toBe('');
    expect(dateTextSchema.safeParse('').success).toBe(true);
    expect(dateTextSchema.safeParse('02/30/2027').success).toBe(false);
  });
});
