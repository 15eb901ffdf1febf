// The Personalized Retirement Election Form (Step 2, CW-300): an AcroForm, fillable or flattened.
//
// Fields:
//   election.member.name, election.member.memberId, election.member.ssn (masked),
//   election.member.birthDate, election.retirementDate
//   election.spouse.name, election.spouse.birthDate                  married members only
//   election.plan       radio: MSEP | MSEP2000                         MSEP members only (PLAN-1)
//   election.backdrop   radio: none | <months> (one eligible plan) or none | <PLAN>-<months>
//                       (several). Eligible only (BD-1)
//   Every choice prints unmarked (fillable and flattened): the election is the member's own act;
//   the scenario the figures were computed for is stated in words at the top.
//   election.option     radio: the option codes offered (LIFE, JS50, JS100, C60, C120, C180)
//   election.beneficiary.primary[0..2].{name,relationship,birthDate,share}
//   election.beneficiary.contingent[0..1].{name,relationship,birthDate,share}
//                       for LIFE (final payment) and guaranteed-payment options (OPT-1, OPT-6),
//                       prefilled from the guaranteed-payments (else final-payment) designation
//   election.signature.date
import type { BackdropPeriod, OptionCode, PlanResult } from '../../shared/domain/estimate-schema';
import { OPTION_CODES } from '../../shared/domain/estimate-schema';
import { DocContext, TYPE, type DocumentMeta } from './context';
import { FORM_CODES } from './checklist';
import { dateOrBlank, memberRows, shareText } from './forms/common';
import { formatDate, formatMoney, formatMonth, isActuarialBasis, optionLabel, planLabel, scenarioText, statusLabel } from './format';
import { documentTitle, pageIdentity, type BuildOptions, type DocumentBeneficiary, type DocumentInput } from './types';
import { memberFallbacks, validateMemberText } from './validate';
import { DocWriter, type Column, type TableRow } from './writer';

export const ELECTION_META: DocumentMeta = { kind: 'election-form', code: FORM_CODES['election-form'], title: 'Personalized Retirement Election Form' };

const PRIMARY_ROWS = 3;
const CONTINGENT_ROWS = 2;

/** The radio value of a BackDROP period: its months, or PLAN-months when several plans qualify. */
export function backdropChoiceValue(plan: PlanResult['plan'], months: number, severalPlans: boolean): string {
  return severalPlans ? `${plan}-${months}` : String(months);
}

function electionBeneficiaries(list: DocumentBeneficiary[] | undefined): DocumentBeneficiary[] {
  const all = list ?? [];
  const gp = all.filter((b) => b.designation === 'guaranteed-payments');
  return gp.length > 0 ? gp : all.filter((b) => b.designation === 'final-payment');
}

/** The BackDROP period the estimate was computed for under this plan (the scenario), if any. */
function scenarioPeriod(res: PlanResult): BackdropPeriod | null {
  return res.backdrop.eligible ? (res.backdrop.periods.find((p) => p.selected) ?? null) : null;
}

function amountCell(res: PlanResult, code: OptionCode, which: 'monthly' | 'survivor'): string {
  const o = (scenarioPeriod(res)?.options ?? res.options).find((x) => x.code === code);
  if (!o) return 'Not offered';
  if (which === 'monthly') return `${formatMoney(o.monthly)}${isActuarialBasis(o.basis) ? '*' : ''}`;
  if (o.survivorMonthly) return formatMoney(o.survivorMonthly);
  return o.guaranteedPayments ? `${o.guaranteedPayments} payments guaranteed` : 'None';
}

/**
 * The temporary benefit sentence for the scenario (BEN-4): under a BackDROP the amount paid from
 * retirement is the one at the BackDROP date with the COLAs through retirement (BD-3).
 */
function temporaryText(r: PlanResult, several: boolean): string | null {
  const t = r.temporaryBenefit;
  const sp = scenarioPeriod(r);
  const who = several ? `${planLabel(r.plan)}: ` : '';
  const until = t ? `, through ${formatMonth(t.lastPaymentMonth)} (BEN-4)` : ' (BEN-4)';
  if (sp) {
    if (sp.temporaryAtRetirement) {
      return `${who}With the ${sp.months}-month BackDROP, a temporary benefit of ${formatMoney(sp.temporaryAtRetirement)} a month is paid in addition to the option you choose${until}; it is the amount at the BackDROP date with the COLAs through retirement (BD-3).${t ? ` Without a BackDROP it is ${formatMoney(t.monthly)} a month.` : ''}`;
    }
    return t ? `${who}With the ${sp.months}-month BackDROP no temporary benefit is paid (BD-3). Without a BackDROP a temporary benefit of ${formatMoney(t.monthly)} a month is paid in addition to the option you choose${until}.` : null;
  }
  if (!t) return null;
  return `${who}A temporary benefit of ${formatMoney(t.monthly)} a month is paid in addition to the option you choose${until}.`;
}

export function addElectionForm(ctx: DocContext, input: DocumentInput, opts: BuildOptions = {}): void {
  const { estimate, member } = input;
  const prepared = opts.preparedOn ?? estimate.asOf;
  const first = estimate.results[0];
  const d = first?.deadlines;
  const w = new DocWriter(ctx, {
    ...ELECTION_META,
    step: 'Step 2',
    subtitle: `Due ${d ? formatDate(d.electionDue) : ''} (PROC-2) · retirement date ${formatDate(estimate.retirementDate)} · amounts from the estimate of ${formatDate(prepared)} (engine ${estimate.engineVersion})`,
  });
  memberRows(w, 'election', input, { fullSsn: false });
  w.row([
    { label: 'Birth date', value: dateOrBlank(member.birthDate ?? input.case?.member.birthDate), width: 1, field: 'election.member.birthDate' },
    { label: 'Retirement date', value: formatDate(estimate.retirementDate), width: 1, field: 'election.retirementDate' },
    { label: 'Election due', value: d ? formatDate(d.electionDue) : '', width: 1, path: 'deadlines.electionDue' },
  ]);
  const spouse = member.spouse ?? null;
  if (spouse) {
    w.row([
      { label: 'Spouse name', value: spouse.name, width: 3, field: 'election.spouse.name' },
      { label: 'Spouse birth date', value: dateOrBlank(spouse.birthDate ?? input.case?.spouse?.birthDate), width: 1.2, field: 'election.spouse.birthDate' },
    ]);
  }
  w.endRows();
  w.notice(`Figures shown for: ${scenarioText(estimate)}. Nothing on this form is marked for you: mark each choice yourself, then sign.`, 'info', { field: 'election.scenario' });

  const results = estimate.results.filter((r) => r.status !== 'not-eligible');
  const offered = results.length > 0 ? results : estimate.results;
  if (results.length === 0) {
    w.notice(`The estimate shows you are not eligible to retire on ${formatDate(estimate.retirementDate)} (ELIG-5). Discuss another retirement date with your counselor before you sign.`, 'warn', {
      title: 'Not eligible on this date',
    });
  }
  const eligible = estimate.results.filter((r) => r.backdrop.eligible);
  const hasPlan = estimate.results.length > 1;
  // Section numbers: 1 the beneficiaries, then the choices in order.
  const num = { plan: 2, backdrop: hasPlan ? 3 : 2, option: 2 + (hasPlan ? 1 : 0) + (eligible.length > 0 ? 1 : 0) };

  // Plan choice, MSEP members only (PLAN-1).
  const planChoice = (w: DocWriter): void => {
    w.section(`${num.plan}. Plan choice (PLAN-1) — mark one`);
    w.paragraph('As an MSEP member you may stay in MSEP or elect MSEP 2000. The plan you choose applies to every amount below and cannot be changed later.', { size: 8 });
    w.table(
      [
        { header: 'Plan', width: 1.6 },
        { header: 'Eligibility at retirement', width: 3.4 },
        { header: 'Life Income Annuity', width: 1.3, align: 'right' },
        { header: 'Temporary benefit', width: 1.2, align: 'right' },
        { header: 'BackDROP', width: 1 },
      ],
      estimate.results.map((res) => ({
        cells: [
          planLabel(res.plan),
          statusLabel(res),
          res.lifeIncomeAnnuity ? formatMoney(res.lifeIncomeAnnuity) : '—',
          res.temporaryBenefit ? formatMoney(res.temporaryBenefit.monthly) : '—',
          res.backdrop.eligible ? 'Eligible' : 'Not eligible',
        ],
        radio: { group: 'election.plan', value: res.plan, selected: false },
      })),
      { radioColumn: true, field: 'election.plan', radioLabel: 'Plan' },
    );
  };

  // BackDROP, when eligible (BD-1).
  const backdropChoice = (w: DocWriter): void => {
    const several = eligible.length > 1;
    w.section(`${num.backdrop}. BackDROP (BD-1 to BD-4) — mark one`);
    w.paragraph(
      `You qualify for a BackDROP${several ? '' : ` under ${planLabel(eligible[0]?.plan ?? 'MSEP')}`}: a lump sum of 90% of the benefits you would have received from the BackDROP date to retirement, with a lower monthly benefit. Mark "No BackDROP" or one period.${estimate.results.length > 1 && !several ? ` A BackDROP is only available if you stay in ${planLabel(eligible[0]?.plan ?? 'MSEP')}.` : ''}`,
      { size: 8 },
    );
    const rows: TableRow[] = [];
    // BD-3: under a BackDROP the temporary benefit paid from R is the amount at B with the COLAs
    // through R, not the no-BackDROP amount; each period carries its own.
    const withTemporary = eligible.some((r) => r.temporaryBenefit !== null || r.backdrop.periods.some((p) => p.temporaryAtRetirement !== null));
    const prefix = (r: PlanResult): string => (several ? `${planLabel(r.plan)}: ` : '');
    rows.push({
      cells: [
        'No BackDROP',
        '—',
        '—',
        eligible.map((r) => (r.lifeIncomeAnnuity ? `${prefix(r)}${formatMoney(r.lifeIncomeAnnuity)}` : '—')).join('\n'),
        ...(withTemporary ? [eligible.map((r) => `${prefix(r)}${r.temporaryBenefit ? formatMoney(r.temporaryBenefit.monthly) : 'None'}`).join('\n')] : []),
      ],
      // An election is the member's own act: no choice is ever pre-marked.
      radio: { group: 'election.backdrop', value: 'none', selected: false },
    });
    for (const r of eligible) {
      for (const p of r.backdrop.periods) {
        rows.push({
          cells: [
            `${prefix(r)}${p.months} months`,
            formatDate(p.backdropDate),
            formatMoney(p.lumpSum),
            formatMoney(p.monthlyAtRetirement),
            ...(withTemporary ? [p.temporaryAtRetirement ? formatMoney(p.temporaryAtRetirement) : 'None'] : []),
          ],
          radio: { group: 'election.backdrop', value: backdropChoiceValue(r.plan, p.months, several), selected: false },
        });
      }
    }
    w.table(
      [
        { header: 'BackDROP period', width: 2.2 },
        { header: 'BackDROP date', width: 1.6 },
        { header: 'Lump sum (90%)', width: 1.5, align: 'right' },
        { header: 'Life Income Annuity at retirement', width: 2.2, align: 'right' },
        ...(withTemporary ? [{ header: 'Temporary benefit at retirement (BD-3)', width: 2.2, align: 'right' as const }] : []),
      ],
      rows,
      { radioColumn: true, field: 'election.backdrop', radioLabel: 'BackDROP' },
    );
    w.paragraph('If you elect a BackDROP, also complete the BackDROP Distribution Form (CW-301). The estimate statement shows each payment option for each period.', { size: TYPE.small });
  };

  // Payment option (OPT): every option offered, with each plan's amounts.
  const optionChoice = (w: DocWriter): void => {
  w.section(`${num.option}. Payment option (OPT-1 to OPT-6) — mark one`);
  const codes = OPTION_CODES.filter((code) => offered.some((r) => r.options.some((o) => o.code === code)));
  const columns: Column[] = [{ header: 'Payment option', width: 3.2 }];
  for (const r of offered) {
    const p = offered.length > 1 ? `${planLabel(r.plan)}: ` : '';
    const sp = scenarioPeriod(r);
    const bd = sp ? ` (${sp.months}-month BackDROP)` : '';
    columns.push({ header: p ? `${p}monthly to you${bd}` : `Monthly to you${bd}`, width: 1.35, align: 'right' }, { header: p ? `${p}to your survivor${bd}` : `To your survivor${bd}`, width: 1.45, align: 'right' });
  }
  const optionRows: TableRow[] = codes.map((code) => ({
    cells: [`${code}  ${optionLabel(code)}`, ...offered.flatMap((r) => [amountCell(r, code, 'monthly'), amountCell(r, code, 'survivor')])],
    radio: { group: 'election.option', value: code, selected: false },
  }));
  if (codes.length > 0) w.table(columns, optionRows, { radioColumn: true, field: 'election.option', radioLabel: 'Payment option' });
  else w.paragraph('No payment option is payable on this retirement date (ELIG-5).');
  const bases = [...new Set(offered.flatMap((r) => r.options.filter((o) => isActuarialBasis(o.basis)).map((o) => o.basis)))];
  if (bases.length > 0) {
    w.paragraph(`* Estimate: actuarially equivalent to the Life Income Annuity on basis ${bases.join(', ')} (OPT-5). MOSERS publishes no factors for these options; MOSERS sets the final amount.`, { size: TYPE.small });
  }
  if (codes.includes('JS50') || codes.includes('JS100')) {
    w.paragraph('Joint & survivor options (JS50, JS100) name your spouse on the Retirement Application as beneficiary; if your spouse dies first, your benefit rises to the Life Income Annuity (OPT-2). Options never reduce the temporary benefit.', { size: TYPE.small });
  }
  if (offered.some((r) => scenarioPeriod(r) !== null)) {
    w.paragraph(`Amounts with the BackDROP period named at the top of this form; for another choice in section ${num.backdrop}, see the estimate statement.`, { size: TYPE.small });
  }
  for (const r of offered) {
    const text = temporaryText(r, offered.length > 1);
    if (text) w.paragraph(text, { size: TYPE.small });
  }
  };

  // Beneficiaries for LIFE (final payment) and guaranteed payments, before the choices so that
  // the choices, the attestation and the signature can stay together on one page.
  w.section(`1. Beneficiaries for the final payment (LIFE) or the remaining guaranteed payments (OPT-1, OPT-6)`, 60);
  w.paragraph(`Complete only if you mark LIFE or a guaranteed-payment option in section ${num.option}. Shares within each class must add up to 100%.`, { size: TYPE.small });
  const bens = electionBeneficiaries(member.beneficiaries);
  for (const cls of ['primary', 'contingent'] as const) {
    const list = bens.filter((b) => b.class === cls);
    const count = Math.max(cls === 'primary' ? PRIMARY_ROWS : CONTINGENT_ROWS, list.length);
    for (let i = 0; i < count; i++) {
      const b = list[i];
      const base = `election.beneficiary.${cls}[${i}]`;
      w.row([
        { label: `${cls === 'primary' ? 'Primary' : 'Contingent'} beneficiary ${i + 1}: name`, value: b?.name ?? '', width: 3, field: `${base}.name` },
        { label: 'Relationship', value: b?.relationship ?? '', width: 1.2, field: `${base}.relationship` },
        { label: 'Birth date', value: dateOrBlank(b?.birthDate), width: 1.1, field: `${base}.birthDate` },
        { label: 'Share', value: b ? shareText(b.share) : '', width: 0.7, field: `${base}.share`, align: 'right' },
      ]);
    }
  }
  w.endRows();

  // Spousal consent notice (OPT-7), the attestation and the signature.
  const signing = (w: DocWriter): void => {
  if (spouse) {
    w.notice(
      `Because you are married, if you elect any option other than JS50 or JS100 your spouse${spouse.name ? `, ${spouse.name},` : ''} must sign the Spousal Consent (CW-302) before MOSERS can pay that option (OPT-7).`,
      'warn',
      { title: 'Spousal consent required for LIFE and guaranteed-payment options' },
    );
  }
  const choices = [estimate.results.length > 1 ? 'plan' : null, eligible.length > 0 ? 'BackDROP' : null, 'payment option'].filter((x): x is string => x !== null);
  const chosen = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} and ${choices[choices.length - 1] ?? ''}` : (choices[0] ?? '');
  memberSignatureWithDate(w, `I elect the ${chosen} marked above. I understand that my election cannot be changed once the first payment is made (OPT-8).`);
  };

  // The choices, the attestation that refers to them and the signature on one page (a measured
  // keep-together); when all of them cannot fit on one page, at least the last choice stays with
  // the attestation and the signature; and when even that cannot (the large-print edition), the
  // attestation and the signature stay together, the choices on the pages just before.
  w.keepTogether((w) => {
    if (hasPlan) planChoice(w);
    if (eligible.length > 0) backdropChoice(w);
    w.keepTogether((w) => {
      optionChoice(w);
      w.keepTogether(signing);
    });
  });
}

function memberSignatureWithDate(w: DocWriter, statement: string): void {
  w.gap(2);
  w.paragraph(statement, { size: 8 });
  w.gap(2);
  w.row([
    { label: 'Member signature', value: '', width: 3 },
    { label: 'Date signed', value: '', width: 1.2, field: 'election.signature.date' },
  ], { minHeight: 32 });
}

/** The election form alone, as PDF bytes. */
export async function buildElectionForm(input: DocumentInput, opts: BuildOptions = {}): Promise<Uint8Array> {
  validateMemberText(input.member);
  const ctx = await DocContext.create(pageIdentity(input.member), { flatten: opts.flatten ?? false, title: documentTitle(opts.largePrint ? 'Retirement Election Form (large print)' : 'Retirement Election Form', input.member), fallbacks: memberFallbacks(input.member), largePrint: opts.largePrint });
  addElectionForm(ctx, input, opts);
  return ctx.finish();
}
