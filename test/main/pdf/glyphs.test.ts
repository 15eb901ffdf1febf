// Text in the embedded TTF: accented names print; a character the font lacks is an error naming
// the field, never a silent `?`. And the embedded subsets draw the right outlines.
import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { assertPrintable, UnprintableCharacterError } from '../../../main/pdf/fonts';
import { buildEstimateAndElection, buildPacket } from '../../../main/pdf/packet';
import { alignGlyphs, hasOddGlyphs } from '../../../main/pdf/ttf-align';
import { readFields } from './fields';
import { plainInput, richInput } from './fixtures';
import { flat, pdftotext } from './poppler';

const require = createRequire(import.meta.url);

describe('characters and the embedded font', () => {
  it('prints accented names exactly (pdftotext and the field value)', async () => {
    const input = plainInput('msep-both-plans');
    input.member.fullName = 'José Núñez-Ærø';
    input.member.spouse = { name: 'Zoë Łukasiewicz-Ørsted', birthDate: '1967-09-03' };
    const r = await buildEstimateAndElection(input);
    const text = flat(pdftotext(r.bytes));
    expect(text).toContain('José Núñez-Ærø');
    expect(text).toContain('Zoë Łukasiewicz-Ørsted');
    expect(text).not.toContain('?');
    const fields = await readFields(r.bytes);
    expect(fields['election.member.name']).toBe('José Núñez-Ærø');
    expect(fields['election.spouse.name']).toBe('Zoë Łukasiewicz-Ørsted');
  });

  it('prints a decomposed accent (e + U+0301) as the composed letter', async () => {
    const input = plainInput('terminated-vested');
    input.member.fullName = 'Jose\u0301 Landry';
    const r = await buildEstimateAndElection(input, { flatten: true });
    expect(flat(pdftotext(r.bytes))).toContain('José Landry');
  });

  it('refuses a character no bundled font has, naming the field (Hangul; Chinese prints, scripts.test.ts)', async () => {
    const input = plainInput('msep-both-plans');
    input.member.fullName = '김 철수';
    await expect(buildEstimateAndElection(input)).rejects.toThrow('member.name: character "김" (U+AE40) cannot be printed in the embedded font');
  });

  it('refuses an emoji in a beneficiary, naming the field', async () => {
    const input = richInput('msep-both-plans');
    const b = input.member.beneficiaries?.[1];
    if (b) b.name = 'Avery 😀 Example';
    const err = await buildPacket(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprintableCharacterError);
    expect((err as Error).message).toBe('beneficiaries[1].name: character "😀" (U+1F600) cannot be printed in the embedded font');
    expect((err as UnprintableCharacterError).field).toBe('beneficiaries[1].name');
  });

  it('refuses control characters and names the field of a form value', () => {
    expect(() => assertPrintable('301 High St\u0007', 'member.address.street')).toThrow('member.address.street: character "\u0007" (U+0007) cannot be printed in the embedded font');
    expect(() => assertPrintable('a\nb', 'agent.address', 'regular', true)).not.toThrow();
    expect(() => assertPrintable('a\nb', 'member.name')).toThrow('(U+000A)');
    expect(() => assertPrintable('☃', 'application.member.name', 'bold')).toThrow('application.member.name: character "☃" (U+2603)');
  });

  it('pads odd-length glyphs so that fontkit subsets keep their outlines (ttf-align)', async () => {
    const raw = new Uint8Array(readFileSync(require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf')));
    expect(hasOddGlyphs(raw)).toBe(true);
    const aligned = alignGlyphs(raw);
    expect(hasOddGlyphs(aligned)).toBe(false);
    const original = fontkit.create(raw);
    const font = fontkit.create(aligned);
    const text = "MISSOURI STATE EMPLOYEES' RETIREMENT SYSTEM Benefit Ærø ½";
    const subset = font.createSubset();
    const cps = [...new Set([...text].map((c) => c.codePointAt(0) ?? 0))];
    const ids = cps.map((cp) => subset.includeGlyph(font.glyphForCodePoint(cp)));
    const chunks: Uint8Array[] = [];
    const stream = subset.encodeStream();
    await new Promise<void>((resolve) => {
      stream.on('data', (d: Uint8Array) => chunks.push(d));
      stream.on('end', () => resolve());
    });
    const sub = fontkit.create(Buffer.concat(chunks));
    cps.forEach((cp, i) => {
      const expected = original.glyphForCodePoint(cp).path.toSVG();
      expect(sub.getGlyph(ids[i] ?? 0).path.toSVG(), String.fromCodePoint(cp)).toBe(expected);
    });
  });

  it('embeds subsets whose every glyph decodes with an outline', async () => {
    const r = await buildEstimateAndElection(plainInput('msep-both-plans'), { flatten: true });
    const doc = await PDFDocument.load(r.bytes);
    let fonts = 0;
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
      const file = obj.lookup(PDFName.of('FontFile2'));
      expect(file).toBeInstanceOf(PDFRawStream);
      const font = fontkit.create(Buffer.from(decodePDFRawStream(file as PDFRawStream).decode()));
      fonts++;
      expect(font.numGlyphs).toBeGreaterThan(20);
      expect(font.numGlyphs).toBeLessThan(200); // a subset, not the whole font
      for (let g = 1; g < font.numGlyphs; g++) {
        const glyph = font.getGlyph(g);
        if (glyph.bbox.width > 0) expect(glyph.path.toSVG().length, `glyph ${g}`).toBeGreaterThan(0);
      }
    }
    expect(fonts).toBe(2);
  });
});
