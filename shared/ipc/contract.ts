import { z } from 'zod';
import { caseSchema, isoDateSchema } from '../domain/case-schema';
import { estimateSchema } from '../domain/estimate-schema';
import { scenarioInputSchema, scenarioSchema } from '../domain/scenario';
import {
  appointmentInputSchema,
  APPOINTMENT_KINDS,
  beneficiaryListSchema,
  designationSchema,
  formIdSchema,
  formStatusSchema,
  memberFactsSchema,
  memberPatchSchema,
  memberRecordSchema,
  memberSummarySchema,
  proofDocumentSchema,
  spouseInputSchema,
} from '../domain/member';
import { payMonthSchema } from '../domain/case-schema';

// The single source of truth for IPC (ARCHITECTURE.md "The IPC contract"): each channel's input
// and output schema. Types come from z.infer; the renderer's api is generated from these keys.

const id = z.number().int().positive();
const version = z.number().int().positive();

const processSchema = z.strictObject({
  memberId: z.number().int(),
  version: z.number().int(),
  deadlines: z
    .strictObject({ applicationEarliest: z.string(), applicationDue: z.string(), electionDue: z.string(), voidAfter: z.string(), firstPaymentDate: z.string() })
    .nullable(),
  idealWindow: z.strictObject({ from: z.string(), to: z.string() }).nullable(),
  forms: z.array(
    z.strictObject({
      form: formIdSchema,
      title: z.string(),
      step: z.union([z.literal(1), z.literal(2)]),
      requirement: z.enum(['required', 'if-applicable', 'optional']),
      status: formStatusSchema,
      dueDate: z.string().nullable(),
      warning: z.enum(['overdue', 'due-soon']).nullable(),
      /** The day it was received (null when not received, or received before the day was kept). */
      receivedOn: z.string().nullable(),
    }),
  ),
  proofs: z.array(z.strictObject({ document: proofDocumentSchema, title: z.string(), required: z.boolean(), received: z.boolean(), receivedOn: z.string().nullable() })),
  progress: z.strictObject({
    step1: z.strictObject({ received: z.number(), required: z.number() }),
    step2: z.strictObject({ received: z.number(), required: z.number() }),
  }),
  missing: z.array(z.string()),
});

const appointmentSchema = z.strictObject({
  id: z.number().int(),
  memberId: z.number().int().nullable(),
  date: z.string(),
  time: z.string().nullable(),
  place: z.string(),
  kind: z.enum(APPOINTMENT_KINDS),
  note: z.string().nullable(),
});
const noteSchema = z.strictObject({ id: z.number().int(), createdAt: z.string(), author: z.string(), text: z.string() });
const savedEstimateSchema = z.strictObject({
  id: z.number().int(),
  createdAt: z.string(),
  retirementDate: z.string(),
  engineVersion: z.string(),
  basisId: z.string().nullable(),
  label: z.string().nullable(),
});
const estimateRequest = {
  memberId: id,
  retirementDate: isoDateSchema.nullable().optional(),
  backdropMonths: z.number().int().min(1).max(60).nullable().optional(),
  actuarialBasis: z.string().min(1).max(100).nullable().optional(),
};
const settingsSchema = z.strictObject({ backdropInstallments: z.boolean(), basicLifeDays: z.number().int().min(0).max(365), idleLockMinutes: z.number().int().min(1).max(60) });

export const LOCK_REASONS = ['idle', 'screen-lock', 'suspend', 'manual'] as const;
const sessionStatusSchema = z.strictObject({
  /** setup: no passphrase yet (first run, or a legacy caseload to encrypt); nothing is open. */
  state: z.enum(['setup', 'locked', 'unlocked']),
  /** Whether the caseload file is encrypted (false only for a legacy or test caseload). */
  encrypted: z.boolean(),
  /** Why it last locked; null when it started locked or has not locked. */
  reason: z.enum(LOCK_REASONS).nullable(),
  idleLockMinutes: z.number().int(),
});
/** A new passphrase: long enough to hold up against a guessing rig even with the KDF. */
const newPassphrase = z.string().min(10, { message: 'must be at least 10 characters' }).max(1024);

/** An automatic backup by its file name: `caseload-YYYYMMDD-HHMMSS-daily.db` (never a path). */
export const BACKUP_NAME = /^caseload-\d{8}-\d{6}-(daily|pre-migration)(-\d+)?\.db$/;
const backupName = z.string().max(100).regex(BACKUP_NAME, { message: 'must be the name of one of the automatic backups' });
const backupSchema = z.strictObject({
  name: z.string(),
  /** The counselor's calendar day, YYYY-MM-DD, and local time HH:MM:SS. */
  day: z.string(),
  time: z.string(),
  reason: z.enum(['daily', 'pre-migration']),
  bytes: z.number().int().min(0),
});
const storageStatusSchema = z.strictObject({
  /** The open check runs in the background (the first unlock of a run): changes wait for it. */
  checking: z.boolean(),
  /** The caseload failed its check: open read-only, with the way back. */
  damaged: z
    .strictObject({
      /** What the check found, in SQLite's words. */
      reason: z.string(),
      /** The whole message, as a refused change gives it. */
      message: z.string(),
      damagedCopy: z.string().nullable(),
      /** The newest backup that passes its check, by name. */
      newestGoodBackup: z.string().nullable(),
    })
    .nullable(),
  /**
   * The caseload is sound but open read-only, and why (after the open check it could not be
   * opened for writing): every change is refused until the workstation starts again.
   */
  readOnly: z.string().nullable(),
  /** Today's automatic backup. */
  dailyBackup: z
    .discriminatedUnion('status', [
      z.strictObject({ status: z.literal('pending') }),
      z.strictObject({ status: z.literal('written'), name: z.string() }),
      z.strictObject({ status: z.literal('skipped'), why: z.enum(['done-today', 'new-caseload', 'read-only', 'damaged']) }),
      z.strictObject({ status: z.literal('failed'), message: z.string() }),
    ])
    .nullable(),
  /** Where the automatic backups are kept. */
  backupFolder: z.string(),
});

export const contract = {
  'members:search': {
    input: z.strictObject({
      query: z.string().max(100).optional(),
      retiringFrom: isoDateSchema.optional(),
      retiringTo: isoDateSchema.optional(),
      includeArchived: z.boolean().optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    output: z.array(memberSummarySchema),
  },
  'members:get': { input: z.strictObject({ id }), output: memberRecordSchema },
  'members:create': { input: z.strictObject({ member: memberFactsSchema }), output: memberRecordSchema },
  'members:update': { input: z.strictObject({ id, version, patch: memberPatchSchema }), output: memberRecordSchema },
  'members:archive': { input: z.strictObject({ id, version, archived: z.boolean() }), output: memberRecordSchema },
  'members:revealSsn': { input: z.strictObject({ id, reason: z.string().trim().min(3).max(200) }), output: z.strictObject({ ssn: z.string().nullable() }) },
  'members:audit': {
    input: z.strictObject({ id, limit: z.number().int().min(1).max(1000).optional() }),
    output: z.array(z.strictObject({ at: z.string(), who: z.string(), entity: z.string(), field: z.string(), oldValue: z.string().nullable(), newValue: z.string().nullable() })),
  },
  'spouse:set': { input: z.strictObject({ memberId: id, version, spouse: spouseInputSchema.nullable() }), output: memberRecordSchema },
  'beneficiaries:set': {
    input: z.strictObject({ memberId: id, version, designation: designationSchema, beneficiaries: beneficiaryListSchema }),
    output: memberRecordSchema,
  },
  'pay:set': { input: z.strictObject({ memberId: id, version, history: z.array(payMonthSchema).max(1200) }), output: memberRecordSchema },
  'appointments:list': {
    input: z.strictObject({ from: isoDateSchema.optional(), to: isoDateSchema.optional(), memberId: id.optional() }),
    output: z.array(appointmentSchema),
  },
  'appointments:create': { input: appointmentInputSchema, output: appointmentSchema },
  'appointments:delete': { input: z.strictObject({ id }), output: z.strictObject({ removed: z.boolean() }) },
  'notes:list': { input: z.strictObject({ memberId: id }), output: z.array(noteSchema) },
  'notes:add': { input: z.strictObject({ memberId: id, text: z.string().trim().min(1).max(10_000) }), output: noteSchema },
  'process:get': { input: z.strictObject({ memberId: id }), output: processSchema },
  'process:setForm': { input: z.strictObject({ memberId: id, version, form: formIdSchema, status: formStatusSchema, receivedOn: isoDateSchema.nullable().optional() }), output: processSchema },
  'process:setProof': { input: z.strictObject({ memberId: id, version, document: proofDocumentSchema, received: z.boolean(), receivedOn: isoDateSchema.nullable().optional() }), output: processSchema },
  'estimates:compute': { input: z.strictObject(estimateRequest), output: estimateSchema },
  'estimates:computeCase': { input: z.strictObject({ case: caseSchema }), output: estimateSchema },
  'estimates:save': { input: z.strictObject({ ...estimateRequest, label: z.string().max(200).nullable().optional() }), output: savedEstimateSchema },
  'estimates:list': { input: z.strictObject({ memberId: id }), output: z.array(savedEstimateSchema) },
  /** A saved estimate whole (its exact case and figures), to compare saved scenarios side by side. */
  'estimates:get': { input: z.strictObject({ id }), output: z.strictObject({ id, memberId: id, case: caseSchema, estimate: estimateSchema }) },
  'estimates:compare': {
    input: z.strictObject({ a: id, b: id.nullable() }),
    output: z.strictObject({ differences: z.array(z.strictObject({ path: z.string(), before: z.string().nullable(), after: z.string().nullable() })) }),
  },
  'scenarios:get': { input: z.strictObject({ memberId: id }), output: scenarioSchema },
  'scenarios:use': {
    input: z.strictObject({ memberId: id, version, scenario: scenarioInputSchema }),
    output: z.strictObject({ scenario: scenarioSchema, record: memberRecordSchema }),
  },
  'documents:packet': {
    input: z.strictObject({ ...estimateRequest, flatten: z.boolean().optional(), worksheet: z.boolean().optional(), largePrint: z.boolean().optional() }),
    output: z.strictObject({
      token: z.string().min(1),
      fileName: z.string().min(1),
      pageCount: z.number().int().positive(),
      bytes: z.number().int().positive(),
      documents: z.array(z.strictObject({ title: z.string(), firstPage: z.number().int(), lastPage: z.number().int() })),
      /** The scenario the packet was built for (the member's current one unless the request named another). */
      scenario: z.strictObject({ retirementDate: isoDateSchema, backdropMonths: z.number().int().nullable(), actuarialBasis: z.string().nullable() }),
    }),
  },
  'documents:save': { input: z.strictObject({ token: z.string().min(1).max(100) }), output: z.strictObject({ saved: z.boolean(), path: z.string().nullable() }) },
  'documents:print': { input: z.strictObject({ token: z.string().min(1).max(100) }), output: z.strictObject({ printed: z.boolean() }) },
  'bases:list': {
    input: z.strictObject({}),
    output: z.array(z.strictObject({ id: z.string(), version: z.number().int(), name: z.string(), effectiveDate: z.string(), source: z.string(), shipped: z.boolean() })),
  },
  'settings:get': { input: z.strictObject({}), output: settingsSchema },
  'settings:set': { input: settingsSchema.partial().strict(), output: settingsSchema },
  'drafts:get': { input: z.strictObject({ key: z.string().min(1).max(200) }), output: z.strictObject({ json: z.string(), updatedAt: z.string() }).nullable() },
  'drafts:set': { input: z.strictObject({ key: z.string().min(1).max(200), json: z.string().max(1_000_000) }), output: z.strictObject({ saved: z.boolean() }) },
  'drafts:delete': { input: z.strictObject({ key: z.string().min(1).max(200) }), output: z.strictObject({ deleted: z.boolean() }) },
  'session:status': { input: z.strictObject({}), output: sessionStatusSchema },
  'session:setup': { input: z.strictObject({ passphrase: newPassphrase }), output: z.strictObject({ recoveryKey: z.string(), status: sessionStatusSchema }) },
  'session:unlock': { input: z.strictObject({ passphrase: z.string().min(1).max(1024) }), output: sessionStatusSchema },
  'session:recover': { input: z.strictObject({ recoveryKey: z.string().min(1).max(100), next: newPassphrase }), output: sessionStatusSchema },
  'session:lock': { input: z.strictObject({}), output: sessionStatusSchema },
  'storage:status': { input: z.strictObject({}), output: storageStatusSchema },
  'backups:list': { input: z.strictObject({}), output: z.array(backupSchema) },
  'backups:preview': {
    input: z.strictObject({ name: backupName }),
    output: z.strictObject({
      name: z.string(),
      /** integrity_check ok, no broken reference, this app's schema version: it would restore. */
      ok: z.boolean(),
      integrity: z.array(z.string()),
      foreignKeys: z.number().int(),
      schemaVersion: z.number().int(),
      appSchemaVersion: z.number().int(),
      members: z.number().int(),
      /** The newest change to a member record in it (an ISO instant), or null. */
      latestUpdate: z.string().nullable(),
    }),
  },
  'backups:restore': {
    input: z.strictObject({ name: backupName }),
    output: z.strictObject({
      /** The caseload as it was, kept aside (never deleted), or null when there was none. */
      keptAside: z.string().nullable(),
      status: storageStatusSchema,
    }),
  },
  'session:changePassphrase': { input: z.strictObject({ current: z.string().min(1).max(1024), next: newPassphrase }), output: z.strictObject({ changed: z.boolean() }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

/** Events pushed from main to the renderer. */
export const events = {
  'packet:progress': z.strictObject({ done: z.number().int().min(0), total: z.number().int().min(0), label: z.string() }),
  'app:locked': z.strictObject({ reason: z.enum(LOCK_REASONS) }),
  /** The storage status changed (the open check is done, the day's backup made, a restore): ask `storage:status`. */
  'storage:changed': z.strictObject({}),
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const CHANNELS = Object.keys(contract) as Channel[];
/** The channels that answer while the caseload is locked: the ones that unlock it. */
export const OPEN_WHILE_LOCKED: readonly Channel[] = ['session:status', 'session:setup', 'session:unlock', 'session:recover'];
export const EVENTS = Object.keys(events) as EventName[];
/**
 * The channels that change the caseload (an audit row counts). Right after the first unlock of a
 * run they wait until the caseload's open check has passed; every other channel reads at once.
 * test/main/ipc/channels.test.ts holds this list to what each channel does to the database.
 */
export const WRITES: readonly Channel[] = [
  'members:create',
  'members:update',
  'members:archive',
  'members:revealSsn',
  'spouse:set',
  'beneficiaries:set',
  'pay:set',
  'appointments:create',
  'appointments:delete',
  'notes:add',
  'process:setForm',
  'process:setProof',
  'estimates:save',
  'scenarios:use',
  'documents:packet',
  'documents:save',
  'documents:print',
  'settings:set',
  'drafts:set',
  'drafts:delete',
  'backups:restore',
];
