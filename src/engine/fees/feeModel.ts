import { ceilDiv, halfUpDiv, type Ratio } from './exact';

/**
 * A taker fee of the shape `round(k × Σ cᵢ × w(pᵢ))` over the levels (pᵢ, cᵢ) one order fills,
 * computed exactly: with W = Σ qtyᵢ × weight(priceᵢ) (integer units), the fee is
 * `round(num × W / den)` fee units of `unitMicros` each. Sizing reasons over this shape directly.
 */
export interface FeeModel {
  /** How the single rounding per order goes: up (e.g. to the cent) or half up. */
  readonly rounding: 'ceil' | 'half_up';
  /** Micros per fee unit: 10 000 for a fee rounded to the cent, 10 for one rounded to $0.00001. */
  readonly unitMicros: number;
  readonly num: bigint;
  readonly den: bigint;
  /** Integer weight of one 0.01 contract filled at `price` ($0.0001 units). */
  weight(price: number): bigint;
  /** The same weight as a number: exact up to 2^53, Infinity beyond (sizing's fast path checks). */
  weightNumber(price: number): number;
  /** Human-readable parameters, e.g. "taker fee ×0.07, rounded up to the cent per order". */
  readonly description: string;
  /** The parameters as given, for round trips (scenario files, settings). */
  readonly params: Readonly<Record<string, string | number>>;
  /**
   * The fee before any rounding, as exact decimals: C contracts filled at price p (dollars) cost
   * `coefficient × C × (p × (1 − p))^exponent`. (Exact decimal arithmetic is the ledger's: the fee
   * reconciler computes it; this file stays free of it, so scanning loads no decimal library.)
   */
  readonly exact: { readonly coefficient: string; readonly exponent: number };
}

/** How BUY taker fees are taken: in cash (collateral), or in shares of what was bought. */
export type FeeTakenIn = 'collateral' | 'shares';

/** The fee models a market trades under at a time: taker (what baskets pay), maker (null: free). */
export interface MarketFees {
  taker: FeeModel;
  maker: FeeModel | null;
  /** The models change at this wall time (a fee waiver ends); null: until the listing changes. */
  validUntil: number | null;
}

/** Fee units for a total weight W. */
export function feeUnits(model: FeeModel, weight: bigint): bigint {
  if (model.num === 0n || weight === 0n) return 0n;
  const n = model.num * weight;
  return model.rounding === 'ceil' ? ceilDiv(n, model.den) : halfUpDiv(n, model.den);
}

/** The fee, in micro-dollars, of one order with total weight W. */
export function feeMicros(model: FeeModel, weight: bigint): number {
  return Number(feeUnits(model, weight)) * model.unitMicros;
}

/** The fee, in micro-dollars, of one order filling `qtys[i]` (0.01 contracts) at `prices[i]`. */
export function feeForFills(model: FeeModel, prices: readonly number[], qtys: readonly number[]): number {
  let w = 0n;
  for (let i = 0; i < prices.length; i++) w += BigInt(qtys[i]!) * model.weight(prices[i]!);
  return feeMicros(model, w);
}

/** A memo of weight(price) per price, since a model is asked for the same few prices repeatedly. */
export class WeightCache {
  private readonly cache = new Map<number, bigint>();
  private readonly numbers = new Map<number, number>();
  constructor(private readonly compute: (price: number) => bigint) {}
  get(price: number): bigint {
    let w = this.cache.get(price);
    if (w === undefined) {
      w = this.compute(price);
      this.cache.set(price, w);
    }
    return w;
  }
  /** As a number when it is exactly one (at most 2^53), else Infinity. */
  getNumber(price: number): number {
    let w = this.numbers.get(price);
    if (w === undefined) {
      const big = this.get(price);
      w = big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : Infinity;
      this.numbers.set(price, w);
    }
    return w;
  }
}

export type { Ratio };
