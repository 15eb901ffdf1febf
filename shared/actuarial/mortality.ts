import type { Basis, MortalityBasis } from './basis';
import { Decimal, ONE } from './decimal';
import { LruCache } from './lru-cache';
import { mortalityTable, resolveFormulaTable } from './tables';
import type { ImprovementScale, MortalityTable, TableResolver } from './tables';

/** The mortality of one life under a basis: member or beneficiary (BASIS.md, the basis object). */
export type LifeMortality = {
  /** Generational projection: q depends on the calendar year of R. */
  readonly generational: boolean;
  /** q for a life aged `ageYears` (completed years) at R in `startYear`, from that age on. */
  forLife(ageYears: number, startYear: number): MortalityTable;
  /**
   * A table whose q from `ageYears` on are those of forLife(ageYears, startYear), and a key shared
   * by every life read from that same table: the one table without generational projection; the
   * birth cohort's (startYear − ageYears) with it. Refuses what forLife refuses.
   */
  lifeTable(ageYears: number, startYear: number): { readonly key: string; readonly table: MortalityTable };
};

export type BasisMortality = { readonly member: LifeMortality; readonly beneficiary: LifeMortality };

type Improve = (age: number, year: number) => Decimal;
type Component = { weight: Decimal; table: MortalityTable; improve: Improve };

/**
 * Cumulative improvement from the base year: Π_{y = base+1..year} (1 − r(age, y)). Years after
 * the scale's last year use its last year's rate; ages outside the scale use its nearest age.
 */
function cumulativeImprovement(scale: ImprovementScale, baseYear: number, label: string): Improve {
  const prefixes = new Map<number, Decimal[]>();
  const lastExplicit = Math.max(baseYear, scale.maxYear);
  return (age, year) => {
    if (year < baseYear) throw new RangeError(`${label}: year ${year} is before the improvement base year ${baseYear}`);
    const a = Math.min(Math.max(age, scale.minAge), scale.maxAge);
    const row = scale.rates[a - scale.minAge] ?? [];
    const factor = (y: number): Decimal => {
      const r = row[Math.min(y, scale.maxYear) - scale.minYear];
      if (!r) throw new RangeError(`${label}: the improvement scale has no rate for ${y} (it starts in ${scale.minYear})`);
      return ONE.minus(r);
    };
    let prefix = prefixes.get(a);
    if (!prefix) prefixes.set(a, (prefix = [ONE]));
    const upto = Math.min(year, lastExplicit);
    while (baseYear + prefix.length - 1 < upto) {
      const last = prefix[prefix.length - 1] ?? ONE;
      prefix.push(last.times(factor(baseYear + prefix.length)));
    }
    const f = prefix[upto - baseYear] ?? ONE;
    return year > lastExplicit ? f.times(factor(scale.maxYear).pow(year - lastExplicit)) : f;
  };
}

function lifeMortality(spec: MortalityBasis, resolve: TableResolver, label: string): LifeMortality {
  const lookup = <K extends 'mortality' | 'improvement'>(ref: string, kind: K) => {
    const t = resolve(ref);
    if (!t) throw new RangeError(`${label}: unknown table "${ref}"`);
    if (t.kind !== kind) throw new RangeError(`${label}: "${ref}" is not ${kind === 'mortality' ? 'a mortality table' : 'an improvement scale'}`);
    return t as Extract<MortalityTable | ImprovementScale, { kind: K }>;
  };
  const imp = spec.improvement;
  const improve = (ref: string | undefined): Improve => {
    if (imp.projection === 'none' || ref === undefined) return () => ONE;
    return cumulativeImprovement(lookup(ref, 'improvement'), imp.baseYear, label);
  };
  const scales = imp.projection === 'none' ? undefined : typeof imp.scale === 'string' ? { male: imp.scale, female: imp.scale } : imp.scale;
  const components: Component[] =
    typeof spec.table === 'string'
      ? [{ weight: ONE, table: lookup(spec.table, 'mortality'), improve: improve(scales?.male) }]
      : [
          { weight: new Decimal(spec.table.maleWeight), table: lookup(spec.table.male, 'mortality'), improve: improve(scales?.male) },
          { weight: ONE.minus(spec.table.maleWeight), table: lookup(spec.table.female, 'mortality'), improve: improve(scales?.female) },
        ];

  const k = new Decimal(spec.multiplier);
  const s = spec.setback;
  // Life ages x whose table age x + s every component covers.
  const lo = Math.max(0, ...components.map((c) => c.table.minAge - s));
  const hi = Math.min(...components.map((c) => c.table.maxAge - s));

  const outside = (age: number, from: number, to: number) => new RangeError(`${label}: age ${age} is outside the table's ages ${from}–${to}`);

  // q'(x) = k·q(x + s), q = Σ w·q_table·improvement, capped at 1 (BASIS.md).
  const qAt = (x: number, year: number): Decimal => {
    let base = new Decimal(0);
    for (const c of components) base = base.plus(c.weight.times(c.table.q[x + s - c.table.minAge] ?? ONE).times(c.improve(x + s, year)));
    return Decimal.min(ONE, k.times(base));
  };
  const build = (from: number, yearAt: (x: number) => number): MortalityTable => {
    if (!Number.isSafeInteger(from) || from < lo || from > hi) throw outside(from, lo, hi);
    const q: Decimal[] = [];
    for (let x = from; x <= hi; x++) {
      const v = qAt(x, yearAt(x));
      q.push(v);
      if (v.eq(ONE)) break;
    }
    return mortalityTable(from, q);
  };

  if (imp.projection === 'generational') {
    // BASIS.md: follows each life by calendar year from the year of R at the age at R.
    const forLife = (ageYears: number, startYear: number) => build(ageYears, (x) => startYear + x - ageYears);
    // A life aged x in year Y reads q(t, Y − x + t) for t ≥ x: one table per cohort c = Y − x, from
    // the first age with a projection year (c + t ≥ the base year). null: no such table.
    const cohorts = new LruCache<number, MortalityTable | null>(256);
    const cohortTable = (c: number): MortalityTable | null => {
      let t = cohorts.get(c);
      if (t === undefined) {
        try {
          t = build(Math.max(lo, imp.baseYear - c), (x) => c + x);
        } catch (err) {
          if (!(err instanceof RangeError)) throw err;
          t = null;
        }
        cohorts.set(c, t);
      }
      return t;
    };
    return {
      generational: true,
      forLife,
      lifeTable: (ageYears, startYear) => {
        const c = startYear - ageYears;
        const t = Number.isSafeInteger(ageYears) && Number.isSafeInteger(c) ? cohortTable(c) : null;
        // The cohort's table ends at its first q = 1; an older life, or one forLife refuses, is read on its own.
        if (t && ageYears >= t.minAge && ageYears <= t.maxAge) return { key: `cohort ${c}`, table: t };
        return { key: `${ageYears} in ${startYear}`, table: forLife(ageYears, startYear) };
      },
    };
  }
  // Static projection uses one named year for every age (BASIS.md); without projection the year is unused.
  const fixedYear = imp.projection === 'static' ? imp.year : 0;
  let whole: MortalityTable | undefined;
  const forLife = (ageYears: number): MortalityTable => {
    whole ??= build(lo, () => fixedYear);
    if (ageYears < whole.minAge || ageYears > whole.maxAge) throw outside(ageYears, whole.minAge, whole.maxAge);
    return whole;
  };
  return { generational: false, forLife, lifeTable: (ageYears) => ({ key: 'all ages', table: forLife(ageYears) }) };
}

/** Member and beneficiary mortality of a basis; tables come from `resolveTable` (default: formula tables). */
export function buildMortality(basis: Basis, resolveTable: TableResolver = resolveFormulaTable): BasisMortality {
  return {
    member: lifeMortality(basis.member, resolveTable, `basis ${basis.id} member`),
    beneficiary: lifeMortality(basis.beneficiary, resolveTable, `basis ${basis.id} beneficiary`),
  };
}
