import { bestSize } from '../sizing/bestSize';
import { fillLadder, type LegFill } from '../sizing/fill';
import type { Basket, SizedBasket } from './basket';

export interface SizingOptions {
  /** An opportunity nets at least this much, micro-dollars (spec: options.minProfit, default $0.01). */
  readonly minProfit: number;
  /** Contracts per leg at most (spec: options.maxSize, default 100 000). */
  readonly maxSize: number;
}

export type BasketFigures = Omit<SizedBasket, 'openedAt' | 'updatedAt'>;

/**
 * Sizes one basket on the current books: null unless every leg's book is live and the best size
 * nets at least minProfit. The common case (top-of-book asks already cost the payout or more) is
 * rejected from the best prices alone.
 */
export function evaluateBasket(basket: Basket, options: SizingOptions): BasketFigures | null {
  const payout = basket.payout * 1_000_000;
  let edgeAtTop = payout;
  for (const leg of basket.legs) {
    if (leg.side.health !== 'live') return null;
    const asks = leg.asks;
    if (asks.totalQty < 100) return null;
    edgeAtTop -= 100 * asks.priceAt(0);
  }
  // Every contract costs at least the top ask and fees are never negative: s × edgeAtTop bounds
  // the net profit of every size.
  if (edgeAtTop <= 0 && options.minProfit > 0) return null;
  const best = bestSize(basket.legs, payout, options.maxSize, options.minProfit);
  if (best === null) return null;
  const fills: LegFill[] = [];
  let cost = 0;
  let fees = 0;
  for (const leg of basket.legs) {
    const fill = fillLadder(leg.asks, leg.fee, best.size)!;
    fills.push(fill);
    cost += fill.cost;
    fees += fill.fee;
  }
  const total = payout * best.size;
  if (total - cost - fees !== best.netProfit) {
    throw new Error(`sizing disagrees with the fill walk for ${basket.key} at ${best.size}`);
  }
  return { basket, size: best.size, payout: total, cost, fees, netProfit: best.netProfit, fills };
}
