// Polymarket US's REST API on the simulator: the public gateway (markets, book, settlement) and the
// signed API (orders, cancels, portfolio, balances), in the docs' paths and shapes (next-venues.md
// §1.4-1.8; SDK 0.1.1 dist/index.js:145-250 names the same paths).
import { parseScaled, type Price } from '../../shared/units';
import { HttpError, json, queryInt, Router, type SimRequest } from '../core/http';
import type { Intent, PmUsExchange, SimAccount, Tif } from './exchange';
import { balancesJson, executionJson, marketDataJson, marketJson, orderJson, positionsJson } from './wire';

const bad = (message: string) => new HttpError(400, 'bad_request', message);
const INTENTS = new Set(['ORDER_INTENT_BUY_LONG', 'ORDER_INTENT_SELL_LONG', 'ORDER_INTENT_BUY_SHORT', 'ORDER_INTENT_SELL_SHORT']);
const TIFS = new Set(['TIME_IN_FORCE_GOOD_TILL_CANCEL', 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL', 'TIME_IN_FORCE_FILL_OR_KILL', 'TIME_IN_FORCE_DAY', 'TIME_IN_FORCE_GOOD_TILL_DATE']);

export function gatewayRouter(x: PmUsExchange, now: () => number): Router {
  const r = new Router();
  r.get('/v1/markets', (req) => {
    const limit = queryInt(req, 'limit', 1, 1000, 100, bad);
    const offset = queryInt(req, 'offset', 0, 1_000_000, 0, bad);
    const active = req.query.get('active');
    const closed = req.query.get('closed');
    const all = [...x.listings.values()].filter((l) => {
      const settled = x.status(l.slug) === 'settled';
      return (active !== 'true' || !settled) && (closed !== 'false' || !settled);
    });
    return json({ markets: all.slice(offset, offset + limit).map((l) => marketJson(x, l)) });
  });
  r.get('/v1/market/slug/:slug', (_req, p) => {
    const l = x.listings.get(p.slug!);
    if (!l) throw new HttpError(404, 'not_found', `market ${p.slug} not found`);
    return json({ market: marketJson(x, l) });
  });
  r.get('/v1/markets/:slug/book', (_req, p) => {
    if (!x.listings.has(p.slug!)) throw new HttpError(404, 'not_found', `market ${p.slug} not found`);
    return json({ marketData: marketDataJson(x, p.slug!, now()) });
  });
  r.get('/v1/markets/:slug/settlement', (_req, p) => {
    const s = x.result(p.slug!);
    if (!s) throw new HttpError(404, 'not_found', `market ${p.slug} has not settled`);
    return json({ marketSlug: p.slug, settlementPrice: { value: s.result === 'yes' ? '1' : '0', currency: 'USD' }, settledAt: new Date(s.at).toISOString() });
  });
  return r;
}

/** A JSON number or decimal string of at most `decimals` places, scaled; null when absent or bad. */
function scaled(v: unknown, decimals: number): number | null {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : null;
  if (text === null) return null;
  const r = parseScaled(text, decimals);
  return r.ok ? r.value : null;
}

export function apiRouter(x: PmUsExchange, accountOf: (req: SimRequest) => SimAccount): Router {
  const r = new Router();
  r.post('/v1/orders', (req) => {
    const b = req.json() as Record<string, unknown> | undefined;
    if (typeof b !== 'object' || b === null) throw bad('body must be a CreateOrderRequest');
    if (typeof b.marketSlug !== 'string' || !b.marketSlug) throw bad('marketSlug is required');
    if (typeof b.intent !== 'string' || !INTENTS.has(b.intent)) throw bad('intent must be an ORDER_INTENT_* value');
    const type = b.type ?? 'ORDER_TYPE_LIMIT';
    if (type !== 'ORDER_TYPE_LIMIT') throw bad('only limit orders are simulated');
    const tif = (b.tif ?? 'TIME_IN_FORCE_GOOD_TILL_CANCEL') as string;
    if (!TIFS.has(tif)) throw bad('tif must be a TIME_IN_FORCE_* value');
    if (typeof b.price !== 'object' || b.price === null) throw bad('price is required for limit orders');
    // Extra precision is normalised away by the venue only when it is zeros: a finer price is off every tick.
    const price = scaled((b.price as { value?: unknown }).value, 4);
    const qty = scaled(b.quantity, 2);
    const { order, executions } = x.place(accountOf(req), {
      slug: b.marketSlug, intent: b.intent as Intent, price: price as Price | null, qty, tif: tif as Tif, postOnly: b.participateDontInitiate === true,
    });
    return json({ id: order.id, ...(b.synchronousExecution === true ? { executions: executions.map(executionJson) } : {}) });
  });
  r.get('/v1/orders/open', (req) => json({ orders: x.openOrders(accountOf(req), req.query.getAll('slugs')).map(orderJson) }));
  r.get('/v1/order/:id', (req, p) => {
    const o = x.orders.get(p.id!);
    if (!o || o.account !== accountOf(req).keyId) throw new HttpError(404, 'not_found', `order ${p.id} not found`);
    return json({ order: orderJson(o) });
  });
  r.post('/v1/order/:id/cancel', (req, p) => {
    const b = req.json() as { marketSlug?: unknown } | undefined;
    if (typeof b?.marketSlug !== 'string' || !b.marketSlug) throw bad('marketSlug is required');
    const r2 = x.cancel(accountOf(req), p.id!, b.marketSlug);
    if (r2 === 'not_found') throw new HttpError(404, 'not_found', `order ${p.id} not found`);
    if (r2 === 'wrong_market') throw bad(`order ${p.id} is not in market ${b.marketSlug}`);
    return json({});
  });
  r.post('/v1/orders/open/cancel', (req) => {
    const b = (req.json() ?? {}) as { slugs?: unknown };
    const slugs = Array.isArray(b.slugs) ? b.slugs.filter((s): s is string => typeof s === 'string') : undefined;
    const account = accountOf(req);
    const ids = x.openOrders(account, slugs).map((o) => (x.cancel(account, o.id, o.slug), o.id));
    return json({ canceledOrderIds: ids });
  });
  r.get('/v1/portfolio/positions', (req) => json(positionsJson(accountOf(req))));
  r.get('/v1/account/balances', (req) => json(balancesJson(accountOf(req))));
  return r;
}
