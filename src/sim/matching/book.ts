// A price-time priority limit order book on one price scale (for a binary market: the YES
// scale). Bids buy, asks sell; a taker walks the opposite side from the best level while its
// limit crosses. Sizes are plain integers whose unit the owner decides (Kalshi: 0.01 contract;
// Polymarket: 10^-6 share). Every change to a level's total is published, so venue feeds can
// turn them into deltas and snapshots stay derivable from the same state.
import { Emitter, type Event } from '../../shared/lifecycle';
import type { Price } from '../../shared/units';

export type BookSide = 'bid' | 'ask';
export const oppositeSide = (side: BookSide): BookSide => (side === 'bid' ? 'ask' : 'bid');

export type SelfTradePrevention = 'taker_at_cross' | 'maker';

export interface RestingOrder<T> {
  readonly id: string;
  readonly owner: string;
  readonly side: BookSide;
  readonly price: Price;
  remaining: number;
  readonly priority: number;
  readonly tag: T;
}

export interface BookMatch<T> {
  readonly maker: RestingOrder<T>;
  readonly price: Price;
  readonly qty: number;
}

export interface LevelChange<T> {
  readonly side: BookSide;
  readonly price: Price;
  /** The level's total after the change. */
  readonly total: number;
  readonly delta: number;
  /** The resting order whose size changed. */
  readonly order: RestingOrder<T>;
  /** Who acted: the taker for a match, the owner for a rest/cancel/resize. */
  readonly actor: { owner: string; tag: T | undefined };
}

export interface Level {
  readonly price: Price;
  readonly total: number;
}

interface MutableLevel {
  readonly price: Price;
  total: number;
  orders: RestingOrder<unknown>[];
}

class SideBook {
  readonly levels = new Map<number, MutableLevel>();
  /** Prices best first. */
  readonly prices: number[] = [];

  constructor(private readonly better: (a: number, b: number) => boolean) {}

  level(price: number, create: boolean): MutableLevel | undefined {
    let level = this.levels.get(price);
    if (!level && create) {
      level = { price: price as Price, total: 0, orders: [] };
      this.levels.set(price, level);
      let lo = 0;
      let hi = this.prices.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.better(this.prices[mid]!, price)) lo = mid + 1;
        else hi = mid;
      }
      this.prices.splice(lo, 0, price);
    }
    return level;
  }

  dropIfEmpty(level: MutableLevel): void {
    if (level.orders.length > 0) return;
    this.levels.delete(level.price);
    const i = this.prices.indexOf(level.price);
    if (i >= 0) this.prices.splice(i, 1);
  }
}

export interface TakeResult<T> {
  matches: BookMatch<T>[];
  /** Quantity left unmatched. */
  remaining: number;
  /** Matching stopped at the taker's own resting order (taker_at_cross). */
  stoppedBySelfTrade: boolean;
}

export class LimitBook<T> {
  private readonly sides: Record<BookSide, SideBook> = {
    bid: new SideBook((a, b) => a > b),
    ask: new SideBook((a, b) => a < b),
  };
  private readonly byId = new Map<string, RestingOrder<T>>();
  private priority = 0;
  private readonly changed = new Emitter<LevelChange<T>>();
  readonly onChange: Event<LevelChange<T>> = this.changed.event;

  get(id: string): RestingOrder<T> | undefined {
    return this.byId.get(id);
  }

  orders(): IterableIterator<RestingOrder<T>> {
    return this.byId.values();
  }

  best(side: BookSide): Level | undefined {
    const price = this.sides[side].prices[0];
    if (price === undefined) return undefined;
    const level = this.sides[side].levels.get(price)!;
    return { price: level.price, total: level.total };
  }

  /** Levels best first, at most `depth` of them (0 = all). */
  levels(side: BookSide, depth = 0): Level[] {
    const book = this.sides[side];
    const prices = depth > 0 ? book.prices.slice(0, depth) : book.prices;
    return prices.map((p) => {
      const level = book.levels.get(p)!;
      return { price: level.price, total: level.total };
    });
  }

  /** Size at one price on one side (0 if the level is empty). */
  sizeAt(side: BookSide, price: Price): number {
    return this.sides[side].levels.get(price)?.total ?? 0;
  }

  /** How much a taker on `side` with this limit could take right now (for fill-or-kill). */
  available(side: BookSide, limit: Price, owner: string, stp: SelfTradePrevention): number {
    const book = this.sides[oppositeSide(side)];
    let total = 0;
    for (const price of book.prices) {
      if (!crosses(side, limit, price as Price)) break;
      for (const order of book.levels.get(price)!.orders) {
        if (order.owner === owner) {
          if (stp === 'taker_at_cross') return total;
          continue;
        }
        total += order.remaining;
      }
    }
    return total;
  }

  /** Takes liquidity from the opposite side, best level first, price-time priority. */
  take(side: BookSide, limit: Price, qty: number, actor: { owner: string; tag: T | undefined }, stp: SelfTradePrevention): TakeResult<T> {
    const book = this.sides[oppositeSide(side)];
    const matches: BookMatch<T>[] = [];
    let remaining = qty;
    let stoppedBySelfTrade = false;
    outer: while (remaining > 0) {
      const price = book.prices[0];
      if (price === undefined || !crosses(side, limit, price as Price)) break;
      const level = book.levels.get(price)!;
      let i = 0;
      while (i < level.orders.length && remaining > 0) {
        const maker = level.orders[i] as RestingOrder<T>;
        if (maker.owner === actor.owner) {
          if (stp === 'taker_at_cross') {
            stoppedBySelfTrade = true;
            break outer;
          }
          this.removeAt(book, level, i, actor);
          continue;
        }
        const fill = Math.min(remaining, maker.remaining);
        maker.remaining -= fill;
        level.total -= fill;
        remaining -= fill;
        matches.push({ maker, price: level.price, qty: fill });
        if (maker.remaining === 0) {
          level.orders.splice(i, 1);
          this.byId.delete(maker.id);
        } else {
          i++;
        }
        this.changed.fire({ side: maker.side, price: level.price, total: level.total, delta: -fill, order: maker, actor });
      }
      book.dropIfEmpty(level);
    }
    return { matches, remaining, stoppedBySelfTrade };
  }

  rest(id: string, owner: string, side: BookSide, price: Price, qty: number, tag: T): RestingOrder<T> {
    if (this.byId.has(id)) throw new Error(`order ${id} already rests`);
    if (!(qty > 0)) throw new Error('resting size must be positive');
    const order: RestingOrder<T> = { id, owner, side, price, remaining: qty, priority: ++this.priority, tag };
    const level = this.sides[side].level(price, true)!;
    level.orders.push(order as RestingOrder<unknown>);
    level.total += qty;
    this.byId.set(id, order);
    this.changed.fire({ side, price, total: level.total, delta: qty, order, actor: { owner, tag } });
    return order;
  }

  /** Removes a resting order; returns it, or undefined if it no longer rests. */
  cancel(id: string): RestingOrder<T> | undefined {
    const order = this.byId.get(id);
    if (!order) return undefined;
    const book = this.sides[order.side];
    const level = book.levels.get(order.price)!;
    this.removeAt(book, level, level.orders.indexOf(order as RestingOrder<unknown>), { owner: order.owner, tag: order.tag });
    return order;
  }

  /** Changes a resting order's remaining size in place (keeps its priority when shrinking). */
  resize(id: string, remaining: number): void {
    const order = this.byId.get(id);
    if (!order) return;
    if (remaining <= 0) {
      this.cancel(id);
      return;
    }
    const delta = remaining - order.remaining;
    if (delta === 0) return;
    const level = this.sides[order.side].levels.get(order.price)!;
    order.remaining = remaining;
    level.total += delta;
    this.changed.fire({ side: order.side, price: order.price, total: level.total, delta, order, actor: { owner: order.owner, tag: order.tag } });
  }

  private removeAt(book: SideBook, level: MutableLevel, index: number, actor: { owner: string; tag: T | undefined }): void {
    const order = level.orders[index] as RestingOrder<T>;
    level.orders.splice(index, 1);
    level.total -= order.remaining;
    this.byId.delete(order.id);
    this.changed.fire({ side: order.side, price: level.price, total: level.total, delta: -order.remaining, order, actor });
    book.dropIfEmpty(level);
  }
}

/** Does a taker on `side` with `limit` trade against a resting order at `price`? */
export function crosses(side: BookSide, limit: Price, price: Price): boolean {
  return side === 'bid' ? price <= limit : price >= limit;
}
