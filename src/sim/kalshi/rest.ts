// Kalshi REST routes under /trade-api/v2: market data, the V2 order API and the portfolio.
// Request validation names the offending field and answers in Kalshi's error shape.
import { parsePrice, parseQty, PRICE_ONE, type Micros, type Price, type Qty } from '../../shared/units';
import { HttpError, json, queryBool, queryInt, queryString, Router, type SimRequest, type SimResponse } from '../core/http';
import { paginate } from '../core/paging';
import { kalshiCount, kalshiMoney } from '../core/format';
import type { KalshiExchange, KalshiOrderRequest } from './exchange';
import type { KalshiAccount, KalshiMarketState, TimeInForce } from './types';
import {
  averageDollars,
  eventJson,
  fillJson,
  marketJson,
  orderbookLevels,
  orderJson,
  positionJson,
  seriesJson,
  settlementJson,
  tradeJson,
} from './wire';
import type { KalshiTrade } from './types';
import type { KalshiEvent } from '../world/types';

export interface KalshiRestContext {
  exchange: KalshiExchange;
  now(): number;
  /** The authenticated account of a request (set by the server's auth step). */
  accountOf(req: SimRequest): KalshiAccount | undefined;
  recentTrades(): readonly KalshiTrade[];
  /** Whether this answer goes out in a published variant shape (the `variants` fault). */
  vary?(): boolean;
}

const invalid = (message: string) => new HttpError(400, 'invalid_parameters', message);
const missing = (message: string) => new HttpError(400, 'missing_parameters', message);

// A Map, not an object literal: a query value such as "valueOf" must not find Object.prototype.
const STATUS_FILTER = new Map<string, KalshiMarketState['status'][]>([
  ['unopened', []],
  ['open', ['active']],
  ['paused', ['inactive']],
  ['closed', ['closed', 'determined']],
  ['settled', ['finalized']],
]);

function listParam(req: SimRequest, name: string): string[] | undefined {
  const v = queryString(req, name);
  if (v === undefined) return undefined;
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0 || items.length > 1000) throw invalid(`${name} must be a comma-separated list`);
  return items;
}

function pageOf<T>(items: readonly T[], req: SimRequest, maxLimit: number, defaultLimit: number): { page: T[]; cursor: string } {
  const limit = queryInt(req, 'limit', 1, maxLimit, defaultLimit, invalid);
  const paged = paginate(items, queryString(req, 'cursor'), limit);
  if (!paged) throw invalid('cursor is not valid');
  return { page: paged.page, cursor: paged.next ?? '' };
}

function statusFilter(req: SimRequest): Set<string> | undefined {
  const list = listParam(req, 'status');
  if (!list) return undefined;
  const out = new Set<string>();
  for (const s of list) {
    const mapped = STATUS_FILTER.get(s);
    if (!mapped) throw invalid(`status must be one of unopened, open, paused, closed, settled; got "${s}"`);
    for (const m of mapped) out.add(m);
  }
  return out;
}

export function createKalshiRouter(ctx: KalshiRestContext): Router {
  const { exchange } = ctx;
  const r = new Router();
  const universe = () => [...exchange.markets.values()];
  const universeEvents = () => exchange.universe.kalshi.events;
  const eventsByTicker = new Map<string, KalshiEvent>();
  for (const e of universeEvents()) eventsByTicker.set(e.eventTicker, e);
  const market = (ticker: string) => {
    const m = exchange.markets.get(ticker);
    if (!m) throw new HttpError(404, 'not_found', `market ${ticker} not found`);
    return m;
  };
  const auth = (req: SimRequest) => {
    const a = ctx.accountOf(req);
    if (!a) throw new HttpError(401, 'authentication_error', 'authentication required');
    return a;
  };

  // ------------------------------------------------------------ exchange, series, markets
  r.get('/exchange/status', () => json({ exchange_active: true, trading_active: true, exchange_estimated_resume_time: null }));
  r.get('/series', () => json({ series: exchange.universe.kalshi.series.map(seriesJson) }));
  r.get('/series/:series_ticker', (_req, p) => {
    const s = exchange.universe.kalshi.series.find((x) => x.ticker === p.series_ticker);
    if (!s) throw new HttpError(404, 'not_found', `series ${p.series_ticker} not found`);
    return json({ series: seriesJson(s) });
  });

  r.get('/markets', (req) => {
    const status = statusFilter(req);
    const events = listParam(req, 'event_ticker');
    const series = queryString(req, 'series_ticker');
    const tickers = listParam(req, 'tickers');
    const minClose = queryInt(req, 'min_close_ts', 0, 1e12, 0, invalid);
    const maxClose = queryInt(req, 'max_close_ts', 0, 1e12, 1e12, invalid);
    const mve = queryString(req, 'mve_filter');
    if (mve !== undefined && mve !== 'only' && mve !== 'exclude') throw invalid('mve_filter must be only or exclude');
    const now = ctx.now();
    const items = universe().filter((m) => {
      const l = m.listing;
      if (mve === 'only') return false;
      if (status && !status.has(m.status)) return false;
      if (events && !events.includes(l.eventTicker)) return false;
      if (series && l.seriesTicker !== series) return false;
      if (tickers && !tickers.includes(l.ticker)) return false;
      const closeSec = Math.floor(l.closeTime / 1000);
      return closeSec >= minClose && closeSec <= maxClose;
    });
    const { page, cursor } = pageOf(items, req, 1000, 100);
    return json({ markets: page.map((m) => marketJson(m, now)), cursor });
  });

  r.get('/markets/orderbooks', (req) => {
    const tickers = listParam(req, 'tickers');
    if (!tickers) throw missing('tickers is required');
    if (tickers.length > 100) throw invalid('at most 100 tickers');
    return json({
      orderbooks: tickers.map((t) => {
        const levels = orderbookLevels(market(t).book);
        return { ticker: t, orderbook_fp: { yes_dollars: levels.yes, no_dollars: levels.no } };
      }),
    });
  });

  r.get('/markets/trades', (req) => {
    const ticker = queryString(req, 'ticker');
    const minTs = queryInt(req, 'min_ts', 0, 1e12, 0, invalid);
    const maxTs = queryInt(req, 'max_ts', 0, 1e12, 1e12, invalid);
    const items = [...ctx.recentTrades()]
      .reverse()
      .filter((t) => (!ticker || t.ticker === ticker) && t.ts / 1000 >= minTs && t.ts / 1000 <= maxTs);
    const { page, cursor } = pageOf(items, req, 1000, 100);
    return json({ trades: page.map(tradeJson), cursor });
  });

  r.get('/markets/:ticker', (_req, p) => json({ market: marketJson(market(p.ticker!), ctx.now()) }));

  r.get('/markets/:ticker/orderbook', (req, p) => {
    const depth = queryInt(req, 'depth', 0, 100, 0, invalid);
    const levels = orderbookLevels(market(p.ticker!).book, depth);
    return json({ orderbook_fp: { yes_dollars: levels.yes, no_dollars: levels.no } });
  });

  r.get('/events', (req) => {
    const nested = queryBool(req, 'with_nested_markets', invalid) ?? false;
    const status = statusFilter(req);
    const series = queryString(req, 'series_ticker');
    const now = ctx.now();
    const items = universeEvents().filter((e) => {
      if (series && e.seriesTicker !== series) return false;
      if (status && !e.marketTickers.some((t) => status.has(exchange.markets.get(t)!.status))) return false;
      return true;
    });
    const { page, cursor } = pageOf(items, req, 200, 200);
    return json({
      events: page.map((e) => eventJson(e, nested ? e.marketTickers.map((t) => marketJson(exchange.markets.get(t)!, now)) : undefined)),
      cursor,
      milestones: [],
    });
  });

  r.get('/events/:event_ticker', (req, p) => {
    const e = eventsByTicker.get(p.event_ticker!);
    if (!e) throw new HttpError(404, 'not_found', `event ${p.event_ticker} not found`);
    const nested = queryBool(req, 'with_nested_markets', invalid) ?? false;
    const markets = e.marketTickers.map((t) => marketJson(exchange.markets.get(t)!, ctx.now()));
    return json({ event: eventJson(e, nested ? markets : undefined), markets });
  });

  // ------------------------------------------------------------ portfolio
  r.get('/portfolio/balance', (req) => {
    const a = auth(req);
    return json({
      balance: Math.floor(a.balance / 10_000),
      balance_dollars: kalshiMoney(a.balance),
      portfolio_value: Math.floor(portfolioValue(exchange, a) / 10_000),
      updated_ts: Math.floor(ctx.now() / 1000),
    });
  });

  r.get('/portfolio/positions', (req) => {
    const a = auth(req);
    const ticker = queryString(req, 'ticker');
    const events = listParam(req, 'event_ticker');
    const filters = listParam(req, 'count_filter') ?? [];
    for (const f of filters) if (f !== 'position' && f !== 'total_traded') throw invalid('count_filter must be position and/or total_traded');
    const resting = new Map<string, number>();
    for (const o of a.orders.values()) if (o.status === 'resting') resting.set(o.ticker, (resting.get(o.ticker) ?? 0) + 1);
    const positions = [...a.positions.values()].filter((p) => {
      const m = exchange.markets.get(p.ticker)!;
      if (ticker && p.ticker !== ticker) return false;
      if (events && !events.includes(m.listing.eventTicker)) return false;
      if (filters.includes('position') && p.position === 0) return false;
      if (filters.includes('total_traded') && p.totalTraded === 0) return false;
      return p.position !== 0 || p.totalTraded !== 0 || resting.has(p.ticker);
    });
    const { page, cursor } = pageOf(positions, req, 1000, 100);
    const byEvent = new Map<string, { cost: number; shares: number; pnl: number; fees: number }>();
    for (const p of positions) {
      const ev = exchange.markets.get(p.ticker)!.listing.eventTicker;
      const agg = byEvent.get(ev) ?? { cost: 0, shares: 0, pnl: 0, fees: 0 };
      agg.cost += p.cost;
      agg.shares += Math.abs(p.position);
      agg.pnl += p.realizedPnl;
      agg.fees += p.feesPaid;
      byEvent.set(ev, agg);
    }
    return json({
      market_positions: page.map((p) => positionJson(p, resting.get(p.ticker) ?? 0)),
      event_positions: [...byEvent].map(([ev, agg]) => ({
        event_ticker: ev,
        total_cost_dollars: kalshiMoney(agg.cost),
        total_cost_shares_fp: kalshiCount(agg.shares as Qty),
        event_exposure_dollars: kalshiMoney(agg.cost),
        realized_pnl_dollars: kalshiMoney(agg.pnl),
        fees_paid_dollars: kalshiMoney(agg.fees),
      })),
      cursor,
    });
  });

  r.get('/portfolio/orders', (req) => {
    const a = auth(req);
    const ticker = queryString(req, 'ticker');
    const events = listParam(req, 'event_ticker');
    const status = queryString(req, 'status');
    if (status !== undefined && !['resting', 'canceled', 'executed'].includes(status)) throw invalid('status must be resting, canceled or executed');
    const minTs = queryInt(req, 'min_ts', 0, 1e12, 0, invalid);
    const maxTs = queryInt(req, 'max_ts', 0, 1e12, 1e12, invalid);
    const items = [...a.orders.values()].reverse().filter((o) => {
      if (ticker && o.ticker !== ticker) return false;
      if (events && !events.includes(exchange.markets.get(o.ticker)!.listing.eventTicker)) return false;
      if (status && o.status !== status) return false;
      return o.createdAt / 1000 >= minTs && o.createdAt / 1000 <= maxTs;
    });
    const { page, cursor } = pageOf(items, req, 1000, 100);
    return json({ orders: page.map(orderJson), cursor });
  });

  r.get('/portfolio/orders/:order_id', (req, p) => {
    const o = auth(req).orders.get(p.order_id!);
    if (!o) throw new HttpError(404, 'not_found', 'order not found');
    return json({ order: orderJson(o) });
  });

  r.get('/portfolio/fills', (req) => {
    const a = auth(req);
    const ticker = queryString(req, 'ticker');
    const orderId = queryString(req, 'order_id');
    const minTs = queryInt(req, 'min_ts', 0, 1e12, 0, invalid);
    const maxTs = queryInt(req, 'max_ts', 0, 1e12, 1e12, invalid);
    const items = [...a.fills].reverse().filter((f) => {
      if (ticker && f.ticker !== ticker) return false;
      if (orderId && f.orderId !== orderId) return false;
      return f.ts / 1000 >= minTs && f.ts / 1000 <= maxTs;
    });
    const { page, cursor } = pageOf(items, req, 1000, 100);
    return json({ fills: page.map((f) => fillJson(f, ctx.vary?.() ? 'legacy' : 'v2')), cursor });
  });

  r.get('/portfolio/settlements', (req) => {
    const a = auth(req);
    const { page, cursor } = pageOf([...a.settlements].reverse(), req, 1000, 100);
    return json({ settlements: page.map(settlementJson), cursor });
  });

  r.post('/portfolio/events/orders', (req) => createOrder(ctx, auth(req), req));

  r.delete('/portfolio/events/orders/:order_id', (req, p) => {
    const a = auth(req);
    const { order, reducedBy } = exchange.cancelOrder(a, p.order_id!);
    return json({ order_id: order.orderId, client_order_id: order.clientOrderId, reduced_by: kalshiCount(reducedBy), ts_ms: ctx.now() });
  });

  r.delete('/portfolio/events/orders', (req) => {
    exchange.cancelAll(auth(req));
    return { status: 204 };
  });

  r.post('/portfolio/orders', () => {
    throw new HttpError(410, 'deprecated_v1_order_endpoint', 'this endpoint is deprecated; use POST /portfolio/events/orders');
  });

  return r;
}

function portfolioValue(exchange: KalshiExchange, a: KalshiAccount): number {
  let value = 0;
  for (const p of a.positions.values()) {
    if (p.position === 0) continue;
    const book = exchange.markets.get(p.ticker)!.book;
    if (p.position > 0) value += p.position * (book.best('bid')?.price ?? 0);
    else value += -p.position * (PRICE_ONE - (book.best('ask')?.price ?? PRICE_ONE));
  }
  return value;
}

const TIF = new Set<TimeInForce>(['good_till_canceled', 'immediate_or_cancel', 'fill_or_kill']);

function createOrder(ctx: KalshiRestContext, account: KalshiAccount, req: SimRequest): SimResponse {
  const body = req.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('request body must be a JSON object');
  const b = body as Record<string, unknown>;
  const str = (name: string, required: boolean): string | undefined => {
    const v = b[name];
    if (v === undefined || v === null) {
      if (required) throw missing(`${name} is required`);
      return undefined;
    }
    if (typeof v !== 'string') throw invalid(`${name} must be a string`);
    return v;
  };
  const bool = (name: string): boolean => {
    const v = b[name];
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') throw invalid(`${name} must be a boolean`);
    return v;
  };
  const ticker = str('ticker', true)!;
  if (ticker.length === 0 || ticker.length > 200) throw invalid('ticker must be a market ticker');
  const side = str('side', true)!;
  if (side !== 'bid' && side !== 'ask') throw invalid('side must be bid or ask');
  const countText = str('count', true)!;
  const count = parseQty(countText);
  if (!count.ok || count.value <= 0) throw invalid('count must be a fixed-point count string with at most 2 decimals, at least 0.01');
  const priceText = str('price', true)!;
  const price = parsePrice(priceText);
  if (!price.ok || price.value <= 0 || price.value >= PRICE_ONE) throw invalid('price must be a dollar string between 0 and 1 with at most 4 decimals');
  const tif = str('time_in_force', true)! as TimeInForce;
  if (!TIF.has(tif)) throw invalid('time_in_force must be good_till_canceled, immediate_or_cancel or fill_or_kill');
  const stp = str('self_trade_prevention_type', true)!;
  if (stp !== 'taker_at_cross' && stp !== 'maker') throw invalid('self_trade_prevention_type must be taker_at_cross or maker');
  const clientOrderId = str('client_order_id', false) ?? null;
  if (clientOrderId !== null && (clientOrderId.length === 0 || clientOrderId.length > 100)) throw invalid('client_order_id must be 1 to 100 characters');
  const postOnly = bool('post_only');
  const reduceOnly = bool('reduce_only');
  bool('cancel_order_on_pause');
  if (reduceOnly && tif !== 'immediate_or_cancel') throw invalid('reduce_only is only valid with immediate_or_cancel');
  if (postOnly && tif !== 'good_till_canceled') throw invalid('post_only is only valid with good_till_canceled');
  let expirationTime: number | null = null;
  if (b.expiration_time !== undefined && b.expiration_time !== null) {
    if (!Number.isSafeInteger(b.expiration_time) || (b.expiration_time as number) <= 0) throw invalid('expiration_time must be Unix seconds');
    if (tif !== 'good_till_canceled') throw invalid('expiration_time is only valid with good_till_canceled');
    expirationTime = (b.expiration_time as number) * 1000;
    if (expirationTime <= ctx.now()) throw invalid('expiration_time must be in the future');
  }
  if (b.subaccount !== undefined && b.subaccount !== null && b.subaccount !== 0) throw invalid('subaccount must be 0 (subaccounts are not simulated)');
  if (b.order_group_id !== undefined && b.order_group_id !== null) throw invalid('order groups are not simulated');
  const request: KalshiOrderRequest = {
    ticker,
    side,
    count: count.value,
    price: price.value as Price,
    timeInForce: tif,
    selfTradePrevention: stp,
    clientOrderId,
    postOnly,
    reduceOnly,
    expirationTime,
  };
  const { order, fills } = ctx.exchange.placeOrder(account, request);
  const filledQty = fills.reduce((s, f) => s + f.count, 0);
  const totalFee = fills.reduce((s, f) => s + f.fee, 0);
  const avgPrice = averageDollars(
    fills.map((f) => ({ qty: f.count, value: f.count * f.yesPrice })),
    4,
  );
  const body201: Record<string, unknown> = {
    order_id: order.orderId,
    client_order_id: order.clientOrderId,
    fill_count: kalshiCount(order.filled),
    remaining_count: kalshiCount(order.remaining),
    ts_ms: ctx.now(),
  };
  if (avgPrice !== undefined) {
    body201.average_fill_price = avgPrice;
    // Fee per whole contract, micros: totalFee / (filledQty / 100).
    body201.average_fee_paid = kalshiMoney(Math.round((totalFee * 100) / filledQty) as Micros);
  }
  return json(body201, 201);
}
