// Issue 12 item 7: the member's Benefit Estimate Statement speaks plain words: no rule ids, no
// basis ids, no engine codes ("AGE_60_15", "62y2m", "not-eligible"). The derivation with rule ids
// and notes is on the Counselor Worksheet (its own title), which the counselor can add.
import { describe, expect, it } from 'vitest';
import { NORMAL_RULES } from '../../../shared/domain/estimate-schema';
import type { DocumentRange } from '../../../main/pdf/context';
import { buildEstimateAndElection, buildPacket } from '../../../main/pdf/packet';
import { EXAMPLE_NAMES, richInput } from './fixtures';
import { flat, pdftotext } from './poppler';

const RULE_ID = /\b(DATE|PLAN|SVC|ELIG|FAP|BEN|OPT|COLA|BD|SURV|PROC|FORM)-\d+\b/;
const AGE_CODE = /\b\d+y\d+m\b/;
const PLAN_CODE = /\bMSEP20(00|11)\b/;

function textOf(bytes: Uint8Array, docs: DocumentRange[], kind: DocumentRange['kind']): string {
  const pages = pdftotext(bytes).split('\f').map(flat);
  const d = docs.find((x) => x.kind === kind);
  return d ? pages.slice(d.firstPage - 1, d.lastPage).join(' ') : '';
}

describe.each(EXAMPLE_NAMES)('%s', (name) => {
  it('the statement carries no rule id, basis id or engine code', async () => {
    const input = richInput(name);
    const r = await buildPacket(input);
    const statement = textOf(r.bytes, r.documents, 'estimate');
    expect(statement.length).toBeGreaterThan(1000);
    expect(statement).not.toMatch(RULE_ID);
    expect(statement).not.toMatch(AGE_CODE);
    expect(statement).not.toMatch(PLAN_CODE);
    expect(statement).not.toContain('not-eligible');
    for (const code of NORMAL_RULES) expect(statement).not.toContain(code);
    const bases = new Set(input.estimate.results.flatMap((res) => [...res.options, ...res.backdrop.periods.flatMap((p) => p.options)].map((o) => o.basis)));
    for (const b of bases) if (b !== 'plan' && b !== 'statute') expect(statement, b).not.toContain(b);
    // Plain words instead: the age and the normal rule.
    const res = input.estimate.results[0]!;
    expect(statement).toContain(`${res.ageAtRetirement.years} years ${res.ageAtRetirement.months} month`);
    // No worksheet unless asked for.
    expect(r.documents.some((d) => d.kind === 'worksheet')).toBe(false);
  });

  it('the counselor worksheet, when added, keeps every rule id, note and basis', async () => {
    const input = richInput(name);
    const r = await buildEstimateAndElection(input, { worksheet: true });
    expect(r.documents.map((d) => d.kind)).toContain('worksheet');
    const sheet = textOf(r.bytes, r.documents, 'worksheet');
    expect(sheet).toContain('Counselor Worksheet: How the Figures Were Derived');
    for (const res of input.estimate.results) {
      for (const n of [...res.trace, ...res.notes]) expect(sheet).toContain(n.rule);
      for (const o of res.options) expect(sheet).toContain(o.basis);
      expect(sheet).toContain(res.status);
    }
  });
});
