// The shared printable rule against the bundled fonts: every code point it accepts has a glyph in
// the document font (regular and bold), so a name accepted at entry always prints; a soft hyphen
// is accepted and never printed.
import { describe, expect, it } from 'vitest';
import { fallbackFontkitFont, fallbackOf, fontkitFont } from '../../../main/pdf/fonts';
import { buildEstimateAndElection } from '../../../main/pdf/packet';
import { PRINTABLE_RANGES, SOFT_HYPHEN } from '../../../shared/domain/printable';
import { plainInput } from './fixtures';
import { flat, pdftotext } from './poppler';

describe('printable ranges and the fonts', () => {
  it('every accepted code point has a glyph in Noto Sans regular and bold, or in its fallback (SC, Arabic)', () => {
    const missing: string[] = [];
    let count = 0;
    for (const weight of ['regular', 'bold'] as const) {
      const font = fontkitFont(weight);
      for (const [lo, hi] of PRINTABLE_RANGES) {
        for (let cp = lo; cp <= hi; cp++) {
          count++;
          const fb = fallbackOf(cp);
          const has = fb ? fallbackFontkitFont(fb).hasGlyphForCodePoint(cp) : font.hasGlyphForCodePoint(cp);
          if (cp !== SOFT_HYPHEN.codePointAt(0) && !has) missing.push(`${weight}${fb ? ` (${fb})` : ''} U+${cp.toString(16).toUpperCase()}`);
        }
      }
    }
    expect(count).toBeGreaterThan(1000);
    expect(missing).toEqual([]);
  });

  it('a soft hyphen in a name is not printed', async () => {
    const input = plainInput('msep2011-early');
    input.member.fullName = `Anna${SOFT_HYPHEN}Maria Wester${SOFT_HYPHEN}gaard`;
    const r = await buildEstimateAndElection(input);
    const text = pdftotext(r.bytes);
    expect(text).not.toContain(SOFT_HYPHEN);
    expect(flat(text)).toContain('AnnaMaria Westergaard');
  });
});
