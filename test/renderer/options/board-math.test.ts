import { describe, expect, test } from 'vitest';
import { Decimal } from '../../../shared/calc/decimal';
import type { BackdropPeriod, PlanResult } from '../../../shared/domain/estimate-schema';
import { addMonths, ageFromMonths, backdropThreshold, breakEvens, crossings, cumulative, difference, niceRange, firstOfMonthAtAge, horizonMonths, milestones, monthsBetween, monthTurning, niceAxis, planSeries, retirementDateChoices, sweepDates, sweepRow, type Series } from '../../../renderer/src/features/options/board-math';

const d = (xs: (string | number)[]) => xs.map((x) => new Decimal(x));

function period(months: number, over: Partial<BackdropPeriod> = {}): BackdropPeriod {
  return {
    months,
    backdropDate: addMonths('2027-05-01', -months),
    ageAtBackdrop: { years: 58, months: 1 },
    serviceMonths: { eligibility: 295, sickLeave: 7, benefit: 302 },
    finalAveragePay: '6184.37',
    fapWindow: null,
    lifeIncomeAnnuity: '2645.88',
    temporaryMonthly: '1245.12',
    monthlyAtRetirement: '2708.30',
    temporaryAtRetirement: '1270.02',
    lumpSum: '42022.80',
    selected: false,
    options: [],
    ...over,
  };
}

/** Marcus Oyelaran's MSEP 2000 result at R = 2027-05-01 (the field-session roster), trimmed. */
function result(over: Partial<PlanResult> = {}): PlanResult {
  return {
    plan: 'MSEP2000',
    vested: true,
    status: 'normal',
    normalRule: 'RULE_OF_80',
    firstNormalRetirementDate: '2025-01-01',
    firstNormalRule: 'RULE_OF_80',
    firstEarlyRetirementDate: null,
    ageAtRetirement: { years: 59, months: 1 },
    serviceMonths: { eligibility: 307, sickLeave: 7, benefit: 314 },
    finalAveragePay: '6184.37',
    fapWindow: null,
    multiplier: '0.017',
    baseBenefit: '2751.01',
    earlyReduction: { months: 0, factor: '1.0000' },
    lifeIncomeAnnuity: '2751.01',
    temporaryBenefit: { monthly: '1294.59', lastPaymentMonth: '2030-03' },
    options: [{ code: 'LIFE', factor: '1.0000', monthly: '2751.01', survivorMonthly: null, basis: 'plan' }],
    preRetirementDeath: null,
    backdrop: { eligible: true, periods: [period(12), period(24, { lumpSum: '81658.04', monthlyAtRetirement: '2662.04', temporaryMonthly: '1195.64' })] },
    deadlines: { applicationEarliest: '2027-01-01', applicationDue: '2027-03-31', electionDue: '2027-04-30', voidAfter: '2027-07-30', firstPaymentDate: '2027-05-28' },
    trace: [],
    notes: [],
    ...over,
  };
}

describe('retirement dates', () => {
  test('DATE-2: the sweep is the 60 first-of-month dates after today', () => {
    const dates = sweepDates('2026-11-23');
    expect(dates).toHaveLength(60);
    expect(dates[0]).toBe('2026-12-01');
    expect(dates[1]).toBe('2027-01-01');
    expect(dates[59]).toBe('2031-11-01');
    expect(dates.every((x: string) => x.endsWith('-01'))).toBe(true);
  });

  test('DATE-2: on the first of a month the sweep starts with the next month', () => {
    expect(sweepDates('2026-12-01', 3)).toEqual(['2027-01-01', '2027-02-01', '2027-03-01']);
  });

  test('DATE-2: the date select lists the stored retirement date once, in order', () => {
    const past = retirementDateChoices('2026-07-01', '2026-11-23');
    expect(past).toHaveLength(61);
    expect(past[0]).toBe('2026-07-01');
    const inside = retirementDateChoices('2027-05-01', '2026-11-23');
    expect(inside).toHaveLength(60);
    expect(inside.filter((x: string) => x === '2027-05-01')).toHaveLength(1);
    expect(retirementDateChoices(null, '2026-11-23')).toEqual(sweepDates('2026-11-23'));
  });

  test('DATE-1: month arithmetic crosses years in both directions', () => {
    expect(addMonths('2027-05-01', 35)).toBe('2030-04-01');
    expect(addMonths('2027-01-01', -1)).toBe('2026-12-01');
    expect(addMonths('2027-01-15', -13)).toBe('2025-12-01');
    expect(monthsBetween('2025-01-01', '2027-05-01')).toBe(28);
  });
});

describe('milestones', () => {
  test('DATE-3: the member is 62 on R + (62y − age at R) months (born 1968-03-20, 59y1m at 2027-05-01)', () => {
    // 62nd birthday 2030-03-20: the first of the month at 62y0m is 2030-04-01.
    expect(firstOfMonthAtAge({ years: 59, months: 1 }, '2027-05-01', 62)).toBe('2030-04-01');
  });

  test('DATE-3: a member born on the first is 62 on the birthday itself', () => {
    // Born 1965-07-01: 61y11m on 2027-06-01, 62y0m on 2027-07-01.
    expect(firstOfMonthAtAge({ years: 61, months: 11 }, '2027-06-01', 62)).toBe('2027-07-01');
  });

  test('DATE-3: for a member already past 62 the date lies before R', () => {
    // Born 1962-03-15, 64y9m on 2027-01-01: 62y0m on 2024-04-01.
    expect(firstOfMonthAtAge({ years: 64, months: 9 }, '2027-01-01', 62)).toBe('2024-04-01');
  });

  test('BEN-4: the temporary benefit stops in the calendar month of the 62nd birthday', () => {
    expect(monthTurning('1968-03-20', 62)).toBe('2030-03');
    expect(monthTurning('1965-07-01', 62)).toBe('2027-07');
  });

  test('BD-1: BackDROP threshold is F + 24 months', () => {
    expect(backdropThreshold('2025-01-01')).toBe('2027-01-01');
    expect(backdropThreshold('2023-11-01')).toBe('2025-11-01');
  });

  test('EX-8 / BD-2: F = 2023-03-01, R = 2033-03-01 is 120 months, and a 60-month BackDROP gives B = 2028-03-01', () => {
    expect(monthsBetween('2023-03-01', '2033-03-01')).toBe(120);
    expect(addMonths('2033-03-01', -60)).toBe('2028-03-01');
  });

  test('ELIG-6 / BD-1: milestones mark F, its Rule of 80, the BackDROP threshold, age 62 and the normal age', () => {
    const ms = milestones({ retirementDate: '2027-05-01', results: [result()] }, { active: true });
    const byId = Object.fromEntries(ms.map((m: { id: string; date: string }) => [m.id, m.date]));
    expect(byId).toEqual({
      'F-MSEP2000': '2025-01-01',
      'rule-MSEP2000': '2025-01-01',
      'backdrop-MSEP2000': '2027-01-01',
      age62: '2030-04-01',
      'normalAge-MSEP2000': '2030-04-01',
    });
    // Sorted by date.
    expect(ms.map((m: { date: string }) => m.date)).toEqual([...ms.map((m: { date: string }) => m.date)].sort());
  });

  test('ELIG-1 / ELIG-4: an MSEP member gets milestones for both plans, with the first early date and age 65', () => {
    const msep = result({ plan: 'MSEP', firstNormalRetirementDate: '2025-05-01', firstNormalRule: 'AGE_60_15', firstEarlyRetirementDate: '2020-05-01', ageAtRetirement: { years: 62, months: 2 }, temporaryBenefit: null });
    const m2000 = result({ plan: 'MSEP2000', firstNormalRetirementDate: '2027-05-01', firstNormalRule: 'AGE_62_5', firstEarlyRetirementDate: '2022-05-01', ageAtRetirement: { years: 62, months: 2 }, temporaryBenefit: null });
    const ms = milestones({ retirementDate: '2027-07-01', results: [msep, m2000] }, { active: true });
    const byId = Object.fromEntries(ms.map((m: { id: string; date: string }) => [m.id, m.date]));
    expect(byId['F-MSEP']).toBe('2025-05-01');
    expect(byId['early-MSEP']).toBe('2020-05-01');
    expect(byId['early-MSEP2000']).toBe('2022-05-01');
    expect(byId['normalAge-MSEP']).toBe('2030-05-01');
    expect(byId.age62).toBe('2027-05-01');
    expect(byId['F-MSEP2000']).toBe(byId.age62);
    expect(byId['rule-MSEP']).toBeUndefined();
    expect(byId['backdrop-MSEP']).toBe('2027-05-01');
  });

  test('BD-1: no BackDROP threshold for MSEP 2011 or for a member who has left', () => {
    const m2011 = result({ plan: 'MSEP2011', firstNormalRule: 'RULE_OF_90', firstNormalRetirementDate: '2039-06-01' });
    const ids = milestones({ retirementDate: '2027-05-01', results: [m2011] }, { active: true }).map((m: { id: string }) => m.id);
    expect(ids).toContain('rule-MSEP2011');
    expect(ids).not.toContain('backdrop-MSEP2011');
    const left = milestones({ retirementDate: '2027-05-01', results: [result()] }, { active: false }).map((m: { id: string }) => m.id);
    expect(left).not.toContain('backdrop-MSEP2000');
  });

  test('ELIG-6: a member who never vests has no F, no early date and no threshold', () => {
    const ms = milestones({ retirementDate: '2027-05-01', results: [result({ firstNormalRetirementDate: null, firstNormalRule: null })] }, { active: true });
    expect(ms.map((m: { id: string }) => m.id).sort()).toEqual(['age62', 'normalAge-MSEP2000']);
  });
});

describe('sweep rows', () => {
  test('OPT-1 / BEN-4: a sweep point is the LIFE amount and LIFE + temporary where one is paid', () => {
    const row = sweepRow({ retirementDate: '2027-05-01', results: [result()] });
    expect(row).toEqual({ date: '2027-05-01', plans: { MSEP2000: { status: 'normal', life: '2751.01', lifePlusTemporary: '4045.60' } } });
  });

  test('ELIG-5: a not-eligible plan has no point', () => {
    const row = sweepRow({ retirementDate: '2027-05-01', results: [result({ status: 'not-eligible', lifeIncomeAnnuity: null, options: [], temporaryBenefit: null })] });
    expect(row.plans.MSEP2000).toEqual({ status: 'not-eligible', life: null, lifePlusTemporary: null });
  });
});

describe('cumulative payments', () => {
  test('horizon: payments from age at R to 90', () => {
    expect(horizonMonths({ years: 59, months: 1 })).toBe(371);
    expect(horizonMonths({ years: 91, months: 0 })).toBe(0);
    expect(ageFromMonths(709 + 371)).toEqual({ years: 90, months: 0 });
  });

  test('MONEY-1: cumulative payments are exact decimal sums', () => {
    const c = cumulative({ retirementDate: '2027-05-01', monthly: '0.10' }, 3);
    expect(c.map((x: Decimal) => x.toFixed(2))).toEqual(['0.00', '0.10', '0.20', '0.30']);
    expect(cumulative({ retirementDate: '2027-05-01', monthly: '2751.01' }, 12)[12]!.toFixed(2)).toBe('33012.12');
  });

  test('BEN-4: the temporary benefit is paid through the month the member turns 62', () => {
    const c = cumulative({ retirementDate: '2027-05-01', monthly: '1000.00', temporary: '500.00', lastTemporaryMonth: '2027-07' }, 5);
    // May, June, July with the temporary benefit; August and September without.
    expect(c.map((x: Decimal) => x.toFixed(2))).toEqual(['0.00', '1500.00', '3000.00', '4500.00', '5500.00', '6500.00']);
  });

  test('BD-4: a BackDROP stream starts with the lump sum at R', () => {
    const c = cumulative({ retirementDate: '2027-05-01', lumpSum: '42022.80', monthly: '2708.30' }, 2);
    expect(c.map((x: Decimal) => x.toFixed(2))).toEqual(['42022.80', '44731.10', '47439.40']);
  });

  test('BD-3 / BD-4: planSeries gives LIFE + temporary and one series per BackDROP period', () => {
    const s = planSeries(result(), '2027-05-01');
    expect(s.map((x: Series) => x.id)).toEqual(['MSEP2000-LIFE', 'MSEP2000-BD12', 'MSEP2000-BD24']);
    expect(s.every((x: Series) => x.values.length === 372)).toBe(true);
    // LIFE: 35 months (2027-05 to 2030-03) with the temporary benefit, then LIFE alone.
    expect(s[0]!.values[35]!.toFixed(2)).toBe(new Decimal('4045.60').times(35).toFixed(2));
    expect(s[0]!.values[36]!.toFixed(2)).toBe(new Decimal('4045.60').times(35).plus('2751.01').toFixed(2));
    // 12-month BackDROP: lump sum, then 2,708.30 + the temporary 1,245.12 at B for 35 months.
    expect(s[1]!.values[1]!.toFixed(2)).toBe('45976.22');
    expect(planSeries(result({ status: 'not-eligible', lifeIncomeAnnuity: null }), '2027-05-01')).toEqual([]);
  });
});

describe('break-even ages', () => {
  const series = (id: string, values: Decimal[]): Series => ({ id, label: id, plan: 'MSEP2000', backdropMonths: null, values });

  test('BD-4: LIFE overtakes a BackDROP when its cumulative payments pass the lump sum and lower monthly', () => {
    const life = cumulative({ retirementDate: '2027-05-01', monthly: '1000.00' }, 200);
    const bd = cumulative({ retirementDate: '2027-05-01', lumpSum: '12050.00', monthly: '900.00' }, 200);
    // After 120 payments 120,000.00 < 120,050.00; after 121, 121,000.00 > 120,950.00.
    expect(crossings(life, bd)).toEqual([121]);
    const [be] = breakEvens(series('LIFE', life), series('BD', bd), { years: 59, months: 1 }, '2027-05-01');
    expect(be).toMatchObject({ index: 121, age: { years: 69, months: 2 }, date: '2037-06-01', leader: 'LIFE', amountA: '121000.00', amountB: '120950.00' });
  });

  test('break-even: an exact meeting that then changes the lead is reported where they meet', () => {
    const life = cumulative({ retirementDate: '2027-05-01', monthly: '1000.00' }, 200);
    const bd = cumulative({ retirementDate: '2027-05-01', lumpSum: '12000.00', monthly: '900.00' }, 200);
    expect(crossings(life, bd)).toEqual([120]);
    expect(breakEvens(series('LIFE', life), series('BD', bd), { years: 60, months: 0 }, '2027-05-01')[0]).toMatchObject({ index: 120, leader: 'LIFE', age: { years: 70, months: 0 } });
  });

  test('break-even: a touch without a change of lead, or lines that never meet, give none', () => {
    expect(crossings(d([0, 1, 2, 3]), d([1, 1, 3, 4]))).toEqual([]);
    expect(crossings(d([0, 1, 2]), d([5, 6, 7]))).toEqual([]);
    expect(crossings(d([2, 1, 2, 1]), d([1, 2, 1, 2]))).toEqual([1, 2, 3]);
  });

  test('PLAN-1 / BEN-4: MSEP vs MSEP 2000 with a temporary benefit that stops at 62', () => {
    // MSEP 2,000.00 for life; MSEP 2000 1,800.00 + 600.00 temporary for 24 months, then 1,800.00.
    const msep = cumulative({ retirementDate: '2027-05-01', monthly: '2000.00' }, 300);
    const m2000 = cumulative({ retirementDate: '2027-05-01', monthly: '1800.00', temporary: '600.00', lastTemporaryMonth: addMonths('2027-05-01', 23).slice(0, 7) }, 300);
    // MSEP 2000 leads by 9,600.00 after 24 months and loses 200.00 a month after: MSEP passes it
    // after 24 + 48 = 72 payments (equal) and leads from 73.
    expect(crossings(msep, m2000)).toEqual([72]);
    expect(msep[72]!.eq(m2000[72]!)).toBe(true);
  });
});

describe('chart axes', () => {
  test('niceAxis rounds the maximum up to a step of 1, 2, 2.5 or 5 × 10^n', () => {
    expect(niceAxis(4045.6)).toEqual({ max: 5000, step: 1000 });
    expect(niceAxis(1_234_567)).toEqual({ max: 1_250_000, step: 250_000 });
    expect(niceAxis(0)).toEqual({ max: 1, step: 1 });
  });

  test('niceRange spans zero and both signs', () => {
    expect(niceRange(-42_022.8, 3_000)).toEqual({ min: -50_000, max: 10_000, step: 10_000 });
    expect(niceRange(100, 900)).toEqual({ min: 0, max: 1000, step: 200 });
    expect(niceRange(0, 0)).toEqual({ min: 0, max: 1, step: 1 });
  });
});

describe('difference from LIFE', () => {
  test('BD-4: the BackDROP lead starts at the lump sum and shrinks by the monthly difference; zero is break-even', () => {
    const life = cumulative({ retirementDate: '2027-05-01', monthly: '1000.00' }, 3);
    const bd = cumulative({ retirementDate: '2027-05-01', lumpSum: '150.00', monthly: '900.00' }, 3);
    expect(difference(life, bd).map((x: Decimal) => x.toFixed(2))).toEqual(['150.00', '50.00', '-50.00', '-150.00']);
    expect(crossings(life, bd)).toEqual([2]);
  });
});
