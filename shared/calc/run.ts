import type { Estimate } from '../domain/estimate-schema';
import { parseCase, type Parsed } from '../domain/validate';
import { computeEstimate } from './estimate';
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
      const message =
        eligible.length === 0
          ? 'the member is not eligible for a BackDROP (BD-1): clear the BackDROP period (choose "No BackDROP")'
          : `must be an allowed BackDROP period (BD-2): ${allowed.join(', ')}`;
      return { ok: false, issues: [{ path: 'backdrop.months', message }] };
    }
  }
  return { ok: true, value: estimate };
}
