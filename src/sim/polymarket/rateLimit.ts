// Polymarket's published REST limits are sliding windows per endpoint group (venues.md §2.12,
// docs.polymarket.com api-reference/rate-limits): requests over a window are throttled. With
// `publishedLimits` the simulator answers them 429 instead — stricter than the venue's queueing,
// so a client that outpaces the limits is seen, not just slowed — and counts them.

export interface WindowLimit {
  /** A path this limit applies to (exact, or a prefix ending in "/"); undefined: every path. */
  path?: string;
  requests: number;
  windowMs: number;
}

/** Gamma: general 4,000 / 10 s; /events 500 / 10 s; /markets 300 / 10 s. */
export const GAMMA_PUBLISHED_LIMITS: readonly WindowLimit[] = [
  { requests: 4_000, windowMs: 10_000 },
  { path: '/events', requests: 500, windowMs: 10_000 },
  { path: '/markets', requests: 300, windowMs: 10_000 },
];

/** CLOB: general 9,000 / 10 s; /book 1,500 / 10 s; /books 500 / 10 s. */
export const CLOB_PUBLISHED_LIMITS: readonly WindowLimit[] = [
  { requests: 9_000, windowMs: 10_000 },
  { path: '/book', requests: 1_500, windowMs: 10_000 },
  { path: '/books', requests: 500, windowMs: 10_000 },
];

export class WindowLimiter {
  private readonly times: number[][];
  /** Requests answered 429, and the most any window held (per limit, busiest seen). */
  throttled = 0;
  readonly peak: number[];

  constructor(
    private readonly limits: readonly WindowLimit[],
    private readonly now: () => number = Date.now,
  ) {
    this.times = limits.map(() => []);
    this.peak = limits.map(() => 0);
  }

  /** True when a request to `path` may proceed (and it is counted). */
  allow(path: string): boolean {
    const t = this.now();
    const applies = this.limits.map((l) => l.path === undefined || path === l.path || (l.path.endsWith('/') && path.startsWith(l.path)));
    for (let i = 0; i < this.limits.length; i++) {
      if (!applies[i]) continue;
      const window = this.times[i]!;
      while (window.length > 0 && window[0]! <= t - this.limits[i]!.windowMs) window.shift();
      if (window.length >= this.limits[i]!.requests) {
        this.throttled++;
        return false;
      }
    }
    for (let i = 0; i < this.limits.length; i++) {
      if (!applies[i]) continue;
      this.times[i]!.push(t);
      this.peak[i] = Math.max(this.peak[i]!, this.times[i]!.length);
    }
    return true;
  }

  /** The busiest window seen for each limit, against what it allows. */
  report(): { path: string; peak: number; limit: number; windowMs: number }[] {
    return this.limits.map((l, i) => ({ path: l.path ?? '*', peak: this.peak[i]!, limit: l.requests, windowMs: l.windowMs }));
  }
}
