// Polymarket US trading (TradingApi) through the official SDK's REST client (polymarket-us 0.1.1:
// orders.create/cancel/cancelAll/list/retrieve, portfolio.positions, account.balances —
// dist/index.js:145-250) and our signed private socket for pushed executions.
//
// The venue has no client order id (CreateOrderParams: dist/index.d.ts), so an order is known by the
// id the create call returns. A create whose answer is lost (timeout, a dropped connection, a 5xx)
// may or may not exist: it is reported unknown (OrderOutcomeUnknownError) and the executor's unwind
// treats it so; findOrder can then find it only among the open orders with the same terms (README).
import { Money, sum, toText } from '../../../shared/money';
import type { MarketRef, Outcome } from '../../../shared/ids';
import { Disposable, Emitter } from '../../../shared/lifecycle';
import { formatQty, type Qty } from '../../../shared/units';
import type { Clock } from '../../platform/clock';
import {
  OrderOutcomeUnknownError, type CancelAllResult, type MarketInfo, type OpenOrder, type OrderLookup, type OrderRef, type OrderRequest,
  type OrderResult, type OrderShape, type TradingApi, type VenueFill,
} from '../venue';
import { fillOf, lookupOf, qtyUnits, type WireExecution, type WireOrder } from './executions';
import { PM_US } from './manifest';
import { intentOf, intentTerms, orderBody, outcomePriceText } from './orderMapping';
import { pmUsOrderProblem } from './orderRules';
import { GateAbortedError, RATE_LIMITED, throughGate, type Lane, type RequestGate, type RetryPolicy } from './requestGate';
import type { SignedSocket } from './socket';

/** The part of the SDK's client this connector calls (its `PolymarketUS`). */
export interface PmUsRest {
  orders: {
    create(params: object): Promise<{ id: string; executions?: unknown[] }>;
    list(params?: { slugs?: string[] }): Promise<{ orders: unknown[] }>;
    retrieve(orderId: string): Promise<{ order: unknown }>;
    cancel(orderId: string, params: { marketSlug: string }): Promise<void>;
    cancelAll(params?: { slugs?: string[] }): Promise<{ canceledOrderIds: string[] }>;
  };
  portfolio: { positions(params?: { cursor?: string; limit?: number }): Promise<{ positions: Record<string, unknown>; nextCursor?: string; eof?: boolean }> };
  account: { balances(): Promise<{ balances: { currentBalance?: unknown; buyingPower?: unknown; currency?: unknown }[] }> };
}

export interface PmUsTradingOptions {
  rest: PmUsRest;
  market: (ref: MarketRef) => MarketInfo | undefined;
  privateSocket: SignedSocket;
  /** The key's request gate: every authenticated call waits its turn there (requestGate.ts). */
  gate: RequestGate;
  clock: Clock;
  log: (message: string) => void;
}

const TERMINAL = new Set(['EXECUTION_TYPE_FILL', 'EXECUTION_TYPE_CANCELED', 'EXECUTION_TYPE_EXPIRED', 'EXECUTION_TYPE_REJECTED', 'EXECUTION_TYPE_DONE_FOR_DAY']);
const MAX_REMEMBERED = 100_000;

const slugOf = (ref: MarketRef): string => ref.slice(PM_US.length + 1);

const READ: RetryPolicy = { attempts: 3 };
const CANCEL_ONE: RetryPolicy = { attempts: 5 };
/** Cancel-all is idempotent, so a lost answer or a server error is worth another try too. */
const CANCEL_ALL: RetryPolicy = { attempts: 8, alsoRetry: [0, 408, 500] };
/** After a create refused with 429 nothing is sent for this long: the venue's window is full. */
const HOLD_AFTER_429_MS = 1_000;

/** The HTTP status of an SDK error (APIError.status; 0 for a network failure, 408 its timeout). */
function statusOf(e: unknown): number | null {
  const s = (e as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : null;
}

export class PmUsTrading extends Disposable implements TradingApi {
  private readonly fills$ = this.register(new Emitter<VenueFill>());
  private readonly updates$ = this.register(new Emitter<OrderLookup>());
  readonly onFill = this.fills$.event;
  readonly onOrderUpdate = this.updates$.event;
  /** venue order id → client order id, for the orders placed here. */
  private readonly clientIds = new Map<string, string>();
  private readonly seen = new Set<string>();
  private readonly pushedSeen = new Set<string>();
  private readonly sessionFills: VenueFill[] = [];
  /** Creates awaiting their answer: a pushed execution of an order not yet known waits for them. */
  private inflight = 0;
  private held: WireExecution[] = [];

  constructor(private readonly options: PmUsTradingOptions) {
    super();
    const socket = options.privateSocket;
    this.register(socket.onOpen(() => socket.send({ subscribe: { requestId: 'orders', subscriptionType: 'SUBSCRIPTION_TYPE_ORDER', marketSlugs: [] } })));
    this.register(socket.onText((text) => this.receive(text)));
    socket.start();
  }

  /**
   * Whether pushed executions can arrive now. The venue does not replay what it pushed while the
   * private socket was down: an order's own answer carries its immediate fills, and findOrder
   * reads a resting order's state.
   */
  get pushesConnected(): boolean {
    return this.options.privateSocket.isOpen;
  }

  orderProblem(order: OrderShape, market: MarketInfo): string | null {
    return pmUsOrderProblem(order, market);
  }

  async preflight(order: OrderRequest, market: MarketInfo): Promise<string | null> {
    const problem = pmUsOrderProblem(order, market);
    if (problem) return problem;
    if (market.status !== 'open') return `${market.ref} is ${market.status}`;
    if (order.side === 'sell') return null;
    try {
      const { available } = await this.balance();
      const cost = new Money(formatQty(order.qty)).mul(order.limitPrice).div(10_000);
      return cost.gt(available) ? `Polymarket US buying power $${available} is below the order's $${toText(cost)}` : null;
    } catch (e) {
      return `Polymarket US balance could not be read: ${(e as Error).message}`;
    }
  }

  async placeOrder(order: OrderRequest): Promise<OrderResult> {
    const market = this.options.market(order.market);
    if (!market) return this.refused(order, `${order.market} is not a listed Polymarket US market`, true);
    const problem = pmUsOrderProblem(order, market);
    if (problem) return this.refused(order, problem, true);
    try {
      await this.options.gate.acquire('order', order.guard?.signal);
    } catch (e) {
      if (e instanceof GateAbortedError) return this.refused(order, 'stopped before sending (kill switch)', false);
      throw e;
    }
    if (order.guard?.signal.aborted) return this.refused(order, 'stopped before sending (kill switch)', false);
    const held = order.guard?.recheck() ?? null;
    if (held !== null) return this.refused(order, held, false);
    let response: { id: string; executions?: unknown[] };
    this.inflight++;
    try {
      response = await this.options.rest.orders.create(orderBody(order, market.id));
    } catch (e) {
      this.settled();
      const status = statusOf(e);
      const message = (e as Error).message ?? String(e);
      // No answer, or a server error after the bytes were sent: the order may exist.
      if (status === null || status === 0 || status === 408 || status === 500 || status === 502 || status === 504) {
        throw new OrderOutcomeUnknownError(`Polymarket US create order: ${message}`, order.clientOrderId, null);
      }
      if (status === RATE_LIMITED) this.options.gate.hold(HOLD_AFTER_429_MS);
      return this.refused(order, `Polymarket US refused the order (HTTP ${status}): ${message}`, status === 400 || status === 401 || status === 403 || status === 404);
    }
    if (typeof response?.id !== 'string' || response.id.length === 0) {
      this.settled();
      throw new OrderOutcomeUnknownError('Polymarket US create order: the answer has no order id', order.clientOrderId, null);
    }
    this.remember(response.id, order.clientOrderId);
    const result = this.result(order, response.id, (response.executions ?? []) as WireExecution[]);
    this.settled();
    return result;
  }

  async cancelOrder(venueOrderId: string, market: MarketRef): Promise<void> {
    // The cancel body must name the market (docs: `{"marketSlug": …}` is required).
    await this.send('cancel', CANCEL_ONE, () => this.options.rest.orders.cancel(venueOrderId, { marketSlug: slugOf(market) }));
  }

  async cancelAll(signal?: AbortSignal): Promise<CancelAllResult> {
    if (signal?.aborted) return { cancelled: [], failed: [{ orderId: null, reason: 'aborted' }] };
    try {
      const r = await this.send('cancel', CANCEL_ALL, () => this.options.rest.orders.cancelAll({}), signal);
      return { cancelled: Array.isArray(r?.canceledOrderIds) ? r.canceledOrderIds : [], failed: [] };
    } catch (e) {
      return { cancelled: [], failed: [{ orderId: null, reason: (e as Error).message }] };
    }
  }

  async openOrders(): Promise<OpenOrder[]> {
    const { orders } = await this.send('read', READ, () => this.options.rest.orders.list({}));
    const out: OpenOrder[] = [];
    for (const o of (orders ?? []) as WireOrder[]) {
      const terms = intentTerms(o.intent);
      const price = terms ? outcomePriceText(o.price, terms.outcome) : null;
      if (!terms || price === null || typeof o.id !== 'string' || typeof o.marketSlug !== 'string') continue;
      out.push({ venueOrderId: o.id, clientOrderId: this.clientIds.get(o.id) ?? null, market: `${PM_US}:${o.marketSlug}` as MarketRef, outcome: terms.outcome, side: terms.side, price, remainingQty: formatQty(qtyUnits(o.leavesQuantity)) });
    }
    return out;
  }

  async findOrder(ref: OrderRef): Promise<OrderLookup | null> {
    if (ref.venueOrderId) {
      try {
        const { order } = await this.send('read', READ, () => this.options.rest.orders.retrieve(ref.venueOrderId!));
        return lookupOf((order ?? {}) as WireOrder, ref.clientOrderId);
      } catch (e) {
        if (statusOf(e) === 404) return null;
        throw e;
      }
    }
    // No client ids on this venue: only an open order of the same terms can be this one.
    if (!ref.outcome || !ref.side) return null;
    const want = intentOf({ outcome: ref.outcome, side: ref.side });
    const { orders } = await this.send('read', READ, () => this.options.rest.orders.list({ slugs: [slugOf(ref.market)] }));
    const same = ((orders ?? []) as WireOrder[]).filter((o) => o.intent === want && typeof o.id === 'string' && !this.clientIds.has(o.id));
    if (same.length !== 1) return null;
    this.remember(same[0]!.id as string, ref.clientOrderId);
    return lookupOf(same[0]!, ref.clientOrderId);
  }

  async fills(since: number | null): Promise<VenueFill[]> {
    return this.sessionFills.filter((f) => since === null || f.at >= since);
  }

  async positions(): Promise<{ market: MarketRef; outcome: Outcome; qty: string }[]> {
    const out: { market: MarketRef; outcome: Outcome; qty: string }[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const page = cursor;
      const r = await this.send('read', READ, () => this.options.rest.portfolio.positions(page ? { cursor: page } : {}));
      for (const [slug, raw] of Object.entries(r?.positions ?? {})) {
        const p = raw as { netPosition?: unknown; netPositionDecimal?: unknown };
        const net = typeof p.netPositionDecimal === 'string' ? p.netPositionDecimal : p.netPosition;
        if (typeof net !== 'string' || !/^-?\d+(\.\d+)?$/.test(net) || Number(net) === 0) continue;
        // Long is YES; a short position is NO exposure (one instrument per market).
        const negative = net.startsWith('-');
        out.push({ market: `${PM_US}:${slug}` as MarketRef, outcome: negative ? 'no' : 'yes', qty: negative ? net.slice(1) : net });
      }
      if (r?.eof !== false || !r.nextCursor) break;
      cursor = r.nextCursor;
    }
    return out;
  }

  async balance(): Promise<{ available: string }> {
    const { balances } = await this.send('read', READ, () => this.options.rest.account.balances());
    const usd = (balances ?? []).find((b) => b.currency === 'USD') ?? balances?.[0];
    const power = usd?.buyingPower;
    const text = typeof power === 'number' && Number.isFinite(power) ? String(power) : typeof power === 'string' ? power : null;
    if (text === null) throw new Error('Polymarket US balances: no buyingPower in the answer');
    return { available: text };
  }

  private send<T>(lane: Lane, policy: RetryPolicy, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return throughGate(this.options.gate, lane, call, policy, signal);
  }

  private refused(order: OrderRequest, reason: string, permanent: boolean): OrderResult {
    return { clientOrderId: order.clientOrderId, venueOrderId: null, status: 'rejected', filledQty: 0 as Qty, avgPrice: null, fee: '0', rejectReason: reason, fills: [], permanent };
  }

  private result(order: OrderRequest, id: string, executions: WireExecution[]): OrderResult {
    const now = this.options.clock.now();
    const rejected = executions.find((e) => e.type === 'EXECUTION_TYPE_REJECTED');
    const fills = executions.map((e) => fillOf(e, order.clientOrderId, now)).filter((f): f is VenueFill => f !== null);
    for (const f of fills) this.record(f);
    const filled = fills.reduce((q, f) => q + qtyUnits(f.qty), 0) as Qty;
    const fee = fills.length ? toText(sum(fills.map((f) => new Money(f.fee)))) : '0';
    const avgPrice = filled > 0 ? toText(sum(fills.map((f) => new Money(f.price).mul(f.qty))).div(formatQty(filled))) : null;
    const base = { clientOrderId: order.clientOrderId, venueOrderId: id, filledQty: filled, avgPrice, fee, fills };
    if (rejected && filled === 0) {
      const reason = [rejected.orderRejectReason, rejected.text].filter((x) => typeof x === 'string' && x).join(': ') || 'rejected';
      // "Global Rate Limit Exceeded" is the venue's 5-second processing stopgap, not a refusal of the order's terms.
      return { ...base, status: 'rejected', rejectReason: `Polymarket US rejected order ${id}: ${reason}`, permanent: !/rate limit/i.test(reason) };
    }
    if (filled >= order.qty) return { ...base, status: 'filled', rejectReason: null };
    if (order.timeInForce === 'gtc') return { ...base, status: 'resting', rejectReason: null };
    const done = executions.some((e) => TERMINAL.has(e.type as string));
    if (!done) return { ...base, status: 'pending', rejectReason: null };
    return { ...base, status: filled > 0 ? 'partially_filled' : 'unfilled', rejectReason: null };
  }

  private receive(text: string): void {
    let m: { orderSubscriptionUpdate?: { execution?: WireExecution } } | null;
    try {
      m = JSON.parse(text) as typeof m;
    } catch {
      this.options.log(`Polymarket US private socket: unreadable message of ${text.length} characters`);
      return;
    }
    const e = m?.orderSubscriptionUpdate?.execution;
    if (e && typeof e === 'object') this.pushed(e);
  }

  /** One pushed execution; held while a create is in flight and its order is not yet known. */
  private pushed(e: WireExecution): void {
    if (this.inflight > 0 && typeof e.order?.id === 'string' && !this.clientIds.has(e.order.id)) {
      this.held.push(e);
      return;
    }
    const orderId = typeof e.order?.id === 'string' ? e.order.id : null;
    const clientId = orderId ? this.clientIds.get(orderId) ?? null : null;
    const fill = fillOf(e, clientId, this.options.clock.now());
    if (fill) {
      this.record(fill);
      // Every pushed fill is fired once, also those a create's answer already carried: the ledger
      // books a venue fill id once, however it arrives.
      if (!this.pushedSeen.has(fill.fillId)) {
        if (this.pushedSeen.size >= MAX_REMEMBERED) this.pushedSeen.clear();
        this.pushedSeen.add(fill.fillId);
        this.fills$.fire(fill);
      }
    }
    const lookup = e.order ? lookupOf(e.order, clientId) : null;
    if (lookup) this.updates$.fire(lookup);
  }

  /** A create has its answer: what waited for it is released (with its client id when it is now known). */
  private settled(): void {
    this.inflight--;
    const held = this.held;
    this.held = [];
    for (const e of held) this.pushed(e);
  }

  /** Keeps a fill once; false when it was already seen. */
  private record(fill: VenueFill): boolean {
    if (this.seen.has(fill.fillId)) return false;
    if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.add(fill.fillId);
    this.sessionFills.push(fill);
    if (this.sessionFills.length > MAX_REMEMBERED) this.sessionFills.splice(0, this.sessionFills.length - MAX_REMEMBERED);
    return true;
  }

  private remember(venueOrderId: string, clientOrderId: string): void {
    if (this.clientIds.size >= MAX_REMEMBERED) this.clientIds.clear();
    this.clientIds.set(venueOrderId, clientOrderId);
  }
}

