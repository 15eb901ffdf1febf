import { pricerSource } from '../../shared/actuarial';
import type { PricerSource } from '../../shared/calc/run';

let shipped: PricerSource | null = null;

/** OPT-5 factors by basis id: the shipped bases (the caseload adds stored ones). */
export function pricers(): PricerSource {
  shipped ??= pricerSource();
  return shipped;
}
