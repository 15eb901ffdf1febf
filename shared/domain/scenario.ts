import { z } from 'zod';
import { tryParseDate } from '../calc/dates';
import { isoDateSchema, planCodeSchema } from './case-schema';

/**
 * The member's current scenario: the retirement date, the BackDROP period, the plan the member
 * leans to where the member chooses (PLAN-1; null where there is one plan or no preference), and
 * the actuarial basis (OPT-5; null for the product default). The board opens on it and the packet
 * is built for it; it is never an election (the election form prints every choice unmarked).
 */
export const scenarioInputSchema = z.strictObject({
  retirementDate: isoDateSchema.refine((s) => tryParseDate(s)?.d === 1, { message: 'must be the first day of a month (DATE-2)' }),
  backdropMonths: z.number().int().min(12, { message: 'must be at least 12 (BD-2)' }).max(60, { message: 'must be at most 60 (BD-2)' }).nullable(),
  plan: planCodeSchema.nullable(),
  actuarialBasis: z.string().min(1).max(100).nullable(),
});
export type ScenarioInput = z.output<typeof scenarioInputSchema>;

export const scenarioSchema = z.strictObject({
  retirementDate: isoDateSchema.nullable(),
  backdropMonths: z.number().int().nullable(),
  plan: planCodeSchema.nullable(),
  actuarialBasis: z.string().nullable(),
  /** When "Use for the packet" last set it; null while it is only the record's own date and BackDROP. */
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type Scenario = z.output<typeof scenarioSchema>;
