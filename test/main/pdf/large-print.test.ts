// Issue 15 (large print): every document in a large-print edition, read back with
// `pdftotext -bbox`: no text below 12 pt (labels, table headers, footers), body text at 14 pt and
// more, and the same figures as the standard edition (every amount and date).
// From buildPacket (largePrint), `npm run packet -- CASE.json OUT.pdf --large-print` and
// `npm run packet -- --db CASELOAD --member ID OUT.pdf --large-print`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPacket } from '../../../main/cli/packet';
import { buildPacket } from '../../../main/pdf/packet';
import { openTestApp, seedSmith, TEST_PASSPHRASE, testClock, type TestApp } from '../caseload-fixture';
import { EXAMPLE_NAMES, exampleFile, richInput } from './fixtures';
import { pdftotext, pdfWords } from './poppler';

// pdftotext's word box is the font's ascent plus descent: Noto Sans 1.069 + 0.293 em.
const BOX_PER_POINT = 1.362;

function sizes(bytes: Uint8Array, pageCount: number): number[] {
  const out: number[] = [];
  for (let p = 1; p <= pageCount; p++) for (const w of pdfWords(bytes, p)) out.push((w.yMax - w.yMin) / BOX_PER_POINT);
  return out;
}

/**
 * Every amount and date printed, sorted (percentages are left out: they are also words of column
 * headers, which the standard edition repeats after each page break).
 */
function figures(bytes: Uint8Array): string[] {
  // Content-stream order (-raw): a date wrapped inside a table cell reads whole, whatever the
  // columns beside it.
  const r = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: Buffer.from(bytes), maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext -raw: ${r.stderr.toString()}`);
  const text = r.stdout.toString('utf8').replace(/\s+/g, ' ');
  const re = /-?\$[\d,]+\.\d\d|\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/g;
  return [...text.matchAll(re)].map((m) => m[0]).sort();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPacket(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env, clock: testClock('2026-11-23') });
  return { code, out, err };
}

describe('large-print edition (issue 15)', () => {
  it.each(EXAMPLE_NAMES)('%s: the packet: nothing below 12 pt, body 14 pt, the same figures as the standard edition', async (name) => {
    const input = richInput(name);
    const opts = { flatten: true, createdAt: '2026-12-03T10:00:00.000Z' };
    const standard = await buildPacket(input, opts);
    const large = await buildPacket(input, { ...opts, largePrint: true });
    const all = sizes(large.bytes, large.pageCount);
    expect(Math.min(...all)).toBeGreaterThanOrEqual(12 - 0.05);
    expect(median(all)).toBeGreaterThanOrEqual(14 - 0.05);
    // The standard edition is the small one (so the measure can fail).
    expect(Math.min(...sizes(standard.bytes, Math.min(3, standard.pageCount)))).toBeLessThan(8);
    expect(figures(large.bytes)).toEqual(figures(standard.bytes));
    expect(figures(large.bytes).length).toBeGreaterThan(10);
    // The same documents, in the same order, on more pages.
    expect(large.documents.map((d) => d.code)).toEqual(standard.documents.map((d) => d.code));
    expect(large.pageCount).toBeGreaterThan(standard.pageCount);
  });

  it('npm run packet -- CASE.json OUT.pdf --large-print: the estimate and election form in large print', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'large-print-'));
    const out = join(dir, 'large.pdf');
    const std = join(dir, 'standard.pdf');
    const r = await runCli([exampleFile('msep2000-rule80-backdrop'), out, '--large-print', '--flatten']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/pages \(estimate statement and election form, flattened, large print\)$/);
    expect((await runCli([exampleFile('msep2000-rule80-backdrop'), std, '--flatten'])).code).toBe(0);
    const bytes = new Uint8Array(readFileSync(out));
    const pages = Number(/(\d+) pages/.exec(r.out[0] ?? '')?.[1]);
    expect(Math.min(...sizes(bytes, pages))).toBeGreaterThanOrEqual(12 - 0.05);
    expect(figures(bytes)).toEqual(figures(new Uint8Array(readFileSync(std))));
    expect(pdftotext(bytes)).toContain('Benefit Estimate Statement');
  });

  describe('--db --member --large-print', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = openTestApp({ prefix: 'large-print-cli-' });
      await seedSmith(t);
      t.app.close();
    });
    afterAll(() => {
      try {
        t.close();
      } catch {
        /* closed above */
      }
    });

    it('the stored member\'s appointment packet in large print, the same figures', async () => {
      const env = { MOSERS_PASSPHRASE: TEST_PASSPHRASE };
      const large = join(t.dir, 'large.pdf');
      const std = join(t.dir, 'standard.pdf');
      const r = await runCli(['--db', t.path, '--member', 'M100200', large, '--flatten', '--large-print'], env);
      expect(r.code, r.err.join('\n')).toBe(0);
      expect(r.out[0]).toMatch(/appointment packet, flattened, large print\)$/);
      expect((await runCli(['--db', t.path, '--member', 'M100200', std, '--flatten'], env)).code).toBe(0);
      const bytes = new Uint8Array(readFileSync(large));
      const pages = Number(/(\d+) pages/.exec(r.out[0] ?? '')?.[1]);
      expect(Math.min(...sizes(bytes, pages))).toBeGreaterThanOrEqual(12 - 0.05);
      expect(figures(bytes)).toEqual(figures(new Uint8Array(readFileSync(std))));
    });
  });
});
