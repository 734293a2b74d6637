// Gamma, the market-metadata API, on its own port: /events and /markets with limit/offset
// pagination and the real API's filters, markets carrying their JSON-encoded string fields.
import type { IDisposable } from '../../shared/lifecycle';
import { HttpError, json, queryBool, queryInt, queryString, Router, startHttpServer, type SimRequest } from '../core/http';
import type { FaultController } from '../faults/controller';
import type { PolymarketEvent } from '../world/types';
import type { PolymarketExchange } from './exchange';
import type { PolyMarketState } from './types';
import type { WindowLimiter } from './rateLimit';
import { gammaEventJson, gammaMarketJson } from './wire';

export interface GammaServer extends IDisposable {
  readonly port: number;
  close(): Promise<void>;
}

const invalid = (message: string) => new HttpError(400, 'bad_request', message);

export async function startGammaServer(options: { exchange: PolymarketExchange; faults: FaultController; host: string; port: number; log(line: string): void; limiter?: WindowLimiter }): Promise<GammaServer> {
  const { exchange } = options;
  const events = exchange.universe.polymarket.events;
  const eventOf = new Map<string, PolymarketEvent>();
  for (const e of events) for (const c of e.conditionIds) eventOf.set(c, e);
  const marketJson = (m: PolyMarketState) => {
    const e = eventOf.get(m.listing.conditionId)!;
    const j = gammaMarketJson(m, e, e.conditionIds.indexOf(m.listing.conditionId));
    // As a variant, a market that says nothing about neg-risk (the connector must find out).
    if (!m.listing.negRisk && options.faults.shouldVary('polymarket')) delete j.negRisk;
    return j;
  };
  const eventJson = (e: PolymarketEvent) => {
    const markets = e.conditionIds.map((c) => exchange.markets.get(c)!);
    return gammaEventJson(e, markets.map(marketJson), markets.every((m) => m.closed));
  };
  const allMarkets = () => [...exchange.markets.values()];
  const list = (req: SimRequest, name: string) => req.query.getAll(name).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  const window = <T>(req: SimRequest, items: T[]) => {
    const limit = queryInt(req, 'limit', 0, 1000, 500, invalid);
    const offset = queryInt(req, 'offset', 0, 1_000_000, 0, invalid);
    return items.slice(offset, offset + limit);
  };
  /** The request's active/closed/archived filter, its query read once (not once per market: at the whole universe that was 15% of the simulator's CPU). */
  const stateFilter = (req: SimRequest): ((closed: boolean) => boolean) => {
    const active = queryBool(req, 'active', invalid);
    const wantClosed = queryBool(req, 'closed', invalid);
    const archived = queryBool(req, 'archived', invalid);
    return (closed) => {
      if (active !== undefined && active === closed) return false;
      if (wantClosed !== undefined && wantClosed !== closed) return false;
      if (archived === true) return false;
      return true;
    };
  };
  const setOf = (values: string[]) => (values.length === 0 ? null : new Set(values));
  const ascending = (req: SimRequest) => queryBool(req, 'ascending', invalid) ?? false;

  const r = new Router();
  r.get('/events', (req) => {
    const ids = setOf(list(req, 'id'));
    const slugs = setOf(list(req, 'slug'));
    const tag = queryString(req, 'tag_slug');
    const inState = stateFilter(req);
    let items = events.filter((e) => {
      const closed = e.conditionIds.every((c) => exchange.markets.get(c)!.closed);
      return inState(closed) && (!ids || ids.has(e.id)) && (!slugs || slugs.has(e.slug)) && (!tag || e.category.toLowerCase() === tag);
    });
    const order = queryString(req, 'order');
    if (order === 'end_date' || order === 'endDate') {
      const dir = ascending(req) ? 1 : -1;
      items = [...items].sort((a, b) => dir * (a.endDate - b.endDate));
    }
    return json(window(req, items).map(eventJson));
  });
  r.get('/events/slug/:slug', (_req, p) => {
    const e = events.find((x) => x.slug === p.slug);
    if (!e) throw new HttpError(404, 'not_found', 'event not found');
    return json(eventJson(e));
  });
  r.get('/events/:id', (_req, p) => {
    const e = events.find((x) => x.id === p.id);
    if (!e) throw new HttpError(404, 'not_found', 'event not found');
    return json(eventJson(e));
  });
  r.get('/markets', (req) => {
    const ids = setOf(list(req, 'id'));
    const slugs = setOf(list(req, 'slug'));
    const conditions = setOf(list(req, 'condition_ids').map((c) => c.toLowerCase()));
    const tokens = setOf(list(req, 'clob_token_ids'));
    const inState = stateFilter(req);
    const items = allMarkets().filter((m) => {
      const l = m.listing;
      return (
        inState(m.closed) &&
        (!ids || ids.has(l.gammaId)) &&
        (!slugs || slugs.has(l.slug)) &&
        (!conditions || conditions.has(l.conditionId.toLowerCase())) &&
        (!tokens || tokens.has(l.yesTokenId) || tokens.has(l.noTokenId))
      );
    });
    return json(window(req, items).map(marketJson));
  });
  r.get('/markets/slug/:slug', (_req, p) => {
    const m = allMarkets().find((x) => x.listing.slug === p.slug);
    if (!m) throw new HttpError(404, 'not_found', 'market not found');
    return json(marketJson(m));
  });
  r.get('/markets/:id', (_req, p) => {
    const m = allMarkets().find((x) => x.listing.gammaId === p.id);
    if (!m) throw new HttpError(404, 'not_found', 'market not found');
    return json(marketJson(m));
  });

  const server = await startHttpServer(
    {
      router: r,
      latencyMs: () => options.faults.latencyMs('polymarket'),
      renderError: (e) => ({ status: e.status, body: { type: e.status >= 500 ? 'internal error' : 'bad request', error: e.message } }),
      before: (req) => (options.limiter && !options.limiter.allow(req.path) ? { status: 429, body: { error: 'Too Many Requests' } } : undefined),
      log: options.log,
    },
    options.host,
    options.port,
  );
  return { port: server.port, close: () => server.close(), dispose: () => void server.close() };
}
