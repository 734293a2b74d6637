import { PRICE_ONE } from '../../../src/shared/units';
import { parseRatio, ratioToString, type Ratio } from '../../../src/engine/fees/exact';
import { WeightCache, type FeeModel } from '../../../src/engine/fees/feeModel';

/**
 * Acme's taker fee per order: ⌈Θ × Σ cᵢ × pᵢ × (1 − pᵢ)⌉ to the cent, Θ published per market.
 * W = Σ qty(0.01 contract) × p(1−p) (p in $0.0001) is in 10⁻¹⁰ dollars: the fee in cents is
 * ⌈Θ_num × W / (Θ_den × 10⁸)⌉.
 */
export class AcmeFeeModel implements FeeModel {
  readonly rounding = 'ceil' as const;
  readonly unitMicros = 10_000;
  readonly num: bigint;
  readonly den: bigint;
  readonly description: string;
  readonly params: Readonly<Record<string, string>>;
  readonly exact: FeeModel['exact'];
  private readonly weights = new WeightCache((p) => BigInt(p * (PRICE_ONE - p)));

  constructor(readonly theta: Ratio) {
    this.num = theta.num;
    this.den = theta.den * 100_000_000n;
    const t = ratioToString(theta);
    this.description = `Acme taker fee Θ=${t} × C × p(1−p), rounded up to the cent per order`;
    this.params = { theta: t };
    this.exact = { coefficient: t, exponent: 1 };
  }

  static parse(theta: string): AcmeFeeModel | string {
    const r = parseRatio(theta);
    return typeof r === 'string' ? `Acme fee coefficient: ${r}` : new AcmeFeeModel(r);
  }

  weight(price: number): bigint {
    return this.weights.get(price);
  }

  weightNumber(price: number): number {
    return this.weights.getNumber(price);
  }
}
