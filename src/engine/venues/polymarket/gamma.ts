// Gamma, Polymarket's market-metadata API: active events with their markets, read page by page
// (limit + offset) to the end. Returns the venue's JSON as is; gammaParse.ts validates it.
import { requestJson } from './http';

/**
 * Gamma's published limit for /events: 500 requests per 10 s (docs.polymarket.com
 * api-reference/rate-limits; venues.md §2.12). Pages are read at most this often, so a fast link
 * never outruns it, whatever the page size.
 */
export const EVENTS_REQUEST_SPACING_MS = 10_000 / 500;

export interface GammaClientOptions {
  base: string;
  fetch: typeof fetch;
  timeoutMs: number;
  pageSize: number;
  /** A bound on pages, so a server that ignores `offset` cannot loop forever. */
  maxPages?: number;
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
      const body = await requestJson(this.options.fetch, {
        method: 'GET',
        base: this.options.base,
        path: '/events',
        query: { active: 'true', closed: 'false', limit: pageSize, offset: page * pageSize },
        timeoutMs: this.options.timeoutMs,
        signal,
      });
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

  /** Markets by condition id (Gamma `GET /markets?condition_ids=…`), closed ones included. */
  async marketsByCondition(conditionIds: readonly string[], signal?: AbortSignal): Promise<unknown[]> {
    const body = await requestJson(this.options.fetch, {
      method: 'GET',
      base: this.options.base,
      path: '/markets',
      query: { condition_ids: conditionIds, limit: conditionIds.length },
      timeoutMs: this.options.timeoutMs,
      signal,
    });
    if (!Array.isArray(body)) throw new Error('Gamma /markets?condition_ids did not answer a list');
    return body;
  }
}
