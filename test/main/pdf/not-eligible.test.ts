// Issue 12 item 4 (ELIG-5): a member who cannot retire on the date gets no signable packet. The
// cover says why and the first date they can (ELIG-6); there is no election form, no spousal
// consent and no application with due dates. The CLI exits 0 with the statement only and says so.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { runPacket } from '../../../main/cli/packet';
import { buildPacket } from '../../../main/pdf/packet';
import { caseSchema } from '../../../shared/domain/case-schema';
import { pricers } from '../../../main/services/pricers';
import { estimateOf, makeCase } from '../../fixtures/cases';
import { richMember } from './fixtures';
import { flat, pdftotext } from './poppler';

// MSEP 2011 (first employed 2013), married, 51 years old with 14 years of service on June 1, 2027:
// vested, not eligible on that date (ELIG-5).
const RAW = makeCase({ member: { birthDate: '1976-03-10', firstEmploymentDate: '2013-01-02', lastDayWorked: null, plan: null }, service: { asOf: '2026-10-31', earnedMonths: 165, purchasedMonths: 0, transferredMonths: 0, sickLeaveHours: 0 } });

describe('not eligible on the date (ELIG-5)', () => {
  it('the packet has the cover and the statement only; the cover says why and the first date', async () => {
    const estimate = estimateOf(RAW, pricers());
    const res = estimate.results[0]!;
    expect(res.status).toBe('not-eligible');
    const first = [res.firstEarlyRetirementDate, res.firstNormalRetirementDate].filter((d): d is string => d !== null).sort()[0];
    expect(first).toBeDefined();
    const c = caseSchema.parse(RAW);
    const member = richMember(c);
    expect(member.spouse).not.toBeNull();
    const r = await buildPacket({ estimate, member, case: c });

    expect(r.documents.map((d) => d.kind)).toEqual(['cover', 'estimate']);
    const doc = await PDFDocument.load(r.bytes);
    const names = doc.getForm().getFields().map((f) => f.getName());
    expect(names.filter((n) => n.startsWith('election.') || n.startsWith('spousalConsent.') || n.startsWith('application.'))).toEqual([]);

    const pages = pdftotext(r.bytes).split('\f').map(flat);
    const cover = pages[0] ?? '';
    const [y, m, d] = (first ?? '').split('-').map(Number) as [number, number, number];
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    expect(cover).toContain('You cannot retire on June 1, 2027');
    expect(cover).toContain(`The first date you can retire is ${months[m - 1]} ${d}, ${y}`);
    expect(cover).toContain('There is no application, election form or consent to sign for this date');
    expect(cover).not.toContain('Required');
    expect(cover).not.toContain('Retirement Application due');
    const all = pages.join(' ');
    expect(all).not.toContain('I elect the');
    expect(all).not.toContain('MEMBER SIGNATURE');
    expect(all).not.toContain('Spouse signature');
  });

  it('the case-file CLI exits 0 with the statement only and says so on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'not-eligible-'));
    const caseFile = join(dir, 'case.json');
    writeFileSync(caseFile, JSON.stringify(RAW));
    const out = join(dir, 'out.pdf');
    const err: string[] = [];
    const stdout: string[] = [];
    const code = await runPacket([caseFile, out], { stdout: (s) => stdout.push(s), stderr: (s) => err.push(s) });
    expect(code).toBe(0);
    expect(err.join('\n')).toMatch(/^You cannot retire on June 1, 2027: .*The first date you can retire is .*estimate statement only/);
    expect(stdout.join('\n')).toContain('estimate statement only');
    const doc = await PDFDocument.load(readFileSync(out));
    expect(doc.getForm().getFields().filter((f) => f.getName().startsWith('election.'))).toEqual([]);
    expect(flat(pdftotext(readFileSync(out)))).not.toContain('Personalized Retirement Election Form');
  });
});
