import { PRICE_ONE } from '../../shared/units';
import type { PriceLevels } from './priceLevels';

/**
 * The price ladder to buy one outcome, cheapest level first (spec §3). Read-only and live: it
 * reflects the book it views at the moment of each call.
 */
export interface AskLadder {
  readonly levelCount: number;
  /** Price of the i-th cheapest level, in $0.0001. */
  priceAt(i: number): number;
  /** Quantity of the i-th cheapest level, in 0.01 contracts. */
  qtyAt(i: number): number;
  /** Total quantity on the ladder, in 0.01 contracts. */
  readonly totalQty: number;
}

/** A bid ladder seen best (highest) first. */
export interface BidLadder {
  readonly levelCount: number;
  priceAt(i: number): number;
  qtyAt(i: number): number;
  readonly totalQty: number;
}

/** An outcome's own asks, already ascending. */
export class DirectAsks implements AskLadder {
  constructor(private readonly levels: PriceLevels) {}
  get levelCount(): number {
    return this.levels.length;
  }
  priceAt(i: number): number {
    return this.levels.priceAt(i);
  }
  qtyAt(i: number): number {
    return this.levels.qtyAt(i);
  }
  get totalQty(): number {
    return this.levels.totalQty;
  }
}

/** A bid for the other outcome at q is an offer of this outcome at 1 − q (spec §3). */
export class ComplementAsks implements AskLadder {
  constructor(private readonly otherBids: PriceLevels) {}
  get levelCount(): number {
    return this.otherBids.length;
  }
  priceAt(i: number): number {
    return PRICE_ONE - this.otherBids.priceAt(this.otherBids.length - 1 - i);
  }
  qtyAt(i: number): number {
    return this.otherBids.qtyAt(this.otherBids.length - 1 - i);
  }
  get totalQty(): number {
    return this.otherBids.totalQty;
  }
}

/** Bids stored ascending, read best first. */
export class BestFirstBids implements BidLadder {
  constructor(private readonly levels: PriceLevels) {}
  get levelCount(): number {
    return this.levels.length;
  }
  priceAt(i: number): number {
    return this.levels.priceAt(this.levels.length - 1 - i);
  }
  qtyAt(i: number): number {
    return this.levels.qtyAt(this.levels.length - 1 - i);
  }
  get totalQty(): number {
    return this.levels.totalQty;
  }
}

/** An ask for the other outcome at p is a bid for this outcome at 1 − p (a YES-only book's NO bids). */
export class ComplementBids implements BidLadder {
  constructor(private readonly otherAsks: PriceLevels) {}
  get levelCount(): number {
    return this.otherAsks.length;
  }
  priceAt(i: number): number {
    return PRICE_ONE - this.otherAsks.priceAt(i);
  }
  qtyAt(i: number): number {
    return this.otherAsks.qtyAt(i);
  }
  get totalQty(): number {
    return this.otherAsks.totalQty;
  }
}
