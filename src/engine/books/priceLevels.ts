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

  private levels: number[] = [];
  private total = 0;
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
    const i = this.search(price);
    return i >= 0 ? this.levels[2 * i + 1]! : 0;
  }

  /** Sets the level's absolute quantity; 0 (or less) removes it. Returns whether anything changed. */
  set(price: number, qty: number): boolean {
    const i = this.search(price);
    return this.setAt(i, price, i >= 0 ? this.levels[2 * i + 1]! : 0, qty);
  }

  /**
   * Adds a signed change to the level; a result at or below zero removes it. Returns 1 when the
   * book changed, 0 when not, −1 when refused (the level would exceed MAX_LEVEL_QTY).
   */
  add(price: number, delta: number): number {
    const i = this.search(price);
    const old = i >= 0 ? this.levels[2 * i + 1]! : 0;
    const next = old + delta;
    if (next > MAX_LEVEL_QTY) return -1;
    return this.setAt(i, price, old, next) ? 1 : 0;
  }

  private setAt(i: number, price: number, old: number, qty: number): boolean {
    const levels = this.levels;
    if (i >= 0) {
      if (qty <= 0) {
        levels.splice(2 * i, 2);
        this.total -= old;
      } else {
        if (old === qty) return false;
        levels[2 * i + 1] = qty;
        this.total += qty - old;
      }
    } else {
      if (qty <= 0) return false;
      const at = 2 * (-i - 1);
      if (at === levels.length) levels.push(price, qty);
      else levels.splice(at, 0, price, qty);
      this.total += qty;
    }
    this.publish();
    return true;
  }

  /**
   * Replaces every level. `prices`/`qtys` may be in any order and may repeat a price (repeats are
   * summed); zero quantities are dropped. The arrays are copied, not kept.
   */
  replace(prices: readonly number[], qtys: readonly number[]): void {
    const n = prices.length;
    // Venues usually send a side already in price order (ascending or descending): no sort then.
    let ascending = true;
    let descending = true;
    for (let i = 1; i < n && (ascending || descending); i++) {
      if (prices[i]! <= prices[i - 1]!) ascending = false;
      if (prices[i]! >= prices[i - 1]!) descending = false;
    }
    let order: number[] | null = null;
    if (!ascending && !descending) {
      order = [];
      for (let i = 0; i < n; i++) order.push(i);
      order.sort((a, b) => prices[a]! - prices[b]!);
    }
    const out: number[] = [];
    let total = 0;
    for (let k = 0; k < n; k++) {
      const i = order !== null ? order[k]! : descending ? n - 1 - k : k;
      const q = qtys[i]!;
      if (q <= 0) continue;
      const p = prices[i]!;
      total += q;
      if (out.length > 0 && out[out.length - 2] === p) out[out.length - 1]! += q;
      else out.push(p, q);
    }
    this.levels = out;
    this.total = total;
    this.publish();
  }

  clear(): void {
    this.levels = [];
    this.total = 0;
    this.publish();
  }

  /** Level index of `price`, or −(insertion index) − 1 when absent. */
  private search(price: number): number {
    const levels = this.levels;
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
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = levels[2 * mid]!;
      if (p < price) lo = mid + 1;
      else if (p > price) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }
}
