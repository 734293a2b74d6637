// The loopback admin endpoint: inspect and change faults, drive the world clock, resolve
// markets, and read the simulator's truth over plain JSON. Routes are listed in README.md.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IDisposable } from '../../shared/lifecycle';
import { isSimVenue as isVenueId } from '../venues';
import { hostAllowed, hostPolicyFor, isLoopbackBind, sameOriginRequest, type HostPolicy } from '../../shared/requestGuard';
import { HttpError, json, queryString, Router, startHttpServer, type SimRequest, type SimResponse } from '../core/http';
import { parseDuration } from '../faults/spec';
import type { SimulatorHandle } from '../index';

export interface AdminServer extends IDisposable {
  readonly port: number;
  close(): Promise<void>;
}

const bad = (message: string) => new HttpError(400, 'bad_request', message);

function body(req: SimRequest): Record<string, unknown> {
  const b = req.json() ?? {};
  if (typeof b !== 'object' || Array.isArray(b)) throw bad('the body must be a JSON object');
  return b as Record<string, unknown>;
}

function specText(req: SimRequest): string {
  const b = body(req);
  if (typeof b.spec !== 'string') throw bad('spec must be a string, e.g. {"spec":"drop=0.01,latency=200ms"}');
  return b.spec;
}

function durationMs(v: unknown, field: string): number {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  if (typeof v === 'string') {
    try {
      return parseDuration(field, v);
    } catch (e) {
      throw bad((e as Error).message);
    }
  }
  throw bad(`${field} must be a number of ms or a duration like "5s"`);
}

function sameToken(given: string, expected: string): boolean {
  const digest = (t: string) => createHash('sha256').update(t).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export interface AdminServerOptions {
  handle: SimulatorHandle;
  host: string;
  port: number;
  /** Required of every request as `Authorization: Bearer <token>`; mandatory beyond loopback. */
  token?: string;
  log(line: string): void;
}

/**
 * The admin API changes what the simulated venues do (faults, the clock, settlement), so it takes
 * the same checks as `arbdesk serve`: the Host must be the address it listens on (no DNS
 * rebinding), a browser page of another origin is refused (no cross-site writes, whatever the
 * content type), and beyond loopback a token is required.
 */
function adminGuard(options: AdminServerOptions): { before(req: SimRequest): SimResponse | undefined; listening(port: number): void } {
  if (!isLoopbackBind(options.host) && options.token === undefined) {
    throw new Error(`the simulator's admin API needs a token to listen on ${options.host}`);
  }
  let policy: HostPolicy = hostPolicyFor(options.host, -1);
  let own = new Set<string>();
  const refuse = (status: number, error: string): SimResponse => ({ status, body: { error } });
  return {
    listening(port) {
      policy = hostPolicyFor(options.host, port);
      own = new Set([...policy.names].map((name) => `http://${name}:${port}`));
    },
    before(req) {
      const host = req.header('host');
      if (!hostAllowed(host, policy)) return refuse(403, 'host not served here');
      if (!sameOriginRequest({ origin: req.header('origin'), fetchSite: req.header('sec-fetch-site'), host }, own)) {
        return refuse(403, 'cross-origin requests are not accepted');
      }
      if (options.token !== undefined) {
        const given = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
        if (given === undefined || !sameToken(given, options.token)) return refuse(401, 'missing or invalid token');
      }
      return undefined;
    },
  };
}

export async function startAdminServer(options: AdminServerOptions): Promise<AdminServer> {
  const h = options.handle;
  const access = adminGuard(options);
  const r = new Router();
  const summary = () => ({
    seed: h.seed,
    worldMs: h.clock.worldMs,
    speed: h.clock.speed,
    running: h.clock.running,
    faults: h.faults.spec(),
    connections: h.connections(),
    traffic: h.traffic(),
    endpoints: {
      kalshi: { rest: h.endpoints.kalshi.rest, ws: h.endpoints.kalshi.ws },
      polymarket: { clob: h.endpoints.polymarket.clob, gamma: h.endpoints.polymarket.gamma, ws: h.endpoints.polymarket.ws, userWs: h.endpoints.polymarket.userWs },
    },
  });
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw bad(e instanceof Error ? e.message : String(e));
    }
  };

  r.get('/', () => json(summary()));
  r.get('/faults', () => json({ spec: h.faults.spec(), faults: h.faults.current() }));
  r.put('/faults', (req) => {
    const text = specText(req);
    guard(() => h.faults.set(text));
    return json({ spec: h.faults.spec() });
  });
  r.post('/faults', (req) => {
    const text = specText(req);
    guard(() => h.faults.merge(text));
    return json({ spec: h.faults.spec() });
  });
  r.delete('/faults', () => {
    h.faults.clear();
    return json({ spec: h.faults.spec() });
  });
  r.post('/drop', (req) => {
    const venue = body(req).venue;
    if (venue !== undefined && !isVenueId(venue)) throw bad('venue must be kalshi or polymarket');
    h.faults.dropConnections(venue);
    return json({ dropped: venue ?? 'all' });
  });
  r.post('/stall', (req) => {
    const b = body(req);
    if (!isVenueId(b.venue)) throw bad('venue must be kalshi or polymarket');
    const ms = durationMs(b.ms ?? b.duration, 'ms');
    h.faults.stall(b.venue, ms);
    return json({ stalled: b.venue, ms });
  });
  r.post('/clock', (req) => {
    const b = body(req);
    if (b.speed !== undefined) {
      if (typeof b.speed !== 'number') throw bad('speed must be a number');
      guard(() => h.clock.setSpeed(b.speed as number));
    }
    if (b.running === true) h.clock.resume();
    if (b.running === false) h.clock.pause();
    return json(summary());
  });
  r.post('/step', (req) => {
    const b = body(req);
    const ms = b.ms === undefined ? undefined : durationMs(b.ms, 'ms');
    guard(() => h.clock.step(ms));
    return json({ worldMs: h.clock.worldMs });
  });
  r.post('/resolve', (req) => {
    const b = body(req);
    if (typeof b.group !== 'string') throw bad('group must be a group id from /truth/catalog');
    const how: { winner?: string; level?: number; result?: 'yes' | 'no' } = {};
    if (b.winner !== undefined) {
      if (typeof b.winner !== 'string') throw bad('winner must be a proposition id');
      how.winner = b.winner;
    }
    if (b.level !== undefined) {
      if (typeof b.level !== 'number' || !Number.isFinite(b.level)) throw bad('level must be a number');
      how.level = b.level;
    }
    if (b.result !== undefined) {
      if (b.result !== 'yes' && b.result !== 'no') throw bad('result must be yes or no');
      how.result = b.result;
    }
    return json({ results: guard(() => h.resolve(b.group as string, how)) });
  });

  r.post('/rules', (req) => {
    const b = body(req);
    if (typeof b.market !== 'string') throw bad('market must be a market ref from /truth/catalog, e.g. "kalshi:KXFEDDECISION-31MAR-H0"');
    if (b.rules !== undefined && typeof b.rules !== 'string') throw bad('rules must be a string (omit it to append an amendment)');
    const market = b.market;
    const text = b.rules as string | undefined;
    return json({ market, rules: guard(() => h.amendRules(market, text)) });
  });

  r.post('/polymarket/allowance', (req) => {
    const b = body(req);
    if (typeof b.address !== 'string') throw bad('address must be a wallet address');
    if (b.dollars !== null && typeof b.dollars !== 'string') throw bad('dollars must be a dollar amount such as "500", or null for the maximum approval');
    guard(() => h.approvePolymarket(b.address as string, b.dollars as string | null));
    return json(h.truth.polymarket.balances(b.address));
  });

  r.post('/polymarket-us/dislocate', (req) => {
    const b = body(req);
    if (typeof b.slug !== 'string' || !h.polymarketUs.listings.some((l) => l.slug === b.slug)) throw bad('slug must be a Polymarket US market slug from /truth/relations (polymarketUsEquivalent)');
    if (b.direction !== 'cheap_no' && b.direction !== 'cheap_yes') throw bad('direction must be cheap_no or cheap_yes');
    const ms = b.ms === undefined ? 10_000 : durationMs(b.ms, 'ms');
    h.polymarketUs.dislocate(b.slug, b.direction, ms);
    return json({ slug: b.slug, direction: b.direction, ms });
  });

  const t = h.truth;
  r.get('/truth/catalog', () => json(t.catalog()));
  // `equivalentRefs`: the same pairs as market references, for clients that name no venue.
  // Polymarket US lists the same propositions as Kalshi (its own slugs): its pairs are true links too.
  r.get('/truth/relations', () => {
    const relations = t.relations();
    const pmUs = h.polymarketUs.equivalent();
    return json({
      ...relations,
      polymarketUsEquivalent: pmUs,
      equivalentRefs: [...relations.equivalent.map(([k, p]) => [`kalshi:${k}`, `polymarket:${p}`]), ...pmUs.map(([k, slug]) => [`kalshi:${k}`, `polymarket-us:${slug}`])],
    });
  });
  r.get('/truth/dislocations', () => json(t.dislocations()));
  r.get('/truth/kalshi/book', (req) => json(guard(() => t.kalshi.book(queryString(req, 'ticker') ?? ''))));
  r.get('/truth/kalshi/fills', (req) => json(guard(() => t.kalshi.fills(queryString(req, 'user')))));
  r.get('/truth/kalshi/orders', (req) => json(guard(() => (queryString(req, 'resting') === 'true' ? t.kalshi.restingOrders(queryString(req, 'user')) : t.kalshi.orders(queryString(req, 'user'))))));
  r.get('/truth/kalshi/positions', (req) => json(guard(() => t.kalshi.positions(queryString(req, 'user')))));
  r.get('/truth/kalshi/balance', (req) => json({ balance: guard(() => t.kalshi.balance(queryString(req, 'user'))) }));
  r.get('/truth/polymarket/book', (req) => json(guard(() => t.polymarket.book(queryString(req, 'token_id') ?? ''))));
  r.get('/truth/polymarket/trades', (req) => json(t.polymarket.trades(queryString(req, 'address'))));
  r.get('/truth/polymarket/orders', (req) =>
    json(queryString(req, 'resting') === 'true' ? t.polymarket.restingOrders(queryString(req, 'address')) : t.polymarket.orders(queryString(req, 'address'))),
  );
  r.get('/truth/polymarket/balances', (req) => json(t.polymarket.balances(queryString(req, 'address'))));

  const server = await startHttpServer(
    {
      router: r,
      latencyMs: () => 0,
      renderError: (e) => ({ status: e.status, body: { error: e.message } }),
      before: (req) => access.before(req),
      log: options.log,
    },
    options.host,
    options.port,
  );
  access.listening(server.port);
  return { port: server.port, close: () => server.close(), dispose: () => void server.close() };
}

