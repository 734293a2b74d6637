// The simulated Polymarket US exchange: one YES book per market (price-time priority), background
// makers quoting the world's fair values, accounts with USD cash and net positions (long = YES,
// short = NO), order intents mapped onto the one book, commissions and rebates (fees.ts),
// settlement. Protocol shapes live in rest.ts / ws.ts; this file is the state.
import type { KeyObject } from 'node:crypto';
import { Emitter } from '../../shared/lifecycle';
import type { Price } from '../../shared/units';
import { LimitBook, type BookSide, type BookMatch } from '../matching/book';
import type { Rng } from '../core/rng';
import { MarketMaker } from '../world/quoting';
import type { World } from '../world/world';
import { makerRebate, TakerCommission } from './fees';
import { MAKER_REBATE_THETA, type PmUsListing } from './listings';

export type Intent = 'ORDER_INTENT_BUY_LONG' | 'ORDER_INTENT_SELL_LONG' | 'ORDER_INTENT_BUY_SHORT' | 'ORDER_INTENT_SELL_SHORT';
export type Tif = 'TIME_IN_FORCE_GOOD_TILL_CANCEL' | 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL' | 'TIME_IN_FORCE_FILL_OR_KILL' | 'TIME_IN_FORCE_DAY' | 'TIME_IN_FORCE_GOOD_TILL_DATE';
export type OrderState = 'ORDER_STATE_NEW' | 'ORDER_STATE_PARTIALLY_FILLED' | 'ORDER_STATE_FILLED' | 'ORDER_STATE_CANCELED' | 'ORDER_STATE_REJECTED';

interface Tag {
  orderId: string;
  account: string | null;
}

export interface SimOrder {
  readonly id: string;
  readonly account: string;
  readonly slug: string;
  readonly intent: Intent;
  readonly side: BookSide;
  /** YES price. */
  readonly price: Price;
  /** 0.01 contracts. */
  readonly qty: number;
  readonly tif: Tif;
  cum: number;
  /** Σ qty × price of fills (micros). */
  notional: number;
  commissionCents: bigint;
  state: OrderState;
  readonly createTime: number;
}

export interface SimExecution {
  id: string;
  order: SimOrder;
  type: 'EXECUTION_TYPE_NEW' | 'EXECUTION_TYPE_PARTIAL_FILL' | 'EXECUTION_TYPE_FILL' | 'EXECUTION_TYPE_CANCELED' | 'EXECUTION_TYPE_REJECTED';
  lastShares?: number;
  lastPx?: Price;
  tradeId?: string;
  aggressor?: boolean;
  commissionCents?: bigint;
  orderRejectReason?: string;
  text?: string;
  transactTime: number;
}

export interface SimAccount {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  /** Micro-dollars. */
  cash: number;
  /** Net position per slug in 0.01 contracts: positive long (YES), negative short (NO). */
  readonly positions: Map<string, number>;
  /** Bought and sold, per slug, for the portfolio endpoint. */
  readonly traded: Map<string, { bought: number; sold: number }>;
}

export interface PlaceRequest {
  slug: string;
  intent: Intent;
  price: Price | null;
  qty: number | null;
  tif: Tif;
  postOnly: boolean;
}

const SIDE_OF: Record<Intent, BookSide> = {
  ORDER_INTENT_BUY_LONG: 'bid',
  ORDER_INTENT_SELL_SHORT: 'bid',
  ORDER_INTENT_SELL_LONG: 'ask',
  ORDER_INTENT_BUY_SHORT: 'ask',
};
const ONE = 10_000;
const DISLOCATION_SHIFT = 1_000 as Price;

export class PmUsExchange {
  readonly listings = new Map<string, PmUsListing>();
  readonly accounts = new Map<string, SimAccount>();
  readonly orders = new Map<string, SimOrder>();
  /** Every fill of an account's order: its trade id, order and size (0.01 contracts). */
  readonly fills: { account: string; tradeId: string; orderId: string; slug: string; qty: number }[] = [];
  private readonly books = new Map<string, LimitBook<Tag>>();
  private readonly makers = new Map<string, MarketMaker>();
  private readonly results = new Map<string, 'yes' | 'no'>();
  private readonly settledAt = new Map<string, number>();
  private readonly lastSent = new Map<string, string>();
  /** Open dislocations: the maker's bid pinned up (cheap NO) or its ask pinned down (cheap YES). */
  private readonly pinned = new Map<string, { direction: 'cheap_no' | 'cheap_yes'; untilWorldMs: number }>();
  private readonly bookChanged = new Emitter<string>();
  private readonly executed = new Emitter<{ account: string; execution: SimExecution }>();
  readonly onBook = this.bookChanged.event;
  readonly onExecution = this.executed.event;
  private seq = 0;
  private worldMs = 0;
  private nextDislocationAt: number;

  constructor(
    private readonly world: World,
    listings: readonly PmUsListing[],
    private readonly rng: Rng,
    private readonly now: () => number,
    private readonly dislocationEverySec: number,
  ) {
    for (const l of listings) {
      this.listings.set(l.slug, l);
      this.books.set(l.slug, new LimitBook<Tag>());
      this.makers.set(l.slug, new MarketMaker({ unit: 100, lot: 100, liquidity: l.liquidity, halfSpreadTicks: l.halfSpreadTicks }, rng.fork(`pmus-maker-${l.slug}`)));
    }
    this.nextDislocationAt = dislocationEverySec > 0 ? 3_000 : Number.POSITIVE_INFINITY;
  }

  addAccount(keyId: string, publicKey: KeyObject, cashMicros: number): SimAccount {
    const a: SimAccount = { keyId, publicKey, cash: cashMicros, positions: new Map(), traded: new Map() };
    this.accounts.set(keyId, a);
    return a;
  }

  status(slug: string): 'open' | 'settled' {
    return this.results.has(slug) ? 'settled' : 'open';
  }

  result(slug: string): { result: 'yes' | 'no'; at: number } | null {
    const r = this.results.get(slug);
    return r ? { result: r, at: this.settledAt.get(slug)! } : null;
  }

  /** Levels best first: [YES price, 0.01 contracts]. */
  levels(slug: string, side: BookSide, depth = 0): { price: Price; total: number }[] {
    return this.books.get(slug)?.levels(side, depth) ?? [];
  }

  /** Re-quotes every open market around the world's fair value; opens and closes dislocations. */
  step(worldMs: number): void {
    const dt = Math.max(0.001, (worldMs - this.worldMs) / 1000);
    this.worldMs = worldMs;
    if (worldMs >= this.nextDislocationAt) {
      this.nextDislocationAt = worldMs + Math.max(1_000, -Math.log(1 - this.rng.next()) * this.dislocationEverySec * 1000);
      const open = [...this.listings.keys()].filter((s) => !this.results.has(s) && !this.pinned.has(s));
      if (open.length > 0) this.dislocate(open[Math.floor(this.rng.next() * open.length)]!, this.rng.chance(0.5) ? 'cheap_no' : 'cheap_yes', this.rng.between(6_000, 12_000));
    }
    for (const [slug, pin] of this.pinned) if (pin.untilWorldMs <= worldMs) this.pinned.delete(slug);
    for (const [slug, l] of this.listings) {
      if (this.results.has(slug)) continue;
      const fair = this.world.fair(l.propositionId);
      const pin = this.pinned.get(slug);
      // Pinned prices on the market's own grid: the venue rejects any other.
      const f = Math.round((fair * ONE) / l.tick) * l.tick;
      const constraint = pin?.direction === 'cheap_no' ? { bidAtLeast: Math.min(ONE - 3 * l.tick, f + DISLOCATION_SHIFT) as Price } : pin ? { askAtMost: Math.max(3 * l.tick, f - DISLOCATION_SHIFT) as Price } : undefined;
      const target = this.makers.get(slug)!.quote(fair, l.tick, dt, constraint ? { constraint, frozen: true } : {});
      const book = this.books.get(slug)!;
      for (const o of [...book.orders()]) if (o.tag.account === null) book.cancel(o.id);
      for (const [price, size] of target.bids) this.restMaker(slug, 'bid', price, size);
      for (const [price, size] of target.asks) this.restMaker(slug, 'ask', price, size);
      this.publish(slug);
    }
  }

  /** Pins a market's quotes `direction` for `ms` of world time: a Kalshi ↔ Polymarket US basket opens. */
  dislocate(slug: string, direction: 'cheap_no' | 'cheap_yes', ms: number): void {
    if (!this.listings.has(slug)) throw new Error(`no Polymarket US market ${slug}`);
    this.pinned.set(slug, { direction, untilWorldMs: this.worldMs + ms });
  }

  place(account: SimAccount, r: PlaceRequest): { order: SimOrder; executions: SimExecution[] } {
    const listing = this.listings.get(r.slug);
    const order: SimOrder = {
      id: `pmus-${(++this.seq).toString(36).padStart(8, '0')}`, account: account.keyId, slug: r.slug, intent: r.intent, side: SIDE_OF[r.intent],
      price: (r.price ?? 0) as Price, qty: r.qty ?? 0, tif: r.tif, cum: 0, notional: 0, commissionCents: 0n, state: 'ORDER_STATE_NEW', createTime: this.now(),
    };
    this.orders.set(order.id, order);
    const reject = (reason: string, text: string) => {
      order.state = 'ORDER_STATE_REJECTED';
      return { order, executions: [this.emit(account.keyId, { order, type: 'EXECUTION_TYPE_REJECTED', orderRejectReason: reason, text })] };
    };
    // The docs: a bad price still gets an order id, then the order is rejected in validation.
    if (!listing) return reject('ORD_REJECT_REASON_UNKNOWN_MARKET', `unknown market ${r.slug}`);
    if (this.results.has(r.slug)) return reject('ORD_REJECT_REASON_EXCHANGE_CLOSED', 'market is closed');
    if (r.price === null || r.price < 100 || r.price > 9_900) return reject('ORD_REJECT_REASON_PRICE_OUT_OF_BOUNDS', 'price must be from 0.01 to 0.99');
    if (r.price % listing.tick !== 0) return reject('ORD_REJECT_REASON_INVALID_PRICE_INCREMENT', `price is not a multiple of ${listing.tick / ONE}`);
    const lot = listing.minimumTradeQty >= 100 ? 100 : 1;
    if (r.qty === null || r.qty < listing.minimumTradeQty || r.qty % lot !== 0) return reject('ORD_REJECT_REASON_INCORRECT_QUANTITY', `quantity must be a multiple of ${lot / 100} of at least ${listing.minimumTradeQty / 100}`);
    if (!this.canAfford(account, order)) return reject('ORD_REJECT_REASON_EXCHANGE_OPTION', 'insufficient buying power');
    const book = this.books.get(r.slug)!;
    const executions: SimExecution[] = [];
    if (r.postOnly && book.available(order.side, order.price, account.keyId, 'taker_at_cross') > 0) return reject('ORD_REJECT_REASON_EXCHANGE_OPTION', 'post-only order would match');
    if (r.tif === 'TIME_IN_FORCE_FILL_OR_KILL' && book.available(order.side, order.price, account.keyId, 'taker_at_cross') < order.qty) {
      order.state = 'ORDER_STATE_CANCELED';
      return { order, executions: [this.emit(account.keyId, { order, type: 'EXECUTION_TYPE_CANCELED', text: 'fill or kill: not enough liquidity' })] };
    }
    const taken = book.take(order.side, order.price, order.qty, { owner: account.keyId, tag: { orderId: order.id, account: account.keyId } }, 'taker_at_cross');
    if (taken.stoppedBySelfTrade && taken.matches.length === 0) return reject('ORD_REJECT_REASON_EXCHANGE_OPTION', 'self-match');
    const commission = new TakerCommission(listing.feeCoefficient);
    for (const m of taken.matches) executions.push(...this.fill(account, order, m, commission, listing));
    const left = order.qty - order.cum;
    if (left > 0) {
      if (r.tif === 'TIME_IN_FORCE_GOOD_TILL_CANCEL' || r.tif === 'TIME_IN_FORCE_DAY' || r.tif === 'TIME_IN_FORCE_GOOD_TILL_DATE') {
        book.rest(order.id, account.keyId, order.side, order.price, left, { orderId: order.id, account: account.keyId });
        if (order.cum === 0) executions.push(this.emit(account.keyId, { order, type: 'EXECUTION_TYPE_NEW' }));
      } else {
        order.state = 'ORDER_STATE_CANCELED';
        executions.push(this.emit(account.keyId, { order, type: 'EXECUTION_TYPE_CANCELED', text: 'immediate or cancel: remainder canceled' }));
      }
    }
    this.publish(r.slug);
    return { order, executions };
  }

  cancel(account: SimAccount, orderId: string, slug: string): 'ok' | 'not_found' | 'wrong_market' {
    const order = this.orders.get(orderId);
    if (!order || order.account !== account.keyId) return 'not_found';
    if (order.slug !== slug) return 'wrong_market';
    if (order.state !== 'ORDER_STATE_NEW' && order.state !== 'ORDER_STATE_PARTIALLY_FILLED') return 'ok';
    this.books.get(slug)!.cancel(orderId);
    order.state = 'ORDER_STATE_CANCELED';
    this.emit(account.keyId, { order, type: 'EXECUTION_TYPE_CANCELED', text: 'canceled by user' });
    this.publish(slug);
    return 'ok';
  }

  openOrders(account: SimAccount, slugs?: readonly string[]): SimOrder[] {
    return [...this.orders.values()].filter((o) => o.account === account.keyId && (o.state === 'ORDER_STATE_NEW' || o.state === 'ORDER_STATE_PARTIALLY_FILLED') && (!slugs?.length || slugs.includes(o.slug)));
  }

  /** Settles every market of these propositions: resting orders canceled, winners paid $1. */
  settle(results: Readonly<Record<string, 'yes' | 'no'>>): void {
    for (const [slug, l] of this.listings) {
      const result = results[l.propositionId];
      if (!result || this.results.has(slug)) continue;
      this.results.set(slug, result);
      this.settledAt.set(slug, this.now());
      const book = this.books.get(slug)!;
      for (const o of [...book.orders()]) {
        book.cancel(o.id);
        const mine = this.orders.get(o.id);
        if (mine) mine.state = 'ORDER_STATE_CANCELED';
      }
      for (const a of this.accounts.values()) {
        const net = a.positions.get(slug) ?? 0;
        if ((net > 0 && result === 'yes') || (net < 0 && result === 'no')) a.cash += Math.abs(net) * 10_000;
        a.positions.delete(slug);
      }
      this.bookChanged.fire(slug);
    }
  }

  private restMaker(slug: string, side: BookSide, price: Price, size: number): void {
    this.books.get(slug)!.rest(`mk-${++this.seq}`, 'maker', side, price, size, { orderId: '', account: null });
  }

  private canAfford(a: SimAccount, o: SimOrder): boolean {
    const net = a.positions.get(o.slug) ?? 0;
    const buyingYes = o.side === 'bid';
    const closing = buyingYes ? Math.min(o.qty, Math.max(0, -net)) : Math.min(o.qty, Math.max(0, net));
    const opening = o.qty - closing;
    const perContract = buyingYes ? o.price : ONE - o.price;
    // Cost at the limit plus the largest taker fee the order could pay (Θ ≤ 0.25 at p = 0.5).
    return a.cash >= opening * perContract + Math.ceil(o.qty * 2_500 * 0.25);
  }

  private fill(account: SimAccount, order: SimOrder, m: BookMatch<Tag>, commission: TakerCommission, listing: PmUsListing): SimExecution[] {
    const tradeId = `t-${++this.seq}`;
    const fee = commission.add(m.qty, m.price);
    this.fills.push({ account: account.keyId, tradeId, orderId: order.id, slug: order.slug, qty: m.qty });
    this.trade(account, order.slug, order.side === 'bid' ? m.qty : -m.qty, m.price, fee);
    order.cum += m.qty;
    order.notional += m.qty * m.price;
    order.commissionCents += fee;
    order.state = order.cum >= order.qty ? 'ORDER_STATE_FILLED' : 'ORDER_STATE_PARTIALLY_FILLED';
    const out = [this.emit(account.keyId, { order, type: order.state === 'ORDER_STATE_FILLED' ? 'EXECUTION_TYPE_FILL' : 'EXECUTION_TYPE_PARTIAL_FILL', lastShares: m.qty, lastPx: m.price, tradeId, aggressor: true, commissionCents: fee })];
    const maker = m.maker.tag.account !== null ? this.accounts.get(m.maker.tag.account) : undefined;
    const makerOrder = this.orders.get(m.maker.tag.orderId);
    if (maker && makerOrder) {
      const rebate = makerRebate(MAKER_REBATE_THETA, m.qty, m.price);
      this.trade(maker, order.slug, makerOrder.side === 'bid' ? m.qty : -m.qty, m.price, -rebate);
      this.fills.push({ account: maker.keyId, tradeId, orderId: makerOrder.id, slug: order.slug, qty: m.qty });
      makerOrder.cum += m.qty;
      makerOrder.notional += m.qty * m.price;
      makerOrder.commissionCents -= rebate;
      makerOrder.state = makerOrder.cum >= makerOrder.qty ? 'ORDER_STATE_FILLED' : 'ORDER_STATE_PARTIALLY_FILLED';
      this.emit(maker.keyId, { order: makerOrder, type: makerOrder.state === 'ORDER_STATE_FILLED' ? 'EXECUTION_TYPE_FILL' : 'EXECUTION_TYPE_PARTIAL_FILL', lastShares: m.qty, lastPx: m.price, tradeId, aggressor: false, commissionCents: -rebate });
    } else {
      this.makers.get(listing.slug)?.consumed(m.maker.side, m.qty);
    }
    return out;
  }

  /** Moves cash and position for `yesDelta` contracts (0.01) traded at YES price p, paying `feeCents`. */
  private trade(a: SimAccount, slug: string, yesDelta: number, p: number, feeCents: bigint): void {
    const net = a.positions.get(slug) ?? 0;
    const q = Math.abs(yesDelta);
    if (yesDelta > 0) {
      const closing = Math.min(q, Math.max(0, -net));
      a.cash += closing * (ONE - p) - (q - closing) * p;
    } else {
      const closing = Math.min(q, Math.max(0, net));
      a.cash += closing * p - (q - closing) * (ONE - p);
    }
    a.cash -= Number(feeCents) * 10_000;
    a.positions.set(slug, net + yesDelta);
    const t = a.traded.get(slug) ?? { bought: 0, sold: 0 };
    if (yesDelta > 0) t.bought += q;
    else t.sold += q;
    a.traded.set(slug, t);
  }

  private emit(account: string, e: Omit<SimExecution, 'id' | 'transactTime'>): SimExecution {
    const execution: SimExecution = { ...e, order: { ...e.order }, id: `x-${++this.seq}`, transactTime: this.now() };
    this.executed.fire({ account, execution });
    return execution;
  }

  /** Fires a book change when the market's ladder differs from the last one sent. */
  private publish(slug: string): void {
    const key = JSON.stringify([this.levels(slug, 'bid', 10), this.levels(slug, 'ask', 10)]);
    if (this.lastSent.get(slug) === key) return;
    this.lastSent.set(slug, key);
    this.bookChanged.fire(slug);
  }

  dispose(): void {
    this.bookChanged.dispose();
    this.executed.dispose();
  }
}

