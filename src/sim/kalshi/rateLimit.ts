// Kalshi's token buckets (venues.md §1.9): separate read and write buckets per account, 10
// tokens a request, 2 for a cancel. Over the limit: 429 {"error":"too many requests"}, no
// Retry-After. The defaults are generous so normal use is never throttled; tests and the chaos
// run can set a real tier.
export interface KalshiRateLimit {
  /** Tokens refilled per second. */
  readPerSecond: number;
  writePerSecond: number;
  /** Bucket capacity in seconds of refill. */
  burstSeconds: number;
}

export const GENEROUS_RATE_LIMIT: KalshiRateLimit = { readPerSecond: 200_000, writePerSecond: 200_000, burstSeconds: 2 };
/** The Basic tier, for tests that want to meet the limit. */
export const BASIC_RATE_LIMIT: KalshiRateLimit = { readPerSecond: 200, writePerSecond: 100, burstSeconds: 1 };

class Bucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  take(cost: number, now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}

export class KalshiRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** Requests answered 429. */
  throttled = 0;

  constructor(
    private readonly limits: KalshiRateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the request may proceed. `who` is the API key (or "public"). */
  allow(who: string, kind: 'read' | 'write', cost: number): boolean {
    const key = `${kind}:${who}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const rate = kind === 'read' ? this.limits.readPerSecond : this.limits.writePerSecond;
      bucket = new Bucket(rate, Math.max(cost, rate * this.limits.burstSeconds), this.now());
      this.buckets.set(key, bucket);
    }
    if (bucket.take(cost, this.now())) return true;
    this.throttled++;
    return false;
  }
}
