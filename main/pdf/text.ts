// Measuring, wrapping and fitting text in a box: shrink the size down to a minimum, then wrap.
import type { PDFFont } from 'pdf-lib';
import { fontRuns } from './fonts';

/** Line height as a multiple of the font size, for every block of text on the documents. */
export const LINE_HEIGHT = 1.22;

const widthCache = new WeakMap<PDFFont, Map<string, number>>();

/** Width of `text` at size 1 (points per point of font size), cached per font and string. */
export function unitWidth(font: PDFFont, text: string): number {
  let cache = widthCache.get(font);
  if (!cache) {
    cache = new Map();
    widthCache.set(font, cache);
  }
  let w = cache.get(text);
  if (w === undefined) {
    // Characters of another script are measured in their fallback font (fonts.ts fontRuns).
    w = 0;
    for (const run of fontRuns(font, text)) w += run.font.widthOfTextAtSize(run.text, 1);
    if (cache.size > 20_000) cache.clear();
    cache.set(text, w);
  }
  return w;
}

/** Width of a line, summed word by word (no ligatures or kerning cross a space). */
export function textWidth(font: PDFFont, text: string, size: number): number {
  if (text.length === 0) return 0;
  const words = text.split(' ');
  let total = 0;
  for (const w of words) if (w.length > 0) total += unitWidth(font, w);
  total += (words.length - 1) * unitWidth(font, ' ');
  return total * size;
}

/** Break one word wider than `width` into pieces that fit, by characters. */
function breakWord(font: PDFFont, word: string, size: number, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of word) {
    const next = current + ch;
    if (current.length > 0 && textWidth(font, next, size) > width) {
      out.push(current);
      current = ch;
    } else {
      current = next;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Greedy word wrap at a given size. Explicit line feeds start a new line; a word longer than the
 * line is broken by characters. Never returns an empty list.
 */
export function wrapText(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  const space = unitWidth(font, ' ') * size;
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(' ').filter((w) => w.length > 0);
    let line = '';
    let lineWidth = 0;
    for (const word of words) {
      const w = textWidth(font, word, size);
      if (line.length > 0 && lineWidth + space + w <= width) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line.length > 0) lines.push(line);
      // The word starts a line; one wider than the line is broken across lines.
      const pieces = w <= width ? [word] : breakWord(font, word, size, width);
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1] ?? '';
      lineWidth = pieces.length === 1 ? w : textWidth(font, line, size);
    }
    lines.push(line);
  }
  return lines.length > 0 ? lines : [''];
}

export type FitResult = {
  size: number;
  lines: string[];
  lineHeight: number;
  /** Height the lines need. */
  height: number;
  /** True when even the wrapped lines at the minimum size are taller than the box. */
  overflows: boolean;
};

export type FitOptions = { maxSize: number; minSize: number; step?: number };

/**
 * Fit text in a box of `width` × `height`: the largest size from `maxSize` down to `minSize` at
 * which every line (explicit line feeds kept) fits the width, then, at `minSize`, word wrap.
 * The caller grows the box when `overflows` (so nothing is ever clipped).
 */
export function fitText(font: PDFFont, text: string, width: number, height: number, opts: FitOptions): FitResult {
  const step = opts.step ?? 0.5;
  const paragraphs = text.split('\n');
  const widest = Math.max(...paragraphs.map((p) => textWidth(font, p, 1)));
  for (let size = opts.maxSize; size >= opts.minSize - 1e-9; size -= step) {
    const lineHeight = size * LINE_HEIGHT;
    const h = paragraphs.length * lineHeight;
    if (widest * size <= width && h <= height + 1e-9) {
      return { size, lines: paragraphs, lineHeight, height: h, overflows: false };
    }
  }
  const size = opts.minSize;
  const lines = wrapText(font, text, size, width);
  const lineHeight = size * LINE_HEIGHT;
  const h = lines.length * lineHeight;
  return { size, lines, lineHeight, height: h, overflows: h > height + 1e-9 };
}
