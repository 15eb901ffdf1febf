// Must-fix 5 of the caseload audit: a Windows-1252 roster from Excel imported as "updated 12,
// rejected 0" and overwrote good names with replacement characters ("Ren\uFFFDe"). Also the
// roster checks of "Also in scope": control characters, bidi overrides, line breaks, a repeated
// header column, one SSN on two members, a FIFO instead of a file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../../main/app';
import { runCli } from '../../../main/cli/cli';
import { ROSTER_COLUMNS } from '../../../main/cli/roster';
import { decodeRoster, firstBadUtf8 } from '../../../main/cli/roster-text';

const NAMES: [string, string, string, string][] = [
  ['W0000001', 'Dubois', 'Renée', '123-45-6711'],
  ['W0000002', 'Núñez', 'José', '123-45-6712'],
  ['W0000003', 'Brontë', 'Zoë', '123-45-6713'],
  ['W0000004', 'Ça Va', 'François', '123-45-6714'],
  ['W0000005', 'O’Brien', 'Siobhán', '123-45-6715'],
];

function csv(rows: string[][] = NAMES.map(([id, last, first, ssn]) => [id, last, first, ssn, '1966-05-01'])): string {
  const line = (cells: string[]) => ROSTER_COLUMNS.map((_, i) => cells[i] ?? '').join(',');
  return `${ROSTER_COLUMNS.join(',')}\r\n${rows.map(line).join('\r\n')}\r\n`;
}

/** Windows-1252 bytes of text that is all Latin-1 plus the curly apostrophe (0x92). */
function cp1252(text: string): Buffer {
  return Buffer.from([...text].map((ch) => (ch === '’' ? 0x92 : ch.charCodeAt(0))));
}

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli([...args, '--plain'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { XDG_CONFIG_HOME: tmpdir() } });
  return { code, out: out.join(''), err: err.join('').split('\n').filter((l) => l && !l.includes('as --plain asks')).join('\n') };
}

function names(db: string): string[] {
  const app = openApp(db);
  try {
    return (app.db.prepare('SELECT first_name || \' \' || last_name AS n FROM members ORDER BY member_id').all() as { n: string }[]).map((r) => r.n);
  } finally {
    app.close();
  }
}
const EXPECTED = NAMES.map(([, last, first]) => `${first} ${last}`);

function write(dir: string, name: string, bytes: Buffer | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('roster encodings', () => {
  it('a Windows-1252 roster from Excel keeps every accented name exactly, says it was read as Windows-1252, and never garbles good names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-enc-'));
    const db = join(dir, 'c.db');
    expect(cli(['members', 'import', write(dir, 'utf8.csv', csv()), '--db', db]).code).toBe(0);
    const file = write(dir, 'excel.csv', cp1252(csv()));
    const r = cli(['members', 'import', file, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${file} is not UTF-8: it was read as Windows-1252 (Excel's "CSV" on Windows). Check the accented names below; save it as "CSV UTF-8" next time.\nImported 0 new and updated 5 members; rejected 0 rows.\n`);
    expect(names(db)).toEqual(EXPECTED);
    const fresh = join(dir, 'fresh.db');
    expect(cli(['members', 'import', file, '--db', fresh]).code).toBe(0);
    expect(names(fresh)).toEqual(EXPECTED);
  });

  it('reads UTF-8 with and without its BOM and UTF-16 with its BOM (both byte orders)', () => {
    const text = csv();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const cases: [string, Buffer, string][] = [
      ['UTF-8', Buffer.from(text, 'utf8'), 'UTF-8'],
      ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'UTF-8 with BOM'],
      ['UTF-16LE', le, 'UTF-16LE with BOM'],
      ['UTF-16BE', be, 'UTF-16BE with BOM'],
    ];
    for (const [label, bytes, encoding] of cases) {
      const decoded = decodeRoster('r.csv', bytes);
      expect(decoded, label).toEqual({ text, encoding });
      const dir = mkdtempSync(join(tmpdir(), 'roster-enc-'));
      expect(cli(['members', 'import', write(dir, 'r.csv', bytes), '--db', join(dir, 'c.db')]).code, label).toBe(0);
      expect(names(join(dir, 'c.db')), label).toEqual(EXPECTED);
    }
  });

  it('refuses a file that is neither UTF-8 nor Windows-1252 at its first bad byte, by row and column, and imports nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-enc-'));
    const db = join(dir, 'c.db');
    // 0x81 is undefined in Windows-1252: row 3 (Núñez), first_name.
    const bytes = cp1252(csv());
    const at = bytes.indexOf(Buffer.from('Jos'));
    bytes[at + 3] = 0x81;
    const file = write(dir, 'bad.csv', bytes);
    const r = cli(['members', 'import', file, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${file}: row 3, first_name: byte ${at + 4} (0x81) is neither UTF-8 nor Windows-1252. Nothing was imported; save the roster from Excel as "CSV UTF-8 (Comma delimited)" and import it again.`);
    // UTF-8 with a BOM and one stray Windows-1252 byte: damage, not another encoding.
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv().replace('Zoë', 'Zo\u0000'), 'utf8')]);
    withBom[withBom.indexOf(0)] = 0xeb;
    expect(cli(['members', 'import', write(dir, 'bom.csv', withBom), '--db', db]).err).toMatch(/: row 4, first_name: byte \d+ \(0xEB\) is not UTF-8, though the file starts as UTF-8\./);
    // UTF-8 names and one Windows-1252 name in one file: two encodings mixed.
    const mixed = Buffer.concat([Buffer.from(csv().split('W0000005')[0]!, 'utf8'), cp1252(`W0000005${csv().split('W0000005')[1]!}`)]);
    expect(cli(['members', 'import', write(dir, 'mixed.csv', mixed), '--db', db]).err).toMatch(/: row 6, last_name: byte \d+ \(0x92\) is not UTF-8, though other parts of the file are UTF-8/);
    expect(cli(['members', 'list', '--db', db]).err).toMatch(/no caseload at .* yet/);
  });

  it('no replacement character reaches the caseload: a UTF-8 file already holding one is refused by row and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-enc-'));
    const file = write(dir, 'garbled.csv', csv().replace('Renée', 'Ren\uFFFDe'));
    const r = cli(['members', 'import', file, '--db', join(dir, 'c.db')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${file}: row 2, first_name: holds the replacement character (U+FFFD), so the file was garbled before it was saved. Nothing was imported; save the roster from Excel as "CSV UTF-8 (Comma delimited)" and import it again.`);
  });

  it('refuses NUL, other control characters, bidi overrides and line breaks in a cell, naming row and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-enc-'));
    const db = join(dir, 'c.db');
    const cases: [string, RegExp][] = [
      [csv().replace('Dubois', 'Dub\u0000ois'), /row 2, last_name: holds a NUL byte \(U\+0000\)/],
      [csv().replace('Brontë', 'Bront\u0007'), /row 4, last_name: holds a control character \(U\+0007\)/],
      [csv().replace('José', '\u202EJosé'), /row 3, first_name: holds a bidirectional control \(U\+202E\)/],
      [csv().replace('François', '"Fran\ncois"'), /row 5, first_name: holds a line break; a cell of the roster is one line/],
    ];
    for (const [text, re] of cases) {
      const r = cli(['members', 'import', write(dir, 'r.csv', text), '--db', db]);
      expect(r.err, String(re)).toMatch(re);
      expect(r.code).not.toBe(0);
    }
    // Only the row with the line break was a row error (the others refuse the whole file); the
    // rest of that file went in, without it.
    expect(names(db)).toEqual(EXPECTED.filter((n) => !n.startsWith('François')));
  });

  it('refuses a header naming a column twice, and one SSN on two members (in the roster or against the caseload)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-enc-'));
    const db = join(dir, 'c.db');
    const dup = csv().replace('member_id,last_name,first_name,ssn,', 'member_id,last_name,first_name,last_name,');
    expect(cli(['members', 'import', write(dir, 'h.csv', dup), '--db', db]).err).toBe('row 1: the header names last_name more than once; each column once, or the import could not tell which cell is meant.');
    const twice = csv([
      ['W0000001', 'Dubois', 'Renée', '123-45-6711', '1966-05-01'],
      ['W0000002', 'Núñez', 'José', '123456711', '1966-05-01'],
    ]);
    const r = cli(['members', 'import', write(dir, 's.csv', twice), '--db', db]);
    expect(r.err).toMatch(/: row 3, ssn: is the SSN of row 2 too; one SSN is one member$/);
    const later = csv([['W0000009', 'Other', 'Person', '123-45-6711', '1970-01-01']]);
    const again = cli(['members', 'import', write(dir, 'later.csv', later), '--db', db]);
    expect(again.err).toMatch(/: row 2, ssn: is already the SSN of member W0000001 in the caseload; one SSN is one member$/);
    expect(names(db)).toEqual(['Renée Dubois']);
  });

  it('an over-long line is refused by its line number, without echoing it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-enc-'));
    const secret = `123-45-6789${'x'.repeat(20_000)}`;
    const file = write(dir, 'long.csv', csv([['W1', 'Long', secret, '', '1966-05-01']]));
    const r = cli(['members', 'import', file, '--db', join(dir, 'c.db')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 2 is 2\\d{4} characters long, more than a roster row can be \\(10000\\)\\.`));
    expect(r.err).not.toContain('123-45-6789');
  });

  it('a FIFO given as the roster is refused at once instead of hanging', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-enc-'));
    const fifo = join(dir, 'roster.csv');
    execFileSync('mkfifo', [fifo]);
    const r = cli(['members', 'import', fifo, '--db', join(dir, 'c.db')]);
    expect(r).toMatchObject({ code: 2, err: `${fifo}: is not a regular file (a pipe); name the roster file itself.` });
  });

  it('finds the first byte outside well-formed UTF-8 (overlong, surrogate, cut short)', () => {
    expect(firstBadUtf8(Buffer.from('abc é ✓ 😀', 'utf8'))).toBe(-1);
    expect(firstBadUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1);
    expect(firstBadUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstBadUtf8(Buffer.from([0x61, 0x62, 0xe2, 0x9c]))).toBe(2);
  });
});
