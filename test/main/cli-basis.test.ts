// Storing actuarial bases and imported tables in the caseload (BASIS.md "Importer"), and using them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../main/app';
import { runCli } from '../../main/cli/cli';
import { makeCase } from '../fixtures/cases';
import { pubgBasis, TABLES_DIR } from '../shared/actuarial/fixtures';

const table = (id: string) => fileURLToPath(new URL(`${id}.xml`, TABLES_DIR));

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // These caseloads are plain on purpose (openApp(db) reads them back without a key): --plain,
  // and its warning on stderr is checked in test/main/caseload/create.test.ts.
  const code = runCli([...args, '--plain'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: {} });
  return { code, out: out.join('').split('\n').filter(Boolean), err: err.join('').split('\n').filter((l) => l && !l.includes('as --plain asks')) };
}

describe('basis import-table, add and list', () => {
  it('stores PubG-2010 and MP-2020 tables and a generational basis on them; estimates select it by id (OPT-5)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-basis-'));
    const db = join(dir, 'c.db');
    for (const [id, ref] of [['t3400', 'PubG-2010-M'], ['t3399', 'PubG-2010-F'], ['t3610', 'MP-2020-M'], ['t3609', 'MP-2020-F']] as const) {
      expect(cli(['basis', 'import-table', table(id), '--as', ref, '--db', db])).toMatchObject({ code: 0, out: [expect.stringMatching(new RegExp(`^Table ${ref} stored`))] });
    }
    const basisFile = join(dir, 'basis.json');
    writeFileSync(basisFile, JSON.stringify(pubgBasis('generational')));
    expect(cli(['basis', 'add', basisFile, '--db', db]).out).toEqual(['Basis PUBG-MP2020-GENERATIONAL version 1 stored. Estimates select it with "actuarialBasis": "PUBG-MP2020-GENERATIONAL".']);
    const list = cli(['basis', 'list', '--db', db]).out;
    expect(list.filter((l) => l.includes('shipped'))).toHaveLength(3);
    expect(list.some((l) => /^PUBG-MP2020-GENERATIONAL +v1 +stored/.test(l))).toBe(true);
    expect(list.filter((l) => l.startsWith('table '))).toHaveLength(4);

    const app = openApp(db);
    try {
      const r = app.services.estimates.computeCase({ ...makeCase(), actuarialBasis: 'PUBG-MP2020-GENERATIONAL' });
      const js100 = r.results[0]!.options.find((o) => o.code === 'JS100')!;
      expect(js100.basis).toBe('PUBG-MP2020-GENERATIONAL');
      expect(Number(js100.factor)).toBeGreaterThan(0.8);
      expect(Number(js100.factor)).toBeLessThan(1);
    } finally {
      app.close();
    }
  });

  it('refuses a second table under the same reference, bad XTbML, and a basis naming a table not stored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-basis-'));
    const db = join(dir, 'c.db');
    cli(['basis', 'import-table', table('t3400'), '--as', 'PubG-2010-M', '--db', db]);
    const again = cli(['basis', 'import-table', table('t3400'), '--as', 'PubG-2010-M', '--db', db]);
    expect(again.code).toBe(2);
    expect(again.err[0]).toMatch(/already stored as PubG-2010-M/);
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<XTbML><ContentClassification></XTbML>');
    const badRun = cli(['basis', 'import-table', bad, '--as', 'Bad', '--db', db]);
    expect(badRun.code).toBe(2);
    expect(badRun.err[0]).toMatch(/^The table is not valid XTbML: /);
    const basisFile = join(dir, 'basis.json');
    writeFileSync(basisFile, JSON.stringify(pubgBasis('generational')));
    const missing = cli(['basis', 'add', basisFile, '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/^The basis cannot be built: .*(PubG-2010-F|MP-2020).*Import its tables first/);
  });
});
