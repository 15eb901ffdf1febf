import type { PlanCode } from '../domain/case-schema';
import type { OptionCode, OptionResult } from '../domain/estimate-schema';
import { cents, Decimal, factor4, money, moneyWithCommas, ONE } from './decimal';
import type { AgeYM } from './dates';
import type { Lines } from './notes';

/** Options each plan offers (RULES.md section 6). */
export const PLAN_OPTIONS: Readonly<Record<PlanCode, readonly OptionCode[]>> = {
  MSEP: ['LIFE', 'JS50', 'JS100', 'C60', 'C120'],
  MSEP2000: ['LIFE', 'JS50', 'JS100', 'C120', 'C180'],
  MSEP2011: ['LIFE', 'JS50', 'JS100', 'C120', 'C180'],
};

/** OPT-6: the monthly payments each certain-and-life option guarantees, counted from R. */
export const GUARANTEED_PAYMENTS: Partial<Record<OptionCode, number>> = { C60: 60, C120: 120, C180: 180 };

/**
 * OPT-5: factors with no published formula come from an actuarial basis. The rule engine asks a
 * pricer for them; without one (or when it has no factor) those options are left out, never faked.
 */
export type OptionPricer = {
  basisId: string;
  /** The basis's name, e.g. "… (illustrative basis)", printed beside its amounts. */
  basisName: string;
  /** Pop-up J&S factors need a spouse; `startYear` is R's calendar year (generational mortality). */
  factors(req: { memberAge: AgeYM; spouseAge: AgeYM | null; startYear: number }): Partial<Record<'JS100' | 'C60' | 'C120' | 'C180', Decimal>>;
};

/**
 * OPT-4: MSEP 2000/2011 JS50 = 90%, +0.3% per year the retiree is under 62, −0.3% per year the
 * spouse is younger, +0.3% per year the spouse is older; capped at 95%. Ages are completed years
 * at R (interpretation).
 */
export function statutoryJs50Factor(retireeYears: number, spouseYears: number): Decimal {
  const step = new Decimal('0.003');
  let f = new Decimal('0.90');
  if (retireeYears < 62) f = f.plus(step.times(62 - retireeYears));
  f = f.plus(step.times(spouseYears - retireeYears));
  return Decimal.min(f, '0.95');
}

export type OptionRequest = {
  plan: PlanCode;
  /** The rounded life annuity the options apply to (MONEY-2). */
  life: Decimal;
  memberAge: AgeYM;
  spouseAge: AgeYM | null;
  startYear: number;
  pricer: OptionPricer | null;
  /** Where the ages are taken, for the trace: "at R" or "at the BackDROP date". */
  label: string;
};

function option(code: OptionCode, f: Decimal, life: Decimal, basis: string, survivorShare: Decimal | null): OptionResult {
  const monthly = cents(life.times(f)); // MONEY-2: the unrounded factor on the rounded life annuity
  const out: OptionResult = {
    code,
    factor: factor4(f),
    monthly: money(monthly),
    survivorMonthly: survivorShare ? money(monthly.times(survivorShare)) : null,
    basis,
  };
  const guaranteed = GUARANTEED_PAYMENTS[code];
  if (guaranteed !== undefined) out.guaranteedPayments = guaranteed;
  return out;
}

/** OPT-1..5: every option the plan offers on the given life annuity. */
export function buildOptions(req: OptionRequest, notes: Lines, trace: Lines): OptionResult[] {
  const { plan, life, spouseAge } = req;
  const out: OptionResult[] = [option('LIFE', ONE, life, 'plan', null)]; // OPT-1
  if (spouseAge) {
    if (plan === 'MSEP') {
      out.push(option('JS50', ONE, life, 'statute', new Decimal('0.5'))); // OPT-3
      trace.add('OPT-3', `MSEP JS50 ${req.label} is unreduced: factor 1.0000, ${moneyWithCommas(life)} a month`);
    } else {
      const f = statutoryJs50Factor(req.memberAge.years, spouseAge.years);
      out.push(option('JS50', f, life, 'statute', new Decimal('0.5'))); // OPT-4
      trace.add(
        'OPT-4',
        `JS50 ${req.label}: 90% with retiree ${req.memberAge.years} and spouse ${spouseAge.years} (completed years) gives ${factor4(f)}; ${moneyWithCommas(life)} × ${factor4(f)} = ${moneyWithCommas(cents(life.times(f)))}`,
      );
      notes.add('OPT-4', 'Interpretation: the statutory JS50 factor uses the retiree\'s and spouse\'s ages in completed years at the retirement date.');
    }
  }
  if (!req.pricer) {
    notes.add('OPT-5', 'JS100 and guaranteed-payment options need an actuarial basis and are not shown.');
    return out;
  }
  const factors = req.pricer.factors({ memberAge: req.memberAge, spouseAge, startYear: req.startYear });
  for (const code of PLAN_OPTIONS[plan]) {
    if (code === 'LIFE' || code === 'JS50') continue;
    if (code === 'JS100' && !spouseAge) continue;
    const f = factors[code];
    if (!f) continue;
    out.push(option(code, f, life, req.pricer.basisId, code === 'JS100' ? ONE : null));
  }
  const js50 = out.find((o) => o.code === 'JS50');
  const js100 = out.find((o) => o.code === 'JS100');
  if (js50 && js100 && new Decimal(js100.monthly).greaterThan(js50.monthly)) {
    notes.add(
      'OPT-5',
      `On basis ${req.pricer.basisId} the JS100 amount ${req.label} (${moneyWithCommas(new Decimal(js100.monthly))}) exceeds the statutory JS50 amount (${moneyWithCommas(new Decimal(js50.monthly))}): the JS50 factor is set by statute, the JS100 factor by the basis. Check the JS100 figure against MOSERS' own basis before the member relies on it.`,
    );
  }
  notes.add(
    'OPT-5',
    `JS100 and guaranteed-payment amounts are estimates, actuarially equivalent to the Life Income Annuity on basis ${req.pricer.basisId} (${req.pricer.basisName}); MOSERS publishes no factors for them.`,
  );
  return out;
}
