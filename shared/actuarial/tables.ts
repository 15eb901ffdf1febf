import { Decimal, ONE, ZERO } from './decimal';
import type { DecimalValue } from './decimal';

/** q by integer age from minAge to maxAge, with q = 1 at the last age (BASIS.md, end of the table). */
export type MortalityTable = {
  readonly kind: 'mortality';
  readonly minAge: number;
  readonly maxAge: number;
  readonly q: readonly Decimal[];
};

/** Improvement rates by age × calendar year, e.g. MP-2020: `rates[age - minAge][year - minYear]`. */
export type ImprovementScale = {
  readonly kind: 'improvement';
  readonly minAge: number;
  readonly maxAge: number;
  readonly minYear: number;
  readonly maxYear: number;
  readonly rates: readonly (readonly Decimal[])[];
};

export type ActuarialTable = MortalityTable | ImprovementScale;

/** Maps a table reference in a basis to a table; `undefined` when unknown. */
export type TableResolver = (ref: string) => ActuarialTable | undefined;

function checkAge(age: number, what: string): void {
  if (!Number.isSafeInteger(age) || age < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${age}`);
}

/** A mortality table from q values starting at `minAge`; the last age is set to q = 1. */
export function mortalityTable(minAge: number, q: readonly Decimal[]): MortalityTable {
  checkAge(minAge, 'minimum age');
  if (q.length === 0) throw new RangeError('a mortality table needs at least one age');
  q.forEach((v, i) => {
    if (v.isNaN() || v.lt(ZERO) || v.gt(ONE)) throw new RangeError(`q at age ${minAge + i} is ${v.toString()}, outside [0, 1]`);
  });
  const values = Object.freeze([...q.slice(0, -1), ONE]);
  return Object.freeze({ kind: 'mortality', minAge, maxAge: minAge + q.length - 1, q: values });
}

/** An improvement scale from rows of rates by year, one row per age from `minAge`. */
export function improvementScale(minAge: number, minYear: number, rates: readonly (readonly Decimal[])[]): ImprovementScale {
  checkAge(minAge, 'minimum age');
  if (!Number.isSafeInteger(minYear)) throw new RangeError(`minimum year must be a whole number, got ${minYear}`);
  const years = rates[0]?.length ?? 0;
  if (years === 0) throw new RangeError('an improvement scale needs at least one age and one year');
  const rows = rates.map((row, a) => {
    if (row.length !== years) throw new RangeError(`age ${minAge + a} has ${row.length} years, expected ${years}`);
    row.forEach((r, y) => {
      if (r.isNaN() || r.lte(-1) || r.gte(1)) throw new RangeError(`rate at age ${minAge + a}, year ${minYear + y} is ${r.toString()}, outside (−1, 1)`);
    });
    return Object.freeze([...row]);
  });
  return Object.freeze({
    kind: 'improvement',
    minAge,
    maxAge: minAge + rates.length - 1,
    minYear,
    maxYear: minYear + years - 1,
    rates: Object.freeze(rows),
  });
}

/**
 * Makeham μ = A + B·c^x integrated over each year of age: q_x = 1 − exp(−A − B·c^x·(c − 1)/ln c),
 * for x = 0 … maxAge − 1, and q = 1 at maxAge (BASIS.md: formula tables run to 120).
 */
export function makehamTable(a: DecimalValue, b: DecimalValue, c: DecimalValue, maxAge = 120): MortalityTable {
  const cc = new Decimal(c);
  const bk = new Decimal(b).times(cc.minus(1)).div(cc.ln());
  const q: Decimal[] = [];
  let cx = ONE;
  for (let x = 0; x < maxAge; x++) {
    q.push(ONE.minus(Decimal.exp(bk.times(cx).plus(a).neg())));
    cx = cx.times(cc);
  }
  q.push(ONE);
  return mortalityTable(0, q);
}

export const FORMULA_TABLE_IDS = ['SULT', 'ILT'] as const;
export type FormulaTableId = (typeof FORMULA_TABLE_IDS)[number];

const FORMULAS: Record<FormulaTableId, () => MortalityTable> = {
  // BASIS.md: SOA Standard Ultimate Life Table, Makeham A = 0.00022, B = 2.7e-6, c = 1.124.
  SULT: () => makehamTable('0.00022', '0.0000027', '1.124'),
  // BASIS.md: Illustrative Life Table, μ = 0.0007 + 0.00005·10^(0.04x).
  ILT: () => makehamTable('0.0007', '0.00005', Decimal.pow(10, '0.04')),
};
const built = new Map<FormulaTableId, MortalityTable>();

function isFormulaTableId(ref: string): ref is FormulaTableId {
  return (FORMULA_TABLE_IDS as readonly string[]).includes(ref);
}

/** A formula table, computed once. */
export function formulaTable(id: FormulaTableId): MortalityTable {
  let table = built.get(id);
  if (!table) {
    table = FORMULAS[id]();
    built.set(id, table);
  }
  return table;
}

/** Resolves the formula tables `SULT` and `ILT`. */
export const resolveFormulaTable: TableResolver = (ref) => (isFormulaTableId(ref) ? formulaTable(ref) : undefined);

/** Resolves the given (e.g. imported XTbML) tables by reference, then the formula tables. */
export function tableResolver(tables: Readonly<Record<string, ActuarialTable>>): TableResolver {
  return (ref) => (Object.hasOwn(tables, ref) ? tables[ref] : resolveFormulaTable(ref));
}
