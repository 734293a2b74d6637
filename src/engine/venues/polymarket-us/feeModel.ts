import { parseRatio, type Ratio } from '../../fees/exact';
import { CentQuadraticFeeModel } from '../../fees/quadratic';

/** Shared models by coefficient text (a venue publishes a handful). */
const parsed = new Map<string, PmUsFeeModel>();
const MAX_SHARED = 1_000;

/**
 * Polymarket US taker fee per order: Θ × C × p × (1 − p), Θ the market's `feeCoefficient` (0.0695
 * exchange-wide from 2026-09-25; other categories differ), to the cent (docs fees.md, via the
 * reference next-venues.md §1.9).
 *
 * The venue rounds each fill half to even and caps an order's total at the banker's rounding of
 * its cumulative exact fee. This model rounds the order's exact fee half UP to the cent: never
 * below what the venue charges (half up ≥ half even, and the cap keeps the venue at or under the
 * rounded total), at most one cent above it at an exact half. The ledger books the venue's figure.
 */
export class PmUsFeeModel extends CentQuadraticFeeModel {
  constructor(coefficient: Ratio) {
    super(coefficient, 'half_up', 'feeCoefficient', (c) => `Polymarket US taker fee Θ=${c} × C × p(1−p), to the cent per order`);
  }

  static parse(coefficient: string): PmUsFeeModel | string {
    const known = parsed.get(coefficient);
    if (known) return known;
    const r = parseRatio(coefficient);
    if (typeof r === 'string') return `Polymarket US fee coefficient ${r}`;
    const model = new PmUsFeeModel(r);
    if (parsed.size < MAX_SHARED) parsed.set(coefficient, model);
    return model;
  }
}
