import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { caseSchema } from '../../shared/domain/case-schema';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { AppFailure } from '../../shared/ipc/result';
import { UnprintableCharacterError } from '../pdf/fonts';
import { canRetire, notEligibleText } from '../pdf/format';
import { buildPacket, type PacketProgress } from '../pdf/packet';
import type { DocumentInput, DocumentMember } from '../pdf/types';
import type { ServiceContext } from './context';
import type { EstimateRequest, EstimatesService } from './estimates';
import { beneficiaryFromRow, rowToFacts, type MembersService } from './members';
import type { ProcessService } from './process';
import type { settingsService } from './settings';

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * Where a built packet goes. The PDF carries full SSNs and account numbers, so it never crosses
 * IPC: main saves or prints it. Electron asks with a save dialog and prints natively; the preview
 * writes into a folder.
 */
export type DocumentHost = {
  /** A path to save to, or null when the counselor cancels. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Print the PDF natively: whether it printed, the counselor closed the print dialog, or it cannot. */
  print(bytes: Uint8Array, fileName: string): Promise<HostPrintResult>;
};

/**
 * What became of a print request. `unavailable` when this host cannot print or the printer
 * failed; its `message` (if any) says what to do instead.
 */
export type HostPrintResult = { outcome: 'printed' } | { outcome: 'cancelled' } | { outcome: 'unavailable'; message?: string };

/** What the counselor does when a host cannot print at all. */
export const PRINTING_UNAVAILABLE = 'Printing is available in the desktop app. Save the PDF and print it from there.';

export const NO_DOCUMENT_HOST: DocumentHost = {
  chooseSavePath: async () => null,
  print: async () => ({ outcome: 'unavailable' }),
};

/** The counselor's message for a character the document font lacks: where it is, and what to do. */
export function unprintableFailure(err: UnprintableCharacterError): AppFailure {
  const hex = err.codePoint.toString(16).toUpperCase().padStart(4, '0');
  const visible = err.codePoint >= 0x20 && !(err.codePoint >= 0x7f && err.codePoint < 0xa0);
  const shown = visible ? `"${err.character}" (U+${hex})` : `U+${hex} (an invisible control character)`;
  return new AppFailure('INVALID_INPUT', `The packet cannot be printed. Replace the character ${shown} in ${err.field} on the member record, then build the packet again.`, {
    [err.field]: `Replace the character ${shown}: the document font cannot print it.`,
  });
}

type Built = { bytes: Uint8Array; fileName: string; memberId: number };

/** A packet for a stored member: the estimate request and how to print it. */
export type PacketRequest = EstimateRequest & { flatten?: boolean | undefined; worksheet?: boolean | undefined; largePrint?: boolean | undefined };
const KEEP_PACKETS = 5;

/**
 * The packet for a stored member: the caseload's facts (full SSNs and account numbers stay in the
 * main process and go only onto the forms that need them), the estimate, and the process status.
 */
export function documentsService(
  ctx: ServiceContext,
  members: MembersService,
  estimates: EstimatesService,
  process: ProcessService,
  settings: ReturnType<typeof settingsService>,
  emit: () => EventSink,
  host: () => DocumentHost,
) {
  const { repos } = ctx;
  const built = new Map<string, Built>();
  let counter = 0;

  function take(token: string): Built {
    const b = built.get(token);
    if (!b) throw new AppFailure('NOT_FOUND', 'That packet is no longer available; build it again.');
    return b;
  }

  function documentMember(memberId: number): DocumentMember {
    const row = members.requireRow(memberId);
    const spouse = repos.children.spouse(memberId);
    const p = process.get(memberId);
    return {
      firstName: row.first_name,
      middleName: row.middle_name,
      lastName: row.last_name,
      memberId: row.member_id,
      ssn: row.ssn,
      birthDate: row.birth_date,
      address: { street: row.street, city: row.city, state: row.state, zip: row.zip },
      phone: row.phone,
      email: row.email,
      spouse: spouse ? { name: spouse.name, ssn: spouse.ssn, birthDate: spouse.birth_date, marriageDate: spouse.marriage_date } : null,
      beneficiaries: repos.children.beneficiaries(memberId).map(beneficiaryFromRow),
      directDeposit: rowToFacts(row).directDeposit ?? null,
      optionalLife: row.optional_life_coverage ? { carried: row.optional_life_coverage, elected: null } : null,
      process: {
        forms: p.forms.map((f) => ({ form: f.form, status: f.status, dueDate: f.dueDate })),
        proofs: p.proofs.filter((d) => d.required || d.received).map((d) => ({ document: d.document, received: d.received })),
      },
    };
  }

  /**
   * The packet of a stored member for the scenario the record gives (retirement date, BackDROP
   * period, basis): the one build the app, the packet CLI and the batch use.
   */
  async function build(req: PacketRequest, onProgress?: (p: PacketProgress) => void) {
    const c = estimates.caseFor(req);
    // Unless the request names a date, BackDROP or basis, the member's current scenario
    // (scenarios.ts: the record's date and BackDROP period, the scenario's basis). It is never
    // marked on the documents as an election.
    const scenario = { retirementDate: c.retirementDate, backdropMonths: c.backdrop?.months ?? null, actuarialBasis: c.actuarialBasis ?? null };
    const described = [c.retirementDate, scenario.backdropMonths ? `${scenario.backdropMonths}-month BackDROP` : 'no BackDROP', scenario.actuarialBasis ? `basis ${scenario.actuarialBasis}` : null].filter(Boolean).join(', ');
    const estimate = estimates.computeCase(c);
    const parsed = caseSchema.parse(c);
    const input: DocumentInput = { estimate, member: documentMember(req.memberId), case: parsed };
    let result;
    try {
      result = await buildPacket(input, {
        flatten: req.flatten ?? false,
        worksheet: req.worksheet ?? false,
        largePrint: req.largePrint ?? false,
        createdAt: ctx.clock.now(),
        backdropInstallments: settings.get().backdropInstallments,
        onProgress,
      });
    } catch (err) {
      if (err instanceof AppFailure) throw err;
      // A character the font cannot print names its field: tell the counselor which, and what to do.
      if (err instanceof UnprintableCharacterError) throw unprintableFailure(err);
      throw err;
    }
    const row = members.requireRow(req.memberId);
    const fileName = `${row.last_name}-${row.member_id}-packet-${c.retirementDate}${req.largePrint ? '-large-print' : ''}.pdf`.replace(/[^A-Za-z0-9._-]+/g, '-');
    // ELIG-5: nothing to sign; the cover says why and the first date the member can retire.
    const notEligible = canRetire(estimate) ? null : notEligibleText(estimate);
    return { result, fileName, scenario, described, notEligible, memberId: row.member_id };
  }

  return {
    documentMember,
    /** The packet's bytes and facts, for main-process callers only (the packet CLI); audited. */
    async buildForMember(req: PacketRequest, onProgress?: (p: PacketProgress) => void) {
      const b = await build(req, onProgress);
      members.audit(req.memberId, 'documents', 'packet', null, `built for ${b.described} (${b.result.pageCount} pages)`);
      return { bytes: b.result.bytes, pageCount: b.result.pageCount, documents: b.result.documents, fileName: b.fileName, notEligible: b.notEligible, memberId: b.memberId };
    },
    /**
     * One packet per member, in order (a field session or seminar): each is built and handed to
     * `deliver` before the next starts, so memory holds one packet at a time. A member whose
     * packet cannot be built is skipped with the reason; the batch goes on.
     */
    async batch(
      memberIds: number[],
      req: { flatten?: boolean; worksheet?: boolean; largePrint?: boolean },
      deliver: (p: { memberId: string; fileName: string; bytes: Uint8Array; pageCount: number; notEligible: { title: string; lines: string[] } | null }) => void,
      onProgress?: (p: { done: number; total: number; memberId: string; outcome: 'built' | 'skipped' }) => void,
    ): Promise<{ built: number; skipped: { memberId: string; reason: string }[] }> {
      const skipped: { memberId: string; reason: string }[] = [];
      let done = 0;
      let ok = 0;
      for (const id of memberIds) {
        const label = repos.members.get(id)?.member_id ?? `#${id}`;
        let outcome: 'built' | 'skipped' = 'built';
        try {
          const b = await build({ memberId: id, flatten: req.flatten, worksheet: req.worksheet, largePrint: req.largePrint });
          deliver({ memberId: b.memberId, fileName: b.fileName, bytes: b.result.bytes, pageCount: b.result.pageCount, notEligible: b.notEligible });
          members.audit(id, 'documents', 'packet', null, `built for ${b.described} (${b.result.pageCount} pages, batch)`);
          ok++;
        } catch (err) {
          if (!(err instanceof AppFailure)) throw err;
          outcome = 'skipped';
          const fields = err.fields ? Object.entries(err.fields).map(([k, v]) => `${k} ${v}`) : [];
          skipped.push({ memberId: label, reason: fields.length > 0 ? `${err.message} (${fields.join('; ')})` : err.message });
        }
        onProgress?.({ done: ++done, total: memberIds.length, memberId: label, outcome });
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return { built: ok, skipped };
    },
    /** Build the packet; the renderer gets its contents and a token, never the bytes. */
    async packet(req: PacketRequest) {
      const sink = emit();
      const { result, fileName, scenario, described } = await build(req, (p) => sink('packet:progress', { done: p.done, total: p.total, label: p.step }));
      const token = `p${++counter}-${Date.now().toString(36)}`;
      built.set(token, { bytes: result.bytes, fileName, memberId: req.memberId });
      while (built.size > KEEP_PACKETS) built.delete(built.keys().next().value!);
      members.audit(req.memberId, 'documents', 'packet', null, `built for ${described} (${result.pageCount} pages)`);
      return {
        token,
        fileName,
        pageCount: result.pageCount,
        bytes: result.bytes.length,
        documents: result.documents.map((d) => ({ title: d.title, firstPage: d.firstPage, lastPage: d.lastPage })),
        scenario,
      };
    },
    /** Save a built packet where the counselor chooses; written beside the target, then renamed. */
    async save(token: string): Promise<{ saved: boolean; path: string | null }> {
      const b = take(token);
      const path = await host().chooseSavePath(b.fileName);
      if (!path) return { saved: false, path: null };
      const tmp = `${path}.partial`;
      try {
        writeFileSync(tmp, b.bytes);
        renameSync(tmp, path);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw new AppFailure('UNAVAILABLE', `The packet could not be saved to ${path}: ${(err as Error).message}`);
      }
      members.audit(b.memberId, 'documents', 'saved', null, path);
      return { saved: true, path };
    },
    async print(token: string): Promise<{ printed: boolean }> {
      const b = take(token);
      const r = await host().print(b.bytes, b.fileName);
      // Closing the print dialog is the counselor's choice, not a failure.
      if (r.outcome === 'cancelled') return { printed: false };
      if (r.outcome === 'unavailable') throw new AppFailure('UNAVAILABLE', r.message ?? PRINTING_UNAVAILABLE);
      members.audit(b.memberId, 'documents', 'printed', null, b.fileName);
      return { printed: true };
    },
    /** The bytes of a built packet, for main-process callers only (never an IPC channel). */
    bytesOf: (token: string) => take(token).bytes,
  };
}
export type DocumentsService = ReturnType<typeof documentsService>;
