// Spousal Consent (Step 2, CW-302), OPT-7: a married member electing any option other than JS50
// or JS100 needs the spouse's signed consent. SSNs are masked.
//
// Fields:
//   spousalConsent.member.{name,memberId,ssn}      ssn masked
//   spousalConsent.spouse.name, spousalConsent.spouse.birthDate
//   spousalConsent.option                            the option elected (filled at signing)
import { FORM_CODES, FORM_TITLES } from '../checklist';
import type { DocContext, DocumentMeta } from '../context';
import { formatDate, formatMoney, maskSsn, planLabel, scenarioText } from '../format';
import type { DocumentInput } from '../types';
import { DocWriter } from '../writer';
import { dateOrBlank, memberRows } from './common';

export const SPOUSAL_CONSENT_META: DocumentMeta = { kind: 'spousal-consent', code: FORM_CODES['spousal-consent'], title: FORM_TITLES['spousal-consent'] };

export function addSpousalConsent(ctx: DocContext, input: DocumentInput): void {
  const { estimate, member } = input;
  const spouse = member.spouse ?? null;
  const w = new DocWriter(ctx, {
    ...SPOUSAL_CONSENT_META,
    step: 'Step 2',
    subtitle: `Needed only if you elect an option other than JS50 or JS100 (OPT-7). Due with the election form, ${formatDate(estimate.results[0]?.deadlines.electionDue ?? estimate.retirementDate)}.`,
  });
  w.section('Member');
  memberRows(w, 'spousalConsent', input, { fullSsn: false });
  w.endRows();
  w.section('Spouse');
  w.row([
    { label: 'Spouse name', value: spouse?.name ?? '', width: 3, field: 'spousalConsent.spouse.name' },
    { label: 'Spouse birth date', value: dateOrBlank(spouse?.birthDate), width: 1.2, field: 'spousalConsent.spouse.birthDate' },
    { label: 'Spouse SSN', value: maskSsn(spouse?.ssn), width: 1.1, path: 'spouse.ssn' },
  ]);
  w.row([{ label: 'Payment option elected by the member', value: '', width: 1, field: 'spousalConsent.option' }]);
  w.endRows();
  // What the spouse gives up, plan by plan, for the scenario of the estimate (OPT-2, OPT-7).
  const waived = estimate.results
    .filter((r) => r.status !== 'not-eligible')
    .map((r) => {
      const sp = r.backdrop.eligible ? r.backdrop.periods.find((p) => p.selected) : undefined;
      const opts = sp?.options ?? r.options;
      const js = ['JS50', 'JS100']
        .map((code) => opts.find((o) => o.code === code))
        .filter((o): o is NonNullable<typeof o> => !!o && !!o.survivorMonthly)
        .map((o) => `${formatMoney(o.survivorMonthly ?? '0')} a month (${o.code === 'JS50' ? '50%' : '100%'} Joint & Survivor)`);
      return js.length > 0 ? `${estimate.results.length > 1 ? `Under ${planLabel(r.plan)}: ` : ''}${js.join(' or ')}${sp ? `, with the ${sp.months}-month BackDROP` : ''}` : null;
    })
    .filter((x): x is string => x !== null);
  if (waived.length > 0) {
    w.section('The survivor benefit you would give up (estimate)');
    w.paragraph(`Had the member elected a joint and survivor option, you would receive for life after the member's death: ${waived.join('; ')}. Figures shown for: ${scenarioText(estimate)}.`, { size: 8.5, field: 'spousalConsent.waived' });
  }
  // The consent, its signature and the witness on one page (measured keep-together).
  w.keepTogether((w) => {
    w.section('Consent');
    w.paragraph(
      'I am the spouse of the member named above. I understand that by electing the payment option above instead of a joint and survivor option (JS50 or JS100), the member gives up a monthly benefit that would be paid to me for the rest of my life after the member\'s death. I consent to this election, and I understand it cannot be changed once the first payment is made (OPT-8).',
      { size: 8.5 },
    );
    w.gap(8);
    w.signatures([
      { label: 'Spouse signature', width: 3 },
      { label: 'Date', width: 1.4 },
    ]);
    w.gap(8);
    w.section('Notary or MOSERS witness');
    w.paragraph('Signed before me on the date shown.', { size: 8 });
    w.gap(6);
    w.signatures([
      { label: 'Notary public or MOSERS representative', width: 3 },
      { label: 'Commission expires', width: 1.4 },
    ]);
  });
}
