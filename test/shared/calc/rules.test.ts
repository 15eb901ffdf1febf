// One or more tests per rule id of RULES.md; figures are worked by hand in the comments.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCola, colaRateFor, newColaStream } from '../../../shared/calc/cola';
import { addDays, ageAt, dayNumber, formatDate, fromDayNumber, parseDate, parseMonth, tryParseDate } from '../../../shared/calc/dates';
import { isWorkingDay, lastWorkingDay, processDates } from '../../../shared/calc/deadlines';
import { baseBenefit } from '../../../shared/calc/benefit';
import { Decimal, money } from '../../../shared/calc/decimal';
import { finalAveragePay, type PayFacts } from '../../../shared/calc/fap';
import { Lines } from '../../../shared/calc/notes';
import { derivePlan } from '../../../shared/calc/plan';
import { eligibilityServiceThrough } from '../../../shared/calc/service';
import { estimateOf, flatHistory, makeCase, resultOf } from '../../fixtures/cases';

const rules = (lines: { rule: string }[]) => lines.map((l) => l.rule);
const pay = (entries: [string, string][], extra: Partial<PayFacts> = {}): PayFacts => ({
  history: entries.map(([m, a]) => ({ month: parseMonth(m), amount: new Decimal(a) })),
  override: null,
  projection: null,
  ...extra,
});
/** n consecutive months from `from` (YYYY-MM), each paid `amount`. */
const months = (from: string, n: number, amount: string): [string, string][] => {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, k) => {
    const idx = y * 12 + m - 1 + k;
    return [`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`, amount];
  });
};

/** An active MSEP 2011 member, early at 63y6m on 2027-03-01 (ELIG-4, BEN-3), with a spouse. */
const msep2011Early = () =>
  makeCase({
    retirementDate: '2027-03-01',
    member: { birthDate: '1963-08-20', firstEmploymentDate: '2012-03-01' },
    spouse: { birthDate: '1965-02-01' },
    service: { earnedMonths: 175, sickLeaveHours: 0 },
    pay: { history: flatHistory('2026-11', '4000.00') },
  });

/** An active MSEP member first employed before 1997-08-28 (COLA-3), 64y9m with 382 months at R. */
const msepMember = (extra: object = {}) =>
  makeCase({
    retirementDate: '2027-01-01',
    member: { birthDate: '1962-03-15', firstEmploymentDate: '1995-01-09' },
    service: { earnedMonths: 380, sickLeaveHours: 0 },
    pay: { history: flatHistory('2026-10', '6000.00') },
    ...extra,
  });

describe('DATE: calendar dates', () => {
  it('DATE-1: day numbers round-trip and impossible dates are refused', () => {
    fc.assert(fc.property(fc.integer({ min: -50_000, max: 80_000 }), (n) => dayNumber(fromDayNumber(n)) === n));
    expect(tryParseDate('2027-02-29')).toBeNull();
    expect(tryParseDate('2028-02-29')).toEqual({ y: 2028, m: 2, d: 29 });
    expect(formatDate(addDays(parseDate('2027-06-01'), 90))).toBe('2027-08-30');
  });
  it('DATE-2: a retirement date that is not the first of a month is refused', () => {
    expect(() => estimateOf(makeCase({ retirementDate: '2027-06-02' }))).toThrow('retirementDate: must be the first day of a month');
  });
  it('DATE-3: born 1962-05-14 is 62y0m on 2024-06-01 and 62y1m on 2024-06-14', () => {
    expect(ageAt(parseDate('1962-05-14'), parseDate('2024-06-01'))).toEqual({ years: 62, months: 0 });
    expect(ageAt(parseDate('1962-05-14'), parseDate('2024-06-14'))).toEqual({ years: 62, months: 1 });
    // A birth on the 31st completes its month on the last day of a shorter month.
    expect(ageAt(parseDate('1960-01-31'), parseDate('2020-02-29'))).toEqual({ years: 60, months: 1 });
  });
  it('DATE-4: service moves one month per month end, and freezes at the last day worked', () => {
    const rec = { asOf: parseDate('2026-10-31'), earnedMonths: 301, purchasedMonths: 0, transferredMonths: 0, sickLeaveHours: 0, lastDayWorked: null };
    expect(eligibilityServiceThrough(rec, parseDate('2027-05-31'))).toBe(308); // 7 month ends, Nov to May
    expect(eligibilityServiceThrough(rec, parseDate('2027-05-30'))).toBe(307);
    expect(eligibilityServiceThrough(rec, parseDate('2026-05-31'))).toBe(296); // back 5 month ends
    const left = { ...rec, asOf: parseDate('2027-03-15'), earnedMonths: 200, lastDayWorked: parseDate('2025-06-30') };
    expect(eligibilityServiceThrough(left, parseDate('2030-01-31'))).toBe(200); // a statement after leaving holds the final months
    expect(eligibilityServiceThrough(left, parseDate('2024-06-30'))).toBe(188); // projected back from the last day worked
  });
  it('DATE-5: a last day worked in the month before R is active; earlier is terminated-vested', () => {
    const active = resultOf(makeCase({ member: { lastDayWorked: '2027-05-14' } }));
    expect(active.backdrop.eligible).toBe(true);
    expect(active.trace.find((t) => t.rule === 'DATE-5')?.text).toMatch(/active/);
    const deferred = resultOf(makeCase({ member: { lastDayWorked: '2027-04-30' } }));
    expect(deferred.backdrop.eligible).toBe(false);
    expect(deferred.trace.find((t) => t.rule === 'DATE-5')?.text).toMatch(/Terminated-vested/);
  });
});

describe('MONEY: decimal money', () => {
  it('MONEY-1: the base is FAP × multiplier × months / 12 rounded once, exactly as integer arithmetic gives', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 2_000_000 }), fc.integer({ min: 1, max: 600 }), (fapCents, m) => {
        // exact: fapCents × 17 × m / 12000 cents, half up
        const num = BigInt(fapCents) * 17n * BigInt(m);
        const q = (num * 2n + 12_000n) / 24_000n;
        const expected = `${q / 100n}.${String(q % 100n).padStart(2, '0')}`;
        return money(baseBenefit('MSEP2000', new Decimal(fapCents).dividedBy(100), m, new Lines(), 'x')) === expected;
      }),
    );
  });
  it('MONEY-2: an average of exactly half a cent rounds up (1,000.00 and 1,000.01 → 1,000.01)', () => {
    const r = finalAveragePay(pay([['2026-01', '1000.00'], ['2026-02', '1000.01']]), parseMonth('2026-03'), parseMonth('2026-02'), new Lines(), new Lines(), 'x');
    expect(money(r!.fap)).toBe('1000.01');
  });
});

describe('PLAN: membership', () => {
  const plan = (first: string, extra: object = {}) =>
    derivePlan({ birthDate: '1960-01-01', firstEmploymentDate: first, leftBeforeVestingAndReturned: false, returnedAfterBuyout: false, lastDayWorked: null, plan: null, ...extra });
  it('PLAN-1: first employed before 2000-07-01 is MSEP, and the estimate shows MSEP then MSEP 2000', () => {
    expect(plan('2000-06-30')).toBe('MSEP');
    const e = estimateOf(makeCase({ member: { firstEmploymentDate: '1999-01-04' } }));
    expect(e.results.map((r) => r.plan)).toEqual(['MSEP', 'MSEP2000']);
  });
  it('PLAN-2: first employed 2000-07-01 to 2010-12-31, or left before vesting and returned, is MSEP 2000', () => {
    expect(plan('2000-07-01')).toBe('MSEP2000');
    expect(plan('2010-12-31')).toBe('MSEP2000');
    expect(plan('1995-03-01', { leftBeforeVestingAndReturned: true })).toBe('MSEP2000');
  });
  it('PLAN-3: first employed from 2011-01-01, or returned after the 2017 buyout, is MSEP 2011', () => {
    expect(plan('2011-01-01')).toBe('MSEP2011');
    expect(plan('2005-01-01', { returnedAfterBuyout: true })).toBe('MSEP2011');
  });
  it('PLAN-4: an override is noted, and an override to MSEP still shows both plans', () => {
    const e = estimateOf(makeCase({ member: { plan: 'MSEP' } }));
    expect(e.results.map((r) => r.plan)).toEqual(['MSEP', 'MSEP2000']);
    expect(rules(e.results[0]!.notes)).toContain('PLAN-4');
  });
});

describe('SVC: credited service', () => {
  it('SVC-1 / SVC-2 / SVC-3: eligibility = earned + purchased + transferred; benefit adds sick leave', () => {
    const r = resultOf(makeCase({ service: { purchasedMonths: 6, transferredMonths: 4, sickLeaveHours: 1200 } }));
    // 301 + 7 month ends to 2027-05-31 + 6 + 4 = 318; 1200 h = 7 months (1176 h), 24 h forfeited
    expect(r.serviceMonths).toEqual({ eligibility: 318, sickLeave: 7, benefit: 325 });
    // 5,000 × 0.017 × 325 / 12 = 2,302.083… → 2,302.08 (325 months = 27.0833 years, SVC-1)
    expect(r.baseBenefit).toBe('2302.08');
    expect(rules(r.notes)).toContain('ELIG-6'); // purchased months count at every date
  });
  it('SVC-4: a member who left before eligibility loses sick leave under MSEP but keeps it under MSEP 2000', () => {
    const c = makeCase({
      retirementDate: '2035-06-01',
      member: { birthDate: '1970-05-05', firstEmploymentDate: '1998-01-05', lastDayWorked: '2015-06-30' },
      spouse: null,
      service: { asOf: '2015-06-30', earnedMonths: 200, sickLeaveHours: 1000 },
      pay: { history: flatHistory('2015-07', '3500.00') },
    });
    const [msep, m2000] = estimateOf(c).results;
    expect(msep!.serviceMonths).toEqual({ eligibility: 200, sickLeave: 0, benefit: 200 });
    expect(rules(msep!.notes)).toContain('SVC-4');
    expect(m2000!.serviceMonths).toEqual({ eligibility: 200, sickLeave: 5, benefit: 205 });
    expect(msep!.baseBenefit).toBe('933.33'); // 3,500 × 0.016 × 200 / 12
    expect(m2000!.baseBenefit).toBe('1016.46'); // 3,500 × 0.017 × 205 / 12 = 1,016.458…
  });
  it('SVC-4: an active MSEP member not eligible at R (51y9m, 302 months, 1,680 hours) gets no sick leave; MSEP 2000 keeps it', () => {
    // Retiring at R, the member leaves at R: 51y9m + 302 = 923 < 960 and under 55, so not eligible (ELIG-1, ELIG-4).
    const c = makeCase({
      retirementDate: '2027-06-01',
      member: { birthDate: '1975-09-01', firstEmploymentDate: '1999-03-01' },
      spouse: null,
      service: { asOf: '2026-10-31', earnedMonths: 295, sickLeaveHours: 1680 },
      pay: { history: flatHistory('2026-11', '4000.00') },
    });
    const [msep, m2000] = estimateOf(c).results;
    expect(msep!.ageAtRetirement).toEqual({ years: 51, months: 9 });
    expect(msep!.status).toBe('not-eligible');
    expect(msep!.serviceMonths).toEqual({ eligibility: 302, sickLeave: 0, benefit: 302 });
    expect(msep!.notes.find((n) => n.rule === 'SVC-4')?.text).toMatch(/before being eligible/);
    // SVC-4: the restriction follows the plan of each result; 1,680 / 168 = 10 months under MSEP 2000.
    expect(m2000!.serviceMonths).toEqual({ eligibility: 302, sickLeave: 10, benefit: 312 });
  });
  it('SVC-4: an active MSEP 2011 member leaving at R after 2018-01-01 before eligibility gets no sick leave; an eligible one keeps it', () => {
    const c = (birthDate: string) =>
      makeCase({
        retirementDate: '2030-03-01',
        member: { birthDate, firstEmploymentDate: '2012-03-01' },
        spouse: null,
        service: { asOf: '2026-10-31', earnedMonths: 175, sickLeaveHours: 840 },
        pay: { history: flatHistory('2026-11', '4000.00') },
      });
    // 59y0m at R: not 62, no Rule of 90 (708 + 215 = 923): not eligible, no credit.
    expect(resultOf(c('1971-03-01')).serviceMonths).toEqual({ eligibility: 215, sickLeave: 0, benefit: 215 });
    // 62y0m at R: early (ELIG-4), 840 / 168 = 5 months credited.
    expect(resultOf(c('1968-03-01')).serviceMonths).toEqual({ eligibility: 215, sickLeave: 5, benefit: 220 });
  });
  it('SVC-5: an MSEP 2011 member who left before 2018 with 106 months is not vested (120 needed)', () => {
    const r = resultOf(
      makeCase({
        retirementDate: '2042-02-01',
        member: { birthDate: '1975-01-01', firstEmploymentDate: '2011-02-01', lastDayWorked: '2017-05-31' },
        spouse: null,
        service: { asOf: '2017-05-31', earnedMonths: 76, purchasedMonths: 30, sickLeaveHours: 0 },
        pay: { history: flatHistory('2017-06', '3000.00') },
      }),
    );
    expect(r.vested).toBe(false);
    expect(r.status).toBe('not-eligible');
    expect(r.firstNormalRetirementDate).toBeNull();
    expect(r.finalAveragePay).toBeNull();
    expect(r.lifeIncomeAnnuity).toBeNull();
    expect(r.options).toEqual([]);
    expect(r.backdrop).toEqual({ eligible: false, periods: [] });
    expect(r.deadlines.electionDue).toBe('2042-01-31');
    expect(r.notes.find((n) => n.rule === 'ELIG-5')?.text).toMatch(/not vested: 106 of the 120 months/);
  });
});

describe('FAP: final average pay', () => {
  it('FAP-1: the highest 36 consecutive months (4 × 9,000 + 32 × 5,000) / 36 = 5,444.44', () => {
    const h = [...months('2022-01', 4, '9000.00'), ...months('2022-05', 36, '5000.00')];
    const r = finalAveragePay(pay(h), parseMonth('2025-05'), parseMonth('2025-04'), new Lines(), new Lines(), 'x');
    expect(money(r!.fap)).toBe('5444.44');
    expect(r!.window).toEqual({ from: '2022-01', to: '2024-12', months: 36 });
  });
  it('FAP-2: a gap breaks the window; the longest run (24 × 4,000) wins over a later 10 × 6,000, with a note', () => {
    const notes = new Lines();
    const h = [...months('2020-01', 24, '4000.00'), ...months('2022-02', 10, '6000.00')];
    const r = finalAveragePay(pay(h), parseMonth('2022-12'), parseMonth('2022-11'), notes, new Lines(), 'x');
    expect(money(r!.fap)).toBe('4000.00');
    expect(r!.window).toEqual({ from: '2020-01', to: '2021-12', months: 24 });
    expect(rules(notes.items)).toContain('FAP-2');
  });
  it('FAP-3: an entered FAP is used without a history; with both, the history wins and the difference is noted', () => {
    const only = resultOf(makeCase({ pay: { history: [], finalAveragePay: '4321.00' } }));
    expect(only.finalAveragePay).toBe('4321.00');
    expect(only.fapWindow).toBeNull();
    expect(only.backdrop.periods.every((p) => p.finalAveragePay === '4321.00')).toBe(true);
    expect(rules(only.notes)).toContain('FAP-3');
    const both = resultOf(makeCase({ pay: { finalAveragePay: '4321.00' } }));
    expect(both.finalAveragePay).toBe('5000.00');
    expect(both.notes.find((n) => n.rule === 'FAP-3')?.text).toMatch(/4,321.00 was not used/);
  });
  it('FAP-4: the last pay repeats to the projection start, then the projected rate: (32 × 5,000 + 4 × 5,600) / 36 = 5,066.67', () => {
    const notes = new Lines();
    const p = pay(months('2023-07', 36, '5000.00'), { projection: { from: parseMonth('2026-09'), rate: new Decimal('5600.00') } });
    const r = finalAveragePay(p, parseMonth('2027-01'), parseMonth('2026-12'), notes, new Lines(), 'x');
    expect(money(r!.fap)).toBe('5066.67');
    expect(r!.window).toEqual({ from: '2024-01', to: '2026-12', months: 36 });
    expect(rules(notes.items)).toEqual(['FAP-4', 'FAP-4']);
  });
  it('FAP-4: nothing is extended past the month of a terminated member\'s last day worked', () => {
    const p = pay(months('2014-01', 12, '3000.00'));
    const r = finalAveragePay(p, parseMonth('2030-01'), parseMonth('2015-06'), new Lines(), new Lines(), 'x');
    expect(r!.window).toEqual({ from: '2014-01', to: '2015-06', months: 18 });
  });
  it('FAP-5: at a BackDROP date only pay earned before it counts (a raise from 2026-06 is left out)', () => {
    const h = flatHistory('2026-11', '5000.00').map((e) => (e.month >= '2026-06' ? { ...e, amount: '6000.00' } : e));
    const r = resultOf(makeCase({ pay: { history: h } }));
    // At R: 24 × 5,000 + 12 × 6,000 (five reported, seven repeated) = 192,000 / 36 = 5,333.33
    expect(r.finalAveragePay).toBe('5333.33');
    const p12 = r.backdrop.periods.find((p) => p.months === 12)!;
    expect(p12.finalAveragePay).toBe('5000.00');
    expect(p12.fapWindow).toEqual({ from: '2023-11', to: '2026-05', months: 31 });
  });
});

describe('ELIG: eligibility and first dates', () => {
  it('ELIG-1 / ELIG-6: MSEP AGE_60_15 at R; F is the first Rule-of-80 month 2018-10-01, in the past', () => {
    const c = msepMember();
    const [msep, m2000] = estimateOf(c).results;
    // age 64y9m (777 months), service 382: 777 + 382 = 1159; each month back loses 2, so 99 months back gives 961
    expect(msep!.ageAtRetirement).toEqual({ years: 64, months: 9 });
    expect(msep!.serviceMonths.eligibility).toBe(382);
    expect(msep!.normalRule).toBe('AGE_60_15');
    expect(msep!.firstNormalRetirementDate).toBe('2018-10-01');
    expect(msep!.firstNormalRule).toBe('RULE_OF_80');
    expect(m2000!.normalRule).toBe('AGE_62_5');
    expect(msep!.baseBenefit).toBe('3056.00'); // 6,000 × 0.016 × 382 / 12
    expect(m2000!.baseBenefit).toBe('3247.00'); // 6,000 × 0.017 × 382 / 12
  });
  it('ELIG-2 / ELIG-5 / ELIG-7: Rule of 80 at 59y1m with 308 months, F 2025-02-01, with the age-48 note', () => {
    const r = resultOf(makeCase());
    expect(r.status).toBe('normal');
    expect(r.normalRule).toBe('RULE_OF_80');
    expect(r.ageAtRetirement).toEqual({ years: 59, months: 1 });
    // 2025-02-01: 681 + 280 = 961; 2025-01-01: 680 + 279 = 959
    expect(r.firstNormalRetirementDate).toBe('2025-02-01');
    expect(r.firstEarlyRetirementDate).toBeNull();
    expect(rules(r.notes)).toContain('ELIG-7');
  });
  it('ELIG-3 / ELIG-4: MSEP 2011 early at 63y6m; F at 67 (2030-09-01); first early date 2025-09-01', () => {
    const r = resultOf(
      msep2011Early(),
    );
    expect(r.plan).toBe('MSEP2011');
    expect(r.status).toBe('early');
    expect(r.firstNormalRetirementDate).toBe('2030-09-01');
    expect(r.firstNormalRule).toBe('AGE_67_5');
    expect(r.firstEarlyRetirementDate).toBe('2025-09-01');
    expect(r.serviceMonths.eligibility).toBe(179);
  });
  it('ELIG-6: F after R is found as if the member kept working (no last day) or frozen at a given last day, and the notes say which', () => {
    // MSEP 2000, 51y9m at R 2027-06-01 with 257 months (621 + 257 = 878): not eligible at R.
    const c = (lastDayWorked: string | null) =>
      makeCase({
        member: { birthDate: '1975-09-01', firstEmploymentDate: '2005-03-01', lastDayWorked },
        spouse: null,
        service: { earnedMonths: 250, sickLeaveHours: 0 },
      });
    // Kept working: each month adds 2 to age + service; 878 + 2 × 41 = 960 on 2030-11-01 (Rule of 80).
    const working = resultOf(c(null));
    expect(working.firstNormalRetirementDate).toBe('2030-11-01');
    expect(working.firstNormalRule).toBe('RULE_OF_80');
    expect(working.notes.find((n) => n.rule === 'ELIG-6' && n.text.includes('2030-11-01'))?.text).toBe(
      'Interpretation: the first normal retirement date 2030-11-01 is after the retirement date; it is found as if the member kept working past 2027-06-01 (no last day worked is given).',
    );
    // A last day in the month before R freezes service at 257: the Rule of 80 is not met at termination, so F is 62 (2037-09-01).
    const frozen = resultOf(c('2027-05-20'));
    expect(frozen.firstNormalRetirementDate).toBe('2037-09-01');
    expect(frozen.firstNormalRule).toBe('AGE_62_5');
    expect(frozen.firstEarlyRetirementDate).toBe('2032-09-01'); // 57 with 60 months (ELIG-4)
    expect(frozen.notes.find((n) => n.rule === 'ELIG-6' && n.text.includes('2037-09-01'))?.text).toBe(
      'Interpretation: the first early retirement date 2032-09-01 and the first normal retirement date 2037-09-01 are after the retirement date; they are found with service frozen at the last day worked, 2027-05-20, as for a member who left then.',
    );
    // F before R: no such note.
    expect(resultOf(makeCase()).notes.filter((n) => n.rule === 'ELIG-6' && n.text.includes('after the retirement date'))).toEqual([]);
  });
  it('ELIG-4: a terminated MSEP 2011 member can be early only on the first of the month after leaving (from active employment)', () => {
    const r = resultOf(
      makeCase({
        retirementDate: '2027-03-01',
        member: { birthDate: '1963-08-20', firstEmploymentDate: '2012-03-01', lastDayWorked: '2026-06-30' },
        service: { asOf: '2026-06-30', earnedMonths: 172, sickLeaveHours: 0 },
        pay: { history: flatHistory('2026-07', '4000.00') },
      }),
    );
    // Left 2026-06-30 at 62y10m: early on 2026-07-01 only; at R 2027-03-01 the member is not retiring from active employment.
    expect(r.status).toBe('not-eligible');
    expect(r.firstEarlyRetirementDate).toBe('2026-07-01');
    expect(r.notes.find((n) => n.rule === 'ELIG-5')?.text).toMatch(/first date the member can retire is 2030-09-01/);
  });
});

describe('BEN: benefit amounts', () => {
  it('BEN-1 / BEN-4: base 5,000 × 0.017 × 315 / 12 = 2,231.25; temporary 5,000 × 0.008 × 315 / 12 = 1,050.00 to April 2030', () => {
    const r = resultOf(makeCase());
    expect(r.serviceMonths).toEqual({ eligibility: 308, sickLeave: 7, benefit: 315 });
    expect(r.finalAveragePay).toBe('5000.00');
    expect(r.fapWindow).toEqual({ from: '2024-06', to: '2027-05', months: 36 });
    expect(r.multiplier).toBe('0.017');
    expect(r.baseBenefit).toBe('2231.25');
    expect(r.lifeIncomeAnnuity).toBe('2231.25');
    expect(r.temporaryBenefit).toEqual({ monthly: '1050.00', lastPaymentMonth: '2030-04' });
  });
  it('BEN-2: a tiny FAP gets $15 × full years: 15 × 26 = 390.00', () => {
    const r = resultOf(makeCase({ pay: { history: flatHistory('2026-11', '800.00') } }));
    expect(r.baseBenefit).toBe('357.00'); // 800 × 0.017 × 315 / 12
    expect(r.lifeIncomeAnnuity).toBe('390.00'); // 315 months = 26 full years
  });
  it('BEN-3: MSEP 2011 early, 42 months short of 67: 1,014.33 × 0.79 = 801.32', () => {
    const r = resultOf(
      msep2011Early(),
    );
    expect(r.baseBenefit).toBe('1014.33'); // 4,000 × 0.017 × 179 / 12
    expect(r.earlyReduction).toEqual({ months: 42, factor: '0.7900' });
    expect(r.lifeIncomeAnnuity).toBe('801.32');
    expect(r.temporaryBenefit).toBeNull();
  });
  it('BEN-3: MSEP early reduction counts to the Rule-of-80 age of the frozen service', () => {
    // born 1970-01-01, 150 months at R 2027-01-01 (age 57y0m = 684): unreduced ages 65 (780) or 960 − 150 = 810 → 780; 96 months
    const r = resultOf(
      makeCase({
        retirementDate: '2027-01-01',
        member: { birthDate: '1970-01-01', firstEmploymentDate: '1999-06-01', lastDayWorked: '2026-12-31' },
        spouse: null,
        service: { asOf: '2026-12-31', earnedMonths: 150, sickLeaveHours: 0 },
        pay: { history: flatHistory('2027-01', '3000.00') },
      }),
      'MSEP',
    );
    expect(r.status).toBe('early');
    expect(r.earlyReduction).toEqual({ months: 96, factor: '0.5200' });
    expect(r.baseBenefit).toBe('600.00'); // 3,000 × 0.016 × 150 / 12
    expect(r.lifeIncomeAnnuity).toBe('312.00');
  });
});

describe('OPT: payment options', () => {
  it('OPT-1 / OPT-2: LIFE pays the life annuity with no survivor; JS50 needs a spouse', () => {
    const r = resultOf(makeCase());
    expect(r.options[0]).toEqual({ code: 'LIFE', factor: '1.0000', monthly: '2231.25', survivorMonthly: null, basis: 'plan' });
    const single = resultOf(makeCase({ spouse: null }));
    expect(single.options.map((o) => o.code)).toEqual(['LIFE']);
  });
  it('OPT-3: MSEP JS50 is unreduced, survivor half', () => {
    const c = msepMember();
    const msep = resultOf(c, 'MSEP');
    expect(msep.options.find((o) => o.code === 'JS50')).toEqual({ code: 'JS50', factor: '1.0000', monthly: '3056.00', survivorMonthly: '1528.00', basis: 'statute' });
  });
  it('OPT-4: MSEP 2000 JS50 at 59 with a spouse of 57: 90% + 0.9% − 0.6% = 90.3%, 2,231.25 × 0.903 = 2,014.82', () => {
    const r = resultOf(makeCase());
    expect(r.options[1]).toEqual({ code: 'JS50', factor: '0.9030', monthly: '2014.82', survivorMonthly: '1007.41', basis: 'statute' });
    expect(rules(r.notes)).toContain('OPT-4');
  });
});

describe('BD: BackDROP', () => {
  it('BD-1 / BD-2: 28 months past F allows 12, 24 and exactly 28 months; the selected one is marked', () => {
    const r = resultOf(makeCase({ backdrop: { months: 28 } }));
    expect(r.backdrop.eligible).toBe(true);
    expect(r.backdrop.periods.map((p) => [p.months, p.backdropDate, p.selected])).toEqual([
      [12, '2026-06-01', false],
      [24, '2025-06-01', false],
      [28, '2025-02-01', true],
    ]);
  });
  it('BD-1: MSEP 2011 and terminated members get no BackDROP', () => {
    const terminated = resultOf(makeCase({ member: { lastDayWorked: '2027-03-31' } }));
    expect(terminated.backdrop).toEqual({ eligible: false, periods: [] });
    expect(() => estimateOf(makeCase({ member: { lastDayWorked: '2027-03-31' }, backdrop: { months: 12 } }))).toThrow(
      'backdrop.months: the member is not eligible for a BackDROP (BD-1): clear the BackDROP period (choose "No BackDROP")',
    );
  });
  it('BD-2: a period that is not allowed is refused with the allowed list', () => {
    expect(() => estimateOf(makeCase({ backdrop: { months: 36 } }))).toThrow('backdrop.months: must be an allowed BackDROP period (BD-2): 12, 24, 28');
  });
  it('BD-2: a period BD-2 allows but with no pay before its BackDROP date is refused saying what is missing', () => {
    // Pay from 2025-06 only: the 24- and 28-month BackDROP dates (2025-06-01, 2025-02-01) have no pay before them.
    const c = makeCase({ pay: { history: flatHistory('2026-11', '5000.00', 17) }, backdrop: { months: 24 } });
    expect(() => estimateOf(c)).toThrow(
      'backdrop.months: no pay is recorded before the BackDROP date 2025-06-01 (FAP-5): enter the pay history back to 2022-06 or a final average pay',
    );
    const shown = resultOf({ ...c, backdrop: null });
    expect(shown.backdrop.periods.map((p) => p.months)).toEqual([12]);
    expect(shown.notes.filter((n) => n.rule === 'BD-2').map((n) => n.text)).toContain(
      'The 24-month BackDROP is not shown: no pay is recorded before its BackDROP date 2025-06-01 and there is no entered final average pay.',
    );
  });
  it('BD-3 / BD-4 / COLA-2: 12 months — 2,146.25 + temporary 1,010.00; COLA at R gives 2,196.88; lump 90% × 12 × 3,156.25 = 34,087.50', () => {
    const p = resultOf(makeCase()).backdrop.periods.find((x) => x.months === 12)!;
    expect(p.serviceMonths).toEqual({ eligibility: 296, sickLeave: 7, benefit: 303 });
    expect(p.lifeIncomeAnnuity).toBe('2146.25'); // 5,000 × 0.017 × 303 / 12
    expect(p.temporaryMonthly).toBe('1010.00'); // 5,000 × 0.008 × 303 / 12
    expect(p.monthlyAtRetirement).toBe('2196.88'); // + 2.359% of 2,146.25 = 50.63
    expect(p.lumpSum).toBe('34087.50');
  });
  it('BD-4 / COLA-2: 24 months — COLAs on 2026-06-01 and 2027-06-01 on life and temporary; lump 66,247.20', () => {
    const p = resultOf(makeCase()).backdrop.periods.find((x) => x.months === 24)!;
    // life 2,061.25 → 2,109.87 → 2,159.64; temporary 970.00 → 992.88
    expect(p.lifeIncomeAnnuity).toBe('2061.25');
    expect(p.temporaryMonthly).toBe('970.00');
    expect(p.monthlyAtRetirement).toBe('2159.64');
    // 12 × (2,061.25 + 970.00) + 12 × (2,109.87 + 992.88) = 73,608.00 × 0.9
    expect(p.lumpSum).toBe('66247.20');
    expect(rules(resultOf(makeCase()).notes)).toContain('BD-3');
  });
});

describe('COLA: cost-of-living adjustments', () => {
  it('COLA-1: the table, the case\'s rates, the assumption and the latest-rate default', () => {
    const notes = new Lines();
    const s = { rates: { '2025': '0.01' }, assumption: null };
    expect(colaRateFor(2024, s, notes).toString()).toBe('0.03293');
    expect(colaRateFor(2025, s, notes).toString()).toBe('0.01');
    expect(colaRateFor(2022, s, notes).toString()).toBe('0.03758');
    expect(notes.items[0]?.text).toMatch(/not verified/);
    expect(colaRateFor(2031, { rates: {}, assumption: '0.02' }, notes).toString()).toBe('0.02');
    expect(colaRateFor(2031, s, notes).toString()).toBe('0.02359');
  });
  it('COLA-1: a case\'s assumption sets the rate at R: MSEP 2000 12-month BackDROP 3,145.00 + 3% = 3,239.35', () => {
    const p = resultOf(msepMember({ colaAssumption: '0.03' }), 'MSEP2000').backdrop.periods[0]!;
    expect(p.lifeIncomeAnnuity).toBe('3145.00'); // 6,000 × 0.017 × 370 / 12
    expect(p.monthlyAtRetirement).toBe('3239.35');
  });
  it('COLA-3: an MSEP member first employed before 1997-08-28 gets the 4% minimum inside the BackDROP; MSEP 2000 gets the plain rate', () => {
    const c = msepMember({ colaRates: { '2027': '0.01' } });
    const msep = resultOf(c, 'MSEP').backdrop.periods[0]!;
    expect(msep.lifeIncomeAnnuity).toBe('2960.00'); // 6,000 × 0.016 × 370 / 12
    expect(msep.monthlyAtRetirement).toBe('3078.40'); // 4% minimum
    expect(msep.lumpSum).toBe('31968.00'); // 90% × 12 × 2,960.00
    const m2000 = resultOf(c, 'MSEP2000').backdrop.periods[0]!;
    expect(m2000.monthlyAtRetirement).toBe('3176.45'); // 1% plain
    expect(m2000.lumpSum).toBe('33966.00');
  });
  it('COLA-3 / MONEY-2: the cap year adds the room under a cap rounded to cents: 1,000.01 → cap 650.01, 1,601.03 + 48.99 = 1,650.02', () => {
    const s = newColaStream(new Decimal('1000.01'), true);
    expect(s.minimumCap?.toString()).toBe('650.01'); // 650.0065 rounded half up
    for (let k = 0; k < 12; k++) applyCola(s, new Decimal('0.04'));
    expect(money(s.amount)).toBe('1601.03'); // twelve 4% increases, each rounded: 601.02 added
    applyCola(s, new Decimal('0.01')); // a 4% would pass the cap; the room 48.99 is more than the plain 1% (16.01)
    expect(s.amount.toString()).toBe('1650.02');
    applyCola(s, new Decimal('0.02')); // after the cap year, the plain rate: 33.00
    expect(s.amount.toString()).toBe('1683.02');
  });
  it('COLA-3 / COLA-4 / BD-4: the in-service cap year leaves no fraction of a cent: life 5,524.50 (not 5,524.49), 12-month lump 56,841.26 (not 56,841.22)', () => {
    // Pre-1997 MSEP member, 65 and vested first on 2012-02-01; in-service COLAs on each 1 February:
    // 2013–2024 at the 4% minimum, 2025 the cap year, 2026 and 2027 plain. FAP 7,888.67 flat.
    const colaRates: Record<string, string> = { '2025': '0.01', '2026': '0.01086041', '2027': '0.00929827', '2028': '0.02' };
    for (let y = 2013; y <= 2024; y++) colaRates[String(y)] = '0.04';
    const r = resultOf(
      makeCase({
        asOf: '2026-11-30',
        retirementDate: '2028-01-01',
        member: { birthDate: '1947-01-10', firstEmploymentDate: '1996-01-02' },
        spouse: null,
        service: { asOf: '2026-11-30', earnedMonths: 299, sickLeaveHours: 0 },
        pay: { history: flatHistory('2026-12', '7888.67') },
        colaRates,
      }),
      'MSEP',
    );
    // At R: 7,888.67 × 0.016 × 312 / 12 = 3,281.69; the cap is 0.65 × 3,281.69 = 2,133.0985 → 2,133.10 (MONEY-2),
    // so 2025 brings the amount to exactly 5,414.79; 2026 +58.81 = 5,473.60; 2027 +50.90 = 5,524.50.
    expect(r.baseBenefit).toBe('3281.69');
    expect(r.lifeIncomeAnnuity).toBe('5524.50');
    // 12-month BackDROP, B = 2027-01-01: 300 months, base 3,155.47, cap 2,051.0555 → 2,051.06; 2025 gives 5,206.53,
    // 2026 +56.55 = 5,263.08; lump 90% × 12 × 5,263.08 = 56,841.264 → 56,841.26.
    const p = r.backdrop.periods.find((x) => x.months === 12)!;
    expect(p.lifeIncomeAnnuity).toBe('5263.08');
    expect(p.lumpSum).toBe('56841.26');
  });
  it('COLA-4: an MSEP member working past 65 gets in-service COLAs on each anniversary of the first date at 65', () => {
    // born 1960-01-10; 65 and vested first on 2025-02-01; anniversary 2026-02-01 (rate 2026 = 2%) before R 2027-01-01
    const r = resultOf(
      makeCase({
        retirementDate: '2027-01-01',
        member: { birthDate: '1960-01-10', firstEmploymentDate: '1999-01-04' },
        service: { earnedMonths: 300, sickLeaveHours: 0 },
        pay: { history: flatHistory('2026-10', '4000.00') },
        colaRates: { '2026': '0.02' },
      }),
      'MSEP',
    );
    // 4,000 × 0.016 × 302 / 12 = 1,610.67; + 2% (32.21) = 1,642.88
    expect(r.baseBenefit).toBe('1610.67');
    expect(r.lifeIncomeAnnuity).toBe('1642.88');
    expect(rules(r.notes)).toContain('COLA-4');
  });
});

describe('PROC: process dates', () => {
  it('PROC-1 / PROC-2 / PROC-4: R 2027-06-01 — earliest 2027-02-01, due 2027-04-30, election 2027-05-31, void after 2027-08-30', () => {
    const d = processDates(parseDate('2027-06-01'));
    expect(d).toMatchObject({ applicationEarliest: '2027-02-01', applicationDue: '2027-04-30', electionDue: '2027-05-31', voidAfter: '2027-08-30' });
    expect(processDates(parseDate('2027-01-01')).applicationDue).toBe('2026-11-30');
    expect(processDates(parseDate('2028-03-01')).electionDue).toBe('2028-02-29');
  });
  it('PROC-5: May 2027 ends on Memorial Day, so the payment is Friday 2027-05-28; December 2021 pays on the 30th', () => {
    expect(processDates(parseDate('2027-05-01')).firstPaymentDate).toBe('2027-05-28');
    expect(formatDate(lastWorkingDay(2021, 12))).toBe('2021-12-30');
    expect(isWorkingDay(parseDate('2021-12-31'))).toBe(false); // New Year's Day 2022 observed
    expect(isWorkingDay(parseDate('2026-06-19'))).toBe(false); // Juneteenth, a Friday
    expect(isWorkingDay(parseDate('2027-07-05'))).toBe(false); // July 4 on a Sunday, observed Monday
  });
});

describe('OPT-5: options priced on a basis', () => {
  it('OPT-5: warns when a basis-priced JS100 pays more than the statutory JS50 (mixed sources)', () => {
    // A stand-in basis whose JS100 factor 0.95 beats the statutory 0.903 (OPT-4) for this couple.
    const pricer = { isKnown: () => true, pricerFor: () => ({ basisId: 'TEST-BASIS', basisName: 'test', factors: () => ({ JS100: new Decimal('0.95'), C120: new Decimal('0.98'), C180: new Decimal('0.97') }) }) };
    const r = resultOf(makeCase(), undefined, pricer);
    expect(r.options.find((o) => o.code === 'JS100')?.monthly).toBe('2119.69'); // 2,231.25 × 0.95 = 2,119.6875
    expect(r.notes.find((n) => n.rule === 'OPT-5' && n.text.includes('exceeds the statutory JS50'))?.text).toMatch(/JS100 amount at retirement \(2,119.69\) exceeds the statutory JS50 amount \(2,014.82\)/);
  });
});

describe('SURV-1: death before retirement', () => {
  const pricer = { isKnown: () => true, pricerFor: () => ({ basisId: 'TEST-BASIS', basisName: 'test', factors: () => ({ JS100: new Decimal('0.8'), C120: new Decimal('0.98'), C180: new Decimal('0.97') }) }) };
  it('SURV-1: the spouse gets the unreduced base × the JS100 factor at the ages at R, with no temporary benefit', () => {
    const r = resultOf(makeCase(), undefined, pricer);
    expect(r.preRetirementDeath).toEqual({ spouseMonthly: '1785.00', basis: 'TEST-BASIS' }); // 2,231.25 × 0.8
  });
  it('SURV-1: an early retiree\'s spouse is paid on the unreduced amount (1,014.33 × 0.8 = 811.46), and no spouse means none', () => {
    const early = msep2011Early();
    expect(resultOf(early, undefined, pricer).preRetirementDeath?.spouseMonthly).toBe('811.46');
    expect(resultOf(makeCase({ spouse: null }), undefined, pricer).preRetirementDeath).toBeNull();
  });
});
