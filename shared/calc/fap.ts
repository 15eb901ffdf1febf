import type { Decimal} from './decimal';
import { cents, moneyWithCommas, ZERO } from './decimal';
import { formatMonth, monthFromIndex, monthIndex, type CalMonth } from './dates';
import type { Lines } from './notes';

export type PayEntry = { month: CalMonth; amount: Decimal };

export type PayFacts = {
  /** Reported pay, any order; validated to have no repeated month. */
  history: PayEntry[];
  /** FAP-3: a counselor-entered FAP, used when there is no history. */
  override: Decimal | null;
  /** FAP-4: a projected monthly rate from a start month. */
  projection: { from: CalMonth; rate: Decimal } | null;
};

export type FapWindow = { from: string; to: string; months: number };
export type FapResult = { fap: Decimal; window: FapWindow | null };

export const FAP_MONTHS = 36;

/**
 * FAP-1..5: the final average pay from pay earned before `cutoff` (R's month, or the BackDROP
 * date's month, FAP-5). Reported pay is extended forward (FAP-4) through `extendThrough`: the
 * month before the cutoff, or the month of an earlier last day worked. Returns null when no pay
 * lies before the cutoff and there is no override.
 */
export function finalAveragePay(pay: PayFacts, cutoff: CalMonth, extendThrough: CalMonth, notes: Lines, trace: Lines, label: string): FapResult | null {
  const cutoffIdx = monthIndex(cutoff);
  const reported = sortedPoints(pay.history).filter((e) => e.idx < cutoffIdx);

  if (reported.length === 0) {
    if (!pay.override) return null;
    if (pay.history.length > 0) {
      notes.add('FAP-3', `No reported pay lies before ${formatMonth(cutoff)}; the entered final average pay ${moneyWithCommas(pay.override)} is used ${label}.`);
    } else {
      notes.add('FAP-3', `Final average pay ${moneyWithCommas(pay.override)} entered by the counselor is used at every date, including any BackDROP date.`);
    }
    trace.add('FAP-3', `Final average pay ${label}: ${moneyWithCommas(pay.override)} (entered)`);
    return { fap: pay.override, window: null };
  }

  const series = extend(reported, Math.min(cutoffIdx - 1, monthIndex(extendThrough)), pay.projection, notes);
  const best = bestWindow(series);
  const avg = cents(best.sum.dividedBy(best.length));
  if (best.length < FAP_MONTHS || hasGap(series)) {
    notes.add(
      'FAP-2',
      `Interpretation: MOSERS does not publish how gaps and short pay histories are handled; the final average pay uses the highest-paid run of ${best.length} consecutive months available${best.length < FAP_MONTHS ? ' (fewer than 36)' : ''}. Confirm with MOSERS.`,
    );
  }
  const from = formatMonth(monthFromIndex(best.start));
  const to = formatMonth(monthFromIndex(best.start + best.length - 1));
  trace.add('FAP-1', `Final average pay ${label}: ${moneyWithCommas(best.sum)} / ${best.length} months (${from} to ${to}) = ${moneyWithCommas(avg)}`);
  return { fap: avg, window: { from, to, months: best.length } };
}

type Point = { idx: number; amount: Decimal };

// One estimate asks for FAP at R and at every BackDROP date: sort the history once.
const sortedCache = new WeakMap<PayEntry[], Point[]>();
function sortedPoints(history: PayEntry[]): Point[] {
  let points = sortedCache.get(history);
  if (!points) {
    points = history.map((e) => ({ idx: monthIndex(e.month), amount: e.amount })).sort((a, b) => a.idx - b.idx);
    sortedCache.set(history, points);
  }
  return points;
}

function extend(reported: Point[], throughIdx: number, projection: PayFacts['projection'], notes: Lines): Point[] {
  const last = reported[reported.length - 1];
  if (!last || last.idx >= throughIdx) return reported;
  const out = reported.slice();
  const projFrom = projection ? monthIndex(projection.from) : Number.POSITIVE_INFINITY;
  let repeated = 0;
  let projected = 0;
  for (let i = last.idx + 1; i <= throughIdx; i++) {
    if (projection && i >= projFrom) {
      out.push({ idx: i, amount: projection.rate });
      projected++;
    } else {
      out.push({ idx: i, amount: last.amount });
      repeated++;
    }
  }
  if (repeated > 0) {
    notes.add(
      'FAP-4',
      `Interpretation: the last reported monthly pay (${moneyWithCommas(last.amount)} for ${formatMonth(monthFromIndex(last.idx))}) is assumed to continue for ${repeated} month${repeated === 1 ? '' : 's'}, as MOSERS' legacy estimator does.`,
    );
  }
  if (projected > 0 && projection) {
    notes.add('FAP-4', `Projected pay of ${moneyWithCommas(projection.rate)} a month is used from ${formatMonth(projection.from)}.`);
  }
  return out;
}

function hasGap(series: Point[]): boolean {
  for (let i = 1; i < series.length; i++) {
    const cur = series[i];
    const prev = series[i - 1];
    if (cur && prev && cur.idx !== prev.idx + 1) return true;
  }
  return false;
}

type Window = { start: number; length: number; sum: Decimal };

/** FAP-1/FAP-2: the highest 36-month window, or the best of the longest consecutive runs. */
function bestWindow(series: Point[]): Window {
  const runs: Point[][] = [];
  for (const p of series) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (run && prev && p.idx === prev.idx + 1) run.push(p);
    else runs.push([p]);
  }
  const longest = Math.max(...runs.map((r) => r.length));
  const len = Math.min(FAP_MONTHS, longest);
  let best: Window | null = null;
  for (const run of runs) {
    if (run.length < len) continue;
    // Prefix sums: each window's sum is one subtraction.
    const prefix: Decimal[] = [ZERO];
    for (const p of run) prefix.push(prefix[prefix.length - 1]!.plus(p.amount));
    for (let i = 0; i + len <= run.length; i++) {
      const sum = prefix[i + len]!.minus(prefix[i]!);
      // Ties go to the later window.
      if (!best || sum.greaterThanOrEqualTo(best.sum)) best = { start: run[i]!.idx, length: len, sum };
    }
  }
  return best!;
}
