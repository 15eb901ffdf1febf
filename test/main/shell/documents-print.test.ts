// documents:print and documents:packet through the dispatch, with a DocumentHost double: closing
// the print dialog is no error, a host that cannot print says what to do, and a character the
// document font lacks names its field and what to do.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRINTING_UNAVAILABLE, type DocumentHost, type HostPrintResult } from '../../../main/services/documents';
import { johnSmith, openTestApp, seedSmith, value, type TestApp } from '../caseload-fixture';

let t: TestApp;
let memberId: number;
let sent: string[];

function host(result: HostPrintResult): DocumentHost {
  return {
    chooseSavePath: async () => null,
    print: async (_bytes, fileName) => (sent.push(fileName), result),
  };
}

function printAudits(): number {
  return (t.db.prepare("SELECT COUNT(*) AS n FROM audit WHERE entity = 'documents' AND field = 'printed'").get() as { n: number }).n;
}

async function buildToken(): Promise<string> {
  return value<{ token: string }>(await t.call('documents:packet', { memberId })).token;
}

beforeEach(async () => {
  t = openTestApp({ prefix: 'print-' });
  memberId = (await seedSmith(t)).id;
  sent = [];
});
afterEach(() => t.close());

describe('documents:print', () => {
  it('when the counselor closes the print dialog: ok, printed false, nothing audited', async () => {
    const token = await buildToken();
    t.app.setDocumentHost(host({ outcome: 'cancelled' }));
    expect(await t.call('documents:print', { token })).toEqual({ ok: true, value: { printed: false } });
    expect(sent).toEqual(['Smith-M100200-packet-2027-06-01.pdf']);
    expect(printAudits()).toBe(0);
  });

  it('when printed: ok, printed true, audited', async () => {
    const token = await buildToken();
    t.app.setDocumentHost(host({ outcome: 'printed' }));
    expect(await t.call('documents:print', { token })).toEqual({ ok: true, value: { printed: true } });
    expect(printAudits()).toBe(1);
  });

  it('when the host cannot print: UNAVAILABLE, saying to save the PDF and print it elsewhere', async () => {
    const token = await buildToken();
    t.app.setDocumentHost(host({ outcome: 'unavailable' }));
    expect(await t.call('documents:print', { token })).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: PRINTING_UNAVAILABLE } });
    expect(PRINTING_UNAVAILABLE).toMatch(/Save the PDF/);
    expect(printAudits()).toBe(0);
  });

  it("when the printer fails: UNAVAILABLE with the host's message", async () => {
    const token = await buildToken();
    const message = 'Printing failed (Print job failed). Save the PDF and print it from there.';
    t.app.setDocumentHost(host({ outcome: 'unavailable', message }));
    expect(await t.call('documents:print', { token })).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message } });
  });
});

describe('documents:packet and the printable rule (shared/domain/printable.ts)', () => {
  it('a Chinese legal name prints (the Noto Sans SC fallback)', async () => {
    const seeded = await seedSmith(t, { memberId: 'M100201', firstName: '山田' });
    const r = await t.call('documents:packet', { memberId: seeded.id });
    expect(r.ok).toBe(true);
  });

  it('largePrint (issue 15): the large-print edition, more pages, the file name says so; a non-boolean is refused', async () => {
    const seeded = await seedSmith(t, { memberId: 'M100203' });
    const std = value<{ pageCount: number; fileName: string }>(await t.call('documents:packet', { memberId: seeded.id }));
    const large = value<{ pageCount: number; fileName: string }>(await t.call('documents:packet', { memberId: seeded.id, largePrint: true }));
    expect(large.pageCount).toBeGreaterThan(std.pageCount);
    expect(large.fileName).toMatch(/-large-print\.pdf$/);
    expect(std.fileName).not.toMatch(/large-print/);
    const bad = await t.call('documents:packet', { memberId: seeded.id, largePrint: 'yes' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a name the packet cannot print is refused at entry, naming the field and the character', async () => {
    const r = await t.call('members:create', { member: johnSmith({ memberId: 'M100202', firstName: 'Ann 😀' }) });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { 'member.firstName': 'contains "😀" (U+1F600), which the printed forms cannot show: replace or remove it' } },
    });
  });
});
