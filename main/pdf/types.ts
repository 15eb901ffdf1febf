// Plain data for the printed documents (ARCHITECTURE "PDF documents"). The builders never query
// the caseload: the caseload service maps its records onto `DocumentMember`, and the packet CLI
// builds a minimal one from a case file with `documentMemberFromCase`.
//
// Full SSNs and bank account numbers live here, in the main process only: the PDFs are filled in
// main, so full values never cross IPC. Every field a bare CASE.json cannot give is optional.
import type { Case } from '../../shared/domain/case-schema';
import type { Estimate } from '../../shared/domain/estimate-schema';
import type { PageIdentity } from './context';
import { maskSsn } from './format';

// RULES.md section 10 and FORM-1: the caseload's form, status, proof and designation ids.
export {
  FORM_IDS as DOCUMENT_FORM_IDS,
  FORM_STATUSES as DOCUMENT_FORM_STATUSES,
  PROOF_DOCUMENTS as DOCUMENT_PROOFS,
  STEP1_FORMS as STEP1_FORM_IDS,
  STEP2_FORMS as STEP2_FORM_IDS,
} from '../../shared/domain/member';
import type { FormId, FormStatus, ProofDocument } from '../../shared/domain/member';
export type { FormId, FormStatus, ProofDocument };

/** FORM-1: the documents accepted as proof of age and lawful presence. */
export const PROOF_KINDS = [
  'birth-certificate',
  'missouri-license',
  'passport',
  'citizenship-certificate',
  'naturalization-certificate',
  'birth-abroad-certificate',
] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];

/** FORM-3: the designations. The same ids as the caseload (DESIGNATIONS). */
export { DESIGNATIONS as DOCUMENT_DESIGNATIONS } from '../../shared/domain/member';
import type { Designation } from '../../shared/domain/member';
export type { Designation };

export type DocumentAddress = {
  street?: string | null;
  city?: string | null;
  state?: string | null;
  zip?: string | null;
};

export type DocumentSpouse = {
  name: string;
  /** Nine digits (dashes allowed); printed in full only on forms that require it. */
  ssn?: string | null;
  birthDate?: string | null;
  marriageDate?: string | null;
};

export type DocumentBeneficiary = {
  designation: Designation;
  class: 'primary' | 'contingent';
  kind: 'person' | 'trust' | 'organization' | 'estate';
  name: string;
  relationship?: string | null;
  birthDate?: string | null;
  ssn?: string | null;
  address?: string | null;
  /** A percentage ("50", "33.33") or a fraction ("1/3"), as the caseload stores it. */
  share: string;
};

export type DocumentAgent = {
  name: string;
  phone?: string | null;
  /** Mailing address, one string; line breaks allowed. */
  address?: string | null;
};

export type DocumentReleaseOfInformation = {
  recipient: string;
  relationship?: string | null;
  phone?: string | null;
  email?: string | null;
  /** The information that may be released. */
  information?: string | null;
  /** Effective dates, ISO. */
  from?: string | null;
  to?: string | null;
};

export type DocumentProcess = {
  forms?: { form: FormId; status: FormStatus; dueDate?: string | null }[];
  proofs?: { document: ProofDocument; received: boolean; kind?: ProofKind | null }[];
};

export type DocumentMember = {
  firstName: string;
  middleName?: string | null;
  lastName: string;
  /** The name as one string, used verbatim when given (a case file has only this). */
  fullName?: string | null;
  memberId?: string | null;
  /** Nine digits (dashes allowed). Main process only. */
  ssn?: string | null;
  birthDate?: string | null;
  address?: DocumentAddress | null;
  phone?: string | null;
  email?: string | null;
  spouse?: DocumentSpouse | null;
  beneficiaries?: DocumentBeneficiary[];
  directDeposit?: {
    routingNumber: string;
    accountNumber: string;
    accountType: 'checking' | 'savings';
    institution?: string | null;
  } | null;
  /** FORM-4: decimal amounts; `carried` is the coverage while active, `elected` the amount kept. */
  optionalLife?: { carried?: string | null; elected?: string | null } | null;
  /** Whether the member carries life insurance into retirement (FORM-4 basic life). Default: active members. */
  lifeInsured?: boolean | null;
  /** Substitute W-4P. */
  withholding?: {
    filingStatus?: 'single' | 'married-joint' | 'head-of-household' | null;
    otherIncome?: string | null;
    deductions?: string | null;
    extraWithholding?: string | null;
    noWithholding?: boolean | null;
    /** ISO date, the first day of a month: when withholding begins (never retroactive). */
    startDate?: string | null;
    /** Missouri income tax withholding (MOSERS withholds for no other state). */
    missouri?: {
      withhold?: boolean | null;
      filingStatus?: 'single' | 'married-joint' | 'head-of-household' | null;
      extraWithholding?: string | null;
    } | null;
  } | null;
  agent?: DocumentAgent | null;
  successorAgent?: DocumentAgent | null;
  releaseOfInformation?: DocumentReleaseOfInformation | null;
  /** BD-5 choices already discussed, printed on the BackDROP Distribution Form. */
  backdropDistribution?: {
    method?: 'cash' | 'rollover' | 'split' | 'installments' | null;
    cashPercent?: string | null;
    rolloverInstitution?: string | null;
    rolloverAccount?: string | null;
  } | null;
  /** The two-step process checklist: each form's status and the proof documents received. */
  process?: DocumentProcess | null;
  appointment?: { date: string; time?: string | null; place?: string | null; counselor?: string | null } | null;
};

/** What a document is built from: the estimate already computed, the member, and the case facts. */
export type DocumentInput = {
  estimate: Estimate;
  member: DocumentMember;
  /** The case the estimate was computed from: facts used, COLA assumptions, active or not. */
  case?: Case | null;
};

export type BuildOptions = {
  /** Keep the AcroForm fillable (default) or flatten every field into the page for printing. */
  flatten?: boolean;
  /** ISO date printed as "prepared on"; default the estimate's `asOf`. */
  preparedOn?: string;
  /** Add the Counselor Worksheet (the derivation with rule ids and notes) after the documents. */
  worksheet?: boolean;
  /** The instant of the build (ISO 8601): the PDF's creation date; default now. */
  createdAt?: string;
  /** The large-print edition: body text 14 pt and more, labels 12 pt and more (decision 74). */
  largePrint?: boolean;
};

/** The name printed on documents and in every page footer. */
export function memberDisplayName(m: DocumentMember): string {
  const full = m.fullName?.trim();
  if (full) return full;
  return [m.firstName, m.middleName ?? '', m.lastName]
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .join(' ');
}

/** A minimal DocumentMember from a case file (CASE-FORMAT): names only, everything else blank. */
export function documentMemberFromCase(c: Case): DocumentMember {
  const name = c.member.name?.trim() ?? '';
  const parts = name.split(/\s+/).filter((s) => s.length > 0);
  const firstName = parts.length > 1 ? (parts[0] ?? '') : '';
  const lastName = parts.length > 0 ? (parts[parts.length - 1] ?? '') : '';
  const middle = parts.slice(1, -1).join(' ');
  return {
    firstName,
    middleName: middle || null,
    lastName,
    fullName: name || null,
    memberId: c.member.memberId ?? null,
    ssn: null,
    birthDate: c.member.birthDate,
    spouse: c.spouse ? { name: c.spouse.name ?? '', birthDate: c.spouse.birthDate } : null,
  };
}

/** The member as every page footer names them: name, member ID and the masked SSN. */
export function pageIdentity(m: DocumentMember): PageIdentity {
  return { name: memberDisplayName(m), memberId: m.memberId?.trim() || null, maskedSsn: maskSsn(m.ssn) };
}

/**
 * The PDF's Title: the document and the member ID, never the member's name (a file's metadata
 * is shown by mail clients, search indexes and print queues).
 */
export function documentTitle(title: string, m: DocumentMember): string {
  const id = m.memberId?.trim();
  return `MOSERS ${title}${id ? ` — ${id}` : ''}`;
}
