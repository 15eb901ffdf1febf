// Every estimate the engine makes passes its own output schema (estimateSchema), at the input
// schema's limits: dates from 1800 to 2200, up to 900 months of each kind of service, 200,000 sick
// hours, 9-digit pay. Where a limit cannot give a valid estimate, the input is refused by field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, firstOfMonth, formatDate, formatMonth, fromDayNumber, monthFromIndex, monthIndex, monthOf, parseDate } from '../../../shared/calc/dates';
import { estimateFromInput, type PricerSource } from '../../../shared/calc/run';
import type { CaseInput } from '../../../shared/domain/case-schema';
import { estimateSchema } from '../../../shared/domain/estimate-schema';
import { makeCase } from '../../fixtures/cases';

const NO_PRICER: PricerSource = { isKnown: () => false, pricerFor: () => null };
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.PROPERTY_RUNS_SCALE ?? '1')));
const dn = (s: string) => dayNumber(parseDate(s));
const dayIn = (from: string, to: string) => fc.integer({ min: dn(from), max: dn(to) }).map(fromDayNumber);
/** Mostly at the ends of a range, sometimes anywhere in it. */
const edgy = (min: number, max: number) =>
  fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max: Math.min(max, min + 3) }), fc.integer({ min: Math.max(min, max - 3), max }), fc.integer({ min, max }));

const caseAtLimits = fc
  .record({
    birth: fc.oneof(dayIn('1800-01-01', '1800-12-31'), dayIn('2099-01-01', '2200-12-31'), dayIn('1800-01-01', '2200-12-31')),
    hireAfterDays: fc.integer({ min: 1, max: 40_000 }),
    rAfterMonths: fc.integer({ min: 1, max: 1200 }),
    left: fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: null }),
    earned: edgy(0, 900),
    purchased: edgy(0, 900),
    transferred: edgy(0, 900),
    sick: edgy(0, 200_000),
    fap: fc.constantFrom('0.01', '999999999.99', '5000.00'),
    historyMonths: fc.integer({ min: 0, max: 40 }),
    backdrop: fc.option(fc.constantFrom(12, 24, 36, 48, 60), { nil: null }),
    spouse: fc.option(fc.integer({ min: -30_000, max: 30_000 }), { nil: null }),
    plan: fc.option(fc.constantFrom('MSEP' as const, 'MSEP2000' as const, 'MSEP2011' as const), { nil: null }),
    // TAX-2 / CONTRIB-1: the extensions at their limits too.
    elections: fc.option(
      fc.record({
        filingStatus: fc.constantFrom('single' as const, 'married' as const, 'head' as const),
        money: fc.constantFrom('0', '999999999.99', '12.34'),
        noWithholding: fc.boolean(),
        // TAX-1: no MO W-4P, line 1, or line 2 at its limits
        missouri: fc.constantFrom(null, { noWithholding: true }, { monthlyAmount: '10.00', filingStatus: 'head' as const }, { monthlyAmount: '999999999.99' }),
      }),
      { nil: null },
    ),
    contributions: fc.option(fc.record({ onFile: fc.constantFrom('0', '999999999.99'), back: fc.integer({ min: 0, max: 1200 }) }), { nil: null }),
  })
  .map((g): CaseInput | null => {
    const hire = addDays(g.birth, g.hireAfterDays);
    if (hire.y > 2200) return null;
    const rIdx = Math.min(monthIndex(monthOf(hire)) + g.rAfterMonths, monthIndex({ y: 2200, m: 12 }));
    const r = firstOfMonth(monthFromIndex(rIdx));
    if (dayNumber(r) <= dayNumber(hire)) return null;
    const left = g.left === null ? null : addDays(hire, g.left);
    const lastDay = left && dayNumber(left) < dayNumber(r) ? left : null;
    const statement = formatDate(addDays(r, -1));
    const history = Array.from({ length: g.historyMonths }, (_, k) => ({ month: formatMonth(monthFromIndex(rIdx - 1 - k)), amount: g.fap }));
    const spouseBirth = g.spouse === null ? null : addDays(g.birth, g.spouse);
    return makeCase({
      asOf: statement,
      retirementDate: formatDate(r),
      member: { birthDate: formatDate(g.birth), firstEmploymentDate: formatDate(hire), lastDayWorked: lastDay ? formatDate(lastDay) : null, plan: g.plan },
      spouse: spouseBirth && spouseBirth.y >= 1800 && dayNumber(spouseBirth) < dayNumber(r) ? { birthDate: formatDate(spouseBirth) } : null,
      service: { asOf: statement, earnedMonths: g.earned, purchasedMonths: g.purchased, transferredMonths: g.transferred, sickLeaveHours: g.sick },
      pay: { finalAveragePay: g.historyMonths === 0 || g.fap === '5000.00' ? g.fap : null, history },
      backdrop: g.backdrop === null ? null : { months: g.backdrop },
      elections: g.elections && {
        federal: { filingStatus: g.elections.filingStatus, step2Income: g.elections.money, noWithholding: g.elections.noWithholding, credits: g.elections.money, otherIncome: g.elections.money, deductions: g.elections.money, extraWithholding: g.elections.money },
        missouri: g.elections.missouri,
        premiums: { optionalLife: g.elections.money, dependentChildLife: true, health: g.elections.money },
      },
      contributions: g.contributions && { onFile: g.contributions.onFile, fromMonth: formatMonth(monthFromIndex(Math.max(monthIndex({ y: 1800, m: 1 }), rIdx - 1 - g.contributions.back))) },
    });
  })
  .filter((c): c is CaseInput => c !== null);

describe('CASE-FORMAT limits: the engine\'s estimate passes its own schema', () => {
  const latest = (over: Partial<{ r: string; birth: string }> = {}) =>
    makeCase({
      asOf: '2200-09-30',
      retirementDate: over.r ?? '2200-10-01',
      member: { birthDate: over.birth ?? '2100-12-31', firstEmploymentDate: '2190-01-02' },
      spouse: null,
      service: { asOf: '2200-09-30', earnedMonths: 58, sickLeaveHours: 0 },
      pay: { finalAveragePay: '5000.00', history: [] },
    });
  it('PROC-4 / ELIG-6 at the latest limits: R 2200-10-01 voids 2200-12-30; a member born 2100-12-31 has F at 100, 2200-12-01', () => {
    const r = estimateFromInput(latest(), NO_PRICER);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(estimateSchema.safeParse(r.value).success).toBe(true);
    expect(r.value.results[0]!.deadlines.voidAfter).toBe('2200-12-30');
    // MSEP 2011: 58 months on 2200-09-30 vest with the month ends of October and November: F = 2200-12-01 (AGE_67_5), at 99y11m.
    expect(r.value.results[0]!.firstNormalRetirementDate).toBe('2200-12-01');
  });
  it('a retirement date after 2200-10-01, or a birth after 2100-12-31, is refused by field (its estimate would hold dates after 2200)', () => {
    const r = estimateFromInput(latest({ r: '2200-11-01' }), NO_PRICER);
    expect(r.ok ? [] : r.issues).toEqual([{ path: 'retirementDate', message: 'must be on or before 2200-10-01 (the application is void 90 days after it, and dates end in 2200)' }]);
    const b = estimateFromInput(latest({ birth: '2101-01-01' }), NO_PRICER);
    expect(b.ok ? [] : b.issues).toEqual([{ path: 'member.birthDate', message: 'must be on or before 2100-12-31 (retirement dates are looked for up to age 100, and dates end in 2200)' }]);
    const early = estimateFromInput(makeCase({ asOf: '1800-03-01', retirementDate: '1800-04-01', member: { birthDate: '1800-01-01', firstEmploymentDate: '1800-02-01' }, spouse: null, service: { asOf: '1800-03-01' }, pay: { finalAveragePay: '1.00', history: [] } }), NO_PRICER);
    expect(early.ok ? [] : early.issues).toEqual([{ path: 'retirementDate', message: 'must be on or after 1800-05-01 (the application may be filed 4 months before it)' }]);
  });
  it('property: a valid case at the limits gives an estimate estimateSchema accepts, or a refusal by field; never a throw', () => {
    let estimates = 0;
    fc.assert(
      fc.property(caseAtLimits, (raw) => {
        const r = estimateFromInput(raw, NO_PRICER);
        if (!r.ok) {
          for (const i of r.issues) expect(i.message).toMatch(/^[a-z"(]/);
          return;
        }
        estimates++;
        const parsed = estimateSchema.safeParse(JSON.parse(JSON.stringify(r.value)));
        expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
      }),
      { numRuns: runs(300) },
    );
    expect(estimates).toBeGreaterThan(30);
  });
});
