// Cases and members for the document tests: the example cases, and a member with every field the
// caseload can hold (SSNs, bank account, beneficiaries, agents, the process checklist).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateFromInput } from '../../../shared/calc/run';
import { caseSchema, type Case } from '../../../shared/domain/case-schema';
import type { Estimate } from '../../../shared/domain/estimate-schema';
import { pricers } from '../../../main/services/pricers';
import { documentMemberFromCase, type DocumentInput, type DocumentMember } from '../../../main/pdf/types';

export const EXAMPLES_DIR = join(import.meta.dirname, '../../../examples');

export const EXAMPLE_NAMES = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.case.json'))
  .map((f) => f.replace(/\.case\.json$/, ''))
  .sort();

export function exampleFile(name: string): string {
  return join(EXAMPLES_DIR, `${name}.case.json`);
}

export function loadExample(name: string): { raw: unknown; case: Case; estimate: Estimate } {
  const raw: unknown = JSON.parse(readFileSync(exampleFile(name), 'utf8'));
  const r = estimateFromInput(raw, pricers());
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return { raw, case: caseSchema.parse(raw), estimate: r.value };
}

export const MEMBER_SSN = '123-45-6789';
export const SPOUSE_SSN = '987-65-4320';

/** Every field the caseload can give, for the member of a case. */
export function richMember(c: Case): DocumentMember {
  const base = documentMemberFromCase(c);
  const married = c.spouse !== null;
  return {
    ...base,
    fullName: null,
    firstName: base.firstName || 'Pat',
    middleName: base.middleName,
    lastName: base.lastName || 'Example',
    ssn: MEMBER_SSN,
    address: { street: '301 West High Street, Apt. 4B', city: 'Jefferson City', state: 'MO', zip: '65101-1517' },
    phone: '(573) 555-0142',
    email: 'member@example.org',
    spouse: married ? { name: c.spouse?.name ?? 'Spouse Example', ssn: SPOUSE_SSN, birthDate: c.spouse?.birthDate ?? null, marriageDate: '1991-06-22' } : null,
    beneficiaries: [
      { designation: 'life-insurance', class: 'primary', kind: 'person', name: 'Jordan Q. Example', relationship: 'Son', birthDate: '1994-02-11', ssn: '234-56-7890', address: '12 Elm Street\nColumbia, MO 65201', share: '50' },
      { designation: 'life-insurance', class: 'primary', kind: 'person', name: 'Avery Example', relationship: 'Granddaughter', birthDate: '2015-09-30', ssn: null, address: null, share: '50' },
      { designation: 'life-insurance', class: 'contingent', kind: 'estate', name: 'Estate of the member', relationship: null, birthDate: null, ssn: null, address: null, share: '100' },
      { designation: 'guaranteed-payments', class: 'primary', kind: 'trust', name: 'Example Family Trust', relationship: 'Trust', birthDate: null, ssn: null, address: 'PO Box 77, Jefferson City, MO 65102', share: '1/1' },
      { designation: 'guaranteed-payments', class: 'contingent', kind: 'organization', name: 'Missouri Food Bank Association', relationship: 'Charity', birthDate: null, ssn: null, address: null, share: '100' },
    ],
    directDeposit: { routingNumber: '081000210', accountNumber: '000123456789', accountType: 'checking', institution: 'Central Bank of Jefferson City' },
    optionalLife: { carried: '75000', elected: '60000' },
    withholding: { filingStatus: married ? 'married-joint' : 'single', otherIncome: '2400', deductions: null, extraWithholding: '50', noWithholding: false },
    agent: { name: 'Morgan Example', phone: '(573) 555-0199', address: '44 Oak Lane\nHolts Summit, MO 65043' },
    successorAgent: { name: 'Casey Example-Smith', phone: '(314) 555-0123', address: '9 River Road, St. Louis, MO 63101' },
    releaseOfInformation: {
      recipient: 'Riverside Financial Planning LLC',
      relationship: 'Financial planner',
      phone: '(573) 555-0177',
      email: 'planner@example.com',
      information: 'Benefit estimates, service credit and payment option amounts',
      from: '2026-11-23',
      to: '2027-12-31',
    },
    backdropDistribution: { method: 'split', cashPercent: '40', rolloverInstitution: 'MO Deferred Comp', rolloverAccount: 'DC-55120' },
    process: {
      forms: [
        { form: 'direct-deposit', status: 'received' },
        { form: 'w4p', status: 'in-progress' },
        { form: 'designation-of-agent', status: 'not-started' },
      ],
      proofs: [{ document: 'member-proof-of-age', received: true, kind: 'passport' }],
    },
    appointment: { date: '2026-12-08', time: '10:30', place: 'MOSERS office, 907 Wildwood Drive, Jefferson City', counselor: 'R. Alvarez' },
  };
}

export function richInput(name: string): DocumentInput {
  const ex = loadExample(name);
  return { estimate: ex.estimate, member: richMember(ex.case), case: ex.case };
}

export function plainInput(name: string): DocumentInput {
  const ex = loadExample(name);
  return { estimate: ex.estimate, member: documentMemberFromCase(ex.case), case: ex.case };
}
