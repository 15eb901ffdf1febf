import { certainAnnuityDue12, checkAge } from './annuity';
import type { AgeYM } from './annuity';
import { netInterestRate } from './basis';
import type { Basis } from './basis';
import { Decimal, ONE } from './decimal';
import type { DecimalValue } from './decimal';
import { Commutation, deferredLifeAnnuityDue12, JointDiagonal, jointAnnuityDue12, lifeAnnuityDue12, monthOfAge } from './commutation';
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

/**
 * n years certain and life: ä(12)_x/(ä(12)_n + nE_x·ä(12)_{x+n}) (BASIS.md; RULES.md OPT-6).
 * `certainAnnuity` is ä(12)_n (certainAnnuityDue12(n, rate)), which the engine computes once per basis.
 */
export function certainAndLifeFactor(lifeAnnuity: Decimal, certainAnnuity: Decimal, deferredLifeAnnuity: Decimal): Decimal {
  return lifeAnnuity.div(certainAnnuity.plus(deferredLifeAnnuity));
}

export type OptionFactorRequest = { basis: Basis; memberAge: AgeYM; spouseAge: AgeYM | null; startYear: number };

/** RULES.md OPT-5 factors on the basis; J&S factors are pop-up, and null without a spouse. */
export type OptionFactors = { js50: Decimal | null; js100: Decimal | null; c60: Decimal; c120: Decimal; c180: Decimal };

const HALF = new Decimal('0.5');
const CERTAIN_YEARS = [5, 10, 15] as const;

/** What a basis needs once, whatever the ages: its mortality, its rate and ä(12)_n for n = 5, 10, 15. */
type BasisEngine = {
  readonly key: string;
  readonly mortality: BasisMortality;
  readonly rate: Decimal;
  /** ä(12)_n for n = 5, 10, 15 years certain. */
  readonly certain: readonly { readonly years: number; readonly an: Decimal }[];
  /** Cache names of the member's and beneficiary's columns: one name when their mortality is the same. */
  readonly columns: { readonly member: string; readonly beneficiary: string };
};

type Role = 'member' | 'beneficiary';

/**
 * An optionFactors function whose bases take their tables from `resolveTable` (e.g. imported
 * XTbML tables). Results are cached by basis id and version, ages and (generational only) year.
 *
 * A new pair of ages costs O(1) Decimal operations plus at most 12 months of joint terms: each
 * life's monthly commutation columns (D, N) are built once per basis and life table (one table
 * without generational projection, one per birth cohort with it), and the joint commutation
 * columns by years of age once per pair of tables and whole-year age difference. All caches are bounded LRUs keyed by
 * basis id and version.
 */
export function createOptionFactors(resolveTable: TableResolver, capacity = 10_000): (req: OptionFactorRequest) => OptionFactors {
  const engines = new LruCache<string, BasisEngine>(64);
  const columns = new LruCache<string, Commutation>(64);
  const diagonals = new LruCache<string, JointDiagonal>(512);
  const results = new LruCache<string, OptionFactors>(capacity);

  const engineFor = (basis: Basis): BasisEngine => {
    const key = `${basis.id}@${basis.version}`;
    let engine = engines.get(key);
    if (!engine) {
      const rate = netInterestRate(basis);
      const same = JSON.stringify(basis.member) === JSON.stringify(basis.beneficiary);
      engine = {
        key,
        mortality: buildMortality(basis, resolveTable),
        rate,
        certain: CERTAIN_YEARS.map((years) => ({ years, an: certainAnnuityDue12(years, rate) })),
        columns: { member: `${key}|${same ? 'life' : 'member'}`, beneficiary: `${key}|${same ? 'life' : 'beneficiary'}` },
      };
      engines.set(key, engine);
    }
    return engine;
  };

  /** A life's columns and its month in them; refuses ages as forLife and monthlySurvival do. */
  const lifeAt = (engine: BasisEngine, role: Role, age: AgeYM, startYear: number) => {
    const { key, table } = engine.mortality[role].lifeTable(age.years, startYear);
    checkAge(age);
    const name = `${engine.columns[role]}|${key}`;
    let c = columns.get(name);
    if (!c) {
      c = new Commutation(table, engine.rate);
      columns.set(name, c);
    }
    return { name, c, m: monthOfAge(c, age) };
  };

  const compute = (engine: BasisEngine, req: OptionFactorRequest): OptionFactors => {
    const { basis, memberAge, spouseAge, startYear } = req;
    const x = lifeAt(engine, 'member', memberAge, startYear);
    const ax = lifeAnnuityDue12(x.c, x.m);
    // nE_x·ä(12)_{x+n} from the same columns; ä(12)_n computed once per basis.
    const [c60, c120, c180] = engine.certain.map(({ years, an }) => certainAndLifeFactor(ax, an, deferredLifeAnnuityDue12(x.c, x.m, years))) as [
      Decimal,
      Decimal,
      Decimal,
    ];
    let js50: Decimal | null = null;
    let js100: Decimal | null = null;
    if (spouseAge) {
      const y = lifeAt(engine, 'beneficiary', spouseAge, startYear);
      const diagonal = (k: number): JointDiagonal => {
        const name = `${x.name}|${y.name}|${k}`;
        let h = diagonals.get(name);
        if (!h) {
          h = new JointDiagonal(x.c, y.c, k);
          diagonals.set(name, h);
        }
        return h;
      };
      const a: AnnuityValues = { x: ax, y: lifeAnnuityDue12(y.c, y.m), xy: jointAnnuityDue12(x.c, x.m, y.c, y.m, diagonal) };
      js50 = jointSurvivorFactor(a, HALF, basis.popUp);
      js100 = jointSurvivorFactor(a, ONE, basis.popUp);
    }
    return Object.freeze({ js50, js100, c60, c120, c180 });
  };

  return (req) => {
    const { basis, memberAge, spouseAge, startYear } = req;
    if (!Number.isSafeInteger(startYear)) throw new RangeError(`startYear must be a whole year, got ${startYear}`);
    const engine = engineFor(basis);
    const { mortality } = engine;
    const byYear = mortality.member.generational || (spouseAge !== null && mortality.beneficiary.generational);
    const key = `${engine.key}|${ageKey(memberAge)}|${spouseAge ? ageKey(spouseAge) : '-'}|${byYear ? startYear : ''}`;
    let out = results.get(key);
    if (!out) {
      out = compute(engine, req);
      results.set(key, out);
    }
    return out;
  };
}

const ageKey = (a: AgeYM): string => `${a.years}y${a.months}m`;

/** OPT-5 factors on a basis of formula tables (the shipped bases). */
export const optionFactors: (req: OptionFactorRequest) => OptionFactors = createOptionFactors(resolveFormulaTable);
