import { annuityDue12, certainAnnuityDue12, discountedTerms, jointSurvival, monthlySurvival, sumsFrom } from './annuity';
import type { AgeYM } from './annuity';
import { netInterestRate } from './basis';
import type { Basis } from './basis';
import { Decimal, ONE } from './decimal';
import type { DecimalValue } from './decimal';
import { LruCache } from './lru-cache';
import { buildMortality } from './mortality';
import type { BasisMortality } from './mortality';
import { resolveFormulaTable } from './tables';
import type { TableResolver } from './tables';

/** ä(12) for the member (x), the spouse (y) and both (xy). */
export type AnnuityValues = { readonly x: Decimal; readonly y: Decimal; readonly xy: Decimal };

/**
 * Joint & s survivor factor (BASIS.md; RULES.md OPT-2). Pop-up, where the member reverts to the
 * LIFE amount if the spouse dies first: ä_xy/(ä_xy + s·(ä_y − ä_xy)); without: ä_x/(ä_x + s·(ä_y − ä_xy)).
 */
export function jointSurvivorFactor(a: AnnuityValues, share: DecimalValue, popUp: boolean): Decimal {
  const lead = popUp ? a.xy : a.x;
  return lead.div(lead.plus(new Decimal(share).times(a.y.minus(a.xy))));
}

/** n years certain and life: ä(12)_x/(ä(12)_n + nE_x·ä(12)_{x+n}) (BASIS.md; RULES.md OPT-6). */
export function certainAndLifeFactor(lifeAnnuity: Decimal, deferredLifeAnnuity: Decimal, years: number, rate: Decimal): Decimal {
  return lifeAnnuity.div(certainAnnuityDue12(years, rate).plus(deferredLifeAnnuity));
}

export type OptionFactorRequest = { basis: Basis; memberAge: AgeYM; spouseAge: AgeYM | null; startYear: number };

/** RULES.md OPT-5 factors on the basis; J&S factors are pop-up, and null without a spouse. */
export type OptionFactors = { js50: Decimal | null; js100: Decimal | null; c60: Decimal; c120: Decimal; c180: Decimal };

const HALF = new Decimal('0.5');

function compute(mortality: BasisMortality, req: OptionFactorRequest): OptionFactors {
  const { basis, memberAge, spouseAge, startYear } = req;
  const rate = netInterestRate(basis);
  const px = monthlySurvival(mortality.member.forLife(memberAge.years, startYear), memberAge);
  // Months 60, 120, 180 onward give nE_x·ä(12)_{x+n} for the same life, n = 5, 10, 15.
  const tx = discountedTerms(px, rate);
  const [whole, d5, d10, d15] = sumsFrom(tx, [0, 60, 120, 180]);
  const ax = whole.div(12);
  const certain = (deferred: Decimal, years: number): Decimal => certainAndLifeFactor(ax, deferred.div(12), years, rate);
  let js50: Decimal | null = null;
  let js100: Decimal | null = null;
  if (spouseAge) {
    const py = monthlySurvival(mortality.beneficiary.forLife(spouseAge.years, startYear), spouseAge);
    // v^(j/12)·p_x times p_y gives the joint terms without discounting again.
    const a: AnnuityValues = { x: ax, y: annuityDue12(py, rate), xy: sumsFrom(jointSurvival(tx, py), [0])[0].div(12) };
    js50 = jointSurvivorFactor(a, HALF, basis.popUp);
    js100 = jointSurvivorFactor(a, ONE, basis.popUp);
  }
  return Object.freeze({ js50, js100, c60: certain(d5, 5), c120: certain(d10, 10), c180: certain(d15, 15) });
}

const ageKey = (a: AgeYM): string => `${a.years}y${a.months}m`;

/**
 * An optionFactors function whose bases take their tables from `resolveTable` (e.g. imported
 * XTbML tables). Results are cached by basis id and version, ages and (generational only) year.
 */
export function createOptionFactors(resolveTable: TableResolver, capacity = 10_000): (req: OptionFactorRequest) => OptionFactors {
  const mortalities = new LruCache<string, BasisMortality>(64);
  const results = new LruCache<string, OptionFactors>(capacity);
  return (req) => {
    const { basis, memberAge, spouseAge, startYear } = req;
    if (!Number.isSafeInteger(startYear)) throw new RangeError(`startYear must be a whole year, got ${startYear}`);
    const basisKey = `${basis.id}@${basis.version}`;
    let mortality = mortalities.get(basisKey);
    if (!mortality) {
      mortality = buildMortality(basis, resolveTable);
      mortalities.set(basisKey, mortality);
    }
    const byYear = mortality.member.generational || (spouseAge !== null && mortality.beneficiary.generational);
    const key = `${basisKey}|${ageKey(memberAge)}|${spouseAge ? ageKey(spouseAge) : '-'}|${byYear ? startYear : ''}`;
    let out = results.get(key);
    if (!out) {
      out = compute(mortality, req);
      results.set(key, out);
    }
    return out;
  };
}

/** OPT-5 factors on a basis of formula tables (the shipped bases). */
export const optionFactors: (req: OptionFactorRequest) => OptionFactors = createOptionFactors(resolveFormulaTable);
