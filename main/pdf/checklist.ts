// The member's two-step checklist (RULES.md sections 9 and 10): which forms apply, their status
// and due dates, and the proof documents (FORM-1) still needed.
import { parseDate } from '../../shared/calc/dates';
import { idealWindow as idealWindowFor } from '../../shared/calc/deadlines';
import { retiresFromActive } from '../../shared/calc/eligibility';
import type { Case } from '../../shared/domain/case-schema';
import type { Estimate, PlanResult } from '../../shared/domain/estimate-schema';
import { formatDate } from './format';
import { STEP1_FORM_IDS, type DocumentInput, type DocumentMember, type FormId, type FormStatus, type ProofDocument, type ProofKind } from './types';

export const FORM_TITLES: Readonly<Record<FormId, string>> = {
  'retirement-application': 'Retirement Application',
  'direct-deposit': 'Direct Deposit Authorization',
  w4p: 'Tax Withholding Election (Substitute W-4P)',
  'beneficiary-life-insurance': 'Designation/Change of Beneficiaries',
  'optional-life': 'Retain/Change Optional Life Insurance',
  'dependent-child-life': 'Retain/Terminate Dependent Child Life Insurance',
  'release-information': 'Authorization to Release Information',
  'designation-of-agent': 'Designation of Agent',
  'election-form': 'Personalized Retirement Election Form',
  'backdrop-distribution': 'BackDROP Distribution Form',
  'spousal-consent': 'Spousal Consent',
};

/** The form ids printed in each header band (the workstation's own numbering). */
export const FORM_CODES: Readonly<Record<FormId, string>> = {
  'retirement-application': 'CW-201',
  'direct-deposit': 'CW-202',
  w4p: 'CW-203',
  'beneficiary-life-insurance': 'CW-204',
  'optional-life': 'CW-205',
  'dependent-child-life': 'CW-206',
  'release-information': 'CW-207',
  'designation-of-agent': 'CW-208',
  'election-form': 'CW-300',
  'backdrop-distribution': 'CW-301',
  'spousal-consent': 'CW-302',
};

export const PROOF_TITLES: Readonly<Record<ProofDocument, string>> = {
  'member-proof-of-age': "Member's proof of age and lawful presence",
  'spouse-proof-of-age': "Spouse's proof of age and lawful presence",
  'marriage-certificate': 'Marriage certificate',
};

export const PROOF_KIND_LABELS: Readonly<Record<ProofKind, string>> = {
  'birth-certificate': 'U.S. birth certificate (raised seal)',
  'missouri-license': "Missouri driver's licence or non-driver ID",
  passport: 'U.S. passport',
  'citizenship-certificate': 'Certificate of citizenship',
  'naturalization-certificate': 'Certificate of naturalization',
  'birth-abroad-certificate': 'Certificate of birth abroad',
};

export type ChecklistForm = {
  form: FormId;
  title: string;
  code: string;
  step: 1 | 2;
  /** When the form is needed, as printed: "Required", "If insured", "Optional" … */
  requirement: string;
  status: FormStatus;
  /** ISO due date, and how it is set. */
  due: string;
  dueRule: string;
};

export type ChecklistProof = { document: ProofDocument; title: string; received: boolean; kind: ProofKind | null; due: string };

export type Checklist = {
  forms: ChecklistForm[];
  proofs: ChecklistProof[];
  /** PROC-3: the ideal window for the other Step 1 forms. */
  idealWindow: { from: string; to: string };
  deadlines: PlanResult['deadlines'];
  retirementDate: string;
};

/** DATE-5: active when no last day worked, or one in the month before R. */
export function isActive(c: Case): boolean {
  return retiresFromActive(c.member.lastDayWorked, c.retirementDate);
}

export function isMarried(m: DocumentMember): boolean {
  return m.spouse !== null && m.spouse !== undefined;
}

export function backdropEligible(e: Estimate): boolean {
  return e.results.some((r) => r.backdrop.eligible);
}

function lifeInsured(input: DocumentInput): boolean {
  const m = input.member;
  if (m.lifeInsured !== null && m.lifeInsured !== undefined) return m.lifeInsured;
  if ((m.beneficiaries ?? []).some((b) => b.designation === 'life-insurance')) return true;
  return input.case ? isActive(input.case) : true;
}

export function carriesOptionalLife(m: DocumentMember): boolean {
  const carried = m.optionalLife?.carried;
  return carried !== null && carried !== undefined && Number(carried) > 0;
}

/** The forms that apply to this member, in packet order, with their status and due dates. */
export function buildChecklist(input: DocumentInput): Checklist {
  const { estimate, member } = input;
  const first = estimate.results[0];
  if (!first) throw new Error('estimate: has no results');
  const d = first.deadlines;
  const idealWindow = idealWindowFor(parseDate(estimate.retirementDate)); // PROC-3
  const given = new Map((member.process?.forms ?? []).map((f) => [f.form, f] as const));
  const married = isMarried(member);

  const applies: Record<FormId, string | null> = {
    'retirement-application': 'Required',
    'direct-deposit': 'Required',
    w4p: 'Required',
    'beneficiary-life-insurance': lifeInsured(input) ? 'If insured' : null,
    // FORM-4: continued only by a member retiring from active employment (not terminated-vested).
    'optional-life': carriesOptionalLife(member) && (!input.case || isActive(input.case)) ? 'Optional coverage carried' : null,
    'dependent-child-life': given.has('dependent-child-life') ? 'If applicable' : null,
    'release-information': member.releaseOfInformation || given.has('release-information') ? 'Optional' : null,
    'designation-of-agent': member.agent || given.has('designation-of-agent') ? 'Optional' : null,
    'election-form': 'Required',
    'backdrop-distribution': backdropEligible(estimate) ? 'If BackDROP is elected' : null,
    'spousal-consent': married ? 'If an option other than JS50 or JS100 is elected' : null,
  };

  const forms: ChecklistForm[] = [];
  for (const [form, requirement] of Object.entries(applies) as [FormId, string | null][]) {
    if (requirement === null) continue;
    const step: 1 | 2 = (STEP1_FORM_IDS as readonly string[]).includes(form) ? 1 : 2;
    let due: string;
    let dueRule: string;
    if (form === 'retirement-application') {
      due = d.applicationDue;
      dueRule = 'PROC-1';
    } else if (step === 1) {
      due = idealWindow.to;
      dueRule = 'PROC-3';
    } else {
      due = d.electionDue;
      dueRule = 'PROC-2';
    }
    const g = given.get(form);
    if (g?.dueDate) {
      due = g.dueDate;
      dueRule = 'set by the counselor';
    }
    forms.push({
      form,
      title: FORM_TITLES[form],
      code: FORM_CODES[form],
      step,
      requirement,
      status: g?.status ?? 'not-started',
      due,
      dueRule,
    });
  }

  const givenProofs = new Map((member.process?.proofs ?? []).map((p) => [p.document, p] as const));
  const proofIds: ProofDocument[] = married ? ['member-proof-of-age', 'spouse-proof-of-age', 'marriage-certificate'] : ['member-proof-of-age'];
  const proofs: ChecklistProof[] = proofIds.map((document) => {
    const p = givenProofs.get(document);
    return { document, title: PROOF_TITLES[document], received: p?.received ?? false, kind: p?.kind ?? null, due: d.applicationDue };
  });

  return { forms, proofs, idealWindow, deadlines: d, retirementDate: estimate.retirementDate };
}

/** The forms still open (not received), in packet order. */
export function openForms(list: Checklist): ChecklistForm[] {
  return list.forms.filter((f) => f.status !== 'received');
}

/** A due date before the date the packet is prepared on is overdue (strictly before). */
export function isOverdue(due: string, asOf: string): boolean {
  return due < asOf;
}

/** What a missed due date means, in words, by the rule that sets it (PROC-1, PROC-2, PROC-3). */
export function overdueMeaning(rule: string): string {
  if (rule === 'PROC-1') return 'MOSERS must receive the Retirement Application by the last day of the second month before the retirement date (PROC-1): filed now, your retirement date may be delayed to a later month.';
  if (rule === 'PROC-2') return 'MOSERS must receive the election by the last day of the month before the retirement date (PROC-2): received late, your retirement date and first payment may be delayed.';
  if (rule === 'PROC-3') return 'This form is past its ideal window (PROC-3): send it at once, or your first payment may be delayed.';
  return 'Send it at once: your retirement date or first payment may be delayed.';
}

/** The overdue flag of a form being printed, or null: its title and what it means. */
export type OverdueFlag = { title: string; text: string };

export function overdueFlag(f: { title: string; due: string; dueRule: string }, asOf: string): OverdueFlag | null {
  if (!isOverdue(f.due, asOf)) return null;
  return { title: `OVERDUE: this form was due ${formatDate(f.due)}`, text: `As of ${formatDate(asOf)} the ${f.title} is overdue. ${overdueMeaning(f.dueRule)}` };
}
