import { z } from 'zod';
import { isoDateSchema, isoMonthSchema, planCodeSchema } from './case-schema';

// The estimate, format version 1 (../shared/domain/CASE-FORMAT.md "Output").

const amount = z.string().regex(/^-?\d+\.\d{2}$/, { message: 'must be an amount with exactly two decimals' });
const factor = z.string().regex(/^\d+\.\d{4}$/, { message: 'must be a factor with 4 decimals' });
const ruleNote = z.strictObject({ rule: z.string().min(1), text: z.string().min(1) });

export const NORMAL_RULES = ['AGE_65_5', 'AGE_60_15', 'AGE_62_5', 'AGE_67_5', 'RULE_OF_80', 'RULE_OF_90'] as const;
export const normalRuleSchema = z.enum(NORMAL_RULES);
export type NormalRule = z.infer<typeof normalRuleSchema>;

export const OPTION_CODES = ['LIFE', 'JS50', 'JS100', 'C60', 'C120', 'C180'] as const;
export const optionCodeSchema = z.enum(OPTION_CODES);
export type OptionCode = z.infer<typeof optionCodeSchema>;

export const ageSchema = z.strictObject({ years: z.number().int(), months: z.number().int().min(0).max(11) });

/**
 * TAX-1 / TAX-2: what lands in the account each month under an option, present only when the case
 * carries `elections`. One period until the temporary benefit ends (BEN-4) and one after, or one.
 */
export const netPeriodSchema = z.strictObject({
  from: isoMonthSchema,
  through: isoMonthSchema.nullable(),
  gross: amount,
  federalWithholding: amount.nullable(),
  missouriWithholding: amount.nullable(),
  /** TAX-1: the Department of Revenue formula's monthly amount, a guide to the MO W-4P election (absent in older estimates). */
  missouriFormula: amount.nullable().optional(),
  /** TAX-1: the public pension exemption the formula subtracted (annual); null when the basis has no ceiling for the year. */
  missouriExemption: amount.nullable().optional(),
  optionalLife: amount,
  dependentChildLife: amount,
  health: amount,
  net: amount.nullable(),
});
export const netBlockSchema = z.strictObject({ basis: z.string().min(1), taxYear: z.number().int(), periods: z.array(netPeriodSchema).min(1) });
export type NetBlock = z.infer<typeof netBlockSchema>;

export const optionSchema = z.strictObject({
  code: optionCodeSchema,
  factor,
  monthly: amount,
  survivorMonthly: amount.nullable(),
  guaranteedPayments: z.number().int().optional(),
  basis: z.string().min(1),
  net: netBlockSchema.optional(),
});
export type OptionResult = z.infer<typeof optionSchema>;

export const backdropPeriodSchema = z.strictObject({
  months: z.number().int(),
  backdropDate: isoDateSchema,
  ageAtBackdrop: ageSchema,
  serviceMonths: z.strictObject({ eligibility: z.number().int(), sickLeave: z.number().int(), benefit: z.number().int() }),
  finalAveragePay: amount,
  fapWindow: z.strictObject({ from: isoMonthSchema, to: isoMonthSchema, months: z.number().int() }).nullable(),
  lifeIncomeAnnuity: amount,
  temporaryMonthly: amount.nullable(),
  monthlyAtRetirement: amount,
  /** BD-3: the temporary benefit paid from R under this BackDROP (null when none is payable at R). */
  temporaryAtRetirement: amount.nullable(),
  lumpSum: amount,
  selected: z.boolean(),
  options: z.array(optionSchema),
});
export type BackdropPeriod = z.infer<typeof backdropPeriodSchema>;

/** PROC-1, PROC-2, PROC-4, PROC-5 for R (shared/calc/deadlines.ts processDates). */
export const deadlinesSchema = z.strictObject({
  applicationEarliest: isoDateSchema,
  applicationDue: isoDateSchema,
  electionDue: isoDateSchema,
  voidAfter: isoDateSchema,
  firstPaymentDate: isoDateSchema,
});
export type Deadlines = z.infer<typeof deadlinesSchema>;

/** CONTRIB-1 / CONTRIB-2: an MSEP 2011 result's contribution account, when the case gives one. */
export const contributionsResultSchema = z.strictObject({
  through: isoMonthSchema,
  balance: amount,
  contributions: amount,
  interest: amount,
  missingRateYears: z.array(z.number().int()),
  refund: z.strictObject({ available: z.boolean(), amount: amount.nullable(), reason: z.string().nullable(), earliestPayment: isoDateSchema.nullable() }),
  /** CONTRIB-2 under LIFE: what the beneficiaries are guaranteed after each of the first 12 payments, and the months to pay it out. */
  minimumReturn: z.strictObject({ firstYear: z.array(amount), monthsUntilPaidOut: z.number().int().nullable() }).nullable(),
});
export type ContributionsResult = z.infer<typeof contributionsResultSchema>;

export const planResultSchema = z.strictObject({
  plan: planCodeSchema,
  vested: z.boolean(),
  status: z.enum(['normal', 'early', 'not-eligible']),
  normalRule: normalRuleSchema.nullable(),
  firstNormalRetirementDate: isoDateSchema.nullable(),
  firstNormalRule: normalRuleSchema.nullable(),
  firstEarlyRetirementDate: isoDateSchema.nullable(),
  ageAtRetirement: ageSchema,
  serviceMonths: z.strictObject({ eligibility: z.number().int(), sickLeave: z.number().int(), benefit: z.number().int() }),
  finalAveragePay: amount.nullable(),
  fapWindow: z.strictObject({ from: isoMonthSchema, to: isoMonthSchema, months: z.number().int() }).nullable(),
  multiplier: z.string(),
  baseBenefit: amount.nullable(),
  earlyReduction: z.strictObject({ months: z.number().int(), factor }),
  lifeIncomeAnnuity: amount.nullable(),
  temporaryBenefit: z.strictObject({ monthly: amount, lastPaymentMonth: isoMonthSchema }).nullable(),
  options: z.array(optionSchema),
  preRetirementDeath: z.strictObject({ spouseMonthly: amount, basis: z.string() }).nullable(),
  backdrop: z.strictObject({ eligible: z.boolean(), periods: z.array(backdropPeriodSchema) }),
  contributions: contributionsResultSchema.optional(),
  deadlines: deadlinesSchema,
  trace: z.array(ruleNote),
  notes: z.array(ruleNote),
});
export type PlanResult = z.infer<typeof planResultSchema>;

export const estimateSchema = z.strictObject({
  formatVersion: z.literal(1),
  engineVersion: z.string(),
  asOf: isoDateSchema,
  retirementDate: isoDateSchema,
  results: z.array(planResultSchema).min(1),
});
export type Estimate = z.infer<typeof estimateSchema>;
