// Issue 12 item 2: the statement a member signs, the choices it refers to and the signature stay
// on one page (a measured keep-together in the writer), and every page of every form carries the
// member's name, member ID and masked SSN with "Page N of M" counting the pages of that form.
// Over the four examples and generated cases with long names and five beneficiaries.
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { CaseInput } from '../../../shared/domain/case-schema';
import { caseSchema } from '../../../shared/domain/case-schema';
import type { DocumentRange } from '../../../main/pdf/context';
import { buildPacket } from '../../../main/pdf/packet';
import type { DocumentBeneficiary, DocumentInput } from '../../../main/pdf/types';
import { pricers } from '../../../main/services/pricers';
import { estimateOf, makeCase } from '../../fixtures/cases';
import { EXAMPLE_NAMES, MEMBER_SSN, richInput, richMember } from './fixtures';
import { flat, pdftotext } from './poppler';

const LONG_FIRST = 'Maximiliana Alexandrina Josefina Wilhelmina';
const LONG_LAST = 'Bartholomew-Fitzgerald de la Cruz Montgomery-Vandenberghe';

function fiveBeneficiaries(designation: DocumentBeneficiary['designation']): DocumentBeneficiary[] {
  return Array.from({ length: 5 }, (_, i) => ({
    designation,
    class: 'primary' as const,
    kind: 'person' as const,
    name: `${['Alexandra', 'Benedict', 'Cornelia', 'Dmitri', 'Evangeline'][i]} ${LONG_LAST}`,
    relationship: 'Child',
    birthDate: `199${i}-0${i + 1}-1${i}`,
    ssn: `23${i}-56-789${i}`,
    address: `${i + 10} Long Street Name Boulevard, Apartment ${i}\nJefferson City, MO 65101`,
    share: '20',
  }));
}

function generated(i: number): DocumentInput {
  // Plans by first employment (PLAN-1..3), spouse or not, a BackDROP period or none.
  const employed = ['1995-03-01', '2001-09-16', '2012-02-01'][i % 3] ?? '2001-09-16';
  const birth = ['1962-05-10', '1966-04-10', '1958-08-20'][i % 3] ?? '1966-04-10';
  const over: Partial<CaseInput> = {
    retirementDate: ['2027-06-01', '2027-09-01', '2028-01-01'][Math.floor(i / 3) % 3],
    member: { birthDate: birth, firstEmploymentDate: employed, lastDayWorked: null, plan: null },
    ...(i % 2 === 0 ? {} : { spouse: null }),
  };
  let raw = makeCase(over as never);
  // A BackDROP period where the member is eligible (BD-1).
  if (i % 4 !== 0 && estimateOf(raw, pricers()).results.some((x) => x.backdrop.eligible)) raw = makeCase({ ...over, backdrop: { months: i % 4 === 1 ? 12 : 24 } } as never);
  const estimate = estimateOf(raw, pricers());
  const c = caseSchema.parse(raw);
  const member = richMember(c);
  member.firstName = LONG_FIRST;
  member.middleName = i % 2 === 0 ? 'Josephine-Marguerite' : null;
  member.lastName = `${LONG_LAST}${i % 3 === 0 ? ' Oyelaran-Whitfield III' : ''}`;
  member.memberId = `M09${String(1000 + i)}`;
  member.beneficiaries = [...fiveBeneficiaries('life-insurance'), ...fiveBeneficiaries('guaranteed-payments')];
  member.process = { forms: [], proofs: [] };
  return { estimate, member, case: c };
}

const CASES: [string, () => DocumentInput][] = [
  ...EXAMPLE_NAMES.map((n): [string, () => DocumentInput] => [n, () => richInput(n)]),
  ...Array.from({ length: 18 }, (_, i): [string, () => DocumentInput] => [`generated case ${i + 1}`, () => generated(i)]),
];

// Each signature caption and the statements signed above it (the forms' own words).
const CAPTIONS = /MEMBER SIGNATURE|Member signature|Spouse signature/;
const STATEMENTS = ['I elect the', 'I revoke any earlier designation', 'I designate the agent', 'I authorize MOSERS', 'I apply to retire', 'Under penalties of perjury', 'I am the spouse of the member'];

async function widgetPages(bytes: Uint8Array): Promise<Map<string, number[]>> {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages();
  const out = new Map<string, number[]>();
  for (const f of doc.getForm().getFields()) {
    out.set(
      f.getName(),
      f.acroField.getWidgets().map((w) => pages.findIndex((p) => p.ref === w.P()) + 1),
    );
  }
  return out;
}

function rangeOf(docs: DocumentRange[], page: number): DocumentRange {
  const r = docs.find((d) => d.firstPage <= page && page <= d.lastPage);
  if (!r) throw new Error(`page ${page} belongs to no document`);
  return r;
}

// Issue 15: the large-print edition keeps the same rules (its blocks are measured the same way).
const EDITIONS = [
  ['standard', false],
  ['large print', true],
] as const;

describe.each(EDITIONS.flatMap(([edition, largePrint]) => CASES.map(([label, make]) => [`${label} (${edition})`, make, largePrint] as const)))('%s', (_label, make, largePrint) => {
  it('no page holds a signature without the statement it signs; the election choices sit with the signature', async () => {
    const input = make();
    const r = await buildPacket(input, { largePrint });
    const pages = pdftotext(r.bytes).split('\f').map(flat);
    const widgets = await widgetPages(r.bytes);

    // Every signature caption has its statement above it on the same page.
    pages.slice(0, r.pageCount).forEach((text, i) => {
      const m = CAPTIONS.exec(text);
      if (!m) return;
      const before = text.slice(0, m.index);
      expect(STATEMENTS.some((s) => before.includes(s)), `page ${i + 1} (${rangeOf(r.documents, i + 1).code}): a signature without its statement`).toBe(true);
    });

    // The election form: the attestation, every choice it refers to and the signature on one page.
    const signPage = widgets.get('election.signature.date')?.[0];
    expect(signPage).toBeDefined();
    const signText = pages[(signPage ?? 1) - 1] ?? '';
    expect(signText).toMatch(/I elect the (plan, )?(BackDROP and )?payment option marked above/);
    for (const group of ['election.plan', 'election.backdrop', 'election.option']) {
      for (const p of widgets.get(group) ?? []) {
        if (!largePrint) expect(p, `${group} on the signature page`).toBe(signPage);
        // Large print: a choice table can fill a page by itself; the choices come on the pages
        // just before the attestation, never after it.
        else expect(p, `${group} before the signature`).toBeGreaterThanOrEqual((signPage ?? 0) - 3);
        if (largePrint) expect(p, `${group} before the signature`).toBeLessThanOrEqual(signPage ?? 0);
      }
    }
  });

  it('every page carries the name, member ID and masked SSN, and "Page N of M" of its own form', async () => {
    const input = make();
    const r = await buildPacket(input, { largePrint });
    const pages = pdftotext(r.bytes).split('\f').map(flat);
    const id = input.member.memberId ?? '';
    for (let p = 1; p <= r.pageCount; p++) {
      const text = pages[p - 1] ?? '';
      const range = rangeOf(r.documents, p);
      expect(text, `page ${p}`).toContain(`Member ID ${id}`);
      expect(text, `page ${p}`).toContain(`SSN ***-**-${MEMBER_SSN.slice(-4)}`);
      expect(text, `page ${p}`).toContain(input.member.lastName.split(' ')[0] ?? '');
      expect(text, `page ${p}`).toContain(`Page ${p - range.firstPage + 1} of ${range.lastPage - range.firstPage + 1}`);
      expect(text, `page ${p}`).not.toContain(`of ${r.pageCount} —`);
    }
  });
});
