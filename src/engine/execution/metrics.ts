// The numbers `GET /api/metrics` reports: this session's opportunities, executions, orders and
// fills (counted as they happen), the ledger's P&L and the breaker's trips, per venue too.
import type { BreakerState, Metrics, Mode, OpportunitiesDeltaSchema, PositionsView, TripKind, VenueFees } from '../../shared/contract';
import { registeredVenueIds, type VenueId } from '../../shared/ids';
import type { z } from 'zod';
import { Money, toText } from '../../shared/money';
import type { FinishedExecution } from './executor';

type Delta = z.infer<typeof OpportunitiesDeltaSchema>;

interface VenueCounts {
  ordersSent: number;
  fills: number;
  contracts: InstanceType<typeof Money>;
}

export class ExecutionMetrics {
  private readonly open = new Set<string>();
  private found = 0;
  private readonly executions = { total: 0, filled: 0, completed: 0, flattened: 0, refused: 0, failed: 0 };
  private readonly orders = { sent: 0, filled: 0, partial: 0, unfilled: 0, rejected: 0, unknown: 0 };
  private fillCount = 0;
  private fillContracts = new Money(0);
  private readonly venues = new Map<VenueId, VenueCounts>();
  /** Live fees modelled vs charged per venue (set by the engine: src/engine/fees). */
  venueFees: ((venue: VenueId) => VenueFees | undefined) | null = null;

  constructor(readonly since: number) {}

  /** An `opportunities` event: a basket found is one that was not open before. */
  onOpportunities(delta: Delta): void {
    for (const o of delta.upserts) {
      if (!this.open.has(o.id)) {
        this.open.add(o.id);
        this.found++;
      }
    }
    for (const id of delta.removed) this.open.delete(id);
  }

  onExecution({ result, orders }: FinishedExecution): void {
    this.executions.total++;
    this.executions[result.status]++;
    for (const o of orders) {
      if (o.end === 'refused' || o.clientOrderId === '') continue;
      this.orders.sent++;
      this.venue(o.spec.venue).ordersSent++;
      if (o.end === 'filled' || o.end === 'partial' || o.end === 'unfilled' || o.end === 'rejected' || o.end === 'unknown') this.orders[o.end]++;
    }
  }

  onFill(venue: VenueId, qty: string): void {
    this.fillCount++;
    this.fillContracts = this.fillContracts.plus(qty);
    const v = this.venue(venue);
    v.fills++;
    v.contracts = v.contracts.plus(qty);
  }

  /** Fill rate for the session stats: filled or partly filled orders over orders sent. */
  fillRate(): number | null {
    return this.orders.sent === 0 ? null : (this.orders.filled + this.orders.partial) / this.orders.sent;
  }

  /** The status bar's "Executed": an attempt refused before anything was sent did not execute. */
  counts(): { executions: number; fills: number; opportunitiesFound: number } {
    return { executions: this.executions.total - this.executions.refused, fills: this.fillCount, opportunitiesFound: this.found };
  }

  snapshot(mode: Mode, positions: PositionsView, breaker: BreakerState): Metrics {
    const tripsByKind: Partial<Record<TripKind, number>> = {};
    for (const t of breaker.trips) tripsByKind[t.kind] = (tripsByKind[t.kind] ?? 0) + 1;
    const venues = registeredVenueIds().map((venue) => {
      const c = this.venues.get(venue);
      const p = positions.venues.find((v) => v.venue === venue);
      const fees = this.venueFees?.(venue);
      return {
        venue,
        ordersSent: c?.ordersSent ?? 0,
        fills: c?.fills ?? 0,
        contracts: toText(c?.contracts ?? new Money(0)),
        fees: p?.fees ?? '0',
        realised: p?.realised ?? '0',
        openExposure: p?.openExposure ?? '0',
        ...(fees ? { feeReconciliation: fees } : {}),
      };
    });
    return {
      since: this.since,
      mode,
      opportunities: { found: this.found, open: this.open.size },
      executions: { ...this.executions },
      orders: { ...this.orders },
      fills: { count: this.fillCount, contracts: toText(this.fillContracts) },
      pnl: { ...positions.totals },
      breaker: { state: breaker.state, killSwitch: breaker.killSwitch, trips: breaker.trips.length, tripsByKind },
      venues,
    };
  }

  private venue(venue: VenueId): VenueCounts {
    let v = this.venues.get(venue);
    if (!v) {
      v = { ordersSent: 0, fills: 0, contracts: new Money(0) };
      this.venues.set(venue, v);
    }
    return v;
  }
}
