// One order through the order path (risk/ORDER_PATH.md): pre-flight with its venue, ledger intent
// → breaker gate → venue call with no await in between, then everything the venue says —
// acknowledgement, rejection, fills, or nothing at all — is reconciled into the ledger before
// anyone decides what to do next. An order whose call times out or fails is looked up on the
// venue; it is never read as unfilled. Every order carries the kill switch's guard into the
// connector. The desk counts nothing towards the breaker: the executor records one outcome per
// execution, once its unwind has decided.
import type { VenueId } from '../../shared/ids';
import { formatPrice, formatQty, parseQty, type Qty } from '../../shared/units';
import type { ActivityLog } from '../activity/activityLog';
import type { Clock } from '../clock';
import { newClientOrderId, type Ledger } from '../ledger/ledger';
import type { OrderRecord } from '../ledger/types';
import { Money, toQty } from '../positions/money';
import type { CircuitBreaker } from '../risk/circuitBreaker';
import { OrderRefusedError, type MarketInfo, type OrderLookup, type OrderRef, type OrderRequest, type OrderResult, type TradingApi, type VenueFill } from '../venues/venue';
import type { ExecutionConfig } from './config';
import type { FillRouter } from './fillRouter';
import type { OrderEnd, OrderOutcome, OrderSpec } from './types';
import { errorText, sleep, withTimeout } from './wait';

export interface OrderDeskDeps {
  ledger: Ledger;
  risk: CircuitBreaker;
  trading(venue: VenueId): TradingApi | null;
  /** The venue's details of a market, for pre-flight; null when unknown. */
  marketInfo(market: OrderSpec['market']): MarketInfo | undefined;
  router: FillRouter;
  activity: ActivityLog;
  clock: Clock;
  config: ExecutionConfig;
}

/** An order built (and, where the venue signs orders, signed) but not yet written or sent. */
export interface BuiltOrder {
  readonly spec: OrderSpec;
  readonly clientOrderId: string;
  readonly api: TradingApi;
  readonly request: OrderRequest;
  /** Known before sending where the venue derives it from the order (a Polymarket order hash). */
  readonly venueOrderId: string | null;
  readonly sendNow: () => Promise<OrderResult>;
}

export type Built = { ok: true; order: BuiltOrder } | { ok: false; spec: OrderSpec; reason: string; permanent: boolean };

export type Prepared =
  | { ok: true; spec: OrderSpec; clientOrderId: string; order: BuiltOrder }
  | { ok: false; spec: OrderSpec; clientOrderId: string | null; reason: string };

export interface SentOrder {
  spec: OrderSpec;
  clientOrderId: string;
  api: TradingApi;
  /** The venue call, started in the tick the order was authorized. */
  call: Promise<OrderResult>;
}

type Resolution =
  | { kind: 'result'; result: OrderResult }
  | { kind: 'lookup'; lookup: OrderLookup }
  | { kind: 'absent'; reason: string }
  | { kind: 'unresolved'; reason: string };

const sideText = (s: OrderSpec) => `${s.side} ${formatQty(s.qty)} ${s.outcome.toUpperCase()} ${s.market} @ ${s.side === 'buy' ? '≤' : '≥'} ${formatPrice(s.limitPrice)}`;

export class OrderDesk {
  constructor(private readonly d: OrderDeskDeps) {}

  /**
   * Builds the venue request with a fresh client order id; where the venue signs orders, signs it
   * now, so the venue's id can go into the ledger intent. Nothing is written or sent yet.
   */
  async build(spec: OrderSpec): Promise<Built> {
    const api = this.d.trading(spec.venue);
    if (!api) return { ok: false, spec, reason: `${spec.venue} is not connected for trading`, permanent: false };
    const clientOrderId = newClientOrderId();
    const request: OrderRequest = { ...this.shape(spec), clientOrderId, guard: this.guard() };
    if (typeof api.prepareOrder === 'function') {
      try {
        const prepared = await withTimeout(api.prepareOrder(request), this.d.config.orderTimeoutMs, `${spec.venue} order signing`);
        return { ok: true, order: { spec, clientOrderId, api, request, venueOrderId: prepared.venueOrderId, sendNow: () => prepared.send() } };
      } catch (e) {
        if (e instanceof OrderRefusedError) return { ok: false, spec, reason: e.message, permanent: e.permanent };
        return { ok: false, spec, reason: `the ${spec.venue} order could not be prepared: ${errorText(e)}`, permanent: false };
      }
    }
    return { ok: true, order: { spec, clientOrderId, api, request, venueOrderId: null, sendNow: () => api.placeOrder(request) } };
  }

  /**
   * What the order's venue would refuse about it (precision at the tick, minimum size or
   * notional, market status, credentials, balance), asked before any order of a basket is sent.
   * Null when it may be sent.
   */
  async preflight(spec: OrderSpec): Promise<string | null> {
    const api = this.d.trading(spec.venue);
    if (!api) return `${spec.venue} is not connected for trading`;
    const market = this.d.marketInfo(spec.market);
    if (!market) return `the ${spec.venue} details of ${spec.market} (tick, minimum size, status) are unknown`;
    if (market.status !== 'open') return `${spec.market} is ${market.status}`;
    const problem = api.orderProblem?.(this.shape(spec), market) ?? null;
    if (problem !== null) return problem;
    if (typeof api.preflight !== 'function') return null;
    try {
      return await withTimeout(api.preflight({ ...this.shape(spec), clientOrderId: 'preflight' }, market), this.d.config.lookupTimeoutMs, `${spec.venue} pre-flight`);
    } catch (e) {
      return `the ${spec.venue} pre-flight failed: ${errorText(e)}`;
    }
  }

  private shape(spec: OrderSpec): Omit<OrderRequest, 'clientOrderId'> {
    return { market: spec.market, outcome: spec.outcome, side: spec.side, limitPrice: spec.limitPrice, qty: spec.qty, timeInForce: 'ioc' };
  }

  /** The kill switch's hold on an order inside its connector (venue.ts OrderGuard). */
  private guard(): OrderRequest['guard'] {
    const risk = this.d.risk;
    return { signal: risk.orderSignal(), recheck: () => risk.recheck() };
  }

  /**
   * Writes the intent and asks the gate, synchronously; send in the same tick. A refusal is final
   * in the ledger ('refused') and says why; nothing was sent.
   */
  prepare(order: BuiltOrder): Prepared {
    const { spec, clientOrderId } = order;
    this.d.ledger.recordOrderIntent({
      clientOrderId,
      basketId: spec.basketId,
      legIndex: spec.legIndex,
      side: spec.side,
      purpose: spec.purpose,
      timeInForce: 'ioc',
      qty: formatQty(spec.qty),
      limitPrice: formatPrice(spec.limitPrice),
      venueOrderId: order.venueOrderId,
    });
    const verdict = this.d.risk.authorizeOrder({
      clientOrderId,
      basketId: spec.basketId,
      legIndex: spec.legIndex,
      venue: spec.venue,
      market: spec.market,
      outcome: spec.outcome,
      side: spec.side,
      qty: spec.qty,
      price: spec.limitPrice,
      worstCaseLoss: spec.worstCaseLoss,
      purpose: spec.purpose,
    });
    if (!verdict.ok) {
      this.d.ledger.markOrderFinal(clientOrderId, 'refused', verdict.reason);
      this.d.activity.append({ kind: 'order', level: 'warn', venue: spec.venue, ref: clientOrderId, message: `Refused ${sideText(spec)}: ${verdict.reason}` });
      return { ok: false, spec, clientOrderId, reason: verdict.reason };
    }
    return { ok: true, spec, clientOrderId, order };
  }

  /** Withdraws an authorized order that will not be sent after all (another leg was refused). */
  withdraw(prepared: Prepared & { ok: true }, reason: string): void {
    this.d.ledger.markOrderFinal(prepared.clientOrderId, 'refused', reason);
  }

  /** Starts the venue call now, in the caller's tick. Never throws. */
  send(prepared: Prepared & { ok: true }): SentOrder {
    const { spec, clientOrderId, order } = prepared;
    let call: Promise<OrderResult>;
    try {
      call = order.sendNow();
    } catch (e) {
      call = Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    call.catch(() => undefined);
    this.d.activity.append({ kind: 'order', venue: spec.venue, ref: clientOrderId, message: `Sent ${sideText(spec)} (${spec.purpose}, immediate-or-cancel)` });
    return { spec, clientOrderId, api: order.api, call };
  }

  /** build + prepare + send + settle, for one order on its own (completing and flattening). */
  async place(spec: OrderSpec): Promise<OrderOutcome> {
    const built = await this.build(spec);
    if (!built.ok) return this.outcome(spec, null, null, 'failed', built.reason, built.permanent);
    const prepared = this.prepare(built.order);
    if (!prepared.ok) return this.outcome(spec, prepared.clientOrderId, null, 'refused', prepared.reason);
    return this.settle(this.send(prepared));
  }

  /**
   * Several orders at once: all built, then every intent and gate check, then every send in one
   * tick, then settled together. Orders the gate refuses are not sent; the others are.
   */
  async placeTogether(specs: readonly OrderSpec[]): Promise<OrderOutcome[]> {
    const built = await Promise.all(specs.map((s) => this.build(s)));
    const outcomes: OrderOutcome[] = built.filter((b) => !b.ok).map((b) => this.outcome(b.spec, null, null, 'failed', (b as { reason: string }).reason, (b as { permanent: boolean }).permanent));
    const prepared = built.filter((b) => b.ok).map((b) => this.prepare((b as { order: BuiltOrder }).order));
    for (const p of prepared) if (!p.ok) outcomes.push(this.outcome(p.spec, p.clientOrderId, null, 'refused', p.reason));
    const sent = prepared.filter((p) => p.ok).map((p) => this.send(p as Prepared & { ok: true }));
    outcomes.push(...(await Promise.all(sent.map((s) => this.settle(s)))));
    return outcomes;
  }

  /** Everything after the send: the answer, or a lookup when there is none, then the fills. */
  async settle(sent: SentOrder): Promise<OrderOutcome> {
    const { spec, clientOrderId: cid } = sent;
    const { ledger, activity, config } = this.d;
    let resolution: Resolution;
    try {
      resolution = { kind: 'result', result: await withTimeout(sent.call, config.orderTimeoutMs, `${spec.venue} order ${cid}`) };
    } catch (e) {
      const reason = `outcome unknown: ${errorText(e)}`;
      ledger.markOrderUnknown(cid, reason);
      activity.append({ kind: 'error', level: 'warn', venue: spec.venue, ref: cid, message: `Order ${cid} (${sideText(spec)}): ${reason}; looking it up on ${spec.venue}` });
      resolution = await this.resolveUnknown(sent);
    }

    if (resolution.kind === 'absent') {
      ledger.markOrderFinal(cid, 'failed', resolution.reason);
      activity.append({ kind: 'order', level: 'warn', venue: spec.venue, ref: cid, message: `Order ${cid} never reached ${spec.venue}: ${resolution.reason}` });
      return this.outcome(spec, cid, null, 'failed', resolution.reason);
    }
    if (resolution.kind === 'unresolved') {
      activity.append({ kind: 'error', level: 'error', venue: spec.venue, ref: cid, message: `Order ${cid}: ${resolution.reason}; it stays pending and is reconciled at the next start` });
      return this.outcome(spec, cid, ledger.order(cid)?.venueOrderId ?? null, 'unknown', resolution.reason);
    }
    if (resolution.kind === 'result' && resolution.result.status === 'rejected') {
      const reason = resolution.result.rejectReason ?? 'rejected by the venue';
      ledger.recordReject(cid, reason);
      activity.append({ kind: 'reject', venue: spec.venue, ref: cid, message: `${spec.venue} rejected ${sideText(spec)}: ${reason}` });
      return this.outcome(spec, cid, resolution.result.venueOrderId, 'rejected', reason, resolution.result.permanent === true);
    }

    let venueOrderId: string | null;
    let venueFilled: Qty;
    let lookup: OrderLookup | null = null;
    if (resolution.kind === 'result') {
      const r = resolution.result;
      venueOrderId = r.venueOrderId;
      this.ack(sent, venueOrderId);
      for (const f of r.fills) this.d.router.record(spec.venue, f);
      venueFilled = r.filledQty;
      const status = r.status;
      if (status === 'resting' || status === 'pending') {
        // An immediate order the venue still holds (a delayed match is not "unfilled"): wait for
        // it to be decided, then make sure nothing of it stays on the book.
        lookup = await this.awaitDecided(sent, venueOrderId, status === 'pending' ? config.pendingWaitMs : config.restingWaitMs);
        if (lookup === null || lookup.state === 'resting') lookup = await this.cancelAndLookUp(sent, venueOrderId);
      }
    } else {
      lookup = resolution.lookup;
      venueOrderId = lookup.venueOrderId;
      this.ack(sent, venueOrderId);
      if (lookup.state === 'resting') lookup = await this.cancelAndLookUp(sent, venueOrderId);
      venueFilled = 0 as Qty;
    }
    if (lookup) {
      const parsed = parseQty(lookup.filledQty, 'floor');
      if (parsed.ok) venueFilled = Math.max(venueFilled, parsed.value) as Qty;
    }

    const haveAll = await this.collectFills(sent, venueOrderId, venueFilled);
    const order = ledger.order(cid)!;
    const filled = toQty(new Money(order.filledQty));
    if (!haveAll) {
      const reason = `${spec.venue} reports ${formatQty(venueFilled)} filled but only ${order.filledQty} of fills were received`;
      activity.append({ kind: 'error', level: 'error', venue: spec.venue, ref: cid, message: `Order ${cid}: ${reason}; it stays open until its fills arrive or the next start reconciles it` });
      return this.outcome(spec, cid, venueOrderId, 'unknown', reason);
    }
    if (lookup?.state === 'resting') {
      const reason = `still resting on ${spec.venue} after a cancel`;
      activity.append({ kind: 'error', level: 'error', venue: spec.venue, ref: cid, message: `Order ${cid}: ${reason}` });
      return this.outcome(spec, cid, venueOrderId, 'unknown', reason);
    }
    if (!order.final) {
      const reason = filled > 0 ? `filled ${order.filledQty} of ${order.qty}; the rest was cancelled` : `nothing filled at ${spec.side === 'buy' ? '≤' : '≥'} ${formatPrice(spec.limitPrice)}; cancelled`;
      ledger.markOrderFinal(cid, 'cancelled', reason);
    }
    const end: OrderEnd = filled >= spec.qty ? 'filled' : filled > 0 ? 'partial' : 'unfilled';
    if (end === 'unfilled') activity.append({ kind: 'order', venue: spec.venue, ref: cid, message: `Nothing filled on ${sideText(spec)}` });
    return this.outcome(spec, cid, venueOrderId, end, end === 'filled' ? null : ledger.order(cid)!.reason);
  }

  private ack(sent: SentOrder, venueOrderId: string | null): void {
    this.d.ledger.recordAck(sent.clientOrderId, { venueOrderId });
    this.d.router.acked(sent.spec.venue, venueOrderId);
  }

  /**
   * Polls the venue for an order whose call timed out or failed, while still listening to the
   * call. "Never placed" is concluded only when the call itself has failed and, for at least
   * `absentConfirmMs` after that failure, the venue's order lookups and its fills agree that there
   * is no such order (a listing can lag the matching engine); otherwise, past the deadline, the
   * outcome stays unknown.
   */
  private async resolveUnknown(sent: SentOrder): Promise<Resolution> {
    const { config, clock } = this.d;
    const deadline = clock.monotonic() + config.unknownResolveMs;
    let settled: { result?: OrderResult; error?: unknown; at: number } | null = null;
    void sent.call.then(
      (result) => (settled = { result, at: clock.monotonic() }),
      (error: unknown) => (settled = { error, at: clock.monotonic() }),
    );
    let emptyAfterFailure = 0;
    while (clock.monotonic() < deadline) {
      const s = settled as { result?: OrderResult; error?: unknown; at: number } | null;
      if (s?.result) return { kind: 'result', result: s.result };
      // Until the call settles, its answer ends the pause early; after a failure, only time does.
      if (s === null) await Promise.race([sleep(config.lookupIntervalMs), sent.call.then(() => undefined, () => undefined)]);
      else await sleep(config.lookupIntervalMs);
      const after = settled as { result?: OrderResult; error?: unknown; at: number } | null;
      if (after?.result) return { kind: 'result', result: after.result };
      const askedAt = clock.monotonic();
      const venueOrderId = this.d.ledger.order(sent.clientOrderId)?.venueOrderId ?? null;
      let found: OrderLookup | null;
      try {
        found = await withTimeout(sent.api.findOrder(this.lookupRef(sent, venueOrderId)), config.lookupTimeoutMs, `${sent.spec.venue} order lookup`);
      } catch {
        continue;
      }
      if (found) return { kind: 'lookup', lookup: found };
      const failed = settled as { error?: unknown; at: number } | null;
      if (!failed || !('error' in failed) || failed.at > askedAt) continue;
      emptyAfterFailure++;
      if (emptyAfterFailure < 2 || clock.monotonic() - failed.at < config.absentConfirmMs) continue;
      // The listing has shown nothing for the whole window: the fills must say the same.
      let own: VenueFill[];
      try {
        const created = this.d.ledger.order(sent.clientOrderId)?.createdAt ?? this.d.clock.now();
        const fills = await withTimeout(sent.api.fills(created - 60_000), config.lookupTimeoutMs, `${sent.spec.venue} fills`);
        own = fills.filter((f) => f.clientOrderId === sent.clientOrderId || (venueOrderId !== null && f.venueOrderId === venueOrderId));
      } catch {
        continue;
      }
      if (own.length > 0) {
        // Its fills exist though no listing shows it: it was placed (an immediate order is done).
        let filled = 0;
        for (const f of own) {
          const q = parseQty(f.qty, 'floor');
          if (q.ok) filled += q.value;
          this.d.router.record(sent.spec.venue, f);
        }
        return { kind: 'lookup', lookup: { venueOrderId: own[0]!.venueOrderId, clientOrderId: sent.clientOrderId, state: 'canceled', filledQty: formatQty(filled as Qty), remainingQty: '0' } };
      }
      return { kind: 'absent', reason: `the send failed (${errorText(failed.error)}) and for ${Math.round(clock.monotonic() - failed.at)} ms ${sent.spec.venue} listed no such order and reported no fill of it` };
    }
    return { kind: 'unresolved', reason: `${sent.spec.venue} neither answered nor showed the order within ${config.unknownResolveMs} ms` };
  }

  /** Waits until the venue has matched or killed an order it held, polling it; null if it never says. */
  private async awaitDecided(sent: SentOrder, venueOrderId: string | null, waitMs: number): Promise<OrderLookup | null> {
    const { config, clock } = this.d;
    const deadline = clock.monotonic() + waitMs;
    let last: OrderLookup | null = null;
    while (clock.monotonic() < deadline) {
      if (await this.d.router.waitForFilled(sent.clientOrderId, sent.spec.qty, Math.min(config.lookupIntervalMs * 4, Math.max(1, deadline - clock.monotonic())))) break;
      try {
        last = await withTimeout(sent.api.findOrder(this.lookupRef(sent, venueOrderId)), config.lookupTimeoutMs, `${sent.spec.venue} order lookup`);
        if (last && last.state !== 'resting') return last;
      } catch {
        // ask again
      }
    }
    try {
      return await withTimeout(sent.api.findOrder(this.lookupRef(sent, venueOrderId)), config.lookupTimeoutMs, `${sent.spec.venue} order lookup`);
    } catch {
      return last;
    }
  }

  /** What a venue is asked to find an order by; the order's own terms help a venue that nets positions. */
  private lookupRef(sent: SentOrder, venueOrderId: string | null): OrderRef {
    return { clientOrderId: sent.clientOrderId, venueOrderId, market: sent.spec.market, outcome: sent.spec.outcome, side: sent.spec.side };
  }

  /** Cancels what is left of an order on the book, then reads its final state. */
  private async cancelAndLookUp(sent: SentOrder, venueOrderId: string | null): Promise<OrderLookup | null> {
    const { spec, clientOrderId: cid, api } = sent;
    if (venueOrderId) {
      try {
        await withTimeout(api.cancelOrder(venueOrderId, spec.market), this.d.config.lookupTimeoutMs, `${spec.venue} cancel`);
        this.d.activity.append({ kind: 'cancel', venue: spec.venue, ref: cid, message: `Cancelled the unfilled rest of order ${cid} on ${spec.venue}` });
      } catch (e) {
        this.d.activity.append({ kind: 'cancel', level: 'warn', venue: spec.venue, ref: cid, message: `Cancel of order ${cid} on ${spec.venue} failed: ${errorText(e)}` });
      }
    }
    for (let i = 0; i < 3; i++) {
      try {
        const found = await withTimeout(api.findOrder(this.lookupRef(sent, venueOrderId)), this.d.config.lookupTimeoutMs, `${spec.venue} order lookup`);
        if (found && found.state !== 'resting') return found;
        if (found && i === 2) return found;
      } catch {
        // try again
      }
      await sleep(this.d.config.lookupIntervalMs);
    }
    return null;
  }

  /**
   * Makes the ledger hold every fill the venue reported: those already recorded (from the result
   * or the push channel), those that arrive within the wait, then those fetched from the venue.
   */
  private async collectFills(sent: SentOrder, venueOrderId: string | null, venueFilled: Qty): Promise<boolean> {
    const { spec, clientOrderId: cid, api } = sent;
    if (venueFilled <= 0) return true;
    if (await this.d.router.waitForFilled(cid, venueFilled, Math.min(this.d.config.fillWaitMs, 250))) return true;
    const order = this.d.ledger.order(cid)!;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fills = await withTimeout(api.fills(order.createdAt - 60_000), this.d.config.lookupTimeoutMs, `${spec.venue} fills`);
        for (const f of fills) {
          if ((venueOrderId !== null && f.venueOrderId === venueOrderId) || f.clientOrderId === cid) this.d.router.record(spec.venue, f);
        }
      } catch (e) {
        this.d.activity.append({ kind: 'error', level: 'warn', venue: spec.venue, ref: cid, message: `Fetching fills of order ${cid} failed: ${errorText(e)}` });
      }
      if (await this.d.router.waitForFilled(cid, venueFilled, this.d.config.fillWaitMs / 3)) return true;
    }
    return false;
  }

  private outcome(spec: OrderSpec, cid: string | null, venueOrderId: string | null, end: OrderEnd, reason: string | null, permanent = false): OrderOutcome {
    const order: OrderRecord | null = cid ? this.d.ledger.order(cid) : null;
    return {
      spec,
      clientOrderId: cid ?? '',
      venueOrderId: venueOrderId ?? order?.venueOrderId ?? null,
      end,
      filledQty: order ? toQty(new Money(order.filledQty)) : (0 as Qty),
      reason,
      permanent,
    };
  }
}
