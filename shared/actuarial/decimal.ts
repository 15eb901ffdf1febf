// BASIS.md: factors are unrounded in arithmetic; the engine's one Decimal (40 digits, half-up).
import type { Decimal } from '../calc/decimal';

export { Decimal, ONE, ZERO } from '../calc/decimal';
export type DecimalValue = Decimal | string | number;
