// A small HTTP layer for the venue servers: routing with path parameters, bounded bodies, the
// added-latency fault, and one rule above all: whatever a client sends, it gets an answer in
// the venue's own error shape, never a crash.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const MAX_BODY_BYTES = 1_000_000;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface SimRequest {
  readonly method: string;
  /** The full path as sent (what Kalshi signs), without the query. */
  readonly fullPath: string;
  /** The path below the server's prefix, used for routing. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The client's address (a per-IP limit counts by it). */
  readonly remoteAddress: string;
  readonly rawBody: string;
  header(name: string): string | undefined;
  /** The body parsed as JSON; throws HttpError 400 when it is not JSON. */
  json(): unknown;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type Handler = (req: SimRequest, params: Record<string, string>) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  get(pattern: string, handler: Handler): this {
    return this.add('GET', pattern, handler);
  }
  post(pattern: string, handler: Handler): this {
    return this.add('POST', pattern, handler);
  }
  delete(pattern: string, handler: Handler): this {
    return this.add('DELETE', pattern, handler);
  }
  put(pattern: string, handler: Handler): this {
    return this.add('PUT', pattern, handler);
  }

  resolve(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'method' | undefined {
    const parts = path.split('/').filter(Boolean);
    let methodMismatch = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = route.segments[i]!;
        if (seg.startsWith(':')) {
          let value: string;
          try {
            value = decodeURIComponent(parts[i]!);
          } catch {
            ok = false;
            break;
          }
          params[seg.slice(1)] = value;
        } else if (seg !== parts[i]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      return { handler: route.handler, params };
    }
    return methodMismatch ? 'method' : undefined;
  }
}

export interface HttpServerOptions {
  router: Router;
  /** Paths must start with this prefix (stripped before routing), e.g. "/trade-api/v2". */
  prefix?: string;
  renderError(error: HttpError): SimResponse;
  latencyMs(): number;
  /** Runs before routing (auth, rate limits); may answer instead of the handler. */
  before?(req: SimRequest): SimResponse | undefined | Promise<SimResponse | undefined>;
  onUpgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  log(line: string): void;
}

export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions, host: string, port: number): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    handle(options, req, res).catch((e: unknown) => {
      options.log(`sim: request failed: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent) send(res, options.renderError(new HttpError(500, 'internal_server_error', 'internal server error')));
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  // Node takes its own error listener off an upgraded socket: a peer that resets mid-upgrade would
  // otherwise raise an unhandled 'error' and take the process down.
  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (options.onUpgrade) options.onUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(options: HttpServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  const latency = options.latencyMs();
  if (latency > 0) await new Promise((r) => setTimeout(r, latency));
  if (raw === null) {
    send(res, options.renderError(new HttpError(413, 'payload_too_large', 'request body too large')));
    return;
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://sim.invalid');
  } catch {
    send(res, options.renderError(new HttpError(400, 'bad_request', 'malformed request target')));
    return;
  }
  const fullPath = url.pathname;
  const prefix = options.prefix ?? '';
  const inPrefix = prefix === '' || fullPath === prefix || fullPath.startsWith(`${prefix}/`);
  const simReq = makeRequest(req, fullPath, inPrefix ? fullPath.slice(prefix.length) || '/' : fullPath, url.searchParams, raw);
  try {
    if (!inPrefix) throw new HttpError(404, 'not_found', 'not found');
    const early = await options.before?.(simReq);
    if (early) return send(res, early);
    const route = options.router.resolve(req.method ?? 'GET', simReq.path);
    if (route === undefined) throw new HttpError(404, 'not_found', 'not found');
    if (route === 'method') throw new HttpError(405, 'method_not_allowed', 'method not allowed');
    send(res, await route.handler(simReq, route.params));
  } catch (e) {
    if (e instanceof HttpError) {
      send(res, options.renderError(e));
      return;
    }
    throw e;
  }
}

function makeRequest(req: IncomingMessage, fullPath: string, path: string, query: URLSearchParams, rawBody: string): SimRequest {
  let parsed: { value: unknown } | undefined;
  return {
    method: req.method ?? 'GET',
    fullPath,
    path,
    query,
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress ?? '',
    rawBody,
    header(name) {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    },
    json() {
      if (!parsed) {
        try {
          parsed = { value: rawBody.length === 0 ? undefined : JSON.parse(rawBody) };
        } catch {
          throw new HttpError(400, 'invalid_json', 'request body is not valid JSON');
        }
      }
      return parsed.value;
    },
  };
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  let payload = '';
  if (response.text !== undefined) {
    payload = response.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

export function json(body: unknown, status = 200): SimResponse {
  return { status, body };
}

// Query helpers: each names the parameter in its error, as the venues do.

export function queryString(req: SimRequest, name: string): string | undefined {
  const v = req.query.get(name);
  return v === null || v === '' ? undefined : v;
}

export function queryInt(req: SimRequest, name: string, min: number, max: number, fallback: number, error: (msg: string) => HttpError): number {
  const v = queryString(req, name);
  if (v === undefined) return fallback;
  if (!/^-?\d{1,15}$/.test(v) || Number(v) < min || Number(v) > max) throw error(`${name} must be an integer from ${min} to ${max}`);
  return Number(v);
}

export function queryBool(req: SimRequest, name: string, error: (msg: string) => HttpError): boolean | undefined {
  const v = queryString(req, name);
  if (v === undefined) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw error(`${name} must be true or false`);
}
