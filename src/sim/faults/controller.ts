// Live fault state. The venue servers ask it, per message or per order, whether to misbehave;
// it owns the timers for scheduled stalls and the once-a-second connection-drop lottery.
// Fault decisions come from their own seeded stream, but since they are drawn per message they
// follow the traffic, not the clock: same seed and same traffic, same faults.
import type { VenueId } from '../venues';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import type { Rng } from '../core/rng';
import { emptySpec, parseFaultSpec, type FaultSpec } from './spec';

export class FaultController implements IDisposable {
  private spec: FaultSpec;
  private readonly stalledUntil: Record<VenueId, number> = { kalshi: 0, polymarket: 0 };
  private readonly stallEndTimers: Record<VenueId, NodeJS.Timeout | undefined> = { kalshi: undefined, polymarket: undefined };
  private scheduleTimers: NodeJS.Timeout[] = [];
  private readonly dropTimer: NodeJS.Timeout;
  /** Feed messages the venues' sockets have sent (the traffic these faults follow). */
  readonly sent: Record<VenueId, number> = { kalshi: 0, polymarket: 0 };

  private readonly dropRequested = new Emitter<{ venue: VenueId; rate: number }>();
  /** Each open connection of `venue` should be cut with probability `rate` (1 = all). */
  readonly onDrop = this.dropRequested.event;
  private readonly stallEnded = new Emitter<VenueId>();
  /** A stall ended: held messages may flow. */
  readonly onStallEnd = this.stallEnded.event;

  constructor(
    private readonly rng: Rng,
    initial: FaultSpec = emptySpec(),
    private readonly now: () => number = Date.now,
  ) {
    this.spec = initial;
    this.scheduleStalls();
    this.dropTimer = setInterval(() => {
      for (const venue of ['kalshi', 'polymarket'] as const) {
        const rate = this.spec[venue].drop;
        if (rate > 0) this.dropRequested.fire({ venue, rate });
      }
    }, 1000);
    this.dropTimer.unref();
  }

  current(): FaultSpec {
    return { kalshi: { ...this.spec.kalshi }, polymarket: { ...this.spec.polymarket } };
  }

  /** Replaces every fault. */
  set(spec: FaultSpec): void {
    this.spec = { kalshi: { ...spec.kalshi }, polymarket: { ...spec.polymarket } };
    this.scheduleStalls();
  }

  /** Applies SPEC text on top of the current faults. Throws FaultSpecError on bad text. */
  merge(text: string): FaultSpec {
    this.set(parseFaultSpec(text, this.spec));
    return this.current();
  }

  clear(): void {
    this.set(emptySpec());
    for (const venue of ['kalshi', 'polymarket'] as const) this.endStall(venue);
  }

  /** Cuts every open connection of one venue (or both) now. */
  dropAll(venue?: VenueId): void {
    for (const v of venue ? [venue] : (['kalshi', 'polymarket'] as const)) this.dropRequested.fire({ venue: v, rate: 1 });
  }

  /** Holds the venue's feed messages for `ms` from now. */
  stall(venue: VenueId, ms: number): void {
    this.stalledUntil[venue] = Math.max(this.stalledUntil[venue], this.now() + ms);
    clearTimeout(this.stallEndTimers[venue]);
    const timer = setTimeout(() => this.endStall(venue), Math.max(0, this.stalledUntil[venue] - this.now()));
    timer.unref();
    this.stallEndTimers[venue] = timer;
  }

  isStalled(venue: VenueId): boolean {
    return this.stalledUntil[venue] > this.now();
  }

  latencyMs(venue: VenueId): number {
    return this.spec[venue].latencyMs;
  }

  /** Should this Kalshi orderbook_delta be swallowed? */
  shouldGap(): boolean {
    return this.rng.chance(this.spec.kalshi.gap);
  }

  shouldReject(venue: VenueId): boolean {
    return this.rng.chance(this.spec[venue].reject);
  }

  shouldFillPartially(venue: VenueId): boolean {
    return this.rng.chance(this.spec[venue].partial);
  }

  /** Should this message or answer go out in another shape the venue is known to send? */
  shouldVary(venue: VenueId, share = 1): boolean {
    return this.rng.chance(this.spec[venue].variants * share);
  }

  /** Should this REST request be answered 429 (a rate-limit storm)? */
  shouldThrottle(venue: VenueId): boolean {
    return this.spec[venue].throttle > 0 && this.rng.chance(this.spec[venue].throttle);
  }

  /** Should a new order for `contracts` be refused for its size? */
  shouldRejectSize(venue: VenueId, contracts: number): boolean {
    const above = this.spec[venue].rejectAbove;
    return above !== null && contracts > above;
  }

  /** Wall ms before shares bought now can be sold (0: at once). */
  settleMs(venue: VenueId): number {
    return this.spec[venue].settleMs;
  }

  /** A decision at probability p from the fault stream (for per-connection drops). */
  decide(p: number): boolean {
    return p >= 1 || this.rng.chance(p);
  }

  dispose(): void {
    clearInterval(this.dropTimer);
    for (const t of this.scheduleTimers) clearTimeout(t); // clears intervals too in Node
    for (const venue of ['kalshi', 'polymarket'] as const) clearTimeout(this.stallEndTimers[venue]);
    this.dropRequested.dispose();
    this.stallEnded.dispose();
  }

  private endStall(venue: VenueId): void {
    clearTimeout(this.stallEndTimers[venue]);
    this.stallEndTimers[venue] = undefined;
    this.stalledUntil[venue] = 0;
    this.stallEnded.fire(venue);
  }

  private scheduleStalls(): void {
    for (const t of this.scheduleTimers) clearTimeout(t); // clears intervals too in Node
    this.scheduleTimers = [];
    for (const venue of ['kalshi', 'polymarket'] as const) {
      const stall = this.spec[venue].stall;
      if (!stall) continue;
      const first = setTimeout(() => {
        this.stall(venue, stall.durationMs);
        if (stall.everyMs !== null) {
          const every = setInterval(() => this.stall(venue, stall.durationMs), stall.everyMs);
          every.unref();
          this.scheduleTimers.push(every);
        }
      }, stall.afterMs);
      first.unref();
      this.scheduleTimers.push(first);
    }
  }
}
