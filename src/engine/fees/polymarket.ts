import { PRICE_ONE } from '../../shared/units';
import { parseRatio, ratioToString, type Ratio } from './exact';
import { WeightCache, type FeeModel } from './feeModel';

export const POLYMARKET_DEFAULT_RATE = '0';
export const POLYMARKET_DEFAULT_EXPONENT = 1;
export const POLYMARKET_MAX_EXPONENT = 8;

/**
 * Polymarket taker fee: `round_half_up_to_5dp(Σ cᵢ × r × (pᵢ × (1 − pᵢ))^e)`, counted as a dollar
 * cost, r the market's fee rate and e its exponent (both read per market at run time).
 *
 * Units: W = Σ qty(0.01) × (p(1−p))^e with p in $0.0001, so the fee is r × W × 10^(3 − 8e) in
 * units of $0.00001, rounded half up.
 */
export class PolymarketFeeModel implements FeeModel {
  readonly venue = 'polymarket' as const;
  readonly rounding = 'half_up' as const;
  readonly unitMicros = 10;
  readonly num: bigint;
  readonly den: bigint;
  readonly description: string;
  readonly params: Readonly<Record<string, string | number>>;
  private readonly weights: WeightCache;

  constructor(
    readonly rate: Ratio,
    readonly exponent: number,
  ) {
    if (!Number.isInteger(exponent) || exponent < 0 || exponent > POLYMARKET_MAX_EXPONENT) {
      throw new Error(`fee exponent must be a whole number from 0 to ${POLYMARKET_MAX_EXPONENT}`);
    }
    const shift = 3 - 8 * exponent;
    this.num = rate.num * 10n ** BigInt(Math.max(0, shift));
    this.den = rate.den * 10n ** BigInt(Math.max(0, -shift));
    const e = BigInt(exponent);
    this.weights = new WeightCache((p) => BigInt(p * (PRICE_ONE - p)) ** e);
    const r = ratioToString(rate);
    this.description = `Polymarket taker fee rate ${r}, exponent ${exponent}, rounded half up to $0.00001`;
    this.params = { feeRate: r, feeExponent: exponent };
  }

  static parse(rate: string = POLYMARKET_DEFAULT_RATE, exponent: number = POLYMARKET_DEFAULT_EXPONENT): PolymarketFeeModel | string {
    const r = parseRatio(rate);
    if (typeof r === 'string') return r;
    if (!Number.isInteger(exponent) || exponent < 0 || exponent > POLYMARKET_MAX_EXPONENT) {
      return `${exponent} is not a whole number from 0 to ${POLYMARKET_MAX_EXPONENT}`;
    }
    return new PolymarketFeeModel(r, exponent);
  }

  weight(price: number): bigint {
    return this.weights.get(price);
  }
}
