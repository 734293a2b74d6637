// Every fill a venue reports — in an order's result, pushed on its fill channel, or fetched when
// reconciling — goes into the ledger through here, once (the ledger is idempotent by venue fill
// id). A pushed fill can arrive before the order's acknowledgement names its venue order id: it
// waits here until then, and is reported if its order never turns up.
import type { VenueId } from '../../shared/ids';
import { DisposableStore, Emitter, type IDisposable } from '../../shared/lifecycle';
import { formatQty, type Qty } from '../../shared/units';
import type { ActivityLog } from '../activity/activityLog';
import type { Clock } from '../clock';
import { LedgerError } from '../ledger/errors';
import type { Ledger } from '../ledger/ledger';
import type { FillOutcome, OrderRecord } from '../ledger/types';
import { Money } from '../positions/money';
import type { TradingApi, VenueFill } from '../venues/venue';

export type RouteResult =
  | { status: 'recorded' | 'duplicate'; order: OrderRecord }
  /** The venue says a fill did not happen after all (a Polymarket trade that ended FAILED). */
  | { status: 'failed'; recorded: boolean }
  | { status: 'conflict' | 'invalid'; reason: string }
  | { status: 'unmatched' };

export interface FillRouterOptions {
  ledger: () => Ledger;
  activity: ActivityLog;
  clock: Clock;
  /** How long a fill for an order not (yet) in the ledger is kept before it is reported. */
  unmatchedTtlMs?: number;
}

interface Waiting {
  fill: VenueFill;
  venue: VenueId;
  since: number;
}

export class FillRouter implements IDisposable {
  private readonly unmatched = new Map<string, Waiting[]>();
  private readonly subscriptions = new DisposableStore();
  private sweepTimer: ReturnType<typeof setInterval> | null = null;
  private readonly ttl: number;

  private readonly onDidRecordEmitter = new Emitter<{ venue: VenueId; fill: VenueFill; order: OrderRecord }>();
  /** A fill was newly recorded in the ledger (not a duplicate). */
  readonly onDidRecord = this.onDidRecordEmitter.event;
  private readonly onDidFailEmitter = new Emitter<{ venue: VenueId; fill: VenueFill; order: OrderRecord }>();
  /**
   * A fill already in the ledger was reported failed by the venue. The ledger keeps fills (it has
   * no undo), so the position it shows is now larger than the venue's: the trader must know.
   */
  readonly onDidFailRecordedFill = this.onDidFailEmitter.event;

  constructor(private readonly options: FillRouterOptions) {
    this.ttl = options.unmatchedTtlMs ?? 60_000;
  }

  /**
   * Routes the fills a venue pushes, while `when` holds (a live venue's fills belong to the live
   * ledger only). Dispose the result when the venue goes.
   */
  attach(venue: VenueId, api: TradingApi, when: () => boolean = () => true): IDisposable {
    return this.subscriptions.add(api.onFill((fill) => {
      if (when()) this.record(venue, fill);
    }));
  }

  /**
   * Records one fill of `venue` against the ledger order it belongs to (the current mode's ledger,
   * or `into`: a live fill arriving after a switch to paper still belongs to the live ledger).
   * Never throws.
   */
  record(venue: VenueId, fill: VenueFill, into?: Ledger): RouteResult {
    const ledger = into ?? this.options.ledger();
    let order: OrderRecord | null = null;
    try {
      if (fill.clientOrderId) order = ledger.order(fill.clientOrderId);
      if (!order && fill.venueOrderId) order = ledger.orderByVenueOrderId(venue, fill.venueOrderId);
    } catch (e) {
      return this.invalid(venue, fill, (e as Error).message);
    }
    if (!order) {
      if (reportedFailed(fill)) return { status: 'failed', recorded: false };
      if (!into) this.hold(venue, fill);
      return { status: 'unmatched' };
    }
    if (reportedFailed(fill)) return this.failed(venue, fill, order, ledger);
    if (order.venue !== venue || order.market !== fill.market || order.outcome !== fill.outcome || order.side !== fill.side) {
      const reason = `${venue} reported fill ${fill.fillId} as ${fill.side} ${fill.outcome.toUpperCase()} ${fill.market}, but order ${order.clientOrderId} is ${order.side} ${order.outcome.toUpperCase()} ${order.market} on ${order.venue}; not recorded`;
      this.options.activity.append({ kind: 'error', level: 'error', venue, message: reason, ref: order.clientOrderId });
      return { status: 'conflict', reason };
    }
    let outcome: FillOutcome;
    try {
      outcome = ledger.recordFill({
        venue,
        venueFillId: fill.fillId,
        clientOrderId: order.clientOrderId,
        qty: fill.qty,
        price: fill.price,
        fee: fill.fee,
        venueTime: Number.isSafeInteger(fill.at) && fill.at >= 0 ? fill.at : null,
      });
    } catch (e) {
      if (e instanceof LedgerError) return this.invalid(venue, fill, e.message);
      throw e;
    }
    if (outcome.status === 'conflict') {
      this.options.activity.append({ kind: 'error', level: 'error', venue, message: `Fill conflict: ${outcome.reason}`, ref: order.clientOrderId });
      return { status: 'conflict', reason: outcome.reason };
    }
    if (outcome.status === 'duplicate') return { status: 'duplicate', order: ledger.order(order.clientOrderId) ?? order };
    const o = outcome.order;
    this.options.activity.append({
      kind: 'fill',
      venue,
      ref: o.clientOrderId,
      message: `Filled ${o.side} ${fill.qty} ${o.outcome.toUpperCase()} ${o.market} @ ${fill.price} (fee ${fill.fee})${fill.final ? '' : ', provisional until the venue confirms'}; order ${o.filledQty}/${o.qty}`,
    });
    if (outcome.overfilled) {
      this.options.activity.append({ kind: 'error', level: 'error', venue, ref: o.clientOrderId, message: `Order ${o.clientOrderId} filled ${o.filledQty}, more than the ${o.qty} it asked for` });
    }
    if (!into) this.onDidRecordEmitter.fire({ venue, fill, order: o });
    return { status: 'recorded', order: o };
  }

  /** The venue acknowledged an order with this id: fills that were waiting for it are recorded now. */
  acked(venue: VenueId, venueOrderId: string | null): void {
    if (!venueOrderId) return;
    const key = `${venue}:${venueOrderId}`;
    const waiting = this.unmatched.get(key);
    if (!waiting) return;
    this.unmatched.delete(key);
    for (const w of waiting) this.record(w.venue, w.fill);
  }

  /** Resolves true once the ledger shows at least `qty` filled on the order, false after `ms`. */
  waitForFilled(clientOrderId: string, qty: Qty, ms: number): Promise<boolean> {
    const ledger = this.options.ledger();
    const done = () => {
      const o = ledger.order(clientOrderId);
      return o !== null && new Money(o.filledQty).gte(formatQty(qty));
    };
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const sub = ledger.onDidRecordFill(({ order }) => {
        if (order.clientOrderId === clientOrderId && done()) finish(true);
      });
      const timer = setTimeout(() => finish(done()), ms);
      function finish(v: boolean) {
        clearTimeout(timer);
        sub.dispose();
        resolve(v);
      }
    });
  }

  /** Fills held for orders not in the ledger (yet). */
  pendingUnmatched(): number {
    let n = 0;
    for (const list of this.unmatched.values()) n += list.length;
    return n;
  }

  dispose(): void {
    this.subscriptions.dispose();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    this.unmatched.clear();
    this.onDidRecordEmitter.dispose();
    this.onDidFailEmitter.dispose();
  }

  private hold(venue: VenueId, fill: VenueFill): void {
    const key = `${venue}:${fill.venueOrderId}`;
    const list = this.unmatched.get(key) ?? [];
    if (!list.some((w) => w.fill.fillId === fill.fillId)) list.push({ fill, venue, since: this.options.clock.monotonic() });
    this.unmatched.set(key, list);
    if (this.sweepTimer === null) {
      this.sweepTimer = setInterval(() => this.sweep(), Math.max(50, Math.min(this.ttl, 5_000)));
      this.sweepTimer.unref?.();
    }
  }

  private sweep(): void {
    const now = this.options.clock.monotonic();
    for (const [key, list] of this.unmatched) {
      const stale = list.filter((w) => now - w.since >= this.ttl);
      if (stale.length === 0) continue;
      const kept = list.filter((w) => now - w.since < this.ttl);
      if (kept.length > 0) this.unmatched.set(key, kept);
      else this.unmatched.delete(key);
      for (const w of stale) {
        this.options.activity.append({
          kind: 'fill',
          level: 'warn',
          venue: w.venue,
          ref: w.fill.venueOrderId,
          message: `${w.venue} reported a fill (${w.fill.side} ${w.fill.qty} ${w.fill.outcome.toUpperCase()} ${w.fill.market} @ ${w.fill.price}) for order ${w.fill.venueOrderId}, which is not in the ${this.options.ledger().mode} ledger: placed outside ArbDesk?`,
        });
      }
    }
    if (this.unmatched.size === 0 && this.sweepTimer) {
      clearInterval(this.sweepTimer);
      this.sweepTimer = null;
    }
  }

  private failed(venue: VenueId, fill: VenueFill, order: OrderRecord, ledger: Ledger): RouteResult {
    const recorded = ledger.fillsOfOrder(order.clientOrderId).some((f) => f.venueFillId === fill.fillId);
    if (!recorded) {
      this.options.activity.append({ kind: 'fill', level: 'warn', venue, ref: order.clientOrderId, message: `${venue} trade ${fill.fillId} on order ${order.clientOrderId} failed before it was recorded; nothing to undo` });
      return { status: 'failed', recorded: false };
    }
    this.options.activity.append({
      kind: 'fill',
      level: 'error',
      venue,
      ref: order.clientOrderId,
      message: `${venue} reports trade ${fill.fillId} (${fill.side} ${fill.qty} ${fill.outcome.toUpperCase()} ${fill.market} @ ${fill.price}) FAILED after it matched; the ledger still counts it, so positions overstate ${venue} by ${fill.qty}: check the venue`,
    });
    this.onDidFailEmitter.fire({ venue, fill, order });
    return { status: 'failed', recorded: true };
  }

  private invalid(venue: VenueId, fill: VenueFill, reason: string): RouteResult {
    this.options.activity.append({ kind: 'error', level: 'error', venue, ref: fill.venueOrderId, message: `Malformed fill ${String(fill.fillId)} from ${venue} not recorded: ${reason}` });
    return { status: 'invalid', reason };
  }
}

/** A venue's fill marked as not having happened after all (Polymarket FAILED). */
function reportedFailed(fill: VenueFill): boolean {
  return fill.failed === true;
}
