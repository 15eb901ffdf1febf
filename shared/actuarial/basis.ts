import { z } from 'zod';
import { Decimal, ONE, ZERO } from './decimal';

// BASIS.md "The basis object". Rates and weights are decimal strings so a basis is plain JSON.

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

function decimalString(what: string, ok: (d: Decimal) => boolean, range: string) {
  return z
    .string()
    .regex(DECIMAL, `${what} must be a decimal string such as "0.07"`)
    .refine((s) => !DECIMAL.test(s) || ok(new Decimal(s)), `${what} must be ${range}`);
}

const rate = (what: string) => decimalString(what, (d) => d.gte(ZERO) && d.lt(ONE), 'in [0, 1)');
const tableRef = z.string().min(1, 'a table reference is required');
const year = z.number().int().min(1900).max(2200);

/** One improvement scale for every table, or one per sex for male and female tables. */
const scaleRef = z.union([tableRef, z.strictObject({ male: tableRef, female: tableRef })]);

const mortalitySchema = z
  .strictObject({
    /** One (unisex) table, or male and female tables blended as q = w·q_male + (1 − w)·q_female. */
    table: z.union([
      tableRef,
      z.strictObject({ male: tableRef, female: tableRef, maleWeight: decimalString('maleWeight', (d) => d.gte(ZERO) && d.lte(ONE), 'in [0, 1]') }),
    ]),
    /** k in q'(x) = k·q(x + s). */
    multiplier: decimalString('multiplier', (d) => d.gt(ZERO), 'above 0'),
    /** s in q'(x) = k·q(x + s), whole years. */
    setback: z.number().int().min(-20).max(20),
    improvement: z.discriminatedUnion('projection', [
      z.strictObject({ projection: z.literal('none') }),
      z.strictObject({ projection: z.literal('static'), scale: scaleRef, baseYear: year, year }),
      z.strictObject({ projection: z.literal('generational'), scale: scaleRef, baseYear: year }),
    ]),
  })
  .superRefine((m, ctx) => {
    const imp = m.improvement;
    if (imp.projection === 'none') return;
    if (typeof imp.scale !== 'string' && typeof m.table === 'string') {
      ctx.addIssue({ code: 'custom', path: ['improvement', 'scale'], message: 'male and female scales need male and female tables' });
    }
    if (imp.projection === 'static' && imp.year < imp.baseYear) {
      ctx.addIssue({ code: 'custom', path: ['improvement', 'year'], message: 'the projection year is before the base year' });
    }
  });

export const basisSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'id: letters, digits, ".", "_" and "-"'),
  name: z.string().min(1),
  version: z.number().int().min(1),
  effectiveDate: z.iso.date(),
  source: z.string().min(1),
  /** Annual effective interest i. */
  interestRate: rate('interestRate'),
  /** COLA c folded in as the net rate (1 + i)/(1 + c) − 1. */
  colaRate: rate('colaRate').optional(),
  member: mortalitySchema,
  beneficiary: mortalitySchema,
  timing: z.literal('monthly-annuity-due'),
  fractionalAges: z.literal('udd'),
  popUp: z.literal(true),
});

type DeepReadonly<T> = T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export type Basis = DeepReadonly<z.infer<typeof basisSchema>>;
export type MortalityBasis = Basis['member'];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Validates plain JSON as a basis and returns it deep-frozen (BASIS.md: immutable once used). */
export function parseBasis(input: unknown): Basis {
  return deepFreeze(basisSchema.parse(input));
}

/** The valuation rate: i, or (1 + i)/(1 + c) − 1 with a COLA c folded in. */
export function netInterestRate(basis: Basis): Decimal {
  const i = new Decimal(basis.interestRate);
  return basis.colaRate === undefined ? i : i.plus(1).div(new Decimal(basis.colaRate).plus(1)).minus(1);
}

export const DEFAULT_BASIS_ID = 'ILLUSTRATIVE-SULT-7';
export const SHIPPED_BASIS_IDS = [DEFAULT_BASIS_ID, 'ILT-6', 'SULT-5'] as const;
export type ShippedBasisId = (typeof SHIPPED_BASIS_IDS)[number];

const SULT_SOURCE =
  'SOA Standard Ultimate Life Table (Makeham A = 0.00022, B = 2.7e-6, c = 1.124); Dickson, Hardy & Waters, Actuarial Mathematics for Life Contingent Risks';
const ILT_SOURCE =
  'Illustrative Life Table (Makeham μ = 0.0007 + 0.00005·10^(0.04x)); Bowers et al., Actuarial Mathematics';

function formulaBasis(id: ShippedBasisId, name: string, table: 'SULT' | 'ILT', interestRate: string, source: string): Basis {
  const mortality = { table, multiplier: '1', setback: 0, improvement: { projection: 'none' } };
  return parseBasis({
    id,
    name,
    version: 1,
    effectiveDate: '2025-01-01',
    source,
    interestRate,
    member: mortality,
    beneficiary: mortality,
    timing: 'monthly-annuity-due',
    fractionalAges: 'udd',
    popUp: true,
  });
}

const SHIPPED: Readonly<Record<ShippedBasisId, Basis>> = {
  // BASIS.md: the default, labelled "illustrative basis" on screen and paper.
  'ILLUSTRATIVE-SULT-7': formulaBasis(DEFAULT_BASIS_ID, 'SULT at 7%, illustrative basis', 'SULT', '0.07', SULT_SOURCE),
  'ILT-6': formulaBasis('ILT-6', 'Illustrative Life Table at 6%', 'ILT', '0.06', ILT_SOURCE),
  'SULT-5': formulaBasis('SULT-5', 'Standard Ultimate Life Table at 5%', 'SULT', '0.05', SULT_SOURCE),
};

/** A basis shipped with the product (BASIS.md, tables); throws RangeError on an unknown id. */
export function getShippedBasis(id: string): Basis {
  if (!(SHIPPED_BASIS_IDS as readonly string[]).includes(id)) {
    throw new RangeError(`unknown basis "${id}"; shipped bases are ${SHIPPED_BASIS_IDS.join(', ')}`);
  }
  return SHIPPED[id as ShippedBasisId];
}
