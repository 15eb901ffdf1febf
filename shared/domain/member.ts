import { z } from 'zod';
import { tryParseDate } from '../calc/dates';
import { isoDateSchema, isoMonthSchema, moneySchema, planCodeSchema } from './case-schema';
import { firstUnprintable, NAME_MAX, unprintableMessage } from './printable';
import { isValidAbaRouting, normalizeSsn, shareValue, sharesTotal100 } from './validators';

// The caseload's records as they cross IPC and the import boundary. Full SSNs and bank account
// numbers go in, and come out only masked (ARCHITECTURE: sensitive values leave main masked).

const trimmed = (max: number) => z.string().trim().min(1, { message: 'is required' }).max(max, { message: `must be at most ${max} characters` });
const optionalText = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).nullable().optional();

/** Text that goes onto the printed forms: every character printable (shared/domain/printable.ts). */
const printable = (opts: { multiline?: boolean } = {}) => (s: string | null | undefined, ctx: z.RefinementCtx) => {
  if (!s) return;
  const u = firstUnprintable(s, opts);
  if (u) ctx.addIssue({ code: 'custom', message: unprintableMessage(u) });
};
/** A name on the forms: required, at most NAME_MAX characters, printable. */
const nameText = () => trimmed(NAME_MAX).superRefine(printable());
const optionalName = () => z.string().trim().max(NAME_MAX, { message: `must be at most ${NAME_MAX} characters` }).superRefine(printable()).nullable().optional();
const printedText = (max: number, multiline = false) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).superRefine(printable({ multiline })).nullable().optional();

export const ssnSchema = z
  .string()
  .refine((s) => normalizeSsn(s) !== null, { message: 'must be a valid SSN of 9 digits (123-45-6789)' })
  .transform((s) => normalizeSsn(s)!);

/** Stored in upper case, so m1234 and M1234 are one member and an ID search is a prefix scan. */
export const memberIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,20}$/, { message: 'must be 1 to 20 letters, digits or dashes' })
  .transform((s) => s.toUpperCase());

export const EMPLOYMENT_STATUSES = ['active', 'terminated'] as const;

export const directDepositSchema = z.strictObject({
  routingNumber: z.string().refine(isValidAbaRouting, { message: 'must be a 9-digit ABA routing number with a valid checksum (FORM-2)' }),
  accountNumber: z.string().regex(/^\d{4,17}$/, { message: 'must be 4 to 17 digits' }),
  accountType: z.enum(['checking', 'savings'], { error: 'must be checking or savings' }),
});

const wholeNumber = (what: string, max: number) =>
  z
    .number({ error: `must be a whole number of ${what}` })
    .int({ message: `must be a whole number of ${what}` })
    .min(0, { message: 'must not be negative' })
    .max(max, { message: `must be at most ${max}` });

export const serviceInputSchema = z.strictObject({
  asOf: isoDateSchema,
  earnedMonths: wholeNumber('months', 900),
  purchasedMonths: wholeNumber('months', 900).default(0),
  transferredMonths: wholeNumber('months', 900).default(0),
  sickLeaveHours: wholeNumber('hours', 200_000).default(0),
});

/** The member's fields, each as given (no defaults): the record schema adds the defaults. */
const memberFields = {
  memberId: memberIdSchema,
  firstName: nameText(),
  middleName: optionalName(),
  lastName: nameText(),
  ssn: ssnSchema.nullable().optional(),
  birthDate: isoDateSchema,
  email: z.email({ message: 'must be an email address' }).max(200).nullable().optional(),
  phone: z.string().trim().regex(/^[0-9+() .-]{7,25}$/, { message: 'must be a phone number' }).nullable().optional(),
  street: printedText(200),
  city: printedText(100),
  state: z.string().regex(/^[A-Z]{2}$/, { message: 'must be a two-letter state code' }).nullable().optional(),
  zip: z.string().regex(/^\d{5}(-\d{4})?$/, { message: 'must be a ZIP code' }).nullable().optional(),
  firstEmploymentDate: isoDateSchema.nullable().optional(),
  leftBeforeVestingAndReturned: z.boolean(),
  returnedAfterBuyout: z.boolean(),
  planOverride: planCodeSchema.nullable().optional(),
  employmentStatus: z.enum(EMPLOYMENT_STATUSES),
  lastDayWorked: isoDateSchema.nullable().optional(),
  service: serviceInputSchema.nullable().optional(),
  finalAveragePay: moneySchema.nullable().optional(),
  projection: z.strictObject({ fromMonth: isoMonthSchema, monthlyRate: moneySchema }).nullable().optional(),
  optionalLifeCoverage: moneySchema.nullable().optional(),
  retirementDate: isoDateSchema
    .refine((s) => tryParseDate(s)?.d === 1, { message: 'must be the first day of a month' })
    .nullable()
    .optional(),
  backdropMonths: z
    .number({ error: 'must be a whole number of months' })
    .int({ message: 'must be a whole number of months' })
    .min(12, { message: 'must be at least 12 (BD-2)' })
    .max(60, { message: 'must be at most 60 (BD-2)' })
    .nullable()
    .optional(),
  directDeposit: directDepositSchema.nullable().optional(),
};

/** The facts of a member that the counselor edits (everything but spouse, lists and process). */
export const memberFactsSchema = z.strictObject({
  ...memberFields,
  leftBeforeVestingAndReturned: memberFields.leftBeforeVestingAndReturned.default(false),
  returnedAfterBuyout: memberFields.returnedAfterBuyout.default(false),
  employmentStatus: memberFields.employmentStatus.default('active'),
});
export type MemberFactsInput = z.input<typeof memberFactsSchema>;
export type MemberFacts = z.output<typeof memberFactsSchema>;

/** Only the fields given change; no defaults are filled in. */
export const memberPatchSchema = z.strictObject(memberFields).partial();
export type MemberPatch = z.output<typeof memberPatchSchema>;

export const spouseInputSchema = z.strictObject({
  name: nameText(),
  ssn: ssnSchema.nullable().optional(),
  birthDate: isoDateSchema,
  marriageDate: isoDateSchema.nullable().optional(),
});
export type SpouseInput = z.output<typeof spouseInputSchema>;

export const DESIGNATIONS = ['life-insurance', 'final-payment', 'guaranteed-payments', 'msep2011-contributions'] as const;
export const designationSchema = z.enum(DESIGNATIONS);
export type Designation = z.infer<typeof designationSchema>;

export const beneficiaryInputSchema = z.strictObject({
  class: z.enum(['primary', 'contingent']),
  kind: z.enum(['person', 'trust', 'organization', 'estate']),
  name: nameText(),
  relationship: printedText(100),
  birthDate: isoDateSchema.nullable().optional(),
  ssn: ssnSchema.nullable().optional(),
  address: printedText(300, true),
  share: z
    .string()
    .refine((s) => shareValue(s) !== null, { message: 'must be a percentage such as 50 or a fraction such as 1/3' })
    .refine((s) => !shareValue(s)?.isZero(), { message: 'must be more than 0 (FORM-3)' }),
});
export type BeneficiaryInput = z.output<typeof beneficiaryInputSchema>;

/** FORM-3: within each class the shares add up to exactly 100%; at least one primary. */
export const beneficiaryListSchema = z.array(beneficiaryInputSchema).max(20).superRefine((list, ctx) => {
  if (list.length === 0) return;
  for (const cls of ['primary', 'contingent'] as const) {
    const idx = list.map((b, i) => [b, i] as const).filter(([b]) => b.class === cls);
    if (idx.length > 0 && !sharesTotal100(idx.map(([b]) => b.share))) {
      for (const [, i] of idx) ctx.addIssue({ code: 'custom', path: [i, 'share'], message: `${cls} shares must add up to exactly 100% (FORM-3)` });
    }
  }
  if (!list.some((b) => b.class === 'primary')) ctx.addIssue({ code: 'custom', path: [0, 'class'], message: 'at least one primary beneficiary is needed (FORM-3)' });
});

export const APPOINTMENT_KINDS = ['office', 'phone', 'video', 'field-session', 'seminar'] as const;
export const appointmentInputSchema = z.strictObject({
  memberId: z.number().int().positive().nullable(),
  date: isoDateSchema,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time HH:MM' }).nullable().optional(),
  place: trimmed(200),
  kind: z.enum(APPOINTMENT_KINDS),
  note: optionalText(2000),
});

/** RULES.md section 10: the forms of the two steps. */
export const STEP1_FORMS = [
  'retirement-application',
  'direct-deposit',
  'w4p',
  'beneficiary-life-insurance',
  'optional-life',
  'dependent-child-life',
  'release-information',
  'designation-of-agent',
] as const;
export const STEP2_FORMS = ['election-form', 'backdrop-distribution', 'spousal-consent'] as const;
export const FORM_IDS = [...STEP1_FORMS, ...STEP2_FORMS] as const;
export const formIdSchema = z.enum(FORM_IDS);
export type FormId = z.infer<typeof formIdSchema>;
export const FORM_STATUSES = ['not-started', 'in-progress', 'received'] as const;
export const formStatusSchema = z.enum(FORM_STATUSES);
export type FormStatus = z.infer<typeof formStatusSchema>;

/** FORM-1: proof of age for the member and a spouse, and a marriage certificate if married. */
export const PROOF_DOCUMENTS = ['member-proof-of-age', 'spouse-proof-of-age', 'marriage-certificate'] as const;
export const proofDocumentSchema = z.enum(PROOF_DOCUMENTS);
export type ProofDocument = z.infer<typeof proofDocumentSchema>;

// Outputs: what the renderer sees. No full SSN, no full account number.
export const memberSummarySchema = z.strictObject({
  id: z.number().int(),
  memberId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  ssnMasked: z.string().nullable(),
  birthDate: z.string(),
  retirementDate: z.string().nullable(),
  archived: z.boolean(),
});
export type MemberSummary = z.infer<typeof memberSummarySchema>;

export const spouseRecordSchema = z.strictObject({ name: z.string(), ssnMasked: z.string().nullable(), birthDate: z.string(), marriageDate: z.string().nullable() });
export const beneficiaryRecordSchema = z.strictObject({
  designation: designationSchema,
  class: z.enum(['primary', 'contingent']),
  kind: z.enum(['person', 'trust', 'organization', 'estate']),
  name: z.string(),
  relationship: z.string().nullable(),
  birthDate: z.string().nullable(),
  ssnMasked: z.string().nullable(),
  address: z.string().nullable(),
  share: z.string(),
});

export const memberRecordSchema = z.strictObject({
  id: z.number().int(),
  version: z.number().int(),
  archived: z.boolean(),
  memberId: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  lastName: z.string(),
  ssnMasked: z.string().nullable(),
  birthDate: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  street: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  zip: z.string().nullable(),
  firstEmploymentDate: z.string().nullable(),
  leftBeforeVestingAndReturned: z.boolean(),
  returnedAfterBuyout: z.boolean(),
  planOverride: planCodeSchema.nullable(),
  employmentStatus: z.enum(EMPLOYMENT_STATUSES),
  lastDayWorked: z.string().nullable(),
  service: z
    .strictObject({ asOf: z.string(), earnedMonths: z.number(), purchasedMonths: z.number(), transferredMonths: z.number(), sickLeaveHours: z.number() })
    .nullable(),
  finalAveragePay: z.string().nullable(),
  projection: z.strictObject({ fromMonth: z.string(), monthlyRate: z.string() }).nullable(),
  payHistory: z.array(z.strictObject({ month: z.string(), amount: z.string() })),
  optionalLifeCoverage: z.string().nullable(),
  retirementDate: z.string().nullable(),
  backdropMonths: z.number().nullable(),
  directDeposit: z.strictObject({ routingNumber: z.string(), accountMasked: z.string(), accountType: z.enum(['checking', 'savings']) }).nullable(),
  spouse: spouseRecordSchema.nullable(),
  beneficiaries: z.array(beneficiaryRecordSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemberRecord = z.infer<typeof memberRecordSchema>;
