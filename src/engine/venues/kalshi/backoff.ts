// Reconnect delays: exponential with jitter, so a venue restart is not met by every client at
// the same instant, and bounded, so a long outage is retried at a steady pace.

export interface BackoffOptions {
  /** First delay, ms (default 250). */
  baseMs?: number;
  /** Longest delay, ms (default 30 000). */
  maxMs?: number;
}

export class Backoff {
  private attempt = 0;
  private readonly baseMs: number;
  private readonly maxMs: number;

  constructor(
    options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.baseMs = options.baseMs ?? 250;
    this.maxMs = options.maxMs ?? 30_000;
    if (!(this.baseMs > 0) || !(this.maxMs >= this.baseMs)) throw new Error('backoff needs 0 < baseMs <= maxMs');
  }

  /** Failures since the last reset. */
  get failures(): number {
    return this.attempt;
  }

  /** The next delay: uniformly within [½, 1] × min(max, base × 2^n) ("equal jitter"). */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  reset(): void {
    this.attempt = 0;
  }
}
