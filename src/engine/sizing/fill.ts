import type { AskLadder } from '../books/ladders';
import { feeMicros, type FeeModel } from '../fees/feeModel';

/** What taking `size` contracts off one ask ladder costs. Money in micro-dollars. */
export interface LegFill {
  /** Whole contracts filled. */
  readonly size: number;
  readonly cost: number;
  readonly fee: number;
  /** Cheapest level touched ($0.0001). */
  readonly topPrice: number;
  /** Most expensive level touched ($0.0001). */
  readonly worstPrice: number;
  /** Levels touched. */
  readonly levels: number;
}

/** Walks the ladder from the cheapest level up; null when it holds fewer than `size` contracts. */
export function fillLadder(asks: AskLadder, fee: FeeModel, size: number): LegFill | null {
  let remaining = size * 100;
  if (size < 1 || asks.totalQty < remaining) return null;
  let cost = 0;
  let weight = 0n;
  let worst = 0;
  let levels = 0;
  const top = asks.priceAt(0);
  for (let i = 0; remaining > 0; i++) {
    const p = asks.priceAt(i);
    const take = Math.min(remaining, asks.qtyAt(i));
    cost += p * take;
    weight += BigInt(take) * fee.weight(p);
    worst = p;
    levels++;
    remaining -= take;
  }
  return { size, cost, fee: feeMicros(fee, weight), topPrice: top, worstPrice: worst, levels };
}
