import Decimal from 'decimal.js';
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
  /** Human-readable parameters, e.g. "taker fee ×0.07, rounded up to the cent per order". */
  readonly description: string;
  /** The parameters as given, for round trips (scenario files, settings). */
  readonly params: Readonly<Record<string, string | number>>;
  /** The fee of `qty` contracts filled at `price` (decimal dollars) before any rounding, exact. */
  exactFee(qty: Decimal.Value, price: Decimal.Value): Decimal;
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

/** One rounding unit of the model's fee, in dollars. */
export function roundingUnit(model: FeeModel): Decimal {
  return new Decimal(model.unitMicros).div(1_000_000);
}

/** An exact fee rounded as the venue rounds an order's fee (up, or half up, to its unit). */
export function roundFee(model: FeeModel, exact: Decimal): Decimal {
  const places = Math.round(6 - Math.log10(model.unitMicros));
  return exact.toDecimalPlaces(places, model.rounding === 'ceil' ? Decimal.ROUND_UP : Decimal.ROUND_HALF_UP);
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
  constructor(private readonly compute: (price: number) => bigint) {}
  get(price: number): bigint {
    let w = this.cache.get(price);
    if (w === undefined) {
      w = this.compute(price);
      this.cache.set(price, w);
    }
    return w;
  }
}

export type { Ratio };
