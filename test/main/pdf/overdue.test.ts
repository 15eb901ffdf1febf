// Issue 12 item 8: a due date already past on the day the packet is prepared (the case's asOf,
// fixed here) is flagged as overdue on the cover and on each form, with what it means
// (PROC-1: application, PROC-2: election, PROC-3: the other Step 1 forms).
import { describe, expect, it } from 'vitest';
import { caseSchema } from '../../../shared/domain/case-schema';
import type { DocumentRange } from '../../../main/pdf/context';
import { buildPacket } from '../../../main/pdf/packet';
import { pricers } from '../../../main/services/pricers';
import { estimateOf, makeCase } from '../../fixtures/cases';
import { richMember } from './fixtures';
import { flat, pdftotext } from './poppler';

async function packetText(asOf: string, retirementDate: string) {
  const raw = makeCase({ asOf, retirementDate });
  const c = caseSchema.parse(raw);
  const member = richMember(c);
  member.process = { forms: [], proofs: [] };
  const r = await buildPacket({ estimate: estimateOf(raw, pricers()), member, case: c });
  const pages = pdftotext(r.bytes).split('\f').map(flat);
  const of = (kind: DocumentRange['kind']): string => {
    const d = r.documents.find((x) => x.kind === kind);
    return d ? pages.slice(d.firstPage - 1, d.lastPage).join(' ') : '';
  };
  return { r, of };
}

describe('overdue flags (PROC-1, PROC-2, PROC-3)', () => {
  it('prepared November 23, 2026 for December 1, 2026: the application (due October 31) and the Step 1 forms are overdue, the election (due November 30) is not', async () => {
    const { r, of } = await packetText('2026-11-23', '2026-12-01');
    const cover = of('cover');
    expect(cover).toContain('Retirement Application due (Step 1) October 31, 2026 — OVERDUE');
    expect(cover).toContain('Retirement Election Form due (Step 2) November 30, 2026');
    expect(cover).not.toContain('November 30, 2026 — OVERDUE');
    expect(cover).toMatch(/Overdue: \d+ items are past due As of November 23, 2026: CW-201 Retirement Application \(due October 31, 2026\)/);
    expect(cover).toContain('filed now, your retirement date may be delayed to a later month');
    expect(cover).toContain('past its ideal window (PROC-3)');

    expect(of('retirement-application')).toContain('OVERDUE: this form was due October 31, 2026');
    expect(of('retirement-application')).toContain('(PROC-1)');
    // PROC-3: 45 days before December 1 is October 17.
    for (const kind of ['direct-deposit', 'w4p'] as const) expect(of(kind), kind).toContain('OVERDUE: this form was due October 17, 2026');
    for (const kind of ['election-form', 'backdrop-distribution', 'spousal-consent'] as const) {
      if (r.documents.some((d) => d.kind === kind)) expect(of(kind), kind).not.toContain('OVERDUE');
    }
  });

  it('prepared November 23, 2026 for June 1, 2027: nothing is overdue', async () => {
    const { r, of } = await packetText('2026-11-23', '2027-06-01');
    for (const d of r.documents) expect(of(d.kind), d.kind).not.toMatch(/OVERDUE|Overdue/);
  });

  it('prepared December 2, 2026 for January 1, 2027: the election, due December 31, is not overdue; the application, due November 30, is', async () => {
    const { of } = await packetText('2026-12-02', '2027-01-01');
    expect(of('cover')).toContain('November 30, 2026 — OVERDUE');
    expect(of('election-form')).not.toContain('OVERDUE');
    expect(of('retirement-application')).toContain('OVERDUE: this form was due November 30, 2026');
  });
});
