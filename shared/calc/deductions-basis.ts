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
  /** The Step 2 checkbox schedules; null when the basis does not carry them. */
  checkbox: Readonly<Record<FilingStatus, readonly Bracket[]>> | null;
  sources: readonly string[];
}>;

export type MissouriBasis = Readonly<{
  standardDeduction: Readonly<Record<FilingStatus, string>>;
  brackets: readonly Bracket[];
  /** TAX-1: the public pension exemption (annual). */
  publicPensionExemption: string;
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
    // The Form W-4 / W-4P Step 2 checkbox schedules, as printed (no line 1g adjustment applies).
    // Each is the standard schedule at half width; the printed thresholds are rounded to whole
    // dollars and the bases are worked from the unrounded half (so 108,938 carries 20,512).
    checkbox: {
      married: rows([
        ['0', '0', '0'],
        ['16100', '0', '0.10'],
        ['28500', '1240', '0.12'],
        ['66500', '5800', '0.22'],
        ['121800', '17966', '0.24'],
        ['217875', '41024', '0.32'],
        ['272325', '58448', '0.35'],
        ['400450', '103291.75', '0.37'],
      ]),
      single: rows([
        ['0', '0', '0'],
        ['8050', '0', '0.10'],
        ['14250', '620', '0.12'],
        ['33250', '2900', '0.22'],
        ['60900', '8983', '0.24'],
        ['108938', '20512', '0.32'],
        ['136163', '29224', '0.35'],
        ['328350', '96489.63', '0.37'],
      ]),
      head: rows([
        ['0', '0', '0'],
        ['12075', '0', '0.10'],
        ['20925', '885', '0.12'],
        ['45800', '3870', '0.22'],
        ['64925', '8077.50', '0.24'],
        ['112950', '19603.50', '0.32'],
        ['140175', '28315.50', '0.35'],
        ['332375', '95585.50', '0.37'],
      ]),
    },
    sources: [
      'IRS Publication 15-T (2026), Federal Income Tax Withholding Methods, section 1: Worksheet 1B (periodic payments of pensions and annuities, 2022 or later Form W-4P), line 1g 12,900 (married filing jointly) and 8,600 (otherwise), and the 2026 Annual Percentage Method Tables, STANDARD and Form W-4 Step 2 Checkbox Withholding Rate Schedules for married filing jointly, single or married filing separately, and head of household (https://www.irs.gov/publications/p15t).',
      'Checked row for row against independent transcriptions of the same 2026 annual tables: halfpricesoft.com/federal_income_tax_2026 (married filing jointly, December 2025) and several public payroll programs citing Publication 15-T (2026) section 1 (every STANDARD and checkbox row of all three statuses agree). Each row is also consistent with the 2026 brackets of Rev. Proc. 2025-32 over the 2026 standard deductions (16,100; 32,200; 24,150) less the line 1g adjustment, full width for the STANDARD schedules and half width for the checkbox schedules.',
    ],
  },
  missouri: null,
  dependentChildLifeMonthly: '2.00',
  sources: [
    'Federal: as above. Missouri: the 2026 standard deductions (16,100 single or married spouse works; 32,200 married spouse does not work; 24,150 head of household) are published, but the Department of Revenue 2026 rate table was not confirmed, so this basis carries no Missouri withholding (TAX-1).',
    'Dependent child life insurance: $2.00 a month in total (Retirement Guide, FORM-4).',
  ],
};

export const DEDUCTIONS_BASES: Readonly<Record<number, DeductionsBasis>> = deepFreeze({ 2026: US_MO_2026 });

/** The basis for a tax year, or null: never another year's. */
export function deductionsBasisFor(year: number): DeductionsBasis | null {
  return DEDUCTIONS_BASES[year] ?? null;
}
