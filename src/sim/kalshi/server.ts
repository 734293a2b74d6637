// The Kalshi venue on its own port: REST under /trade-api/v2 and the WebSocket at
// /trade-api/ws/v2, so clients sign exactly the paths they sign in production.
import type { IDisposable } from '../../shared/lifecycle';
import { startHttpServer, type HttpError, type RunningServer, type SimRequest } from '../core/http';
import type { FaultController } from '../faults/controller';
import { hasAnyAuthHeader, verifyKalshiRequest, type KalshiAuthWindow } from './auth';
import type { KalshiExchange } from './exchange';
import { KalshiRateLimiter, type KalshiRateLimit } from './rateLimit';
import { createKalshiRouter } from './rest';
import type { KalshiAccount, KalshiTrade } from './types';
import { KalshiWsServer } from './ws';

export const KALSHI_REST_PREFIX = '/trade-api/v2';

export interface KalshiServerOptions {
  exchange: KalshiExchange;
  faults: FaultController;
  authWindow: KalshiAuthWindow;
  rateLimit: KalshiRateLimit;
  host: string;
  port: number;
  now(): number;
  log(line: string): void;
}

export interface KalshiServer extends IDisposable {
  readonly port: number;
  readonly ws: KalshiWsServer;
  /** Requests refused for the rate limit. */
  readonly throttled: () => number;
  close(): Promise<void>;
}

export async function startKalshiServer(options: KalshiServerOptions): Promise<KalshiServer> {
  const { exchange, faults, now } = options;
  const authed = new WeakMap<SimRequest, KalshiAccount>();
  const trades: KalshiTrade[] = [];
  const tradeSub = exchange.onTrade((t) => {
    trades.push(t);
    if (trades.length > 2000) trades.splice(0, trades.length - 2000);
  });
  const limiter = new KalshiRateLimiter(options.rateLimit, now);
  const ws = new KalshiWsServer({ exchange, faults, authWindow: options.authWindow, now });
  const router = createKalshiRouter({ exchange, now, accountOf: (req) => authed.get(req), recentTrades: () => trades, vary: () => faults.shouldVary('kalshi') });
  let server: RunningServer;
  try {
    server = await startHttpServer(
      {
        router,
        prefix: KALSHI_REST_PREFIX,
        latencyMs: () => faults.latencyMs('kalshi'),
        renderError: (e: HttpError) =>
          e.status === 429
            ? { status: 429, body: { error: 'too many requests' } }
            : { status: e.status, body: { error: { code: e.code, message: e.message, ...e.extra } } },
        before: (req) => {
          const headers = {
            key: req.header('kalshi-access-key'),
            timestamp: req.header('kalshi-access-timestamp'),
            signature: req.header('kalshi-access-signature'),
          };
          const write = req.method !== 'GET';
          // A cancel, and a cancel-all, cost 2 tokens (Kalshi's OpenAPI: CancelOrderV2, CancelAllOrders).
          const cost = req.method === 'DELETE' && (req.path === '/portfolio/events/orders' || req.path.startsWith('/portfolio/events/orders/')) ? 2 : 10;
          if (faults.shouldThrottle('kalshi') || !limiter.allow(headers.key ?? 'public', write ? 'write' : 'read', cost)) return { status: 429, body: { error: 'too many requests' } };
          if (req.path.startsWith('/portfolio') || hasAnyAuthHeader(headers)) {
            authed.set(req, verifyKalshiRequest(exchange, headers, req.method, req.fullPath, now(), options.authWindow));
          }
          return undefined;
        },
        onUpgrade: (req, socket, head) => ws.handleUpgrade(req, socket, head),
        log: options.log,
      },
      options.host,
      options.port,
    );
  } catch (e) {
    tradeSub.dispose();
    ws.dispose();
    throw e;
  }
  const close = async () => {
    tradeSub.dispose();
    ws.dispose();
    await server.close();
  };
  return { port: server.port, ws, throttled: () => limiter.throttled, close, dispose: () => void close() };
}
