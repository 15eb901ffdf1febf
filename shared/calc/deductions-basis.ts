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
      // Single or married filing separately: the 2026 brackets (Rev. Proc. 2025-32) over the
      // standard deduction of 16,100 less the 8,600 adjustment, as Publication 15-T builds its rows.
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
      // Head of household: the 2026 brackets over the standard deduction of 24,150 less 8,600.
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
    checkbox: null,
    sources: [
      'IRS Publication 15-T (2026), Federal Income Tax Withholding Methods: Worksheet 1B and the Annual STANDARD Withholding Rate Schedules (married filing jointly rows 19,300 / 44,100 / 2,480 + 12% / 120,100; Worksheet 1B line 1g 12,900 and 8,600), as reproduced at halfpricesoft.com/federal_income_tax_2026 (December 2025).',
      'Single and head-of-household rows: the 2026 tax brackets of Rev. Proc. 2025-32 (single 12,400 / 50,400 / 105,700 / 201,775 / 256,225 / 640,600; head of household 17,700 / 67,450 / 105,700 / 201,750 / 256,200 / 640,600) over the 2026 standard deductions (16,100; 24,150) less the 8,600 adjustment, the construction Publication 15-T uses; to be checked against the printed rows.',
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
