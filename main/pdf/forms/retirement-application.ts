// Retirement Application (Step 1, CW-201), with the proof-of-age checklist (FORM-1).
// The SSNs print in full: MOSERS needs them on the application.
//
// Fields:
//   application.member.{name,memberId,ssn,birthDate,address,phone,email}    ssn in full
//   application.retirementDate, application.lastDayWorked
//   application.maritalStatus   radio: married | single
//   application.spouse.{name,ssn,birthDate,marriageDate}                    ssn in full
//   application.proof.member.<kind>  checkboxes, one per accepted document (FORM-1):
//   application.proof.spouse.<kind>  birthCertificate, missouriLicense, passport,
//                                    citizenshipCertificate, naturalizationCertificate,
//                                    birthAbroadCertificate (spouse boxes for married members)
//   application.proof.marriageCertificate   checkbox, married members
// A box is checked when the caseload records that proof as received with that kind.
import { FORM_CODES, FORM_TITLES, PROOF_KIND_LABELS, buildChecklist } from '../checklist';
import { TYPE, type DocContext, type DocumentMeta } from '../context';
import { formatDate, formatSsn } from '../format';
import { PROOF_KINDS, type DocumentInput, type ProofDocument, type ProofKind } from '../types';
import { DocWriter } from '../writer';
import { dateOrBlank, memberRows, memberSignature } from './common';

export const APPLICATION_META: DocumentMeta = { kind: 'retirement-application', code: FORM_CODES['retirement-application'], title: FORM_TITLES['retirement-application'] };

export function proofKindFieldName(kind: ProofKind): string {
  return kind.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function addRetirementApplication(ctx: DocContext, input: DocumentInput): void {
  const { estimate, member } = input;
  const list = buildChecklist(input);
  const d = list.deadlines;
  const w = new DocWriter(ctx, {
    ...APPLICATION_META,
    step: 'Step 1',
    subtitle: `Due ${formatDate(d.applicationDue)}; may be filed from ${formatDate(d.applicationEarliest)} (PROC-1). Purchases and transfers of service must be complete before you file (PROC-6).`,
  });
  w.section('Member');
  memberRows(w, 'application', input, { fullSsn: true, contact: true });
  w.row([
    { label: 'Requested retirement date', value: formatDate(estimate.retirementDate), width: 1, field: 'application.retirementDate' },
    { label: 'Last day worked (if known)', value: dateOrBlank(input.case?.member.lastDayWorked), width: 1, field: 'application.lastDayWorked' },
  ]);
  const spouse = member.spouse ?? null;
  w.row([
    {
      kind: 'radio',
      label: 'Marital status',
      width: 1,
      group: 'application.maritalStatus',
      options: [
        { value: 'married', label: 'Married' },
        { value: 'single', label: 'Not married' },
      ],
      selected: spouse ? 'married' : input.case ? 'single' : null,
    },
  ]);
  w.endRows();

  w.section('Spouse');
  w.row([
    { label: 'Spouse name', value: spouse?.name ?? '', width: 3, field: 'application.spouse.name' },
    { label: 'Spouse Social Security number', value: formatSsn(spouse?.ssn), width: 1.4, field: 'application.spouse.ssn' },
  ]);
  w.row([
    { label: 'Spouse birth date', value: dateOrBlank(spouse?.birthDate), width: 1, field: 'application.spouse.birthDate' },
    { label: 'Date of marriage', value: dateOrBlank(spouse?.marriageDate), width: 1, field: 'application.spouse.marriageDate' },
  ]);
  w.endRows();

  w.section('Proof of age and lawful presence (FORM-1) — attach one document for each person', 80);
  w.paragraph(
    "Accepted: an original U.S. birth certificate with a raised seal, or a copy of a Missouri driver's licence or non-driver ID, a U.S. passport, a certificate of citizenship, a certificate of naturalization, or a certificate of birth abroad. Married members also attach a marriage certificate. You can also upload scanned documents: log in to your Member Homepage, look for Online Documents and click Document Upload.",
    { size: TYPE.small },
  );
  const proofs = new Map(list.proofs.map((p) => [p.document, p] as const));
  const checks = (who: 'member' | 'spouse', doc: ProofDocument) =>
    PROOF_KINDS.map((kind) => ({
      field: `application.proof.${who}.${proofKindFieldName(kind)}`,
      label: PROOF_KIND_LABELS[kind],
      checked: proofs.get(doc)?.received === true && proofs.get(doc)?.kind === kind,
    }));
  w.row([{ kind: 'checks', label: 'Member: document attached', width: 1, items: checks('member', 'member-proof-of-age') }]);
  if (spouse) {
    w.row([{ kind: 'checks', label: 'Spouse: document attached', width: 1, items: checks('spouse', 'spouse-proof-of-age') }]);
    w.row([
      {
        kind: 'checks',
        label: 'Marriage',
        width: 1,
        items: [{ field: 'application.proof.marriageCertificate', label: 'Marriage certificate attached', checked: proofs.get('marriage-certificate')?.received === true }],
      },
    ]);
  }
  w.endRows();
  const missing = list.proofs.filter((p) => !p.received);
  if (missing.length > 0) {
    w.notice(`Still needed by ${formatDate(d.applicationDue)}: ${missing.map((p) => p.title.toLowerCase()).join('; ')}.`, 'warn');
  }
  memberSignature(w, 'I apply to retire on the date above. The information on this application is true and complete to the best of my knowledge.');
}
