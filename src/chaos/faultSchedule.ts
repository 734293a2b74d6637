// Switches the simulator's faults on and off over the run. Feed faults take turns (one at a time,
// so a resync is timed against the fault that caused it): Kalshi sequence gaps, dropped
// connections, stalled feeds, latency spikes. Order faults (rejects, partial fills, second-leg
// rejects of large baskets, delayed Polymarket settlement) come and go on their own rhythm,
// overlapping the feed faults, and Kalshi rate-limit (429) storms on theirs. Every decision draws
// from the seeded stream.
import type { VenueId } from '../sim/venues';
import type { SimulatorHandle } from '../sim/index';
import type { ChaosRng } from './rng';

export const FAULT_KINDS = ['gap', 'drop', 'stall', 'latency', 'reject', 'partial', 'rejectabove', 'settle', 'throttle'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRates {
  /** Share of orders refused while rejects are on (the brief: 5 %). */
  reject: number;
  /** Share of orders filled about half while partials are on (the brief: 20 %). */
  partial: number;
  /** Share of Kalshi deltas swallowed while gaps are on. */
  gap: number;
  /** Share of Kalshi requests answered 429 during a storm. */
  throttle: number;
}

export const DEFAULT_FAULT_RATES: FaultRates = { reject: 0.05, partial: 0.2, gap: 0.02, throttle: 0.5 };

type FeedFault = 'gap' | 'drop' | 'stall' | 'latency';
interface OrderFaults {
  reject: boolean;
  partial: boolean;
  rejectAbove: { venue: VenueId; contracts: number } | null;
  settleMs: number;
}
const NO_ORDER_FAULTS: OrderFaults = { reject: false, partial: false, rejectAbove: null, settleMs: 0 };
const FEED_FAULTS: readonly FeedFault[] = ['gap', 'drop', 'stall', 'latency'];
const VENUES: readonly VenueId[] = ['kalshi', 'polymarket'];

export class FaultSchedule {
  /** Times each kind was switched on (a window of gaps/latency/rejects/partials, one drop, one stall). */
  readonly injected: Record<FaultKind, number> = { gap: 0, drop: 0, stall: 0, latency: 0, reject: 0, partial: 0, rejectabove: 0, settle: 0, throttle: 0 };
  private feed: { kind: FeedFault; spec: string } | null = null;
  private order: OrderFaults = NO_ORDER_FAULTS;
  private storm = false;
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
    this.later(this.rng.int(3000, 8000), () => this.stormOn());
  }

  /** Switches every fault off; the world runs clean from now. */
  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.feed = null;
    this.order = NO_ORDER_FAULTS;
    this.storm = false;
    this.sim.faults.clear();
  }

  /** Feed fault windows are never left half-open by a caller that only wants order faults off. */
  private apply(): void {
    const items: string[] = [];
    if (this.feed && this.feed.spec !== '') items.push(this.feed.spec);
    if (this.order.reject) items.push(`reject=${this.rates.reject}`);
    if (this.order.partial) items.push(`partial=${this.rates.partial}`);
    if (this.order.rejectAbove) items.push(`rejectabove=${this.order.rejectAbove.venue}:${this.order.rejectAbove.contracts}`);
    if (this.order.settleMs > 0) items.push(`settle=polymarket:${this.order.settleMs}ms`);
    if (this.storm) items.push(`throttle=kalshi:${this.rates.throttle}`);
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
        if (this.rng.chance(0.3)) {
          // Every venue's connections at once, Polymarket US's included.
          this.sim.faults.dropConnections(undefined);
          this.sim.polymarketUs.dropConnections();
        } else {
          this.sim.faults.dropConnections(venue);
        }
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
    // Large baskets lose a leg: orders above 15–40 contracts refused on one venue.
    const rejectAbove = this.rng.chance(0.4) ? { venue: this.rng.pick(VENUES), contracts: this.rng.int(15, 40) } : null;
    // Shares bought on Polymarket sellable only 1–3 s after the match.
    const settleMs = this.rng.chance(0.4) ? this.rng.int(1000, 3000) : 0;
    if (reject && !this.order.reject) this.injected.reject++;
    if (partial && !this.order.partial) this.injected.partial++;
    if (rejectAbove && !this.order.rejectAbove) this.injected.rejectabove++;
    if (settleMs > 0 && this.order.settleMs === 0) this.injected.settle++;
    this.order = { reject, partial, rejectAbove, settleMs };
    this.apply();
    this.later(this.rng.int(4000, 9000), () => this.toggleOrders());
  }

  /** A Kalshi rate-limit storm: half its requests answered 429 for 1.5–3 s, every 10–25 s. */
  private stormOn(): void {
    if (!this.running) return;
    this.storm = true;
    this.injected.throttle++;
    this.apply();
    this.later(this.rng.int(1500, 3000), () => {
      this.storm = false;
      this.apply();
      this.later(this.rng.int(10_000, 25_000), () => this.stormOn());
    });
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}
