// One side of an L2 book: price levels kept sorted ascending by price, with the total quantity
// maintained incrementally. Prices are integer $0.0001 ticks, quantities integer 0.01 contracts.
// Levels live interleaved in one array ([p0, q0, p1, q1, …]): small sorted arrays beat trees at
// order-book sizes, and one array means one cache line fewer per update.
import { PRICE_ONE } from '../../shared/units';
import type { LadderCache } from './ladderCache';

/** Quantities above this (10 billion contracts) are rejected as malformed; it keeps sums exact. */
export const MAX_LEVEL_QTY = 1_000_000_000_000;

export class PriceLevels {
  /**
   * @param bestHigh true for bids (the best level is the highest price, at the end), false for
   *   asks (the best is the lowest, at the start). Lookups start from the best end: venues
   *   update near the top of the book, so most lookups touch one cache line.
   */
  constructor(private readonly bestHigh = false) {}

  /** The venue's levels, as its messages set them. */
  private raw: number[] = [];
  private rawTotal = 0;
  /**
   * What readers see: the venue's levels less the liquidity our own paper fills consumed (see
   * `consume`). The same array as `raw` while nothing is consumed, so the common case costs nothing.
   */
  private levels: number[] = this.raw;
  private total = 0;
  /** Consumed quantity per price, interleaved [p0, c0, p1, c1, …] ascending; null when none. */
  private consumed: number[] | null = null;
  /** Where this side publishes its ask-ladder summary, when it backs one. */
  private cache: LadderCache | null = null;
  private ladder = 0;
  private complement = false;

  /**
   * Makes this side the source of ask ladder `ladder`: its own levels (asks), or, with
   * `complement`, another outcome's bids read at 1 − q (Kalshi).
   */
  bindAsks(cache: LadderCache, ladder: number, complement: boolean): void {
    this.cache = cache;
    this.ladder = ladder;
    this.complement = complement;
    this.publish();
  }

  private publish(): void {
    if (this.consumed === null) {
      this.levels = this.raw;
      this.total = this.rawTotal;
    } else {
      this.rebuildView(this.consumed);
    }
    const cache = this.cache;
    if (cache === null) return;
    const levels = this.levels;
    const n = levels.length;
    const at = this.ladder * 8;
    const data = cache.data;
    data[at] = n === 0 ? 0 : this.complement ? PRICE_ONE - levels[n - 2]! : levels[0]!;
    data[at + 1] = this.total;
  }

  get length(): number {
    return this.levels.length >> 1;
  }

  /** Sum of all level quantities (0.01 contracts). */
  get totalQty(): number {
    return this.total;
  }

  /** The i-th level from the lowest price up. */
  priceAt(i: number): number {
    return this.levels[2 * i]!;
  }

  qtyAt(i: number): number {
    return this.levels[2 * i + 1]!;
  }

  /** Highest price, or 0 when empty. */
  get highest(): number {
    const n = this.levels.length;
    return n === 0 ? 0 : this.levels[n - 2]!;
  }

  /** Lowest price, or 0 when empty. */
  get lowest(): number {
    return this.levels.length === 0 ? 0 : this.levels[0]!;
  }

  /** Quantity at `price`, 0 when there is no level. */
  qtyAtPrice(price: number): number {
    if (this.consumed === null) {
      const i = this.search(price);
      return i >= 0 ? this.raw[2 * i + 1]! : 0;
    }
    const i = findLevel(this.levels, price);
    return i >= 0 ? this.levels[2 * i + 1]! : 0;
  }

  /** Sets the level's absolute quantity; 0 (or less) removes it. Returns whether anything changed. */
  set(price: number, qty: number): boolean {
    const i = this.search(price);
    return this.setAt(i, price, i >= 0 ? this.raw[2 * i + 1]! : 0, qty);
  }

  /**
   * Adds a signed change to the level; a result at or below zero removes it. Returns 1 when the
   * book changed, 0 when not, −1 when refused (the level would exceed MAX_LEVEL_QTY).
   */
  add(price: number, delta: number): number {
    const i = this.search(price);
    const old = i >= 0 ? this.raw[2 * i + 1]! : 0;
    const next = old + delta;
    if (next > MAX_LEVEL_QTY) return -1;
    return this.setAt(i, price, old, next) ? 1 : 0;
  }

  private setAt(i: number, price: number, old: number, qty: number): boolean {
    const levels = this.raw;
    if (i >= 0) {
      if (qty <= 0) {
        levels.splice(2 * i, 2);
        this.rawTotal -= old;
      } else {
        if (old === qty) return false;
        levels[2 * i + 1] = qty;
        this.rawTotal += qty - old;
      }
    } else {
      if (qty <= 0) return false;
      const at = 2 * (-i - 1);
      if (at === levels.length) levels.push(price, qty);
      else levels.splice(at, 0, price, qty);
      this.rawTotal += qty;
    }
    this.publish();
    return true;
  }

  /**
   * Replaces every level. `prices`/`qtys` may be in any order and may repeat a price (repeats are
   * summed); zero quantities are dropped. The arrays are copied, not kept. The levels are written
   * over the old ones in place: a whole-book message allocates nothing (and leaves the young
   * generation no surviving arrays to copy).
   */
  replace(prices: readonly number[], qtys: readonly number[]): void {
    const n = prices.length;
    // Venues usually send a side in price order (ascending or descending): no sort then.
    let ascending = true;
    let descending = true;
    for (let i = 1; i < n && (ascending || descending); i++) {
      if (prices[i]! <= prices[i - 1]!) ascending = false;
      if (prices[i]! >= prices[i - 1]!) descending = false;
    }
    const out = this.raw;
    let w = 0;
    let total = 0;
    for (let k = 0; k < n; k++) {
      const i = descending ? n - 1 - k : k;
      const q = qtys[i]!;
      if (q <= 0) continue;
      out[w] = prices[i]!;
      out[w + 1] = q;
      w += 2;
      total += q;
    }
    out.length = w;
    if (!ascending && !descending) {
      if (!insertionSortPairs(out, 4 * w + 64)) sortPairs(out);
      mergeRepeats(out);
    }
    this.rawTotal = total;
    this.publish();
  }

  clear(): void {
    this.raw.length = 0;
    this.rawTotal = 0;
    this.publish();
  }

  // ── Consumed liquidity (paper trading's market impact) ──────────────────────────────────────

  /**
   * Marks `qty` at `price` as taken by one of our own (paper) fills: readers see the level that
   * much smaller (gone at zero) until `restore` gives it back, whatever the venue's messages do to
   * it meanwhile. Kalshi asks are the other outcome's bids: consume those at 1 − ask.
   */
  consume(price: number, qty: number): void {
    if (!(Number.isSafeInteger(qty) && qty > 0)) throw new RangeError(`consume: ${qty} is not a positive quantity`);
    const consumed = this.consumed ?? [];
    const i = findLevel(consumed, price);
    if (i >= 0) consumed[2 * i + 1]! += qty;
    else consumed.splice(2 * (-i - 1), 0, price, qty);
    this.consumed = consumed;
    this.publish();
  }

  /** Gives back up to `qty` consumed at `price` (the impact decaying). */
  restore(price: number, qty: number): void {
    const consumed = this.consumed;
    if (consumed === null || qty <= 0) return;
    const i = findLevel(consumed, price);
    if (i < 0) return;
    const left = consumed[2 * i + 1]! - qty;
    if (left > 0) consumed[2 * i + 1] = left;
    else consumed.splice(2 * i, 2);
    if (consumed.length === 0) this.consumed = null;
    this.publish();
  }

  /** Quantity currently marked consumed at `price`. */
  consumedAt(price: number): number {
    if (this.consumed === null) return 0;
    const i = findLevel(this.consumed, price);
    return i >= 0 ? this.consumed[2 * i + 1]! : 0;
  }

  /** Total quantity the venue shows, consumed liquidity included. */
  get venueTotalQty(): number {
    return this.rawTotal;
  }

  /** The view: each venue level less what was consumed at its price, empty levels dropped. */
  private rebuildView(consumed: readonly number[]): void {
    const raw = this.raw;
    const out: number[] = [];
    let total = 0;
    let j = 0;
    for (let i = 0; i < raw.length; i += 2) {
      const p = raw[i]!;
      while (j < consumed.length && consumed[j]! < p) j += 2;
      const q = j < consumed.length && consumed[j] === p ? raw[i + 1]! - consumed[j + 1]! : raw[i + 1]!;
      if (q <= 0) continue;
      out.push(p, q);
      total += q;
    }
    this.levels = out;
    this.total = total;
  }

  /** Level index of `price` in the venue's levels, or −(insertion index) − 1 when absent. */
  private search(price: number): number {
    const levels = this.raw;
    const n = levels.length >> 1;
    // A short walk from the best end first; a binary search beyond it.
    if (this.bestHigh) {
      for (let i = n - 1, stop = Math.max(0, n - 6); i >= stop; i--) {
        const p = levels[2 * i]!;
        if (p === price) return i;
        if (p < price) return -(i + 1) - 1;
      }
      if (n <= 6) return -1;
    } else {
      for (let i = 0, stop = Math.min(n, 6); i < stop; i++) {
        const p = levels[2 * i]!;
        if (p === price) return i;
        if (p > price) return -i - 1;
      }
      if (n <= 6) return -n - 1;
    }
    return findLevel(levels, price);
  }
}

/** Binary search of an interleaved ascending [price, qty, …] array. */
function findLevel(levels: readonly number[], price: number): number {
  let lo = 0;
  let hi = (levels.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const p = levels[2 * mid]!;
    if (p < price) lo = mid + 1;
    else if (p > price) hi = mid - 1;
    else return mid;
  }
  return -lo - 1;
}

/**
 * Sorts an interleaved [price, qty, …] array by price in place, by insertion: linear for a side
 * sent nearly in order (a few levels out of place). Gives up, returning false with the pairs
 * still pairs, once it has shifted more than `budget` slots.
 */
function insertionSortPairs(pairs: number[], budget: number): boolean {
  let shifted = 0;
  for (let i = 2; i < pairs.length; i += 2) {
    const p = pairs[i]!;
    if (pairs[i - 2]! <= p) continue;
    const q = pairs[i + 1]!;
    let j = i;
    while (j > 0 && pairs[j - 2]! > p) {
      pairs[j] = pairs[j - 2]!;
      pairs[j + 1] = pairs[j - 1]!;
      j -= 2;
      shifted += 2;
    }
    pairs[j] = p;
    pairs[j + 1] = q;
    if (shifted > budget) return false;
  }
  return true;
}

/** Sorts an interleaved [price, qty, …] array by price in place, whatever its order. */
function sortPairs(pairs: number[]): void {
  const order: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) order.push(i);
  order.sort((a, b) => pairs[a]! - pairs[b]!);
  const copy = pairs.slice();
  for (let k = 0; k < order.length; k++) {
    pairs[2 * k] = copy[order[k]!]!;
    pairs[2 * k + 1] = copy[order[k]! + 1]!;
  }
}

/** Sums adjacent levels of the same price of a sorted interleaved array into one, in place. */
function mergeRepeats(pairs: number[]): void {
  let w = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    if (w > 0 && pairs[w - 2] === pairs[i]) pairs[w - 1]! += pairs[i + 1]!;
    else {
      pairs[w] = pairs[i]!;
      pairs[w + 1] = pairs[i + 1]!;
      w += 2;
    }
  }
  pairs.length = w;
}
