// Long names shrink, then wrap, and stay whole inside their box (parsed back with pdftotext -bbox).
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { buildEstimateAndElection, buildPacket } from '../../../main/pdf/packet';
import { widgetRects } from './fields';
import { plainInput, richInput } from './fixtures';
import { flat, pdftotext, pdfWords } from './poppler';
import { NAME_MAX } from '../../../shared/domain/printable';

const LONG = 'Maximiliana Alexandrina Josefina Wilhelmina Bartholomew-Fitzgerald de la Cruz Montgomery-Vandenberghe Oyelaran-Whitfield III';
const MEDIUM = 'Maximiliana Alexandrina Bartholomew-Fitzgerald III';

async function fieldFontSize(bytes: Uint8Array, name: string): Promise<{ size: number; multiline: boolean }> {
  const doc = await PDFDocument.load(bytes);
  const field = doc.getForm().getTextField(name);
  const da = field.acroField.getDefaultAppearance() ?? '';
  const m = /\/\S+\s+([\d.]+)\s+Tf/.exec(da);
  return { size: Number(m?.[1]), multiline: field.isMultiline() };
}

// pdftotext boxes a word from the font's ascent to its descent (Noto Sans: 1.069 and 0.293 em).
const ASCENT = 1.069;
const DESCENT = 0.293;
const CAP_HEIGHT = 0.714;

/**
 * The words drawn inside a rectangle (PDF points, origin bottom left) of a page: each word's ink,
 * from cap height to descender, lies within the rectangle.
 */
function wordsIn(bytes: Uint8Array, page: number, r: { x: number; y: number; width: number; height: number }): string {
  const top = 792 - (r.y + r.height);
  const bottom = 792 - r.y;
  return pdfWords(bytes, page)
    .filter((w) => {
      const size = (w.yMax - w.yMin) / (ASCENT + DESCENT);
      const baseline = w.yMax - DESCENT * size;
      const inkTop = baseline - CAP_HEIGHT * size;
      return w.xMin >= r.x - 0.5 && w.xMax <= r.x + r.width + 0.5 && inkTop >= top - 0.5 && w.yMax <= bottom + 0.5;
    })
    .map((w) => w.text)
    .join(' ');
}

describe('long names', () => {
  it('shrink a name a little too long for its box, on one line', async () => {
    const input = plainInput('msep2011-early');
    input.member.fullName = MEDIUM;
    const r = await buildEstimateAndElection(input);
    const { size, multiline } = await fieldFontSize(r.bytes, 'election.member.name');
    expect(size).toBeLessThan(10);
    expect(size).toBeGreaterThan(7);
    expect(multiline).toBe(false);
    const rect = (await widgetRects(r.bytes))['election.member.name']?.[0];
    expect(rect).toBeDefined();
    if (!rect) return;
    expect(wordsIn(r.bytes, rect.page + 1, rect)).toBe(MEDIUM);
  });

  it('shrink to the minimum, then wrap, and keep the whole name inside the field box', async () => {
    const input = plainInput('msep-both-plans');
    input.member.fullName = LONG;
    const r = await buildEstimateAndElection(input);
    const { size, multiline } = await fieldFontSize(r.bytes, 'election.member.name');
    expect(size).toBe(7);
    expect(multiline).toBe(true);
    const rect = (await widgetRects(r.bytes))['election.member.name']?.[0];
    expect(rect).toBeDefined();
    if (!rect) return;
    expect(wordsIn(r.bytes, rect.page + 1, rect)).toBe(LONG);
    // The whole name is in the text of every document, and on every page footer.
    const text = flat(pdftotext(r.bytes));
    expect(text).toContain(LONG);
    for (const d of r.documents) {
      for (let p = d.firstPage; p <= d.lastPage; p++) expect(flat(pdftotext(r.bytes, { first: p, last: p }))).toContain(`Page ${p - d.firstPage + 1} of ${d.lastPage - d.firstPage + 1}`);
    }
  });

  it('print within the page margins on every page of the packet (flattened)', async () => {
    const input = richInput('msep-both-plans');
    input.member.fullName = LONG;
    input.member.spouse = { name: `${LONG} Jr.`, ssn: '987-65-4320', birthDate: '1967-09-03' };
    input.member.process = null;
    const r = await buildPacket(input, { flatten: true });
    for (let p = 1; p <= r.pageCount; p++) {
      for (const w of pdfWords(r.bytes, p)) {
        expect(w.xMin, `page ${p} "${w.text}"`).toBeGreaterThanOrEqual(35.5);
        expect(w.xMax, `page ${p} "${w.text}"`).toBeLessThanOrEqual(576.5);
        expect(w.yMin, `page ${p} "${w.text}"`).toBeGreaterThanOrEqual(35.5);
        expect(w.yMax, `page ${p} "${w.text}"`).toBeLessThanOrEqual(792 - 20);
      }
    }
    const text = flat(pdftotext(r.bytes));
    expect(text.split(LONG).length - 1).toBeGreaterThan(r.pageCount); // every footer and every form
  });

  it(`names of the shared limit (NAME_MAX, ${NAME_MAX} characters) in every name field print whole, within the margins`, async () => {
    const words = (seed: string) => {
      let out = '';
      for (let i = 0; out.length < NAME_MAX; i++) out += `${out ? ' ' : ''}${seed}${'abcdefghij'.slice(0, 3 + (i % 7))}`;
      return out.slice(0, NAME_MAX).trimEnd();
    };
    const input = richInput('msep2000-rule80-backdrop');
    input.member.fullName = null;
    input.member.firstName = words('Maximilian');
    input.member.middleName = words('Josephine');
    input.member.lastName = words('Bartholomew');
    expect(input.member.lastName.length).toBeLessThanOrEqual(NAME_MAX);
    input.member.spouse = { name: words('Spouse'), ssn: '987-65-4320', birthDate: '1966-07-15' };
    input.member.beneficiaries = (input.member.beneficiaries ?? []).map((b, i) => ({ ...b, name: words(`Beneficiary${i}`) }));
    input.member.agent = { name: words('Agent'), phone: null, address: null };
    input.member.process = null;
    const r = await buildPacket(input, { flatten: true });
    for (let p = 1; p <= r.pageCount; p++) {
      for (const w of pdfWords(r.bytes, p)) {
        expect(w.xMin, `page ${p} "${w.text}"`).toBeGreaterThanOrEqual(35.5);
        expect(w.xMax, `page ${p} "${w.text}"`).toBeLessThanOrEqual(576.5);
        expect(w.yMax, `page ${p} "${w.text}"`).toBeLessThanOrEqual(792 - 20);
      }
    }
    const full = `${input.member.firstName} ${input.member.middleName} ${input.member.lastName}`;
    const pages = pdftotext(r.bytes).split('\f').map(flat);
    for (let p = 1; p <= r.pageCount; p++) expect(pages[p - 1], `page ${p} footer`).toContain(input.member.lastName);
    expect(flat(pdftotext(r.bytes))).toContain(full);
  });

  it('wrap inside a narrow box (a beneficiary name) and keep it whole', async () => {
    const input = richInput('terminated-vested');
    const b = input.member.beneficiaries?.[0];
    if (b) b.name = LONG;
    input.member.process = null;
    const r = await buildPacket(input);
    const rect = (await widgetRects(r.bytes))['beneficiaries.lifeInsurance.primary[0].name']?.[0];
    expect(rect).toBeDefined();
    if (!rect) return;
    expect(rect.height).toBeGreaterThan(20); // the row grew to hold the wrapped lines
    expect(wordsIn(r.bytes, rect.page + 1, rect).replace(/\s+/g, ' ')).toBe(LONG);
  });
});
