// Which characters the workstation can print: the one rule the member-record schemas (at entry,
// IPC and forms) and the PDF writer share, so a name the packet cannot print is refused where it
// is typed, with the character and the field named, and never reaches a printout.
//
// Pure and font-free: the ranges below are those the bundled fonts cover (Noto Sans for Latin,
// Greek and Cyrillic; the Noto Sans SC and Noto Sans Arabic fallbacks for Chinese and Arabic
// names); test/main/pdf/printable-fonts.test.ts checks every code point accepted here against
// the fonts. Control characters, emoji, private-use and invisible formatting characters
// are refused. A soft hyphen (U+00AD) is accepted and never printed.

/** One length limit for every name field (member, spouse, beneficiary, agent): the forms fit it. */
export const NAME_MAX = 100;

/** The soft hyphen: accepted in input, dropped when printed. */
export const SOFT_HYPHEN = '\u00ad';

/** Inclusive code point ranges that can be printed (besides a line feed in multi-line text). */
export const PRINTABLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x024f], // Latin-1 Supplement, Latin Extended-A and -B (soft hyphen: dropped)
  [0x02b0, 0x02ff], // spacing modifier letters (the okina ʻ, ʼ)
  [0x0300, 0x036f], // combining diacritical marks
  [0x0386, 0x0386],
  [0x0388, 0x038a],
  [0x038c, 0x038c],
  [0x038e, 0x03a1],
  [0x03a3, 0x03ce], // Greek
  [0x0400, 0x04ff], // Cyrillic
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese)
  [0x2010, 0x2027], // dashes, quotation marks, bullet, ellipsis
  [0x2030, 0x203a],
  [0x20a0, 0x20c0], // currency signs
  [0x2212, 0x2212], // minus sign
  // Arabic script (the Noto Sans Arabic fallback): letters, harakat, digits, punctuation.
  [0x060c, 0x060c],
  [0x061b, 0x061b],
  [0x061f, 0x061f],
  [0x0621, 0x065f],
  [0x0660, 0x066d],
  [0x066e, 0x06d3],
  [0x06d5, 0x06d5],
  [0x0750, 0x077f],
  // Chinese (the Noto Sans SC fallback): CJK punctuation, kana, unified ideographs, full width.
  [0x3000, 0x303f],
  [0x3041, 0x3096],
  [0x3099, 0x30ff],
  [0x4e00, 0x9fef],
  [0xff01, 0xff5e],
];

export type Unprintable = { character: string; codePoint: number; index: number };

/** Whether one code point can be printed (a line feed only in multi-line text). */
const SORTED = [...PRINTABLE_RANGES].sort((a, b) => a[0] - b[0]);

export function isPrintableCodePoint(cp: number, multiline = false): boolean {
  if (cp === 0x0a) return multiline;
  for (const [lo, hi] of SORTED) {
    if (cp < lo) return false;
    if (cp <= hi) return true;
  }
  return false;
}

/**
 * The first character of `text` that cannot be printed, or null. The text is taken as it will be
 * printed: NFC (a letter and its accent as one character), CR LF as LF, a tab as a space.
 */
export function firstUnprintable(text: string, opts: { multiline?: boolean } = {}): Unprintable | null {
  const s = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  let index = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!isPrintableCodePoint(cp, opts.multiline ?? false)) return { character: ch, codePoint: cp, index };
    index += ch.length;
  }
  return null;
}

/** `"😀" (U+1F600)`, or `U+0007 (an invisible control character)`. */
export function describeCharacter(u: Pick<Unprintable, 'character' | 'codePoint'>): string {
  const hex = u.codePoint.toString(16).toUpperCase().padStart(4, '0');
  const invisible = u.codePoint < 0x20 || (u.codePoint >= 0x7f && u.codePoint < 0xa0) || (u.codePoint >= 0x2000 && u.codePoint <= 0x200f) || (u.codePoint >= 0x2028 && u.codePoint <= 0x202e) || u.codePoint === 0xfeff;
  return invisible ? `U+${hex} (an invisible control character)` : `"${u.character}" (U+${hex})`;
}

/** The message beside a field whose text has a character the forms cannot print. */
export function unprintableMessage(u: Pick<Unprintable, 'character' | 'codePoint'>): string {
  return `contains ${describeCharacter(u)}, which the printed forms cannot show: replace or remove it`;
}
