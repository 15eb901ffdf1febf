// A roster file's bytes as text, or a refusal naming the row and column where it goes wrong.
//
// Read: UTF-8 with or without its BOM, UTF-16 with its BOM (little- or big-endian). A file that is
// not valid UTF-8 is read as Windows-1252 (what Excel on Windows saves as "CSV") when every byte
// is a Windows-1252 character, and the report says so. Anything else is refused at its first bad
// byte. No replacement character (U+FFFD) ever comes out of here: decoding is strict, and a file
// that already holds one (garbled before it reached us) is refused too, as are control
// characters and bidirectional overrides, which would change what a name shows or prints.
import { AppFailure } from '../../shared/ipc/result';

export type RosterEncoding = 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16LE with BOM' | 'UTF-16BE with BOM' | 'Windows-1252';

export type RosterText = { text: string; encoding: RosterEncoding };

/** The longest line a roster may have. */
export const MAX_LINE = 10_000;

/** The five bytes Windows-1252 leaves undefined. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Row (the header is row 1) and cell index of a character offset, as RFC 4180 reads the text. */
export function locate(text: string, offset: number): { row: number; cell: number } {
  let row = 1;
  let cell = 0;
  let quoted = false;
  let atCellStart = true;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = start; i < offset && i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (ch === ',') {
      cell++;
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row++;
      cell = 0;
      atCellStart = true;
    } else atCellStart = false;
  }
  return { row, cell };
}

/** The header's name of a cell index, from the text's first line (as far as it decoded). */
function columnName(text: string, cell: number): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/)[0] ?? '';
  const names = firstLine.split(',').map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  return names[cell] || `column ${cell + 1}`;
}

function where(text: string, offset: number): { row: number; column: string } {
  const { row, cell } = locate(text, offset);
  return { row, column: columnName(text, cell) };
}

function refuse(file: string, text: string, offset: number, what: string): AppFailure {
  const w = where(text, offset);
  return new AppFailure('INVALID_INPUT', `${file}: row ${w.row}, ${w.column}: ${what}. Nothing was imported; save the roster from Excel as "CSV UTF-8 (Comma delimited)" and import it again.`, { [w.column]: what });
}

/** U+FFFD, C0 controls but tab and line ends, DEL and C1 controls, bidi embeddings, overrides and isolates. */
const FORBIDDEN = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp === 0xfffd) return `holds the replacement character (${hex}), so the file was garbled before it was saved`;
  if (cp === 0) return 'holds a NUL byte (U+0000)';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return `holds a bidirectional control (${hex}), which would change how the text shows`;
  return `holds a control character (${hex})`;
}

function strict(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The index of the first byte that does not belong to a well-formed UTF-8 sequence (Unicode table 3-7), or -1. */
export function firstBadUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** Whether the bytes hold a well-formed multi-byte UTF-8 sequence: text saved as UTF-8 in part. */
function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    const rest = bytes.subarray(i, i + 4);
    if (firstBadUtf8(rest.subarray(0, seqLength(rest[0]!))) === -1 && seqLength(rest[0]!) > 1) return true;
  }
  return false;
}

function seqLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 1;
}

/**
 * The roster's text and the encoding it was read in; AppFailure('INVALID_INPUT') naming the file,
 * the row and the column of the first byte or character that cannot be a roster's.
 */
export function decodeRoster(file: string, bytes: Uint8Array): RosterText {
  let text: string | null;
  let encoding: RosterEncoding;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'UTF-16LE with BOM';
    text = strict('utf-16le', bytes.subarray(2));
    if (text === null) throw new AppFailure('INVALID_INPUT', `${file}: starts as UTF-16 (little-endian) but is not valid UTF-16 throughout. Nothing was imported.`);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'UTF-16BE with BOM';
    text = strict('utf-16be', bytes.subarray(2));
    if (text === null) throw new AppFailure('INVALID_INPUT', `${file}: starts as UTF-16 (big-endian) but is not valid UTF-16 throughout. Nothing was imported.`);
  } else {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    encoding = bom ? 'UTF-8 with BOM' : 'UTF-8';
    text = strict('utf-8', bom ? bytes.subarray(3) : bytes);
    if (text === null) {
      const body = bom ? bytes.subarray(3) : bytes;
      const undefinedAt = body.findIndex((b) => UNDEFINED_1252.has(b));
      // A BOM says UTF-8, and so do UTF-8 sequences elsewhere in the file: a bad byte there is
      // damage or a mix of two encodings, not a Windows-1252 file.
      const mixed = !bom && undefinedAt < 0 && hasUtf8Sequence(body);
      if (bom || mixed || undefinedAt >= 0) {
        const bad = bom || mixed ? firstBadUtf8(body) : undefinedAt;
        const before = new TextDecoder(bom || mixed ? 'utf-8' : 'windows-1252').decode(body.subarray(0, bad));
        const at = bad + (bom ? 3 : 0);
        const why = bom ? 'is not UTF-8, though the file starts as UTF-8' : mixed ? 'is not UTF-8, though other parts of the file are UTF-8 (two encodings mixed)' : 'is neither UTF-8 nor Windows-1252';
        throw refuse(file, before, before.length, `byte ${at + 1} (0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}) ${why}`);
      }
      // Not UTF-8, and every byte a Windows-1252 character: Excel's "CSV" on Windows.
      text = new TextDecoder('windows-1252').decode(bytes);
      encoding = 'Windows-1252';
    }
  }
  const m = FORBIDDEN.exec(text);
  if (m) throw refuse(file, text, m.index, describeChar(m[0]));
  // A row of the roster's 16 columns is a few hundred characters: a far longer line is not a
  // roster's (a binary file, a whole sheet on one line). Refused by its row, never echoed.
  let start = 0;
  for (let row = 1; start <= text.length; row++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > MAX_LINE) throw new AppFailure('INVALID_INPUT', `${file}: line ${row} is ${end - start} characters long, more than a roster row can be (${MAX_LINE}). Nothing was imported; check that this is the roster file.`);
    if (nl < 0) break;
    start = nl + 1;
  }
  return { text, encoding };
}
