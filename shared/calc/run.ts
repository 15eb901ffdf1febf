import type { Estimate } from '../domain/estimate-schema';
import { parseCase, type Parsed } from '../domain/validate';
import { addMonthsFirst, addMonthsToMonth, formatDate, formatMonth, monthOf, monthsBetween, parseDate } from './dates';
import { allowedBackdropPeriods, computeEstimate } from './estimate';
import { FAP_MONTHS } from './fap';
import { withNet } from './net';
import { contributionsFor } from './contributions';
import { Lines } from './notes';
import type { Case } from '../domain/case-schema';
import type { OptionPricer } from './options';

export type PricerSource = {
  isKnown(id: string): boolean;
  /** The pricer for a basis id, or the default basis when id is null. */
  pricerFor(id: string | null): OptionPricer | null;
};

/**
 * Validate a raw case (types, formats and the cross-field checks of CASE-FORMAT) and compute its
 * estimate. Invalid input gives every problem as `path: message`, and no estimate.
 */
export function estimateFromInput(raw: unknown, pricers: PricerSource): Parsed<Estimate> {
  const parsed = parseCase(raw, (id) => pricers.isKnown(id));
  if (!parsed.ok) return parsed;
  const c = parsed.value;
  const estimate = computeEstimate(c, { pricer: pricers.pricerFor(c.actuarialBasis) });
  if (c.backdrop) {
    // BD-2: the selected period must be allowed for an eligible plan.
    const months = c.backdrop.months;
    const eligible = estimate.results.filter((res) => res.backdrop.eligible);
    const allowed = [...new Set(eligible.flatMap((res) => res.backdrop.periods.map((p) => p.months)))].sort((a, b) => a - b);
    if (!allowed.includes(months)) {
      // BD-2 allows the period for an eligible plan, but it is not shown: no pay before its date (FAP-5).
      const allowedByRule = eligible.some((res) => res.firstNormalRetirementDate && allowedBackdropPeriods(monthsBetween(parseDate(res.firstNormalRetirementDate), parseDate(c.retirementDate))).includes(months));
      let message: string;
      if (eligible.length === 0) {
        message = 'the member is not eligible for a BackDROP (BD-1): clear the BackDROP period (choose "No BackDROP")';
      } else if (allowedByRule) {
        const b = addMonthsFirst(parseDate(c.retirementDate), -months);
        const from = addMonthsToMonth(monthOf(b), -FAP_MONTHS);
        message = `no pay is recorded before the BackDROP date ${formatDate(b)} (FAP-5): enter the pay history back to ${formatMonth(from)} or a final average pay`;
      } else {
        message = `must be an allowed BackDROP period (BD-2): ${allowed.join(', ')}`;
      }
      return { ok: false, issues: [{ path: 'backdrop.months', message }] };
    }
  }
  return { ok: true, value: withNet(c, withContributions(c, estimate)) };
}

/** CONTRIB-1 / CONTRIB-2: the contribution account on each MSEP 2011 result, when the case gives one. */
function withContributions(c: Case, estimate: Estimate): Estimate {
  if (!c.contributions) return estimate;
  return {
    ...estimate,
    results: estimate.results.map((res) => {
      const notes = new Lines();
      for (const n of res.notes) notes.add(n.rule, n.text);
      const contributions = contributionsFor(c, res, notes);
      return contributions ? { ...res, contributions, notes: notes.items } : res;
    }),
  };
}
