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
    return fontkit.create(buffer, postscriptName);
  },
};

// Belt and braces with the layout above: no ligatures or contextual forms.
const FEATURES = { liga: false, clig: false, dlig: false, calt: false, rlig: false };

export type DocumentFonts = { regular: PDFFont; bold: PDFFont };

/**
 * Embed Noto Sans regular and bold. Subset by default; `fullRegular` embeds the whole regular
 * font, for fillable forms where a viewer may draw typed text with the field's font.
 */
export async function embedFonts(doc: PDFDocument, opts: { fullRegular?: boolean; tagSeed?: string } = {}): Promise<DocumentFonts> {
  doc.registerFontkit(cachingFontkit);
  // A subset is named with a six-letter tag (ISO 32000-1, 9.6.4): "ABCDEF+NotoSans-Bold".
  const name = (weight: FontWeight, subset: boolean): string => {
    const ps = load(weight).font.postscriptName ?? (weight === 'bold' ? 'NotoSans-Bold' : 'NotoSans-Regular');
    return subset ? `${subsetTag(`${opts.tagSeed ?? ''}|${ps}`)}+${ps}` : ps;
  };
  const regular = await doc.embedFont(load('regular').bytes, { subset: !opts.fullRegular, features: FEATURES, customName: name('regular', !opts.fullRegular) });
  const bold = await doc.embedFont(load('bold').bytes, { subset: true, features: FEATURES, customName: name('bold', true) });
  return { regular, bold };
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
    if (!isPrintableCodePoint(cp, multiline) || !font.hasGlyphForCodePoint(cp)) {
      throw new UnprintableCharacterError(field, ch, cp);
    }
    ok.add(cp);
  }
}
