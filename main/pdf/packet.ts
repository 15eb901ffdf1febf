// Packets: documents composed into one PDF with page numbers and the member's name on every page.
//   buildPacket               the appointment packet: cover checklist, estimate statement,
//                             election form, then the forms still open (Step 1, then Step 2)
//   buildEstimateAndElection  the estimate statement and the election form (`npm run packet`)
//   buildRosterPackets        one packet per member of a field-session roster, with progress
import { buildChecklist, openForms, overdueFlag, type ChecklistForm } from './checklist';
import { DocContext, type DocumentRange } from './context';
import { addCounselorWorksheet } from './counselor-worksheet';
import { addCoverSheet } from './cover-sheet';
import { addElectionForm } from './election-form';
import { addEstimateStatement } from './estimate-statement';
import { canRetire } from './format';
import { addBackdropDistribution } from './forms/backdrop-distribution';
import { addBeneficiaries } from './forms/beneficiaries';
import { addDesignationOfAgent } from './forms/designation-of-agent';
import { addDirectDeposit } from './forms/direct-deposit';
import { addDependentChildLife } from './forms/dependent-child-life';
import { addOptionalLife } from './forms/optional-life';
import { addReleaseInformation } from './forms/release-information';
import { addRetirementApplication } from './forms/retirement-application';
import { addSpousalConsent } from './forms/spousal-consent';
import { addW4p } from './forms/w4p';
import { documentTitle, pageIdentity, type BuildOptions, type DocumentInput, type FormId } from './types';
import { memberFallbacks, validateMemberText } from './validate';

export type PacketProgress = { done: number; total: number; step: string };

export type PacketOptions = BuildOptions & {
  /** Called after each document is laid out, and once when the bytes are ready. */
  onProgress?: (p: PacketProgress) => void;
  /** BD-5: offer cash in three annual installments (a plan provision, on by default). */
  backdropInstallments?: boolean;
};

export type PacketResult = {
  bytes: Uint8Array;
  pageCount: number;
  /** The documents in page order, with their 1-based page ranges. */
  documents: DocumentRange[];
};

type Adder = (ctx: DocContext, input: DocumentInput, opts: PacketOptions) => void;

const FORM_BUILDERS: Partial<Record<FormId, Adder>> = {
  'retirement-application': (ctx, input) => addRetirementApplication(ctx, input),
  'direct-deposit': (ctx, input) => addDirectDeposit(ctx, input),
  w4p: (ctx, input) => addW4p(ctx, input),
  'beneficiary-life-insurance': (ctx, input, opts) => addBeneficiaries(ctx, input, opts.preparedOn ?? input.estimate.asOf),
  'optional-life': (ctx, input) => addOptionalLife(ctx, input),
  'dependent-child-life': (ctx, input) => addDependentChildLife(ctx, input),
  'release-information': (ctx, input) => addReleaseInformation(ctx, input),
  'designation-of-agent': (ctx, input) => addDesignationOfAgent(ctx, input),
  'backdrop-distribution': (ctx, input, opts) => addBackdropDistribution(ctx, input, { installments: opts.backdropInstallments }),
  'spousal-consent': (ctx, input) => addSpousalConsent(ctx, input),
};

/** The forms a packet prints after the election form: the open ones that have a builder. */
export function packetForms(input: DocumentInput): ChecklistForm[] {
  return openForms(buildChecklist(input)).filter((f) => f.form !== 'election-form' && FORM_BUILDERS[f.form] !== undefined);
}

/** PROC-1..3: each open form past its due date on the day the packet is prepared gets a flag. */
function markOverdue(ctx: DocContext, input: DocumentInput, opts: BuildOptions): void {
  const asOf = opts.preparedOn ?? input.estimate.asOf;
  for (const f of openForms(buildChecklist(input))) {
    const flag = overdueFlag(f, asOf);
    if (flag) ctx.overdue.set(f.form, flag);
  }
}

async function start(input: DocumentInput, opts: BuildOptions, title: string): Promise<DocContext> {
  validateMemberText(input.member);
  if (input.estimate.results.length === 0) throw new Error('estimate: has no results');
  return DocContext.create(pageIdentity(input.member), {
    flatten: opts.flatten ?? false,
    title: documentTitle(opts.largePrint ? `${title} (large print)` : title, input.member),
    createdAt: opts.createdAt,
    fallbacks: memberFallbacks(input.member),
    largePrint: opts.largePrint,
  });
}

async function finish(ctx: DocContext): Promise<PacketResult> {
  const documents = ctx.documents();
  const bytes = await ctx.finish();
  return { bytes, pageCount: ctx.pageCount(), documents };
}

/**
 * The appointment packet for one member: the cover sheet with the checklist, the estimate
 * statement, the election form and every form still open. Fillable unless `flatten`.
 */
export async function buildPacket(input: DocumentInput, opts: PacketOptions = {}): Promise<PacketResult> {
  const ctx = await start(input, opts, 'Retirement Appointment Packet');
  // ELIG-5: nothing to sign for a date the member cannot retire on (the cover says why).
  const eligible = canRetire(input.estimate);
  const forms = eligible ? packetForms(input) : [];
  markOverdue(ctx, input, opts);
  const total = 2 + forms.length + 2; // estimate, election, forms, cover, bytes (the worksheet goes with the forms' step)
  let done = 0;
  const report = (step: string) => opts.onProgress?.({ done: ++done, total, step });

  addEstimateStatement(ctx, input, opts);
  report('estimate');
  if (eligible) addElectionForm(ctx, input, opts);
  report('election-form');
  for (const f of forms) {
    FORM_BUILDERS[f.form]?.(ctx, input, opts);
    report(f.form);
  }
  if (opts.worksheet) addCounselorWorksheet(ctx, input, opts);

  // The cover goes in front; its table of contents counts its own pages, so lay it out again in
  // the rare case it does not fit on one page.
  const body = ctx.documents();
  let coverPages = 1;
  for (;;) {
    ctx.insertAt = 0;
    const shifted = body.map((r) => ({ ...r, firstPage: r.firstPage + coverPages, lastPage: r.lastPage + coverPages }));
    addCoverSheet(ctx, input, shifted, opts);
    const used = ctx.insertAt;
    ctx.insertAt = null;
    if (used === coverPages) break;
    ctx.removePagesFrom(0, used);
    coverPages = used;
  }
  report('cover');
  const result = await finish(ctx);
  report('pdf');
  return result;
}

/** The estimate statement followed by the election form (the packet CLI). */
export async function buildEstimateAndElection(input: DocumentInput, opts: BuildOptions = {}): Promise<PacketResult> {
  const ctx = await start(input, opts, 'Benefit Estimate and Election Form');
  addEstimateStatement(ctx, input, opts);
  // ELIG-5: no election form for a date the member cannot retire on.
  markOverdue(ctx, input, opts);
  if (canRetire(input.estimate)) addElectionForm(ctx, input, opts);
  if (opts.worksheet) addCounselorWorksheet(ctx, input, opts);
  return finish(ctx);
}

/**
 * Packets for a field-session roster, one after another, reporting (done, total) after each.
 * Yields to the event loop between packets so a caller can keep its UI or IPC responsive.
 */
export async function buildRosterPackets(
  inputs: DocumentInput[],
  onProgress?: (p: { done: number; total: number }) => void,
  opts: BuildOptions = {},
): Promise<PacketResult[]> {
  const out: PacketResult[] = [];
  for (const input of inputs) {
    out.push(await buildPacket(input, opts));
    onProgress?.({ done: out.length, total: inputs.length });
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return out;
}
