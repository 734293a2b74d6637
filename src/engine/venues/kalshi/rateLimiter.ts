// Kalshi's rate limits are token buckets per account, one for reads and one for writes
// (venues.md §1.9): a request costs 10 tokens, a cancel 2, `GET /portfolio/orders/{id}` 2. We
// keep the same buckets on our side, sized to the account's tier, and wait for tokens before
// sending — so the venue's 429 is the exception, not the pacing mechanism.

export type BucketKind = 'read' | 'write';

export interface BucketLimit {
  /** Tokens added per second. */
  refillRate: number;
  /** Most tokens the bucket holds (burst). */
  capacity: number;
}

export interface RateLimits {
  read: BucketLimit;
  write: BucketLimit;
}

/** The Basic tier, used until `GET /account/limits` says otherwise. */
export const BASIC_LIMITS: RateLimits = {
  read: { refillRate: 200, capacity: 200 },
  write: { refillRate: 100, capacity: 100 },
};

export const DEFAULT_COST = 10;
export const CANCEL_COST = 2;
export const GET_ORDER_COST = 2;

export class RateLimitAbortedError extends Error {
  override readonly name = 'RateLimitAbortedError';
}

/** A classic token bucket on a monotonic clock (ms). */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private limit: BucketLimit,
    private readonly now: () => number,
  ) {
    checkLimit(limit);
    this.tokens = limit.capacity;
    this.last = now();
  }

  get available(): number {
    this.refill();
    return this.tokens;
  }

  get capacity(): number {
    return this.limit.capacity;
  }

  setLimit(limit: BucketLimit): void {
    checkLimit(limit);
    this.refill();
    this.limit = limit;
    this.tokens = Math.min(this.tokens, limit.capacity);
  }

  /** Takes `cost` tokens if they are there. A cost above capacity is charged as the capacity. */
  tryTake(cost: number): boolean {
    this.refill();
    const c = Math.min(cost, this.limit.capacity);
    if (this.tokens + 1e-9 < c) return false;
    this.tokens -= c;
    return true;
  }

  /** Milliseconds until `cost` tokens will be there (0 when they are now). */
  waitMs(cost: number): number {
    this.refill();
    const missing = Math.min(cost, this.limit.capacity) - this.tokens;
    return missing <= 0 ? 0 : Math.ceil((missing / this.limit.refillRate) * 1000);
  }

  /** After a 429: the venue's bucket is empty whatever ours thought. */
  drain(): void {
    this.refill();
    this.tokens = 0;
  }

  private refill(): void {
    const t = this.now();
    const elapsed = t - this.last;
    if (elapsed > 0) this.tokens = Math.min(this.limit.capacity, this.tokens + (elapsed / 1000) * this.limit.refillRate);
    this.last = t;
  }
}

function checkLimit(limit: BucketLimit): void {
  if (!(limit.refillRate > 0) || !(limit.capacity > 0) || !Number.isFinite(limit.refillRate) || !Number.isFinite(limit.capacity)) {
    throw new Error(`a rate limit needs a positive refill rate and capacity, got ${JSON.stringify(limit)}`);
  }
}

interface Waiter {
  cost: number;
  urgent: boolean;
  resolve(): void;
  reject(error: Error): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * FIFO waiting on each bucket: a request never overtakes an earlier one of the same kind, so a
 * burst of cheap cancels cannot starve an order, and nothing is sent that the venue would refuse.
 * The one exception is urgent work (the kill switch's cancel-all): it goes ahead of every ordinary
 * request waiting, FIFO among itself, so an emergency never queues behind routine reads.
 */
export class KalshiRateLimiter {
  private readonly buckets: Record<BucketKind, TokenBucket>;
  private readonly queues: Record<BucketKind, Waiter[]> = { read: [], write: [] };
  private readonly timers: Record<BucketKind, ReturnType<typeof setTimeout> | undefined> = { read: undefined, write: undefined };
  /** Requests that had to wait, and 429s reported back: for the venues pane and tests. */
  readonly stats = { waited: 0, throttled: 0 };

  private current: RateLimits;

  constructor(
    limits: RateLimits = BASIC_LIMITS,
    now: () => number = () => performance.now(),
  ) {
    this.current = limits;
    this.buckets = { read: new TokenBucket(limits.read, now), write: new TokenBucket(limits.write, now) };
  }

  limits(): RateLimits {
    return this.current;
  }

  setLimits(limits: RateLimits): void {
    this.buckets.read.setLimit(limits.read);
    this.buckets.write.setLimit(limits.write);
    this.current = limits;
    this.pump('read');
    this.pump('write');
  }

  /** Resolves when `cost` tokens of `kind` have been taken for the caller; `urgent` goes ahead of ordinary waiters. */
  acquire(kind: BucketKind, cost: number, signal?: AbortSignal, urgent = false): Promise<void> {
    if (signal?.aborted) return Promise.reject(new RateLimitAbortedError('aborted while waiting for the rate limiter'));
    const queue = this.queues[kind];
    const firstOrdinary = queue.findIndex((w) => !w.urgent);
    const ahead = urgent ? (firstOrdinary < 0 ? queue.length : firstOrdinary) : queue.length;
    if (ahead === 0 && this.buckets[kind].tryTake(cost)) return Promise.resolve();
    this.stats.waited++;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { cost, urgent, resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          reject(new RateLimitAbortedError('aborted while waiting for the rate limiter'));
          this.pump(kind);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      queue.splice(ahead, 0, waiter);
      this.pump(kind);
    });
  }

  /** The venue said 429: empty our bucket so the next requests wait for a refill. */
  throttled(kind: BucketKind): void {
    this.stats.throttled++;
    this.buckets[kind].drain();
  }

  /** Rejects every waiter (on dispose). */
  close(): void {
    for (const kind of ['read', 'write'] as const) {
      clearTimeout(this.timers[kind]);
      this.timers[kind] = undefined;
      for (const w of this.queues[kind].splice(0)) {
        if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
        w.reject(new RateLimitAbortedError('the Kalshi connection was closed'));
      }
    }
  }

  private pump(kind: BucketKind): void {
    const queue = this.queues[kind];
    const bucket = this.buckets[kind];
    while (queue.length > 0 && bucket.tryTake(queue[0]!.cost)) {
      const w = queue.shift()!;
      if (w.onAbort) w.signal?.removeEventListener('abort', w.onAbort);
      w.resolve();
    }
    clearTimeout(this.timers[kind]);
    this.timers[kind] = undefined;
    if (queue.length > 0) {
      this.timers[kind] = setTimeout(() => {
        this.timers[kind] = undefined;
        this.pump(kind);
      }, Math.max(1, bucket.waitMs(queue[0]!.cost)));
    }
  }
}

/** Reads `GET /account/limits` ({read|write: {refill_rate, bucket_capacity}}); null when unreadable. */
export function parseAccountLimits(body: unknown): RateLimits | null {
  if (typeof body !== 'object' || body === null) return null;
  const bucket = (v: unknown): BucketLimit | null => {
    if (typeof v !== 'object' || v === null) return null;
    const { refill_rate: rate, bucket_capacity: cap } = v as { refill_rate?: unknown; bucket_capacity?: unknown };
    if (typeof rate !== 'number' || !(rate > 0) || !Number.isFinite(rate)) return null;
    const capacity = typeof cap === 'number' && cap > 0 && Number.isFinite(cap) ? cap : rate;
    return { refillRate: rate, capacity };
  };
  const read = bucket((body as { read?: unknown }).read);
  const write = bucket((body as { write?: unknown }).write);
  return read && write ? { read, write } : null;
}
