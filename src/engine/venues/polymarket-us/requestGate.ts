// Every authenticated Polymarket US request goes through one gate per API key. The venue allows 20
// requests a second per key across all authenticated endpoints and answers 429 beyond it, enforced
// at the edge; observed 429s come even below that ceiling (next-venues.md §1.10, from the docs'
// api-reference/rate-limits.md). So the gate paces our requests under the ceiling, lets cancels go
// before orders and reads (a kill switch must not queue behind a balance poll), and after a 429
// holds every lane for the back-off, since the venue's window is full whatever ours counted.
// The public gateway's own limit (20 a second per IP) gets a gate of its own: discovery's pages.
import { setTimeout as wait } from 'node:timers/promises';

export type Lane = 'cancel' | 'order' | 'read';

/** The SDK's APIError carries no headers, so no Retry-After: the back-off is ours. */
export const RATE_LIMITED = 429;

export class GateAbortedError extends Error {
  override readonly name = 'GateAbortedError';
}

export interface RequestGateOptions {
  /** Requests allowed in any window of `windowMs` (the venue's 20 a second, less a margin). */
  limit?: number;
  windowMs?: number;
  now: () => number;
}

interface Waiter {
  lane: Lane;
  resolve(): void;
  reject(e: Error): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

const LANE_ORDER: Lane[] = ['cancel', 'order', 'read'];

export class RequestGate {
  private readonly limit: number;
  private readonly windowMs: number;
  /** Send times of the requests in the current window, oldest first. */
  private readonly sent: number[] = [];
  private readonly waiting = new Map<Lane, Waiter[]>(LANE_ORDER.map((l) => [l, []]));
  private heldUntil = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: RequestGateOptions) {
    this.limit = options.limit ?? 16;
    this.windowMs = options.windowMs ?? 1_000;
  }

  /** Resolves when a request of this lane may be sent; rejects with GateAbortedError when `signal` aborts first. */
  acquire(lane: Lane, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new GateAbortedError('aborted before sending'));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { lane, resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const queue = this.waiting.get(lane)!;
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          reject(new GateAbortedError('aborted while waiting to send'));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiting.get(lane)!.push(waiter);
      this.pump();
    });
  }

  /** The venue said 429: nothing is sent for `ms`. */
  hold(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.options.now() + ms);
    this.pump();
  }

  /** Requests waiting in every lane (for status and tests). */
  get queued(): number {
    let n = 0;
    for (const q of this.waiting.values()) n += q.length;
    return n;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const q of this.waiting.values()) {
      for (const w of q.splice(0)) {
        if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
        w.reject(new GateAbortedError('the venue stopped'));
      }
    }
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    for (;;) {
      const next = this.nextWaiter();
      if (!next) return;
      const wait = this.waitMs();
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
      this.waiting.get(next.lane)!.shift();
      if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
      this.sent.push(this.options.now());
      next.resolve();
    }
  }

  private nextWaiter(): Waiter | undefined {
    for (const lane of LANE_ORDER) {
      const w = this.waiting.get(lane)![0];
      if (w) return w;
    }
    return undefined;
  }

  private waitMs(): number {
    const now = this.options.now();
    while (this.sent.length > 0 && now - this.sent[0]! >= this.windowMs) this.sent.shift();
    const windowWait = this.sent.length < this.limit ? 0 : this.sent[0]! + this.windowMs - now;
    return Math.max(windowWait, this.heldUntil - now, 0);
  }
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Statuses worth another try besides 429 (e.g. a lost answer for an idempotent call). */
  alsoRetry?: readonly number[];
}

/**
 * Sends `call` through the gate on `lane`; a 429 (or a status in `alsoRetry`) holds the gate for a
 * jittered exponential back-off and tries again, up to `attempts` tries or until `signal` aborts.
 * The last error is thrown as it came.
 */
export async function throughGate<T>(gate: RequestGate, lane: Lane, call: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal, random: () => number = Math.random): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await gate.acquire(lane, signal);
    try {
      return await call();
    } catch (e) {
      const status = (e as { status?: unknown } | null)?.status;
      const retryable = status === RATE_LIMITED || (typeof status === 'number' && (policy.alsoRetry ?? []).includes(status));
      if (!retryable || attempt >= policy.attempts || signal?.aborted) throw e;
      // Equal jitter: between half and all of 250 ms · 2^(try − 1), at most 2 s.
      const cap = Math.min(2_000, 250 * 2 ** (attempt - 1));
      const delay = Math.round(cap / 2 + random() * (cap / 2));
      if (status === RATE_LIMITED) gate.hold(delay);
      else await wait(delay, undefined, signal ? { signal } : {}).catch(() => undefined);
    }
  }
}
