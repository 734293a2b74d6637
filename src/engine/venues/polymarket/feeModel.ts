import { PRICE_ONE } from '../../../shared/units';
import type { FeeTakenIn } from '../../fees/feeModel';
import { parseRatio, ratioToString, type Ratio } from '../../fees/exact';
import { WeightCache, type FeeModel } from '../../fees/feeModel';

export const POLYMARKET_DEFAULT_RATE = '0';
export const POLYMARKET_DEFAULT_EXPONENT = 1;
export const POLYMARKET_MAX_EXPONENT = 8;

export type { FeeTakenIn } from '../../fees/feeModel';

/** Shared models by parameters (bounded: markets carry a handful of fee schedules). */
const parsed = new Map<string, PolymarketFeeModel>();
const MAX_SHARED = 1_000;

/**
 * Polymarket taker fee: `round_half_up_to_5dp(Σ cᵢ × r × (pᵢ × (1 − pᵢ))^e)`, counted as a dollar
 * cost, r the market's fee rate and e its exponent (both read per market at run time).
 *
 * Units: W = Σ qty(0.01) × (p(1−p))^e with p in $0.0001, so the fee is r × W × 10^(3 − 8e) in
 * units of $0.00001, rounded half up.
 *
 * Taken in shares (`takenIn: 'shares'`, once the wallet shows the venue does that): a BUY of c
 * receives c − fee/p shares, so a basket holds fee/p fewer contracts on that leg and its payout
 * can be fee/p dollars short. The model then counts fee/p as the cost: weight (p(1−p))^e / p,
 * which is (1 − p)(p(1−p))^(e−1) × 10^(8e−4) in integer units.
 */
export class PolymarketFeeModel implements FeeModel {
  readonly rounding = 'half_up' as const;
  readonly unitMicros = 10;
  readonly num: bigint;
  readonly den: bigint;
  readonly description: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly exact: FeeModel['exact'];
  private readonly weights: WeightCache;

  constructor(
    readonly rate: Ratio,
    readonly exponent: number,
    readonly takenIn: FeeTakenIn = 'collateral',
  ) {
    if (!Number.isInteger(exponent) || exponent < 0 || exponent > POLYMARKET_MAX_EXPONENT) {
      throw new Error(`fee exponent must be a whole number from 0 to ${POLYMARKET_MAX_EXPONENT}`);
    }
    const inShares = takenIn === 'shares' && exponent >= 1;
    const shift = 3 - 8 * exponent + (inShares ? 4 : 0);
    this.num = rate.num * 10n ** BigInt(Math.max(0, shift));
    this.den = rate.den * 10n ** BigInt(Math.max(0, -shift));
    const e = BigInt(exponent);
    this.weights = inShares
      ? new WeightCache((p) => BigInt(PRICE_ONE - p) * BigInt(p * (PRICE_ONE - p)) ** (e - 1n))
      : new WeightCache((p) => BigInt(p * (PRICE_ONE - p)) ** e);
    const r = ratioToString(rate);
    this.description = `Polymarket taker fee rate ${r}, exponent ${exponent}, rounded half up to $0.00001${inShares ? ', taken in shares (priced as fee / price)' : ''}`;
    this.params = inShares ? { feeRate: r, feeExponent: exponent, feeTakenIn: 'shares' } : { feeRate: r, feeExponent: exponent };
    // r × C × (p(1 − p))^e, whichever way the fee is taken (it is charged the same).
    this.exact = { coefficient: r, exponent };
  }

  /** The model for these parameters, shared by every market that has them (models are immutable). */
  static parse(rate: string = POLYMARKET_DEFAULT_RATE, exponent: number = POLYMARKET_DEFAULT_EXPONENT, takenIn: FeeTakenIn = 'collateral'): PolymarketFeeModel | string {
    const key = `${rate}|${exponent}|${takenIn}`;
    const known = parsed.get(key);
    if (known) return known;
    const r = parseRatio(rate);
    if (typeof r === 'string') return r;
    if (!Number.isInteger(exponent) || exponent < 0 || exponent > POLYMARKET_MAX_EXPONENT) {
      return `${exponent} is not a whole number from 0 to ${POLYMARKET_MAX_EXPONENT}`;
    }
    const model = new PolymarketFeeModel(r, exponent, takenIn);
    if (parsed.size < MAX_SHARED) parsed.set(key, model);
    return model;
  }

  weight(price: number): bigint {
    return this.weights.get(price);
  }

  weightNumber(price: number): number {
    return this.weights.getNumber(price);
  }
}
