// TAX-1, TAX-2, CONTRIB-1, CONTRIB-2: the deductions basis, net monthly figures and the MSEP 2011
// contribution account. Figures are worked by hand in the comments.
import { describe, expect, it } from 'vitest';
import { contributionAccount, minimumReturnRemainder, refundAvailability } from '../../../shared/calc/contributions';
import { Decimal, money } from '../../../shared/calc/decimal';
import { DEDUCTIONS_BASES, deductionsBasisFor } from '../../../shared/calc/deductions-basis';
import { parseMonth } from '../../../shared/calc/dates';
import { federalMonthlyWithholding, missouriFormulaMonthly, NO_ELECTION } from '../../../shared/calc/withholding';
import { parseCase } from '../../../shared/domain/validate';
import type { CaseInput } from '../../../shared/domain/case-schema';
import { estimateSchema } from '../../../shared/domain/estimate-schema';
import { estimateOf, makeCase, resultOf } from '../../fixtures/cases';

const D = (s: string) => new Decimal(s);
const basis = deductionsBasisFor(2026)!;

describe('TAX: the deductions basis', () => {
  it('TAX-2: the 2026 basis is immutable, cites its sources, and no other year is filled in', () => {
    expect(basis.id).toBe('US-MO-2026');
    expect(Object.isFrozen(basis) && Object.isFrozen(basis.federal.standard.single) && Object.isFrozen(basis.federal.standard.single[1])).toBe(true);
    expect(basis.federal.sources.join(' ')).toMatch(/Publication 15-T \(2026\)/);
    expect(deductionsBasisFor(2025)).toBeNull();
    expect(deductionsBasisFor(2027)).toBeNull();
    expect(Object.keys(DEDUCTIONS_BASES)).toEqual(['2026']);
  });
  it('TAX-2: the 2026 rows as printed in Publication 15-T (single and head of household, STANDARD)', () => {
    const flat = (rows: readonly { over: string; base: string; rate: string }[]) => rows.map((r) => `${r.over}/${r.base}/${r.rate}`);
    expect(flat(basis.federal.standard.single)).toEqual(['0/0/0', '7500/0/0.10', '19900/1240/0.12', '57900/5800/0.22', '113200/17966/0.24', '209275/41024/0.32', '263725/58448/0.35', '648100/192979.25/0.37']);
    expect(flat(basis.federal.standard.head)).toEqual(['0/0/0', '15550/0/0.10', '33250/1770/0.12', '83000/7740/0.22', '121250/16155/0.24', '217300/39207/0.32', '271750/56631/0.35', '656150/191171/0.37']);
  });
  it('TAX-2: each schedule row\'s base is the tax on the rows below it (the schedules are consistent)', () => {
    for (const [status, rows] of Object.entries(basis.federal.standard)) {
      for (let i = 1; i < rows.length; i++) {
        const prev = rows[i - 1]!;
        const expected = D(prev.base).plus(D(rows[i]!.over).minus(prev.over).times(prev.rate));
        expect(`${status} ${rows[i]!.over}: ${expected.toString()}`).toBe(`${status} ${rows[i]!.over}: ${D(rows[i]!.base).toString()}`);
      }
    }
  });
});

describe('TAX-2: federal withholding, Publication 15-T Worksheet 1B (monthly pension)', () => {
  const e = (over: Partial<typeof NO_ELECTION>) => ({ ...NO_ELECTION, ...over });
  it('TAX-2 hand-worked: married, 3,281.25 a month: 39,375 − 12,900 = 26,475; 10% of 7,175 = 717.50 / 12 = 59.79', () => {
    const w = federalMonthlyWithholding(basis, D('3281.25'), e({ filingStatus: 'married' }));
    expect(w.monthly && money(w.monthly)).toBe('59.79');
  });
  it('TAX-2 no election: single, 2,231.25: 26,775 − 8,600 = 18,175; 10% of 10,675 = 1,067.50 / 12 = 88.96', () => {
    expect(money(federalMonthlyWithholding(basis, D('2231.25'), NO_ELECTION).monthly!)).toBe('88.96');
  });
  it('TAX-2 single in the 22% row, 6,000.00: 72,000 − 8,600 = 63,400; 5,800 + 22% of 5,500 = 7,010 / 12 = 584.17', () => {
    expect(money(federalMonthlyWithholding(basis, D('6000.00'), NO_ELECTION).monthly!)).toBe('584.17');
  });
  it('TAX-2 Step 3 credits lower withholding not below zero; Step 4(c) is added; Step 4(a)/(b) move the annual amount', () => {
    expect(money(federalMonthlyWithholding(basis, D('2231.25'), e({ credits: D('2400'), extraWithholding: D('50') })).monthly!)).toBe('50.00');
    // + 12,000 other income: 30,175 → 1,240 + 12% of 10,275 = 2,473 / 12 = 206.08
    expect(money(federalMonthlyWithholding(basis, D('2231.25'), e({ otherIncome: D('12000') })).monthly!)).toBe('206.08');
    // − 10,000 deductions: 8,175 → 10% of 675 = 67.50 / 12 = 5.63
    expect(money(federalMonthlyWithholding(basis, D('2231.25'), e({ deductions: D('10000') })).monthly!)).toBe('5.63');
    // Head of household: 18,175 → 10% of 2,625 = 262.50 / 12 = 21.88
    expect(money(federalMonthlyWithholding(basis, D('2231.25'), e({ filingStatus: 'head' })).monthly!)).toBe('21.88');
    expect(money(federalMonthlyWithholding(basis, D('2231.25'), e({ noWithholding: true })).monthly!)).toBe('0.00');
  });
  it('TAX-2 (the IRS Tax Withholding Estimator\'s Worksheet 1B test, single, 5,000 a month): line 1g 8,600, adjusted annual payment 51,400; 2026 tentative 5,020, 418.33', () => {
    // IRS-Public/tax-withholding-estimator, "Verifying single pension manual calculations from Pub 15T
    // Worksheet 1B": income 60,000, line 1g 8,600, adjusted annual payment 51,400 (the same in 2026),
    // line 2j 5,162 on the 2025 schedule (1,192.50 + 12% of 33,075 = 5,161.50, shown in dollars).
    // On the 2026 schedule: 1,240 + 12% of 31,500 = 5,020 / 12 = 418.33.
    const w = federalMonthlyWithholding(basis, D('5000'), NO_ELECTION);
    expect(w.monthly && [money(w.adjustedAnnual), money(w.tentativeAnnual), money(w.monthly)]).toEqual(['51400.00', '5020.00', '418.33']);
  });
  it('TAX-2 W-4P Step 2(b)(iii) (Worksheet 1B Step 2 Parts I to III): single 2,231.25 beside 30,000 of job income: 267.75', () => {
    // 1i = 26,775 − 8,600 = 18,175. Part I: 30,000 − 8,600 = 21,400: 1,240 + 12% of 1,500 = 1,420.
    // Part II: 30,000 + 18,175 = 48,175: 1,240 + 12% of 28,275 = 4,633. 4,633 − 1,420 = 3,213 / 12 = 267.75
    expect(money(federalMonthlyWithholding(basis, D('2231.25'), e({ step2Income: D('30000') })).monthly!)).toBe('267.75');
    // Married, 3,281.25 beside a 10,000 pension: 1i = 26,475. Part I: 10,000 − 12,900 < 0: 0.
    // Part II: 36,475: 10% of 17,175 = 1,717.50 / 12 = 143.125, 143.13
    expect(money(federalMonthlyWithholding(basis, D('3281.25'), e({ filingStatus: 'married', step2Income: D('10000') })).monthly!)).toBe('143.13');
    // Step 3 comes off the annual amount after Part III: (3,213 − 2,000) / 12 = 101.08
    expect(money(federalMonthlyWithholding(basis, D('2231.25'), e({ step2Income: D('30000'), credits: D('2000') })).monthly!)).toBe('101.08');
  });
});

describe('TAX-1 / TAX-2: the net block in the estimate', () => {
  const elections = { federal: { filingStatus: 'married' as const }, premiums: { optionalLife: '25.00', dependentChildLife: true, health: '310.50' } };
  it('a case without elections is unchanged (no net block)', () => {
    const r = resultOf(makeCase());
    expect(r.options.every((o) => !('net' in o))).toBe(true);
  });
  it('LIFE until 62 (with the temporary benefit) and after: 3,281.25 − 59.79 − 25.00 − 2.00 − 310.50 = 2,883.96; then 2,231.25 − 0 − 337.50 = 1,893.75', () => {
    const est = estimateOf(makeCase({ asOf: '2026-11-23', elections }));
    expect(estimateSchema.safeParse(JSON.parse(JSON.stringify(est))).success).toBe(true);
    const life = est.results[0]!.options.find((o) => o.code === 'LIFE')!;
    expect(life.net).toEqual({
      basis: 'US-MO-2026',
      taxYear: 2026,
      periods: [
        // TAX-1 formula (no MO W-4P, as single): 39,375 − 16,100 = 23,275; 263 + 4.7% of 13,839 = 913.43 / 12 = 76.12, 76
        { from: '2027-06', through: '2030-04', gross: '3281.25', federalWithholding: '59.79', missouriWithholding: null, missouriFormula: '76.00', missouriExemption: null, optionalLife: '25.00', dependentChildLife: '2.00', health: '310.50', net: '2883.96' },
        // 26,775 − 16,100 = 10,675; 263 + 4.7% of 1,239 = 321.23 / 12 = 26.77, 27
        { from: '2030-05', through: null, gross: '2231.25', federalWithholding: '0.00', missouriWithholding: null, missouriFormula: '27.00', missouriExemption: null, optionalLife: '25.00', dependentChildLife: '2.00', health: '310.50', net: '1893.75' },
      ],
    });
    const notes = est.results[0]!.notes.map((n) => `${n.rule}: ${n.text}`);
    expect(notes.some((n) => n.startsWith('TAX-2: There is no deductions basis for tax year 2027'))).toBe(true);
    expect(notes.some((n) => n.startsWith('TAX-1: No Form MO W-4P election on file'))).toBe(true);
    expect(notes.some((n) => n.startsWith('TAX-1: Missouri formula (missouriFormula): the Department of Revenue 2026 withholding formula') && n.includes('before the public pension exemption'))).toBe(true);
    // Every BackDROP period's options carry their own net block, with the temporary benefit at R (BD-3).
    const p = est.results[0]!.backdrop.periods[0]!;
    expect(p.options[0]!.net!.periods[0]!.gross).toBe(money(D(p.monthlyAtRetirement).plus(p.temporaryAtRetirement!)));
  });
  it('TAX-2: a year with no basis, before or now, gives no net block and says so', () => {
    const est = estimateOf(makeCase({ asOf: '2027-11-23', retirementDate: '2028-06-01', service: { asOf: '2027-10-31' }, pay: { history: [{ month: '2027-10', amount: '5000.00' }], finalAveragePay: '5000.00' }, elections }));
    expect(est.results[0]!.options.every((o) => o.net === undefined)).toBe(true);
    expect(est.results[0]!.notes.some((n) => n.text === 'There is no deductions basis for tax year 2028 or 2027: no net figures are shown.')).toBe(true);
  });
  it('TAX-2: no federal election on file withholds as single', () => {
    const est = estimateOf(makeCase({ elections: { federal: null } }));
    const life = est.results[0]!.options.find((o) => o.code === 'LIFE')!;
    // 3,281.25: 39,375 − 8,600 = 30,775; 1,240 + 12% of 10,875 = 2,545 / 12 = 212.08
    expect(life.net!.periods[0]!.federalWithholding).toBe('212.08');
    expect(life.net!.periods[0]!.net).toBe('3069.17');
  });
});

describe('TAX-1: Missouri, the Department of Revenue 2026 withholding formula and Form MO W-4P', () => {
  const mo = basis.missouri!;
  it('TAX-1: the 2026 formula as published: standard deductions and the annual table with its whole-dollar running totals', () => {
    expect(mo.standardDeduction).toEqual({ single: '16100', marriedSpouseWorks: '16100', marriedSpouseDoesNotWork: '32200', head: '24150' });
    expect(mo.brackets.map((r) => `${r.over}/${r.base}/${r.rate}`)).toEqual(['0/0/0', '1348/0/0.02', '2696/27/0.025', '4044/61/0.03', '5392/101/0.035', '6740/148/0.04', '8088/202/0.045', '9436/263/0.047']);
    expect(mo.publicPensionExemptionCeiling).toBeNull(); // the 2026 ceiling is not published: never another year's
    expect(mo.sources.join(' ')).toMatch(/2026 Missouri Withholding Tax Formula/);
  });
  it('TAX-1 (the Department of Revenue example): 35,000 a year, married with a working spouse: 707.81 a year, 59.00 a month', () => {
    // 35,000 − 16,100 = 18,900; 263 + 4.7% of 9,464 = 707.808, 707.81; / 12 = 58.98, rounded to 59
    const f = missouriFormulaMonthly(mo, 'marriedSpouseWorks', D('35000').dividedBy(12));
    expect([money(f.taxable), money(f.annualTax), money(f.monthly), f.exemption]).toEqual(['18900.00', '707.81', '59.00', null]);
  });
  it('TAX-1 hand-worked: the filing status sets the deduction; under it nothing is due', () => {
    // Head of household, 3,000.00: 36,000 − 24,150 = 11,850; 263 + 4.7% of 2,414 = 376.46 / 12 = 31.37, 31
    expect(money(missouriFormulaMonthly(mo, 'head', D('3000.00')).monthly)).toBe('31.00');
    // Spouse does not work, 3,000.00: 36,000 − 32,200 = 3,800; 27 + 2.5% of 1,104 = 54.60 / 12 = 4.55, 5
    expect(money(missouriFormulaMonthly(mo, 'marriedSpouseDoesNotWork', D('3000.00')).monthly)).toBe('5.00');
    expect(money(missouriFormulaMonthly(mo, 'single', D('1341.66')).annualTax)).toBe('0.00'); // 16,099.92 under 16,100
  });
  it('TAX-1: with a year\'s exemption ceiling the public pension is subtracted first (the whole payment up to it)', () => {
    const withCeiling = { ...mo, publicPensionExemptionCeiling: '47000' };
    // 5,000.00: 60,000 − 47,000 − 16,100 < 0: nothing
    expect(missouriFormulaMonthly(withCeiling, 'single', D('5000.00'))).toMatchObject({ exemption: D('47000') });
    expect(money(missouriFormulaMonthly(withCeiling, 'single', D('5000.00')).monthly)).toBe('0.00');
    // 6,000.00: 72,000 − 47,000 − 16,100 = 8,900; 202 + 4.5% of 812 = 238.54 / 12 = 19.88, 20
    expect(money(missouriFormulaMonthly(withCeiling, 'single', D('6000.00')).monthly)).toBe('20.00');
    // Under the ceiling the exemption is the payment itself
    expect(money(missouriFormulaMonthly(withCeiling, 'single', D('2000.00')).exemption!)).toBe('24000.00');
  });
  const elections = (missouri: unknown) => ({ federal: { filingStatus: 'married' as const }, missouri, premiums: { optionalLife: '25.00', dependentChildLife: true, health: '310.50' } });
  it('TAX-1: the MO W-4P line 2 amount is withheld and lowers the net; the formula follows the filing status given', () => {
    const est = estimateOf(makeCase({ asOf: '2026-11-23', elections: elections({ monthlyAmount: '80.00', filingStatus: 'marriedSpouseDoesNotWork' }) as never }));
    const p = est.results[0]!.options.find((o) => o.code === 'LIFE')!.net!.periods[0]!;
    // 3,281.25 − 59.79 − 80.00 − 337.50 = 2,803.96; formula: 39,375 − 32,200 = 7,175; 148 + 4% of 435 = 165.40 / 12 = 13.78, 14
    expect([p.missouriWithholding, p.net, p.missouriFormula]).toEqual(['80.00', '2803.96', '14.00']);
    expect(est.results[0]!.notes.some((n) => n.text === 'Form MO W-4P line 2: $80.00 of Missouri income tax is withheld each month.')).toBe(true);
    expect(estimateSchema.safeParse(JSON.parse(JSON.stringify(est))).success).toBe(true);
  });
  it('TAX-1: MO W-4P line 1 withholds nothing (0.00, the net unchanged)', () => {
    const p = estimateOf(makeCase({ asOf: '2026-11-23', elections: elections({ noWithholding: true }) as never })).results[0]!.options.find((o) => o.code === 'LIFE')!.net!.periods[0]!;
    expect([p.missouriWithholding, p.net]).toEqual(['0.00', '2883.96']);
  });
  it('TAX-1: an MO W-4P election the form does not allow is refused naming the field', () => {
    const issues = (m: unknown) => {
      const r = parseCase(makeCase({ elections: elections(m) as never }), () => false);
      return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
    };
    expect(issues({ monthlyAmount: '9.99' })).toEqual(['elections.missouri.monthlyAmount: must be at least 10.00 a month (Form MO W-4P line 2)']);
    expect(issues({ noWithholding: true, monthlyAmount: '20.00' })).toEqual(['elections.missouri.monthlyAmount: must be null when noWithholding is true (Form MO W-4P line 1 or line 2, not both)']);
    expect(issues({})).toEqual(['elections.missouri.monthlyAmount: must be the monthly amount elected on Form MO W-4P line 2 (at least 10.00), or noWithholding must be true']);
    expect(issues({ monthlyAmount: '20.00', filingStatus: 'married' })[0]).toMatch(/^elections\.missouri\.filingStatus: must be "single", "marriedSpouseWorks"/);
    expect(issues({ monthlyAmount: '10.00' })).toEqual([]);
  });
  it('TAX-2: the W-4P has no Step 2 checkbox: a case giving one is refused naming the field; Step 2(b)(iii) is an annual amount', () => {
    const r = parseCase(makeCase({ elections: { federal: { filingStatus: 'single', multiplePensions: true } } as never }), () => false);
    expect(r.ok ? [] : r.issues).toEqual([{ path: 'elections.federal.multiplePensions', message: 'is not a field of the case format' }]);
    const est = estimateOf(makeCase({ asOf: '2026-11-23', elections: { federal: { filingStatus: 'married', step2Income: '10000' } } }));
    const life = est.results[0]!.options.find((o) => o.code === 'LIFE')!;
    expect(life.net!.periods[0]!.federalWithholding).toBe('143.13'); // as worked above
    expect(est.results[0]!.notes.some((n) => n.text.includes('Step 2(b)(iii) 10,000.00 a year of other jobs and pensions'))).toBe(true);
  });
});

describe('CONTRIB: the MSEP 2011 contribution account', () => {
  it('CONTRIB-1: 4% of each month\'s pay; June 30 interest on the prior July 1 balance at the year\'s rate', () => {
    // 1,000.00 on file at 2017-07; 5,000 a month gives 200.00 a month. June 30, 2018: 1.243% of 1,000.00 = 12.43.
    // June 30, 2019: 2.347% of the 2018-07-01 balance (1,000 + 12 × 200 + 12.43 = 3,412.43) = 80.09.
    const acc = contributionAccount({ onFile: D('1000.00'), from: parseMonth('2017-07'), through: parseMonth('2019-06'), pay: () => D('5000.00') });
    expect(money(acc.contributions)).toBe('4800.00');
    expect(acc.steps.find((s) => s.month === '2018-06')!.interest.toString()).toBe('12.43');
    expect(acc.steps.find((s) => s.month === '2019-06')!.interest.toString()).toBe('80.09');
    expect(money(acc.balance)).toBe('5892.52'); // 1,000 + 4,800 + 12.43 + 80.09
    expect(acc.missingRates).toEqual([]);
  });
  it('CONTRIB-1: a year after the shipped table credits no interest unless the counselor enters the rate', () => {
    const run = (extra?: Record<string, string>) => contributionAccount({ onFile: D('1000.00'), from: parseMonth('2019-07'), through: parseMonth('2020-06'), pay: () => null, extraRates: extra });
    expect(run().missingRates).toEqual([2020]);
    expect(money(run().balance)).toBe('1000.00');
    expect(money(run({ '2020': '1.500' }).balance)).toBe('1015.00');
  });
  it('CONTRIB-2 (RULES.md example): $10,000 of contributions, $800 a month, death in month 10: $2,000 to the beneficiary', () => {
    const rem = minimumReturnRemainder(D('10000'), Array.from({ length: 14 }, () => D('800')));
    expect(money(rem[9]!)).toBe('2000.00');
    expect(money(rem[12]!)).toBe('0.00'); // never below zero
  });
  it('CONTRIB-1: no refund when normal-eligible, on long-term disability, under a division order, or still employed', () => {
    const base = { normalEligible: false, longTermDisability: false, divisionOfBenefitsOrder: false, lastDayWorked: '2026-06-30' };
    expect(refundAvailability(base)).toEqual({ available: true, reason: null });
    expect(refundAvailability({ ...base, normalEligible: true }).available).toBe(false);
    expect(refundAvailability({ ...base, longTermDisability: true }).available).toBe(false);
    expect(refundAvailability({ ...base, divisionOfBenefitsOrder: true }).available).toBe(false);
    expect(refundAvailability({ ...base, lastDayWorked: null }).available).toBe(false);
  });
});

describe('CONTRIB: the account in the estimate (a terminated MSEP 2011 member)', () => {
  const deferred = (contributions: CaseInput['contributions']) =>
    makeCase({
      asOf: '2026-11-23',
      retirementDate: '2042-02-01',
      member: { birthDate: '1975-01-01', firstEmploymentDate: '2011-02-01', lastDayWorked: '2026-06-30' },
      spouse: null,
      service: { asOf: '2026-06-30', earnedMonths: 185, sickLeaveHours: 0 },
      pay: { history: Array.from({ length: 12 }, (_, i) => ({ month: `${i < 6 ? 2025 : 2026}-${String(((6 + i) % 12) + 1).padStart(2, '0')}`, amount: '4000.00' })) },
      contributions,
    });
  it('CONTRIB-1 / CONTRIB-2: 20,000.00 on file + 12 × 160.00 + 1% of 20,000.00 = 22,120.00, refundable from 2026-09-28 beside the pension', () => {
    const r = resultOf(deferred({ onFile: '20000.00', fromMonth: '2025-07', interestRates: { '2026': '1.000' } }));
    expect(r.plan).toBe('MSEP2011');
    expect(r.lifeIncomeAnnuity).toBe('1048.33'); // 4,000 × 0.017 × 185 / 12, the deferred pension at 67
    expect(r.contributions).toEqual({
      through: '2026-06',
      balance: '22120.00',
      contributions: '1920.00',
      interest: '200.00',
      missingRateYears: [],
      refund: { available: true, amount: '22120.00', reason: null, earliestPayment: '2026-09-28' },
      minimumReturn: {
        firstYear: ['21071.67', '20023.34', '18975.01', '17926.68', '16878.35', '15830.02', '14781.69', '13733.36', '12685.03', '11636.70', '10588.37', '9540.04'],
        monthsUntilPaidOut: 22, // 22,120.00 / 1,048.33 = 21.1
      },
    });
    expect(r.notes.some((n) => n.rule === 'CONTRIB-1' && n.text.includes('forfeits all service'))).toBe(true);
  });
  it('CONTRIB-1: a June 30 with no rate credits none and says so; a case without contributions has no account', () => {
    const r = resultOf(deferred({ onFile: '20000.00', fromMonth: '2025-07' }));
    expect(r.contributions?.balance).toBe('21920.00');
    expect(r.contributions?.missingRateYears).toEqual([2026]);
    expect(r.notes.some((n) => n.rule === 'CONTRIB-1' && n.text.startsWith('No interest rate for June 30 of 2026'))).toBe(true);
    expect(resultOf(deferred(null)).contributions).toBeUndefined();
  });
  it('CONTRIB-1: no refund under a division of benefits order', () => {
    const r = resultOf(deferred({ onFile: '20000.00', fromMonth: '2025-07', divisionOfBenefitsOrder: true }));
    expect(r.contributions?.refund).toEqual({ available: false, amount: null, reason: 'under a division of benefits order (CONTRIB-1)', earliestPayment: null });
  });
});
