// Paper trading's market impact (freqtrade #6963, Hummingbot #4877): liquidity a paper order takes
// is marked consumed in the books, so the next paper order — and the Scanner — cannot fill on it
// again. The venue never saw the trade, so its feed keeps showing that liquidity; ours gives it
// back linearly over `decayMs`, as a market maker would refill it.
import type { IDisposable } from '../../shared/lifecycle';
import type { LiquiditySource } from '../books/liquidity';
import type { LadderId } from '../books/marketBook';
import type { Clock } from '../platform/clock';

export interface MarketImpactOptions {
  clock: Clock;
  /** How long taken liquidity takes to come back entirely (linear). */
  decayMs?: number;
  /** How often the decay is applied. */
  stepMs?: number;
  /** Ask ladders whose view changed (taken or given back): re-size the baskets on them. */
  onChanged(ladders: readonly LadderId[]): void;
}

interface Take {
  source: LiquiditySource;
  /** Price on the source's own scale. */
  price: number;
  qty: number;
  remaining: number;
  at: number;
}

export const DEFAULT_IMPACT_DECAY_MS = 3_000;

export class MarketImpact implements IDisposable {
  private takes: Take[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  readonly decayMs: number;
  private readonly stepMs: number;

  constructor(private readonly options: MarketImpactOptions) {
    this.decayMs = Math.max(1, options.decayMs ?? DEFAULT_IMPACT_DECAY_MS);
    this.stepMs = Math.max(10, options.stepMs ?? Math.min(250, this.decayMs / 4));
  }

  /** Marks `qty` at `price` (the source's scale) as taken now. Call `changed` after a batch. */
  take(source: LiquiditySource, price: number, qty: number): void {
    if (qty <= 0) return;
    source.levels.consume(price, qty);
    this.takes.push({ source, price, qty, remaining: qty, at: this.options.clock.monotonic() });
    if (this.timer === null) {
      this.timer = setInterval(() => this.decay(), this.stepMs);
      this.timer.unref?.();
    }
  }

  /** Gives back what has decayed by now. Returns the ladders whose view changed. */
  decay(now = this.options.clock.monotonic()): LadderId[] {
    const changed = new Set<LadderId>();
    const kept: Take[] = [];
    for (const t of this.takes) {
      const left = Math.ceil((t.qty * Math.max(0, this.decayMs - (now - t.at))) / this.decayMs);
      if (left < t.remaining) {
        t.source.levels.restore(t.price, t.remaining - left);
        t.remaining = left;
        if (t.source.ladder !== null) changed.add(t.source.ladder);
      }
      if (t.remaining > 0) kept.push(t);
    }
    this.takes = kept;
    if (kept.length === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
    if (changed.size > 0) this.options.onChanged([...changed]);
    return [...changed];
  }

  /** Liquidity still marked taken, summed (0.01 contracts). */
  outstanding(): number {
    return this.takes.reduce((t, x) => t + x.remaining, 0);
  }

  /** Gives everything back at once (leaving paper mode, shutting down). */
  clear(): void {
    const changed = new Set<LadderId>();
    for (const t of this.takes) {
      t.source.levels.restore(t.price, t.remaining);
      if (t.source.ladder !== null) changed.add(t.source.ladder);
    }
    this.takes = [];
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (changed.size > 0) this.options.onChanged([...changed]);
  }

  dispose(): void {
    this.clear();
  }
}
