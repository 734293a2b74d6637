import { randomUUID } from 'node:crypto';
import type { Decimal } from 'decimal.js';
import { type ActivityEntry, type Mode, STRATEGY_IDS } from '../../shared/contract';
import { isVenueId, parseMarketRef, type VenueId } from '../../shared/ids';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import type { Clock } from '../platform/clock';
import { Money, ZERO, sum } from '../../shared/money';
import { type Durability, type SqliteDatabase, durabilityFor, ledgerPath, openLedgerDatabase } from './database';
import { LedgerError } from './errors';
import { checkLedgerFile, restrictLedgerFiles } from './ledgerFile';
import { withRedactedWrites } from './redactingWrites';
import {
  type BasketLegRow, type BasketRow, type FillRow, type OrderRow, type SettlementRow,
  exactText, toActivity, toBasket, toBasketOutcome, toFill, toLegState, toOrder, toSettlement,
} from './rows';
import { prepareStatements } from './statements';
import { bookFill } from './fillBooking';
import { holdingOf } from './holdings';
import { bookSettlement } from './settlementBooking';
import { checkId, invalid, money } from './validate';
import { SqliteBreakerStore } from './sqliteBreakerStore';
import {
  type BasketInput, type BasketOutcome, type BasketPositions, type BasketRecord, FINAL_ORDER_STATUSES, type FillInput, type FillOutcome,
  type FillRecord, type FinalOrderStatus, type HoldingChange, type OrderIntentInput, type OrderRecord, type OrderStatus,
  type Realisation, type SettlementInput, type SettlementOutcome, type SettlementRecord,
} from './types';

export interface LedgerOptions {
  mode: Mode;
  clock: Clock;
  /** Defaults to durabilityFor(mode): full for live, normal for paper. */
  durability?: Durability;
  /** Applied to every value written (the engine's redactor): no key is ever stored. */
  redact?: (text: string) => string;
}

/** A fresh client order id: a UUID, as Kalshi recommends for idempotent retries. */
export function newClientOrderId(): string {
  return randomUUID();
}

const FINAL = new Set<OrderStatus>(FINAL_ORDER_STATUSES);

/**
 * The trading ledger: one SQLite file per mode (ledger-paper.sqlite, ledger-live.sqlite) holding
 * baskets, orders, fills, positions, P&L, settlements, breaker events and activity. Every write is
 * one transaction, so a crash at any instant leaves the file as it was before or after the write,
 * never between. Writes are synchronous on the engine thread; statements are prepared once.
 *
 * Events fire after the commit, for the breaker (exposure, losses) and the positions view.
 */
export class Ledger implements IDisposable {
  private readonly db: SqliteDatabase;
  private readonly q: ReturnType<typeof prepareStatements>;
  private closed = false;
  readonly breakerStore: SqliteBreakerStore;

  private readonly onDidChangeOrderEmitter = new Emitter<OrderRecord>();
  readonly onDidChangeOrder = this.onDidChangeOrderEmitter.event;
  private readonly onDidRecordFillEmitter = new Emitter<{ fill: FillRecord; order: OrderRecord }>();
  readonly onDidRecordFill = this.onDidRecordFillEmitter.event;
  private readonly onDidChangeHoldingEmitter = new Emitter<HoldingChange>();
  readonly onDidChangeHolding = this.onDidChangeHoldingEmitter.event;
  private readonly onDidRealiseEmitter = new Emitter<Realisation>();
  readonly onDidRealise = this.onDidRealiseEmitter.event;
  private readonly onDidChangeBasketEmitter = new Emitter<string>();
  /** A basket was created, or its positions changed. */
  readonly onDidChangeBasket = this.onDidChangeBasketEmitter.event;

  private constructor(
    readonly file: string,
    readonly mode: Mode,
    private readonly clock: Clock,
    durability: Durability,
    redact: ((text: string) => string) | undefined,
  ) {
    checkLedgerFile(file);
    const db = openLedgerDatabase(file, mode, durability);
    restrictLedgerFiles(file);
    this.db = redact ? withRedactedWrites(db, redact) : db;
    this.q = prepareStatements(this.db);
    this.breakerStore = new SqliteBreakerStore(this.db, this, () => this.clock.now());
  }

  static open(file: string, options: LedgerOptions): Ledger {
    return new Ledger(file, options.mode, options.clock, options.durability ?? durabilityFor(options.mode), options.redact);
  }

  static openInDir(dataDir: string, options: LedgerOptions): Ledger {
    return Ledger.open(ledgerPath(dataDir, options.mode), options);
  }

  // ── Baskets ────────────────────────────────────────────────────────────────────────────────

  /** Records a basket and its legs (each with an empty position) before any of its orders. */
  createBasket(input: BasketInput): BasketRecord {
    this.assertOpen();
    const id = checkId(input.id, 'basket.id');
    if (!(STRATEGY_IDS as readonly string[]).includes(input.strategy)) throw invalid('basket.strategy', `unknown strategy "${String(input.strategy)}"`);
    const size = money(input.size, 'basket.size', { positive: true });
    const payout = money(input.payoutPerUnit, 'basket.payoutPerUnit', { positive: true });
    if (!Array.isArray(input.legs) || input.legs.length === 0) throw invalid('basket.legs', 'a basket needs at least one leg');
    const legs = input.legs.map((leg, i) => {
      const field = `basket.legs[${i}]`;
      const parsed = parseMarketRef(String(leg.market));
      if (!isVenueId(leg.venue)) throw invalid(`${field}.venue`, `unknown venue "${String(leg.venue)}"`);
      if (!parsed || parsed.venue !== leg.venue) throw invalid(`${field}.market`, `"${String(leg.market)}" is not a ${leg.venue} market reference`);
      if (leg.outcome !== 'yes' && leg.outcome !== 'no') throw invalid(`${field}.outcome`, 'must be "yes" or "no"');
      return {
        basket_id: id,
        leg_index: i,
        venue: leg.venue,
        market: leg.market,
        title: String(leg.title ?? ''),
        outcome: leg.outcome,
        planned_qty: exactText(money(leg.plannedQty, `${field}.plannedQty`, { positive: true })),
        limit_price: exactText(money(leg.limitPrice, `${field}.limitPrice`, { max: '1' })),
      } satisfies BasketLegRow;
    });
    const now = this.clock.now();
    const row: BasketRow = {
      id,
      execution_id: input.executionId ?? null,
      opportunity_id: input.opportunityId ?? null,
      strategy: input.strategy,
      size: exactText(size),
      payout_per_unit: exactText(payout),
      created_at: now,
      settled_at: null,
    };
    this.db.transaction(() => {
      if (this.q.basket.get(id)) throw new LedgerError('duplicate', 'basket.id', `basket.id: "${id}" already exists`);
      this.q.insertBasket.run(row);
      for (const leg of legs) {
        this.q.insertLeg.run(leg);
        this.q.insertPosition.run({ basket_id: id, leg_index: leg.leg_index, updated_at: now });
      }
    })();
    this.onDidChangeBasketEmitter.fire(id);
    return toBasket(row, legs);
  }

  basket(id: string): BasketRecord | null {
    this.assertOpen();
    const row = this.q.basket.get(id);
    return row ? toBasket(row, this.q.legsOfBasket.all(id)) : null;
  }

  /** A basket with each leg's position. */
  basketPositions(id: string): BasketPositions | null {
    this.assertOpen();
    const basket = this.basket(id);
    if (!basket) return null;
    const states = this.q.positionsOfBasket.all(id);
    return {
      basket,
      legs: basket.legs.map((leg) => ({ leg, state: toLegState(states.find((s) => s.leg_index === leg.legIndex)!) })),
    };
  }

  /** Every basket id, oldest first. */
  basketIds(): string[] {
    this.assertOpen();
    return this.q.basketIds.all().map((r) => r.id);
  }

  // ── Orders ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Writes the order before it is sent (status "intent"). After a crash, an intent row is an
   * order that may have reached the venue: restart reconciliation asks the venue by its client id.
   * The instrument comes from the basket leg, so an order can never name the wrong market.
   */
  recordOrderIntent(input: OrderIntentInput): OrderRecord {
    this.assertOpen();
    const cid = checkId(input.clientOrderId, 'order.clientOrderId');
    const basketId = checkId(input.basketId, 'order.basketId');
    const leg = this.q.leg.get(basketId, input.legIndex);
    if (!leg) throw new LedgerError('unknown_basket', 'order.legIndex', `order.legIndex: basket "${basketId}" has no leg ${String(input.legIndex)}`);
    if (input.side !== 'buy' && input.side !== 'sell') throw invalid('order.side', 'must be "buy" or "sell"');
    if (!['entry', 'complete', 'flatten'].includes(input.purpose)) throw invalid('order.purpose', 'must be entry, complete or flatten');
    if (!['ioc', 'fok', 'gtc'].includes(input.timeInForce)) throw invalid('order.timeInForce', 'must be ioc, fok or gtc');
    const qty = money(input.qty, 'order.qty', { positive: true });
    const price = money(input.limitPrice, 'order.limitPrice', { max: '1' });
    const now = this.clock.now();
    const row: OrderRow = {
      client_order_id: cid,
      basket_id: basketId,
      leg_index: leg.leg_index,
      venue: leg.venue,
      market: leg.market,
      outcome: leg.outcome,
      side: input.side,
      purpose: input.purpose,
      time_in_force: input.timeInForce,
      qty: exactText(qty),
      limit_price: exactText(price),
      status: 'intent',
      is_final: 0,
      venue_order_id: input.venueOrderId ?? null,
      filled_qty: '0',
      reason: null,
      created_at: now,
      updated_at: now,
    };
    this.db.transaction(() => {
      if (this.q.order.get(cid)) throw new LedgerError('duplicate', 'order.clientOrderId', `order.clientOrderId: "${cid}" already exists`);
      this.q.insertOrder.run(row);
      this.q.insertOrderEvent.run({ client_order_id: cid, at: now, status: 'intent', detail: null });
    })();
    const order = toOrder(row);
    this.onDidChangeOrderEmitter.fire(order);
    return order;
  }

  /** The venue accepted the order. A late ack on a final order changes nothing. */
  recordAck(clientOrderId: string, ack: { venueOrderId?: string | null } = {}): OrderRecord {
    return this.transition(clientOrderId, (row) => {
      const venueOrderId = ack.venueOrderId ?? null;
      if (venueOrderId !== null && row.venue_order_id !== null && row.venue_order_id !== venueOrderId) {
        throw new LedgerError('conflict', 'ack.venueOrderId', `ack.venueOrderId: order "${row.client_order_id}" already has venue id ${row.venue_order_id}, not ${venueOrderId}`);
      }
      const detail = venueOrderId ? `venue id ${venueOrderId}` : null;
      if (row.status === 'intent' || row.status === 'unknown') return { status: 'acked', venue_order_id: venueOrderId ?? row.venue_order_id, detail };
      // Already acked, filling or final: only a venue id learnt late is worth keeping.
      if (venueOrderId === null || row.venue_order_id === venueOrderId) return null;
      return { status: row.status as OrderStatus, venue_order_id: venueOrderId, detail };
    });
  }

  /** The venue refused the order (final). */
  recordReject(clientOrderId: string, reason: string): OrderRecord {
    return this.markOrderFinal(clientOrderId, 'rejected', reason);
  }

  /** The send's outcome is unknown (timeout, disconnect): reconciliation must ask the venue. */
  markOrderUnknown(clientOrderId: string, reason: string): OrderRecord {
    return this.transition(clientOrderId, (row) => (row.status === 'intent' || row.status === 'acked' ? { status: 'unknown', reason, detail: reason } : null));
  }

  /**
   * Closes an order: no more fills are expected. Repeating the same final status is a no-op;
   * contradicting an earlier final status is refused.
   */
  markOrderFinal(clientOrderId: string, status: FinalOrderStatus, reason: string | null = null): OrderRecord {
    if (!FINAL.has(status)) throw invalid('order.status', `"${String(status)}" is not a final status`);
    return this.transition(clientOrderId, (row) => {
      if (row.is_final === 1) {
        if (row.status === status) return null;
        throw new LedgerError('order_final', 'order.status', `order.status: order "${row.client_order_id}" is already ${row.status}, cannot become ${status}`);
      }
      return { status, reason, detail: reason };
    });
  }

  order(clientOrderId: string): OrderRecord | null {
    this.assertOpen();
    const row = this.q.order.get(clientOrderId);
    return row ? toOrder(row) : null;
  }

  orderByVenueOrderId(venue: string, venueOrderId: string): OrderRecord | null {
    this.assertOpen();
    const row = this.q.orderByVenueId.get(venue, venueOrderId);
    return row ? toOrder(row) : null;
  }

  /** Orders that are not final, oldest first: what restart reconciliation asks the venues about. */
  pendingOrders(): OrderRecord[] {
    this.assertOpen();
    return this.q.pendingOrders.all().map(toOrder);
  }

  ordersOfBasket(basketId: string): OrderRecord[] {
    this.assertOpen();
    return this.q.ordersOfBasket.all(basketId).map(toOrder);
  }

  orderEvents(clientOrderId: string): { at: number; status: string; detail: string | null }[] {
    this.assertOpen();
    return this.q.orderEvents.all(clientOrderId);
  }

  // ── Fills ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Records a fill once, keyed by (venue, venue fill id): a replayed fill changes nothing. In one
   * transaction: the fill, the order's filled quantity and status, the leg's position, and any
   * realised P&L (a sale).
   */
  recordFill(input: FillInput): FillOutcome {
    this.assertOpen();
    const fillId = checkId(input.venueFillId, 'fill.venueFillId', 256);
    const cid = checkId(input.clientOrderId, 'fill.clientOrderId');
    if (!isVenueId(input.venue)) throw invalid('fill.venue', `unknown venue "${String(input.venue)}"`);
    const qty = money(input.qty, 'fill.qty', { positive: true });
    const price = money(input.price, 'fill.price', { max: '1' });
    const fee = money(input.fee, 'fill.fee');
    const venueTime = input.venueTime ?? null;
    if (venueTime !== null && !(Number.isSafeInteger(venueTime) && venueTime >= 0)) throw invalid('fill.venueTime', 'must be a time in ms since the epoch, or null');
    const now = this.clock.now();
    const fillRow: FillRow = {
      venue: input.venue,
      venue_fill_id: fillId,
      client_order_id: cid,
      qty: exactText(qty),
      price: exactText(price),
      fee: exactText(fee),
      venue_time: venueTime,
      recorded_at: now,
    };

    const result = this.db.transaction(() => bookFill(this.q, { mode: this.mode, venue: input.venue, fillId, cid, qty, price, fee, row: fillRow, now }))();
    if (!('kind' in result)) return result;
    const order = toOrder(result.order);
    const fill = toFill(fillRow);
    this.onDidRecordFillEmitter.fire({ fill, order });
    this.onDidChangeOrderEmitter.fire(order);
    this.onDidChangeHoldingEmitter.fire(result.holding);
    if (result.realisation) this.onDidRealiseEmitter.fire(result.realisation);
    this.onDidChangeBasketEmitter.fire(order.basketId);
    return {
      status: 'recorded',
      fill,
      order,
      realised: result.realisation ? exactText(result.realisation.delta) : '0',
      overfilled: result.overfilled,
      oversold: exactText(result.oversold),
    };
  }

  fillsOfOrder(clientOrderId: string): FillRecord[] {
    this.assertOpen();
    return this.q.fillsOfOrder.all(clientOrderId).map(toFill);
  }

  // ── Settlement ─────────────────────────────────────────────────────────────────────────────

  /**
   * A market resolved. Each leg in it is marked with what its contracts pay; a basket whose held
   * legs have all settled is realised (payout − cost − fees) and closed. Recording the same result
   * twice changes nothing; a contradicting result is refused.
   */
  recordSettlement(input: SettlementInput): SettlementOutcome {
    this.assertOpen();
    if (!isVenueId(input.venue)) throw invalid('settlement.venue', `unknown venue "${String(input.venue)}"`);
    const parsed = parseMarketRef(String(input.market));
    if (!parsed || parsed.venue !== input.venue) throw invalid('settlement.market', `"${String(input.market)}" is not a ${input.venue} market reference`);
    const yesValue = money(input.yesValue, 'settlement.yesValue', { max: '1' });
    if (!Number.isSafeInteger(input.settledAt) || input.settledAt < 0) throw invalid('settlement.settledAt', 'must be a time in ms since the epoch');
    const now = this.clock.now();
    const row: SettlementRow = {
      market: input.market,
      venue: input.venue,
      yes_value: exactText(yesValue),
      settled_at: input.settledAt,
      source: String(input.source ?? ''),
      recorded_at: now,
    };

    const result = this.db.transaction(() => bookSettlement(this.q, { market: input.market, yesValue, row, now }))();
    if (!('kind' in result)) return result;
    for (const h of result.holdings) this.onDidChangeHoldingEmitter.fire(h);
    for (const r of result.realisations) this.onDidRealiseEmitter.fire(r);
    for (const id of result.touched) this.onDidChangeBasketEmitter.fire(id);
    return { status: 'recorded', settlement: toSettlement(row), basketsSettled: result.settled, basketsTouched: result.touched, outcomes: result.outcomes };
  }

  /** How a settled basket paid against what it locked in; null while it is not settled. */
  basketOutcome(basketId: string): BasketOutcome | null {
    this.assertOpen();
    const row = this.q.basketOutcome.get(basketId);
    return row ? toBasketOutcome(row) : null;
  }

  /**
   * Cash each venue's account has paid out and taken in over this ledger: sale proceeds, less
   * what was bought and every fee, plus what settled contracts paid. Paper balances start from it.
   */
  cashFlowByVenue(): Map<VenueId, Decimal> {
    this.assertOpen();
    const out = new Map<VenueId, Decimal>();
    for (const row of this.q.allPositions.all()) {
      const s = toLegState(row);
      const paid = s.settledValue === null ? ZERO : s.held.times(s.settledValue);
      const flow = s.proceeds.minus(s.buyCost).minus(s.fees).plus(paid);
      const venue = row.venue as VenueId;
      out.set(venue, (out.get(venue) ?? ZERO).plus(flow));
    }
    return out;
  }

  settlement(market: string): SettlementRecord | null {
    this.assertOpen();
    const row = this.q.settlement.get(market);
    return row ? toSettlement(row) : null;
  }

  // ── P&L, holdings ──────────────────────────────────────────────────────────────────────────

  /** Net realised P&L booked at or after `at` (ms). */
  realisedSince(at: number): Decimal {
    this.assertOpen();
    return sum(this.q.pnlSince.all(at).map((r) => new Money(r.amount)));
  }

  /** Every leg holding contracts in an unsettled market (what counts against the limits). */
  openHoldings(): HoldingChange[] {
    this.assertOpen();
    return this.q.openHoldings.all().map((row) => holdingOf(row, toLegState(row)));
  }

  // ── Activity ───────────────────────────────────────────────────────────────────────────────

  appendActivity(entry: ActivityEntry): void {
    this.assertOpen();
    this.q.insertActivity.run({ at: entry.at, kind: entry.kind, level: entry.level, venue: entry.venue, message: entry.message, ref: entry.ref });
  }

  /** Most recent first. */
  recentActivity(limit = 200): ActivityEntry[] {
    this.assertOpen();
    return this.q.recentActivity.all(limit).map(toActivity);
  }

  // ── Lifetime ───────────────────────────────────────────────────────────────────────────────

  /** How this file is opened (see Durability). */
  durability(): { journalMode: string; synchronous: Durability | 'other' } {
    this.assertOpen();
    const sync = this.db.pragma('synchronous', { simple: true }) as number;
    return { journalMode: String(this.db.pragma('journal_mode', { simple: true })), synchronous: sync === 2 ? 'full' : sync === 1 ? 'normal' : 'other' };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    for (const e of [this.onDidChangeOrderEmitter, this.onDidRecordFillEmitter, this.onDidChangeHoldingEmitter, this.onDidRealiseEmitter, this.onDidChangeBasketEmitter]) e.dispose();
  }

  dispose(): void {
    this.close();
  }

  private transition(
    clientOrderId: string,
    next: (row: OrderRow) => { status: OrderStatus; venue_order_id?: string | null; reason?: string | null; detail: string | null } | null,
  ): OrderRecord {
    this.assertOpen();
    const now = this.clock.now();
    const result = this.db.transaction((): { row: OrderRow; changed: boolean } => {
      const row = this.q.order.get(clientOrderId);
      if (!row) throw new LedgerError('unknown_order', 'order.clientOrderId', `order.clientOrderId: no order "${clientOrderId}" in the ${this.mode} ledger`);
      const change = next(row);
      if (!change) return { row, changed: false };
      const updated: OrderRow = {
        ...row,
        status: change.status,
        is_final: FINAL.has(change.status) ? 1 : 0,
        venue_order_id: change.venue_order_id === undefined ? row.venue_order_id : change.venue_order_id,
        reason: change.reason === undefined ? row.reason : change.reason,
        updated_at: now,
      };
      this.q.updateOrder.run(updated);
      this.q.insertOrderEvent.run({ client_order_id: clientOrderId, at: now, status: change.status, detail: change.detail });
      return { row: updated, changed: true };
    })();
    const order = toOrder(result.row);
    if (result.changed) this.onDidChangeOrderEmitter.fire(order);
    return order;
  }

  private assertOpen(): void {
    if (this.closed) throw new LedgerError('closed', 'ledger', `the ${this.mode} ledger is closed`);
  }
}
