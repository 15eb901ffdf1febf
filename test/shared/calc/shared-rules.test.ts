// The rule helpers that main, the PDF checklist and the renderer share with the engine.
import { describe, expect, it } from 'vitest';
import type { PlanCode } from '../../../shared/domain/case-schema';
import type { NormalRule } from '../../../shared/domain/estimate-schema';
import { temporaryBenefitApplies } from '../../../shared/calc/benefit';
import { formatDate, parseDate } from '../../../shared/calc/dates';
import { idealWindow } from '../../../shared/calc/deadlines';
import { MSEP2011_CUTOFF, retiresFromActive, terminationDate, vestingMonths } from '../../../shared/calc/eligibility';

describe('shared rule helpers', () => {
  it('DATE-5: active with no last day worked or one in the month before R; terminated otherwise', () => {
    expect(retiresFromActive(null, '2027-06-01')).toBe(true);
    expect(retiresFromActive(undefined, '2027-06-01')).toBe(true);
    expect(retiresFromActive('2027-05-01', '2027-06-01')).toBe(true);
    expect(retiresFromActive('2027-05-31', '2027-06-01')).toBe(true);
    expect(retiresFromActive('2027-04-30', '2027-06-01')).toBe(false);
    expect(retiresFromActive('2026-12-31', '2027-01-01')).toBe(true); // across a year end
    expect(retiresFromActive('2025-12-31', '2027-01-01')).toBe(false);
  });
  it('section 4 "at termination": the first of the month after the last day worked', () => {
    expect(formatDate(terminationDate(parseDate('2027-05-31')))).toBe('2027-06-01');
    expect(formatDate(terminationDate(parseDate('2027-05-15')))).toBe('2027-06-01');
    expect(formatDate(terminationDate(parseDate('2026-12-31')))).toBe('2027-01-01');
  });
  it('SVC-5: the MSEP 2011 cutoff is 2018-01-01; leaving the day before needs 120 months', () => {
    expect(formatDate(MSEP2011_CUTOFF)).toBe('2018-01-01');
    expect(vestingMonths('MSEP2011', parseDate('2017-12-31'))).toBe(120);
    expect(vestingMonths('MSEP2011', parseDate('2018-01-01'))).toBe(60);
  });
  it('PROC-3: the ideal window runs from 120 to 45 days before R', () => {
    expect(idealWindow(parseDate('2026-06-01'))).toEqual({ from: '2026-02-01', to: '2026-04-17' });
    expect(idealWindow(parseDate('2024-03-01'))).toEqual({ from: '2023-11-02', to: '2024-01-16' }); // leap February
  });
  it('BEN-4 / BD-3: temporary benefit under the Rule of 80 (MSEP 2000) or 90 (MSEP 2011), under 62', () => {
    const under62 = 62 * 12 - 1;
    expect(temporaryBenefitApplies('MSEP2000', ['RULE_OF_80'], under62)).toBe(true);
    expect(temporaryBenefitApplies('MSEP2000', ['RULE_OF_80'], 62 * 12)).toBe(false);
    expect(temporaryBenefitApplies('MSEP2000', ['AGE_62_5', 'RULE_OF_80'], 62 * 12)).toBe(false);
    expect(temporaryBenefitApplies('MSEP2011', ['RULE_OF_90'], under62)).toBe(true);
    expect(temporaryBenefitApplies('MSEP', ['RULE_OF_80'], under62)).toBe(false);
    expect(temporaryBenefitApplies('MSEP2000', [], under62)).toBe(false);
  });
  it('BEN-4: the helper equals the former at-R and at-B conditions on every rule set the engine produces', () => {
    // stateAt gives MSEP only AGE_65_5/AGE_60_15/RULE_OF_80, MSEP 2000 AGE_62_5/RULE_OF_80 and
    // MSEP 2011 AGE_67_5/RULE_OF_90; the BackDROP (B) condition is reached for MSEP and MSEP 2000 only.
    const produced: Record<PlanCode, NormalRule[]> = {
      MSEP: ['AGE_65_5', 'AGE_60_15', 'RULE_OF_80'],
      MSEP2000: ['AGE_62_5', 'RULE_OF_80'],
      MSEP2011: ['AGE_67_5', 'RULE_OF_90'],
    };
    const subsets = <T,>(xs: T[]): T[][] => xs.reduce<T[][]>((acc, x) => [...acc, ...acc.map((s) => [...s, x])], [[]]);
    for (const plan of ['MSEP', 'MSEP2000', 'MSEP2011'] as const) {
      for (const rules of subsets(produced[plan])) {
        for (const age of [48 * 12, 62 * 12 - 1, 62 * 12, 70 * 12]) {
          const atR = plan !== 'MSEP' && (rules.includes('RULE_OF_80') || rules.includes('RULE_OF_90')) && age < 62 * 12;
          expect(temporaryBenefitApplies(plan, rules, age), `${plan} ${rules.join('+')} ${age}`).toBe(atR);
          if (plan !== 'MSEP2011') {
            const atB = plan === 'MSEP2000' && rules.includes('RULE_OF_80') && age < 62 * 12;
            expect(temporaryBenefitApplies(plan, rules, age), `B: ${plan} ${rules.join('+')} ${age}`).toBe(atB);
          }
        }
      }
    }
  });
});
