import { AppFailure } from '../../shared/ipc/result';
import { compareDates, dayNumber, longDate, parseDate } from '../../shared/calc/dates';
import { idealWindow, processDates } from '../../shared/calc/deadlines';
import { STEP1_FORMS, STEP2_FORMS, PROOF_DOCUMENTS, type FormId, type FormStatus, type ProofDocument } from '../../shared/domain/member';
import type { ServiceContext } from './context';
import type { MembersService } from './members';

export type Requirement = 'required' | 'if-applicable' | 'optional';

export const FORM_TITLES: Record<FormId, string> = {
  'retirement-application': 'Retirement Application',
  'direct-deposit': 'Direct Deposit Authorization',
  w4p: 'Tax Withholding (Substitute W-4P)',
  'beneficiary-life-insurance': 'Designation/Change of Beneficiaries (life insurance)',
  'optional-life': 'Retain/Change Optional Life Insurance',
  'dependent-child-life': 'Retain/Terminate Dependent Child Life Insurance',
  'release-information': 'Authorization to Release Information',
  'designation-of-agent': 'Designation of Agent',
  'election-form': 'Retirement Election Form',
  'backdrop-distribution': 'BackDROP Distribution Form',
  'spousal-consent': 'Spousal consent',
};

export const PROOF_TITLES: Record<ProofDocument, string> = {
  'member-proof-of-age': "Member's proof of age and lawful presence",
  'spouse-proof-of-age': "Spouse's proof of age and lawful presence",
  'marriage-certificate': 'Marriage certificate',
};

/** Days before a due date at which the tracker warns. */
export const DUE_SOON_DAYS = 14;

export function processService(ctx: ServiceContext, members: MembersService) {
  const { repos, clock, db } = ctx;

  function get(memberId: number) {
    const row = members.requireRow(memberId);
    const married = repos.children.spouse(memberId) !== null;
    // Money is a decimal string: "0", "0.0" and "0.00" all mean no optional coverage.
    const insured = row.optional_life_coverage !== null && Number(row.optional_life_coverage) > 0;
    const status = new Map(repos.process.forms(memberId).map((f) => [f.form, f.status as FormStatus]));
    const received = new Map(repos.process.proofs(memberId).map((p) => [p.document, p.received === 1]));
    const receivedOnForm = new Map(repos.process.forms(memberId).map((f) => [f.form, f.received_on]));
    const receivedOnProof = new Map(repos.process.proofs(memberId).map((p) => [p.document, p.received_on]));
    const deadlines = row.retirement_date ? processDates(parseDate(row.retirement_date)) : null;
    const today = parseDate(clock.today());

    // RULES.md section 10: which forms a member needs.
    const requirement = (form: FormId): Requirement => {
      switch (form) {
        case 'retirement-application':
        case 'direct-deposit':
        case 'w4p':
        case 'election-form':
          return 'required';
        case 'beneficiary-life-insurance':
        case 'optional-life':
          return insured ? 'required' : 'if-applicable';
        case 'backdrop-distribution':
          return row.backdrop_months ? 'required' : 'if-applicable';
        case 'spousal-consent':
          return married ? 'if-applicable' : 'optional'; // OPT-7: needed for options other than JS50/JS100
        default:
          return 'if-applicable';
      }
    };
    const due = (step: 1 | 2): string | null => (deadlines ? (step === 1 ? deadlines.applicationDue : deadlines.electionDue) : null);
    const warning = (dueDate: string | null, done: boolean): 'overdue' | 'due-soon' | null => {
      if (!dueDate || done) return null;
      const d = parseDate(dueDate);
      if (compareDates(today, d) > 0) return 'overdue';
      return dayNumber(d) - dayNumber(today) <= DUE_SOON_DAYS ? 'due-soon' : null;
    };
    const forms = [...STEP1_FORMS.map((f) => [f, 1] as const), ...STEP2_FORMS.map((f) => [f, 2] as const)].map(([form, step]) => {
      const st = status.get(form) ?? 'not-started';
      const req = requirement(form);
      const dueDate = due(step);
      return { form, title: FORM_TITLES[form], step, requirement: req, status: st, dueDate, warning: req === 'required' ? warning(dueDate, st === 'received') : null, receivedOn: receivedOnForm.get(form) ?? null };
    });
    // FORM-1: proof of age for the member and a spouse, and a marriage certificate if married.
    const proofs = PROOF_DOCUMENTS.map((document) => {
      const required = document === 'member-proof-of-age' || married;
      return { document, title: PROOF_TITLES[document], required, received: received.get(document) ?? false, receivedOn: receivedOnProof.get(document) ?? null };
    });
    const progress = (step: 1 | 2) => {
      const req = forms.filter((f) => f.step === step && f.requirement === 'required');
      return { received: req.filter((f) => f.status === 'received').length, required: req.length };
    };
    const missing = [
      ...forms.filter((f) => f.requirement === 'required' && f.status !== 'received').map((f) => `${f.title}${f.dueDate ? ` (due ${longDate(parseDate(f.dueDate))})` : ''}`),
      ...proofs.filter((p) => p.required && !p.received).map((p) => p.title),
    ];
    return {
      memberId,
      version: row.version,
      deadlines,
      idealWindow: row.retirement_date ? idealWindow(parseDate(row.retirement_date)) : null, // PROC-3
      forms,
      proofs,
      progress: { step1: progress(1), step2: progress(2) },
      missing,
    };
  }

  /**
   * The day a form or proof was received: the date given, or today when marked received without
   * one; none when it is not received. A day after today is refused, naming the field.
   */
  function receivedDate(isReceived: boolean, given: string | null | undefined): string | null {
    if (!isReceived) return null;
    const on = given ?? clock.today();
    if (on > clock.today()) throw new AppFailure('INVALID_INPUT', 'A form cannot be received after today. Type the day it came in.', { receivedOn: 'is after today' });
    return on;
  }
  /** The audit's value: the status, and the day when there is one. */
  const received = (status: string, on: string | null) => (on ? `${status} on ${on}` : status);

  return {
    get,
    setForm(memberId: number, version: number, form: FormId, status: FormStatus, receivedOn?: string | null) {
      const on = receivedDate(status === 'received', receivedOn);
      db.transaction(() => {
        const row = members.requireRow(memberId);
        members.touch(row, version);
        const was = repos.process.forms(memberId).find((f) => f.form === form);
        const before = was?.status ?? 'not-started';
        repos.process.setForm(memberId, form, status, clock.now(), on);
        members.audit(memberId, 'process', form, received(before, was?.received_on ?? null), received(status, on));
      })();
      return get(memberId);
    },
    setProof(memberId: number, version: number, document: ProofDocument, isReceived: boolean, receivedOn?: string | null) {
      const on = receivedDate(isReceived, receivedOn);
      db.transaction(() => {
        const row = members.requireRow(memberId);
        members.touch(row, version);
        const was = repos.process.proofs(memberId).find((p) => p.document === document);
        const before = was?.received === 1;
        repos.process.setProof(memberId, document, isReceived, clock.now(), on);
        members.audit(memberId, 'proof', document, received(String(before), was?.received_on ?? null), received(String(isReceived), on));
      })();
      return get(memberId);
    },
  };
}
export type ProcessService = ReturnType<typeof processService>;
