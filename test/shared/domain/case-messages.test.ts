// CASE-FORMAT: every refusal is `path: message`, naming the field and saying in words what it must be.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../../../shared/domain/validate';
import { makeCase } from '../../fixtures/cases';

/** The case with the value at a dot path (array indexes as numbers) replaced. */
function withValue(path: string, value: unknown): unknown {
  const c = JSON.parse(JSON.stringify(makeCase({ backdrop: { months: 12 }, colaRates: { '2025': '0.02' } }))) as Record<string, unknown>;
  const keys = path.split('.');
  let o = c as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys.at(-1)!] = value;
  return c;
}
const messages = (raw: unknown) => {
  const r = parseCase(raw, () => true);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

// Zod's own wording, which a counselor should never read.
const ZOD_WORDS = /Invalid|expected [a-z]+, received|Too (small|big)|[<>]=|Unrecognized|received [a-z]+|Expected/;

const FIELDS = [
  'formatVersion', 'asOf', 'retirementDate', 'member', 'member.name', 'member.memberId', 'member.birthDate', 'member.firstEmploymentDate',
  'member.leftBeforeVestingAndReturned', 'member.returnedAfterBuyout', 'member.lastDayWorked', 'member.plan', 'spouse', 'spouse.birthDate', 'spouse.name',
  'service', 'service.asOf', 'service.earnedMonths', 'service.purchasedMonths', 'service.transferredMonths', 'service.sickLeaveHours',
  'pay', 'pay.finalAveragePay', 'pay.history', 'pay.history.0', 'pay.history.0.month', 'pay.history.0.amount', 'pay.projection',
  'backdrop', 'backdrop.months', 'colaRates', 'colaRates.2025', 'colaAssumption', 'actuarialBasis',
];

describe('CASE-FORMAT: refusals in words', () => {
  it.each([
    ['member.leftBeforeVestingAndReturned', 'yes', 'member.leftBeforeVestingAndReturned: must be true or false'],
    ['member.returnedAfterBuyout', 1, 'member.returnedAfterBuyout: must be true or false'],
    ['member.name', '', 'member.name: must not be empty'],
    ['member.name', 'x'.repeat(201), 'member.name: must be at most 200 characters'],
    ['member.plan', 'MSEP2001', 'member.plan: must be one of "MSEP", "MSEP2000" or "MSEP2011", or null'],
    ['spouse', 5, 'spouse: must be an object with the spouse\'s fields, or null'],
    ['pay.history', {}, 'pay.history: must be a list of { month, amount }'],
    ['backdrop.months', '12', 'backdrop.months: must be a whole number of months'],
    ['backdrop.months', 0, 'backdrop.months: must be at least 12 (BD-2)'],
    ['colaRates', [], 'colaRates: must be an object of calendar years and rates, such as { "2025": "0.02359" }'],
    ['actuarialBasis', '', 'actuarialBasis: must not be empty'],
  ])('%s = %j is refused as "%s"', (path, value, expected) => {
    expect(messages(withValue(path, value))).toEqual([expected]);
  });
  it('a year key in colaRates that is not a year names the key', () => {
    const c = withValue('colaRates', { '20x5': '0.01' });
    expect(messages(c)).toEqual(['colaRates.20x5: must be a calendar year YYYY']);
  });
  it('a case that is not an object says what it must be', () => {
    expect(messages('case')).toEqual(['(root): must be a case object (CASE-FORMAT)']);
  });
  it('property: any wrong value at any field gives a field path and words, never zod\'s own wording', () => {
    const wrong = fc.oneof(
      fc.string({ maxLength: 5 }),
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noNaN: false }),
      fc.boolean(),
      fc.constant(null),
      fc.constant({}),
      fc.constant([]),
      fc.constant({ x: 1 }),
      fc.constant(['x']),
    );
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), wrong, (path, value) => {
        for (const m of messages(withValue(path, value))) {
          expect(m, `${path} = ${JSON.stringify(value)}`).not.toMatch(ZOD_WORDS);
          expect(m).toMatch(/^[a-zA-Z][\w.[\]]*: [a-z"(]/);
        }
      }),
      { numRuns: 600 },
    );
  });
});
