import { z } from 'zod';
import { tryParseDate, tryParseMonth } from '../calc/dates';

// The case file, format version 1 (../shared/domain/CASE-FORMAT.md). The only definition of this
// shape: the CLI, the estimates IPC channel, batch runs and the caseload all parse with it.

export const PLAN_CODES = ['MSEP', 'MSEP2000', 'MSEP2011'] as const;
export const planCodeSchema = z.enum(PLAN_CODES);
export type PlanCode = z.infer<typeof planCodeSchema>;

export const isoDateSchema = z
  .string({ error: 'must be a date YYYY-MM-DD' })
  .refine((s) => tryParseDate(s) !== null, { message: 'must be a calendar date YYYY-MM-DD' });

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
  plan: planCodeSchema.nullable().optional().default(null),
});

export const spouseSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  birthDate: isoDateSchema,
});

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
});

export const payMonthSchema = z.strictObject({ month: isoMonthSchema, amount: moneySchema });

export const paySchema = z.strictObject({
  finalAveragePay: moneySchema.nullable().optional().default(null),
  history: z.array(payMonthSchema).max(1200).optional().default([]),
  projection: z.strictObject({ fromMonth: isoMonthSchema, monthlyRate: moneySchema }).nullable().optional().default(null),
});

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
      months: z.number().int({ message: 'must be a whole number of months' }).min(1).max(60, { message: 'must be at most 60 (BD-2)' }),
    })
    .nullable()
    .optional()
    .default(null),
  colaRates: z
    .record(z.string().regex(/^\d{4}$/, { message: 'must be a calendar year YYYY' }), rateSchema)
    .optional()
    .default({}),
  colaAssumption: rateSchema.nullable().optional().default(null),
  actuarialBasis: z.string().min(1).max(100).nullable().optional().default(null),
});

export type CaseInput = z.input<typeof caseSchema>;
export type Case = z.output<typeof caseSchema>;
export type Member = Case['member'];
