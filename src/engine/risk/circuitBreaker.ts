import type { Decimal } from 'decimal.js';
import type { BreakerState, Limits, TripKind } from '../../shared/contract';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import { type Micros, type Price, type Qty, PRICE_ONE, QTY_ONE } from '../../shared/units';
import type { Clock } from '../platform/clock';
import type { HoldingChange } from '../ledger/types';
import { toMicros, toQty } from '../../shared/money';
import type { BreakerEvent, BreakerStore, PersistedBreaker } from '../ledger/breakerStore';
import { legKey } from './exposure';
import {
  type BasketCheck, type BasketVerdict, type GateVerdict, type OrderCheck, type Refusal, contracts, refuse, usd,
} from './gateTypes';
import { RiskBook } from './riskBook';
import { type CompiledLimits, compileLimits } from './limits';
import { ONE_CONTRACT, type DustRule, type UnequalBasket } from '../ledger/unequal';

export type TripRecord = BreakerState['trips'][number];

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface CircuitBreakerOptions {
  clock: Clock;
  limits: Limits;
  store: BreakerStore;
  /** Fires the timers that push "half-open" and "new day" to the UI; the gate never waits on them. */
  timers?: Timers;
  /** What excess of a leg no order can remove (the venue's minimum): not unhedged exposure. */
  dust?: DustRule;
}

const KILL_REASON = 'Kill switch engaged by the trader';
/** The order signal's abort reason, made once: the kill switch allocates nothing on its way. */
const KILL_ABORT = new Error(KILL_REASON);

/** Re-arm refused: baskets hold unequal legs (named), and the trader has not acknowledged them. */
export class RearmRefusedError extends Error {
  override readonly name = 'RearmRefusedError';
  constructor(
    readonly unhedged: readonly UnequalBasket[],
    message = `Re-arm refused: ${unhedged.map((u) => `basket ${u.basketId.slice(0, 8)} holds ${u.detail}`).join('; ')}. Unwind ${unhedged.length === 1 ? 'it' : 'them'} (Positions → Unwind), or re-arm acknowledging ${unhedged.length === 1 ? 'this basket' : 'these baskets'} by id to trade on with the exposure`,
  ) {
    super(message);
  }
}
const TRIP_HISTORY = 200;
/** The longest a timer may be set for (setTimeout's limit is about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The circuit breaker: states closed / open / half-open, the limits, and the gate every order
 * passes immediately before it is sent (`authorizeOrder`, synchronous and O(1)).
 *
 * - closed: orders pass when they keep every limit.
 * - open: a trip (a limit breached, errors in a row, a loss too big) blocks every buy; sells that
 *   only reduce what a basket holds still pass, so a trip mid-execution cannot strand a leg.
 *   After the cooldown (for a daily-loss trip: no earlier than the next trading day) it turns
 *   half-open by itself.
 * - half-open: one probe basket no larger than the probe size may trade. Its success closes the
 *   breaker; any error re-opens it.
 * - kill switch: open, and everything is refused, sells included, until a manual re-arm. The
 *   order signal (`orderSignal`) aborts at once: orders waiting on a rate limiter or a back-off
 *   give up, and `recheck` refuses an order whose bytes are not yet written.
 * - unhedged exposure: a basket left with unequal legs trips it with no cooldown. It never turns
 *   half-open by itself, a later trip of another kind does not replace it, and re-arm is refused
 *   while any basket in the ledger is unequal (beyond dust) unless the trader acknowledges that
 *   basket by id.
 * - completion: a completing buy of a basket this breaker authorised (checkBasket, or an unwind
 *   the trader asked for) passes an open or half-open breaker — never the kill switch — as long as
 *   it keeps the leg within the basket's planned quantity and its worst case within the per-trade
 *   loss limit: the trip a failed leg causes must not strand the basket it is completing.
 *
 * Limits refuse an order that would break them; they trip only when the positions themselves
 * break them (an over-fill, a restart finding more than expected), or when a loss has happened.
 * State and trip history live in the ledger of the current mode; holdings, pending orders and
 * the day's realised P&L are read back from it on attach.
 */
export class CircuitBreaker implements IDisposable {
  private limitsNow: CompiledLimits;
  private store: BreakerStore;
  private readonly clock: Clock;
  private readonly timers: Timers;
  /** What is held, reserved and lost today, measured against the limits. */
  private readonly book = new RiskBook();
  private readonly exposure = this.book.exposure;
  /** What excess of a leg no order can remove: never counted as unhedged. */
  readonly dust: DustRule;

  private mode: BreakerState['state'] = 'closed';
  private killed = false;
  private reason: string | null = null;
  private tripKind: TripKind | null = null;
  private trippedAt: number | null = null;
  private cooldownEndsAt: number | null = null;
  private consecutiveErrors = 0;
  private trips: TripRecord[] = [];
  private probeBasketId: string | null = null;
  /** The earliest time a time-based transition (cooldown end, new day) is due. */
  private nextTimeCheck = 0;
  private timer: unknown = null;
  private snapshot: BreakerState | null = null;
  /** Baskets authorised and not yet released: their planned quantity per leg. */
  private readonly authorised = new Map<string, readonly Qty[]>();
  /** Baskets known to hold unequal legs, and what they hold. */
  private readonly unhedgedBaskets = new Map<string, string>();
  /** Unequal baskets the trader re-armed over, knowingly. */
  private acknowledged = new Set<string>();
  private killController = new AbortController();
  /** Kill switch trips not yet in the ledger (see engageKillSwitch), oldest first. */
  private durablePending: BreakerEvent[] = [];

  private readonly onDidChangeEmitter = new Emitter<BreakerState>();
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly onDidTripEmitter = new Emitter<TripRecord>();
  readonly onDidTrip = this.onDidTripEmitter.event;
  private readonly onDidTransitionEmitter = new Emitter<{ to: 'half_open' | 'closed'; reason: string }>();
  /** Recoveries (half-open after the cooldown, closed after a probe), for the activity log. */
  readonly onDidTransition = this.onDidTransitionEmitter.event;
  private readonly onDidFailLedgerAccessEmitter = new Emitter<string>();
  /** A ledger read or write failed; the breaker acted anyway (failing closed where it had to). */
  readonly onDidFailLedgerAccess = this.onDidFailLedgerAccessEmitter.event;

  constructor(options: CircuitBreakerOptions) {
    this.clock = options.clock;
    this.dust = options.dust ?? ONE_CONTRACT;
    this.timers = options.timers ?? realTimers;
    this.limitsNow = compileLimits(options.limits);
    this.store = options.store;
    this.load();
  }

  // ── The gate ───────────────────────────────────────────────────────────────────────────────

  /**
   * The last check before an order is sent; call it in the same tick as the send, after the
   * ledger intent. Allowing reserves the order's quantity and cost until it fills or ends, so
   * concurrent executions cannot overshoot a limit together. A refusal says why.
   */
  authorizeOrder(o: OrderCheck): GateVerdict {
    if (this.killed) return refuse('kill_switch', KILL_REASON);
    const now = this.clock.now();
    if (now >= this.nextTimeCheck) {
      const failure = this.tryRefresh(now);
      if (failure) return failure;
    }
    if (!(Number.isSafeInteger(o.qty) && o.qty > 0)) return refuse('invalid_order', `qty: ${String(o.qty)} is not a positive quantity`);
    if (!(Number.isSafeInteger(o.price) && o.price >= 0 && o.price <= PRICE_ONE)) return refuse('invalid_order', `price: ${String(o.price)} is not a price between $0 and $1`);
    if (this.exposure.hasReservation(o.clientOrderId)) return refuse('duplicate_order', `order ${o.clientOrderId} was already authorized`);
    const key = legKey(o.basketId, o.legIndex);

    if (o.side === 'sell') {
      const sellable = this.exposure.sellable(key);
      if (o.qty > sellable) return refuse('exceeds_position', `Sell of ${contracts(o.qty)} ${o.outcome.toUpperCase()} ${o.market} exceeds the ${contracts(Math.max(0, sellable))} this basket leg holds`);
      this.exposure.reserve(o.clientOrderId, 'sell', o.market, key, o.qty, o.price);
      return { ok: true };
    }

    if (o.purpose === 'complete' && this.withinPlan(o, key)) {
      this.exposure.reserve(o.clientOrderId, 'buy', o.market, key, o.qty, o.price);
      return { ok: true };
    }
    if (this.mode === 'open') return refuse('breaker_open', `Breaker open: ${this.reason ?? 'tripped'}`);
    if (this.mode === 'half_open') {
      if (this.probeBasketId !== o.basketId) return refuse('half_open', 'Breaker half-open: only the probe basket may trade');
      if (o.qty > this.limitsNow.probeSize) return refuse('half_open', `Breaker half-open: ${contracts(o.qty)} contracts is over the probe size of ${contracts(this.limitsNow.probeSize)}`);
    }
    const refusal = this.checkExposure([{ market: o.market, qty: o.qty, price: o.price }], o.worstCaseLoss ?? null);
    if (refusal) return refusal;
    this.exposure.reserve(o.clientOrderId, 'buy', o.market, key, o.qty, o.price);
    return { ok: true };
  }

  /**
   * Pre-trade check of a whole basket, before anything is written or sent. While half-open it
   * also makes this basket the probe (release it with releaseBasket if it is not executed).
   */
  checkBasket(b: BasketCheck): BasketVerdict {
    if (this.killed) return refuse('kill_switch', KILL_REASON);
    const failure = this.tryRefresh(this.clock.now());
    if (failure) return failure;
    if (this.mode === 'open') return refuse('breaker_open', `Breaker open: ${this.reason ?? 'tripped'}`);
    if (b.legs.length === 0) return refuse('invalid_order', 'legs: a basket needs at least one leg');
    if (!(Number.isSafeInteger(b.size) && b.size > 0)) return refuse('invalid_order', `size: ${String(b.size)} is not a positive whole number of contracts`);
    for (const [i, leg] of b.legs.entries()) {
      if (!(Number.isSafeInteger(leg.qty) && leg.qty > 0)) return refuse('invalid_order', `legs[${i}].qty: ${String(leg.qty)} is not a positive quantity`);
      if (!(Number.isSafeInteger(leg.price) && leg.price >= 0 && leg.price <= PRICE_ONE)) return refuse('invalid_order', `legs[${i}].price: ${String(leg.price)} is not a price between $0 and $1`);
    }
    const probe = this.mode === 'half_open';
    if (probe) {
      if (this.probeBasketId !== null && this.probeBasketId !== b.basketId) return refuse('half_open', 'Breaker half-open: a probe basket is already trading');
      const largest = Math.max(b.size * QTY_ONE, ...b.legs.map((l) => l.qty));
      if (largest > this.limitsNow.probeSize) {
        return refuse('half_open', `Breaker half-open: only a probe of at most ${contracts(this.limitsNow.probeSize)} contracts may trade; this basket is ${contracts(largest)}`);
      }
    }
    const blocking = this.blockingUnhedged();
    if (blocking.length > 0) {
      return refuse('unhedged_exposure', `Unhedged exposure: ${blocking.map(([id, detail]) => `basket ${id.slice(0, 8)} holds ${detail}`).join('; ')}`);
    }
    const refusal = this.checkExposure(b.legs, b.worstCaseLoss);
    if (refusal) return refusal;
    if (probe) this.probeBasketId = b.basketId;
    this.authorised.set(b.basketId, b.legs.map((l) => l.qty));
    return { ok: true, probe };
  }

  /**
   * A basket the trader asked to unwind (it was authorised when it was entered): its completing
   * buys may pass an open breaker up to its planned quantities. Release it with releaseBasket.
   */
  admitUnwind(basketId: string, plannedQty: readonly Qty[]): void {
    this.authorised.set(basketId, [...plannedQty]);
  }

  /** Aborts when the kill switch is engaged: every order in flight carries it. */
  orderSignal(): AbortSignal {
    return this.killController.signal;
  }

  /** The last check, immediately before an order's bytes are written: null to send, else why not. */
  recheck(): string | null {
    return this.killed ? KILL_REASON : null;
  }

  /** The basket left unequal legs behind (its unwind could not remove them): trips, with no cooldown. */
  markUnhedged(basketId: string, detail: string, reason: string): void {
    this.unhedgedBaskets.set(basketId, detail);
    this.acknowledged.delete(basketId);
    this.trip('unhedged_exposure', reason);
  }

  /** An unwind evened the basket out: it no longer blocks trading (re-arm is still manual). */
  markHedged(basketId: string): void {
    if (this.unhedgedBaskets.delete(basketId)) this.persistAndNotify();
  }

  /** True when a buy could pass right now (kill switch off, breaker not open). */
  isOrderPathOpen(): boolean {
    if (this.killed) return false;
    return this.tryRefresh(this.clock.now()) === null && this.mode !== 'open';
  }

  // ── Outcomes that drive trips ──────────────────────────────────────────────────────────────

  /** An execution finished cleanly: resets the error count; a passing probe closes the breaker. */
  recordSuccess(context: { basketId?: string } = {}): void {
    const changed = this.consecutiveErrors !== 0;
    this.consecutiveErrors = 0;
    if (this.mode === 'half_open' && !this.killed && context.basketId !== undefined && context.basketId === this.probeBasketId) {
      const reason = `Probe basket ${context.basketId} succeeded; breaker closed`;
      this.close();
      this.recordEvent({ at: this.clock.now(), kind: 'probe_passed', reason });
      this.persistAndNotify();
      this.onDidTransitionEmitter.fire({ to: 'closed', reason });
      return;
    }
    if (changed) this.persistAndNotify();
  }

  /**
   * Something failed: a rejected or failed leg, a venue error, a fill mismatch, a timeout. Counts
   * towards the consecutive-error limit; while half-open, any error re-opens the breaker.
   */
  recordError(reason: string, context: { basketId?: string } = {}): void {
    this.consecutiveErrors++;
    if (!this.killed && this.mode === 'half_open') {
      const probe = context.basketId !== undefined && context.basketId === this.probeBasketId ? `probe basket ${context.basketId}` : 'while half-open';
      this.trip('probe_failed', `Probe failed (${probe}): ${reason}`);
      return;
    }
    if (!this.killed && this.mode === 'closed' && this.consecutiveErrors >= this.limitsNow.maxConsecutiveErrors) {
      this.trip('consecutive_errors', `${this.consecutiveErrors} consecutive errors (limit ${this.limitsNow.maxConsecutiveErrors}); last: ${reason}`);
      return;
    }
    this.persistAndNotify();
  }

  /** The basket's execution (or unwind) is over: it frees the probe slot and its completion allowance. */
  releaseBasket(basketId: string): void {
    if (this.probeBasketId === basketId) this.probeBasketId = null;
    this.authorised.delete(basketId);
  }

  /**
   * Realised P&L booked by the ledger (a sale, a settlement). Drives the daily loss and the
   * per-trade loss trips.
   */
  recordRealised(r: { basketId: string; at: number; delta: Decimal; basketRealised: Decimal }): void {
    // A new day re-reads today's P&L from the ledger, which already holds this realisation.
    const newDay = this.clock.now() >= this.book.nextDay;
    this.tryRefresh(this.clock.now());
    if (!newDay) this.book.addRealised(r.at, r.delta);
    const basketLoss = -toMicros(r.basketRealised, 'down');
    if (basketLoss > this.limitsNow.maxLossPerTrade && !this.isTrippedFor('max_loss_per_trade')) {
      this.trip('max_loss_per_trade', `Basket ${r.basketId} lost ${usd(basketLoss)}, over the ${usd(this.limitsNow.maxLossPerTrade)} per-trade limit`);
    }
    const daily = this.book.dailyLossBreach(this.limitsNow);
    if (daily && !this.isTrippedFor('max_daily_loss')) {
      this.trip(daily.kind, daily.reason);
      return;
    }
    this.persistAndNotify();
  }

  /** A basket leg's holding, from the ledger after a fill or settlement. Trips on a breach. */
  applyHolding(h: HoldingChange): void {
    for (const breach of this.book.applyHolding(h, this.limitsNow)) {
      if (!this.isTrippedFor(breach.kind)) this.trip(breach.kind, breach.reason);
    }
  }

  /** Part of an authorized order filled: its reservation shrinks (the holding now counts it). */
  orderFilled(clientOrderId: string, qty: Decimal): void {
    this.exposure.filled(clientOrderId, toQty(qty, 'up'));
  }

  /** An order ended: whatever it had not filled is no longer reserved. */
  orderEnded(clientOrderId: string): void {
    this.exposure.release(clientOrderId);
  }

  /** Trips the breaker with a reason, e.g. 'unhedged_exposure' when a flatten gave up. */
  trip(kind: TripKind, reason: string): void {
    const at = this.clock.now();
    const record: TripRecord = { at, kind, reason };
    this.trips = [record, ...this.trips].slice(0, TRIP_HISTORY);
    if (!this.killed) {
      // Unhedged exposure is never replaced by a later trip (whose cooldown would forget it).
      const sticky = this.mode === 'open' && this.tripKind === 'unhedged_exposure' && kind !== 'unhedged_exposure';
      if (!sticky) {
        this.mode = 'open';
        this.reason = reason;
        this.tripKind = kind;
        this.trippedAt = at;
        this.cooldownEndsAt = this.cooldownEnd(kind, at);
      }
      this.probeBasketId = null;
    }
    this.recordEvent({ at, kind: 'trip', tripKind: kind, reason });
    this.scheduleTimeCheck();
    this.persistAndNotify();
    this.onDidTripEmitter.fire(record);
  }

  // ── Kill switch and re-arm ─────────────────────────────────────────────────────────────────

  /**
   * Blocks the order path at once (the first statement), then records it. `startedAt` is the
   * monotonic time the trader's command arrived, to report how long blocking took.
   */
  engageKillSwitch(startedAt = this.clock.monotonic()): { engagedAt: number; blockedInMs: number } {
    this.killed = true;
    const blockedInMs = this.clock.monotonic() - startedAt;
    // Then every order still inside a connector: its waits end, unsent.
    this.killController.abort(KILL_ABORT);
    const at = this.clock.now();
    this.mode = 'open';
    this.reason = KILL_REASON;
    this.tripKind = 'kill_switch';
    this.trippedAt = at;
    this.cooldownEndsAt = null;
    this.probeBasketId = null;
    const record: TripRecord = { at, kind: 'kill_switch', reason: KILL_REASON };
    this.trips = [record, ...this.trips].slice(0, TRIP_HISTORY);
    // The ledger's commit (an fsync, milliseconds on a real disk) waits for the next loop turn,
    // so the venues' cancel-alls leave first; nothing else may write before it (flushDurable).
    this.durablePending.push({ at, kind: 'trip', tripKind: 'kill_switch', reason: KILL_REASON, detail: { blockedInMs } });
    setImmediate(() => this.flushDurable());
    this.scheduleTimeCheck();
    this.notify();
    this.onDidTripEmitter.fire(record);
    return { engagedAt: at, blockedInMs };
  }

  /**
   * Writes the kill switch's trip and the breaker's state to the ledger if `engageKillSwitch` left
   * them for the next loop turn. Idempotent; every other write calls it first, so the ledger's
   * order of events is the order they happened.
   */
  flushDurable(): void {
    if (this.durablePending.length === 0) return;
    const events = this.durablePending;
    this.durablePending = [];
    for (const event of events) this.recordEvent(event);
    this.persist();
  }

  /**
   * The only way out of the kill switch; also closes an open or half-open breaker at once. Refused
   * (RearmRefusedError, naming them) while any basket in the ledger holds unequal legs, except
   * baskets being executed right now and those the trader acknowledges by id.
   */
  rearm(options: { acknowledgeUnhedged?: readonly string[] } = {}): BreakerState {
    if (!this.killed && this.mode === 'closed' && this.consecutiveErrors === 0 && this.unhedgedBaskets.size === 0) return this.state();
    const ack = new Set([...this.acknowledged, ...(options.acknowledgeUnhedged ?? [])]);
    let unequal: UnequalBasket[];
    try {
      unequal = this.store.unequalBaskets(this.dust);
    } catch (e) {
      throw new RearmRefusedError([], `Re-arm refused: the ledger could not be read to check for unhedged baskets (${(e as Error).message})`);
    }
    const blocking = unequal.filter((u) => !ack.has(u.basketId) && !this.authorised.has(u.basketId));
    if (blocking.length > 0 && this.killed) return this.releaseKillSwitchOnly(blocking);
    if (blocking.length > 0) throw new RearmRefusedError(blocking);
    this.acknowledged = new Set(unequal.filter((u) => ack.has(u.basketId)).map((u) => u.basketId));
    this.unhedgedBaskets.clear();
    if (this.killed) this.killController = new AbortController();
    this.killed = false;
    this.close();
    this.recordEvent({ at: this.clock.now(), kind: 'rearm', reason: 'Re-armed by the trader' });
    this.scheduleTimeCheck();
    this.persistAndNotify();
    return this.state();
  }

  /**
   * Re-arming under the kill switch while baskets are unequal lifts the kill switch only: the
   * breaker stays open on the unhedged exposure (no cooldown), so the baskets can be unwound —
   * their completing buys and flattening sells pass an open breaker — while nothing new trades.
   */
  private releaseKillSwitchOnly(blocking: readonly UnequalBasket[]): BreakerState {
    const at = this.clock.now();
    this.killed = false;
    this.killController = new AbortController();
    for (const u of blocking) this.unhedgedBaskets.set(u.basketId, u.detail);
    this.mode = 'open';
    this.tripKind = 'unhedged_exposure';
    this.trippedAt = at;
    this.cooldownEndsAt = null;
    this.probeBasketId = null;
    this.reason = `Unhedged exposure: ${blocking.map((u) => `basket ${u.basketId.slice(0, 8)} holds ${u.detail}`).join('; ')}. The kill switch is released; unwind (or acknowledge) to close the breaker`;
    this.recordEvent({ at, kind: 'rearm', reason: 'Kill switch released by the trader; the breaker stays open on unhedged exposure', detail: { unhedged: blocking.map((u) => u.basketId) } });
    this.scheduleTimeCheck();
    this.persistAndNotify();
    return this.state();
  }

  /** For the ledger's audit trail: what the kill switch cancelled and what failed. */
  recordKillSwitchResult(result: unknown): void {
    this.recordEvent({ at: this.clock.now(), kind: 'kill_switch_result', reason: 'Cancel-all finished', detail: result });
  }

  // ── Limits, state, persistence ─────────────────────────────────────────────────────────────

  limits(): Limits {
    return this.limitsNow.source;
  }

  /** Applies new limits (already validated and saved by the caller) and records the change. */
  setLimits(limits: Limits): Limits {
    const previousZone = this.limitsNow.day.timeZone;
    this.limitsNow = compileLimits(limits);
    if (this.mode === 'open' && !this.killed && this.tripKind && this.trippedAt !== null) {
      this.cooldownEndsAt = this.cooldownEnd(this.tripKind, this.trippedAt);
    }
    if (limits.tradingDayTimeZone !== previousZone) this.startDay(this.clock.now());
    this.recordEvent({ at: this.clock.now(), kind: 'limits', reason: 'Limits changed', detail: limits });
    this.scheduleTimeCheck();
    this.persistAndNotify();
    return limits;
  }

  state(): BreakerState {
    this.snapshot ??= {
      state: this.mode,
      killSwitch: this.killed,
      reason: this.reason,
      trippedAt: this.trippedAt,
      cooldownEndsAt: this.cooldownEndsAt,
      consecutiveErrors: this.consecutiveErrors,
      dailyLoss: this.book.dailyLossText(),
      trips: this.trips,
      unhedged: [...this.unhedgedBaskets].map(([basketId, detail]) => ({ basketId, detail })),
    };
    return this.snapshot;
  }

  /** When the current trading day began (ms): where "today" starts for P&L. */
  dayStart(): number {
    return this.book.dayStart;
  }

  /**
   * Switches to another ledger's breaker state (the trading mode changed), re-reading state,
   * trips, holdings, pending orders and today's P&L from it.
   */
  attach(store: BreakerStore): void {
    this.flushDurable();
    this.store = store;
    this.load();
    this.notify();
  }

  /** Applies time-based transitions that are due: a cooldown that ended, a new trading day. */
  refresh(now = this.clock.now()): void {
    if (now < this.nextTimeCheck) return;
    let changed = false;
    if (now >= this.book.nextDay) {
      this.startDay(now);
      changed = true;
    }
    if (!this.killed && this.mode === 'open' && this.cooldownEndsAt !== null && now >= this.cooldownEndsAt) {
      this.mode = 'half_open';
      this.probeBasketId = null;
      const reason = `Cooldown over after "${this.reason ?? 'trip'}": half-open, a probe of up to ${contracts(this.limitsNow.probeSize)} contracts may trade`;
      this.recordEvent({ at: now, kind: 'half_open', reason });
      this.persist();
      this.onDidTransitionEmitter.fire({ to: 'half_open', reason });
      changed = true;
    }
    this.scheduleTimeCheck();
    if (changed) this.notify();
  }

  dispose(): void {
    this.flushDurable();
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.onDidChangeEmitter.dispose();
    this.onDidTripEmitter.dispose();
    this.onDidTransitionEmitter.dispose();
    this.onDidFailLedgerAccessEmitter.dispose();
  }

  private checkExposure(legs: readonly { market: string; qty: Qty; price: Price }[], worstCaseLoss: Micros | null): Refusal | null {
    return this.book.exposureRefusal(legs, worstCaseLoss, this.limitsNow);
  }

  /** The gate fails closed: if the day's P&L cannot be read, nothing opens. */
  private tryRefresh(now: number): Refusal | null {
    try {
      this.refresh(now);
      return null;
    } catch (e) {
      return refuse('risk_unavailable', `Risk state unavailable, order refused: ${(e as Error).message}`);
    }
  }

  /** A completing buy that keeps its leg within the authorised basket's plan and the loss limit. */
  private withinPlan(o: OrderCheck, key: string): boolean {
    const planned = this.authorised.get(o.basketId)?.[o.legIndex];
    if (planned === undefined) return false;
    if (o.worstCaseLoss === undefined || o.worstCaseLoss > this.limitsNow.maxLossPerTrade) return false;
    return this.exposure.legBound(key) + o.qty <= planned;
  }

  /** Unequal baskets that block new baskets: known, not acknowledged, not being worked on now. */
  private blockingUnhedged(): [string, string][] {
    if (this.unhedgedBaskets.size === 0) return [];
    return [...this.unhedgedBaskets].filter(([id]) => !this.acknowledged.has(id) && !this.authorised.has(id));
  }

  private isTrippedFor(kind: TripKind): boolean {
    return this.mode === 'open' && this.tripKind === kind;
  }

  private cooldownEnd(kind: TripKind, at: number): number | null {
    if (kind === 'kill_switch' || kind === 'unhedged_exposure') return null;
    const end = at + this.limitsNow.cooldownMs;
    // A daily-loss trip lasts at least until the next trading day.
    return kind === 'max_daily_loss' ? Math.max(end, this.limitsNow.day.nextStart(at)) : end;
  }

  private close(): void {
    this.mode = 'closed';
    this.reason = null;
    this.tripKind = null;
    this.trippedAt = null;
    this.cooldownEndsAt = null;
    this.consecutiveErrors = 0;
    this.probeBasketId = null;
  }

  private startDay(now: number): void {
    this.book.startDay(now, this.limitsNow, (at) => this.store.realisedSince(at));
  }

  private load(): void {
    const saved = this.store.loadState();
    this.killed = saved?.killSwitch ?? false;
    this.mode = saved?.state ?? 'closed';
    this.reason = saved?.reason ?? null;
    this.tripKind = saved?.tripKind ?? null;
    this.trippedAt = saved?.trippedAt ?? null;
    this.cooldownEndsAt = saved?.cooldownEndsAt ?? null;
    this.consecutiveErrors = saved?.consecutiveErrors ?? 0;
    this.acknowledged = new Set(saved?.acknowledgedUnhedged ?? []);
    if (this.killed) this.mode = 'open';
    if (this.killed && !this.killController.signal.aborted) this.killController.abort(KILL_ABORT);
    if (!this.killed && this.killController.signal.aborted) this.killController = new AbortController();
    this.probeBasketId = null;
    this.authorised.clear();
    this.unhedgedBaskets.clear();
    this.trips = this.store.recentTrips(TRIP_HISTORY);
    const pending = this.store.pendingOrders();
    this.book.load(this.store.openHoldings(), pending);
    const now = this.clock.now();
    this.startDay(now);
    this.nextTimeCheck = 0;
    this.snapshot = null;
    this.refresh(now);
    // A basket already unequal with nothing of it still open was decided before this start: it
    // stays blocked. One with open orders waits for restart reconciliation to decide.
    const open = new Set(pending.map((o) => o.basketId));
    const found = this.store.unequalBaskets(this.dust).filter((u) => !this.acknowledged.has(u.basketId) && !open.has(u.basketId));
    for (const u of found) this.unhedgedBaskets.set(u.basketId, u.detail);
    if (found.length > 0 && !(this.mode === 'open' && this.tripKind === 'unhedged_exposure')) {
      this.trip('unhedged_exposure', `${found.length} basket(s) in the ledger hold unequal legs: ${found.map((u) => `${u.basketId.slice(0, 8)} (${u.detail})`).join('; ')}`);
    }
  }

  private scheduleTimeCheck(): void {
    const nextDay = this.book.nextDay;
    const due = !this.killed && this.mode === 'open' && this.cooldownEndsAt !== null ? Math.min(this.cooldownEndsAt, nextDay) : nextDay;
    this.nextTimeCheck = due;
    if (this.timer !== null) this.timers.clear(this.timer);
    const delay = Math.min(Math.max(0, due - this.clock.now()), MAX_TIMER_MS);
    this.timer = this.timers.set(() => {
      this.timer = null;
      const failure = this.tryRefresh(this.clock.now());
      if (failure) this.onDidFailLedgerAccessEmitter.fire(failure.reason);
    }, delay);
  }

  /**
   * A write the breaker cannot make (disk full, ledger gone) must never stop it from acting: the
   * state changes in memory, the order path stays as decided, and the failure is reported.
   */
  private recordEvent(event: BreakerEvent): void {
    this.flushDurable();
    try {
      this.store.appendEvent(event);
    } catch (e) {
      this.onDidFailLedgerAccessEmitter.fire(`breaker ${event.kind} not recorded: ${(e as Error).message}`);
    }
  }

  private persist(): void {
    this.flushDurable();
    const state: PersistedBreaker = {
      state: this.mode,
      killSwitch: this.killed,
      reason: this.reason,
      tripKind: this.tripKind,
      trippedAt: this.trippedAt,
      cooldownEndsAt: this.cooldownEndsAt,
      consecutiveErrors: this.consecutiveErrors,
      acknowledgedUnhedged: [...this.acknowledged],
    };
    try {
      this.store.saveState(state);
    } catch (e) {
      this.onDidFailLedgerAccessEmitter.fire(`breaker state not saved: ${(e as Error).message}`);
    }
  }

  private persistAndNotify(): void {
    this.persist();
    this.notify();
  }

  private notify(): void {
    this.snapshot = null;
    this.onDidChangeEmitter.fire(this.state());
  }
}
