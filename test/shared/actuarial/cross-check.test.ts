import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optionFactors, parseBasis } from '../../../shared/actuarial';
import type { Basis } from '../../../shared/actuarial';
import { REF_FORMULAS, refFactors } from './reference-engine';

// BASIS.md cross-check: a second implementation in plain JS numbers agrees with the decimal engine to 1e-9.

const pct = (n: number, scale: number) => (n / scale).toFixed(Math.log10(scale));

const mortalityArb = fc.record({
  table: fc.oneof(
    fc.constantFrom('SULT', 'ILT'),
    fc.integer({ min: 0, max: 100 }).map((w) => ({ male: 'ILT', female: 'SULT', maleWeight: pct(w, 100) })),
  ),
  multiplier: fc.integer({ min: 80, max: 120 }).map((k) => pct(k, 100)),
  setback: fc.integer({ min: -3, max: 3 }),
});

const basisArb = fc
  .record({
    bp: fc.integer({ min: 100, max: 1000 }),
    cola: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
    member: mortalityArb,
    beneficiary: mortalityArb,
  })
  .map(({ bp, cola, member, beneficiary }): Basis =>
    parseBasis({
      id: 'RANDOM',
      name: 'random basis',
      version: 1,
      effectiveDate: '2026-01-01',
      source: 'fast-check',
      interestRate: pct(bp, 10_000),
      ...(cola === undefined ? {} : { colaRate: pct(cola, 10_000) }),
      member: { ...member, improvement: { projection: 'none' } },
      beneficiary: { ...beneficiary, improvement: { projection: 'none' } },
      timing: 'monthly-annuity-due',
      fractionalAges: 'udd',
      popUp: true,
    }),
  );

const ageArb = (min: number, max: number) => fc.record({ years: fc.integer({ min, max }), months: fc.integer({ min: 0, max: 11 }) });

describe('decimal engine vs plain-number second implementation', () => {
  it('BASIS cross-check: every factor agrees to 1e-9 on random ages, rates, COLA, blends, k and s (fast-check, 50 runs)', () => {
    let run = 0;
    fc.assert(
      fc.property(basisArb, ageArb(45, 80), fc.option(ageArb(40, 85), { nil: null }), (b, x, y) => {
        // A fresh id per run: the result cache is keyed by id and version.
        const basis = parseBasis({ ...JSON.parse(JSON.stringify(b)), id: `RANDOM-${run++}` });
        const f = optionFactors({ basis, memberAge: x, spouseAge: y, startYear: 2026 });
        const r = refFactors(basis, REF_FORMULAS, x, y, 2026);
        const got = [f.js50, f.js100, f.c60, f.c120, f.c180].map((d) => d?.toNumber() ?? null);
        const want = [r.js50, r.js100, r.c60, r.c120, r.c180];
        got.forEach((g, i) => {
          const w = want[i] ?? null;
          if (w === null || g === null) expect(g).toBe(w);
          else expect(Math.abs(g - w)).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 50 },
    );
  });
  it('BASIS cross-check: the reference reproduces the ILT 6% regression values (65, 62) to 1e-6', () => {
    const basis = parseBasis({
      id: 'ILT-6-REF', name: 'ILT 6%', version: 1, effectiveDate: '2026-01-01', source: 'BASIS.md', interestRate: '0.06',
      member: { table: 'ILT', multiplier: '1', setback: 0, improvement: { projection: 'none' } },
      beneficiary: { table: 'ILT', multiplier: '1', setback: 0, improvement: { projection: 'none' } },
      timing: 'monthly-annuity-due', fractionalAges: 'udd', popUp: true,
    });
    const r = refFactors(basis, REF_FORMULAS, { years: 65, months: 0 }, { years: 62, months: 0 }, 2026);
    expect([r.ax, r.ay, r.axy, r.js50NoPopUp, r.js50, r.js100NoPopUp, r.js100, r.c60, r.c120, r.c180].map((v) => v?.toFixed(6))).toEqual([
      '9.431589', '10.193238', '7.762646', '0.885854', '0.864635', '0.795097', '0.761549', '0.975770', '0.915943', '0.841795',
    ]);
  });
});
