// The Kalshi exchange: one YES-scale book per market (bid = buy YES, ask = sell YES = buy NO),
// the V2 order semantics (IOC, FOK, GTC, client_order_id idempotency, self-trade prevention),
// per-order fee rounding with the series multiplier, netting positions with $1 payouts, and
// settlement. Protocol concerns (JSON, auth, WebSocket framing) live in the other files.
import { OrderArrivals } from '../orderArrivals';
import type { KeyObject } from 'node:crypto';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import { PRICE_ONE, type Micros, type Price, type Qty } from '../../shared/units';
import { HttpError } from '../core/http';
import type { Rng } from '../core/rng';
import type { FaultController } from '../faults/controller';
import { LimitBook, type BookMatch, type BookSide, type LevelChange } from '../matching/book';
import { KalshiFeeAccumulator } from '../matching/fees';
import type { QuoteTarget } from '../world/quoting';
import type { KalshiListing, KalshiSeries, Universe } from '../world/types';
import type { VenueSink, World } from '../world/world';
import type {
  BookTag,
  KalshiAccount,
  KalshiBookSide,
  KalshiFill,
  KalshiMarketState,
  KalshiOrder,
  KalshiPosition,
  KalshiTrade,
  TimeInForce,
} from './types';

export const MAKER = 'mm';
const CONTRACT = 100; // Qty units per contract
const DOLLAR_PER_QTY = 10_000; // Micros paid per Qty unit at settlement

export interface KalshiOrderRequest {
  ticker: string;
  side: KalshiBookSide;
  count: Qty;
  price: Price;
  timeInForce: TimeInForce;
  selfTradePrevention: 'taker_at_cross' | 'maker';
  clientOrderId: string | null;
  postOnly: boolean;
  reduceOnly: boolean;
  expirationTime: number | null;
}

export interface CreateResult {
  order: KalshiOrder;
  fills: KalshiFill[];
}

const kErr = (status: number, code: string, message: string) => new HttpError(status, code, message);

export class KalshiExchange implements IDisposable {
  readonly markets = new Map<string, KalshiMarketState>();
  readonly accounts = new Map<string, KalshiAccount>();
  /** Every order request received (accepted or refused). */
  readonly arrivals: OrderArrivals;
  private readonly byKey = new Map<string, KalshiAccount>();
  private readonly series = new Map<string, KalshiSeries>();
  private makerSeq = 0;
  /** Resting orders with an expiration_time, so the sweep need not walk every order. */
  private readonly expiring = new Map<string, KalshiAccount>();
  private readonly disposables: IDisposable[] = [];

  private readonly bookChanged = new Emitter<{ ticker: string; change: LevelChange<BookTag> }>();
  readonly onBookChange = this.bookChanged.event;
  private readonly filled = new Emitter<{ account: KalshiAccount; fill: KalshiFill }>();
  readonly onFill = this.filled.event;
  private readonly orderChanged = new Emitter<{ account: KalshiAccount; order: KalshiOrder }>();
  readonly onOrder = this.orderChanged.event;
  private readonly traded = new Emitter<KalshiTrade>();
  readonly onTrade = this.traded.event;
  private readonly lifecycle = new Emitter<{ ticker: string; event: 'determined' | 'settled'; result: 'yes' | 'no' }>();
  readonly onLifecycle = this.lifecycle.event;

  constructor(
    private readonly world: World,
    private readonly faults: FaultController,
    private readonly ids: Rng,
    private readonly now: () => number,
  ) {
    this.arrivals = new OrderArrivals(now);
    for (const s of world.universe.kalshi.series) this.series.set(s.ticker, s);
    for (const listing of world.universe.kalshi.markets) {
      const book = new LimitBook<BookTag>();
      const state: KalshiMarketState = {
        listing,
        book,
        status: 'active',
        result: '',
        lastPrice: null,
        volume: 0 as Qty,
        openInterest: 0 as Qty,
        settledAt: null,
        makerOrders: { bid: new Map(), ask: new Map() },
      };
      this.markets.set(listing.ticker, state);
      this.disposables.push(book.onChange((change) => this.bookChanged.fire({ ticker: listing.ticker, change })));
    }
    world.attach('kalshi', this.sink());
  }

  get universe(): Universe {
    return this.world.universe;
  }

  addAccount(keyId: string, publicKey: KeyObject, balance: Micros): KalshiAccount {
    const account: KalshiAccount = {
      userId: this.ids.uuid(),
      keyId,
      publicKey,
      balance,
      positions: new Map(),
      orders: new Map(),
      clientOrderIds: new Map(),
      fills: [],
      settlements: [],
    };
    this.accounts.set(account.userId, account);
    this.byKey.set(keyId, account);
    return account;
  }

  accountByKey(keyId: string): KalshiAccount | undefined {
    return this.byKey.get(keyId);
  }

  seriesOf(listing: KalshiListing): KalshiSeries {
    return this.series.get(listing.seriesTicker)!;
  }

  /**
   * Taker and maker fee coefficients of a market, in 1/1_000_000: the fee tables' 0.07 (taker) and
   * 0.0175 (maker, on series that charge makers) times the series' relative multiplier, which is
   * what `GET /series` publishes (venues.md §1.10).
   */
  feeMultipliers(listing: KalshiListing): { taker: number; maker: number } {
    const s = this.seriesOf(listing);
    return { taker: (70_000 * s.feeMultiplier) / 10_000, maker: s.feeType === 'quadratic_with_maker_fees' ? (17_500 * s.feeMultiplier) / 10_000 : 0 };
  }

  /** Collateral held by the account's resting orders. */
  reserved(account: KalshiAccount): Micros {
    let total = 0;
    for (const o of account.orders.values()) {
      if (o.status === 'resting') total += o.remaining * (o.bookSide === 'bid' ? o.price : PRICE_ONE - o.price);
    }
    return total as Micros;
  }

  placeOrder(account: KalshiAccount, req: KalshiOrderRequest): CreateResult {
    this.arrivals.record(req.clientOrderId ?? '');
    const market = this.markets.get(req.ticker);
    if (!market) throw kErr(404, 'market_not_found', `market ${req.ticker} not found`);
    if (req.clientOrderId !== null && account.clientOrderIds.has(req.clientOrderId)) {
      throw kErr(409, 'order_already_exists', 'order already exists');
    }
    if (market.status !== 'active') throw kErr(409, 'market_closed', `market ${req.ticker} is not open for trading`);
    if (this.faults.shouldRejectSize('kalshi', req.count / 100)) throw kErr(409, 'trading_is_paused', 'trading is paused');
    if (this.faults.shouldReject('kalshi')) throw kErr(409, 'trading_is_paused', 'trading is paused');
    const tick = market.listing.tick;
    if (req.price < tick || req.price > PRICE_ONE - tick || req.price % tick !== 0) {
      throw kErr(400, 'invalid_order', `price must be on the market's ${market.listing.priceLevelStructure} grid between ${tick / 10_000} and ${1 - tick / 10_000}`);
    }
    if (req.count % CONTRACT !== 0) throw kErr(400, 'invalid_order', 'fractional contracts are not enabled on this market');
    const book = market.book;
    const opposite = book.best(req.side === 'bid' ? 'ask' : 'bid');
    const wouldCross = opposite !== undefined && (req.side === 'bid' ? opposite.price <= req.price : opposite.price >= req.price);
    if (req.postOnly && wouldCross) throw kErr(400, 'post_only_cross', 'post-only order would cross the book');

    let count = req.count;
    const position = account.positions.get(req.ticker)?.position ?? 0;
    if (req.reduceOnly) {
      const reducible = req.side === 'bid' ? Math.max(0, -position) : Math.max(0, position);
      if (reducible === 0) throw kErr(400, 'invalid_order', 'reduce-only order would not reduce the position');
      count = Math.min(count, reducible) as Qty;
    }

    const mult = this.feeMultipliers(market.listing);
    const sidePrice = req.side === 'bid' ? req.price : PRICE_ONE - req.price;
    const nettable = req.side === 'bid' ? Math.max(0, -position) : Math.max(0, position);
    const required = (count - Math.min(count, nettable)) * sidePrice + estimateFee(mult.taker, count, req.price);
    if (required > account.balance - this.reserved(account)) throw kErr(400, 'insufficient_balance', 'insufficient balance');

    if (req.timeInForce === 'fill_or_kill' && book.available(req.side, req.price, account.userId, req.selfTradePrevention) < count) {
      throw kErr(409, 'fill_or_kill_insufficient_resting_volume', 'fill or kill order could not be fully filled');
    }

    const t = this.now();
    const order: KalshiOrder = {
      orderId: this.ids.uuid(),
      userId: account.userId,
      clientOrderId: req.clientOrderId ?? '',
      ticker: req.ticker,
      bookSide: req.side,
      price: req.price,
      initial: count,
      filled: 0 as Qty,
      remaining: count,
      status: 'resting',
      timeInForce: req.timeInForce,
      selfTradePrevention: req.selfTradePrevention,
      postOnly: req.postOnly,
      expirationTime: req.expirationTime,
      takerFillCost: 0 as Micros,
      makerFillCost: 0 as Micros,
      takerFees: 0 as Micros,
      makerFees: 0 as Micros,
      takerFee: new KalshiFeeAccumulator(mult.taker),
      makerFee: new KalshiFeeAccumulator(mult.maker),
      createdAt: t,
      updatedAt: t,
    };
    account.orders.set(order.orderId, order);
    if (req.clientOrderId !== null) account.clientOrderIds.set(req.clientOrderId, order.orderId);

    let cap = count;
    if (req.timeInForce !== 'fill_or_kill' && wouldCross && this.faults.shouldFillPartially('kalshi')) {
      cap = Math.max(CONTRACT, Math.floor(count / 2 / CONTRACT) * CONTRACT) as Qty;
    }
    const tag: BookTag = { orderId: order.orderId, clientOrderId: req.clientOrderId };
    const fills: KalshiFill[] = [];
    const taken = book.take(req.side, req.price, cap, { owner: account.userId, tag }, req.selfTradePrevention);
    for (const match of taken.matches) fills.push(this.settleMatch(market, account, order, match));
    if (req.timeInForce === 'good_till_canceled' && order.remaining > 0 && !taken.stoppedBySelfTrade && cap === count) {
      book.rest(order.orderId, account.userId, req.side, req.price, order.remaining, tag);
      order.status = 'resting';
      if (order.expirationTime !== null) this.expiring.set(order.orderId, account);
    } else {
      // IOC remainders, and GTC orders cut short by a self-trade stop or a partial-fill fault,
      // are cancelled: a crossing remainder can never rest.
      order.remaining = 0 as Qty;
      order.status = order.filled === count ? 'executed' : 'canceled';
    }
    order.updatedAt = this.now();
    this.orderChanged.fire({ account, order });
    return { order, fills };
  }

  cancelOrder(account: KalshiAccount, orderId: string): { order: KalshiOrder; reducedBy: Qty } {
    const order = account.orders.get(orderId);
    if (!order) throw kErr(404, 'not_found', 'order not found');
    if (order.status !== 'resting') throw kErr(404, 'not_found', 'order not found or no longer resting');
    const market = this.markets.get(order.ticker)!;
    market.book.cancel(order.orderId);
    const reducedBy = order.remaining;
    order.remaining = 0 as Qty;
    order.status = 'canceled';
    order.updatedAt = this.now();
    this.orderChanged.fire({ account, order });
    return { order, reducedBy };
  }

  cancelAll(account: KalshiAccount): number {
    let n = 0;
    for (const order of [...account.orders.values()]) {
      if (order.status === 'resting') {
        this.cancelOrder(account, order.orderId);
        n++;
      }
    }
    return n;
  }

  /** Cancels resting GTC orders whose expiration_time has passed. */
  sweepExpired(): void {
    const t = this.now();
    for (const [id, account] of [...this.expiring]) {
      const order = account.orders.get(id)!;
      if (order.status !== 'resting') this.expiring.delete(id);
      else if (order.expirationTime! <= t) {
        this.expiring.delete(id);
        this.cancelOrder(account, id);
      }
    }
  }

  private settleMatch(market: KalshiMarketState, taker: KalshiAccount, order: KalshiOrder, match: BookMatch<BookTag>): KalshiFill {
    const tradeId = this.ids.uuid();
    const qty = match.qty as Qty;
    const fee = order.takerFee.add(qty, match.price);
    const fill = this.applyFill(market, taker, order, qty, match.price, true, fee, tradeId);
    this.settleMaker(market, match, tradeId);
    this.recordTrade(market, tradeId, match.price, qty, order.bookSide);
    return fill;
  }

  private settleMaker(market: KalshiMarketState, match: BookMatch<BookTag>, tradeId: string): void {
    const makerSide = match.maker.side;
    if (match.maker.owner === MAKER) {
      if (match.maker.remaining === 0) market.makerOrders[makerSide].delete(match.maker.price);
      this.world.makerFilled(market.listing.key, makerSide, match.qty);
      return;
    }
    const account = this.accounts.get(match.maker.owner)!;
    const order = account.orders.get(match.maker.tag.orderId)!;
    const qty = match.qty as Qty;
    const fee = order.makerFee.add(qty, match.price);
    this.applyFill(market, account, order, qty, match.price, false, fee, tradeId);
    if (match.maker.remaining === 0) {
      order.remaining = 0 as Qty;
      order.status = 'executed';
    }
    order.updatedAt = this.now();
    this.orderChanged.fire({ account, order });
  }

  private applyFill(
    market: KalshiMarketState,
    account: KalshiAccount,
    order: KalshiOrder,
    qty: Qty,
    price: Price,
    isTaker: boolean,
    fee: Micros,
    tradeId: string,
  ): KalshiFill {
    const cost = (qty * (order.bookSide === 'bid' ? price : PRICE_ONE - price)) as Micros;
    order.filled = (order.filled + qty) as Qty;
    order.remaining = (order.remaining - qty) as Qty;
    if (isTaker) {
      order.takerFillCost = (order.takerFillCost + cost) as Micros;
      order.takerFees = (order.takerFees + fee) as Micros;
    } else {
      order.makerFillCost = (order.makerFillCost + cost) as Micros;
      order.makerFees = (order.makerFees + fee) as Micros;
    }
    const pos = this.position(account, order.ticker);
    const t = this.now();
    account.balance = (account.balance - cost - fee) as Micros;
    const signed = order.bookSide === 'bid' ? qty : -qty;
    const opposite = Math.sign(pos.position) === -Math.sign(signed) ? Math.min(qty, Math.abs(pos.position)) : 0;
    if (opposite > 0) {
      // YES and NO net out: each pair pays $1 back now.
      const basisPart = Math.round((pos.cost * opposite) / Math.abs(pos.position));
      const paidPart = Math.round((cost * opposite) / qty);
      account.balance = (account.balance + opposite * DOLLAR_PER_QTY) as Micros;
      pos.realizedPnl = (pos.realizedPnl + opposite * DOLLAR_PER_QTY - basisPart - paidPart) as Micros;
      pos.cost = (pos.cost - basisPart + (cost - paidPart)) as Micros;
    } else {
      pos.cost = (pos.cost + cost) as Micros;
    }
    pos.position = (pos.position + signed) as Qty;
    if (pos.position === 0) pos.cost = 0 as Micros;
    pos.totalTraded = (pos.totalTraded + cost) as Micros;
    pos.feesPaid = (pos.feesPaid + fee) as Micros;
    pos.updatedAt = t;
    const fill: KalshiFill = {
      fillId: this.ids.uuid(),
      tradeId,
      orderId: order.orderId,
      clientOrderId: order.clientOrderId,
      ticker: order.ticker,
      bookSide: order.bookSide,
      count: qty,
      yesPrice: price,
      isTaker,
      fee,
      ts: t,
      postPosition: pos.position,
    };
    account.fills.push(fill);
    market.volume = (market.volume + qty) as Qty;
    this.filled.fire({ account, fill });
    return fill;
  }

  private position(account: KalshiAccount, ticker: string): KalshiPosition {
    let pos = account.positions.get(ticker);
    if (!pos) {
      pos = { ticker, position: 0 as Qty, cost: 0 as Micros, totalTraded: 0 as Micros, realizedPnl: 0 as Micros, feesPaid: 0 as Micros, updatedAt: this.now() };
      account.positions.set(ticker, pos);
    }
    return pos;
  }

  private recordTrade(market: KalshiMarketState, tradeId: string, price: Price, count: Qty, takerSide: KalshiBookSide): void {
    market.lastPrice = price;
    this.traded.fire({ tradeId, ticker: market.listing.ticker, yesPrice: price, count, takerSide, ts: this.now() });
  }

  // ---------------------------------------------------------------- the world's side

  private sink(): VenueSink {
    return {
      tick: (l) => (l as KalshiListing).tick,
      isTradable: (l) => this.markets.get((l as KalshiListing).ticker)?.status === 'active',
      feePerContract: (l, p) => (this.feeMultipliers(l as KalshiListing).taker / 1_000_000) * p * (1 - p) + 0.002,
      applyQuotes: (l, target) => this.applyQuotes(l as KalshiListing, target),
      settle: (l, result) => this.settle(l as KalshiListing, result),
    };
  }

  private applyQuotes(listing: KalshiListing, target: QuoteTarget): void {
    const market = this.markets.get(listing.ticker)!;
    const want: Record<BookSide, Map<number, number>> = { bid: new Map(), ask: new Map() };
    for (const [p, s] of target.bids) if (s >= CONTRACT) want.bid.set(p, Math.floor(s / CONTRACT) * CONTRACT);
    for (const [p, s] of target.asks) if (s >= CONTRACT) want.ask.set(p, Math.floor(s / CONTRACT) * CONTRACT);
    const book = market.book;
    for (const side of ['bid', 'ask'] as const) {
      for (const [price, id] of [...market.makerOrders[side]]) {
        const size = want[side].get(price) ?? 0;
        const order = book.get(id);
        if (!order) market.makerOrders[side].delete(price);
        else if (size === 0) {
          book.cancel(id);
          market.makerOrders[side].delete(price);
        } else if (size < order.remaining) book.resize(id, size);
      }
    }
    for (const side of ['bid', 'ask'] as const) {
      for (const [price, size] of want[side]) {
        const id = market.makerOrders[side].get(price);
        if (id !== undefined && book.get(id)) {
          if (book.get(id)!.remaining !== size) book.resize(id, size);
          continue;
        }
        this.placeMakerOrder(market, side, price as Price, size);
      }
    }
  }

  private placeMakerOrder(market: KalshiMarketState, side: BookSide, price: Price, size: number): void {
    const id = `mm-${++this.makerSeq}`;
    const tag: BookTag = { orderId: id, clientOrderId: null };
    // A new quote that crosses a trader's resting order trades with it (the trader is the maker).
    const taken = market.book.take(side, price, size, { owner: MAKER, tag }, 'taker_at_cross');
    for (const match of taken.matches) {
      const tradeId = this.ids.uuid();
      this.settleMaker(market, match, tradeId);
      this.recordTrade(market, tradeId, match.price, match.qty as Qty, side);
    }
    if (taken.remaining > 0 && !taken.stoppedBySelfTrade) {
      market.book.rest(id, MAKER, side, price, taken.remaining, tag);
      market.makerOrders[side].set(price, id);
    }
  }

  private settle(listing: KalshiListing, result: 'yes' | 'no'): void {
    const market = this.markets.get(listing.ticker)!;
    if (market.status === 'finalized') return;
    for (const order of [...market.book.orders()]) {
      market.book.cancel(order.id);
      if (order.owner === MAKER) continue;
      const account = this.accounts.get(order.owner)!;
      const o = account.orders.get(order.tag.orderId)!;
      o.remaining = 0 as Qty;
      o.status = 'canceled';
      o.updatedAt = this.now();
      this.orderChanged.fire({ account, order: o });
    }
    market.makerOrders.bid.clear();
    market.makerOrders.ask.clear();
    market.status = 'determined';
    market.result = result;
    this.lifecycle.fire({ ticker: listing.ticker, event: 'determined', result });
    const t = this.now();
    for (const account of this.accounts.values()) {
      const pos = account.positions.get(listing.ticker);
      if (!pos || pos.position === 0) continue;
      const yes = Math.max(0, pos.position) as Qty;
      const no = Math.max(0, -pos.position) as Qty;
      const revenue = ((result === 'yes' ? yes : no) * DOLLAR_PER_QTY) as Micros;
      account.balance = (account.balance + revenue) as Micros;
      account.settlements.push({
        ticker: listing.ticker,
        eventTicker: listing.eventTicker,
        result,
        yesCount: yes,
        noCount: no,
        yesCost: (yes > 0 ? pos.cost : 0) as Micros,
        noCost: (no > 0 ? pos.cost : 0) as Micros,
        revenue,
        settledAt: t,
      });
      pos.realizedPnl = (pos.realizedPnl + revenue - pos.cost) as Micros;
      pos.position = 0 as Qty;
      pos.cost = 0 as Micros;
      pos.updatedAt = t;
    }
    market.status = 'finalized';
    market.settledAt = t;
    this.lifecycle.fire({ ticker: listing.ticker, event: 'settled', result });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.bookChanged.dispose();
    this.filled.dispose();
    this.orderChanged.dispose();
    this.traded.dispose();
    this.lifecycle.dispose();
  }
}

/** Upper bound of an order's taker fee, for the balance check. */
function estimateFee(coefficient: number, count: Qty, price: Price): number {
  const raw = (BigInt(coefficient) * BigInt(count) * BigInt(price) * BigInt(PRICE_ONE - price)) / 100_000_000_000_000n;
  return (Number(raw) + 1) * 10_000;
}

