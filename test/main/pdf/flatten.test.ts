// Flattening (a known pdf-lib pitfall): checked boxes and selected radio buttons must still show
// once the fields are drawn into the page, and no field, widget or standard font may remain.
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildPacket } from '../../../main/pdf/packet';
import { widgetRects } from './fields';
import { richInput } from './fixtures';
import { darkest, flat, pdffonts, pdftotext, renderGray } from './poppler';

function input() {
  const i = richInput('msep2000-rule80-backdrop');
  i.member.process = { forms: [], proofs: [{ document: 'member-proof-of-age', received: true, kind: 'passport' }] };
  i.member.withholding = { ...i.member.withholding, noWithholding: true };
  return i;
}

// [field, widget index, expected on] — widgets in the order of their options.
const MARKS: [string, number, boolean][] = [
  ['application.proof.member.passport', 0, true],
  ['application.proof.member.birthCertificate', 0, false],
  ['application.proof.marriageCertificate', 0, false],
  ['w4p.noWithholding', 0, true],
  ['application.maritalStatus', 0, true],
  ['application.maritalStatus', 1, false],
  ['directDeposit.bank.accountType', 0, true],
  ['directDeposit.bank.accountType', 1, false],
  ['optionalLife.choice', 0, false],
  ['optionalLife.choice', 1, true],
  ['election.backdrop', 0, false],
  ['election.backdrop', 1, false],
  ['election.option', 0, false],
  ['backdropDistribution.method', 2, true],
];

describe('flattening', () => {
  it('keeps checked boxes and selected radios visible, removes every field and widget', async () => {
    const fillable = await buildPacket(input());
    const flattened = await buildPacket(input(), { flatten: true });
    expect(flattened.pageCount).toBe(fillable.pageCount);

    const doc = await PDFDocument.load(flattened.bytes);
    expect(doc.catalog.get(PDFName.of('AcroForm'))).toBeUndefined();
    expect(doc.getForm().getFields()).toHaveLength(0);
    for (const page of doc.getPages()) expect(page.node.get(PDFName.of('Annots'))).toBeUndefined();

    const rects = await widgetRects(fillable.bytes);
    const renders = new Map<number, ReturnType<typeof renderGray>>();
    for (const [field, index, on] of MARKS) {
      const r = rects[field]?.[index];
      expect(r, field).toBeDefined();
      if (!r) continue;
      let g = renders.get(r.page);
      if (!g) {
        g = renderGray(flattened.bytes, r.page + 1, 144);
        renders.set(r.page, g);
      }
      // Inside the box, away from its border: dark only where the check or dot is drawn.
      const ink = darkest(g, r, 2.5);
      if (on) expect(ink, `${field}[${index}] is marked after flattening`).toBeLessThan(110);
      else expect(ink, `${field}[${index}] is blank after flattening`).toBeGreaterThan(200);
      // The same mark in the fillable document, drawn by the viewer from the widget.
      const f = renderGray(fillable.bytes, r.page + 1, 144);
      expect(darkest(f, r, 2.5) < 110, `${field}[${index}] fillable`).toBe(on);
    }

    // Text field values are drawn into the page.
    const text = flat(pdftotext(flattened.bytes));
    for (const v of ['Central Bank of Jefferson City', '081000210', '000123456789', 'Riverside Financial Planning LLC', '$75,000.00', '$60,000.00', 'DC-55120']) {
      expect(text).toContain(v);
    }
  });

  it('embeds only Noto Sans, subset when flattened, and never a standard font', async () => {
    for (const flatten of [false, true]) {
      const r = await buildPacket(input(), { flatten });
      const fonts = pdffonts(r.bytes);
      expect(fonts.length).toBe(2);
      for (const f of fonts) {
        // A subset carries its six-letter tag; only the fillable regular font is embedded whole.
        const whole = !flatten && f.name.endsWith('NotoSans-Regular');
        expect(f.name).toMatch(whole ? /^NotoSans-Regular$/ : /^[A-Z]{6}\+NotoSans-(Regular|Bold)$/);
        expect(f.embedded).toBe(true);
      }
    }
    const flatBytes = (await buildPacket(input(), { flatten: true })).bytes.length;
    const fillBytes = (await buildPacket(input())).bytes.length;
    // The fillable packet carries the whole regular font (for text typed in a viewer).
    expect(flatBytes).toBeLessThan(fillBytes);
  });
});
