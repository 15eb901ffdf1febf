// The bundled TTF (Noto Sans, from node_modules) and the printable-character check.
// A character the font cannot draw is an error naming the field, never a silent `?`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { Font as FontkitFont } from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { isPrintableCodePoint, SOFT_HYPHEN } from '../../shared/domain/printable';
import { alignGlyphs } from './ttf-align';

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
} as const;
export type FontWeight = keyof typeof FONT_FILES;

type LoadedFont = { bytes: Uint8Array; font: FontkitFont; embedding: FontkitFont };
const loaded = new Map<FontWeight, LoadedFont>();

function load(weight: FontWeight): LoadedFont {
  let f = loaded.get(weight);
  if (!f) {
    // Padded glyphs: see ttf-align.ts (a fontkit subsetting bug).
    const bytes = alignGlyphs(new Uint8Array(readFileSync(require.resolve(FONT_FILES[weight]))));
    const font = fontkit.create(bytes);
    f = { bytes, font, embedding: oneGlyphPerCharacter(font) };
    loaded.set(weight, f);
  }
  return f;
}

/** The parsed TTF, shared by every document (parsing Noto Sans takes about 17 ms). */
export function fontkitFont(weight: FontWeight): FontkitFont {
  return load(weight).font;
}

/**
 * The font as pdf-lib sees it: `layout` maps each character to its glyph, with no OpenType
 * shaping. pdf-lib draws glyph ids with their advance widths and ignores the positions a shaper
 * computes, so shaping only cost time (GSUB/GPOS lookups were 80% of a document's build time),
 * and ligatures would make the extracted text differ from the text drawn. Text is NFC-normalized
 * before drawing, so accented letters are single precomposed glyphs.
 */
function oneGlyphPerCharacter(font: FontkitFont): FontkitFont {
  const glyphs = new Map<number, ReturnType<FontkitFont['glyphForCodePoint']>>();
  const wrapped = Object.create(font) as FontkitFont;
  wrapped.layout = ((text: string) => {
    const out: ReturnType<FontkitFont['glyphForCodePoint']>[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      let g = glyphs.get(cp);
      if (!g) {
        g = font.glyphForCodePoint(cp);
        glyphs.set(cp, g);
      }
      out.push(g);
    }
    const positions = out.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
    return { glyphs: out, positions };
  }) as unknown as FontkitFont['layout'];
  return wrapped;
}

/**
 * A fontkit for pdf-lib that hands back the already parsed font for our own TTF bytes, so
 * embedding does not parse the file again for each document.
 */
const cachingFontkit = {
  create(buffer: Uint8Array, postscriptName?: string): FontkitFont {
    for (const f of loaded.values()) if (f.bytes === buffer) return f.embedding;
    for (const f of fallbackLoaded.values()) if (f.bytes === buffer) return f.embedding;
    return fontkit.create(buffer, postscriptName);
  },
};

/**
 * Fallback fonts (SIL OFL, from npm) for legal names in Chinese or Arabic script: embedded as a
 * subset only when the member's data needs them. Chinese is drawn one glyph per character like
 * the main font; Arabic is shaped by fontkit (joining forms, lam-alef) and laid out right to left
 * within its run, the runs of a line in their logical order (an LTR paragraph).
 */
export const FALLBACK_FILES = {
  sc: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
} as const;
export type FallbackId = keyof typeof FALLBACK_FILES;

const fallbackLoaded = new Map<FallbackId, LoadedFont>();

function loadFallback(id: FallbackId): LoadedFont {
  let f = fallbackLoaded.get(id);
  if (!f) {
    const bytes = alignGlyphs(new Uint8Array(readFileSync(require.resolve(FALLBACK_FILES[id]))));
    const font = fontkit.create(bytes);
    f = { bytes, font, embedding: id === 'arabic' ? font : oneGlyphPerCharacter(font) };
    fallbackLoaded.set(id, f);
  }
  return f;
}

/** A fallback font as parsed (loaded on first use: Noto Sans SC is 10 MB). */
export function fallbackFontkitFont(id: FallbackId): FontkitFont {
  return loadFallback(id).font;
}

/** The fallback font a code point needs (by script), or null for the main font. */
export function fallbackOf(cp: number): FallbackId | null {
  if ((cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f)) return 'arabic';
  if ((cp >= 0x3000 && cp <= 0x30ff) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xff00 && cp <= 0xffef)) return 'sc';
  return null;
}

const NEEDS_FALLBACK = /[\u0600-\u06ff\u0750-\u077f\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/;

/** Whether any character of `text` is drawn with a fallback font. */
export function needsFallback(text: string): boolean {
  return NEEDS_FALLBACK.test(text);
}

/** The fallback fonts the strings need. */
export function fallbacksFor(texts: Iterable<string>): Set<FallbackId> {
  const out = new Set<FallbackId>();
  for (const t of texts) {
    if (!needsFallback(t)) continue;
    for (const ch of t) {
      const f = fallbackOf(ch.codePointAt(0) ?? 0);
      if (f) out.add(f);
    }
  }
  return out;
}

export type Run = { fallback: FallbackId | null; text: string };

/**
 * A line cut into runs by font: spaces between two Arabic letters stay in the Arabic run (so the
 * words of an Arabic name read right to left); every other space goes to the main font.
 */
export function splitRuns(text: string): Run[] {
  const chars = [...text];
  const ids = chars.map((ch) => fallbackOf(ch.codePointAt(0) ?? 0));
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== ' ' || ids[i] !== null) continue;
    let j = i;
    while (j < chars.length && chars[j] === ' ') j++;
    const before = ids[i - 1] ?? null;
    if (before === 'arabic' && ids[j] === 'arabic') for (let k = i; k < j; k++) ids[k] = 'arabic';
    i = j - 1;
  }
  const runs: Run[] = [];
  chars.forEach((ch, i) => {
    const id = ids[i] ?? null;
    const last = runs[runs.length - 1];
    if (last && last.fallback === id) last.text += ch;
    else runs.push({ fallback: id, text: ch });
  });
  return runs;
}

const fallbackOfFont = new WeakMap<PDFFont, Partial<Record<FallbackId, PDFFont>>>();

/** The PDF font each run of `text` is drawn with, for a document's main font. */
export function fontRuns(font: PDFFont, text: string): { font: PDFFont; text: string }[] {
  const fb = fallbackOfFont.get(font);
  if (!fb || !needsFallback(text)) return [{ font, text }];
  return splitRuns(text).map((r) => ({ font: (r.fallback ? fb[r.fallback] : undefined) ?? font, text: r.text }));
}

// Belt and braces with the layout above: no ligatures or contextual forms.
const FEATURES = { liga: false, clig: false, dlig: false, calt: false, rlig: false };

export type DocumentFonts = { regular: PDFFont; bold: PDFFont; fallbacks: Partial<Record<FallbackId, PDFFont>> };

/**
 * Embed Noto Sans regular and bold. Subset by default; `fullRegular` embeds the whole regular
 * font, for fillable forms where a viewer may draw typed text with the field's font.
 */
export async function embedFonts(doc: PDFDocument, opts: { fullRegular?: boolean; tagSeed?: string; fallbacks?: Iterable<FallbackId> } = {}): Promise<DocumentFonts> {
  doc.registerFontkit(cachingFontkit);
  // A subset is named with a six-letter tag (ISO 32000-1, 9.6.4): "ABCDEF+NotoSans-Bold".
  const name = (weight: FontWeight, subset: boolean): string => {
    const ps = load(weight).font.postscriptName ?? (weight === 'bold' ? 'NotoSans-Bold' : 'NotoSans-Regular');
    return subset ? `${subsetTag(`${opts.tagSeed ?? ''}|${ps}`)}+${ps}` : ps;
  };
  const regular = await doc.embedFont(load('regular').bytes, { subset: !opts.fullRegular, features: FEATURES, customName: name('regular', !opts.fullRegular) });
  const bold = await doc.embedFont(load('bold').bytes, { subset: true, features: FEATURES, customName: name('bold', true) });
  const fallbacks: Partial<Record<FallbackId, PDFFont>> = {};
  for (const id of opts.fallbacks ?? []) {
    const f = loadFallback(id);
    const ps = f.font.postscriptName ?? `NotoSans-${id}`;
    // Arabic keeps fontkit's shaping (its required ligatures and joining forms).
    fallbacks[id] = await doc.embedFont(f.bytes, { subset: true, ...(id === 'arabic' ? {} : { features: FEATURES }), customName: `${subsetTag(`${opts.tagSeed ?? ''}|${ps}`)}+${ps}` });
  }
  // Bold text falls back to the regular fallback (the fallbacks ship one weight).
  fallbackOfFont.set(regular, fallbacks);
  fallbackOfFont.set(bold, fallbacks);
  return { regular, bold, fallbacks };
}

/** Six upper-case letters from a seed: the same document built twice gets the same tags. */
export function subsetTag(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

export class UnprintableCharacterError extends Error {
  readonly field: string;
  readonly character: string;
  readonly codePoint: number;
  constructor(field: string, character: string, codePoint: number) {
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
    super(`${field}: character "${character}" (U+${hex}) cannot be printed in the embedded font`);
    this.name = 'UnprintableCharacterError';
    this.field = field;
    this.character = character;
    this.codePoint = codePoint;
  }
}

/**
 * Text as it is drawn: NFC (so "é" is one glyph, not e + a combining accent), CR LF as LF, tabs
 * and other spaces as a plain space, soft hyphens dropped (never printed).
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replaceAll(SOFT_HYPHEN, '');
}

const checked = new Map<FontWeight, Set<number>>();

/**
 * Throw `field: character "X" (U+XXXX) cannot be printed in the embedded font` for the first
 * character the font lacks. Line feeds are allowed when `multiline`.
 */
export function assertPrintable(text: string, field: string, weight: FontWeight = 'regular', multiline = false): void {
  const font = fontkitFont(weight);
  let ok = checked.get(weight);
  if (!ok) {
    ok = new Set();
    checked.set(weight, ok);
  }
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ok.has(cp)) continue;
    if (cp === 0x0a && multiline) continue;
    // The shared rule first (the one the member-record schemas apply at entry), then the font.
    const fb = fallbackOf(cp);
    if (!isPrintableCodePoint(cp, multiline) || !(fb ? loadFallback(fb).font : font).hasGlyphForCodePoint(cp)) {
      throw new UnprintableCharacterError(field, ch, cp);
    }
    ok.add(cp);
  }
}
