import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  annuityDue12,
  buildMortality,
  certainAndLifeFactor,
  certainAnnuityDue12,
  Commutation,
  createOptionFactors,
  Decimal,
  deferredLifeAnnuityDue12,
  discountedTerms,
  formulaTable,
  getShippedBasis,
  jointAnnuityDue12,
  jointAnnuityDue12Direct,
  JointDiagonal,
  jointSurvival,
  jointSurvivorFactor,
  lifeAnnuityDue12,
  monthlySurvival,
  monthOfAge,
  netInterestRate,
  parseBasis,
  pureEndowment,
  pureEndowmentAt,
  resolveFormulaTable,
  SHIPPED_BASIS_IDS,
  sumsFrom,
  tableResolver,
} from '../../../shared/actuarial';
import type { AgeYM, Basis, OptionFactors, TableResolver } from '../../../shared/actuarial';
import { importedTables, pubgBasis, readFixture } from './fixtures';
import { REF_FORMULAS, refFactors, refReadQ, refReadScale } from './reference-engine';
import type { RefTables } from './reference-engine';

// BASIS.md monthly annuity-due under UDD, valued from commutation columns: they must give what the
// month-by-month sums give.

const age = (years: number, months = 0): AgeYM => ({ years, months });
const ageArb = (min: number, max: number) => fc.record({ years: fc.integer({ min, max }), months: fc.integer({ min: 0, max: 11 }) });
const KEYS = ['js50', 'js100', 'c60', 'c120', 'c180'] as const;

/** |got − want| ≤ tol·|want|. */
function expectClose(got: Decimal | null | undefined, want: Decimal | null | undefined, tol: string, what = ''): void {
  if (got == null || want == null) {
    expect(got ?? null, what).toBe(want ?? null);
    return;
  }
  const ok = got.minus(want).abs().lte(want.abs().times(tol));
  expect(ok, `${what}: ${got.toString()} vs ${want.toString()}`).toBe(true);
}

/** The month-by-month computation the engine did before commutation columns, from survival vectors. */
function directFactors(basis: Basis, resolve: TableResolver, x: AgeYM, y: AgeYM | null, startYear: number): OptionFactors {
  const mortality = buildMortality(basis, resolve);
  const rate = netInterestRate(basis);
  const px = monthlySurvival(mortality.member.forLife(x.years, startYear), x);
  const tx = discountedTerms(px, rate);
  const [whole, d5, d10, d15] = sumsFrom(tx, [0, 60, 120, 180]);
  const ax = whole.div(12);
  const certain = (deferred: Decimal, years: number) => certainAndLifeFactor(ax, certainAnnuityDue12(years, rate), deferred.div(12));
  let js50: Decimal | null = null;
  let js100: Decimal | null = null;
  if (y) {
    const py = monthlySurvival(mortality.beneficiary.forLife(y.years, startYear), y);
    const a = { x: ax, y: annuityDue12(py, rate), xy: sumsFrom(jointSurvival(tx, py), [0])[0].div(12) };
    js50 = jointSurvivorFactor(a, '0.5', true);
    js100 = jointSurvivorFactor(a, 1, true);
  }
  return { js50, js100, c60: certain(d5, 5), c120: certain(d10, 10), c180: certain(d15, 15) };
}

function expectFactorsClose(got: OptionFactors, want: OptionFactors, tol: string, what: string): void {
  for (const k of KEYS) expectClose(got[k], want[k], tol, `${what} ${k}`);
}

function expectNearReference(got: OptionFactors, r: ReturnType<typeof refFactors>, what: string): void {
  for (const k of KEYS) {
    const g = got[k]?.toNumber() ?? null;
    const w = r[k];
    if (g === null || w === null) expect(g, `${what} ${k}`).toBe(w);
    else expect(Math.abs(g - w), `${what} ${k}`).toBeLessThan(1e-9);
  }
}

const mortalityArb = fc.record({
  table: fc.oneof(
    fc.constantFrom('SULT', 'ILT'),
    fc.integer({ min: 0, max: 100 }).map((w) => ({ male: 'ILT', female: 'SULT', maleWeight: (w / 100).toFixed(2) })),
  ),
  multiplier: fc.integer({ min: 50, max: 300 }).map((k) => (k / 100).toFixed(2)),
  setback: fc.integer({ min: -5, max: 5 }),
});

let basisCount = 0;
const formulaBasisArb = fc
  .record({ bp: fc.integer({ min: 0, max: 1200 }), cola: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }), member: mortalityArb, beneficiary: mortalityArb })
  .map(({ bp, cola, member, beneficiary }) =>
    parseBasis({
      id: `COMMUTATION-${basisCount++}`,
      name: 'random basis',
      version: 1,
      effectiveDate: '2026-01-01',
      source: 'fast-check',
      interestRate: (bp / 10_000).toFixed(4),
      // A COLA above the interest rate gives a negative net rate.
      ...(cola === undefined ? {} : { colaRate: (cola / 10_000).toFixed(4) }),
      member: { ...member, improvement: { projection: 'none' } },
      beneficiary: { ...beneficiary, improvement: { projection: 'none' } },
      timing: 'monthly-annuity-due',
      fractionalAges: 'udd',
      popUp: true,
    }),
  );

describe('commutation columns: single life', () => {
  const cases = [
    { id: 'SULT', rate: '0.07' },
    { id: 'ILT', rate: '0.06' },
    { id: 'SULT', rate: '0' },
  ] as const;
  const ages = [age(0), age(40), age(58, 6), age(65), age(77, 11), age(100, 3), age(119, 1), age(120), age(120, 11)];

  it.each(cases)('BASIS ä(12) = N/(12·D) equals the direct monthly sum to 1e-20 ($id at $rate)', ({ id, rate }) => {
    const table = formulaTable(id);
    const i = new Decimal(rate);
    const c = new Commutation(table, i);
    for (const a of ages) {
      const p = monthlySurvival(table, a);
      const m = monthOfAge(c, a);
      const what = `${id} ${a.years}y${a.months}m`;
      expectClose(lifeAnnuityDue12(c, m), annuityDue12(p, i), '1e-20', what);
      for (const n of [5, 10, 15]) {
        // nE_x·ä(12)_{x+n} and nE_x: the months from n years on; 0 past the table's end.
        expectClose(deferredLifeAnnuityDue12(c, m, n), annuityDue12(p, i, 12 * n), '1e-20', `${what} deferred ${n}`);
        expectClose(pureEndowmentAt(c, m, n), pureEndowment(p, n, i), '1e-20', `${what} ${n}E`);
      }
    }
  });
  it('BASIS columns: L(0) = 1, L(12a) = l at whole ages, L = 0 after the last age (q = 1 at 120), D = v^(m/12)·L', () => {
    const table = formulaTable('SULT');
    const c = new Commutation(table, new Decimal('0.07'));
    expect([c.L(0).toString(), c.end, c.L(c.end).toString(), c.L(c.end - 1).gt(0), c.N(c.end + 5).toString()]).toEqual(['1', 1452, '0', true, '0']);
    const p = monthlySurvival(table, age(58, 6));
    const m = monthOfAge(c, age(58, 6));
    expect(m).toBe(12 * 58 + 6);
    for (const j of [0, 1, 6, 11, 12, 100, p.length - 2]) expectClose(c.L(m + j).div(c.L(m)), p[j], '1e-35', `p at ${j}`);
    expectClose(c.D(m).div(c.L(m)), new Decimal('1.07').pow(new Decimal(-m).div(12)), '1e-35', 'v^(m/12)');
  });
  it('ages are refused as monthlySurvival refuses them', () => {
    const c = new Commutation(formulaTable('SULT'), new Decimal('0.07'));
    expect(() => monthOfAge(c, age(58, 12))).toThrow(RangeError);
    expect(() => monthOfAge(c, age(58.5))).toThrow(RangeError);
    expect(() => monthOfAge(c, age(121))).toThrow(/outside the mortality table's ages 0–120/);
  });
});

describe('commutation columns: joint life by years of age', () => {
  it('BASIS ä(12)_xy in closed form by years equals the one-pass monthly sum and jointSurvival to 1e-30, any ages, tables and rates (fast-check)', () => {
    fc.assert(
      fc.property(formulaBasisArb, fc.array(fc.tuple(ageArb(0, 125), ageArb(0, 125)), { minLength: 1, maxLength: 6 }), (basis, pairs) => {
        const mortality = buildMortality(basis);
        const rate = netInterestRate(basis);
        const tx = mortality.member.forLife(40, 2026);
        const ty = mortality.beneficiary.forLife(40, 2026);
        const cx = new Commutation(tx, rate);
        const cy = new Commutation(ty, rate);
        // One cache for every pair, as the engine keeps it: the columns are filled further down as asked.
        const cache = new Map<number, JointDiagonal>();
        const diagonal = (k: number) => {
          let h = cache.get(k);
          if (!h) cache.set(k, (h = new JointDiagonal(cx, cy, k)));
          return h;
        };
        for (const [x0, y0] of pairs) {
          const x = age(Math.min(Math.max(x0.years, tx.minAge), tx.maxAge), x0.months);
          const y = age(Math.min(Math.max(y0.years, ty.minAge), ty.maxAge), y0.months);
          const [mx, my] = [monthOfAge(cx, x), monthOfAge(cy, y)];
          const fast = jointAnnuityDue12(cx, mx, cy, my, diagonal);
          const what = `${x.years}y${x.months}m / ${y.years}y${y.months}m at ${rate.toString()}`;
          expectClose(fast, jointAnnuityDue12Direct(cx, mx, cy, my), '1e-30', what);
          expectClose(fast, annuityDue12(jointSurvival(monthlySurvival(tx, x), monthlySurvival(ty, y)), rate), '1e-30', what);
        }
      }),
      { numRuns: 40 },
    );
  });
  it('joint values need one rate', () => {
    const t = formulaTable('SULT');
    expect(() => jointAnnuityDue12Direct(new Commutation(t, new Decimal('0.05')), 0, new Commutation(t, new Decimal('0.06')), 0)).toThrow(/one rate/);
  });
});

describe('optionFactors from commutation columns, with warm caches', () => {
  it('BASIS shipped bases: equal to the month-by-month computation to 1e-28 on many new random pairs per engine (fast-check)', () => {
    for (const id of SHIPPED_BASIS_IDS) {
      const basis = getShippedBasis(id);
      const engine = createOptionFactors(resolveFormulaTable);
      fc.assert(
        fc.property(ageArb(45, 80), fc.option(ageArb(40, 90), { nil: null }), (x, y) => {
          const f = engine({ basis, memberAge: x, spouseAge: y, startYear: 2026 });
          expectFactorsClose(f, directFactors(basis, resolveFormulaTable, x, y, 2026), '1e-28', `${id} ${JSON.stringify([x, y])}`);
        }),
        { numRuns: 40 },
      );
    }
  });
  it('BASIS cross-check: one engine per random basis agrees with the plain-number reference to 1e-9 on many random ages (fast-check)', () => {
    fc.assert(
      fc.property(formulaBasisArb, fc.array(fc.tuple(ageArb(45, 80), fc.option(ageArb(40, 85), { nil: null })), { minLength: 1, maxLength: 8 }), (basis, pairs) => {
        const engine = createOptionFactors(resolveFormulaTable);
        for (const [x, y] of pairs) {
          const f = engine({ basis, memberAge: x, spouseAge: y, startYear: 2026 });
          const what = `${basis.id} ${JSON.stringify([x, y])}`;
          expectNearReference(f, refFactors(basis, REF_FORMULAS, x, y, 2026), what);
          expectFactorsClose(f, directFactors(basis, resolveFormulaTable, x, y, 2026), '1e-28', what);
        }
      }),
      { numRuns: 30 },
    );
  });
  it('BASIS a new pair of ages on the default basis takes well under 1 ms (median of 300)', () => {
    const basis = getShippedBasis('ILLUSTRATIVE-SULT-7');
    const engine = createOptionFactors(resolveFormulaTable);
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const req = { basis, memberAge: age(50 + (i % 26), (7 * i) % 12), spouseAge: age(40 + ((13 * i) % 41), (5 * i) % 12), startYear: 2026 };
      const t0 = performance.now();
      engine(req);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    expect(times[150]).toBeLessThan(1);
  });
});

describe('generational basis from commutation columns by birth cohort', () => {
  const resolve = tableResolver(importedTables());
  const ref: RefTables = {
    'PubG-2010-M': refReadQ(readFixture('t3400')),
    'PubG-2010-F': refReadQ(readFixture('t3399')),
    'MP-2020-M': refReadScale(readFixture('t3610')),
    'MP-2020-F': refReadScale(readFixture('t3609')),
  };

  it('BASIS lifeTable: one table per birth cohort (start year − age), whose q from the age on are forLife’s', () => {
    const m = buildMortality(pubgBasis(), resolve).member;
    const a = m.lifeTable(65, 2025);
    const b = m.lifeTable(70, 2030);
    expect([a.key, a.table === b.table, m.lifeTable(65, 2026).key === a.key]).toEqual([b.key, true, false]);
    for (const [years, startYear] of [[65, 2025], [70, 2030], [80, 2040]] as const) {
      const own = m.forLife(years, startYear);
      const q = a.table.q.slice(years - a.table.minAge);
      expect([own.maxAge, own.q.length]).toEqual([a.table.maxAge, q.length]);
      own.q.forEach((v, i) => expect(v.eq(q[i] ?? NaN)).toBe(true));
    }
    expect(() => m.lifeTable(45, 2025)).toThrow(/age 45 is outside the table's ages 50–120/);
    expect(() => m.lifeTable(65, 2005)).toThrow(/year 2005 is before the improvement base year 2010/);
    const fixed = buildMortality(pubgBasis('static'), resolve).member;
    expect(fixed.lifeTable(65, 2025)).toEqual({ key: fixed.lifeTable(80, 2040).key, table: fixed.forLife(65, 2025) });
  });
  it('BASIS generational: equal to the month-by-month computation to 1e-28 and to the reference to 1e-9, one engine, the same lives at later start years (fast-check)', () => {
    const engine = createOptionFactors(resolve);
    const basis = pubgBasis();
    fc.assert(
      fc.property(ageArb(50, 80), ageArb(50, 85), fc.integer({ min: 2010, max: 2045 }), fc.integer({ min: 0, max: 4 }), (x, y, year, later) => {
        // Later start years at older ages: the same birth cohorts, read from the same columns.
        const [x2, y2] = [age(x.years + later, x.months), age(y.years + later, y.months)];
        for (const [mx, sy, yr] of [[x, y, year], [x2, y2, year + later]] as const) {
          const f = engine({ basis, memberAge: mx, spouseAge: sy, startYear: yr });
          const what = `${JSON.stringify([mx, sy])} in ${yr}`;
          expectFactorsClose(f, directFactors(basis, resolve, mx, sy, yr), '1e-28', what);
          expectNearReference(f, refFactors(basis, ref, mx, sy, yr), what);
        }
      }),
      { numRuns: 15 },
    );
  });
  it('BASIS generational: a life older than its cohort’s first q = 1 is valued on its own table, as forLife gives it', () => {
    const plain = JSON.parse(JSON.stringify(pubgBasis())) as { member: Record<string, unknown>; beneficiary: Record<string, unknown> } & Record<string, unknown>;
    const basis = parseBasis({ ...plain, id: 'PUBG-HEAVY', member: { ...plain.member, multiplier: '15' }, beneficiary: { ...plain.beneficiary, multiplier: '15' } });
    const m = buildMortality(basis, resolve).member;
    const cohortEnd = m.lifeTable(55, 2026).table.maxAge;
    expect(cohortEnd).toBeLessThan(100);
    const older = m.lifeTable(cohortEnd + 5, 2026 + cohortEnd + 5 - 55);
    expect(older.table).toEqual(m.forLife(cohortEnd + 5, 2026 + cohortEnd + 5 - 55));
    const engine = createOptionFactors(resolve);
    for (const [x, y] of [[age(55, 3), age(cohortEnd + 2, 4)], [age(cohortEnd + 1, 7), age(56, 1)]] as const) {
      const f = engine({ basis, memberAge: x, spouseAge: y, startYear: 2026 });
      expectFactorsClose(f, directFactors(basis, resolve, x, y, 2026), '1e-28', JSON.stringify([x, y]));
    }
  });
});
