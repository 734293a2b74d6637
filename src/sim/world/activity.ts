// Which listings a world at the venues' scale re-quotes each tick. Real markets are not equally
// busy: a few trade all day, most are quiet. Listings are ranked once (a seeded shuffle) and
// picked with Zipf-like weights 1/rank^s, as many each tick as keep the venues' feeds near a
// target message rate: the simulator counts what its sockets sent and adjusts how many it moves.
import type { Rng } from '../core/rng';

/** Zipf exponent: the busiest listing takes ~9% of the traffic of 30,000, the top 1% about half. */
const ZIPF_S = 1;

export class ZipfPicker<T> {
  private readonly ranked: readonly T[];
  private readonly cumulative: Float64Array;

  constructor(items: readonly T[], rng: Rng, s = ZIPF_S) {
    this.ranked = rng.shuffle(items);
    this.cumulative = new Float64Array(this.ranked.length);
    let total = 0;
    for (let i = 0; i < this.ranked.length; i++) this.cumulative[i] = total += 1 / (i + 1) ** s;
  }

  get size(): number {
    return this.ranked.length;
  }

  pick(rng: Rng): T {
    const c = this.cumulative;
    const u = rng.next() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return this.ranked[lo]!;
  }
}

/**
 * How many listings to re-quote per tick for a target message rate: from the messages the last
 * ticks actually sent per re-quote (a running estimate), never fewer than one, never more than
 * one re-quote per message of the budget (a quote moves at least one level when anyone listens).
 */
export class RateController {
  private perQuote = 2;
  private lastSent: number | null = null;
  private lastWall: number | null = null;
  private lastQuotes = 0;

  constructor(
    private readonly messagesPerSecond: number,
    private readonly sent: () => number,
  ) {}

  /** Re-quotes for this tick, given the wall clock now. */
  next(wallMs: number): number {
    const sent = this.sent();
    // Nothing sent for the last quotes: nobody is listening; keep the world turning slowly.
    let idle = false;
    if (this.lastSent !== null && this.lastQuotes > 0) {
      const observed = (sent - this.lastSent) / this.lastQuotes;
      if (observed > 0) this.perQuote = 0.8 * this.perQuote + 0.2 * observed;
      else idle = true;
    }
    const elapsed = this.lastWall === null ? 0 : Math.min(1_000, wallMs - this.lastWall);
    this.lastSent = sent;
    this.lastWall = wallMs;
    const budget = (this.messagesPerSecond * elapsed) / 1000;
    const full = Math.max(1, Math.min(Math.ceil(budget), Math.round(budget / this.perQuote)));
    const quotes = idle ? Math.max(1, Math.min(full, Math.floor(this.lastQuotes / 2))) : full;
    this.lastQuotes = quotes;
    return elapsed === 0 ? 0 : quotes;
  }
}
