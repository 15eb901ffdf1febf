import { z } from 'zod';
import { daysInMonth, longMonth, tryParseDate, tryParseMonth } from '../calc/dates';
import { Decimal } from '../calc/decimal';

// The case file, format version 1 (../shared/domain/CASE-FORMAT.md). The only definition of this
// shape: the CLI, the estimates IPC channel, batch runs and the caseload all parse with it.

export const PLAN_CODES = ['MSEP', 'MSEP2000', 'MSEP2011'] as const;
export const planCodeSchema = z.enum(PLAN_CODES, { error: 'must be one of "MSEP", "MSEP2000" or "MSEP2011"' });
export type PlanCode = z.infer<typeof planCodeSchema>;

export const isoDateSchema = z
  .string({ error: 'must be a date YYYY-MM-DD' })
  .superRefine((s, ctx) => {
    if (tryParseDate(s) !== null) return;
    // DATE-1: a well-formed date whose day does not exist says which day, so it can be corrected.
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
    const why = m && mo >= 1 && mo <= 12 && d > daysInMonth(y, mo) ? `: ${longMonth({ y, m: mo })} has no day ${d}` : '';
    ctx.addIssue({ code: 'custom', message: `must be a calendar date YYYY-MM-DD${why}` });
  });

export const isoMonthSchema = z
  .string({ error: 'must be a month YYYY-MM' })
  .refine((s) => tryParseMonth(s) !== null, { message: 'must be a calendar month YYYY-MM' });

export const moneySchema = z
  .string({ error: 'must be a decimal string with at most two places' })
  .regex(/^\d{1,9}(\.\d{1,2})?$/, { message: 'must be a decimal string with at most two places' });

const rateSchema = z
  .string({ error: 'must be a decimal rate string such as "0.02359"' })
  .regex(/^0(\.\d{1,8})?$|^0?\.\d{1,8}$/, { message: 'must be a decimal rate string such as "0.02359"' })
  .refine((s) => Number(s) <= 0.05, { message: 'must be a rate between 0 and 0.05 (COLA-1 caps at 5%)' });

const wholeMonths = (max: number) =>
  z
    .number({ error: 'must be a whole number of months' })
    .int({ message: 'must be a whole number of months' })
    .min(0, { message: 'must not be negative' })
    .max(max, { message: `must be at most ${max}` });

export const memberSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  memberId: z.string().trim().min(1).max(40).optional(),
  birthDate: isoDateSchema,
  firstEmploymentDate: isoDateSchema,
  leftBeforeVestingAndReturned: z.boolean().optional().default(false),
  returnedAfterBuyout: z.boolean().optional().default(false),
  lastDayWorked: isoDateSchema.nullable().optional().default(null),
  plan: z.enum(PLAN_CODES, { error: 'must be one of "MSEP", "MSEP2000" or "MSEP2011", or null' }).nullable().optional().default(null),
}, { error: "must be an object with the member's fields" });

export const spouseSchema = z.strictObject(
  {
    name: z.string().trim().min(1).max(200).optional(),
    birthDate: isoDateSchema,
  },
  { error: "must be an object with the spouse's fields, or null" },
);

export const serviceSchema = z.strictObject({
  asOf: isoDateSchema,
  earnedMonths: wholeMonths(900),
  purchasedMonths: wholeMonths(900).optional().default(0),
  transferredMonths: wholeMonths(900).optional().default(0),
  sickLeaveHours: z
    .number({ error: 'must be a whole number of hours' })
    .int({ message: 'must be a whole number of hours' })
    .min(0, { message: 'must not be negative' })
    .max(200_000, { message: 'must be at most 200000' })
    .optional()
    .default(0),
}, { error: 'must be an object with the service fields' });

export const payMonthSchema = z.strictObject({ month: isoMonthSchema, amount: moneySchema }, { error: 'must be an object with a month and an amount' });

export const paySchema = z.strictObject({
  finalAveragePay: moneySchema.nullable().optional().default(null),
  history: z.array(payMonthSchema, { error: 'must be a list of { month, amount }' }).max(1200, { message: 'must have at most 1200 months' }).optional().default([]),
  projection: z
    .strictObject({ fromMonth: isoMonthSchema, monthlyRate: moneySchema }, { error: 'must be an object with fromMonth and monthlyRate, or null' })
    .nullable()
    .optional()
    .default(null),
}, { error: 'must be an object with the pay fields' });

const FILING = ['single', 'married', 'head'] as const;
const MO_FILING = ['single', 'marriedSpouseWorks', 'marriedSpouseDoesNotWork', 'head'] as const;
const moneyDefault0 = moneySchema.optional().default('0');

/**
 * TAX-1 / TAX-2 (a case-format extension, decisions): the Form W-4P elections and the premiums
 * deducted from the benefit. Optional: a case without them is valid and its estimate unchanged.
 */
export const electionsSchema = z.strictObject(
  {
    federal: z
      .strictObject(
        {
          filingStatus: z.enum(FILING, { error: 'must be "single", "married" or "head"' }),
          step2Income: moneyDefault0,
          credits: moneyDefault0,
          otherIncome: moneyDefault0,
          deductions: moneyDefault0,
          extraWithholding: moneyDefault0,
          noWithholding: z.boolean().optional().default(false),
        },
        { error: 'must be an object with the W-4P elections, or null' },
      )
      .nullable()
      .optional()
      .default(null),
    missouri: z
      .strictObject(
        {
          filingStatus: z.enum(MO_FILING, { error: 'must be "single", "marriedSpouseWorks", "marriedSpouseDoesNotWork" or "head"' }).optional().default('single'),
          noWithholding: z.boolean().optional().default(false),
          monthlyAmount: moneySchema.nullable().optional().default(null),
        },
        { error: 'must be an object with the Form MO W-4P election, or null' },
      )
      .superRefine((m, ctx) => {
        // TAX-1, Form MO W-4P: line 1 (no withholding) or line 2 (a monthly amount of at least 10.00), not both.
        if (m.noWithholding && m.monthlyAmount !== null) ctx.addIssue({ code: 'custom', path: ['monthlyAmount'], message: 'must be null when noWithholding is true (Form MO W-4P line 1 or line 2, not both)' });
        else if (!m.noWithholding && m.monthlyAmount === null) ctx.addIssue({ code: 'custom', path: ['monthlyAmount'], message: 'must be the monthly amount elected on Form MO W-4P line 2 (at least 10.00), or noWithholding must be true' });
        else if (m.monthlyAmount !== null && new Decimal(m.monthlyAmount).lessThan(10)) ctx.addIssue({ code: 'custom', path: ['monthlyAmount'], message: 'must be at least 10.00 a month (Form MO W-4P line 2)' });
      })
      .nullable()
      .optional()
      .default(null),
    premiums: z
      .strictObject(
        { optionalLife: moneyDefault0, dependentChildLife: z.boolean().optional().default(false), health: moneyDefault0 },
        { error: 'must be an object with optionalLife, dependentChildLife and health' },
      )
      .optional()
      .default({ optionalLife: '0', dependentChildLife: false, health: '0' }),
  },
  { error: 'must be an object with federal, missouri and premiums, or null' },
);

/**
 * CONTRIB-1 (a case-format extension, decisions): an MSEP 2011 member's contributions on file, the
 * balance at the start of `fromMonth`; interest rates after the shipped table (year → percent);
 * the facts that bar a refund.
 */
export const contributionsSchema = z.strictObject(
  {
    onFile: moneySchema,
    fromMonth: isoMonthSchema,
    interestRates: z
      .record(z.string().regex(/^\d{4}$/, { message: 'must be a calendar year YYYY' }), z.string().regex(/^\d{1,2}(\.\d{1,3})?$/, { message: 'must be a percentage such as "2.347"' }), {
        error: (iss) => (iss.code === 'invalid_type' ? 'must be an object of years and percentages, such as { "2020": "1.500" }' : undefined),
      })
      .optional()
      .default({}),
    longTermDisability: z.boolean().optional().default(false),
    divisionOfBenefitsOrder: z.boolean().optional().default(false),
  },
  { error: 'must be an object with onFile and fromMonth, or null' },
);

export const caseSchema = z.strictObject({
  formatVersion: z.literal(1, { error: 'must be 1' }),
  asOf: isoDateSchema,
  retirementDate: isoDateSchema,
  member: memberSchema,
  spouse: spouseSchema.nullable().optional().default(null),
  service: serviceSchema,
  pay: paySchema,
  backdrop: z
    .strictObject({
      months: z
        .number({ error: 'must be a whole number of months' })
        .int({ message: 'must be a whole number of months' })
        .min(12, { message: 'must be at least 12 (BD-2)' })
        .max(60, { message: 'must be at most 60 (BD-2)' }),
    }, { error: 'must be an object with months, or null' })
    .nullable()
    .optional()
    .default(null),
  colaRates: z
    .record(z.string().regex(/^\d{4}$/, { message: 'must be a calendar year YYYY' }), rateSchema, {
      // Only the record's own type; a bad year key keeps the key's message (zodIssues).
      error: (iss) => (iss.code === 'invalid_type' ? 'must be an object of calendar years and rates, such as { "2025": "0.02359" }' : undefined),
    })
    .optional()
    .default({}),
  colaAssumption: rateSchema.nullable().optional().default(null),
  elections: electionsSchema.nullable().optional().default(null),
  contributions: contributionsSchema.nullable().optional().default(null),
  actuarialBasis: z.string({ error: 'must be a basis id (text), or null' }).min(1, { message: 'must not be empty' }).max(100).nullable().optional().default(null),
}, { error: 'must be a case object (CASE-FORMAT)' });

export type CaseInput = z.input<typeof caseSchema>;
export type Case = z.output<typeof caseSchema>;
export type Member = Case['member'];
