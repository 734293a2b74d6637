// Polymarket US on the simulator: the public gateway on one port, the signed API and both
// WebSockets on another (production: gateway.polymarket.us and api.polymarket.us). Requests to
// the API are authenticated (auth.ts) and limited to 20 a second per key, requests to the gateway to
// 20 a second per client address (docs api-reference/rate-limits.md: 429
// `{"status": 429, "message": "Too Many Requests"}`).
import type { IDisposable } from '../../shared/lifecycle';
import { startHttpServer, type HttpError, type RunningServer, type SimRequest } from '../core/http';
import { authenticate } from './auth';
import type { PmUsExchange, SimAccount } from './exchange';
import { apiRouter, gatewayRouter } from './rest';
import { PmUsWsServer } from './ws';

export const REQUESTS_PER_SECOND = 20;

export interface PmUsServerOptions {
  exchange: PmUsExchange;
  host: string;
  gatewayPort: number;
  apiPort: number;
  now(): number;
  log(line: string): void;
}

export interface PmUsServer extends IDisposable {
  readonly gatewayPort: number;
  readonly apiPort: number;
  readonly ws: PmUsWsServer;
  readonly throttled: () => number;
  close(): Promise<void>;
}

const errorBody = (e: HttpError) => ({ status: e.status, body: e.status === 429 ? { status: 429, message: 'Too Many Requests' } : { code: e.code, message: e.message } });

export async function startPmUsServer(o: PmUsServerOptions): Promise<PmUsServer> {
  const { exchange, now } = o;
  const authed = new WeakMap<SimRequest, SimAccount>();
  const windows = new Map<string, number[]>();
  let throttled = 0;
  const allow = (key: string) => {
    const t = now();
    const w = (windows.get(key) ?? []).filter((x) => t - x < 1_000);
    windows.set(key, w);
    if (w.length >= REQUESTS_PER_SECOND) return false;
    w.push(t);
    return true;
  };
  const tooMany = () => {
    throttled++;
    return { status: 429, body: { status: 429, message: 'Too Many Requests' } };
  };
  const ws = new PmUsWsServer(exchange, now);
  const servers: RunningServer[] = [];
  try {
    const publicLimit = (req: SimRequest) => (allow(`ip ${req.remoteAddress}`) ? undefined : tooMany());
    servers.push(await startHttpServer({ router: gatewayRouter(exchange, now), latencyMs: () => 0, renderError: errorBody, before: publicLimit, log: o.log }, o.host, o.gatewayPort));
    servers.push(
      await startHttpServer(
        {
          router: apiRouter(exchange, (req) => authed.get(req)!),
          latencyMs: () => 0,
          renderError: errorBody,
          before: (req) => {
            const auth = authenticate(exchange, req.headers, req.method, req.fullPath, now());
            if (!auth.ok) return { status: 401, body: { code: 16, message: auth.message } };
            if (!allow(`key ${auth.account.keyId}`)) return tooMany();
            authed.set(req, auth.account);
            return undefined;
          },
          onUpgrade: (req, socket, head) => ws.handleUpgrade(req, socket, head),
          log: o.log,
        },
        o.host,
        o.apiPort,
      ),
    );
  } catch (e) {
    ws.dispose();
    await Promise.all(servers.map((s) => s.close()));
    throw e;
  }
  const close = async () => {
    ws.dispose();
    await Promise.all(servers.map((s) => s.close()));
  };
  return { gatewayPort: servers[0]!.port, apiPort: servers[1]!.port, ws, throttled: () => throttled, close, dispose: () => void close() };
}
