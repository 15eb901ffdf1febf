// How amounts and dates print on the documents.
import { describe, expect, it } from 'vitest';
import {
  basisLabel,
  documentText,
  formatDate,
  formatDateLoose,
  formatMoney,
  formatMonth,
  formatRate,
  formatServiceMonths,
  formatSsn,
  maskAccount,
  maskSsn,
} from '../../../main/pdf/format';

describe('format', () => {
  it('prints amounts as $1,234.56', () => {
    expect(formatMoney('1234.56')).toBe('$1,234.56');
    expect(formatMoney('0.5')).toBe('$0.50');
    expect(formatMoney('7')).toBe('$7.00');
    expect(formatMoney('42022.80')).toBe('$42,022.80');
    expect(formatMoney('1234567.891')).toBe('$1,234,567.89');
    expect(formatMoney('999.995')).toBe('$1,000.00'); // half up (MONEY-2)
    expect(formatMoney('-3.5')).toBe('-$3.50');
  });

  it('prints dates as June 30, 2027 and months as March 2030, with no time zone', () => {
    expect(formatDate('2027-06-30')).toBe('June 30, 2027');
    expect(formatDate('2028-02-29')).toBe('February 29, 2028');
    expect(formatDate('2027-01-01')).toBe('January 1, 2027');
    expect(formatMonth('2030-03')).toBe('March 2030');
    expect(formatDateLoose('2026-12-31')).toBe('December 31, 2026');
    expect(formatDateLoose('until revoked')).toBe('until revoked');
    expect(formatDateLoose(null)).toBe('');
    expect(() => formatDate('2027-02-30')).toThrow();
  });

  it('masks the SSN except where the full number is required', () => {
    expect(maskSsn('123456789')).toBe('***-**-6789');
    expect(maskSsn('123-45-6789')).toBe('***-**-6789');
    expect(maskSsn(null)).toBe('');
    expect(formatSsn('123456789')).toBe('123-45-6789');
    expect(formatSsn('123-45-6789')).toBe('123-45-6789');
    expect(formatSsn(undefined)).toBe('');
    expect(maskAccount('000123456789')).toBe('****6789');
  });

  it('prints service, rates and bases', () => {
    expect(formatServiceMonths(216)).toBe('216 months (18 years)');
    expect(formatServiceMonths(74)).toBe('74 months (6 years 2 months)');
    expect(formatServiceMonths(13)).toBe('13 months (1 year 1 month)');
    expect(formatRate('0.02359')).toBe('2.359%');
    expect(basisLabel('plan')).toBe('plan provision');
    expect(basisLabel('statute')).toBe('statute');
    expect(basisLabel('ILLUSTRATIVE-SULT-7')).toBe('estimate, basis ILLUSTRATIVE-SULT-7');
  });

  it("rewrites the engine's trace text: long dates, months and dollar amounts, factors untouched", () => {
    expect(documentText('Base benefit at retirement: 5,395.19 × 0.016 × 216 / 12 (18 years) = 1,553.81')).toBe(
      'Base benefit at retirement: $5,395.19 × 0.016 × 216 / 12 (18 years) = $1,553.81',
    );
    expect(documentText('Final average pay: 194,226.96 / 36 months (2023-07 to 2026-06) = 5,395.19')).toBe(
      'Final average pay: $194,226.96 / 36 months (July 2023 to June 2026) = $5,395.19',
    );
    expect(documentText('COLA on 2027-07-01 at 2.359%: life 1,526.19')).toBe('COLA on July 1, 2027 at 2.359%: life $1,526.19');
    expect(documentText('451.96 × (1 − 0.005 × 18) = 451.96 × 0.9100 = 411.28')).toBe('$451.96 × (1 − 0.005 × 18) = $451.96 × 0.9100 = $411.28');
    expect(documentText('6,184.37 × 0.017 × 314 / 12 (26.1667 years) = 2,751.01')).toBe('$6,184.37 × 0.017 × 314 / 12 (26.1667 years) = $2,751.01');
    expect(documentText('Sick leave: 1450 hours / 168 = 8 months')).toBe('Sick leave: 1450 hours / 168 = 8 months');
  });
});
