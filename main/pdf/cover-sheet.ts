// The appointment packet's cover sheet (CW-001): the member's checklist — forms done and missing,
// proof documents still needed, each due date — and the packet's contents. Static text; the SSN
// is masked.
import { buildChecklist, isOverdue, openForms, overdueMeaning, type Checklist } from './checklist';
import type { DocContext, DocumentMeta, DocumentRange } from './context';
import { dateOrBlank } from './forms/common';
import { canRetire, formatDate, maskSsn, notEligibleText, planLabel } from './format';
import { memberDisplayName, type BuildOptions, type DocumentInput, type FormStatus } from './types';
import { DocWriter } from './writer';
import { PROOF_KIND_LABELS } from './checklist';

export const COVER_META: DocumentMeta = { kind: 'cover', code: 'CW-001', title: 'Retirement Appointment Packet' };

const STATUS_LABELS: Readonly<Record<FormStatus, string>> = { 'not-started': 'Not started', 'in-progress': 'In progress', received: 'Received' };

export function addCoverSheet(ctx: DocContext, input: DocumentInput, contents: DocumentRange[], opts: BuildOptions = {}, list: Checklist = buildChecklist(input)): void {
  const { estimate, member } = input;
  const prepared = opts.preparedOn ?? estimate.asOf;
  const appt = member.appointment ?? null;
  const w = new DocWriter(ctx, {
    ...COVER_META,
    subtitle: canRetire(estimate)
      ? `Prepared ${formatDate(prepared)} for retirement on ${formatDate(estimate.retirementDate)}. Your checklist: what is done, what is still needed, and when.`
      : `Prepared ${formatDate(prepared)} for a retirement date of ${formatDate(estimate.retirementDate)}, on which you cannot retire.`,
  });
  w.section('Member');
  w.row([
    { label: 'Member name', value: memberDisplayName(member), width: 3, path: 'member.name' },
    { label: 'Member ID', value: member.memberId ?? '', width: 1, path: 'member.memberId' },
    { label: 'Social Security number', value: maskSsn(member.ssn), width: 1.2, path: 'member.ssn' },
  ]);
  w.row([
    { label: 'Birth date', value: dateOrBlank(member.birthDate ?? input.case?.member.birthDate), width: 1, path: 'member.birthDate' },
    { label: 'Retirement date', value: formatDate(estimate.retirementDate), width: 1, path: 'retirementDate' },
    { label: estimate.results.length > 1 ? 'Plans to choose from' : 'Plan', value: estimate.results.map((r) => planLabel(r.plan)).join(' or '), width: 1.2, path: 'plan' },
    { label: 'Spouse', value: member.spouse?.name ?? 'None on file', width: 1.6, path: 'spouse.name' },
  ]);
  if (appt) {
    w.row([
      { label: 'Appointment', value: `${formatDate(appt.date)}${appt.time ? ` at ${appt.time}` : ''}`, width: 1.3, path: 'appointment.date' },
      { label: 'Place', value: appt.place ?? '', width: 2, path: 'appointment.place' },
      { label: 'Counselor', value: appt.counselor ?? '', width: 1.4, path: 'appointment.counselor' },
    ]);
  }
  w.endRows();

  // ELIG-5: a member who cannot retire on the date gets the reason and the first date they can,
  // and a packet with nothing to sign: no application due dates, no election, no consent.
  if (!canRetire(estimate)) {
    const why = notEligibleText(estimate);
    w.notice(why.lines.join(' '), 'warn', { title: why.title, field: 'cover.notEligible' });
    w.paragraph(
      'This packet holds the Benefit Estimate Statement only. There is no application, election form or consent to sign for this date. Ask your counselor for an estimate for a date on which you can retire.',
      { size: 8.5 },
    );
    return;
  }

  const d = list.deadlines;
  // PROC-1..3: every due date already past on the day the packet is prepared is flagged.
  const due = (iso: string): string => (isOverdue(iso, prepared) ? `${formatDate(iso)} — OVERDUE` : formatDate(iso));
  const late = openForms(list).filter((f) => isOverdue(f.due, prepared));
  const lateProofs = list.proofs.filter((p) => !p.received && isOverdue(p.due, prepared));
  if (late.length > 0 || lateProofs.length > 0) {
    const rules = [...new Set(late.map((f) => f.dueRule))];
    w.notice(
      [
        `As of ${formatDate(prepared)}: ${[...late.map((f) => `${f.code} ${f.title} (due ${formatDate(f.due)})`), ...lateProofs.map((p) => `${p.title.toLowerCase()} (due ${formatDate(p.due)})`)].join('; ')}.`,
        ...rules.map((r) => overdueMeaning(r)),
      ].join(' '),
      'warn',
      { title: `Overdue: ${late.length + lateProofs.length} ${late.length + lateProofs.length === 1 ? 'item is' : 'items are'} past due`, field: 'cover.overdue' },
    );
  }
  w.section('Key dates (PROC-1 to PROC-5)');
  w.table(
    [
      { header: 'What', width: 4 },
      { header: 'Date', width: 2.2 },
    ],
    [
      { cells: ['Retirement Application may be filed from', formatDate(d.applicationEarliest)] },
      { cells: ['Retirement Application due (Step 1)', due(d.applicationDue)] },
      { cells: ['Ideal window for the other Step 1 forms', `${formatDate(list.idealWindow.from)} to ${due(list.idealWindow.to)}`] },
      { cells: ['Retirement Election Form due (Step 2)', due(d.electionDue)] },
      { cells: ['Application void if the process is not complete by', formatDate(d.voidAfter)] },
      { cells: ['First monthly payment', formatDate(d.firstPaymentDate)] },
    ],
    { field: 'deadlines' },
  );

  const received = list.forms.filter((f) => f.status === 'received');
  const open = list.forms.filter((f) => f.status !== 'received');
  w.section(`Forms: ${received.length} of ${list.forms.length} received, ${open.length} still open`);
  const pagesOf = (kind: string): string => {
    const r = contents.find((c) => c.kind === kind);
    if (!r) return '';
    // Each form numbers its own pages ("Page 1 of 2" in its footer), so the cover gives the count.
    const n = r.lastPage - r.firstPage + 1;
    return n === 1 ? 'Yes, 1 page' : `Yes, ${n} pages`;
  };
  w.table(
    [
      { header: 'Step', width: 0.5, align: 'center' },
      { header: 'Form', width: 3.6 },
      { header: 'When needed', width: 2.3 },
      { header: 'Status', width: 1.1 },
      { header: 'Due', width: 1.5 },
      { header: 'In packet', width: 1 },
    ],
    list.forms.map((f) => ({
      cells: [
        String(f.step),
        `${f.code}  ${f.title}`,
        f.requirement,
        STATUS_LABELS[f.status],
        f.status === 'received' ? '—' : due(f.due),
        f.status === 'received' ? '' : pagesOf(f.form),
      ],
      bold: f.status !== 'received' && f.requirement === 'Required',
    })),
    { field: 'checklist.forms' },
  );
  const needed = list.proofs.filter((p) => !p.received);
  w.section(`Proof documents (FORM-1): ${needed.length === 0 ? 'all received' : `${needed.length} still needed`}`);
  w.table(
    [
      { header: 'Document', width: 3.6 },
      { header: 'Status', width: 3 },
      { header: 'Due', width: 1.6 },
    ],
    list.proofs.map((p) => ({
      cells: [p.title, p.received ? `Received${p.kind ? `: ${PROOF_KIND_LABELS[p.kind]}` : ''}` : 'Still needed', p.received ? '—' : due(p.due)],
      bold: !p.received,
    })),
    { field: 'checklist.proofs' },
  );

  const worksheet = contents.find((c) => c.kind === 'worksheet');
  if (worksheet) w.paragraph(`At the end: the ${worksheet.title} (${worksheet.lastPage - worksheet.firstPage + 1} ${worksheet.firstPage === worksheet.lastPage ? 'page' : 'pages'}), your counselor's derivation of every figure.`, { size: 8 });
  const estimatePages = contents.find((c) => c.kind === 'estimate');
  if (estimatePages) {
    w.paragraph(
      `In this packet, in this order: this checklist, the ${estimatePages.title} (${estimatePages.lastPage - estimatePages.firstPage + 1} ${estimatePages.firstPage === estimatePages.lastPage ? 'page' : 'pages'}), then each open form marked "Yes" above, in the order listed. Each page names the form, its page number within the form, and you.`,
      { size: 8 },
    );
  }
  w.paragraph(
    'Mail or bring each form to MOSERS, PO Box 209, Jefferson City, MO 65102-0209, or fax it to (573) 632-6103. Questions: (573) 632-6100, toll free (800) 827-1063, mosers@mosers.org. Proof documents can also be uploaded from your Member Homepage (Online Documents, Document Upload).',
    { size: 8 },
  );
  w.notice(`If the two steps are not complete by ${formatDate(d.voidAfter)}, the application becomes void and you must apply again (PROC-4).`, 'warn');
}
