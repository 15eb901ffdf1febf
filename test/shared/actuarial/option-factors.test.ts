import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alphaBeta12,
  annuityDue12,
  annuityDueAnnual,
  createOptionFactors,
  Decimal,
  formulaTable,
  getShippedBasis,
  jointSurvival,
  jointSurvivorFactor,
  monthlySurvival,
  optionFactors,
  parseBasis,
  SHIPPED_BASIS_IDS,
  tableResolver,
} from '../../../shared/actuarial';
import type { AgeYM, FormulaTableId } from '../../../shared/actuarial';
import { importedTables, pubgBasis, readFixture } from './fixtures';
import { refFactors, refReadQ, refReadScale } from './reference-engine';

// RULES.md OPT-5 factors on a BASIS.md basis.

const sult7 = getShippedBasis('ILLUSTRATIVE-SULT-7');
const age = (years: number, months = 0): AgeYM => ({ years, months });
const ageArb = (min: number, max: number) => fc.record({ years: fc.integer({ min, max }), months: fc.integer({ min: 0, max: 11 }) });

describe('optionFactors (the rule engine API)', () => {
  it('OPT-5 without a spouse: J&S factors are null, certain-and-life factors present', () => {
    const f = optionFactors({ basis: sult7, memberAge: age(60, 4), spouseAge: null, startYear: 2026 });
    expect([f.js50, f.js100]).toEqual([null, null]);
    expect([f.c60, f.c120, f.c180].every((c) => c.gt(0) && c.lt(1))).toBe(true);
  });
  it('OPT-2 J&S factors are the pop-up ones', () => {
    const f = optionFactors({ basis: sult7, memberAge: age(62, 3), spouseAge: age(59, 9), startYear: 2026 });
    const t = formulaTable('SULT');
    const rate = new Decimal('0.07');
    const px = monthlySurvival(t, age(62, 3));
    const py = monthlySurvival(t, age(59, 9));
    const a = { x: annuityDue12(px, rate), y: annuityDue12(py, rate), xy: annuityDue12(jointSurvival(px, py), rate) };
    expect(f.js50?.minus(jointSurvivorFactor(a, '0.5', true)).abs().lt('1e-30')).toBe(true);
    expect(f.js100?.minus(jointSurvivorFactor(a, 1, true)).abs().lt('1e-30')).toBe(true);
  });
  it('cache: the same request returns the cached result; the start year only matters for generational bases', () => {
    const req = { basis: sult7, memberAge: age(61, 1), spouseAge: age(57, 2), startYear: 2026 };
    const first = optionFactors(req);
    expect(optionFactors({ ...req, memberAge: age(61, 1) })).toBe(first);
    expect(optionFactors({ ...req, startYear: 2031 })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const generational = createOptionFactors(tableResolver(importedTables()));
    const g = { ...req, basis: pubgBasis() };
    expect(generational(g)).toBe(generational(g));
    expect(generational({ ...g, startYear: 2031 })).not.toBe(generational(g));
  });
  it('cache: a cached call takes well under 1 ms', () => {
    const req = { basis: sult7, memberAge: age(63, 7), spouseAge: age(60, 1), startYear: 2026 };
    optionFactors(req);
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) optionFactors(req);
    expect((performance.now() - t0) / 1000).toBeLessThan(0.1);
  });
  it('bad requests are refused: months 12, fractional start year, age beyond the table, unresolved table', () => {
    expect(() => optionFactors({ basis: sult7, memberAge: age(60, 12), spouseAge: null, startYear: 2026 })).toThrow(RangeError);
    expect(() => optionFactors({ basis: sult7, memberAge: age(60), spouseAge: null, startYear: 2026.5 })).toThrow(/startYear/);
    expect(() => optionFactors({ basis: sult7, memberAge: age(121), spouseAge: null, startYear: 2026 })).toThrow(/outside/);
    expect(() => optionFactors({ basis: pubgBasis(), memberAge: age(65), spouseAge: null, startYear: 2026 })).toThrow(/unknown table "PubG-2010-M"/);
  });
});

describe('generational basis: PubG-2010 (t3399/t3400) with MP-2020 (t3609/t3610)', () => {
  const engine = createOptionFactors(tableResolver(importedTables()));
  const ref = {
    'PubG-2010-M': refReadQ(readFixture('t3400')),
    'PubG-2010-F': refReadQ(readFixture('t3399')),
    'MP-2020-M': refReadScale(readFixture('t3610')),
    'MP-2020-F': refReadScale(readFixture('t3609')),
  };
  it('BASIS generational J&S: member 65y3m, spouse 62y8m, R in 2026 — matches the second implementation to 1e-9', () => {
    const f = engine({ basis: pubgBasis(), memberAge: age(65, 3), spouseAge: age(62, 8), startYear: 2026 });
    const r = refFactors(pubgBasis(), ref, age(65, 3), age(62, 8), 2026);
    expect(f.js50?.toNumber()).toBeCloseTo(r.js50 ?? NaN, 9);
    expect(f.js100?.toNumber()).toBeCloseTo(r.js100 ?? NaN, 9);
    expect([f.c60, f.c120, f.c180].map((d) => d.toNumber())).toEqual([r.c60, r.c120, r.c180].map((n) => expect.closeTo(n, 9)));
  });
  it('BASIS static projection (to 2030) also matches the second implementation to 1e-9', () => {
    const f = engine({ basis: pubgBasis('static'), memberAge: age(66, 11), spouseAge: age(70, 5), startYear: 2040 });
    const r = refFactors(pubgBasis('static'), ref, age(66, 11), age(70, 5), 2040);
    expect([f.js50, f.js100, f.c120].map((d) => d?.toNumber())).toEqual([r.js50, r.js100, r.c120].map((n) => expect.closeTo(n ?? NaN, 9)));
  });
  it('BASIS generational: agrees with the second implementation on random ages and start years (fast-check, 15 runs)', () => {
    fc.assert(
      fc.property(ageArb(50, 80), ageArb(50, 85), fc.integer({ min: 2015, max: 2045 }), (x, y, year) => {
        const f = engine({ basis: pubgBasis(), memberAge: x, spouseAge: y, startYear: year });
        const r = refFactors(pubgBasis(), ref, x, y, year);
        expect(Math.abs((f.js50?.toNumber() ?? NaN) - (r.js50 ?? NaN))).toBeLessThan(1e-9);
        expect(Math.abs((f.js100?.toNumber() ?? NaN) - (r.js100 ?? NaN))).toBeLessThan(1e-9);
        expect(Math.abs(f.c180.toNumber() - r.c180)).toBeLessThan(1e-9);
      }),
      { numRuns: 15 },
    );
  });
});

describe('BASIS.md properties that must always hold (fast-check)', () => {
  const basisArb = fc.constantFrom(...SHIPPED_BASIS_IDS).map(getShippedBasis);
  const memberArb = ageArb(45, 80);
  const spouseArb = ageArb(40, 85);
  const values = (id: FormulaTableId, rate: Decimal, x: AgeYM, y: AgeYM) => {
    const t = formulaTable(id);
    const px = monthlySurvival(t, x);
    const py = monthlySurvival(t, y);
    return { x: annuityDue12(px, rate), y: annuityDue12(py, rate), xy: annuityDue12(jointSurvival(px, py), rate) };
  };

  it('BASIS J&100 < J&50 < 1, and pop-up < no pop-up', () => {
    fc.assert(
      fc.property(basisArb, memberArb, spouseArb, (basis, x, y) => {
        const a = values(basis.member.table as FormulaTableId, new Decimal(basis.interestRate), x, y);
        for (const popUp of [true, false]) {
          const [j50, j100] = [jointSurvivorFactor(a, '0.5', popUp), jointSurvivorFactor(a, 1, popUp)];
          expect(j100.lt(j50) && j50.lt(1)).toBe(true);
        }
        expect(jointSurvivorFactor(a, '0.5', true).lt(jointSurvivorFactor(a, '0.5', false))).toBe(true);
        expect(jointSurvivorFactor(a, 1, true).lt(jointSurvivorFactor(a, 1, false))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
  it('BASIS C180 < C120 < C60 < 1', () => {
    fc.assert(
      fc.property(basisArb, memberArb, (basis, x) => {
        const f = optionFactors({ basis, memberAge: x, spouseAge: null, startYear: 2026 });
        expect(f.c180.lt(f.c120) && f.c120.lt(f.c60) && f.c60.lt(1)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
  it('BASIS the J&S factor rises as the spouse gets older (one month and one year older)', () => {
    fc.assert(
      fc.property(basisArb, memberArb, spouseArb, (basis, x, y) => {
        const at = (s: AgeYM) => optionFactors({ basis, memberAge: x, spouseAge: s, startYear: 2026 });
        const older = [y.months === 11 ? age(y.years + 1, 0) : age(y.years, y.months + 1), age(y.years + 1, y.months)];
        for (const o of older) {
          expect(at(o).js50?.gt(at(y).js50 ?? 1)).toBe(true);
          expect(at(o).js100?.gt(at(y).js100 ?? 1)).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });
  it('BASIS at integer ages the single-life monthly sum equals α(12)·ä − β(12) under UDD', () => {
    fc.assert(
      fc.property(fc.constantFrom<FormulaTableId>('SULT', 'ILT'), fc.integer({ min: 20, max: 110 }), fc.integer({ min: 1, max: 1200 }), (id, x, bp) => {
        const rate = new Decimal(bp).div(10_000);
        const t = formulaTable(id);
        const { alpha, beta } = alphaBeta12(rate);
        const monthly = annuityDue12(monthlySurvival(t, age(x)), rate);
        expect(monthly.minus(alpha.times(annuityDueAnnual(t, x, rate)).minus(beta)).abs().lt('1e-30')).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
  it('BASIS COLA folded in: i = 6.08% with c = 2% prices exactly as a 4% basis, since 1.0608/1.02 = 1.04', () => {
    const plain = JSON.parse(JSON.stringify(sult7)) as Record<string, unknown>;
    const withCola = parseBasis({ ...plain, id: 'SULT-6.08-COLA-2', interestRate: '0.0608', colaRate: '0.02' });
    const at4 = parseBasis({ ...plain, id: 'SULT-4', interestRate: '0.04' });
    const req = { memberAge: age(62, 5), spouseAge: age(60, 2), startYear: 2026 };
    const [a, b] = [optionFactors({ ...req, basis: withCola }), optionFactors({ ...req, basis: at4 })];
    for (const k of ['js50', 'js100', 'c60', 'c120', 'c180'] as const) expect(a[k]?.minus(b[k] ?? 0).abs().lt('1e-30')).toBe(true);
  });
});
