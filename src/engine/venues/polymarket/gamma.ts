// Gamma, Polymarket's market-metadata API: active events with their markets, read page by page
// (limit + offset) to the end. Returns the venue's JSON as is; gammaParse.ts validates it. A page
// that fails for a reason that passes (5xx, 429, timeout, lost connection) is asked again in place,
// with backoff, so one bad answer among hundreds of pages neither restarts nor fails discovery; the
// link watch's reads of markets by condition id are asked again the same way.
import type { VenueLog } from './config';
import { requestJson } from './http';
import { withRetries } from './retry';

/**
 * Gamma's published limit for /events: 500 requests per 10 s (docs.polymarket.com
 * api-reference/rate-limits; venues.md §2.12). Pages are read at most this often, so a fast link
 * never outruns it, whatever the page size.
 */
export const EVENTS_REQUEST_SPACING_MS = 10_000 / 500;

/** Gamma's published limit for /markets: 300 requests per 10 s (same source). */
export const MARKETS_REQUEST_SPACING_MS = 10_000 / 300;

/** Tries of one /events page before discovery fails (and of one /markets read). */
export const PAGE_TRIES = 5;
/** A 429 asking for a longer wait fails discovery at once: the trader hears now, not minutes later. */
export const MAX_RETRY_AFTER_MS = 60_000;
const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 8_000;

export interface GammaClientOptions {
  base: string;
  fetch: typeof fetch;
  timeoutMs: number;
  pageSize: number;
  /** A bound on pages, so a server that ignores `offset` cannot loop forever. */
  maxPages?: number;
  log?: VenueLog;
}

export class GammaClient {
  constructor(private readonly options: GammaClientOptions) {}

  /**
   * Every active, not closed event; duplicates across pages (the list shifting while paging)
   * dropped. `map` turns each event into what the caller keeps as its page arrives, so a venue's
   * whole raw listing is never held at once.
   */
  async activeEvents(signal?: AbortSignal): Promise<unknown[]>;
  async activeEvents<T>(signal: AbortSignal | undefined, map: (event: unknown) => T): Promise<T[]>;
  async activeEvents<T>(signal?: AbortSignal, map?: (event: unknown) => T): Promise<unknown[]> {
    const { pageSize } = this.options;
    const maxPages = this.options.maxPages ?? 10_000;
    const seen = new Set<string>();
    const out: unknown[] = [];
    let lastRequest = -Infinity;
    for (let page = 0; page < maxPages; page++) {
      const wait = lastRequest + EVENTS_REQUEST_SPACING_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastRequest = performance.now();
      const body = await this.eventsPage(page, signal);
      if (!Array.isArray(body)) throw new Error(`Gamma /events (offset ${page * pageSize}) did not answer a list`);
      let fresh = 0;
      for (const event of body) {
        const id = typeof event === 'object' && event !== null ? (event as { id?: unknown }).id : undefined;
        const key = typeof id === 'string' || typeof id === 'number' ? String(id) : null;
        if (key !== null) {
          if (seen.has(key)) continue;
          seen.add(key);
        }
        fresh++;
        out.push(map ? map(event) : event);
      }
      if (body.length < pageSize) return out;
      // A full page of events already seen: the server is not paging.
      if (fresh === 0) throw new Error(`Gamma /events returned the same page again at offset ${page * pageSize}`);
    }
    throw new Error(`Gamma /events still had more after ${maxPages} pages`);
  }

  /** One page of /events, asked again after a passing failure (Retry-After honoured) up to PAGE_TRIES times. */
  private eventsPage(page: number, signal: AbortSignal | undefined): Promise<unknown> {
    const { pageSize } = this.options;
    const offset = page * pageSize;
    return this.askWithRetries(`Gamma /events page ${page + 1} (offset ${offset})`, '/events', { active: 'true', closed: 'false', limit: pageSize, offset }, EVENTS_REQUEST_SPACING_MS, signal);
  }

  /**
   * Markets by condition id (Gamma `GET /markets?condition_ids=…`), closed ones included; asked
   * again after a passing failure as a discovery page is.
   */
  async marketsByCondition(conditionIds: readonly string[], signal?: AbortSignal): Promise<unknown[]> {
    const where = `Gamma /markets?condition_ids (${conditionIds.length} market${conditionIds.length === 1 ? '' : 's'})`;
    const body = await this.askWithRetries(where, '/markets', { condition_ids: conditionIds, limit: conditionIds.length }, MARKETS_REQUEST_SPACING_MS, signal);
    if (!Array.isArray(body)) throw new Error('Gamma /markets?condition_ids did not answer a list');
    return body;
  }

  /**
   * A GET asked again after a failure that passes (5xx, 429, 408, timeout, lost connection) up to
   * PAGE_TRIES times, with backoff and never sooner than `spacingMs` (the path's published limit);
   * a 429's Retry-After is honoured, and one asking for more than MAX_RETRY_AFTER_MS fails at once.
   */
  private askWithRetries(where: string, path: string, query: Record<string, string | number | readonly string[]>, spacingMs: number, signal: AbortSignal | undefined): Promise<unknown> {
    const { fetch, base, timeoutMs, log } = this.options;
    return withRetries(() => requestJson(fetch, { method: 'GET', base, path, query, timeoutMs, signal }), {
      where,
      method: 'GET',
      path,
      tries: PAGE_TRIES,
      baseMs: RETRY_BASE_MS,
      maxMs: RETRY_MAX_MS,
      minWaitMs: spacingMs,
      maxRetryAfterMs: MAX_RETRY_AFTER_MS,
      ...(signal ? { signal } : {}),
      ...(log ? { log } : {}),
    });
  }
}
