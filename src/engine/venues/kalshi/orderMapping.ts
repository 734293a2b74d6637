// Orders and fills between the engine's terms (an outcome, buy/sell, a price on that outcome's
// own scale) and Kalshi's V2 terms (one YES book: bid/ask at a YES price). venues.md §1.4.1-2:
//   buy YES at p  = bid at p          sell YES at p = ask at p
//   buy NO at q   = ask at 1 − q      sell NO at q  = bid at 1 − q
// Kalshi nets positions, so a bid is both "buy YES" and "sell NO": a fill alone cannot say which
// the trader meant. Fills and orders of an intent we know (placed here, or named to findOrder)
// are reported in its terms; any other is reported canonically as a buy (bid → buy YES at the
// YES price, ask → buy NO at 1 − the YES price).
import Decimal from 'decimal.js';
import { marketRef, type Outcome } from '../../../shared/ids';
import { complement, formatPrice, formatQty, formatScaled, parseQty, parseScaled } from '../../../shared/units';
import type { OpenOrder, OrderLookup, OrderRequest, TimeInForce, VenueFill } from '../venue';

export type BookSide = 'bid' | 'ask';

export interface Intent {
  outcome: Outcome;
  side: 'buy' | 'sell';
}

export function bookSideOf(intent: Intent): BookSide {
  return (intent.outcome === 'yes') === (intent.side === 'buy') ? 'bid' : 'ask';
}

const TIF: Record<TimeInForce, 'immediate_or_cancel' | 'fill_or_kill' | 'good_till_canceled'> = {
  ioc: 'immediate_or_cancel',
  fok: 'fill_or_kill',
  gtc: 'good_till_canceled',
};

export interface V2OrderBody {
  ticker: string;
  client_order_id: string;
  side: BookSide;
  count: string;
  price: string;
  time_in_force: 'immediate_or_cancel' | 'fill_or_kill' | 'good_till_canceled';
  self_trade_prevention_type: 'taker_at_cross';
}

/** The CreateOrderV2 body for an order, or why it cannot be sent. Counts and prices are fixed-point strings. */
export function v2OrderBody(order: OrderRequest, ticker: string): V2OrderBody | string {
  if (!Number.isSafeInteger(order.qty) || order.qty <= 0) return `qty must be a positive number of 0.01 contracts, got ${order.qty}`;
  if (!Number.isSafeInteger(order.limitPrice) || order.limitPrice <= 0 || order.limitPrice >= 10_000) return `limitPrice must be strictly between $0 and $1, got ${order.limitPrice}`;
  if (order.outcome !== 'yes' && order.outcome !== 'no') return `outcome must be yes or no, got ${String(order.outcome)}`;
  if (order.side !== 'buy' && order.side !== 'sell') return `side must be buy or sell, got ${String(order.side)}`;
  const tif = TIF[order.timeInForce];
  if (!tif) return `timeInForce must be ioc, fok or gtc, got ${String(order.timeInForce)}`;
  if (typeof order.clientOrderId !== 'string' || order.clientOrderId.length === 0 || order.clientOrderId.length > 100) return 'clientOrderId must be 1 to 100 characters';
  const yesPrice = order.outcome === 'yes' ? order.limitPrice : complement(order.limitPrice);
  return {
    ticker,
    client_order_id: order.clientOrderId,
    side: bookSideOf(order),
    count: formatQty(order.qty),
    price: formatPrice(yesPrice),
    time_in_force: tif,
    self_trade_prevention_type: 'taker_at_cross',
  };
}

/** A dollar string (up to 6 dp) in micro-dollars; null when malformed. */
export function dollarsMicros(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const r = parseScaled(text.trim(), 6);
  return r.ok ? r.value : null;
}

/** Micro-dollars as the shortest of 4 or 6 decimals ("0.5600", "0.056123"). */
export function microsText(micros: number): string {
  return micros % 100 === 0 ? formatScaled(micros / 100, 4) : formatScaled(micros, 6);
}

/** A YES-scale price as the given outcome's price ("0.5600" → NO "0.4400"). */
export function outcomePrice(yesPriceText: unknown, outcome: Outcome): string | null {
  const micros = dollarsMicros(yesPriceText);
  if (micros === null || micros > 1_000_000) return null;
  return microsText(outcome === 'yes' ? micros : 1_000_000 - micros);
}

/** Which terms to report a book-side execution in. */
export function orient(bookSide: BookSide, intent: Intent | undefined): Intent {
  if (intent && bookSideOf(intent) === bookSide) return intent;
  return bookSide === 'bid' ? { outcome: 'yes', side: 'buy' } : { outcome: 'no', side: 'buy' };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function countText(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const r = parseQty(v.trim());
  return r.ok ? formatQty(r.value) : null;
}

/**
 * The YES-book side of a fill or order, from whichever fields the message carries:
 * - `book_side` (V2; REST `Fill`/`Order` in kalshi-typescript 3.30);
 * - `outcome_side`: "buy-yes and sell-no produce 'yes'; buy-no and sell-yes produce 'no'" (ibid.);
 * - `purchased_side`: the AsyncAPI `fill` message's "Side of the purchased contracts. If user
 *   submitted a sell NO, this field will be yes";
 * - the legacy `side` + `action` (AsyncAPI `fill`, openapi 3.15 REST `Fill`): buy YES / sell NO
 *   is a bid, buy NO / sell YES an ask.
 * Fields that contradict each other make it unreadable (null), never a guess.
 */
export function bookSideFrom(j: Record<string, unknown>): { side: BookSide } | { problem: string } {
  const votes: [string, BookSide][] = [];
  if (j.book_side !== undefined && j.book_side !== null) {
    if (j.book_side !== 'bid' && j.book_side !== 'ask') return { problem: `book_side ${JSON.stringify(j.book_side)} is not bid or ask` };
    votes.push(['book_side', j.book_side]);
  }
  for (const field of ['outcome_side', 'purchased_side'] as const) {
    const v = j[field];
    if (v === undefined || v === null) continue;
    if (v !== 'yes' && v !== 'no') return { problem: `${field} ${JSON.stringify(v)} is not yes or no` };
    votes.push([field, v === 'yes' ? 'bid' : 'ask']);
  }
  if (j.side !== undefined && j.action !== undefined && j.side !== null && j.action !== null) {
    if ((j.side !== 'yes' && j.side !== 'no') || (j.action !== 'buy' && j.action !== 'sell')) return { problem: `side/action ${JSON.stringify(j.side)}/${JSON.stringify(j.action)} are not yes|no / buy|sell` };
    votes.push(['side+action', (j.side === 'yes') === (j.action === 'buy') ? 'bid' : 'ask']);
  }
  if (votes.length === 0) return { problem: 'no book_side, outcome_side, purchased_side or side+action' };
  const [first] = votes;
  const other = votes.find(([, v]) => v !== first![1]);
  if (other) return { problem: `${first![0]} says ${first![1]} but ${other[0]} says ${other[1]}` };
  return { side: first![1] };
}

/** Unix ms of a fill: `ts_ms`, else `created_time`, else `ts` (seconds). */
function fillTime(json: Record<string, unknown>): number | null {
  if (typeof json.ts_ms === 'number' && Number.isFinite(json.ts_ms)) return json.ts_ms;
  if (typeof json.created_time === 'string') {
    const t = Date.parse(json.created_time);
    if (Number.isFinite(t)) return t;
  }
  if (typeof json.ts === 'number' && Number.isFinite(json.ts)) return json.ts * 1000;
  return null;
}

/**
 * A Kalshi fill (REST `Fill` or the WebSocket `fill` message) → VenueFill, or why it is unusable.
 * `fillId` is the `trade_id`: the one id both the REST fill and the pushed fill carry.
 */
export function toVenueFill(raw: unknown, intentOf: (clientOrderId: string) => Intent | undefined): VenueFill | string {
  if (typeof raw !== 'object' || raw === null) return 'fill is not an object';
  const j = raw as Record<string, unknown>;
  const tradeId = str(j.trade_id);
  if (tradeId === '') return 'fill without trade_id';
  const orderId = str(j.order_id);
  const ticker = str(j.market_ticker) || str(j.ticker);
  if (ticker === '') return `fill ${tradeId} without a market ticker`;
  const sided = bookSideFrom(j);
  if ('problem' in sided) return `fill ${tradeId}: ${sided.problem}`;
  const bookSide = sided.side;
  const qty = countText(j.count_fp);
  if (qty === null) return `fill ${tradeId}: count_fp is not a fixed-point count`;
  const fee = dollarsMicros(j.fee_cost);
  if (fee === null) return `fill ${tradeId}: fee_cost is not a dollar amount`;
  const at = fillTime(j);
  if (at === null) return `fill ${tradeId}: no time`;
  const clientOrderId = str(j.client_order_id) || null;
  const intent = orient(bookSide, clientOrderId ? intentOf(clientOrderId) : undefined);
  const price = outcomePrice(j.yes_price_dollars, intent.outcome);
  if (price === null) return `fill ${tradeId}: yes_price_dollars is not a price`;
  return {
    fillId: tradeId,
    venueOrderId: orderId,
    clientOrderId,
    market: marketRef('kalshi', ticker),
    outcome: intent.outcome,
    side: intent.side,
    price,
    qty,
    fee: microsText(fee),
    reportedFee: microsText(fee),
    at,
    final: true,
    ...(typeof j.is_taker === 'boolean' ? { liquidity: j.is_taker ? ('taker' as const) : ('maker' as const) } : {}),
  };
}

export type OrderState = OrderLookup['state'];

export interface KalshiOrderJson {
  order_id?: unknown;
  client_order_id?: unknown;
  ticker?: unknown;
  book_side?: unknown;
  status?: unknown;
  yes_price_dollars?: unknown;
  fill_count_fp?: unknown;
  remaining_count_fp?: unknown;
  initial_count_fp?: unknown;
  taker_fill_cost_dollars?: unknown;
  maker_fill_cost_dollars?: unknown;
  taker_fees_dollars?: unknown;
  maker_fees_dollars?: unknown;
}

export function toOrderLookup(o: KalshiOrderJson): OrderLookup | string {
  const id = str(o.order_id);
  if (id === '') return 'order without order_id';
  const state = o.status === 'resting' || o.status === 'canceled' || o.status === 'executed' ? o.status : null;
  if (state === null) return `order ${id}: status ${JSON.stringify(o.status)} is not resting, canceled or executed`;
  const filled = countText(o.fill_count_fp);
  const remaining = countText(o.remaining_count_fp);
  if (filled === null || remaining === null) return `order ${id}: counts are not fixed-point`;
  return { venueOrderId: id, clientOrderId: str(o.client_order_id) || null, state, filledQty: filled, remainingQty: remaining };
}

export function toOpenOrder(o: KalshiOrderJson, intentOf: (clientOrderId: string) => Intent | undefined): OpenOrder | string {
  const id = str(o.order_id);
  if (id === '') return 'order without order_id';
  const ticker = str(o.ticker);
  const sided = bookSideFrom(o as Record<string, unknown>);
  if (ticker === '') return `order ${id}: no ticker`;
  if ('problem' in sided) return `order ${id}: ${sided.problem}`;
  const bookSide = sided.side;
  const cid = str(o.client_order_id) || null;
  const intent = orient(bookSide, cid ? intentOf(cid) : undefined);
  const price = outcomePrice(o.yes_price_dollars, intent.outcome);
  const remaining = countText(o.remaining_count_fp);
  if (price === null || remaining === null) return `order ${id}: price or remaining count malformed`;
  return { venueOrderId: id, clientOrderId: cid, market: marketRef('kalshi', ticker), outcome: intent.outcome, side: intent.side, price, remainingQty: remaining };
}

/** Σ qty × price / Σ qty of fills (prices on their own scale), 6 dp half-up; null for none. */
export function averagePrice(fills: readonly { qty: string; price: string }[]): string | null {
  let qty = new Decimal(0);
  let value = new Decimal(0);
  for (const f of fills) {
    qty = qty.plus(f.qty);
    value = value.plus(new Decimal(f.qty).times(f.price));
  }
  if (qty.isZero()) return null;
  return value.dividedBy(qty).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed();
}

export function sumMoney(values: readonly string[]): string {
  return values.reduce((acc, v) => acc.plus(v), new Decimal(0)).toFixed();
}
