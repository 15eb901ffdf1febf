import type { OptionPricer } from '../calc/options';
import type { PricerSource } from '../calc/run';
import { DEFAULT_BASIS_ID, getShippedBasis, SHIPPED_BASIS_IDS, type Basis } from './basis';
import { createOptionFactors } from './factors';
import { tableResolver, type ActuarialTable } from './tables';

/**
 * OPT-5: the rule engine's pricer for one basis. A factor the basis cannot give (an age outside an
 * imported table) is left out, and the option with it, rather than guessed.
 */
export function basisPricer(basis: Basis, factors: ReturnType<typeof createOptionFactors>): OptionPricer {
  return {
    basisId: basis.id,
    basisName: basis.name,
    factors({ memberAge, spouseAge, startYear }) {
      try {
        const f = factors({ basis, memberAge, spouseAge, startYear });
        return { JS100: f.js100 ?? undefined, C60: f.c60, C120: f.c120, C180: f.c180 };
      } catch (err) {
        if (err instanceof RangeError) return {};
        throw err;
      }
    },
  };
}

/** Bases by id: the shipped ones plus any built on imported tables; the default when id is null. */
export function pricerSource(extra: readonly Basis[] = [], tables: Readonly<Record<string, ActuarialTable>> = {}): PricerSource {
  const factors = createOptionFactors(tableResolver(tables));
  const byId = new Map<string, OptionPricer>();
  const bases = new Map<string, Basis>(extra.map((b) => [b.id, b]));
  const basisFor = (id: string): Basis | null => bases.get(id) ?? ((SHIPPED_BASIS_IDS as readonly string[]).includes(id) ? getShippedBasis(id) : null);
  return {
    isKnown: (id) => basisFor(id) !== null,
    pricerFor(id) {
      const key = id ?? DEFAULT_BASIS_ID;
      let pricer = byId.get(key);
      if (!pricer) {
        const basis = basisFor(key);
        if (!basis) return null;
        pricer = basisPricer(basis, factors);
        byId.set(key, pricer);
      }
      return pricer;
    },
  };
}
