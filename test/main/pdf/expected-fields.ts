// The form fields each document must carry, by name and value, for the example cases: written
// out from the case files and the fixture member, not read from the builders.
import type { FieldValue } from './fields';

type Facts = {
  name: string;
  memberId: string;
  birth: string;
  retirement: string;
  lastDayWorked: string;
  spouse: { name: string; birth: string } | null;
  /** Plan radio options (MSEP members only). */
  plans: string[] | null;
  /** BackDROP radio options (never preselected: the election is the member's own act). */
  backdrop: { options: string[]; selected: string | null; period: string; lumpSum: string } | null;
  msep2011: boolean;
};

export const FACTS: Record<string, Facts> = {
  'msep-both-plans': {
    name: 'Dana R. Whitfield',
    memberId: 'M0104417',
    birth: 'April 17, 1965',
    retirement: 'July 1, 2027',
    lastDayWorked: '',
    spouse: { name: 'Lee Whitfield', birth: 'September 3, 1967' },
    plans: ['MSEP', 'MSEP2000'],
    backdrop: { options: ['none', '12', '24', '26'], selected: null, period: '', lumpSum: '' },
    msep2011: false,
  },
  'msep2000-rule80-backdrop': {
    name: 'Marcus T. Oyelaran',
    memberId: 'M0207731',
    birth: 'March 20, 1968',
    retirement: 'May 1, 2027',
    lastDayWorked: '',
    spouse: { name: 'Renee Oyelaran', birth: 'July 15, 1966' },
    plans: null,
    backdrop: { options: ['none', '12', '24', '28'], selected: null, period: '', lumpSum: '' },
    msep2011: false,
  },
  'msep2011-early': {
    name: 'Gloria A. Fenwick',
    memberId: 'M0311952',
    birth: 'August 25, 1961',
    retirement: 'March 1, 2027',
    lastDayWorked: '',
    spouse: { name: 'Howard Fenwick', birth: 'February 10, 1964' },
    plans: null,
    backdrop: null,
    msep2011: true,
  },
  'terminated-vested': {
    name: 'Curtis J. Landry',
    memberId: 'M0150268',
    birth: 'May 19, 1968',
    retirement: 'June 1, 2030',
    lastDayWorked: 'June 30, 2020',
    spouse: null,
    plans: null,
    backdrop: null,
    msep2011: false,
  },
};

type Ben = { name: string; kind: string; relationship: string; birthDate: string; ssn: string; share: string; address: string };
const BLANK: Ben = { name: '', kind: '', relationship: '', birthDate: '', ssn: '', share: '', address: '' };

function electionBeneficiary(out: Record<string, FieldValue>, cls: string, i: number, b: Ben): void {
  const base = `election.beneficiary.${cls}[${i}]`;
  out[`${base}.name`] = b.name;
  out[`${base}.relationship`] = b.relationship;
  out[`${base}.birthDate`] = b.birthDate;
  out[`${base}.share`] = b.share;
}

/** The election form's fields. `rich`: the fixture member with SSNs and beneficiaries. */
export function electionFields(example: string, optionCodes: string[], rich: boolean): Record<string, FieldValue> {
  const f = FACTS[example];
  if (!f) throw new Error(example);
  const out: Record<string, FieldValue> = {
    'election.member.name': f.name,
    'election.member.memberId': f.memberId,
    'election.member.ssn': rich ? '***-**-6789' : '',
    'election.member.birthDate': f.birth,
    'election.retirementDate': f.retirement,
    'election.option': { selected: null, options: optionCodes },
    'election.signature.date': '',
  };
  if (f.spouse) {
    out['election.spouse.name'] = f.spouse.name;
    out['election.spouse.birthDate'] = f.spouse.birth;
  }
  if (f.plans) out['election.plan'] = { selected: null, options: f.plans };
  if (f.backdrop) out['election.backdrop'] = { selected: f.backdrop.selected, options: f.backdrop.options };
  const primary: Ben[] = rich ? [{ ...BLANK, name: 'Example Family Trust', relationship: 'Trust', share: '1/1' }] : [];
  const contingent: Ben[] = rich ? [{ ...BLANK, name: 'Missouri Food Bank Association', relationship: 'Charity', share: '100%' }] : [];
  for (let i = 0; i < 3; i++) electionBeneficiary(out, 'primary', i, primary[i] ?? BLANK);
  for (let i = 0; i < 2; i++) electionBeneficiary(out, 'contingent', i, contingent[i] ?? BLANK);
  return out;
}

function memberId(out: Record<string, FieldValue>, prefix: string, f: Facts, ssn: 'full' | 'masked'): void {
  out[`${prefix}.member.name`] = f.name;
  out[`${prefix}.member.memberId`] = f.memberId;
  out[`${prefix}.member.ssn`] = ssn === 'full' ? '123-45-6789' : '***-**-6789';
}

const ADDRESS = '301 West High Street, Apt. 4B\nJefferson City, MO 65101-1517';
const KINDS = ['birthCertificate', 'missouriLicense', 'passport', 'citizenshipCertificate', 'naturalizationCertificate', 'birthAbroadCertificate'];

function beneficiaryRows(out: Record<string, FieldValue>, designation: string, cls: string, list: Ben[]): void {
  const count = Math.max(2, list.length);
  for (let i = 0; i < count; i++) {
    const b = list[i] ?? BLANK;
    const base = `beneficiaries.${designation}.${cls}[${i}]`;
    for (const key of ['name', 'kind', 'relationship', 'birthDate', 'ssn', 'share', 'address'] as const) out[`${base}.${key}`] = b[key];
  }
}

/**
 * Every field of the full packet for the fixture member with no process recorded (so every form
 * that applies is printed): election form, then the Step 1 and Step 2 forms.
 */
export function packetFields(example: string, optionCodes: string[]): Record<string, FieldValue> {
  const f = FACTS[example];
  if (!f) throw new Error(example);
  const out: Record<string, FieldValue> = { ...electionFields(example, optionCodes, true) };

  // Retirement Application (FORM-1), SSNs in full.
  memberId(out, 'application', f, 'full');
  Object.assign(out, {
    'application.member.birthDate': f.birth,
    'application.member.address': ADDRESS,
    'application.member.phone': '(573) 555-0142',
    'application.member.email': 'member@example.org',
    'application.retirementDate': f.retirement,
    'application.lastDayWorked': f.lastDayWorked,
    'application.maritalStatus': { selected: f.spouse ? 'married' : 'single', options: ['married', 'single'] },
    'application.spouse.name': f.spouse?.name ?? '',
    'application.spouse.ssn': f.spouse ? '987-65-4320' : '',
    'application.spouse.birthDate': f.spouse?.birth ?? '',
    'application.spouse.marriageDate': f.spouse ? 'June 22, 1991' : '',
  });
  for (const k of KINDS) out[`application.proof.member.${k}`] = false;
  if (f.spouse) {
    for (const k of KINDS) out[`application.proof.spouse.${k}`] = false;
    out['application.proof.marriageCertificate'] = false;
  }

  // Direct Deposit (FORM-2), SSN masked, account in full.
  memberId(out, 'directDeposit', f, 'masked');
  Object.assign(out, {
    'directDeposit.member.phone': '(573) 555-0142',
    'directDeposit.benefitType': 'Monthly retirement benefit',
    'directDeposit.bank.institution': 'Central Bank of Jefferson City',
    'directDeposit.bank.routingNumber': '081000210',
    'directDeposit.bank.accountNumber': '000123456789',
    'directDeposit.bank.accountType': { selected: 'checking', options: ['checking', 'savings'] },
  });

  // Substitute W-4P, SSN in full.
  memberId(out, 'w4p', f, 'full');
  Object.assign(out, {
    'w4p.member.address': ADDRESS,
    'w4p.filingStatus': { selected: f.spouse ? 'married-joint' : 'single', options: ['single', 'married-joint', 'head-of-household'] },
    'w4p.otherIncome': '$2,400.00',
    'w4p.deductions': '',
    'w4p.extraWithholding': '$50.00',
    'w4p.noWithholding': false,
    'w4p.missouri.choice': { selected: null, options: ['withhold', 'none'] },
    'w4p.missouri.filingStatus': { selected: null, options: ['single', 'married-joint', 'head-of-household'] },
    'w4p.missouri.extraWithholding': '',
    'w4p.startDate': '',
  });

  // Designation/Change of Beneficiaries (FORM-3), SSNs in full.
  memberId(out, 'beneficiaries', f, 'full');
  beneficiaryRows(out, 'lifeInsurance', 'primary', [
    { name: 'Jordan Q. Example', kind: 'Person', relationship: 'Son', birthDate: 'February 11, 1994', ssn: '234-56-7890', share: '50%', address: '12 Elm Street\nColumbia, MO 65201' },
    { name: 'Avery Example', kind: 'Person', relationship: 'Granddaughter', birthDate: 'September 30, 2015', ssn: '', share: '50%', address: '' },
  ]);
  beneficiaryRows(out, 'lifeInsurance', 'contingent', [{ ...BLANK, name: 'Estate of the member', kind: 'Estate', share: '100%' }]);
  if (f.msep2011) {
    beneficiaryRows(out, 'msep2011Contributions', 'primary', []);
    beneficiaryRows(out, 'msep2011Contributions', 'contingent', []);
  }
  // Guaranteed-payment beneficiaries are designated once, on the election form (issue 12 item 9).

  // Optional life (FORM-4): not offered to a terminated-vested member (issue 12 item 9).
  if (example !== 'terminated-vested') {
    memberId(out, 'optionalLife', f, 'masked');
    Object.assign(out, {
      'optionalLife.carried': '$75,000.00',
      'optionalLife.elected': '$60,000.00',
      'optionalLife.choice': { selected: 'reduce', options: ['retain', 'reduce', 'cancel'] },
    });
  }

  // Authorization to Release Information (FORM-6).
  memberId(out, 'release', f, 'masked');
  Object.assign(out, {
    'release.recipient.name': 'Riverside Financial Planning LLC',
    'release.recipient.relationship': 'Financial planner',
    'release.recipient.phone': '(573) 555-0177',
    'release.recipient.email': 'planner@example.com',
    'release.information': 'Benefit estimates, service credit and payment option amounts',
    'release.effective.from': 'November 23, 2026',
    'release.effective.to': 'December 31, 2027',
  });

  // Designation of Agent (FORM-5).
  memberId(out, 'agent', f, 'masked');
  Object.assign(out, {
    'agent.primary.name': 'Morgan Example',
    'agent.primary.phone': '(573) 555-0199',
    'agent.primary.address': '44 Oak Lane\nHolts Summit, MO 65043',
    'agent.successor.name': 'Casey Example-Smith',
    'agent.successor.phone': '(314) 555-0123',
    'agent.successor.address': '9 River Road, St. Louis, MO 63101',
  });

  // BackDROP Distribution Form (BD-5), when eligible.
  if (f.backdrop) {
    memberId(out, 'backdropDistribution', f, 'masked');
    Object.assign(out, {
      'backdropDistribution.period': f.backdrop.period,
      'backdropDistribution.lumpSum': f.backdrop.lumpSum,
      'backdropDistribution.method': { selected: 'split', options: ['cash', 'rollover', 'split', 'installments'] },
      'backdropDistribution.split.cashPercent': '40%',
      'backdropDistribution.split.rolloverPercent': '60%',
      'backdropDistribution.rollover.institution': 'MO Deferred Comp',
      'backdropDistribution.rollover.account': 'DC-55120',
    });
  }

  // Spousal consent (OPT-7), when married.
  if (f.spouse) {
    memberId(out, 'spousalConsent', f, 'masked');
    Object.assign(out, {
      'spousalConsent.spouse.name': f.spouse.name,
      'spousalConsent.spouse.birthDate': f.spouse.birth,
      'spousalConsent.option': '',
    });
  }
  return out;
}
