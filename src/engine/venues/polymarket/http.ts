// The HTTP edge: one JSON request with a deadline, and failures classified by what they prove.
// Whether a failed request may have reached the venue decides how an order's outcome is read, so
// "never connected" is kept apart from "lost after sending".

/**
 * - http: the venue answered with this status;
 * - unreachable: no connection was made (refused, DNS): the request never reached the venue;
 * - timeout / network: the request may have reached the venue, the answer was lost;
 * - aborted: the caller gave up (its signal);
 * - held: the caller's last check refused it before anything was written (never sent);
 * - invalid_json: a 2xx answer that is not JSON.
 */
export type HttpFailureKind = 'http' | 'unreachable' | 'timeout' | 'network' | 'aborted' | 'held' | 'invalid_json';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly kind: HttpFailureKind,
    readonly method: string,
    readonly path: string,
    readonly status: number | null,
    readonly body: unknown,
    message: string,
    /** An HTTP answer's Retry-After, in ms from when it arrived; null when it sent none (or none readable). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }

  /** The request certainly did not take effect at the venue. */
  get notSent(): boolean {
    return this.kind === 'unreachable' || this.kind === 'held';
  }
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Base URL, e.g. http://127.0.0.1:1234 */
  base: string;
  /** Path without the query string (what L2 signs). */
  path: string;
  /** An array is sent as the parameter repeated (OpenAPI form style, explode). */
  query?: Record<string, string | number | readonly string[] | undefined>;
  headers?: Record<string, string>;
  /** The exact body text (what L2 signs). */
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Asked immediately before the request is written: a reason keeps it from being sent ('held'). */
  beforeSend?: () => string | null;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function urlOf(req: Pick<HttpRequest, 'base' | 'path' | 'query'>): string {
  const url = new URL(req.base.replace(/\/+$/, '') + req.path);
  for (const [k, v] of Object.entries(req.query ?? {})) {
    if (Array.isArray(v)) for (const item of v as readonly string[]) url.searchParams.append(k, item);
    else if (v !== undefined) url.searchParams.set(k, String(v));
  }
  return url.toString();
}

/** The venue's own words for an error body: `error`, `errorMsg` or `message`, else the text. */
export function venueMessage(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 500);
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    for (const k of ['error', 'errorMsg', 'error_msg', 'message']) {
      const v = b[k];
      if (typeof v === 'string' && v !== '') return v;
    }
    return JSON.stringify(body).slice(0, 500);
  }
  return String(body);
}

export async function requestJson(fetchImpl: typeof fetch, req: HttpRequest): Promise<unknown> {
  const url = urlOf(req);
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  const where = `${req.method} ${req.path}`;
  const held = req.beforeSend?.() ?? null;
  if (held !== null) throw new HttpError('held', req.method, req.path, null, null, `${where}: not sent: ${held}`);
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: req.method,
      headers: { Accept: 'application/json', ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...req.headers },
      body: req.body,
      signal,
    });
  } catch (e) {
    throw classify(e, req, where, timeout);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw classify(e, req, where, timeout);
  }
  let body: unknown = text;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      if (res.ok) throw new HttpError('invalid_json', req.method, req.path, res.status, text, `${where}: the answer is not JSON: ${text.slice(0, 200)}`);
    }
  } else {
    body = null;
  }
  if (!res.ok) throw new HttpError('http', req.method, req.path, res.status, body, `${where} failed with HTTP ${res.status}: ${venueMessage(body)}`, retryAfterMs(res.headers.get('retry-after'), Date.now()));
  return body;
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = /GMT$/.test(text) ? Date.parse(text) : NaN;
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

function classify(e: unknown, req: HttpRequest, where: string, timeout: AbortSignal): HttpError {
  if (req.signal?.aborted) return new HttpError('aborted', req.method, req.path, null, null, `${where}: aborted by the caller`);
  if (timeout.aborted) return new HttpError('timeout', req.method, req.path, null, null, `${where}: no answer within ${req.timeoutMs} ms`);
  const code = errorCode(e);
  const text = e instanceof Error ? e.message : String(e);
  if (code !== null && UNREACHABLE.has(code)) return new HttpError('unreachable', req.method, req.path, null, null, `${where}: venue unreachable (${code})`);
  return new HttpError('network', req.method, req.path, null, null, `${where}: connection failed${code ? ` (${code})` : ''}: ${text}`);
}

function errorCode(e: unknown): string | null {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}
