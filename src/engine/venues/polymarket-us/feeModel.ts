import { PRICE_ONE } from '../../../shared/units';
import { parseRatio, ratioToString, type Ratio } from '../../fees/exact';
import { WeightCache, type FeeModel } from '../../fees/feeModel';

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
 *
 * Units: W = Σ qty(0.01 contract) × p(1−p) (p in $0.0001) is in 10⁻¹⁰ dollars: the fee in cents
 * is round(Θ_num × W / (Θ_den × 10⁸)).
 */
export class PmUsFeeModel implements FeeModel {
  readonly rounding = 'half_up' as const;
  readonly unitMicros = 10_000;
  readonly num: bigint;
  readonly den: bigint;
  readonly description: string;
  readonly params: Readonly<Record<string, string>>;
  readonly exact: FeeModel['exact'];
  private readonly weights = new WeightCache((p) => BigInt(p * (PRICE_ONE - p)));

  constructor(readonly coefficient: Ratio) {
    this.num = coefficient.num;
    this.den = coefficient.den * 100_000_000n;
    const c = ratioToString(coefficient);
    this.description = `Polymarket US taker fee Θ=${c} × C × p(1−p), to the cent per order`;
    this.params = { feeCoefficient: c };
    this.exact = { coefficient: c, exponent: 1 };
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

  weight(price: number): bigint {
    return this.weights.get(price);
  }

  weightNumber(price: number): number {
    return this.weights.getNumber(price);
  }
}
