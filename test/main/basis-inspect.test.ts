import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runBasisInspect } from '../../main/cli/basis-inspect';

// `basis inspect` over the BASIS.md importer fixtures, read straight from ../shared.

const tables = fileURLToPath(new URL('../../../shared/actuarial/tables/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'basis-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runBasisInspect(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), readFile: (p) => readFileSync(p, 'utf8') });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('basis inspect', () => {
  it('BASIS importer fixture t3400: exit 0 and a readable summary with q65 = 0.00913', () => {
    const r = run(join(tables, 't3400.xml'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('table:     PubG-2010 Male Retiree');
    expect(r.stdout).toContain('identity:  3400');
    expect(r.stdout).toContain('1-D mortality table (q by Age)');
    expect(r.stdout).toContain('ages:      50–120');
    expect(r.stdout).toContain('q(65) = 0.00913');
  });
  it('BASIS importer fixture t3610: a 2-D scale shows years 1951–2036', () => {
    const r = run(join(tables, 't3610.xml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2-D improvement scale (Age × Year)');
    expect(r.stdout).toContain('years:     1951–2036');
    expect(r.stdout).toMatch(/rate\(65, 2036\) = /);
  });
  it('every fixture inspects with exit 0', () => {
    const files = ['t2801', 't3159', 't3399', 't3400', 't3403', 't3404', 't3609', 't3610'].map((t) => join(tables, `${t}.xml`));
    const r = run(...files);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('q(65) = 0.00888');
  });
  it('missing file: exit 2 with "file: no such file"', () => {
    const missing = join(dir, 'missing.xml');
    const r = run(missing);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${missing}: no such file\n`);
  });
  it('malformed XTbML in a temp dir: exit 2 with "file: message" naming the age', () => {
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, readFileSync(join(tables, 't3400.xml'), 'utf8').replace('<Y t="65">0.00913</Y>', '<Y t="65">abc</Y>'));
    const r = run(bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: age 65: "abc" is not a number`));
  });
  it('a truncated file fails while the good one still prints: exit 2', () => {
    const cut = join(dir, 'cut.xml');
    writeFileSync(cut, readFileSync(join(tables, 't3399.xml'), 'utf8').slice(0, 2000));
    const r = run(join(tables, 't3399.xml'), cut);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('PubG-2010 Female Retiree');
    expect(r.stderr).toContain(`${cut}: not well-formed XML`);
  });
  it('no arguments: usage on stderr, exit 2', () => {
    const r = run();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^usage: basis inspect/);
  });
});
