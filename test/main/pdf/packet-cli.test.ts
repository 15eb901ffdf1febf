// `npm run packet -- CASE.json OUT.pdf`: the estimate statement and the election form from a case
// file; invalid input exits 2 with `path: message` lines and writes nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { runPacket } from '../../../main/cli/packet';
import { exampleFile } from './fixtures';
import { flat, pdftotext } from './poppler';

const root = join(import.meta.dirname, '../../..');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'packet-cli-'));
}

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPacket(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out, err };
}

describe('packet CLI', () => {
  it('writes the estimate statement and the election form for a case file, fillable by default', async () => {
    const dir = tempDir();
    const out = join(dir, 'packet.pdf');
    const r = await run([exampleFile('msep2000-rule80-backdrop'), out]);
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out).toEqual([`${out}: 4 pages (estimate statement and election form, fillable)`]);
    const bytes = readFileSync(out);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(4);
    // The case's 12-month BackDROP is stated in words, never pre-marked (issue 12 item 1).
    expect(doc.getForm().getRadioGroup('election.backdrop').getSelected()).toBeUndefined();
    const text = flat(pdftotext(bytes));
    expect(text).toContain('Benefit Estimate Statement');
    expect(text).toContain('Personalized Retirement Election Form');
    expect(text).toContain('$42,022.80');
    expect(readdirSync(dir)).toEqual(['packet.pdf']); // no temporary file left behind
  });

  it('flattens with --flatten', async () => {
    const dir = tempDir();
    const out = join(dir, 'flat.pdf');
    const r = await run(['--flatten', exampleFile('terminated-vested'), out]);
    expect(r.code).toBe(0);
    const doc = await PDFDocument.load(readFileSync(out));
    expect(doc.getForm().getFields()).toHaveLength(0);
    expect(flat(pdftotext(readFileSync(out)))).toContain('Curtis J. Landry');
  });

  it('exits 2 with a usage line for wrong arguments', async () => {
    for (const args of [[], [exampleFile('terminated-vested')], ['a', 'b', 'c'], [exampleFile('terminated-vested'), 'x.pdf', '--pages']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(/^usage: npm run packet -- CASE.json OUT.pdf \[--flatten\] \[--worksheet\] \[--large-print\]\n/);
    }
  });

  it('exits 2 with one path: message line per problem, and leaves an existing OUT.pdf alone', async () => {
    const dir = tempDir();
    const caseFile = join(dir, 'bad.json');
    const c = JSON.parse(readFileSync(exampleFile('msep2011-early'), 'utf8')) as Record<string, unknown>;
    c.retirementDate = '2027-03-15';
    (c.member as Record<string, unknown>).lastDayWorked = '2027-04-01';
    writeFileSync(caseFile, JSON.stringify(c));
    const out = join(dir, 'out.pdf');
    writeFileSync(out, 'previous');
    const r = await run([caseFile, out]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual(['retirementDate: must be the first day of a month', 'member.lastDayWorked: must be before retirementDate (DATE-2)']);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(dir).sort()).toEqual(['bad.json', 'out.pdf']);
  });

  it('exits 2 for an unreadable or non-JSON case file, writing nothing', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.pdf');
    const missing = await run([join(dir, 'nope.json'), out]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/nope\.json: cannot read the case file \(ENOENT\)/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "formatVersion": 1,');
    const notJson = await run([bad, out]);
    expect(notJson.code).toBe(2);
    expect(notJson.err[0]).toMatch(/bad\.json: not valid JSON/);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 naming the field when a name cannot be printed, writing nothing', async () => {
    const dir = tempDir();
    const caseFile = join(dir, 'cjk.json');
    const c = JSON.parse(readFileSync(exampleFile('terminated-vested'), 'utf8')) as { member: { name: string } };
    c.member.name = 'Curtis 김';
    writeFileSync(caseFile, JSON.stringify(c));
    const out = join(dir, 'out.pdf');
    const r = await run([caseFile, out]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['member.name: character "김" (U+AE40) cannot be printed in the embedded font']);
    expect(readdirSync(dir)).toEqual(['cjk.json']);
  });

  it('exits 1 when the PDF cannot be written, leaving no partial file', async () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions: write into a path whose parent is a file instead.
      const dir = tempDir();
      writeFileSync(join(dir, 'file'), 'x');
      const r = await run([exampleFile('terminated-vested'), join(dir, 'file', 'out.pdf')]);
      expect(r.code).toBe(1);
      expect(r.err[0]).toMatch(/out\.pdf: cannot write the PDF \(ENOTDIR\)/);
      expect(readdirSync(dir)).toEqual(['file']);
      return;
    }
    const dir = tempDir();
    chmodSync(dir, 0o500);
    const r = await run([exampleFile('terminated-vested'), join(dir, 'out.pdf')]);
    expect(r.code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('runs as a script (the npm run packet entry point)', () => {
    const dir = tempDir();
    const out = join(dir, 'script.pdf');
    const p = spawnSync(join(root, 'node_modules/.bin/tsx'), ['main/cli/packet.ts', exampleFile('msep-both-plans'), out], { cwd: root, encoding: 'utf8' });
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(p.stdout).toBe(`${out}: 5 pages (estimate statement and election form, fillable)\n`);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
