import type { KillSwitchResult } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';
import { Emitter, type IDisposable, toDisposable } from '../../shared/lifecycle';
import type { Clock } from '../platform/clock';
import type { CircuitBreaker } from './circuitBreaker';

/** What a venue's cancel-all reports: the orders it cancelled and those it could not. */
export interface CancelAllResult {
  cancelled: string[];
  failed: { orderId: string | null; reason: string }[];
}

/**
 * Cancels every resting order of one venue. The signal aborts when the kill switch stops waiting
 * (timeout); a canceller may stop then, or go on (its answer is then recorded as a late sweep).
 */
export type Canceller = (signal: AbortSignal) => Promise<CancelAllResult>;

export interface KillSwitchOptions {
  breaker: CircuitBreaker;
  clock: Clock;
  /** How long a venue's cancel-all may take before it is reported as failed. */
  cancelTimeoutMs?: number;
}

export const DEFAULT_CANCEL_TIMEOUT_MS = 3000;

type Sweep = Pick<KillSwitchResult, 'cancelled' | 'failed'>;

/**
 * The kill switch: one action that blocks the order path at once (the breaker's gate refuses
 * everything from the first statement of `engage`), then cancels every resting order on every
 * venue through the cancel-all each venue registered, and reports what was cancelled and what
 * failed. Only a manual re-arm of the breaker undoes it.
 */
export class KillSwitch implements IDisposable {
  private readonly cancellers = new Map<VenueId, Canceller>();
  private readonly timeoutMs: number;
  private readonly onDidSweepEmitter = new Emitter<{ venue: VenueId; result: Sweep; when: SweepWhen }>();
  /**
   * A sweep outside an engage's own answer: a venue registered while engaged and swept at once
   * ('on register'), or a cancel-all that answered after the engage stopped waiting ('late').
   */
  readonly onDidSweep = this.onDidSweepEmitter.event;
  private disposed = false;

  constructor(private readonly options: KillSwitchOptions) {
    this.timeoutMs = options.cancelTimeoutMs ?? DEFAULT_CANCEL_TIMEOUT_MS;
  }

  /**
   * A venue connector registers its cancel-all when it connects and disposes the registration
   * when it goes away; registering again replaces the previous one. A venue that registers while
   * the kill switch is engaged (a reconnect, a restart) is swept at once: while engaged, nothing
   * may rest anywhere.
   */
  registerCanceller(venue: VenueId, canceller: Canceller): IDisposable {
    this.cancellers.set(venue, canceller);
    if (this.options.breaker.state().killSwitch) {
      void this.cancelVenue(venue, canceller).then((result) => this.recordSweep(venue, result, 'on register'));
    }
    return toDisposable(() => {
      if (this.cancellers.get(venue) === canceller) this.cancellers.delete(venue);
    });
  }

  /** Venues that can be swept right now. */
  venues(): VenueId[] {
    return [...this.cancellers.keys()];
  }

  async engage(): Promise<KillSwitchResult> {
    const started = this.options.clock.monotonic();
    const { engagedAt, blockedInMs } = this.options.breaker.engageKillSwitch(started);
    const sweeps = await Promise.all([...this.cancellers].map(([venue, canceller]) => this.cancelVenue(venue, canceller)));
    const result: KillSwitchResult = {
      engagedAt,
      blockedInMs,
      cancelledInMs: this.options.clock.monotonic() - started,
      cancelled: sweeps.flatMap((s) => s.cancelled),
      failed: sweeps.flatMap((s) => s.failed),
    };
    this.options.breaker.recordKillSwitchResult(result);
    return result;
  }

  dispose(): void {
    this.disposed = true;
    this.cancellers.clear();
    this.onDidSweepEmitter.dispose();
  }

  private recordSweep(venue: VenueId, result: Sweep, when: SweepWhen): void {
    if (this.disposed) return;
    this.options.breaker.recordKillSwitchResult({ venue, sweep: when, ...result });
    this.onDidSweepEmitter.fire({ venue, result, when });
  }

  /**
   * One venue's cancel-all, bounded by the timeout; never throws. A cancel-all still going at the
   * timeout (a venue retrying a 429) is reported as not answered; when it answers, that late
   * answer is recorded and announced, so the trader learns what it did cancel.
   */
  private async cancelVenue(venue: VenueId, canceller: Canceller): Promise<Sweep> {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    const answer = Promise.resolve().then(() => canceller(abort.signal)).then((r) => normalise(venue, r), (e: unknown) => failure(venue, e));
    try {
      const outcome = await Promise.race([answer, timedOut]);
      if (outcome !== 'timeout') return outcome;
      abort.abort(new Error('kill switch cancel-all timed out'));
      void answer.then((late) => this.recordSweep(venue, late, 'late'));
      return { cancelled: [], failed: [{ venue, orderId: null, reason: `cancel-all did not answer within ${this.timeoutMs} ms; its answer, if one comes, will show in Activity` }] };
    } finally {
      clearTimeout(timer);
    }
  }
}

type SweepWhen = 'on register' | 'late';

function failure(venue: VenueId, e: unknown): Sweep {
  return { cancelled: [], failed: [{ venue, orderId: null, reason: `cancel-all failed: ${e instanceof Error ? e.message : String(e)}` }] };
}

/** A canceller's answer, checked: a malformed one is a failure, not a silent success. */
function normalise(venue: VenueId, outcome: unknown): Sweep {
  const r = outcome as Partial<CancelAllResult> | null;
  if (!r || !Array.isArray(r.cancelled) || !Array.isArray(r.failed)) {
    return { cancelled: [], failed: [{ venue, orderId: null, reason: 'cancel-all returned no result; resting orders may remain' }] };
  }
  return {
    cancelled: r.cancelled.map((orderId) => ({ venue, orderId: String(orderId) })),
    failed: r.failed.map((f) => ({ venue, orderId: f?.orderId === null || f?.orderId === undefined ? null : String(f.orderId), reason: String(f?.reason ?? 'no reason given') })),
  };
}
