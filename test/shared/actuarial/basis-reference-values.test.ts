import { describe, expect, it } from 'vitest';
import {
  alphaBeta12,
  annuityDue12,
  annuityDueAnnual,
  certainAndLifeFactor,
  certainAnnuityDue12,
  Decimal,
  formulaTable,
  getShippedBasis,
  jointSurvival,
  jointSurvivorFactor,
  monthlySurvival,
  optionFactors,
  pureEndowment,
} from '../../../shared/actuarial';
import type { FormulaTableId } from '../../../shared/actuarial';

// BASIS.md "Reference values for tests".

const annual = (table: FormulaTableId, age: number, rate: string) => annuityDueAnnual(formulaTable(table), age, new Decimal(rate));

describe('BASIS.md published textbook values (to the printed decimals)', () => {
  it('BASIS ILT 6% ä60 = 11.1454', () => {
    expect(annual('ILT', 60, '0.06').toFixed(4)).toBe('11.1454');
  });
  it('BASIS ILT 6% ä65 = 9.8969', () => {
    expect(annual('ILT', 65, '0.06').toFixed(4)).toBe('9.8969');
  });
  it('BASIS ILT 6% 1000·A65 = 439.80 (A = 1 − d·ä)', () => {
    const d = new Decimal('0.06').div('1.06');
    expect(new Decimal(1).minus(d.times(annual('ILT', 65, '0.06'))).times(1000).toFixed(2)).toBe('439.80');
  });
  it('BASIS interest only 6%: α(12) = 1.00028, β(12) = 0.46812', () => {
    const { alpha, beta } = alphaBeta12(new Decimal('0.06'));
    expect(alpha.toFixed(5)).toBe('1.00028');
    expect(beta.toFixed(5)).toBe('0.46812');
  });
  it('BASIS SULT 5% ä65 = 13.5498', () => {
    expect(annual('SULT', 65, '0.05').toFixed(4)).toBe('13.5498');
  });
  it('BASIS formula tables: q = 1 − exp(−∫μ) with q = 1 at age 120', () => {
    for (const id of ['SULT', 'ILT'] as const) {
      const t = formulaTable(id);
      expect([t.minAge, t.maxAge, t.q.at(-1)?.toString()]).toEqual([0, 120, '1']);
    }
    const sult65 = 1 - Math.exp(-0.00022 - (2.7e-6 * 1.124 ** 65 * 0.124) / Math.log(1.124));
    expect(Number(formulaTable('SULT').q[65])).toBeCloseTo(sult65, 14);
  });
});

type Row = {
  ax: string; ay: string; axy: string;
  js50: string; js50PopUp: string; js100: string; js100PopUp: string;
  c60: string; c120: string; c180: string;
};

const REGRESSION: Record<'ILT-6' | 'SULT-5', Row> = {
  'ILT-6': {
    ax: '9.431589', ay: '10.193238', axy: '7.762646',
    js50: '0.885854', js50PopUp: '0.864635', js100: '0.795097', js100PopUp: '0.761549',
    c60: '0.975770', c120: '0.915943', c180: '0.841795',
  },
  'SULT-5': {
    ax: '13.085951', ay: '13.922384', axy: '11.662656',
    js50: '0.920521', js50PopUp: '0.911678', js100: '0.852745', js100PopUp: '0.837691',
    c60: '0.994634', c120: '0.978118', c180: '0.950387',
  },
};

describe.each(Object.entries(REGRESSION))('BASIS.md regression values, %s, member 65 and spouse 62 (to 1e-6)', (id, want) => {
  const basis = getShippedBasis(id);
  const table = formulaTable(basis.member.table as FormulaTableId);
  const rate = new Decimal(basis.interestRate);
  const px = monthlySurvival(table, { years: 65, months: 0 });
  const py = monthlySurvival(table, { years: 62, months: 0 });
  const a = { x: annuityDue12(px, rate), y: annuityDue12(py, rate), xy: annuityDue12(jointSurvival(px, py), rate) };
  const six = (d: Decimal | null) => d?.toFixed(6);

  it(`BASIS ${id} ä(12)65 = ${want.ax}, ä(12)62 = ${want.ay}, ä(12)65:62 = ${want.axy}`, () => {
    expect([six(a.x), six(a.y), six(a.xy)]).toEqual([want.ax, want.ay, want.axy]);
  });
  it(`BASIS ${id} J&50 = ${want.js50} without pop-up, ${want.js50PopUp} with`, () => {
    expect([six(jointSurvivorFactor(a, '0.5', false)), six(jointSurvivorFactor(a, '0.5', true))]).toEqual([want.js50, want.js50PopUp]);
  });
  it(`BASIS ${id} J&100 = ${want.js100} without pop-up, ${want.js100PopUp} with`, () => {
    expect([six(jointSurvivorFactor(a, 1, false)), six(jointSurvivorFactor(a, 1, true))]).toEqual([want.js100, want.js100PopUp]);
  });
  it(`BASIS ${id} 60/120/180 certain = ${want.c60}/${want.c120}/${want.c180}, with ä(12)_{x+n} valued at 65 + n`, () => {
    const factor = (n: number) => {
      const deferred = pureEndowment(px, n, rate).times(annuityDue12(monthlySurvival(table, { years: 65 + n, months: 0 }), rate));
      return six(certainAndLifeFactor(a.x, certainAnnuityDue12(n, rate), deferred));
    };
    expect([factor(5), factor(10), factor(15)]).toEqual([want.c60, want.c120, want.c180]);
  });
  it(`BASIS ${id} optionFactors(65, 62) gives the pop-up J&S and certain-and-life values`, () => {
    const f = optionFactors({ basis, memberAge: { years: 65, months: 0 }, spouseAge: { years: 62, months: 0 }, startYear: 2026 });
    expect([f.js50, f.js100, f.c60, f.c120, f.c180].map(six)).toEqual([want.js50PopUp, want.js100PopUp, want.c60, want.c120, want.c180]);
  });
});
