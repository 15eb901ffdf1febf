// RULES.md section 12: the published worked examples EX-1 to EX-13, one named test each.
import { describe, expect, it } from 'vitest';
import { baseBenefit, withMinimum } from '../../../shared/calc/benefit';
import { applyCola, colaFromCpi, newColaStream } from '../../../shared/calc/cola';
import { addMonthsFirst, formatDate, parseDate } from '../../../shared/calc/dates';
import { processDates } from '../../../shared/calc/deadlines';
import { Decimal, money } from '../../../shared/calc/decimal';
import { stateAt } from '../../../shared/calc/eligibility';
import { Lines } from '../../../shared/calc/notes';
import { statutoryJs50Factor } from '../../../shared/calc/options';
import { sickLeaveMonths } from '../../../shared/calc/service';
import { allowedBackdropPeriods } from '../../../shared/calc/estimate';
import { makeCase, resultOf } from '../../fixtures/cases';

const base = (plan: 'MSEP' | 'MSEP2000' | 'MSEP2011', fap: string, months: number) =>
  money(baseBenefit(plan, new Decimal(fap), months, new Lines(), 'test'));

describe('published examples (RULES.md section 12)', () => {
  it('EX-1 / BEN-1: FAP 2,600, 25y3m, MSEP gives 1,050.40', () => {
    expect(base('MSEP', '2600', 25 * 12 + 3)).toBe('1050.40');
  });
  it('EX-2 / BEN-1: FAP 3,000, 15y, MSEP 2000 gives 765.00', () => {
    expect(base('MSEP2000', '3000', 180)).toBe('765.00');
  });
  it('EX-3 / BEN-1: FAP 3,500, 17y6m, MSEP 2011 gives 1,041.25', () => {
    expect(base('MSEP2011', '3500', 210)).toBe('1041.25');
  });
  it('EX-4 / BEN-1: FAP 4,000, 30y, MSEP 2000 gives 2,040.00', () => {
    expect(base('MSEP2000', '4000', 360)).toBe('2040.00');
  });
  it('EX-5 / SVC-4: 2,500 hours give 14 months; 600 hours give 3 months, 96 forfeited', () => {
    expect(sickLeaveMonths(2500)).toEqual({ months: 14, forfeitedHours: 148 });
    expect(sickLeaveMonths(600)).toEqual({ months: 3, forfeitedHours: 96 });
  });
  it('EX-6 / ELIG-2: 51y6m + 28y6m = 80 is normal under MSEP 2000; 61 with 12 years is not', () => {
    const birth = parseDate('1975-05-01');
    const d = parseDate('2026-11-01'); // age 51y6m
    const rec = { asOf: parseDate('2026-10-31'), earnedMonths: 28 * 12 + 6, purchasedMonths: 0, transferredMonths: 0, sickLeaveHours: 0, lastDayWorked: null };
    const s = stateAt({ plan: 'MSEP2000', birth, service: rec, active: true }, d);
    expect(s.ageMonths).toBe(51 * 12 + 6);
    expect(s.normalRules).toEqual(['RULE_OF_80']);
    const older = stateAt({ plan: 'MSEP2000', birth: parseDate('1965-11-01'), service: { ...rec, earnedMonths: 144 }, active: true }, d);
    expect(older.ageMonths + older.serviceMonths).toBe(73 * 12);
    expect(older.normalRules).toEqual([]);
    expect(older.early).toBe(true);
  });
  it('EX-7 / ELIG-3: leaving at 60 with 30 years meets the Rule of 90 (MSEP 2011)', () => {
    const birth = parseDate('1966-12-01');
    const rec = { asOf: parseDate('2026-11-30'), earnedMonths: 360, purchasedMonths: 0, transferredMonths: 0, sickLeaveHours: 0, lastDayWorked: parseDate('2026-11-30') };
    const s = stateAt({ plan: 'MSEP2011', birth, service: rec, active: true }, parseDate('2026-12-01'));
    expect(s.ageAtTerminationMonths).toBe(720);
    expect(s.normalRules).toEqual(['RULE_OF_90']);
  });
  it('EX-8 / BD-2: F 2023-03-01, R 2033-03-01, a 5-year BackDROP gives B 2028-03-01', () => {
    expect(formatDate(addMonthsFirst(parseDate('2033-03-01'), -60))).toBe('2028-03-01');
    expect(allowedBackdropPeriods(120)).toEqual([12, 24, 36, 48, 60]);
    // The engine itself: an active MSEP 2000 member first normal at 62 on 2023-03-01 (AGE_62_5,
    // the Rule of 80 not yet met), retiring 2033-03-01, 120 months past F.
    const r = resultOf(
      makeCase({
        retirementDate: '2033-03-01',
        member: { birthDate: '1961-03-01', firstEmploymentDate: '2010-03-01' },
        service: { asOf: '2026-10-31', earnedMonths: 200, sickLeaveHours: 0 },
      }),
    );
    expect([r.plan, r.firstNormalRetirementDate, r.firstNormalRule]).toEqual(['MSEP2000', '2023-03-01', 'AGE_62_5']);
    expect(r.backdrop.eligible).toBe(true);
    expect(r.backdrop.periods.map((p) => [p.months, p.backdropDate])).toEqual([
      [12, '2032-03-01'],
      [24, '2031-03-01'],
      [36, '2030-03-01'],
      [48, '2029-03-01'],
      [60, '2028-03-01'],
    ]);
  });
  it('EX-9 / PROC-1,2,5: R 2016-05-01 gives application 2016-03-31, election 2016-04-30, payment 2016-05-31', () => {
    const d = processDates(parseDate('2016-05-01'));
    expect(d.applicationDue).toBe('2016-03-31');
    expect(d.electionDue).toBe('2016-04-30');
    expect(d.firstPaymentDate).toBe('2016-05-31');
  });
  it('EX-10 / COLA-1: CPI-U 270.970 → 292.655 is 8.003%, 6.402% after 80%, capped at 5.000%', () => {
    const r = colaFromCpi('270.970', '292.655');
    expect(r.increase.toFixed(3)).toBe('8.003');
    expect(r.uncapped.toFixed(3)).toBe('6.402');
    expect(r.rate.toFixed(3)).toBe('5.000');
  });
  it('EX-11 / COLA-3: an initial $1,000 has a $650 cap; 12 compounded 4% increases reach $1,601.02', () => {
    const s = newColaStream(new Decimal(1000), true);
    expect(s.minimumCap?.toFixed(2)).toBe('650.00');
    for (let i = 0; i < 12; i++) applyCola(s, new Decimal('0.01'));
    expect(money(s.amount)).toBe('1601.02');
    expect(money(s.increases)).toBe('601.02');
    // The 13th year: a full 4% (64.04) would pass the cap, so the part that fits (48.98) is paid
    // unless the plain rate gives more (COLA-3).
    applyCola(s, new Decimal('0.01'));
    expect(money(s.amount)).toBe('1650.00');
    applyCola(s, new Decimal('0.01'));
    expect(money(s.amount)).toBe('1666.50');
  });
  it('EX-12 / OPT-4: statutory JS50 factors', () => {
    expect(statutoryJs50Factor(65, 62).toFixed(4)).toBe('0.8910');
    expect(statutoryJs50Factor(55, 52).toFixed(4)).toBe('0.9120');
    expect(statutoryJs50Factor(60, 65).toFixed(4)).toBe('0.9210');
    expect(statutoryJs50Factor(48, 55).toFixed(4)).toBe('0.9500');
  });
  it('EX-13 / PROC-1,2: the Retirement Guide due-date chart for 2026', () => {
    // Retirement Guide, "Retirement Process Due Dates": R, application due, election form due.
    const chart: [string, string, string][] = [
      ['2026-01-01', '2025-11-30', '2025-12-31'],
      ['2026-02-01', '2025-12-31', '2026-01-31'],
      ['2026-03-01', '2026-01-31', '2026-02-28'],
      ['2026-04-01', '2026-02-28', '2026-03-31'],
      ['2026-05-01', '2026-03-31', '2026-04-30'],
      ['2026-06-01', '2026-04-30', '2026-05-31'],
      ['2026-07-01', '2026-05-31', '2026-06-30'],
      ['2026-08-01', '2026-06-30', '2026-07-31'],
      ['2026-09-01', '2026-07-31', '2026-08-31'],
      ['2026-10-01', '2026-08-31', '2026-09-30'],
      ['2026-11-01', '2026-09-30', '2026-10-31'],
      ['2026-12-01', '2026-10-31', '2026-11-30'],
    ];
    for (const [r, app, election] of chart) {
      const d = processDates(parseDate(r));
      expect({ applicationDue: d.applicationDue, electionDue: d.electionDue }, `R = ${r}`).toEqual({ applicationDue: app, electionDue: election });
    }
  });
  it('BEN-2: the $15 minimum per full year applies before any reduction (MSEP 2000/2011 only)', () => {
    const trace = new Lines();
    expect(money(withMinimum('MSEP2000', new Decimal('100.00'), 10 * 12 + 11, trace))).toBe('150.00');
    expect(money(withMinimum('MSEP', new Decimal('100.00'), 131, trace))).toBe('100.00');
  });
});
