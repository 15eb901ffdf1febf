// The printed documents (ARCHITECTURE "PDF documents"): builders that take an estimate already
// computed and the member's plain data, and return PDF bytes. No database access here: the
// caseload service maps its records onto DocumentMember.
export { buildEstimateAndElection, buildPacket, buildRosterPackets, packetForms } from './packet';
export type { PacketOptions, PacketProgress, PacketResult } from './packet';
export { buildEstimateStatement } from './estimate-statement';
export { buildElectionForm } from './election-form';
export { buildChecklist, FORM_CODES, FORM_TITLES } from './checklist';
export type { Checklist, ChecklistForm, ChecklistProof } from './checklist';
export type { DocumentKind, DocumentRange } from './context';
export { UnprintableCharacterError } from './fonts';
export { documentMemberFromCase, memberDisplayName } from './types';
export type {
  BuildOptions,
  Designation,
  DocumentAddress,
  DocumentAgent,
  DocumentBeneficiary,
  DocumentInput,
  DocumentMember,
  DocumentProcess,
  DocumentReleaseOfInformation,
  DocumentSpouse,
  FormId,
  FormStatus,
  ProofDocument,
  ProofKind,
} from './types';
