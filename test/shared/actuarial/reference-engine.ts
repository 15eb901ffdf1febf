/**
 * A second, deliberately different implementation (BASIS.md cross-check): plain JS numbers, q
 * from l(x) = exp(−∫μ) and from regex-read XTbML, survival read off l at each month directly,
 * v^(j/12) by Math.pow per term, ä(12)_{x+n} valued as its own annuity and ä(12)_n summed.
 */
import type { Basis, MortalityBasis } from '../../../shared/actuarial';

export type RefQ = { minAge: number; q: number[] };
export type RefScale = { minAge: number; minYear: number; rates: number[][] };
export type RefTables = Record<string, RefQ | RefScale>;

/** Makeham through the survival function l(x) = exp(−A·x − B·(c^x − 1)/ln c), q = 1 at 120. */
export function refMakeham(a: number, b: number, c: number): RefQ {
  const l = (x: number) => Math.exp(-a * x - (b * (c ** x - 1)) / Math.log(c));
  const q: number[] = [];
  for (let x = 0; x < 120; x++) q.push(1 - l(x + 1) / l(x));
  q.push(1);
  return { minAge: 0, q };
}

export const REF_FORMULAS: RefTables = {
  SULT: refMakeham(0.00022, 2.7e-6, 1.124),
  ILT: refMakeham(0.0007, 0.00005, 10 ** 0.04),
};

/** q by age from a 1-D XTbML file, by regular expression; the last age gets q = 1. */
export function refReadQ(xml: string): RefQ {
  const pairs = [...xml.matchAll(/<Y t="(\d+)">([^<]+)<\/Y>/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  const q = pairs.map(([, v]) => v);
  q[q.length - 1] = 1;
  return { minAge: pairs[0]![0], q };
}

/** Rates by age × year from a 2-D XTbML file, by regular expression. */
export function refReadScale(xml: string): RefScale {
  const blocks = [...xml.matchAll(/<Axis t="(\d+)">([\s\S]*?)<\/Axis>\s*<\/Axis>/g)];
  const rows = blocks.map((b) => [...b[2]!.matchAll(/<Y t="(\d+)">([^<]+)<\/Y>/g)].map((m) => [Number(m[1]), Number(m[2])] as const));
  return { minAge: Number(blocks[0]![1]), minYear: rows[0]![0]![0], rates: rows.map((r) => r.map(([, v]) => v)) };
}

type RefLife = (age: number, year: number) => number;

function refLife(m: MortalityBasis, tables: RefTables): RefLife {
  const get = (ref: string) => {
    const t = tables[ref];
    if (!t) throw new Error(`reference: no table ${ref}`);
    return t;
  };
  const imp = m.improvement;
  const scaleOf = (sex: 'male' | 'female'): RefScale | null =>
    imp.projection === 'none' ? null : (get(typeof imp.scale === 'string' ? imp.scale : imp.scale[sex]) as RefScale);
  const parts =
    typeof m.table === 'string'
      ? [{ w: 1, t: get(m.table) as RefQ, sc: scaleOf('male') }]
      : [
          { w: Number(m.table.maleWeight), t: get(m.table.male) as RefQ, sc: scaleOf('male') },
          { w: 1 - Number(m.table.maleWeight), t: get(m.table.female) as RefQ, sc: scaleOf('female') },
        ];
  const rate = (sc: RefScale, age: number, year: number): number => {
    const a = Math.min(Math.max(age, sc.minAge), sc.minAge + sc.rates.length - 1);
    const row = sc.rates[a - sc.minAge]!;
    return row[Math.min(year - sc.minYear, row.length - 1)]!;
  };
  return (x, year) => {
    const a = x + m.setback;
    let q = 0;
    for (const { w, t, sc } of parts) {
      let f = 1;
      if (sc && imp.projection !== 'none') {
        const to = imp.projection === 'static' ? imp.year : year;
        for (let y = imp.baseYear + 1; y <= to; y++) f *= 1 - rate(sc, a, y);
      }
      q += w * t.q[a - t.minAge]! * f;
    }
    return Math.min(1, Number(m.multiplier) * q);
  };
}

function lastAge(m: MortalityBasis, tables: RefTables): number {
  const refs = typeof m.table === 'string' ? [m.table] : [m.table.male, m.table.female];
  return Math.min(...refs.map((r) => { const t = tables[r] as RefQ; return t.minAge + t.q.length - 1; })) - m.setback;
}

/** (j/12)p for a life aged years+months/12 at R in startYear, j = 0 … until 0. */
function survival(life: RefLife, maxAge: number, years: number, months: number, startYear: number): number[] {
  const q: number[] = [];
  for (let k = years; k <= maxAge; k++) {
    const v = k === maxAge ? 1 : life(k, startYear + k - years);
    q.push(v);
    if (v >= 1) break;
  }
  const L = [1];
  q.forEach((qk, i) => L.push(L[i]! * (1 - qk)));
  const l = (month: number) => {
    const k = Math.floor(month / 12);
    return k >= q.length ? 0 : L[k]! * (1 - ((month % 12) / 12) * q[k]!);
  };
  const out: number[] = [];
  for (let j = 0; ; j++) {
    const p = l(months + j) / l(months);
    out.push(p);
    if (p === 0) return out;
  }
}

const annuity = (p: number[], i: number, from = 0) => p.slice(from).reduce((s, pj, j) => s + (1 + i) ** (-j / 12) * (pj / (p[from] || 1)), 0) / 12;

export type RefFactors = {
  ax: number; ay: number | null; axy: number | null;
  js50: number | null; js100: number | null; js50NoPopUp: number | null; js100NoPopUp: number | null;
  c60: number; c120: number; c180: number;
};

export function refFactors(
  basis: Basis,
  tables: RefTables,
  member: { years: number; months: number },
  spouse: { years: number; months: number } | null,
  startYear: number,
): RefFactors {
  const i = (1 + Number(basis.interestRate)) / (1 + Number(basis.colaRate ?? 0)) - 1;
  const px = survival(refLife(basis.member, tables), lastAge(basis.member, tables), member.years, member.months, startYear);
  const ax = annuity(px, i);
  const certain = (n: number) => {
    let an = 0;
    for (let j = 0; j < 12 * n; j++) an += (1 + i) ** (-j / 12) / 12;
    const nEx = (1 + i) ** -n * (px[12 * n] ?? 0);
    return ax / (an + nEx * annuity(px, i, 12 * n));
  };
  const certainFactors = { c60: certain(5), c120: certain(10), c180: certain(15) };
  if (!spouse) return { ax, ay: null, axy: null, js50: null, js100: null, js50NoPopUp: null, js100NoPopUp: null, ...certainFactors };
  const py = survival(refLife(basis.beneficiary, tables), lastAge(basis.beneficiary, tables), spouse.years, spouse.months, startYear);
  const ay = annuity(py, i);
  const axy = annuity(py.map((p, j) => p * (px[j] ?? 0)), i);
  const js = (s: number, lead: number) => lead / (lead + s * (ay - axy));
  return { ax, ay, axy, js50: js(0.5, axy), js100: js(1, axy), js50NoPopUp: js(0.5, ax), js100NoPopUp: js(1, ax), ...certainFactors };
}
