// Boundary tests at each eligibility edge (RULES.md sections 0, 2, 4, 5 and 7): the month before
// and the month of, through stateAt/firstDates and whole estimates. Expected figures are worked
// by hand from the rules, not read back from the engine.
import { describe, expect, it } from 'vitest';
import { ageAt, formatDate, parseDate } from '../../../shared/calc/dates';
import { firstDates, stateAt, vestingMonths, type EligibilityContext } from '../../../shared/calc/eligibility';
import { estimateFromInput, type PricerSource } from '../../../shared/calc/run';
import type { ServiceRecord } from '../../../shared/calc/service';
import type { CaseInput, PlanCode } from '../../../shared/domain/case-schema';
import type { Estimate, PlanResult } from '../../../shared/domain/estimate-schema';

const NO_PRICER: PricerSource = { isKnown: () => false, pricerFor: () => null };

type SvcOpts = { purchased?: number; transferred?: number; left?: string };

/** A service statement dated `asOf` with `earned` months (DATE-4); `left` is the last day worked. */
function svc(asOf: string, earned: number, o: SvcOpts = {}): ServiceRecord {
  return {
    asOf: parseDate(asOf),
    earnedMonths: earned,
    purchasedMonths: o.purchased ?? 0,
    transferredMonths: o.transferred ?? 0,
    sickLeaveHours: 0,
    lastDayWorked: o.left ? parseDate(o.left) : null,
  };
}

function ctx(plan: PlanCode, birth: string, service: ServiceRecord): EligibilityContext {
  return { plan, birth: parseDate(birth), service, active: service.lastDayWorked === null };
}

/** The eligibility facts at d that the rules talk about. */
function at(c: EligibilityContext, d: string) {
  const s = stateAt(c, parseDate(d));
  return { age: s.ageMonths, service: s.serviceMonths, vested: s.vested, normal: s.normalRules, early: s.early };
}

function first(c: EligibilityContext) {
  const f = firstDates(c);
  return {
    normal: f.firstNormal ? formatDate(f.firstNormal) : null,
    rule: f.firstNormalRule,
    early: f.firstEarly ? formatDate(f.firstEarly) : null,
  };
}

const ym = (years: number, months: number) => years * 12 + months;

type CaseOpts = {
  birth: string;
  hired: string;
  r: string;
  statement: string;
  earned: number;
  transferred?: number;
  left?: string | null;
  fap?: string;
  colaRates?: Record<string, string>;
};

function estimate(o: CaseOpts): Estimate {
  const raw: CaseInput = {
    formatVersion: 1,
    asOf: o.statement,
    retirementDate: o.r,
    member: { birthDate: o.birth, firstEmploymentDate: o.hired, lastDayWorked: o.left ?? null },
    spouse: null,
    service: { asOf: o.statement, earnedMonths: o.earned, purchasedMonths: 0, transferredMonths: o.transferred ?? 0, sickLeaveHours: 0 },
    pay: { finalAveragePay: o.fap ?? '5000.00', history: [] },
    colaRates: o.colaRates ?? {},
  };
  const parsed = estimateFromInput(raw, NO_PRICER);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return parsed.value;
}

function result(e: Estimate, plan: PlanCode): PlanResult {
  const res = e.results.find((x) => x.plan === plan);
  if (!res) throw new Error(`no ${plan} result`);
  return res;
}

/** The ELIG-5/ELIG-6 fields of a plan result. */
function status(res: PlanResult) {
  return {
    vested: res.vested,
    status: res.status,
    normalRule: res.normalRule,
    firstNormal: res.firstNormalRetirementDate,
    firstNormalRule: res.firstNormalRule,
    firstEarly: res.firstEarlyRetirementDate,
  };
}

describe('DATE-3: leap-day and month-end births', () => {
  it('DATE-3 example: born 1962-05-14 is 62y0m on 2024-06-01 and 62y1m on 2024-06-14', () => {
    const b = parseDate('1962-05-14');
    expect(ageAt(b, parseDate('2024-06-01'))).toEqual({ years: 62, months: 0 });
    expect(ageAt(b, parseDate('2024-06-13'))).toEqual({ years: 62, months: 0 });
    expect(ageAt(b, parseDate('2024-06-14'))).toEqual({ years: 62, months: 1 });
  });

  it('DATE-3 leap day: born 2000-02-29, Feb 28 of a non-leap year completes the month', () => {
    const b = parseDate('2000-02-29');
    expect(ageAt(b, parseDate('2001-02-27'))).toEqual({ years: 0, months: 11 });
    expect(ageAt(b, parseDate('2001-02-28'))).toEqual({ years: 1, months: 0 });
    expect(ageAt(b, parseDate('2001-03-01'))).toEqual({ years: 1, months: 0 });
    expect(ageAt(b, parseDate('2001-03-28'))).toEqual({ years: 1, months: 0 });
    expect(ageAt(b, parseDate('2001-03-29'))).toEqual({ years: 1, months: 1 });
    // In a leap year the month completes on Feb 29 itself.
    expect(ageAt(b, parseDate('2004-02-28'))).toEqual({ years: 3, months: 11 });
    expect(ageAt(b, parseDate('2004-02-29'))).toEqual({ years: 4, months: 0 });
  });

  it('DATE-3 leap day: born 1964-02-29 turns 62y0m on 2026-02-28; 61y11m on 2026-02-01, 62y0m on 2026-03-01', () => {
    const b = parseDate('1964-02-29');
    expect(ageAt(b, parseDate('2026-02-01'))).toEqual({ years: 61, months: 11 });
    expect(ageAt(b, parseDate('2026-02-27'))).toEqual({ years: 61, months: 11 });
    expect(ageAt(b, parseDate('2026-02-28'))).toEqual({ years: 62, months: 0 });
    expect(ageAt(b, parseDate('2026-03-01'))).toEqual({ years: 62, months: 0 });
    expect(ageAt(b, parseDate('2024-02-28'))).toEqual({ years: 59, months: 11 });
    expect(ageAt(b, parseDate('2024-02-29'))).toEqual({ years: 60, months: 0 });
  });

  it('DATE-3 month end: born on the 31st, a month completes on the last day of a shorter month', () => {
    const b = parseDate('1970-01-31');
    expect(ageAt(b, parseDate('1970-02-27'))).toEqual({ years: 0, months: 0 });
    expect(ageAt(b, parseDate('1970-02-28'))).toEqual({ years: 0, months: 1 });
    expect(ageAt(b, parseDate('1970-04-29'))).toEqual({ years: 0, months: 2 });
    expect(ageAt(b, parseDate('1970-04-30'))).toEqual({ years: 0, months: 3 });
  });
});

describe('ELIG-1: MSEP normal retirement', () => {
  it('ELIG-1 AGE_65_5 age edge: 64y11m with 99 months is not eligible; 65y0m with 100 months is normal', () => {
    // Born on the 2nd: the 65th year completes on 2026-07-02, so R = 2026-07-01 is still 64y11m.
    const c = ctx('MSEP', '1961-07-02', svc('2026-07-31', 100));
    expect(at(c, '2026-07-01')).toEqual({ age: ym(64, 11), service: 99, vested: true, normal: [], early: false });
    expect(at(c, '2026-08-01')).toEqual({ age: ym(65, 0), service: 100, vested: true, normal: ['AGE_65_5'], early: false });
    expect(first(c)).toEqual({ normal: '2026-08-01', rule: 'AGE_65_5', early: null });
  });

  it('ELIG-1 AGE_65_5 service edge: 59 months at 66y0m is not vested; 60 months is normal', () => {
    expect(at(ctx('MSEP', '1960-08-01', svc('2026-07-31', 59)), '2026-08-01')).toEqual({ age: ym(66, 0), service: 59, vested: false, normal: [], early: false });
    expect(at(ctx('MSEP', '1960-08-01', svc('2026-07-31', 60)), '2026-08-01')).toEqual({ age: ym(66, 0), service: 60, vested: true, normal: ['AGE_65_5'], early: false });
  });

  it('ELIG-1 AGE_60_15 age edge: 59y11m with 199 months is early; 60y0m with 200 months is normal', () => {
    const c = ctx('MSEP', '1966-08-01', svc('2026-07-31', 200));
    expect(at(c, '2026-07-01')).toEqual({ age: ym(59, 11), service: 199, vested: true, normal: [], early: true });
    expect(at(c, '2026-08-01')).toEqual({ age: ym(60, 0), service: 200, vested: true, normal: ['AGE_60_15'], early: false });
    // Early from 55y0m (2021-08-01), when the projected-back service is 140 (ELIG-4: 120 needed).
    expect(first(c)).toEqual({ normal: '2026-08-01', rule: 'AGE_60_15', early: '2021-08-01' });
  });

  it('ELIG-1 AGE_60_15 service edge: 179 months at 61y0m is early; 180 months is normal', () => {
    expect(at(ctx('MSEP', '1965-08-01', svc('2026-07-31', 179)), '2026-08-01')).toEqual({ age: ym(61, 0), service: 179, vested: true, normal: [], early: true });
    expect(at(ctx('MSEP', '1965-08-01', svc('2026-07-31', 180)), '2026-08-01')).toEqual({ age: ym(61, 0), service: 180, vested: true, normal: ['AGE_60_15'], early: false });
  });

  it('ELIG-1 RULE_OF_80 at exactly 960 (55y0m + 300) is normal; 959 (55y0m + 299) is only early', () => {
    expect(at(ctx('MSEP', '1971-08-01', svc('2026-07-31', 300)), '2026-08-01')).toEqual({ age: 660, service: 300, vested: true, normal: ['RULE_OF_80'], early: false });
    expect(at(ctx('MSEP', '1971-08-01', svc('2026-07-31', 299)), '2026-08-01')).toEqual({ age: 660, service: 299, vested: true, normal: [], early: true });
  });

  it('ELIG-1 RULE_OF_80 with frozen service: a terminated-vested member ages into it, 959 the month before, 960 the month of', () => {
    // Left 2020-12-31 with 300 months at 50y11m.
    const c = ctx('MSEP', '1970-01-01', svc('2020-12-31', 300, { left: '2020-12-31' }));
    expect(at(c, '2024-12-01')).toEqual({ age: ym(54, 11), service: 300, vested: true, normal: [], early: false });
    expect(at(c, '2025-01-01')).toEqual({ age: ym(55, 0), service: 300, vested: true, normal: ['RULE_OF_80'], early: false });
    expect(first(c)).toEqual({ normal: '2025-01-01', rule: 'RULE_OF_80', early: null });

    const opts = { birth: '1970-01-01', hired: '1995-01-01', statement: '2020-12-31', earned: 300, left: '2020-12-31' };
    expect(status(result(estimate({ ...opts, r: '2024-12-01' }), 'MSEP'))).toEqual({
      vested: true,
      status: 'not-eligible',
      normalRule: null,
      firstNormal: '2025-01-01',
      firstNormalRule: 'RULE_OF_80',
      firstEarly: null,
    });
    const atF = result(estimate({ ...opts, r: '2025-01-01' }), 'MSEP');
    expect(status(atF)).toEqual({ vested: true, status: 'normal', normalRule: 'RULE_OF_80', firstNormal: '2025-01-01', firstNormalRule: 'RULE_OF_80', firstEarly: null });
    // 5,000 × 0.016 × 300 / 12 = 2,000.00; MSEP has no temporary benefit (BEN-4).
    expect(atF.lifeIncomeAnnuity).toBe('2000.00');
    expect(atF.temporaryBenefit).toBeNull();
  });

  it('ELIG-1 RULE_OF_80 age-48 floor: 47y11m with 399 months (974) is not eligible; 48y0m with 400 months is normal', () => {
    // Born on the 15th: the first date of the ELIG-6 search (2026-03-01) is still 47y11m.
    const c = ctx('MSEP', '1978-03-15', svc('2026-03-31', 400));
    expect(at(c, '2026-03-01')).toEqual({ age: ym(47, 11), service: 399, vested: true, normal: [], early: false });
    expect(at(c, '2026-04-01')).toEqual({ age: ym(48, 0), service: 400, vested: true, normal: ['RULE_OF_80'], early: false });
    expect(first(c)).toEqual({ normal: '2026-04-01', rule: 'RULE_OF_80', early: null });
    // ELIG-7: the floor is 48, not 50 (the Rule of 80 is noted).
    const res = result(estimate({ birth: '1978-03-15', hired: '1994-01-01', r: '2026-04-01', statement: '2026-03-31', earned: 400 }), 'MSEP');
    expect(res.status).toBe('normal');
    expect(res.normalRule).toBe('RULE_OF_80');
    expect(res.earlyReduction).toEqual({ months: 0, factor: '1.0000' });
    expect(res.notes.some((n) => n.rule === 'ELIG-7')).toBe(true);
  });
});

describe('ELIG-2: MSEP 2000 normal retirement', () => {
  it('ELIG-2 AGE_62_5 age edge: 61y11m with 99 months is early; 62y0m with 100 months is normal', () => {
    const c = ctx('MSEP2000', '1964-09-01', svc('2026-08-31', 100));
    expect(at(c, '2026-08-01')).toEqual({ age: ym(61, 11), service: 99, vested: true, normal: [], early: true });
    expect(at(c, '2026-09-01')).toEqual({ age: ym(62, 0), service: 100, vested: true, normal: ['AGE_62_5'], early: false });
    // Early from the month the projected-back service reaches 60 (2023-05-01, age 58y8m).
    expect(first(c)).toEqual({ normal: '2026-09-01', rule: 'AGE_62_5', early: '2023-05-01' });
  });

  it('ELIG-2 AGE_62_5 service edge: 59 months at 63y0m is not vested; 60 months is normal', () => {
    expect(at(ctx('MSEP2000', '1963-08-01', svc('2026-07-31', 59)), '2026-08-01')).toEqual({ age: ym(63, 0), service: 59, vested: false, normal: [], early: false });
    expect(at(ctx('MSEP2000', '1963-08-01', svc('2026-07-31', 60)), '2026-08-01')).toEqual({ age: ym(63, 0), service: 60, vested: true, normal: ['AGE_62_5'], early: false });
  });

  it('ELIG-2 RULE_OF_80 retiring from active employment: 960 is normal; 959 is not eligible at 55', () => {
    expect(at(ctx('MSEP2000', '1971-08-01', svc('2026-07-31', 300)), '2026-08-01')).toEqual({ age: 660, service: 300, vested: true, normal: ['RULE_OF_80'], early: false });
    expect(at(ctx('MSEP2000', '1971-08-01', svc('2026-07-31', 299)), '2026-08-01')).toEqual({ age: 660, service: 299, vested: true, normal: [], early: false });
  });

  it('ELIG-2 RULE_OF_80 met at termination: leaving at 54y11m + 300 (959) leaves AGE_62_5 as the only normal route', () => {
    // Left 2024-11-30: termination 2024-12-01 at 54y11m.
    const c = ctx('MSEP2000', '1970-01-01', svc('2024-11-30', 300, { left: '2024-11-30' }));
    // 960 at R is not enough: the rule is tested at termination.
    expect(at(c, '2025-01-01')).toEqual({ age: ym(55, 0), service: 300, vested: true, normal: [], early: false });
    expect(at(c, '2026-12-01')).toEqual({ age: ym(56, 11), service: 300, vested: true, normal: [], early: false });
    expect(at(c, '2027-01-01')).toEqual({ age: ym(57, 0), service: 300, vested: true, normal: [], early: true });
    expect(at(c, '2031-12-01')).toEqual({ age: ym(61, 11), service: 300, vested: true, normal: [], early: true });
    expect(at(c, '2032-01-01')).toEqual({ age: ym(62, 0), service: 300, vested: true, normal: ['AGE_62_5'], early: false });
    expect(first(c)).toEqual({ normal: '2032-01-01', rule: 'AGE_62_5', early: '2027-01-01' });

    const res = result(estimate({ birth: '1970-01-01', hired: '2001-01-01', r: '2032-01-01', statement: '2024-11-30', earned: 300, left: '2024-11-30' }), 'MSEP2000');
    expect(status(res)).toEqual({ vested: true, status: 'normal', normalRule: 'AGE_62_5', firstNormal: '2032-01-01', firstNormalRule: 'AGE_62_5', firstEarly: '2027-01-01' });
    expect(res.temporaryBenefit).toBeNull();
    expect(res.backdrop).toEqual({ eligible: false, periods: [] });
  });

  it('ELIG-2 RULE_OF_80 met at termination: leaving a month later at 55y0m + 300 (960) keeps the Rule of 80', () => {
    // Left 2024-12-31: termination 2025-01-01 at 55y0m.
    const c = ctx('MSEP2000', '1970-01-01', svc('2024-12-31', 300, { left: '2024-12-31' }));
    expect(at(c, '2025-01-01')).toEqual({ age: ym(55, 0), service: 300, vested: true, normal: ['RULE_OF_80'], early: false });
    expect(at(c, '2030-01-01')).toEqual({ age: ym(60, 0), service: 300, vested: true, normal: ['RULE_OF_80'], early: false });
    expect(first(c)).toEqual({ normal: '2025-01-01', rule: 'RULE_OF_80', early: null });

    const res = result(estimate({ birth: '1970-01-01', hired: '2001-01-01', r: '2030-01-01', statement: '2024-12-31', earned: 300, left: '2024-12-31' }), 'MSEP2000');
    expect(status(res)).toEqual({ vested: true, status: 'normal', normalRule: 'RULE_OF_80', firstNormal: '2025-01-01', firstNormalRule: 'RULE_OF_80', firstEarly: null });
    // BEN-1: 5,000 × 0.017 × 300 / 12 = 2,125.00. BEN-4: 5,000 × 0.008 × 300 / 12 = 1,000.00 to Jan 2032.
    expect(res.lifeIncomeAnnuity).toBe('2125.00');
    expect(res.temporaryBenefit).toEqual({ monthly: '1000.00', lastPaymentMonth: '2032-01' });
  });

  it('ELIG-1 vs ELIG-2: the same terminated member (300 months, left at 50y11m) is normal under MSEP at 55y0m but not under MSEP 2000', () => {
    const e = estimate({ birth: '1970-01-01', hired: '1995-01-01', r: '2025-01-01', statement: '2020-12-31', earned: 300, left: '2020-12-31' });
    expect(e.results.map((x) => x.plan)).toEqual(['MSEP', 'MSEP2000']);
    expect(result(e, 'MSEP').normalRule).toBe('RULE_OF_80');
    // At termination (2021-01-01): 51y0m + 300 = 912 < 960; at 55 the MSEP 2000 early age (57) is not reached.
    expect(status(result(e, 'MSEP2000'))).toEqual({ vested: true, status: 'not-eligible', normalRule: null, firstNormal: '2032-01-01', firstNormalRule: 'AGE_62_5', firstEarly: '2027-01-01' });
  });
});

describe('ELIG-3: MSEP 2011 normal retirement', () => {
  it('ELIG-3 AGE_67_5 age edge: 66y11m with 99 months is early; 67y0m with 100 months is normal', () => {
    const c = ctx('MSEP2011', '1960-03-01', svc('2027-02-28', 100));
    expect(at(c, '2027-02-01')).toEqual({ age: ym(66, 11), service: 99, vested: true, normal: [], early: true });
    expect(at(c, '2027-03-01')).toEqual({ age: ym(67, 0), service: 100, vested: true, normal: ['AGE_67_5'], early: false });
    // Early from the month the projected-back service reaches 60: 2023-11-01 (age 63y8m).
    expect(first(c)).toEqual({ normal: '2027-03-01', rule: 'AGE_67_5', early: '2023-11-01' });
  });

  it('ELIG-3 AGE_67_5 service edge: 59 months at 68y0m is not vested; 60 months is normal', () => {
    expect(at(ctx('MSEP2011', '1958-08-01', svc('2026-07-31', 59)), '2026-08-01')).toEqual({ age: ym(68, 0), service: 59, vested: false, normal: [], early: false });
    expect(at(ctx('MSEP2011', '1958-08-01', svc('2026-07-31', 60)), '2026-08-01')).toEqual({ age: ym(68, 0), service: 60, vested: true, normal: ['AGE_67_5'], early: false });
  });

  it('ELIG-3 RULE_OF_90 at exactly 1080 (60y0m + 360) is normal; 1079 is not eligible', () => {
    expect(at(ctx('MSEP2011', '1966-08-01', svc('2026-07-31', 360)), '2026-08-01')).toEqual({ age: 720, service: 360, vested: true, normal: ['RULE_OF_90'], early: false });
    expect(at(ctx('MSEP2011', '1966-08-01', svc('2026-07-31', 359)), '2026-08-01')).toEqual({ age: 720, service: 359, vested: true, normal: [], early: false });
  });

  it('ELIG-3 RULE_OF_90 age-55 floor: 54y11m with 449 months (1108) is not eligible; 55y0m with 450 months is normal', () => {
    const c = ctx('MSEP2011', '1972-06-01', svc('2027-05-31', 150, { transferred: 300 }));
    expect(at(c, '2027-05-01')).toEqual({ age: ym(54, 11), service: 449, vested: true, normal: [], early: false });
    expect(at(c, '2027-06-01')).toEqual({ age: ym(55, 0), service: 450, vested: true, normal: ['RULE_OF_90'], early: false });
    expect(first(c)).toEqual({ normal: '2027-06-01', rule: 'RULE_OF_90', early: null });
  });

  it('ELIG-3 RULE_OF_90 met at termination: leaving at 60y0m + 359 (1079) leaves AGE_67_5 only; leaving a month later (1080) keeps it', () => {
    const missed = ctx('MSEP2011', '1966-12-01', svc('2026-11-30', 359, { left: '2026-11-30' }));
    expect(at(missed, '2027-12-01')).toEqual({ age: ym(61, 0), service: 359, vested: true, normal: [], early: false });
    // 62 at R but not retiring directly from active employment: not early either (ELIG-4).
    expect(at(missed, '2028-12-01')).toEqual({ age: ym(62, 0), service: 359, vested: true, normal: [], early: false });
    expect(at(missed, '2033-12-01')).toEqual({ age: ym(67, 0), service: 359, vested: true, normal: ['AGE_67_5'], early: false });
    expect(first(missed)).toEqual({ normal: '2033-12-01', rule: 'AGE_67_5', early: null });

    const met = ctx('MSEP2011', '1966-12-01', svc('2026-12-31', 359, { left: '2026-12-31' }));
    expect(at(met, '2028-12-01')).toEqual({ age: ym(62, 0), service: 359, vested: true, normal: ['RULE_OF_90'], early: false });
    expect(first(met)).toEqual({ normal: '2027-01-01', rule: 'RULE_OF_90', early: null });
  });
});

describe('ELIG-4: early retirement edges', () => {
  it('ELIG-4 MSEP early age edge: 54y11m with 149 months is not eligible; 55y0m with 150 months is early', () => {
    const c = ctx('MSEP', '1971-05-01', svc('2026-04-30', 150));
    expect(at(c, '2026-04-01')).toEqual({ age: ym(54, 11), service: 149, vested: true, normal: [], early: false });
    expect(at(c, '2026-05-01')).toEqual({ age: ym(55, 0), service: 150, vested: true, normal: [], early: true });
    // BEN-3 for MSEP: with 150 months the unreduced age is 65 (the Rule of 80 age, 67y6m, is later):
    // 120 months short, 1 − 0.005 × 120 = 0.4000; 5,000 × 0.016 × 150 / 12 = 1,000.00 → 400.00.
    const res = result(estimate({ birth: '1971-05-01', hired: '1990-01-01', r: '2026-05-01', statement: '2026-04-30', earned: 150 }), 'MSEP');
    expect(res.status).toBe('early');
    expect(res.earlyReduction).toEqual({ months: 120, factor: '0.4000' });
    expect(res.baseBenefit).toBe('1000.00');
    expect(res.lifeIncomeAnnuity).toBe('400.00');
  });

  it('ELIG-4 MSEP early service edge: 119 months at 56y0m is vested but not eligible; 120 months is early', () => {
    expect(at(ctx('MSEP', '1970-08-01', svc('2026-07-31', 119)), '2026-08-01')).toEqual({ age: ym(56, 0), service: 119, vested: true, normal: [], early: false });
    expect(at(ctx('MSEP', '1970-08-01', svc('2026-07-31', 120)), '2026-08-01')).toEqual({ age: ym(56, 0), service: 120, vested: true, normal: [], early: true });
  });

  it('ELIG-4 MSEP 2000 early age edge: 56y11m with 99 months is not eligible; 57y0m with 100 months is early', () => {
    const c = ctx('MSEP2000', '1969-06-01', svc('2026-05-31', 100));
    expect(at(c, '2026-05-01')).toEqual({ age: ym(56, 11), service: 99, vested: true, normal: [], early: false });
    expect(at(c, '2026-06-01')).toEqual({ age: ym(57, 0), service: 100, vested: true, normal: [], early: true });
    // BEN-3: 60 months short of 62y0m; 4,000 × 0.017 × 100 / 12 = 566.67 × 0.7 = 396.67.
    const res = result(estimate({ birth: '1969-06-01', hired: '2005-01-01', r: '2026-06-01', statement: '2026-05-31', earned: 100, fap: '4000.00' }), 'MSEP2000');
    expect(res.status).toBe('early');
    expect(res.earlyReduction).toEqual({ months: 60, factor: '0.7000' });
    expect(res.baseBenefit).toBe('566.67');
    expect(res.lifeIncomeAnnuity).toBe('396.67');
  });

  it('ELIG-4 MSEP 2000 early service edge: 59 months at 58y0m is not vested; 60 months is early', () => {
    expect(at(ctx('MSEP2000', '1968-08-01', svc('2026-07-31', 59)), '2026-08-01')).toEqual({ age: ym(58, 0), service: 59, vested: false, normal: [], early: false });
    expect(at(ctx('MSEP2000', '1968-08-01', svc('2026-07-31', 60)), '2026-08-01')).toEqual({ age: ym(58, 0), service: 60, vested: true, normal: [], early: true });
  });

  it('ELIG-4 MSEP 2011 early age edge, retiring from active employment: 61y11m is not eligible; 62y0m is early', () => {
    const c = ctx('MSEP2011', '1964-08-01', svc('2026-07-31', 100));
    expect(at(c, '2026-07-01')).toEqual({ age: ym(61, 11), service: 99, vested: true, normal: [], early: false });
    expect(at(c, '2026-08-01')).toEqual({ age: ym(62, 0), service: 100, vested: true, normal: [], early: true });
    // BEN-3: 60 months short of 67y0m.
    const res = result(estimate({ birth: '1964-08-01', hired: '2012-01-01', r: '2026-08-01', statement: '2026-07-31', earned: 100 }), 'MSEP2011');
    expect(res.status).toBe('early');
    expect(res.earlyReduction).toEqual({ months: 60, factor: '0.7000' });
  });

  it('ELIG-4 MSEP 2011 early needs age 62 at termination AND retiring directly from active employment', () => {
    // Left 2026-07-31 at 62y0m (termination 2026-08-01).
    const left62 = ctx('MSEP2011', '1964-08-01', svc('2026-07-31', 100, { left: '2026-07-31' }));
    expect(at(left62, '2026-08-01')).toEqual({ age: ym(62, 0), service: 100, vested: true, normal: [], early: true });
    expect(at(left62, '2026-09-01')).toEqual({ age: ym(62, 1), service: 100, vested: true, normal: [], early: false });
    expect(first(left62)).toEqual({ normal: '2031-08-01', rule: 'AGE_67_5', early: '2026-08-01' });
    const opts = { birth: '1964-08-01', hired: '2012-01-01', statement: '2026-07-31', earned: 100, left: '2026-07-31' };
    expect(result(estimate({ ...opts, r: '2026-08-01' }), 'MSEP2011').status).toBe('early');
    expect(status(result(estimate({ ...opts, r: '2026-09-01' }), 'MSEP2011'))).toEqual({
      vested: true,
      status: 'not-eligible',
      normalRule: null,
      firstNormal: '2031-08-01',
      firstNormalRule: 'AGE_67_5',
      firstEarly: '2026-08-01',
    });

    // Left 2026-06-30 at 61y11m (termination 2026-07-01): not early at termination, nor later.
    const left61 = ctx('MSEP2011', '1964-08-01', svc('2026-06-30', 100, { left: '2026-06-30' }));
    expect(at(left61, '2026-07-01')).toEqual({ age: ym(61, 11), service: 100, vested: true, normal: [], early: false });
    expect(at(left61, '2026-08-01')).toEqual({ age: ym(62, 0), service: 100, vested: true, normal: [], early: false });
    expect(first(left61)).toEqual({ normal: '2031-08-01', rule: 'AGE_67_5', early: null });
  });
});

describe('SVC-5: vesting', () => {
  it('SVC-5 59 vs 60 months: a member who left with 59 months never vests; with 60 months F is at 62', () => {
    expect(vestingMonths('MSEP2000', parseDate('2020-06-30'))).toBe(60);
    const never = ctx('MSEP2000', '1970-01-01', svc('2020-06-30', 59, { left: '2020-06-30' }));
    expect(at(never, '2032-01-01')).toEqual({ age: ym(62, 0), service: 59, vested: false, normal: [], early: false });
    expect(first(never)).toEqual({ normal: null, rule: null, early: null });
    const vested = ctx('MSEP2000', '1970-01-01', svc('2020-06-30', 60, { left: '2020-06-30' }));
    expect(at(vested, '2032-01-01')).toEqual({ age: ym(62, 0), service: 60, vested: true, normal: ['AGE_62_5'], early: false });
    expect(first(vested)).toEqual({ normal: '2032-01-01', rule: 'AGE_62_5', early: '2027-01-01' });

    const opts = { birth: '1970-01-01', hired: '2010-06-01', r: '2032-01-01', statement: '2020-06-30', left: '2020-06-30' };
    const res59 = result(estimate({ ...opts, earned: 59 }), 'MSEP2000');
    expect(status(res59)).toEqual({ vested: false, status: 'not-eligible', normalRule: null, firstNormal: null, firstNormalRule: null, firstEarly: null });
    expect(res59.lifeIncomeAnnuity).toBeNull();
    expect(res59.options).toEqual([]);
    expect(res59.backdrop).toEqual({ eligible: false, periods: [] });
    const res60 = result(estimate({ ...opts, earned: 60 }), 'MSEP2000');
    expect(status(res60)).toEqual({ vested: true, status: 'normal', normalRule: 'AGE_62_5', firstNormal: '2032-01-01', firstNormalRule: 'AGE_62_5', firstEarly: '2027-01-01' });
  });

  it('SVC-5 MSEP 2011: employment ending before 2018-01-01 needs 120 months (119 never vests, 120 does)', () => {
    expect(vestingMonths('MSEP2011', parseDate('2017-12-31'))).toBe(120);
    expect(vestingMonths('MSEP2011', parseDate('2018-01-01'))).toBe(60);
    expect(vestingMonths('MSEP2000', parseDate('2017-12-31'))).toBe(60);
    const s119 = ctx('MSEP2011', '1960-01-01', svc('2017-12-31', 79, { left: '2017-12-31', transferred: 40 }));
    expect(at(s119, '2027-01-01')).toEqual({ age: ym(67, 0), service: 119, vested: false, normal: [], early: false });
    expect(first(s119)).toEqual({ normal: null, rule: null, early: null });
    const s120 = ctx('MSEP2011', '1960-01-01', svc('2017-12-31', 80, { left: '2017-12-31', transferred: 40 }));
    expect(at(s120, '2027-01-01')).toEqual({ age: ym(67, 0), service: 120, vested: true, normal: ['AGE_67_5'], early: false });
    expect(first(s120)).toEqual({ normal: '2027-01-01', rule: 'AGE_67_5', early: null });
  });

  it('SVC-5 MSEP 2011: leaving on 2018-01-01 (not before it) vests with 60 months; leaving 2017-12-31 with 60 does not', () => {
    const on = ctx('MSEP2011', '1960-01-01', svc('2018-01-01', 60, { left: '2018-01-01' }));
    expect(at(on, '2027-01-01')).toEqual({ age: ym(67, 0), service: 60, vested: true, normal: ['AGE_67_5'], early: false });
    const before = ctx('MSEP2011', '1960-01-01', svc('2017-12-31', 60, { left: '2017-12-31' }));
    expect(at(before, '2027-01-01')).toEqual({ age: ym(67, 0), service: 60, vested: false, normal: [], early: false });
  });

  it('SVC-5 MSEP 2011 active member: retiring 2018-01-01 (last day 2017-12-31) needs 120 months; 2018-02-01 needs 60', () => {
    // Born 1955-01-01, first employed 2012-01-01: 72 months through 2017-12-31, 73 through 2018-01-31.
    const c = ctx('MSEP2011', '1955-01-01', svc('2026-10-31', 178));
    expect(at(c, '2018-01-01')).toEqual({ age: ym(63, 0), service: 72, vested: false, normal: [], early: false });
    expect(at(c, '2018-02-01')).toEqual({ age: ym(63, 1), service: 73, vested: true, normal: [], early: true });
    expect(first(c)).toEqual({ normal: '2022-01-01', rule: 'AGE_67_5', early: '2018-02-01' });
  });
});

describe('BD-1 / BD-2: BackDROP eligibility edges', () => {
  // Active MSEP 2000 member born 1970-01-01, 316 months at 2026-10-31: the Rule of 80 first holds
  // at F = 2025-04-01 (55y3m + 297 months = 960; the month before, 55y2m + 296 = 958).
  const member = { birth: '1970-01-01', hired: '2000-07-01', statement: '2026-10-31', earned: 316 };

  it('BD-1 the member\'s F is 2025-04-01 (RULE_OF_80)', () => {
    const c = ctx('MSEP2000', member.birth, svc(member.statement, member.earned));
    expect(at(c, '2025-03-01')).toEqual({ age: ym(55, 2), service: 296, vested: true, normal: [], early: false });
    expect(at(c, '2025-04-01')).toEqual({ age: ym(55, 3), service: 297, vested: true, normal: ['RULE_OF_80'], early: false });
    expect(first(c)).toEqual({ normal: '2025-04-01', rule: 'RULE_OF_80', early: null });
  });

  it('BD-1 months(F, R) = 23 is not eligible; 24 is, with periods 12 and 24 (BD-2)', () => {
    const r23 = result(estimate({ ...member, r: '2027-03-01' }), 'MSEP2000');
    expect(r23.firstNormalRetirementDate).toBe('2025-04-01');
    expect(r23.backdrop).toEqual({ eligible: false, periods: [] });
    const r24 = result(estimate({ ...member, r: '2027-04-01' }), 'MSEP2000');
    expect(r24.backdrop.eligible).toBe(true);
    expect(r24.backdrop.periods.map((p) => [p.months, p.backdropDate])).toEqual([
      [12, '2026-04-01'],
      [24, '2025-04-01'],
    ]);
  });

  it('BD-2 months(F, R) = 30 allows 12, 24 and exactly 30; 61 allows the whole years only', () => {
    const r30 = result(estimate({ ...member, r: '2027-10-01' }), 'MSEP2000');
    expect(r30.backdrop.periods.map((p) => [p.months, p.backdropDate])).toEqual([
      [12, '2026-10-01'],
      [24, '2025-10-01'],
      [30, '2025-04-01'],
    ]);
    const r61 = result(estimate({ ...member, r: '2030-05-01' }), 'MSEP2000');
    expect(r61.backdrop.periods.map((p) => p.months)).toEqual([12, 24, 36, 48, 60]);
  });

  it('BD-4 exact lump sums at the 24-month edge (FAP 5,000; COLA 2% in 2026, 3% in 2027)', () => {
    const res = result(estimate({ ...member, r: '2027-04-01', colaRates: { '2026': '0.02', '2027': '0.03' } }), 'MSEP2000');
    const byMonths = new Map(res.backdrop.periods.map((p) => [p.months, p]));
    // B = 2026-04-01: 309 months; life 5,000 × 0.017 × 309 / 12 = 2,188.75, temporary 1,030.00;
    // 12 months × 3,218.75 × 90% = 34,762.50; at R one 3% COLA: 2,188.75 + 65.66 = 2,254.41.
    const p12 = byMonths.get(12);
    expect(p12 && [p12.lifeIncomeAnnuity, p12.temporaryMonthly, p12.lumpSum, p12.monthlyAtRetirement]).toEqual(['2188.75', '1030.00', '34762.50', '2254.41']);
    // B = F = 2025-04-01: 297 months; life 2,103.75, temporary 990.00; 2026-04 COLA 2%: 2,145.83
    // and 1,009.80; 90% × (12 × 3,093.75 + 12 × 3,155.63) = 67,493.30; at R 3%: 2,210.20.
    const p24 = byMonths.get(24);
    expect(p24 && [p24.lifeIncomeAnnuity, p24.temporaryMonthly, p24.lumpSum, p24.monthlyAtRetirement]).toEqual(['2103.75', '990.00', '67493.30', '2210.20']);
    // BD-3: the temporary benefit paid from R is the one at B with the COLAs through R:
    // 1,030.00 × 1.03 = 1,060.90; 1,009.80 × 1.03 = 1,040.094 → 1,040.09 (MONEY-2).
    expect([p12?.temporaryAtRetirement, p24?.temporaryAtRetirement]).toEqual(['1060.90', '1040.09']);
  });

  it('BD-1 DATE-5 edge: a member whose last day worked is in the month before R is active and eligible', () => {
    const res = result(estimate({ ...member, r: '2027-04-01', left: '2027-03-15' }), 'MSEP2000');
    // Service through 2027-03-15: the March month end is not reached, 320 months.
    expect(res.serviceMonths.eligibility).toBe(320);
    expect(res.backdrop.eligible).toBe(true);
    expect(res.backdrop.periods.map((p) => p.months)).toEqual([12, 24]);
  });

  it('BD-1 a terminated-vested member is never eligible, even 30 months past F', () => {
    const res = result(estimate({ ...member, r: '2029-01-01', left: '2026-06-30' }), 'MSEP2000');
    expect(res.firstNormalRetirementDate).toBe('2026-07-01');
    expect(res.status).toBe('normal');
    expect(res.backdrop).toEqual({ eligible: false, periods: [] });
  });

  it('BD-1 MSEP 2011 is never eligible, even 60 months past F', () => {
    const res = result(estimate({ birth: '1955-01-01', hired: '2012-01-01', r: '2027-01-01', statement: '2026-10-31', earned: 178 }), 'MSEP2011');
    expect(status(res)).toEqual({ vested: true, status: 'normal', normalRule: 'AGE_67_5', firstNormal: '2022-01-01', firstNormalRule: 'AGE_67_5', firstEarly: '2018-02-01' });
    expect(res.backdrop).toEqual({ eligible: false, periods: [] });
  });
});

describe('BEN-4: temporary benefit edges', () => {
  it('BEN-4 MSEP 2000 Rule of 80: 61y11m at R gets the temporary benefit; 62y0m does not', () => {
    const opts = { birth: '1965-03-01', hired: '2001-01-01', statement: '2027-01-31', earned: 300, fap: '6000.00' };
    const before = result(estimate({ ...opts, r: '2027-02-01' }), 'MSEP2000');
    expect(before.ageAtRetirement).toEqual({ years: 61, months: 11 });
    expect(before.normalRule).toBe('RULE_OF_80');
    // 6,000 × 0.017 × 300 / 12 = 2,550.00; 6,000 × 0.008 × 300 / 12 = 1,200.00 through March 2027.
    expect(before.lifeIncomeAnnuity).toBe('2550.00');
    expect(before.temporaryBenefit).toEqual({ monthly: '1200.00', lastPaymentMonth: '2027-03' });
    const on = result(estimate({ ...opts, r: '2027-03-01' }), 'MSEP2000');
    expect(on.ageAtRetirement).toEqual({ years: 62, months: 0 });
    expect(on.normalRule).toBe('AGE_62_5');
    expect(on.lifeIncomeAnnuity).toBe('2558.50');
    expect(on.temporaryBenefit).toBeNull();
  });

  it('BEN-4 leap-day birth 1964-02-29: 61y11m on 2026-02-01 pays through 2026-02, the 62nd birthday month; none on 2026-03-01', () => {
    const opts = { birth: '1964-02-29', hired: '2002-01-01', statement: '2026-01-31', earned: 280 };
    const before = result(estimate({ ...opts, r: '2026-02-01' }), 'MSEP2000');
    expect(before.ageAtRetirement).toEqual({ years: 61, months: 11 });
    expect(before.normalRule).toBe('RULE_OF_80');
    // 5,000 × 0.017 × 280 / 12 = 1,983.33; 5,000 × 0.008 × 280 / 12 = 933.33.
    expect(before.lifeIncomeAnnuity).toBe('1983.33');
    expect(before.temporaryBenefit).toEqual({ monthly: '933.33', lastPaymentMonth: '2026-02' });
    const on = result(estimate({ ...opts, r: '2026-03-01' }), 'MSEP2000');
    expect(on.ageAtRetirement).toEqual({ years: 62, months: 0 });
    expect(on.normalRule).toBe('AGE_62_5');
    expect(on.temporaryBenefit).toBeNull();
  });

  it('BEN-4 MSEP 2011 Rule of 90: 61y11m at R gets it through the 62nd birthday month; 62y0m does not', () => {
    // Left 2026-12-31 at 60y1m with 359 months: 721 + 359 = 1080 at termination.
    const opts = { birth: '1966-12-01', hired: '2011-03-01', statement: '2026-12-31', earned: 359, left: '2026-12-31', fap: '4000.00' };
    const before = result(estimate({ ...opts, r: '2028-11-01' }), 'MSEP2011');
    expect(before.ageAtRetirement).toEqual({ years: 61, months: 11 });
    expect(before.normalRule).toBe('RULE_OF_90');
    // 4,000 × 0.008 × 359 / 12 = 957.33.
    expect(before.temporaryBenefit).toEqual({ monthly: '957.33', lastPaymentMonth: '2028-12' });
    const on = result(estimate({ ...opts, r: '2028-12-01' }), 'MSEP2011');
    expect(on.normalRule).toBe('RULE_OF_90');
    expect(on.temporaryBenefit).toBeNull();
  });

  it('BEN-4 MSEP never pays a temporary benefit, even under the Rule of 80 before 62', () => {
    const e = estimate({ birth: '1971-08-01', hired: '1995-01-01', r: '2026-08-01', statement: '2026-07-31', earned: 300 });
    const msep = result(e, 'MSEP');
    expect(msep.normalRule).toBe('RULE_OF_80');
    expect(msep.temporaryBenefit).toBeNull();
    // The same member's MSEP 2000 result does get one: 5,000 × 0.008 × 300 / 12 = 1,000.00 to 2033-08.
    const m2000 = result(e, 'MSEP2000');
    expect(m2000.normalRule).toBe('RULE_OF_80');
    expect(m2000.temporaryBenefit).toEqual({ monthly: '1000.00', lastPaymentMonth: '2033-08' });
  });
});
