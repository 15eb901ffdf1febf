import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { caseSchema } from '../../shared/domain/case-schema';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { AppFailure } from '../../shared/ipc/result';
import { UnprintableCharacterError } from '../pdf/fonts';
import { buildPacket } from '../pdf/packet';
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

  return {
    documentMember,
    /**
     * Build the packet; the renderer gets its contents and a token, never the bytes. Unless the
     * request names a date, BackDROP or basis, it is built for the member's current scenario
     * (scenarios.ts: the record's date and BackDROP period, the scenario's basis). The scenario is
     * never marked on the documents as an election.
     */
    async packet(req: EstimateRequest & { flatten?: boolean | undefined }) {
      const c = estimates.caseFor(req);
      const scenario = { retirementDate: c.retirementDate, backdropMonths: c.backdrop?.months ?? null, actuarialBasis: c.actuarialBasis ?? null };
      const estimate = estimates.computeCase(c);
      const parsed = caseSchema.parse(c);
      const input: DocumentInput = { estimate, member: documentMember(req.memberId), case: parsed };
      const sink = emit();
      let result;
      try {
        result = await buildPacket(input, {
          flatten: req.flatten ?? false,
          backdropInstallments: settings.get().backdropInstallments,
          onProgress: (p) => sink('packet:progress', { done: p.done, total: p.total, label: p.step }),
        });
      } catch (err) {
        if (err instanceof AppFailure) throw err;
        // A character the font cannot print names its field: tell the counselor which, and what to do.
        if (err instanceof UnprintableCharacterError) throw unprintableFailure(err);
        throw err;
      }
      const row = members.requireRow(req.memberId);
      const fileName = `${row.last_name}-${row.member_id}-packet-${c.retirementDate}.pdf`.replace(/[^A-Za-z0-9._-]+/g, '-');
      const token = `p${++counter}-${Date.now().toString(36)}`;
      built.set(token, { bytes: result.bytes, fileName, memberId: req.memberId });
      while (built.size > KEEP_PACKETS) built.delete(built.keys().next().value!);
      const described = [c.retirementDate, scenario.backdropMonths ? `${scenario.backdropMonths}-month BackDROP` : 'no BackDROP', scenario.actuarialBasis ? `basis ${scenario.actuarialBasis}` : null].filter(Boolean).join(', ');
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
