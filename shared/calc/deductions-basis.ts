// TAX-1, TAX-2: the deductions basis, versioned and immutable like the actuarial basis: an id, a
// tax year, and the source of every figure. A year without a basis has none; it is never filled
// from another year without saying so (net.ts notes which basis it used).

export const FILING_STATUSES = ['single', 'married', 'head'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

/** One row of an annual percentage-method schedule: over `over`, `base` plus `rate` of the excess. */
export type Bracket = Readonly<{ over: string; base: string; rate: string }>;

export type FederalBasis = Readonly<{
  /**
   * Publication 15-T Worksheet 1B line 1g: subtracted from the annual payment when the Step 2 box of
   * the 2022 or later Form W-4P is not checked.
   */
  standardAdjustment: Readonly<Record<FilingStatus, string>>;
  /** STANDARD Withholding Rate Schedules (Step 2 box not checked), annual. */
  standard: Readonly<Record<FilingStatus, readonly Bracket[]>>;
  sources: readonly string[];
}>;

/** The Form MO W-4 filing statuses the Department of Revenue formula takes. */
export const MO_FILING_STATUSES = ['single', 'marriedSpouseWorks', 'marriedSpouseDoesNotWork', 'head'] as const;
export type MoFilingStatus = (typeof MO_FILING_STATUSES)[number];

export type MissouriBasis = Readonly<{
  /** Step 1 of the year's Missouri Withholding Tax Formula, annual. */
  standardDeduction: Readonly<Record<MoFilingStatus, string>>;
  /** Step 2, the annual table; the bases are the formula's own whole-dollar running totals. */
  brackets: readonly Bracket[];
  /**
   * TAX-1: the ceiling on the public pension exemption for the year (the maximum Social Security
   * benefit), or null while the Department of Revenue has not published the year's figure.
   */
  publicPensionExemptionCeiling: string | null;
  /** Form MO W-4P: the least monthly amount a recipient may elect to have withheld. */
  minimumMonthlyElection: string;
  sources: readonly string[];
}>;

export type DeductionsBasis = Readonly<{
  id: string;
  taxYear: number;
  version: number;
  federal: FederalBasis;
  /** null: the year's Missouri Department of Revenue formula is not in this basis (the estimate says so). */
  missouri: MissouriBasis | null;
  /** FORM-4: dependent child life insurance, a month in total. */
  dependentChildLifeMonthly: string;
  sources: readonly string[];
}>;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

const rows = (r: [string, string, string][]): Bracket[] => r.map(([over, base, rate]) => ({ over, base, rate }));

/**
 * Tax year 2026. Federal: IRS Publication 15-T (2026), section 1, Worksheet 1B (periodic payments
 * of pensions and annuities, 2022 or later Form W-4P) and the 2026 Annual Percentage Method Tables,
 * STANDARD Withholding Rate Schedules.
 */
const US_MO_2026: DeductionsBasis = {
  id: 'US-MO-2026',
  taxYear: 2026,
  version: 1,
  federal: {
    standardAdjustment: { single: '8600', married: '12900', head: '8600' },
    standard: {
      // Married filing jointly: the rows as printed in Publication 15-T (2026).
      married: rows([
        ['0', '0', '0'],
        ['19300', '0', '0.10'],
        ['44100', '2480', '0.12'],
        ['120100', '11600', '0.22'],
        ['230700', '35932', '0.24'],
        ['422850', '82048', '0.32'],
        ['531750', '116896', '0.35'],
        ['788000', '206583.50', '0.37'],
      ]),
      // Single or married filing separately: the rows as printed in Publication 15-T (2026). They
      // are also the 2026 brackets (Rev. Proc. 2025-32) moved up by 16,100 − 8,600 = 7,500.
      single: rows([
        ['0', '0', '0'],
        ['7500', '0', '0.10'],
        ['19900', '1240', '0.12'],
        ['57900', '5800', '0.22'],
        ['113200', '17966', '0.24'],
        ['209275', '41024', '0.32'],
        ['263725', '58448', '0.35'],
        ['648100', '192979.25', '0.37'],
      ]),
      // Head of household: the rows as printed (the 2026 brackets moved up by 24,150 − 8,600 = 15,550).
      head: rows([
        ['0', '0', '0'],
        ['15550', '0', '0.10'],
        ['33250', '1770', '0.12'],
        ['83000', '7740', '0.22'],
        ['121250', '16155', '0.24'],
        ['217300', '39207', '0.32'],
        ['271750', '56631', '0.35'],
        ['656150', '191171', '0.37'],
      ]),
    },
    sources: [
      'IRS Publication 15-T (2026), Federal Income Tax Withholding Methods, section 1: Worksheet 1B (periodic payments of pensions and annuities, 2022 or later Form W-4P), line 1g 12,900 (married filing jointly) and 8,600 (otherwise), and the 2026 Annual Percentage Method Tables, STANDARD Withholding Rate Schedules for married filing jointly, single or married filing separately, and head of household (https://www.irs.gov/publications/p15t). Worksheet 1B uses the STANDARD schedules only: the W-4P has no Step 2 checkbox (the Form W-4 Step 2 checkbox schedules are for wages); its Step 2(b)(iii) amount enters Worksheet 1B Step 2 Parts I to III.',
      'Checked row for row against independent transcriptions of the same 2026 annual tables: halfpricesoft.com/federal_income_tax_2026 (married filing jointly, December 2025) and several public payroll programs citing Publication 15-T (2026) section 1 (every STANDARD row of all three statuses agrees). Each row is also the 2026 brackets of Rev. Proc. 2025-32 moved up by the 2026 standard deduction (16,100; 32,200; 24,150) less the line 1g adjustment. Worksheet 1B Step 2 Parts I to III as implemented by a public pension administration system (lines 2a to 2u).',
    ],
  },
  missouri: {
    standardDeduction: { single: '16100', marriedSpouseWorks: '16100', marriedSpouseDoesNotWork: '32200', head: '24150' },
    // 0% to 1,348, then 2% to 4.5% in 1,348 bands, 4.7% over 9,436. The bases are the formula's
    // rounded running totals (27 + 34 + 40 + 47 + 54 + 61 = 263, where the exact sum is 262.86);
    // the Department's own example (35,000, married spouse works: 707.81 a year) needs them.
    brackets: rows([
      ['0', '0', '0'],
      ['1348', '0', '0.02'],
      ['2696', '27', '0.025'],
      ['4044', '61', '0.03'],
      ['5392', '101', '0.035'],
      ['6740', '148', '0.04'],
      ['8088', '202', '0.045'],
      ['9436', '263', '0.047'],
    ]),
    publicPensionExemptionCeiling: null,
    minimumMonthlyElection: '10.00',
    sources: [
      'Missouri Department of Revenue, 2026 Missouri Withholding Tax Formula (https://dor.mo.gov/forms/Withholding%20Formula_2026.pdf, published November 2025): Step 1 standard deductions (single 16,100; married, spouse works 16,100; married, spouse does not work 32,200; head of household 24,150); no federal income tax deduction from 2026; Step 2 annual table 0.00% to 1,348.00, 2.00% to 2,696.00, 2.50% to 4,044.00, 3.00% to 5,392.00, 3.50% to 6,740.00, 4.00% to 8,088.00, 4.50% to 9,436.00, 4.70% over; each period amount rounded to the nearest whole dollar; the example of 35,000 a year, married with a working spouse: 707.81 a year, 59.00 a month; no Form MO W-4: withhold as single. As transcribed (pdftotext) in several public payroll programs and at halfpricesoft.com/2026/taxrate-missouri-2026 (December 2025).',
      'Missouri Department of Revenue, Form MO W-4P, Withholding Certificate for Pension or Annuity Payments: withholding of Missouri income tax from a pension is voluntary; line 1 elects none, line 2 a monthly amount of not less than 10.00 (form as published by the Department; University of Missouri payroll, Valid Missouri W-4P Forms). The formula above is a guide to the amount to elect.',
      'TAX-1 (RULES.md): from 2024 public pension income is exempt up to the maximum Social Security benefit, with no income limit. The Department of Revenue Pension FAQ gives 47,633 for 2025; the 2026 ceiling is printed on the 2026 Form MO-A, not yet published, so this basis carries none and the formula figure is before the exemption.',
    ],
  },
  dependentChildLifeMonthly: '2.00',
  sources: [
    'Federal and Missouri: as above.',
    'Dependent child life insurance: $2.00 a month in total (Retirement Guide, FORM-4).',
  ],
};

export const DEDUCTIONS_BASES: Readonly<Record<number, DeductionsBasis>> = deepFreeze({ 2026: US_MO_2026 });

/** The basis for a tax year, or null: never another year's. */
export function deductionsBasisFor(year: number): DeductionsBasis | null {
  return DEDUCTIONS_BASES[year] ?? null;
}
