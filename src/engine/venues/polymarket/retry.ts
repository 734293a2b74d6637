// Asking Polymarket again after a failure that passes. Its REST limits are enforced by Cloudflare:
// over a window requests are queued first and, when it goes on, answered 429 (docs.polymarket.com
// api-reference/rate-limits; venues.md §2.12). Only idempotent requests come through here — a GET,
// or DELETE /cancel-all — so a lost answer is worth another try as much as a 429 or a 5xx.
import { Backoff } from './backoff';
import type { VenueLog } from './config';
import { HttpError } from './http';

/** Failures that say nothing about the request itself: asking again may succeed. */
export function passingFailure(e: unknown): e is HttpError {
  if (!(e instanceof HttpError)) return false;
  if (e.kind === 'timeout' || e.kind === 'network' || e.kind === 'unreachable') return true;
  return e.kind === 'http' && e.status !== null && (e.status >= 500 || e.status === 429 || e.status === 408);
}

export interface RetryOptions {
  /** Names the request in errors and logs, e.g. "Gamma /events page 3 (offset 1000)". */
  where: string;
  method: string;
  path: string;
  /** Tries in all, the first included. */
  tries: number;
  /** Backoff between tries (equal jitter, doubling from `baseMs` up to `maxMs`). */
  baseMs: number;
  maxMs: number;
  /** Never ask again sooner than this (the path's published limit). */
  minWaitMs?: number;
  /** A Retry-After longer than this fails at once: the caller hears now, not minutes later. */
  maxRetryAfterMs: number;
  /** Given up on: a wait is cut short and nothing more is sent. */
  signal?: AbortSignal;
  log?: VenueLog;
}

/**
 * `call` asked again after a passing failure up to `tries` times, with backoff and a 429's
 * Retry-After honoured. Any other failure is thrown as it came; the last passing one is thrown
 * wrapped, naming the request and how many times it was asked.
 */
export async function withRetries<T>(call: () => Promise<T>, o: RetryOptions): Promise<T> {
  const backoff = new Backoff(o.baseMs, o.maxMs);
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!passingFailure(e) || o.signal?.aborted) throw e;
      if (e.retryAfterMs !== null && e.retryAfterMs > o.maxRetryAfterMs) {
        throw new Error(`${o.where}: the venue asks to wait ${Math.ceil(e.retryAfterMs / 1000)} s before asking again (Retry-After), more than this waits (${o.maxRetryAfterMs / 1000} s): ${e.message}`, { cause: e });
      }
      if (attempt >= o.tries) throw new Error(`${o.where} failed ${o.tries} times; the last: ${e.message}`, { cause: e });
      const wait = Math.max(o.minWaitMs ?? 0, e.retryAfterMs ?? backoff.next());
      o.log?.('warn', `${o.where}: ${e.message}; asking again in ${wait} ms (try ${attempt + 1} of ${o.tries})`);
      await pause(wait, o.method, o.path, o.signal);
    }
  }
}

function pause(ms: number, method: string, path: string, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => new HttpError('aborted', method, path, null, null, `${method} ${path}: aborted by the caller`);
    if (signal?.aborted) return reject(aborted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
