// Restart reconciliation (risk/ORDER_PATH.md): every order the ledger still has open is looked up
// on its venue — by client order id (Kalshi) or venue order id (Polymarket) — its fills replayed
// into the ledger, and it is closed. An order that somehow still rests is cancelled.
//
// Policy: nothing new is traded at start. A basket left unequal (beyond dust) is shown in
// Positions as unhedged, listed in the activity log and the breaker trips ('unhedged_exposure',
// sticky) whatever caused it — fills replayed now, or a fill recorded before the crash whose other
// leg never left; the trader decides (the `unwindBasket` command runs the complete-or-flatten
// policy on it).
import type { VenueId } from '../../shared/ids';
import { parseQty } from '../../shared/units';
import type { ActivityLog } from '../activity/activityLog';
import type { Ledger } from '../ledger/ledger';
import type { OrderRecord } from '../ledger/types';
import { Money, toQty } from '../positions/money';
import type { CircuitBreaker } from '../risk/circuitBreaker';
import { unequalOf } from '../risk/unhedged';
import type { OrderLookup, OrderRef, TradingApi, VenueFill } from '../venues/venue';
import type { FillRouter } from './fillRouter';
import { errorText, sleep, withTimeout } from './wait';

export interface ReconcileDeps {
  ledger: Ledger;
  trading(venue: VenueId): TradingApi | null;
  router: FillRouter;
  activity: ActivityLog;
  risk: CircuitBreaker;
  timeoutMs?: number;
  /** Only these venues (the ones that just became available); all when absent. */
  venues?: readonly VenueId[];
}

export interface ReconcileReport {
  checked: number;
  fillsReplayed: number;
  closed: { clientOrderId: string; status: string }[];
  leftOpen: { clientOrderId: string; reason: string }[];
  /** Baskets holding unequal legs (beyond dust) after reconciliation, in unsettled markets. */
  unequalBaskets: { basketId: string; legs: { legIndex: number; held: string }[]; causedByReplay: boolean; detail: string; stillOpen: boolean }[];
}

/** How far before an order's creation its fills are searched (venue clocks differ from ours). */
const FILL_WINDOW_MS = 60_000;

export async function reconcilePendingOrders(d: ReconcileDeps): Promise<ReconcileReport> {
  const timeout = d.timeoutMs ?? 5_000;
  const report: ReconcileReport = { checked: 0, fillsReplayed: 0, closed: [], leftOpen: [], unequalBaskets: [] };
  const pending = d.ledger.pendingOrders().filter((o) => !d.venues || d.venues.includes(o.venue));
  const touched = new Set<string>();
  const fillCache = new Map<VenueId, VenueFill[] | Error>();

  const venueFills = async (venue: VenueId, api: TradingApi): Promise<VenueFill[]> => {
    const cached = fillCache.get(venue);
    if (cached instanceof Error) throw cached;
    if (cached) return cached;
    const since = Math.min(...pending.filter((o) => o.venue === venue).map((o) => o.createdAt)) - FILL_WINDOW_MS;
    try {
      const fills = await withTimeout(api.fills(since), timeout, `${venue} fills`);
      fillCache.set(venue, fills);
      return fills;
    } catch (e) {
      const err = new Error(errorText(e));
      fillCache.set(venue, err);
      throw err;
    }
  };

  // First every lookup (a venue that nets positions learns each order's terms from it, and then
  // reports the order's fills in those terms), then the fills.
  const looked: { order: OrderRecord; api: TradingApi; lookup: OrderLookup | null }[] = [];
  for (const order of pending) {
    report.checked++;
    const api = d.trading(order.venue);
    if (!api) {
      report.leftOpen.push({ clientOrderId: order.clientOrderId, reason: `${order.venue} is not connected for trading` });
      continue;
    }
    try {
      looked.push({ order, api, lookup: await lookUp(api, order, timeout) });
    } catch (e) {
      report.leftOpen.push({ clientOrderId: order.clientOrderId, reason: `lookup failed: ${errorText(e)}` });
    }
  }

  for (const { order, api, lookup: found } of looked) {
    const cid = order.clientOrderId;
    let lookup = found;
    let fills: VenueFill[];
    try {
      fills = await venueFills(order.venue, api);
    } catch (e) {
      report.leftOpen.push({ clientOrderId: cid, reason: `fills could not be fetched: ${errorText(e)}` });
      continue;
    }
    let venueOrderId = lookup?.venueOrderId ?? order.venueOrderId;
    if (!lookup && !venueOrderId) {
      // The venue cannot be asked by our id (Polymarket has none) and the crash came before the
      // acknowledgement: attribute its fills by instrument, side, price and time.
      venueOrderId = attribute(d.ledger, order, fills);
      if (venueOrderId) {
        d.activity.append({ kind: 'info', level: 'warn', venue: order.venue, ref: cid, message: `Order ${cid} was matched to ${order.venue} order ${venueOrderId} by its instrument, side, price and time (the venue knows no client ids)` });
      }
    }
    const own = fills.filter((f) => (venueOrderId !== null && f.venueOrderId === venueOrderId) || f.clientOrderId === cid);
    /** The venue knows the order: it answered the lookup, or fills name it. */
    const reached = lookup !== null || own.length > 0;
    if (lookup?.state === 'resting') {
      try {
        await withTimeout(api.cancelOrder(lookup.venueOrderId, order.market), timeout, `${order.venue} cancel`);
        d.activity.append({ kind: 'cancel', venue: order.venue, ref: cid, message: `Order ${cid} was still resting on ${order.venue} after the restart; cancelled` });
        lookup = (await lookUp(api, order, timeout)) ?? lookup;
      } catch (e) {
        report.leftOpen.push({ clientOrderId: cid, reason: `still resting and the cancel failed: ${errorText(e)}` });
        continue;
      }
    }
    if (reached) {
      d.ledger.recordAck(cid, { venueOrderId });
      for (const f of own) {
        const r = d.router.record(order.venue, f);
        if (r.status === 'recorded') {
          report.fillsReplayed++;
          touched.add(order.basketId);
        }
      }
    }
    const now = d.ledger.order(cid)!;
    const filled = toQty(new Money(now.filledQty));
    const venueFilled = lookup ? parseQty(lookup.filledQty, 'floor') : null;
    if (venueFilled?.ok && venueFilled.value > filled) {
      report.leftOpen.push({ clientOrderId: cid, reason: `${order.venue} reports ${lookup!.filledQty} filled; only ${now.filledQty} of fills were found` });
      continue;
    }
    if (lookup?.state === 'resting') {
      report.leftOpen.push({ clientOrderId: cid, reason: 'still resting' });
      continue;
    }
    if (!now.final) {
      const status = reached ? 'cancelled' : 'failed';
      const reason = status === 'failed'
        ? `not found on ${order.venue} after the restart: it was never placed`
        : `closed after the restart: ${now.filledQty} of ${now.qty} filled`;
      d.ledger.markOrderFinal(cid, status, reason);
      report.closed.push({ clientOrderId: cid, status });
    } else {
      report.closed.push({ clientOrderId: cid, status: now.status });
    }
  }

  const still = new Set(d.ledger.pendingOrders().map((o) => o.basketId));
  for (const basketId of new Set(d.ledger.openHoldings().map((h) => h.basketId))) {
    const positions = d.ledger.basketPositions(basketId);
    const unequal = positions ? unequalOf(positions, d.risk.dust) : null;
    if (!positions || !unequal) continue;
    report.unequalBaskets.push({
      basketId,
      legs: positions.legs.map((l) => ({ legIndex: l.leg.legIndex, held: l.state.held.toFixed() })),
      causedByReplay: touched.has(basketId),
      detail: unequal.detail,
      stillOpen: still.has(basketId),
    });
  }

  summarise(d, report);
  return report;
}

async function lookUp(api: TradingApi, order: OrderRecord, timeout: number): Promise<OrderLookup | null> {
  let last: unknown = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const ref: OrderRef = { clientOrderId: order.clientOrderId, venueOrderId: order.venueOrderId, market: order.market, outcome: order.outcome, side: order.side };
      return await withTimeout(api.findOrder(ref), timeout, `${order.venue} order lookup`);
    } catch (e) {
      last = e;
      await sleep(200 * (attempt + 1));
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

/** The venue order whose fills match this order and belong to no other order in the ledger. */
function attribute(ledger: Ledger, order: OrderRecord, fills: readonly VenueFill[]): string | null {
  const limit = new Money(order.limitPrice);
  const groups = new Map<string, VenueFill[]>();
  for (const f of fills) {
    if (f.market !== order.market || f.outcome !== order.outcome || f.side !== order.side) continue;
    if (f.at < order.createdAt - 5_000) continue;
    if (order.side === 'buy' ? new Money(f.price).gt(limit) : new Money(f.price).lt(limit)) continue;
    if (ledger.orderByVenueOrderId(order.venue, f.venueOrderId)) continue;
    if (f.clientOrderId && f.clientOrderId !== order.clientOrderId) continue;
    groups.set(f.venueOrderId, [...(groups.get(f.venueOrderId) ?? []), f]);
  }
  let best: { id: string; at: number } | null = null;
  for (const [id, list] of groups) {
    const qty = list.reduce((t, f) => t.plus(f.qty), new Money(0));
    if (qty.gt(order.qty)) continue;
    const at = Math.min(...list.map((f) => f.at));
    if (!best || at < best.at) best = { id, at };
  }
  return best?.id ?? null;
}

function summarise(d: ReconcileDeps, report: ReconcileReport): void {
  if (report.checked > 0) {
    d.activity.append({
      kind: 'info',
      level: report.leftOpen.length > 0 ? 'warn' : 'info',
      message: `Restart reconciliation: ${report.checked} open order(s) checked, ${report.fillsReplayed} fill(s) replayed, ${report.closed.length} closed${report.leftOpen.length > 0 ? `, ${report.leftOpen.length} still open (${report.leftOpen.map((l) => `${l.clientOrderId}: ${l.reason}`).join('; ')})` : ''}`,
    });
  }
  for (const b of report.unequalBaskets) {
    const legs = b.legs.map((l) => `leg ${l.legIndex + 1} holds ${l.held}`).join(', ');
    d.activity.append({
      kind: 'execution',
      level: 'warn',
      ref: b.basketId,
      message: `Basket ${b.basketId.slice(0, 8)} is unhedged (${legs}); nothing is traded at start: see Positions, and unwind it when you choose`,
    });
  }
  for (const b of report.unequalBaskets) {
    const cause = b.causedByReplay ? 'fills replayed now leave it unequal' : 'it was left unequal before the restart';
    d.risk.markUnhedged(b.basketId, b.detail, `Restart reconciliation: basket ${b.basketId.slice(0, 8)} holds ${b.detail} (${cause}${b.stillOpen ? '; an order of it is still open' : ''})`);
  }
}
