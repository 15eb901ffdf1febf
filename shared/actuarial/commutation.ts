import { checkAge, discounts } from './annuity';
import type { AgeYM } from './annuity';
import { Decimal, ONE, ZERO } from './decimal';
import { LruCache } from './lru-cache';
import type { MortalityTable } from './tables';

/**
 * Monthly commutation columns of one mortality table at one rate (BASIS.md: monthly annuity-due,
 * UDD within each year of age). Month m counts from the table's first age: age minAge + m/12.
 * A life aged x at month m0 has (j/12)p_x = L(m0 + j)/L(m0), so
 * ä(12)_x = N(m0)/(12·D(m0)) and nE_x = D(m0 + 12n)/D(m0).
 *
 * The columns by year of age are built at once; the monthly ones from the table's end down to the
 * youngest month asked for, so lives far below the table's end never pay for the ages under them.
 */
export class Commutation {
  readonly minAge: number;
  readonly maxAge: number;
  /** The valuation rate i, as a string (joint values need both lives at one rate). */
  readonly rate: string;
  /**
   * By year a = 0 … maxAge + 1 − minAge: l[a] = L(12a) (l[0] = 1, l = 0 after the last age), the
   * monthly decrement dl[a] = l[a]·q/12, so L(12a + r) = l[a] − r·dl[a] (UDD), and both discounted by v^a.
   */
  readonly l: readonly Decimal[];
  readonly dl: readonly Decimal[];
  readonly vl: readonly Decimal[];
  readonly vdl: readonly Decimal[];
  /** The month where L = 0: 12·(maxAge + 1 − minAge). */
  readonly end: number;
  /** v^(r/12), r = 0 … 11. */
  private readonly w: readonly Decimal[];
  /** The monthly columns, from the end down: index end − m. */
  private readonly rL: Decimal[] = [];
  private readonly rD: Decimal[] = [];
  private readonly rN: Decimal[] = [];

  constructor(table: MortalityTable, rate: Decimal) {
    const years = table.maxAge + 1 - table.minAge;
    const w = discounts(rate, 13).values;
    const v = w[12] ?? ONE;
    const l: Decimal[] = [];
    const dl: Decimal[] = [];
    const vl: Decimal[] = [];
    const vdl: Decimal[] = [];
    let lk = ONE;
    let va = ONE;
    for (let a = 0; a < years; a++) {
      const q = table.q[a] ?? ONE;
      // UDD: l(k + r/12) = l_k·(1 − (r/12)·q_k).
      const step = lk.times(q).div(12);
      l.push(lk);
      dl.push(step);
      vl.push(va.times(lk));
      vdl.push(va.times(step));
      lk = lk.times(ONE.minus(q));
      va = va.times(v);
    }
    // After the last age (q = 1) nobody is left.
    for (const column of [l, dl, vl, vdl]) column.push(ZERO);
    this.minAge = table.minAge;
    this.maxAge = table.maxAge;
    this.rate = rate.toString();
    this.l = l;
    this.dl = dl;
    this.vl = vl;
    this.vdl = vdl;
    this.end = 12 * years;
    this.w = w.slice(0, 12);
    this.rL.push(ZERO);
    this.rD.push(ZERO);
    this.rN.push(ZERO);
  }

  /** L(m) = l(minAge + m/12); 0 from `end` on. */
  L(m: number): Decimal {
    this.fill(m);
    return this.rL[this.end - m] ?? ZERO;
  }

  /** D(m) = v^(m/12)·L(m). */
  D(m: number): Decimal {
    this.fill(m);
    return this.rD[this.end - m] ?? ZERO;
  }

  /** N(m) = Σ_{k ≥ m} D(k). */
  N(m: number): Decimal {
    this.fill(m);
    return this.rN[this.end - m] ?? ZERO;
  }

  /** Fills the monthly columns down to month m, a year of age at a time. */
  private fill(m: number): void {
    const { rL, rD, rN, w } = this;
    for (let a = (this.end - rL.length + 1) / 12 - 1; a >= 0 && 12 * a + 11 >= m; a--) {
      const step = this.dl[a] ?? ZERO;
      const vstep = this.vdl[a] ?? ZERO;
      let lm = this.l[a] ?? ZERO;
      let vlm = this.vl[a] ?? ZERO;
      const L: Decimal[] = [];
      const D: Decimal[] = [];
      for (let r = 0; r < 12; r++) {
        L.push(lm);
        // v^((12a + r)/12)·L = v^(r/12)·(v^a·l[a] − r·v^a·dl[a]).
        D.push(r === 0 ? vlm : vlm.times(w[r] ?? ZERO));
        lm = lm.minus(step);
        vlm = vlm.minus(vstep);
      }
      for (let r = 11; r >= 0; r--) {
        const d = D[r] ?? ZERO;
        rL.push(L[r] ?? ZERO);
        rD.push(d);
        rN.push(d.plus(rN[rN.length - 1] ?? ZERO));
      }
    }
  }
}

/** The month m0 of a life aged `age` (completed years and months, an exact age) in the columns. */
export function monthOfAge(c: Commutation, age: AgeYM): number {
  checkAge(age);
  if (age.years < c.minAge || age.years > c.maxAge) {
    throw new RangeError(`age ${age.years} is outside the mortality table's ages ${c.minAge}–${c.maxAge}`);
  }
  return 12 * (age.years - c.minAge) + age.months;
}

const at = (column: readonly Decimal[], i: number): Decimal => column[i] ?? ZERO;

/** ä(12) at month m0: N(m0)/(12·D(m0)). */
export function lifeAnnuityDue12(c: Commutation, m0: number): Decimal {
  return c.N(m0).div(c.D(m0).times(12));
}

/** nE_x·ä(12)_{x+n} at month m0: N(m0 + 12n)/(12·D(m0)), the months from n years on. */
export function deferredLifeAnnuityDue12(c: Commutation, m0: number, years: number): Decimal {
  return c.N(m0 + 12 * years).div(c.D(m0).times(12));
}

/** nE_x at month m0: D(m0 + 12n)/D(m0). */
export function pureEndowmentAt(c: Commutation, m0: number, years: number): Decimal {
  return c.D(m0 + 12 * years).div(c.D(m0));
}

function sameRate(x: Commutation, y: Commutation): void {
  if (x.rate !== y.rate) throw new Error(`joint values need one rate, got ${x.rate} and ${y.rate}`);
}

/**
 * ä(12)_xy month by month in one pass: Σ_j D_x[mx + j]·L_y[my + j] / (D_x[mx]·L_y[my]·12), i.e.
 * (1/12)·Σ_j v^(j/12)·(j/12)p_x·(j/12)p_y.
 */
export function jointAnnuityDue12Direct(x: Commutation, mx: number, y: Commutation, my: number): Decimal {
  sameRate(x, y);
  const n = Math.min(x.end - mx, y.end - my);
  let sum = ZERO;
  for (let j = 0; j < n; j++) sum = sum.plus(x.D(mx + j).times(y.L(my + j)));
  return sum.div(x.D(mx).times(y.L(my)).times(12));
}

/**
 * Joint life by years of age. Under UDD each survivorship is linear within a year of age:
 * L(12a + r) = ((12 − r)·l[a] + r·l[a + 1])/12. With y's month d = 12e + f months ahead of x's
 * (0 ≤ f ≤ 11), x's months r = 0 … 11 − f of year a meet y's year a + e at month r + f, and months
 * 12 − f … 11 meet y's year a + e + 1 at month r + f − 12. So a whole year's
 * Σ_r v^((12a + r)/12)·L_x·L_y is a fixed, non-negative combination of the joint terms
 * G_k(a) = v^a·l_x[a]·l_y[a + k] for k = e − 1 … e + 2 at years a and a + 1 (the textbook joint
 * commutation column D_xy by age difference), and the sum over all later years a combination of
 * their suffix sums H_k(a0) = Σ_{a ≥ a0} G_k(a).
 */
type JointTerm = { readonly k: number; readonly next: boolean; readonly c: Decimal };
const jointTermCache = new LruCache<string, (readonly JointTerm[] | undefined)[]>(64);

/** For month offset f = 0 … 11: H_{e + k}(a0 + (next ? 1 : 0)) enters the joint sum with coefficient c. */
function jointTerms(rate: string, f: number): readonly JointTerm[] {
  let byF = jointTermCache.get(rate);
  if (!byF) jointTermCache.set(rate, (byF = []));
  const cached = byF[f];
  if (cached) return cached;
  const i = new Decimal(rate);
  const w = discounts(i, 12).values;
  // Σ_r v^(r/12)·(12 − r or r)·(12 − s or s) over x's months r, y's month s = r + shift.
  const weights = (from: number, to: number, shift: number): [Decimal, Decimal, Decimal, Decimal] => {
    let [c00, c01, c10, c11] = [ZERO, ZERO, ZERO, ZERO];
    for (let r = from; r <= to; r++) {
      const wr = w[r] ?? ZERO;
      const s = r + shift;
      c00 = c00.plus(wr.times((12 - r) * (12 - s)));
      c01 = c01.plus(wr.times((12 - r) * s));
      c10 = c10.plus(wr.times(r * (12 - s)));
      c11 = c11.plus(wr.times(r * s));
    }
    return [c00, c01, c10, c11];
  };
  const [c00, c01, c10, c11] = weights(0, 11 - f, f);
  const [d00, d01, d10, d11] = weights(12 - f, 11, f - 12);
  // The weights are in 144ths (two twelfths); v^a·l_x[a + 1]·l_y[b] = (1 + i)·G(a + 1), one year on.
  const sameYear = new Decimal(144);
  const nextYear = sameYear.div(i.plus(1));
  const terms: JointTerm[] = [
    { k: 0, next: false, c: c00.div(sameYear) },
    { k: 1, next: false, c: c01.plus(d00).div(sameYear) },
    { k: 2, next: false, c: d01.div(sameYear) },
    { k: -1, next: true, c: c10.div(nextYear) },
    { k: 0, next: true, c: c11.plus(d10).div(nextYear) },
    { k: 1, next: true, c: d11.div(nextYear) },
  ].filter((t) => !t.c.isZero());
  byF[f] = terms;
  return terms;
}

/**
 * For lives x and y with y's year of age k years ahead of x's: H_k(a0) = Σ_{a ≥ a0} v^a·l_x[a]·l_y[a + k],
 * filled downward as far as asked.
 */
export class JointDiagonal {
  private readonly top: number;
  private readonly bottom: number;
  /** H_k(a) at index top − a. */
  private readonly sums: Decimal[] = [];

  constructor(
    private readonly x: Commutation,
    private readonly y: Commutation,
    private readonly k: number,
  ) {
    sameRate(x, y);
    // Years where both are alive: l_x[a] > 0 for a ≤ maxAge − minAge, and likewise for y at a + k.
    this.top = Math.min(x.maxAge - x.minAge, y.maxAge - y.minAge - k);
    this.bottom = Math.max(0, -k);
  }

  /** H_k(a0). */
  from(a0: number): Decimal {
    if (a0 > this.top) return ZERO;
    if (a0 < this.bottom) throw new RangeError(`year ${a0} is before y's table starts`);
    const { sums } = this;
    for (let a = this.top - sums.length; a >= a0; a--) {
      sums.push(at(this.x.vl, a).times(at(this.y.l, a + this.k)).plus(sums[sums.length - 1] ?? ZERO));
    }
    return at(sums, this.top - a0);
  }
}

/**
 * ä(12)_xy for x at month mx and y at month my, equal to {@link jointAnnuityDue12Direct}: the
 * months to the end of x's current year of age one by one, then every later year in closed form
 * from the suffix sums `diagonal(k)` (cache them: each serves every pair whose whole-year age
 * difference is near k).
 */
export function jointAnnuityDue12(x: Commutation, mx: number, y: Commutation, my: number, diagonal: (k: number) => JointDiagonal): Decimal {
  sameRate(x, y);
  const d = my - mx;
  const f = ((d % 12) + 12) % 12;
  const e = (d - f) / 12;
  const a0 = Math.floor(mx / 12) + 1;
  let sum = ZERO;
  const end = Math.min(12 * a0, x.end, y.end - d);
  for (let k = mx; k < end; k++) sum = sum.plus(x.D(k).times(y.L(k + d)));
  for (const t of jointTerms(x.rate, f)) sum = sum.plus(diagonal(e + t.k).from(t.next ? a0 + 1 : a0).times(t.c));
  return sum.div(x.D(mx).times(y.L(my)).times(12));
}
