import type { AskLadder, BidLadder } from '../books/ladders';
import { feeForFills, type FeeModel } from '../fees/feeModel';

/** What taking `qty` (0.01 contracts) off a ladder, best level first, would do. */
export interface Walk {
  /** How much the ladder holds of `qty` (less when it is thinner). */
  readonly qty: number;
  /** Σ price × qty, micro-dollars. */
  readonly notional: number;
  /** The last (worst) price touched; null when the ladder is empty. */
  readonly worst: number | null;
  readonly prices: number[];
  readonly qtys: number[];
}

/** Walks asks cheapest first or bids highest first, stopping at `qty` or at `limit` when given. */
export function walkLadder(ladder: AskLadder | BidLadder, qty: number, side: 'buy' | 'sell', limit?: number): Walk {
  let left = qty;
  let notional = 0;
  let worst: number | null = null;
  const prices: number[] = [];
  const qtys: number[] = [];
  for (let i = 0; i < ladder.levelCount && left > 0; i++) {
    const p = ladder.priceAt(i);
    if (limit !== undefined && (side === 'buy' ? p > limit : p < limit)) break;
    const take = Math.min(left, ladder.qtyAt(i));
    if (take <= 0) continue;
    notional += p * take;
    worst = p;
    prices.push(p);
    qtys.push(take);
    left -= take;
  }
  return { qty: qty - left, notional, worst, prices, qtys };
}

/** The fee of one order filling the walked levels (one rounding per order). */
export function walkFee(model: FeeModel, walk: Walk): number {
  return feeForFills(model, walk.prices, walk.qtys);
}
