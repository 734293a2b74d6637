// Placing one order and establishing, without guessing, what became of it.
//
//   201                → the result, with the order's fills read back (exact prices and fees)
//   409 duplicate id   → the order exists (an earlier attempt landed): look it up, never resend
//   409 FOK not filled → unfilled
//   other 4xx          → rejected, with the venue's code and message (after an attempt that may
//                        have landed: looked up, else unknown)
//   429                → backed off and retried (rest.ts) within the deadline; the venue refused
//                        it unseen
//   kill switch        → the order's guard aborts its waits (rate limiter, back-off, retry pause)
//                        and its recheck refuses it just before the bytes are written: not sent
//   5xx, timeout, reset→ may have landed: retry with the same client_order_id (idempotent), within
//                        a deadline; if still unknown, look it up; if still unknown, throw
//                        OrderOutcomeUnknownError — never report it unfilled
//   refused connection → certainly not sent: retried, then rejected ("not sent")
import { parseMarketRef } from '../../../shared/ids';
import { parseQty, type Qty } from '../../../shared/units';
import type { Clock } from '../../clock';
import { OrderOutcomeUnknownError, type OrderRequest, type OrderResult, type OrderStatus, type VenueFill } from '../venue';
import { KalshiApiError, KalshiProtocolError, KalshiRateLimitedError, KalshiTransportError } from './errors';
import { averagePrice, dollarsMicros, microsText, outcomePrice, sumMoney, v2OrderBody, type KalshiOrderJson } from './orderMapping';
import { DEFAULT_COST } from './rateLimiter';
import type { KalshiRest } from './rest';
import type { VenueLog } from './types';

export interface PlacementTuning {
  /** How long placeOrder may take in all, retries included (default 10 000 ms). */
  deadlineMs?: number;
  /** Sends of one order at most (default 3). */
  maxAttempts?: number;
  /** Read the order's fills back after a fill (default true). */
  readFills?: boolean;
}

export interface PlacementOptions {
  rest: KalshiRest;
  clock: Clock;
  log: VenueLog;
  tuning?: PlacementTuning;
  random?: () => number;
  lookup(order: OrderRequest, ticker: string): Promise<KalshiOrderJson | null>;
  orderFills(orderId: string, ticker: string): Promise<VenueFill[]>;
}

const isDuplicate = (e: KalshiApiError) => e.status === 409 && (/already_exists|duplicate/i.test(e.code) || /already exists|duplicate/i.test(e.venueMessage));
const isFokKill = (e: KalshiApiError) => /fill_or_kill|insufficient_resting_volume/i.test(e.code);

interface CreateResponse {
  order_id?: unknown;
  fill_count?: unknown;
  remaining_count?: unknown;
  average_fill_price?: unknown;
  average_fee_paid?: unknown;
}

export class OrderPlacement {
  private readonly deadlineMs: number;
  private readonly maxAttempts: number;
  private readonly readFills: boolean;
  private readonly random: () => number;
  readonly stats = { sent: 0, duplicates: 0, unknown: 0, retries: 0 };

  constructor(private readonly o: PlacementOptions) {
    this.deadlineMs = o.tuning?.deadlineMs ?? 10_000;
    this.maxAttempts = Math.max(1, o.tuning?.maxAttempts ?? 3);
    this.readFills = o.tuning?.readFills ?? true;
    this.random = o.random ?? Math.random;
  }

  async place(order: OrderRequest): Promise<OrderResult> {
    const parsed = parseMarketRef(order.market);
    if (!parsed || parsed.venue !== 'kalshi') return rejected(order, `${order.market} is not a Kalshi market`);
    const ticker = parsed.id;
    const body = v2OrderBody(order, ticker);
    if (typeof body === 'string') return rejected(order, `not sent: ${body}`);
    const deadline = this.o.clock.monotonic() + this.deadlineMs;
    let maybeSent = false;
    let last = '';
    const guard = order.guard;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const left = deadline - this.o.clock.monotonic();
      if (left <= 0) break;
      if (guard?.signal.aborted) {
        last = `stopped before attempt ${attempt}: ${guard.recheck() ?? 'aborted'}`;
        break;
      }
      if (attempt > 1) this.stats.retries++;
      this.stats.sent++;
      try {
        const res = await this.o.rest.call('POST /portfolio/events/orders', 'write', DEFAULT_COST, (r) => this.o.rest.orders.createOrderV2(body, r), { timeoutMs: Math.max(1, left), deadline, ...(guard ? { guard } : {}) });
        return await this.fromCreate(order, ticker, res.data as CreateResponse);
      } catch (e) {
        if (e instanceof KalshiApiError) {
          if (isDuplicate(e)) {
            this.stats.duplicates++;
            const found = await this.fromLookup(order, ticker);
            if (found) return found;
            this.stats.unknown++;
            throw unknown(order, 'the venue reports the client order id as used, but the order cannot be found');
          }
          if (e.status < 500) {
            const verdict = isFokKill(e) ? empty(order) : rejected(order, `${e.code || `HTTP ${e.status}`}${e.venueMessage ? `: ${e.venueMessage}` : ''}`);
            if (!maybeSent) return verdict;
            // An earlier attempt may have landed: this refusal does not prove it did not.
            const found = await this.fromLookup(order, ticker).catch(() => null);
            if (found) return found;
            this.stats.unknown++;
            throw unknown(order, `an earlier attempt may have reached the venue (${last}); a retry was refused (${e.message})`);
          }
          maybeSent = true;
          last = e.message;
        } else if (e instanceof KalshiRateLimitedError) {
          last = e.message;
          break;
        } else if (e instanceof KalshiTransportError) {
          maybeSent ||= e.maybeSent;
          last = e.message;
          if (e.kind === 'aborted') break;
        } else if (e instanceof KalshiProtocolError) {
          // A 2xx we could not read: it was placed, and we do not know how it went.
          maybeSent = true;
          last = e.message;
          break;
        } else {
          throw e;
        }
        this.o.log('warn', `Kalshi order ${order.clientOrderId}: attempt ${attempt} failed (${last})`);
        if (attempt < this.maxAttempts) await sleep(Math.min(Math.max(0, deadline - this.o.clock.monotonic()), 100 * 2 ** (attempt - 1) * (0.5 + this.random())), guard?.signal);
      }
    }
    if (!maybeSent) return rejected(order, `not sent: ${last || 'deadline passed before sending'}`);
    try {
      const found = await this.fromLookup(order, ticker);
      if (found) return found;
      // Not found after every attempt may have landed: most likely never placed, but a lookup
      // can lag the matching engine, so it stays unknown until findOrder says otherwise.
    } catch (e) {
      last = `${last}; lookup failed: ${e instanceof Error ? e.message : String(e)}`;
    }
    this.stats.unknown++;
    throw unknown(order, last);
  }

  private async fromCreate(order: OrderRequest, ticker: string, data: CreateResponse): Promise<OrderResult> {
    const orderId = typeof data.order_id === 'string' ? data.order_id : '';
    const filled = typeof data.fill_count === 'string' ? parseQty(data.fill_count.trim()) : null;
    const remaining = typeof data.remaining_count === 'string' ? parseQty(data.remaining_count.trim()) : null;
    if (orderId === '' || !filled?.ok || !remaining?.ok) {
      throw new KalshiProtocolError(`Kalshi POST /portfolio/events/orders: unreadable response ${JSON.stringify(data).slice(0, 200)}`);
    }
    const fills = filled.value > 0 ? await this.fillsOf(orderId, ticker, filled.value as Qty) : [];
    const complete = sumQty(fills) === filled.value;
    let avgPrice: string | null = null;
    let fee = '0';
    if (filled.value > 0) {
      if (complete) {
        avgPrice = averagePrice(fills);
        fee = sumMoney(fills.map((f) => f.fee));
      } else {
        avgPrice = outcomePrice(data.average_fill_price, order.outcome);
        const perContract = dollarsMicros(data.average_fee_paid);
        fee = perContract === null ? '0' : microsText(Math.round((perContract * filled.value) / 100));
      }
    }
    return {
      clientOrderId: order.clientOrderId,
      venueOrderId: orderId,
      status: statusOf(order, filled.value, remaining.value),
      filledQty: filled.value as Qty,
      avgPrice,
      fee,
      rejectReason: null,
      fills,
    };
  }

  /** The order as the venue holds it, with its fills; null when it cannot be found. */
  private async fromLookup(order: OrderRequest, ticker: string): Promise<OrderResult | null> {
    const o = await this.o.lookup(order, ticker);
    if (!o) return null;
    const orderId = typeof o.order_id === 'string' ? o.order_id : '';
    const filled = typeof o.fill_count_fp === 'string' ? parseQty(o.fill_count_fp.trim()) : null;
    const remaining = typeof o.remaining_count_fp === 'string' ? parseQty(o.remaining_count_fp.trim()) : null;
    if (orderId === '' || !filled?.ok || !remaining?.ok) throw new KalshiProtocolError(`Kalshi order lookup: unreadable order ${JSON.stringify(o).slice(0, 200)}`);
    const fills = filled.value > 0 ? await this.fillsOf(orderId, ticker, filled.value as Qty) : [];
    const resting = o.status === 'resting' ? remaining.value : 0;
    const fees = [o.taker_fees_dollars, o.maker_fees_dollars].map(dollarsMicros);
    const orderFee = fees.every((f) => f !== null) ? microsText((fees[0] ?? 0) + (fees[1] ?? 0)) : '0';
    return {
      clientOrderId: order.clientOrderId,
      venueOrderId: orderId,
      status: statusOf(order, filled.value, resting),
      filledQty: filled.value as Qty,
      avgPrice: fills.length > 0 ? averagePrice(fills) : null,
      fee: fills.length > 0 && sumQty(fills) === filled.value ? sumMoney(fills.map((f) => f.fee)) : orderFee,
      rejectReason: null,
      fills,
    };
  }

  /** The order's fills, read back until they account for the filled count (briefly: fills can lag). */
  private async fillsOf(orderId: string, ticker: string, filled: Qty): Promise<VenueFill[]> {
    if (!this.readFills) return [];
    let fills: VenueFill[] = [];
    for (let i = 0; i < 3; i++) {
      try {
        fills = await this.o.orderFills(orderId, ticker);
      } catch (e) {
        this.o.log('warn', `Kalshi order ${orderId}: reading its fills failed (${e instanceof Error ? e.message : String(e)}); they arrive through onFill / fills()`);
        return fills;
      }
      if (sumQty(fills) >= filled) return fills;
      await sleep(100 * (i + 1));
    }
    this.o.log('warn', `Kalshi order ${orderId}: fills listed ${sumQty(fills)} of ${filled} (0.01 contracts) filled`);
    return fills;
  }
}

function statusOf(order: OrderRequest, filled: number, resting: number): OrderStatus {
  if (filled > 0) return filled >= order.qty ? 'filled' : 'partially_filled';
  return order.timeInForce === 'gtc' && resting > 0 ? 'resting' : 'unfilled';
}

function sumQty(fills: readonly VenueFill[]): number {
  let q = 0;
  for (const f of fills) {
    const r = parseQty(f.qty);
    if (r.ok) q += r.value;
  }
  return q;
}

function empty(order: OrderRequest): OrderResult {
  return { clientOrderId: order.clientOrderId, venueOrderId: null, status: 'unfilled', filledQty: 0 as Qty, avgPrice: null, fee: '0', rejectReason: null, fills: [] };
}

function rejected(order: OrderRequest, reason: string): OrderResult {
  return { ...empty(order), status: 'rejected', rejectReason: reason };
}

function unknown(order: OrderRequest, reason: string): OrderOutcomeUnknownError {
  return new OrderOutcomeUnknownError(`Kalshi order ${order.clientOrderId}: outcome unknown (${reason})`, order.clientOrderId, null);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}
