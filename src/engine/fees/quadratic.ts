import { PRICE_ONE } from '../../shared/units';
import { ratioToString, type Ratio } from './exact';
import { WeightCache, type FeeModel } from './feeModel';

/**
 * A fee of `round_to_cent(Θ × Σ cᵢ × pᵢ × (1 − pᵢ))` per order, Θ a venue's coefficient (Kalshi's
 * schedule, Polymarket US's `feeCoefficient`, …); the rounding is the venue's (up, or half up).
 *
 * Units: W = Σ qty(0.01 contract) × p(1−p) (p in $0.0001) is in 10⁻¹⁰ dollars, so the fee in
 * cents is round(Θ_num × W / (Θ_den × 10⁸)).
 */
export class CentQuadraticFeeModel implements FeeModel {
  readonly unitMicros = 10_000;
  readonly num: bigint;
  readonly den: bigint;
  readonly description: string;
  readonly params: Readonly<Record<string, string>>;
  readonly exact: FeeModel['exact'];
  private readonly weights = new WeightCache((p) => BigInt(p * (PRICE_ONE - p)));

  constructor(
    readonly coefficient: Ratio,
    readonly rounding: 'ceil' | 'half_up',
    /** The coefficient's name in the venue's parameters ("feeCoefficient"). */
    param: string,
    describe: (coefficient: string) => string,
  ) {
    this.num = coefficient.num;
    this.den = coefficient.den * 100_000_000n;
    const c = ratioToString(coefficient);
    this.description = describe(c);
    this.params = { [param]: c };
    this.exact = { coefficient: c, exponent: 1 };
  }

  weight(price: number): bigint {
    return this.weights.get(price);
  }

  weightNumber(price: number): number {
    return this.weights.getNumber(price);
  }
}
