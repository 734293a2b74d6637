// One side of an L2 book: price levels kept sorted ascending by price, with the total quantity
// maintained incrementally. Prices are integer $0.0001 ticks, quantities integer 0.01 contracts.
// Small sorted arrays beat trees at order-book sizes (tens to hundreds of levels).

/** Quantities above this (10 billion contracts) are rejected as malformed; it keeps sums exact. */
export const MAX_LEVEL_QTY = 1_000_000_000_000;

export class PriceLevels {
  private prices: number[] = [];
  private qtys: number[] = [];
  private total = 0;

  get length(): number {
    return this.prices.length;
  }

  /** Sum of all level quantities (0.01 contracts). */
  get totalQty(): number {
    return this.total;
  }

  /** The i-th level from the lowest price up. */
  priceAt(i: number): number {
    return this.prices[i]!;
  }

  qtyAt(i: number): number {
    return this.qtys[i]!;
  }

  /** Highest price, or 0 when empty. */
  get highest(): number {
    const n = this.prices.length;
    return n === 0 ? 0 : this.prices[n - 1]!;
  }

  /** Lowest price, or 0 when empty. */
  get lowest(): number {
    return this.prices.length === 0 ? 0 : this.prices[0]!;
  }

  /** Quantity at `price`, 0 when there is no level. */
  qtyAtPrice(price: number): number {
    const i = this.search(price);
    return i >= 0 ? this.qtys[i]! : 0;
  }

  /** Sets the level's absolute quantity; 0 (or less) removes it. Returns whether anything changed. */
  set(price: number, qty: number): boolean {
    const i = this.search(price);
    if (i >= 0) {
      const old = this.qtys[i]!;
      if (qty <= 0) {
        this.prices.splice(i, 1);
        this.qtys.splice(i, 1);
        this.total -= old;
        return true;
      }
      if (old === qty) return false;
      this.qtys[i] = qty;
      this.total += qty - old;
      return true;
    }
    if (qty <= 0) return false;
    const at = -i - 1;
    this.prices.splice(at, 0, price);
    this.qtys.splice(at, 0, qty);
    this.total += qty;
    return true;
  }

  /** Adds a signed change to the level; a result at or below zero removes it. */
  add(price: number, delta: number): boolean {
    return this.set(price, this.qtyAtPrice(price) + delta);
  }

  /**
   * Replaces every level. `prices`/`qtys` may be in any order and may repeat a price (repeats are
   * summed); zero quantities are dropped. Takes ownership of nothing: the arrays are copied.
   */
  replace(prices: readonly number[], qtys: readonly number[]): void {
    const order: number[] = [];
    for (let i = 0; i < prices.length; i++) if (qtys[i]! > 0) order.push(i);
    order.sort((a, b) => prices[a]! - prices[b]!);
    const outP: number[] = [];
    const outQ: number[] = [];
    let total = 0;
    for (const i of order) {
      const p = prices[i]!;
      const q = qtys[i]!;
      total += q;
      if (outP.length > 0 && outP[outP.length - 1] === p) outQ[outQ.length - 1]! += q;
      else {
        outP.push(p);
        outQ.push(q);
      }
    }
    this.prices = outP;
    this.qtys = outQ;
    this.total = total;
  }

  clear(): void {
    this.prices = [];
    this.qtys = [];
    this.total = 0;
  }

  /** Index of `price`, or −(insertion point) − 1 when absent. */
  private search(price: number): number {
    const prices = this.prices;
    let lo = 0;
    let hi = prices.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = prices[mid]!;
      if (p < price) lo = mid + 1;
      else if (p > price) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }
}
