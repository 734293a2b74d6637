// Switches the simulator's faults on and off over the run. Feed faults take turns (one at a time,
// so a resync is timed against the fault that caused it): Kalshi sequence gaps, dropped
// connections, stalled feeds, latency spikes. Order faults (rejects, partial fills) come and go on
// their own rhythm, overlapping the feed faults. Every decision draws from the seeded stream.
import type { VenueId } from '../shared/ids';
import type { SimulatorHandle } from '../sim/index';
import type { ChaosRng } from './rng';

export const FAULT_KINDS = ['gap', 'drop', 'stall', 'latency', 'reject', 'partial'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRates {
  /** Share of orders refused while rejects are on (the brief: 5 %). */
  reject: number;
  /** Share of orders filled about half while partials are on (the brief: 20 %). */
  partial: number;
  /** Share of Kalshi deltas swallowed while gaps are on. */
  gap: number;
}

export const DEFAULT_FAULT_RATES: FaultRates = { reject: 0.05, partial: 0.2, gap: 0.02 };

type FeedFault = 'gap' | 'drop' | 'stall' | 'latency';
const FEED_FAULTS: readonly FeedFault[] = ['gap', 'drop', 'stall', 'latency'];
const VENUES: readonly VenueId[] = ['kalshi', 'polymarket'];

export class FaultSchedule {
  /** Times each kind was switched on (a window of gaps/latency/rejects/partials, one drop, one stall). */
  readonly injected: Record<FaultKind, number> = { gap: 0, drop: 0, stall: 0, latency: 0, reject: 0, partial: 0 };
  private feed: { kind: FeedFault; spec: string } | null = null;
  private order = { reject: false, partial: false };
  private timers = new Set<NodeJS.Timeout>();
  private running = false;
  private nextFeed = 0;

  constructor(
    private readonly sim: SimulatorHandle,
    private readonly rng: ChaosRng,
    private readonly rates: FaultRates = DEFAULT_FAULT_RATES,
  ) {}

  start(): void {
    this.running = true;
    this.nextFeed = this.rng.int(0, FEED_FAULTS.length - 1);
    this.later(this.rng.int(500, 1500), () => this.feedOn());
    this.later(this.rng.int(1000, 3000), () => this.toggleOrders());
  }

  /** Switches every fault off; the world runs clean from now. */
  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.feed = null;
    this.order = { reject: false, partial: false };
    this.sim.faults.clear();
  }

  /** Feed fault windows are never left half-open by a caller that only wants order faults off. */
  private apply(): void {
    const items: string[] = [];
    if (this.feed && this.feed.spec !== '') items.push(this.feed.spec);
    if (this.order.reject) items.push(`reject=${this.rates.reject}`);
    if (this.order.partial) items.push(`partial=${this.rates.partial}`);
    this.sim.faults.set(items.join(','));
  }

  private feedOn(): void {
    if (!this.running) return;
    const kind = FEED_FAULTS[this.nextFeed++ % FEED_FAULTS.length]!;
    const venue = this.rng.pick(VENUES);
    let onMs = this.rng.int(2000, 4000);
    switch (kind) {
      case 'gap':
        this.feed = { kind, spec: `gap=kalshi:${this.rates.gap}` };
        break;
      case 'latency':
        this.feed = { kind, spec: `latency=${venue}:${this.rng.int(200, 900)}ms` };
        break;
      case 'drop':
        this.feed = { kind, spec: '' };
        this.sim.faults.dropConnections(this.rng.chance(0.3) ? undefined : venue);
        onMs = 1500;
        break;
      case 'stall':
        this.feed = { kind, spec: '' };
        onMs = this.rng.int(1500, 3500);
        this.sim.faults.stall(venue, onMs);
        break;
    }
    this.injected[kind]++;
    this.apply();
    this.later(onMs, () => {
      this.feed = null;
      this.apply();
      // Quiet between feed faults: a resync is timed against one fault at a time.
      this.later(this.rng.int(1500, 3000), () => this.feedOn());
    });
  }

  private toggleOrders(): void {
    if (!this.running) return;
    const reject = this.rng.chance(0.5);
    const partial = this.rng.chance(0.5);
    if (reject && !this.order.reject) this.injected.reject++;
    if (partial && !this.order.partial) this.injected.partial++;
    this.order = { reject, partial };
    this.apply();
    this.later(this.rng.int(4000, 9000), () => this.toggleOrders());
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}
