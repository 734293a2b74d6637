// Kalshi REST through the official `kalshi-typescript` client. Each API object gets its own axios
// instance (the client installs interceptors on the instance it is given — shared, they would
// stack and sign with whichever key came last). Signing is ours (auth.ts): one parsed key for
// REST and the WebSocket upgrade, on the injected clock. Every call goes through the rate
// limiter, carries a timeout, and is classified into the typed errors of errors.ts.
import axios, { type AxiosInstance, type AxiosResponse, type RawAxiosRequestConfig } from 'axios';
import { AccountApi, Configuration, EventsApi, MarketApi, OrdersApi, PortfolioApi } from 'kalshi-typescript';
import type { KalshiSigner } from './auth';
import { classifyError, KalshiApiError, KalshiProtocolError, KalshiRateLimitedError, KalshiTransportError } from './errors';
import { type BucketKind, type KalshiRateLimiter } from './rateLimiter';
import type { VenueLog } from './types';
import type { OrderGuard } from '../venue';

export interface RestTuning {
  /** Timeout of one read request, ms (default 10 000). */
  readTimeoutMs?: number;
  /** Timeout of one write request, ms (default 5 000). */
  writeTimeoutMs?: number;
  /** 429 answers retried before giving up (default 6). */
  max429Retries?: number;
  /** Reads retried after a transport error or a 5xx (default 2). Writes are never retried here. */
  maxReadRetries?: number;
  /** First back-off delay, ms; doubles per attempt, with jitter (default 200). */
  backoffBaseMs?: number;
  /** Longest back-off delay, ms (default 5 000). */
  backoffMaxMs?: number;
  /** 429 answers an urgent call (the kill switch's cancel-all) retries before giving up (default 30). */
  urgent429Retries?: number;
  /** An urgent call's pause after a 429, ms, jittered to ½–1× (default 100); the bucket's refill may add to it. */
  urgentBackoffMs?: number;
}

export interface CallOptions {
  /** Aborts everything, the request in flight included (cancel-all's own deadline). */
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * An order's guard (venue.ts OrderGuard): its signal aborts the waits for rate-limit tokens and
   * the 429 back-off, never a request already written; `recheck` is asked immediately before the
   * request is written and a reason keeps it from being sent.
   */
  guard?: OrderGuard;
  /** Monotonic ms (the venue's clock) by which the request must have been sent: waits never run past it. */
  deadline?: number;
  /**
   * The kill switch's cancel-all: ahead of every ordinary request waiting for tokens, and a 429
   * met by a short pause (`urgentBackoffMs`, jittered; a cancel's 2 tokens come back in 20 ms at
   * Basic: venues.md §1.9) and our drained bucket's refill, many times, instead of the doubling
   * back-off meant for routine work.
   */
  urgent?: boolean;
}

export interface KalshiRestOptions {
  /** Base URL ending in /trade-api/v2. */
  baseUrl: string;
  signer: KalshiSigner | null;
  limiter: KalshiRateLimiter;
  tuning?: RestTuning;
  random?: () => number;
  log: VenueLog;
  /** Monotonic ms, for deadlines (the rate limiter's clock). */
  now?: () => number;
}

export class KalshiRest {
  readonly events: EventsApi;
  readonly market: MarketApi;
  readonly orders: OrdersApi;
  readonly portfolio: PortfolioApi;
  readonly account: AccountApi;
  readonly authenticated: boolean;
  /** For the venues pane and tests. */
  readonly stats = { requests: 0, rateLimited: 0, retries: 0, failures: 0 };
  private readonly tuning: Required<RestTuning>;
  private readonly random: () => number;
  private closed = false;
  private readonly closing = new AbortController();

  constructor(private readonly options: KalshiRestOptions) {
    this.tuning = {
      readTimeoutMs: options.tuning?.readTimeoutMs ?? 10_000,
      writeTimeoutMs: options.tuning?.writeTimeoutMs ?? 5_000,
      max429Retries: options.tuning?.max429Retries ?? 6,
      maxReadRetries: options.tuning?.maxReadRetries ?? 2,
      backoffBaseMs: options.tuning?.backoffBaseMs ?? 200,
      backoffMaxMs: options.tuning?.backoffMaxMs ?? 5_000,
      urgent429Retries: options.tuning?.urgent429Retries ?? 30,
      urgentBackoffMs: options.tuning?.urgentBackoffMs ?? 100,
    };
    this.random = options.random ?? Math.random;
    this.authenticated = options.signer !== null;
    const base = options.baseUrl.replace(/\/+$/, '');
    // No credentials in the SDK's Configuration: its own signer would sign a second time.
    const config = new Configuration({ basePath: base });
    this.events = new EventsApi(config, base, this.client());
    this.market = new MarketApi(config, base, this.client());
    this.orders = new OrdersApi(config, base, this.client());
    this.portfolio = new PortfolioApi(config, base, this.client());
    this.account = new AccountApi(config, base, this.client());
  }

  private client(): AxiosInstance {
    const instance = axios.create({ headers: { Accept: 'application/json' } });
    const signer = this.options.signer;
    if (signer) {
      instance.interceptors.request.use((config) => {
        const url = instance.getUri(config);
        config.headers.set(signer.headers((config.method ?? 'get').toUpperCase(), url));
        return config;
      });
    }
    return instance;
  }

  /**
   * One REST call: waits for rate-limit tokens, sends with a timeout, backs off and retries on
   * 429 (bounded), retries reads after transport errors and 5xx (bounded), and throws a typed
   * error otherwise. Writes are sent once (plus 429 retries, which the venue refused unseen).
   */
  async call<T>(
    operation: string,
    kind: BucketKind,
    cost: number,
    send: (request: RawAxiosRequestConfig) => Promise<AxiosResponse<T>>,
    options: CallOptions = {},
  ): Promise<AxiosResponse<T>> {
    const timeout = options.timeoutMs ?? (kind === 'read' ? this.tuning.readTimeoutMs : this.tuning.writeTimeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, this.closing.signal]) : this.closing.signal;
    const now = this.options.now ?? (() => performance.now());
    const { guard, deadline } = options;
    const urgent = options.urgent === true;
    let throttled = 0;
    let failed = 0;
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new KalshiTransportError('aborted', false, operation, 'the Kalshi connection was closed');
      // Waiting for tokens: the guard's signal and the deadline end the wait, unsent.
      const waits = [signal];
      if (guard) waits.push(guard.signal);
      if (deadline !== undefined) waits.push(AbortSignal.timeout(Math.max(0, Math.ceil(deadline - now()))));
      try {
        await this.options.limiter.acquire(kind, cost, waits.length === 1 ? signal : AbortSignal.any(waits), urgent);
      } catch {
        const why = guard?.signal.aborted ? `stopped while waiting for the rate limiter: ${reasonOf(guard.signal)}` : deadline !== undefined && now() >= deadline ? 'the deadline passed while waiting for the rate limiter' : 'aborted while waiting for the rate limiter';
        throw new KalshiTransportError('aborted', false, operation, why);
      }
      // The last word, immediately before the bytes are written.
      const refusal = guard?.recheck() ?? null;
      if (refusal !== null) throw new KalshiTransportError('aborted', false, operation, `not sent: ${refusal}`);
      this.stats.requests++;
      try {
        return await send({ timeout, signal });
      } catch (raw) {
        const error = classifyError(raw, operation);
        if (error instanceof KalshiApiError && error.status === 429) {
          this.stats.rateLimited++;
          this.options.limiter.throttled(kind);
          if (++throttled > (urgent ? this.tuning.urgent429Retries : this.tuning.max429Retries)) {
            this.stats.failures++;
            throw new KalshiRateLimitedError(operation, throttled);
          }
          const delay = urgent ? this.jitter(this.tuning.urgentBackoffMs) : this.backoff(throttled);
          if (deadline !== undefined && now() + delay >= deadline) {
            // The venue refused it unseen: giving up before the deadline leaves nothing behind.
            this.stats.failures++;
            throw new KalshiRateLimitedError(operation, throttled);
          }
          this.options.log('warn', `Kalshi ${operation}: HTTP 429, backing off (attempt ${throttled})`);
          await this.sleep(delay, guard ? AbortSignal.any([signal, guard.signal]) : signal, operation);
          continue;
        }
        const retriable =
          kind === 'read' &&
          !(error instanceof KalshiTransportError && error.kind === 'aborted') &&
          (error instanceof KalshiTransportError || error.status >= 500);
        if (retriable && failed < this.tuning.maxReadRetries) {
          failed++;
          this.stats.retries++;
          await this.sleep(this.backoff(failed), signal, operation);
          continue;
        }
        this.stats.failures++;
        throw error;
      }
    }
  }

  /**
   * Walks a cursor-paginated list to the end (an empty or missing cursor is the last page). A
   * cursor seen twice is an error rather than an endless loop.
   */
  async paginate<P, I>(
    operation: string,
    fetchPage: (cursor: string | undefined, request: RawAxiosRequestConfig) => Promise<AxiosResponse<P>>,
    itemsOf: (page: P) => readonly I[] | undefined,
    options: CallOptions & { maxPages?: number } = {},
  ): Promise<I[]> {
    const out: I[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    const maxPages = options.maxPages ?? 10_000;
    for (let page = 0; ; page++) {
      if (page >= maxPages) throw new KalshiProtocolError(`Kalshi ${operation}: more than ${maxPages} pages`);
      const res = await this.call(`${operation} (page ${page + 1})`, 'read', 10, (r) => fetchPage(cursor, r), options);
      const body = res.data as P & { cursor?: unknown };
      const items = itemsOf(body);
      if (!Array.isArray(items)) throw new KalshiProtocolError(`Kalshi ${operation}: a page without its list`);
      out.push(...items);
      const next = typeof body?.cursor === 'string' ? body.cursor : '';
      if (next === '') return out;
      if (seen.has(next)) throw new KalshiProtocolError(`Kalshi ${operation}: the cursor repeated`);
      seen.add(next);
      cursor = next;
    }
  }

  close(): void {
    this.closed = true;
    this.closing.abort();
  }

  private backoff(attempt: number): number {
    return this.jitter(Math.min(this.tuning.backoffMaxMs, this.tuning.backoffBaseMs * 2 ** (attempt - 1)));
  }

  /** Uniformly within [½, 1] × ceiling. */
  private jitter(ceiling: number): number {
    return Math.round(ceiling * (0.5 + 0.5 * this.random()));
  }

  private sleep(ms: number, signal: AbortSignal, operation: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(new KalshiTransportError('aborted', false, operation, 'aborted during back-off'));
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(new KalshiTransportError('aborted', false, operation, 'aborted during back-off'));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function reasonOf(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return r instanceof Error ? r.message : typeof r === 'string' ? r : 'aborted';
}
