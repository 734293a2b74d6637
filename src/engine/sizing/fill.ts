import type { AskLadder } from '../books/ladders';
import { feeMicros, type FeeModel } from '../fees/feeModel';
import { BIG_SMALL_DENOMINATOR, BIG_SMALL_NUMERATOR, roundedUnits, SMALL_NUMERATOR } from './roundedLinear';

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
  // The fee weight Σ take × weight(p): a plain number while it is an exact integer, BigInt from
  // the level that would take it past 2^53 on.
  let weight = 0;
  let bigWeight: bigint | null = null;
  let worst = 0;
  let levels = 0;
  const top = asks.priceAt(0);
  for (let i = 0; remaining > 0; i++) {
    const p = asks.priceAt(i);
    const take = Math.min(remaining, asks.qtyAt(i));
    cost += p * take;
    if (bigWeight === null) {
      // Exact when it is a safe integer: a product or sum of integers whose true value passes
      // 2^53 rounds to 2^53 or more, and weightNumber is Infinity past it.
      const next = weight + take * fee.weightNumber(p);
      if (Number.isSafeInteger(next)) weight = next;
      else bigWeight = BigInt(weight) + BigInt(take) * fee.weight(p);
    } else bigWeight += BigInt(take) * fee.weight(p);
    worst = p;
    levels++;
    remaining -= take;
  }
  return { size, cost, fee: bigWeight === null ? feeOfWeight(fee, weight) : feeMicros(fee, bigWeight), topPrice: top, worstPrice: worst, levels };
}

/** feeMicros for a weight that is a safe integer: in plain numbers when num × W stays small enough to divide exactly. */
function feeOfWeight(fee: FeeModel, weight: number): number {
  if (fee.num === 0n || weight === 0) return 0;
  if (fee.num <= BIG_SMALL_NUMERATOR && fee.den <= BIG_SMALL_DENOMINATOR) {
    const n = Number(fee.num) * weight;
    if (n <= SMALL_NUMERATOR) return roundedUnits(n, Number(fee.den), fee.rounding === 'ceil') * fee.unitMicros;
  }
  return feeMicros(fee, BigInt(weight));
}
