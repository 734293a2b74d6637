import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Engine, EngineOptions, SecretStore } from '../../engine';
import { createDispatcher } from '../dispatch';
import { createHostEngine, type HostEngineOptions } from '../engineHost';
import { API_ROUTES, apiError, runApi, type ApiResponse, type ApiRoute } from './api';
import { hostAllowed, hostPolicyFor, sameOriginRequest, type HostPolicy } from '../../shared/requestGuard';
import { bearerToken, FailedAuthLimiter, generateToken, tokensEqual, webSocketToken } from './auth';
import { realRendererRoot, serveStatic } from './staticFiles';
import { WebSocketTransport } from './wsTransport';

export interface ServeOptions {
  port: number;
  host: string;
  token?: string;
  dataDir: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  secrets: SecretStore;
  /** How to start the simulator for venues without keys; null or absent: no venues (tests). */
  simulator?: HostEngineOptions['simulator'];
  live?: EngineOptions['live'];
  routes?: readonly ApiRoute[];
  log?: (message: string) => void;
}

export interface ServeHandle {
  url: string;
  port: number;
  token: string;
  engine: Engine;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

const REFUSALS = {
  misdirected: { status: 403, statusText: 'Forbidden', message: 'Host not served here: open the address arbdesk serve printed', headers: {} },
  cross_origin: { status: 403, statusText: 'Forbidden', message: 'Cross-origin requests are not accepted', headers: {} },
  blocked: { status: 429, statusText: 'Too Many Requests', message: 'Too many requests without a valid token from this client; wait a minute', headers: { 'Retry-After': '60' } },
  denied: { status: 401, statusText: 'Unauthorized', message: 'Missing or invalid token: send Authorization: Bearer <token>', headers: { 'WWW-Authenticate': 'Bearer' } },
} as const;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `arbdesk serve`: the engine in plain Node, its UI over HTTP and the contract over a WebSocket.
 * Everything but the static UI shell needs the session token; loopback only unless told otherwise.
 */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const token = options.token ?? generateToken();
  const hosted = await createHostEngine({
    host: 'serve',
    dataDir: options.dataDir,
    secrets: options.secrets,
    simulator: options.simulator ?? null,
    live: options.live,
    log,
  });
  const engine = hosted.engine;
  const dispatch = createDispatcher(engine, log);
  const transport = new WebSocketTransport(dispatch);
  const eventSubscription = engine.onEvent((event) => transport.broadcast(event));
  const limiter = new FailedAuthLimiter();
  const routes = options.routes ?? API_ROUTES;
  let origins = new Set<string>();
  // Replaced once the port is known; until then nothing is admitted.
  let hostPolicy: HostPolicy = { port: -1, names: new Set(), anyIpLiteral: false };
  // Files are served only from inside the real renderer folder (symlinks resolved).
  const rendererRoot = realRendererRoot(options.rendererDir);

  /** `connect-src` names the page's own origin: the address it was loaded from (its Host, checked). */
  const securityHeaders = (req?: IncomingMessage): Record<string, string> => ({
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
      `connect-src 'self'${req && hostAllowed(req.headers.host, hostPolicy) ? ` ws://${req.headers.host!.toLowerCase()}` : ''}; ` +
      "media-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });

  /**
   * The order matters: the Host (DNS rebinding) and the page's origin are checked first and never
   * counted; then a valid token passes whatever else has happened; only then are failures counted
   * against the client that made them.
   */
  const admit = (req: IncomingMessage, given: string | null): 'ok' | 'misdirected' | 'cross_origin' | 'blocked' | 'denied' => {
    if (!hostAllowed(req.headers.host, hostPolicy)) return 'misdirected';
    if (!sameOriginRequest({ origin: req.headers.origin, fetchSite: header(req, 'sec-fetch-site'), host: req.headers.host }, origins)) return 'cross_origin';
    if (given !== null && tokensEqual(given, token)) return 'ok';
    const client = req.socket.remoteAddress ?? 'unknown';
    if (limiter.isBlocked(client)) return 'blocked';
    limiter.recordFailure(client);
    return 'denied';
  };

  const sendJson = (res: ServerResponse, { status, body }: ApiResponse, extra: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...securityHeaders(res.req), ...extra, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };

  const readBody = (req: IncomingMessage) => async (): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return { ok: false, message: `body: larger than ${MAX_BODY_BYTES} bytes` };
      chunks.push(chunk as Buffer);
    }
    if (size === 0) return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
    } catch {
      return { ok: false, message: 'body: not valid JSON' };
    }
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/') || url.pathname === '/api' || url.pathname === '/ws') {
      const verdict = admit(req, bearerToken(req));
      if (verdict !== 'ok') {
        const refusal = REFUSALS[verdict];
        return sendJson(res, apiError(refusal.status, 'unauthorized', refusal.message), refusal.headers);
      }
      if (url.pathname === '/ws') return sendJson(res, apiError(426, 'invalid_request', 'Use a WebSocket upgrade on /ws'));
      return sendJson(res, await runApi(routes, req, url, dispatch, readBody(req)));
    }
    if (!hostAllowed(req.headers.host, hostPolicy)) {
      res.writeHead(403, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end(REFUSALS.misdirected.message);
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && serveStatic(rendererRoot, url.pathname, res, securityHeaders(req))) return;
    res.writeHead(404, { ...securityHeaders(req), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Node takes its own error listener off an upgraded socket: a reset must not crash serve.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return refuse(404, 'Not Found');
    const verdict = admit(req, webSocketToken(req));
    if (verdict !== 'ok') return refuse(REFUSALS[verdict].status, REFUSALS[verdict].statusText);
    transport.accept(req, socket, head);
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      log(engine.redactor.redact(`ArbDesk: HTTP handler failed: ${e instanceof Error ? e.message : String(e)}`));
      if (!res.headersSent) sendJson(res, apiError(500, 'internal', 'Internal error'));
      else res.destroy();
    });
  });
  server.on('upgrade', onUpgrade);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    eventSubscription.dispose();
    transport.dispose();
    await hosted.close();
    throw e;
  }

  const port = (server.address() as AddressInfo).port;
  const displayHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const urlHost = displayHost.includes(':') ? `[${displayHost}]` : displayHost;
  origins = new Set([`http://${urlHost}:${port}`, `http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  hostPolicy = hostPolicyFor(options.host, port);

  return {
    url: `http://${urlHost}:${port}/#token=${token}`,
    port,
    token,
    engine,
    async close() {
      eventSubscription.dispose();
      transport.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await hosted.close();
    },
  };
}
