// Kalshi trading (TradingApi) over the V2 order API. See placement.ts for how an order's outcome
// is established; this file is the rest: cancels, cancel-all, orders, fills, positions, balance,
// the account's rate-limit tier, and pushed fills.
import type { Event } from '../../../shared/lifecycle';
import { marketRef, parseMarketRef, type MarketRef, type Outcome } from '../../../shared/ids';
import { parseQty, formatQty } from '../../../shared/units';
import type { Clock } from '../../platform/clock';
import { Money } from '../../../shared/money';
import type { AccountBalance, CancelAllResult, MarketInfo, OpenOrder, OrderLookup, OrderRef, OrderRequest, OrderResult, OrderShape, TradingApi, VenueFill } from '../venue';
import { kalshiOrderProblem } from './orderRules';
import { kalshiBalanceOf, kalshiSettlementsOf } from './tradingBalance';
import type { Resolution } from '../contribution';
import type { KalshiSigner } from './auth';
import { KalshiApiError, KalshiProtocolError, KalshiRateLimitedError, KalshiTransportError } from './errors';
import { KalshiFillStream } from './fillStream';
import { toOpenOrder, toOrderLookup, toVenueFill, type Intent, type KalshiOrderJson } from './orderMapping';
import { OrderPlacement, type PlacementTuning } from './placement';
import { CANCEL_COST, DEFAULT_COST, GET_ORDER_COST, parseAccountLimits, type KalshiRateLimiter } from './rateLimiter';
import type { CallOptions, KalshiRest } from './rest';
import type { SocketTuning } from './socket';
import type { VenueLog } from './types';

export interface KalshiTradingOptions {
  rest: KalshiRest;
  limiter: KalshiRateLimiter;
  signer: KalshiSigner;
  wsUrl: string;
  clock: Clock;
  log: VenueLog;
  placement?: PlacementTuning;
  /** Read the account's tier from GET /account/limits (default true). */
  readAccountLimits?: boolean;
  socket?: SocketTuning;
  random?: () => number;
  /**
   * How long after a cancel-all new buys are held back (ms; 0: not at all). Kalshi: "Newly placed
   * orders may also be cancelled during the minute after the request" (Cancel All Orders,
   * kalshi-typescript 3.30.0 OrdersApi.cancelAllOrders and the venue's OpenAPI): a basket leg sent
   * in that minute may be cancelled unfilled while the other legs fill.
   */
  cancelAllReachMs?: number;
}

/** The minute Kalshi's cancel-all may still cancel newly placed orders in. */
export const KALSHI_CANCEL_ALL_REACH_MS = 60_000;

const MAX_INTENTS = 100_000;

export class KalshiTrading implements TradingApi {
  private readonly rest: KalshiRest;
  private readonly intents = new Map<string, Intent>();
  private readonly placement: OrderPlacement;
  private readonly fillStream: KalshiFillStream;
  private limitsRead: Promise<void> | null = null;
  /** Monotonic ms when the last cancel-all was answered (or failed, maybe having reached the venue). */
  private cancelAllAt: number | null = null;
  readonly onFill: Event<VenueFill>;

  constructor(private readonly options: KalshiTradingOptions) {
    this.rest = options.rest;
    this.placement = new OrderPlacement({
      rest: options.rest,
      clock: options.clock,
      log: options.log,
      ...(options.placement ? { tuning: options.placement } : {}),
      ...(options.random ? { random: options.random } : {}),
      lookup: (order, ticker) => this.lookupRaw(order.clientOrderId, null, ticker),
      orderFills: (orderId, ticker) => this.orderFills(orderId, ticker),
    });
    this.fillStream = new KalshiFillStream({
      wsUrl: options.wsUrl,
      signer: options.signer,
      clock: options.clock,
      log: options.log,
      map: (msg) => toVenueFill(msg, (cid) => this.intents.get(cid)),
      catchUp: (since) => this.fills(since),
      ...(options.socket ? { tuning: options.socket } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
    // Listening starts the private channel: no socket for a trading API nobody listens to.
    const event = this.fillStream.onFill;
    this.onFill = (listener) => {
      this.fillStream.start();
      return event(listener);
    };
  }

  /** Whether the pushed-fill channel is connected (false before anyone listens). */
  get fillsConnected(): boolean {
    return this.fillStream.connected;
  }

  async placeOrder(order: OrderRequest): Promise<OrderResult> {
    await this.loadAccountLimits();
    this.remember(order.clientOrderId, { outcome: order.outcome, side: order.side });
    return this.placement.place(order);
  }

  /** Kalshi's local order rules (orderRules.ts). */
  orderProblem(order: OrderShape, market: MarketInfo): string | null {
    return kalshiOrderProblem(order, market);
  }

  /**
   * Before any leg of a basket is sent: the local rules, the market open, and for a buy an
   * available balance that covers it at its limit plus the largest fee the market can charge
   * (multiplier × C × ¼, up to the cent).
   */
  async preflight(order: OrderRequest, market: MarketInfo): Promise<string | null> {
    const problem = this.orderProblem(order, market);
    if (problem !== null) return problem;
    if (market.status !== 'open') return `${market.ref} is ${market.status}`;
    if (order.side !== 'buy') return null;
    const held = this.heldAfterCancelAll();
    if (held !== null) return held;
    try {
      const { available } = await this.balance();
      const multiplier = typeof market.fee.multiplier === 'string' ? market.fee.multiplier : '0.07';
      const contracts = new Money(order.qty).div(100);
      const cost = new Money(order.limitPrice).div(10_000).times(contracts);
      const feeBound = new Money(multiplier).times(contracts).div(4).toDecimalPlaces(2, Money.ROUND_UP);
      const needed = cost.plus(feeBound);
      if (needed.gt(available)) return `the Kalshi balance is $${available}; this order may need up to $${needed.toFixed(2)}`;
      return null;
    } catch (e) {
      return `the Kalshi balance could not be read: ${message(e)}`;
    }
  }

  async cancelOrder(venueOrderId: string, market: MarketRef, options: CallOptions = {}): Promise<void> {
    const ticker = tickerOf(market);
    await this.loadAccountLimits();
    await this.rest.call(`DELETE /portfolio/events/orders/${venueOrderId}`, 'write', CANCEL_COST, (r) => this.rest.orders.cancelOrderV2(venueOrderId, undefined, undefined, ticker, r), options);
  }

  /**
   * Lists what rests, cancels everything in one call (DELETE /portfolio/events/orders), lists
   * again and cancels any survivor one by one. Reports each order as cancelled or failed. Every
   * call is urgent (rest.ts): ahead of routine requests waiting for tokens, and a 429 asked again
   * as soon as the bucket refills. It does not wait for the account's tier to be read: the Basic
   * buckets it starts with are the slowest, never faster than the venue allows.
   */
  async cancelAll(signal?: AbortSignal): Promise<CancelAllResult> {
    const call: CallOptions = signal ? { signal, urgent: true } : { urgent: true };
    const failed: CancelAllResult['failed'] = [];
    void this.loadAccountLimits();
    let before: KalshiOrderJson[] | null = null;
    try {
      before = await this.resting(call);
    } catch (e) {
      failed.push({ orderId: null, reason: `listing resting orders failed: ${message(e)}` });
    }
    if (before !== null && before.length === 0) return { cancelled: [], failed: [] };
    let bulk: string | null = null;
    try {
      await this.rest.call('DELETE /portfolio/events/orders', 'write', CANCEL_COST, (r) => this.rest.orders.cancelAllOrders(undefined, r), call);
      this.cancelAllAt = this.options.clock.monotonic();
    } catch (e) {
      bulk = message(e);
      if (mayHaveReachedVenue(e)) this.cancelAllAt = this.options.clock.monotonic();
      this.options.log('warn', `Kalshi cancel-all call failed (${bulk}); cancelling one by one`);
    }
    let after: KalshiOrderJson[];
    try {
      after = await this.resting(call);
    } catch (e) {
      if (bulk === null && before !== null) return { cancelled: before.map((o) => String(o.order_id)), failed };
      return { cancelled: [], failed: [...failed, { orderId: null, reason: `cancel-all ${bulk ? `failed (${bulk})` : 'sent'} but resting orders could not be listed: ${message(e)}` }] };
    }
    const failedIds = new Set<string>();
    for (const o of after) {
      const id = String(o.order_id);
      try {
        await this.cancelOrder(id, marketRef('kalshi', String(o.ticker)), call);
      } catch (e) {
        if (e instanceof KalshiApiError && e.status === 404) continue; // gone already
        failedIds.add(id);
        failed.push({ orderId: id, reason: message(e) });
      }
    }
    const cancelled = new Set<string>();
    for (const o of [...(before ?? []), ...after]) {
      const id = String(o.order_id);
      if (!failedIds.has(id)) cancelled.add(id);
    }
    return { cancelled: [...cancelled], failed };
  }

  async openOrders(): Promise<OpenOrder[]> {
    await this.loadAccountLimits();
    const out: OpenOrder[] = [];
    for (const o of await this.resting({})) {
      const mapped = toOpenOrder(o, (cid) => this.intents.get(cid));
      if (typeof mapped === 'string') throw new KalshiProtocolError(`Kalshi GET /portfolio/orders: ${mapped}`);
      out.push(mapped);
    }
    return out;
  }

  async findOrder(ref: OrderRef): Promise<OrderLookup | null> {
    if (ref.outcome && ref.side) this.remember(ref.clientOrderId, { outcome: ref.outcome, side: ref.side });
    await this.loadAccountLimits();
    const raw = await this.lookupRaw(ref.clientOrderId, ref.venueOrderId, tickerOf(ref.market));
    if (raw === null) return null;
    const mapped = toOrderLookup(raw);
    if (typeof mapped === 'string') throw new KalshiProtocolError(`Kalshi order lookup: ${mapped}`);
    return mapped;
  }

  /** Every fill at or after `since` (wall ms; null: all), oldest first. */
  async fills(since: number | null): Promise<VenueFill[]> {
    await this.loadAccountLimits();
    const minTs = since === null ? undefined : Math.max(0, Math.floor(since / 1000));
    const raw = await this.rest.paginate(
      'GET /portfolio/fills',
      (cursor, r) => this.rest.portfolio.getFills(undefined, undefined, minTs, undefined, 1000, cursor, undefined, undefined, r),
      (page) => (page as { fills?: unknown[] }).fills,
    );
    return this.mapFills(raw).filter((f) => since === null || f.at >= since).sort((a, b) => a.at - b.at);
  }

  /** Net position per market: positive `position_fp` is YES, negative NO (Kalshi nets the two). */
  async positions(): Promise<{ market: MarketRef; outcome: Outcome; qty: string }[]> {
    await this.loadAccountLimits();
    const raw = await this.rest.paginate(
      'GET /portfolio/positions',
      (cursor, r) => this.rest.portfolio.getPositions(cursor, 1000, 'position', undefined, undefined, undefined, undefined, r),
      (page) => (page as { market_positions?: unknown[] }).market_positions,
    );
    const out: { market: MarketRef; outcome: Outcome; qty: string }[] = [];
    for (const p of raw as { ticker?: unknown; position_fp?: unknown }[]) {
      const text = typeof p.position_fp === 'string' ? p.position_fp.trim() : '';
      const negative = text.startsWith('-');
      const q = parseQty(negative ? text.slice(1) : text);
      if (typeof p.ticker !== 'string' || !q.ok) throw new KalshiProtocolError(`Kalshi GET /portfolio/positions: unreadable position ${JSON.stringify(p).slice(0, 120)}`);
      if (q.value === 0) continue;
      out.push({ market: marketRef('kalshi', p.ticker), outcome: negative ? 'no' : 'yes', qty: formatQty(q.value) });
    }
    return out;
  }

  async balance(): Promise<AccountBalance> {
    await this.loadAccountLimits();
    const res = await this.rest.call('GET /portfolio/balance', 'read', DEFAULT_COST, (r) => this.rest.portfolio.getBalance(undefined, undefined, r));
    return kalshiBalanceOf(res.data);
  }

  /** The account's most recent settled markets (first page of GET /portfolio/settlements). */
  async settlements(): Promise<Resolution[]> {
    await this.loadAccountLimits();
    const res = await this.rest.call('GET /portfolio/settlements', 'read', DEFAULT_COST, (r) => this.rest.portfolio.getSettlements(100, undefined, undefined, undefined, undefined, undefined, undefined, r));
    return kalshiSettlementsOf(res.data, this.options.clock.now()).resolutions;
  }

  dispose(): void {
    this.fillStream.dispose();
  }

  // ---- internals ----------------------------------------------------------------------------------

  /** Why a buy is held back now: the minute after a cancel-all, which may still cancel it. */
  private heldAfterCancelAll(): string | null {
    const reach = this.options.cancelAllReachMs ?? KALSHI_CANCEL_ALL_REACH_MS;
    if (reach <= 0 || this.cancelAllAt === null) return null;
    const left = this.cancelAllAt + reach - this.options.clock.monotonic();
    if (left <= 0) return null;
    return `Kalshi may cancel orders placed up to a minute after a cancel-all (the kill switch sent one); new Kalshi buys wait ${Math.ceil(left / 1000)} s more`;
  }

  private remember(clientOrderId: string, intent: Intent): void {
    if (this.intents.size >= MAX_INTENTS) this.intents.delete(this.intents.keys().next().value!);
    this.intents.set(clientOrderId, intent);
  }

  /** Sizes our buckets to the account's tier once; the Basic tier stays when the venue will not say. */
  loadAccountLimits(): Promise<void> {
    if (this.options.readAccountLimits === false) return Promise.resolve();
    this.limitsRead ??= (async () => {
      try {
        const res = await this.rest.call('GET /account/limits', 'read', DEFAULT_COST, (r) => this.rest.account.getAccountApiLimits(r));
        const limits = parseAccountLimits(res.data);
        if (!limits) throw new Error('unreadable limits');
        this.options.limiter.setLimits(limits);
        this.options.log('info', `Kalshi rate limits: ${(res.data as { usage_tier?: unknown }).usage_tier ?? 'tier'} read ${limits.read.refillRate}/s, write ${limits.write.refillRate}/s`);
      } catch (e) {
        const l = this.options.limiter.limits();
        this.options.log('info', `Kalshi account limits unavailable (${message(e)}); pacing at read ${l.read.refillRate}/s, write ${l.write.refillRate}/s tokens`);
      }
    })();
    return this.limitsRead;
  }

  private resting(call: CallOptions): Promise<KalshiOrderJson[]> {
    return this.rest.paginate(
      'GET /portfolio/orders?status=resting',
      (cursor, r) => this.rest.orders.getOrders(undefined, undefined, undefined, undefined, 'resting', 1000, cursor, undefined, undefined, r),
      (page) => (page as { orders?: KalshiOrderJson[] }).orders,
      call,
    );
  }

  /** The venue's order object: by id when known, else by client order id among the market's orders. */
  private async lookupRaw(clientOrderId: string, venueOrderId: string | null, ticker: string): Promise<KalshiOrderJson | null> {
    if (venueOrderId) {
      try {
        const res = await this.rest.call(`GET /portfolio/orders/${venueOrderId}`, 'read', GET_ORDER_COST, (r) => this.rest.orders.getOrder(venueOrderId, r));
        return ((res.data as { order?: KalshiOrderJson }).order ?? null) as KalshiOrderJson | null;
      } catch (e) {
        if (!(e instanceof KalshiApiError && e.status === 404)) throw e;
      }
    }
    const orders = await this.rest.paginate(
      `GET /portfolio/orders?ticker=${ticker}`,
      (cursor, r) => this.rest.orders.getOrders(ticker, undefined, undefined, undefined, undefined, 1000, cursor, undefined, undefined, r),
      (page) => (page as { orders?: KalshiOrderJson[] }).orders,
    );
    return orders.find((o) => o.client_order_id === clientOrderId) ?? null;
  }

  private async orderFills(orderId: string, ticker: string): Promise<VenueFill[]> {
    const raw = await this.rest.paginate(
      `GET /portfolio/fills?order_id=${orderId}`,
      (cursor, r) => this.rest.portfolio.getFills(ticker, orderId, undefined, undefined, 1000, cursor, undefined, undefined, r),
      (page) => (page as { fills?: unknown[] }).fills,
    );
    return this.mapFills(raw).sort((a, b) => a.at - b.at);
  }

  /** Fills that cannot be read are reported, not allowed to hide every other fill of the page. */
  private mapFills(raw: readonly unknown[]): VenueFill[] {
    const out: VenueFill[] = [];
    for (const f of raw) {
      const mapped = toVenueFill(f, (cid) => this.intents.get(cid));
      if (typeof mapped === 'string') this.options.log('error', `Kalshi fills: a fill could not be read and is not recorded (${mapped}): ${JSON.stringify(f).slice(0, 300)}`);
      else out.push(mapped);
    }
    return out;
  }
}

function tickerOf(market: MarketRef): string {
  const parsed = parseMarketRef(market);
  if (!parsed || parsed.venue !== 'kalshi') throw new Error(`${market} is not a Kalshi market`);
  return parsed.id;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** False only when the venue certainly did not act on the request: refused unseen (429s, a 4xx) or never sent. */
function mayHaveReachedVenue(e: unknown): boolean {
  if (e instanceof KalshiRateLimitedError) return false;
  if (e instanceof KalshiTransportError) return e.maybeSent;
  if (e instanceof KalshiApiError) return e.status >= 500;
  return true;
}
