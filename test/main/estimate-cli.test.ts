// The machine interface of CASE-FORMAT: `npm run --silent estimate -- CASE.json`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEstimate } from '../../main/cli/estimate';
import { estimateSchema } from '../../shared/domain/estimate-schema';
import { makeCase } from '../fixtures/cases';

const dir = mkdtempSync(join(tmpdir(), 'estimate-cli-'));
let n = 0;
function caseFile(content: unknown): string {
  const file = join(dir, `case-${n++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
function run(content: unknown): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runEstimate([caseFile(content)], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out, err };
}

describe('estimate CLI (CASE-FORMAT)', () => {
  it('prints only the estimate JSON and exits 0 through npm run --silent', () => {
    const file = caseFile(makeCase());
    const p = spawnSync('npm', ['run', '--silent', 'estimate', '--', file], { encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'silent' } });
    expect(p.status).toBe(0);
    const est = estimateSchema.parse(JSON.parse(p.stdout));
    expect(est.results[0]?.baseBenefit).toBe('2231.25'); // BEN-1: 5,000 × 0.017 × 315 / 12
  });
  it('exits 2 with one path: message line per problem and prints nothing on stdout (npm run)', () => {
    const file = caseFile(makeCase({ retirementDate: '2027-06-15', member: { lastDayWorked: '2027-07-01' } }));
    const p = spawnSync('npm', ['run', '--silent', 'estimate', '--', file], { encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'silent' } });
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    const lines = p.stderr.split('\n').filter((l) => /^[a-zA-Z]/.test(l) && !l.startsWith('npm'));
    expect(lines).toEqual(['retirementDate: must be the first day of a month', 'member.lastDayWorked: must be before retirementDate (DATE-2)']);
  });
  it('names the path of a bad history amount (pay.history[3].amount)', () => {
    const c = makeCase();
    (c.pay.history as { month: string; amount: string }[])[3]!.amount = '5210.005';
    const r = run(c);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual(['pay.history[3].amount: must be a decimal string with at most two places']);
  });
  it('refuses a repeated history month, a month at or after R, a missing FAP and an unknown basis', () => {
    const c = makeCase({ actuarialBasis: 'NO-SUCH-BASIS' });
    const h = c.pay.history as { month: string; amount: string }[];
    h.push({ month: h[0]!.month, amount: '1.00' }, { month: '2027-06', amount: '1.00' });
    const r = run(c);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      'pay.history[36].month: repeats the month of pay.history[0]',
      "pay.history[37].month: must be before the retirement date's month",
      'actuarialBasis: unknown basis id "NO-SUCH-BASIS": use one that npm run cli -- basis list shows, or leave it out for the default basis',
    ]);
    const none = run(makeCase({ pay: { history: [], finalAveragePay: null } }));
    expect(none.err).toEqual(['pay.finalAveragePay: is required when pay.history is empty (FAP-3)']);
  });
  it('refuses a BackDROP period that is not allowed (BD-2)', () => {
    const r = run(makeCase({ backdrop: { months: 48 } }));
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['backdrop.months: must be an allowed BackDROP period (BD-2): 12, 24, 28']);
  });
  it('refuses wrong types, missing fields and unknown fields by path', () => {
    const c = makeCase() as unknown as Record<string, Record<string, unknown>>;
    delete c.member!.birthDate;
    c.service!.earnedMonths = '301';
    c.retirmentDate = {} as Record<string, unknown>;
    const r = run(c);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['member.birthDate: is required', 'service.earnedMonths: must be a whole number of months', 'retirmentDate: is not a field of the case format']);
  });
  it('refuses a file that is not JSON, or missing, with a message naming the file', () => {
    const bad = run('{ "formatVersion": 1,');
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/case-\d+\.json: not valid JSON/);
    const err: string[] = [];
    expect(runEstimate([join(dir, 'missing.json')], { stdout: () => undefined, stderr: (s) => err.push(s) })).toBe(2);
    expect(err[0]).toMatch(/missing\.json: cannot read the case file \(ENOENT\)/);
  });
});
