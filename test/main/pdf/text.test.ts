// Fitting text in a box: shrink to the minimum size, then wrap; never lose a character.
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedFonts } from '../../../main/pdf/fonts';
import { fitText, textWidth, wrapText } from '../../../main/pdf/text';
import type { PDFFont } from 'pdf-lib';

let font: PDFFont;
beforeAll(async () => {
  const doc = await PDFDocument.create();
  font = (await embedFonts(doc)).regular;
});

describe('fitText', () => {
  it('keeps the largest size when the text fits', () => {
    const f = fitText(font, 'Dana R. Whitfield', 200, 14, { maxSize: 10, minSize: 7 });
    expect(f).toMatchObject({ size: 10, lines: ['Dana R. Whitfield'], overflows: false });
  });

  it('shrinks before it wraps', () => {
    const text = 'Maximiliana Alexandrina Oyelaran-Whitfield';
    const at10 = textWidth(font, text, 10);
    const f = fitText(font, text, at10 * 0.85, 14, { maxSize: 10, minSize: 7 });
    expect(f.lines).toEqual([text]);
    expect(f.size).toBeLessThan(10);
    expect(f.size).toBeGreaterThanOrEqual(8.5);
    expect(textWidth(font, text, f.size)).toBeLessThanOrEqual(at10 * 0.85);
  });

  it('wraps at the minimum size, every line within the width, and says when the box must grow', () => {
    const text = 'Maximiliana Alexandrina Josefina Wilhelmina Bartholomew-Fitzgerald de la Cruz Montgomery-Vandenberghe';
    const f = fitText(font, text, 150, 14, { maxSize: 10, minSize: 7 });
    expect(f.size).toBe(7);
    expect(f.lines.length).toBeGreaterThan(1);
    for (const line of f.lines) expect(textWidth(font, line, 7)).toBeLessThanOrEqual(150);
    expect(f.lines.join(' ')).toBe(text);
    expect(f.overflows).toBe(true);
    expect(f.height).toBeCloseTo(f.lines.length * 7 * 1.22);
  });

  it('keeps explicit line breaks, shrinking until the lines fit the height', () => {
    const f = fitText(font, '301 West High Street\nJefferson City, MO 65101', 300, 24, { maxSize: 10, minSize: 7 });
    expect(f.lines).toEqual(['301 West High Street', 'Jefferson City, MO 65101']);
    expect(f.size * 1.22 * 2).toBeLessThanOrEqual(24);
  });
});

describe('wrapText', () => {
  it('breaks a word longer than the line by characters, losing none', () => {
    const word = 'Bartholomew-Fitzgerald-Montgomery-Vandenberghe-Oyelaran';
    const lines = wrapText(font, word, 10, 80);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('')).toBe(word);
    for (const line of lines) expect(textWidth(font, line, 10)).toBeLessThanOrEqual(80);
  });
  it('returns one empty line for empty text', () => {
    expect(wrapText(font, '', 10, 80)).toEqual(['']);
  });
});
