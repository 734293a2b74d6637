// Execute one basket (issue 6; risk/ORDER_PATH.md): revalidate and re-size it on the current
// books, claim its markets, check it against the breaker, write it to the ledger, send every leg
// at once as an immediate-or-cancel limit order at its worst acceptable price, reconcile the
// fills, and unwind unequal legs (complete or flatten, see unwind.ts). Every step is reported as
// an `execution` progress event and an activity entry; every failure counts towards the breaker.
import { randomUUID } from 'node:crypto';
import type { Decimal } from 'decimal.js';
import { CommandError, type ExecutionProgress, type ExecutionResult, type Mode, type VenueEnvironment } from '../../shared/contract';
import type { MarketRef, VenueId } from '../../shared/ids';
import { Emitter } from '../../shared/lifecycle';
import { formatPrice, formatQty, type Micros, type Qty } from '../../shared/units';
import type { ActivityLog } from '../activity/activityLog';
import type { Clock } from '../platform/clock';
import type { Ledger } from '../ledger/ledger';
import { averagePrice, basketFigures } from '../ledger/accounting';
import { Money, toMicros, toPrice, toQty, toText } from '../../shared/money';
import type { CircuitBreaker } from '../risk/circuitBreaker';
import type { Scanner } from '../scanner/scanner';
import { formatMoney } from '../../shared/unitText';
import { usd } from '../risk/gateTypes';
import type { MarketInfo, TradingApi } from '../venues/venue';
import type { ExecutionConfig } from './config';
import type { FillRouter } from './fillRouter';
import { InFlightMarkets } from './inFlight';
import { OrderDesk } from './orderDesk';
import { describeLeg, lotOf, planExecution, type VenueCash } from './plan';
import type { ExecutionPlan, LegPlan, OrderOutcome, OrderSpec } from './types';
import { Unwinder } from './unwind';
import { errorText } from './wait';

/** The live market data the executor revalidates against. */
export interface MarketsView {
  readonly scanner: Scanner;
  /** The venue's details of a market (tick, minimum order size, status). */
  marketInfo(ref: MarketRef): MarketInfo | undefined;
  /** Why this basket may not be executed whatever its books say (a suspended link), or null. */
  refusal?(basketId: string): string | null;
}

export interface ExecutorDeps {
  clock: Clock;
  risk: CircuitBreaker;
  /** The current mode's ledger. */
  ledger(): Ledger;
  mode(): Mode;
  /** Null until the engine has live books. */
  markets(): MarketsView | null;
  /** The venue's trading API for the current mode: a paper broker, or the live connector. */
  trading(venue: VenueId): TradingApi | null;
  /** Where a venue's live connector trades (simulator, demo, production); null when unknown. */
  liveEnvironment?(venue: VenueId): VenueEnvironment | null;
  router: FillRouter;
  activity: ActivityLog;
  progress(p: ExecutionProgress): void;
  config: ExecutionConfig;
  /** Cash each venue can spend now (plan.ts VenueCash); absent or null: unknown. */
  cash?(venue: VenueId): VenueCash | null;
}

export interface ExecuteRequest {
  opportunityId: string;
  size?: number;
}

export interface FinishedExecution {
  result: ExecutionResult;
  orders: readonly OrderOutcome[];
}

type Step = ExecutionProgress['step'];

export class Executor {
  readonly inFlight = new InFlightMarkets();
  private readonly active = new Set<string>();
  private readonly onDidFinishEmitter = new Emitter<FinishedExecution>();
  readonly onDidFinish = this.onDidFinishEmitter.event;

  constructor(private readonly d: ExecutorDeps) {}

  /** True while an execution (or its unwind) is running. */
  busy(): boolean {
    return this.active.size > 0;
  }

  /** True while the basket's execution is still running (its fills are expected). */
  isActive(basketId: string): boolean {
    return this.active.has(basketId);
  }

  async execute(request: ExecuteRequest): Promise<ExecutionResult> {
    const markets = this.d.markets();
    const basket = markets?.scanner.basket(request.opportunityId);
    if (!markets || !basket) throw new CommandError('not_found', `opportunityId: no opportunity "${request.opportunityId}" in the live books`, 'payload.opportunityId');

    const executionId = randomUUID();
    const startedAt = this.d.clock.now();
    const mode = this.d.mode();
    const report = (step: Step, status: ExecutionProgress['status'], message: string) => {
      this.d.progress({ executionId, opportunityId: request.opportunityId, at: this.d.clock.now(), step, status, message });
      this.d.activity.append({ kind: 'execution', level: status === 'failed' ? 'warn' : 'info', ref: executionId, message: `Execution ${executionId.slice(0, 8)} · ${step}: ${message}` });
    };
    const refused = (reason: string, size = 0): ExecutionResult => {
      report('done', 'failed', `Refused: ${reason}`);
      const result: ExecutionResult = { executionId, opportunityId: request.opportunityId, mode, status: 'refused', reason, size, legs: [], netProfit: null, startedAt, finishedAt: this.d.clock.now() };
      this.onDidFinishEmitter.fire({ result, orders: [] });
      return result;
    };

    report('revalidate', 'running', `Revalidating ${basket.label} on the current books${request.size !== undefined ? ` at ${request.size} contract(s)` : ''}`);
    const claim = this.inFlight.claim(executionId, basket.legs.map((l) => l.market));
    if (!claim.ok) return refused(`${claim.market} is already being executed (execution ${claim.owner.slice(0, 8)}); one execution per market at a time`);
    try {
      const held = markets.refusal?.(basket.id) ?? null;
      if (held !== null) return refused(held);
      const missing = basket.legs.find((l) => this.d.trading(l.book.venue) === null);
      if (missing) return refused(`${missing.book.venue} is not connected for trading`);
      const mixed = mode === 'live' ? mixedEnvironments(basket.legs.map((l) => l.book.venue), (v) => this.d.liveEnvironment?.(v) ?? null) : null;
      if (mixed) return refused(mixed);
      const maxLoss = toMicros(new Money(this.d.risk.limits().maxLossPerTrade), 'down');
      const planned = planExecution(basket, {
        requestedSize: request.size,
        sizing: markets.scanner.sizing,
        slippageTicks: this.d.config.slippageTicks,
        marketInfo: (ref) => markets.marketInfo(ref),
        maxLoss,
        orderProblem: (i, order) => {
          const leg = basket.legs[i]!;
          const info = markets.marketInfo(leg.market);
          return info ? (this.d.trading(leg.book.venue)?.orderProblem?.(order, info) ?? null) : null;
        },
        ...(this.d.cash ? { cash: this.d.cash } : {}),
      });
      if (!planned.ok) return refused(planned.reason);
      const plan = planned.plan;
      report('revalidate', 'ok', `${plan.size} contract(s) net $${formatMoney(plan.expectedNet)} on the current books (at worst $${formatMoney(plan.worstNet)}); worst case $${formatMoney(plan.worstCase.loss)} of the ${usd(plan.maxLoss)} per-trade limit (leg ${plan.worstCase.legIndex + 1} filled alone and sold back into the current bids)${plan.reducedFrom !== null ? `; reduced from ${plan.reducedFrom}` : ''}${plan.balanceLimit ? `; sized to cash: ${plan.balanceLimit.text}` : ''}: ${plan.legs.map(describeLeg).join(' + ')}`);
      const result = await this.run(executionId, plan, markets, mode, startedAt, report, refused);
      return plan.balanceLimit ? { ...result, sizedBy: plan.balanceLimit.text } : result;
    } finally {
      claim.release.dispose();
    }
  }

  private async run(
    executionId: string,
    plan: ExecutionPlan,
    markets: MarketsView,
    mode: Mode,
    startedAt: number,
    report: (step: Step, status: ExecutionProgress['status'], message: string) => void,
    refused: (reason: string, size?: number) => ExecutionResult,
  ): Promise<ExecutionResult> {
    const { risk } = this.d;
    const ledger = this.d.ledger();
    const basketId = executionId;
    const worstCaseLoss = plan.worstCase.loss;

    report('breaker', 'running', 'Checking the breaker and the limits');
    const verdict = risk.checkBasket({
      basketId,
      size: plan.size,
      legs: plan.legs.map((l) => ({ venue: l.venue, market: l.market, outcome: l.outcome, qty: l.qty, price: l.limitPrice })),
      worstCaseLoss,
    });
    if (!verdict.ok) return refused(verdict.reason);
    report('breaker', 'ok', verdict.probe ? 'Breaker half-open: this basket is its probe' : 'Within every limit');

    const orders: OrderOutcome[] = [];
    let sent = false;
    this.active.add(basketId);
    try {
      const desk = this.desk(ledger, markets);
      const specs: OrderSpec[] = plan.legs.map((leg) => ({
        basketId, legIndex: leg.legIndex, venue: leg.venue, market: leg.market, outcome: leg.outcome,
        side: 'buy', purpose: 'entry', qty: leg.qty, limitPrice: leg.limitPrice, worstCaseLoss,
      }));
      // Every leg pre-flighted with its own venue before anything is written or sent: one leg its
      // venue would refuse refuses the whole basket.
      const refusals = await Promise.all(specs.map((spec) => desk.preflight(spec)));
      const refusedLeg = refusals.findIndex((r) => r !== null);
      if (refusedLeg >= 0) {
        const spec = specs[refusedLeg]!;
        return refused(`leg ${refusedLeg + 1} (${spec.outcome.toUpperCase()} ${spec.market}): ${refusals[refusedLeg]}; nothing was sent`, plan.size);
      }
      // Every leg built (signed) first; then every intent and gate check, and every send, in one tick.
      const built = await Promise.all(specs.map((spec) => desk.build(spec)));
      const unbuilt = built.find((b) => !b.ok);
      if (unbuilt && !unbuilt.ok) return refused(`leg ${unbuilt.spec.legIndex + 1} (${unbuilt.spec.outcome.toUpperCase()} ${unbuilt.spec.market}): ${unbuilt.reason}; nothing was sent`, plan.size);
      ledger.createBasket({
        id: basketId,
        executionId,
        opportunityId: plan.opportunityId,
        strategy: plan.strategy,
        size: String(plan.size),
        payoutPerUnit: formatMoney(plan.payoutPerUnit),
        legs: plan.legs.map((l) => ({ venue: l.venue, market: l.market, title: l.title, outcome: l.outcome, plannedQty: formatQty(l.qty), limitPrice: formatPrice(l.limitPrice) })),
      });
      const prepared = built.map((b) => desk.prepare((b as typeof b & { ok: true }).order));
      const refusal = prepared.find((p) => !p.ok);
      if (refusal && !refusal.ok) {
        for (const p of prepared) if (p.ok) desk.withdraw(p, `not sent: leg ${refusal.spec.legIndex + 1} was refused (${refusal.reason})`);
        return refused(`leg ${refusal.spec.legIndex + 1} (${refusal.spec.outcome.toUpperCase()} ${refusal.spec.market}): ${refusal.reason}`, plan.size);
      }
      const inFlight = prepared.map((p) => desk.send(p as typeof p & { ok: true }));
      sent = true;
      report('send', 'ok', `Sent ${plan.legs.length} immediate-or-cancel order(s) at once`);

      const entry = await Promise.all(inFlight.map((s) => desk.settle(s)));
      orders.push(...entry);
      report('fill', entry.every((o) => o.end === 'filled') ? 'ok' : 'failed', entry.map((o) => `leg ${o.spec.legIndex + 1} ${o.spec.outcome.toUpperCase()} ${o.spec.market}: ${o.end} ${formatQty(o.filledQty)}/${formatQty(o.spec.qty)}`).join('; '));

      const unknown = entry.filter((o) => o.end === 'unknown');
      let status: ExecutionResult['status'];
      let reason: string | null = null;
      /** What failed, for the breaker: one error per execution, recorded once the unwind has decided. */
      let failure: string | null = null;
      let unhedged: string | null = null;
      const unwinder = this.unwinder(ledger, desk, markets, report);

      if (unknown.length > 0) {
        // Nothing is decided on a guess: an order that may have filled is not unwound around.
        reason = `outcome unknown for ${unknown.map((o) => `leg ${o.spec.legIndex + 1} (${o.spec.outcome.toUpperCase()} ${o.spec.market}, order ${o.clientOrderId})`).join(', ')}; exposure cannot be established`;
        failure = reason;
        unhedged = reason;
        status = 'failed';
      } else {
        const holdings = unwinder.holdings(basketId, plan.legs);
        const equal = holdings.every((h) => h.held === holdings[0]!.held);
        const matched = Math.min(...holdings.map((h) => h.held));
        if (equal && matched > 0) {
          status = 'filled';
          if (matched < plan.legs[0]!.qty) reason = `filled ${formatQty(matched as Qty)} of ${formatQty(plan.legs[0]!.qty)} on every leg`;
        } else if (equal) {
          status = 'failed';
          reason = `nothing filled: ${entry.map((o) => `leg ${o.spec.legIndex + 1} ${o.end}${o.reason ? ` (${o.reason})` : ''}`).join('; ')}`;
          failure = reason;
        } else {
          const mismatch = `legs filled unequally (${holdings.map((h) => `${h.leg.outcome.toUpperCase()} ${h.leg.market} ${formatQty(h.held)}`).join(', ')})`;
          failure = mismatch;
          report('complete', 'running', `${mismatch}: completing or flattening`);
          const unwound = await unwinder.run(basketId, plan.legs, plan.payoutPerUnit);
          orders.push(...unwound.orders);
          if (unwound.outcome === 'stuck') {
            status = 'failed';
            reason = unwound.reason;
            unhedged = `${unwound.reason ?? 'exposure could not be removed'}; see Positions`;
          } else {
            status = unwound.outcome === 'none' ? 'filled' : unwound.outcome;
            reason = `${mismatch}; ${unwound.outcome === 'none' ? 'nothing more could be traded' : unwound.outcome}${unwound.dust ? `; ${unwound.dust}` : ''}`;
          }
        }
      }
      // The breaker hears of it only now, once, after the unwind has decided.
      if (failure === null) risk.recordSuccess({ basketId });
      else risk.recordError(failure, { basketId });
      if (unhedged !== null) risk.markUnhedged(basketId, holdingsText(ledger, basketId), `Execution ${executionId.slice(0, 8)}: ${unhedged}`);
      const result = this.result(executionId, plan.opportunityId, plan.legs, mode, startedAt, status, reason, ledger, basketId, entry);
      report('done', status === 'failed' ? 'failed' : 'ok', `${status}${reason ? `: ${reason}` : ''}; net ${result.netProfit ?? '0'}`);
      this.onDidFinishEmitter.fire({ result, orders });
      return result;
    } catch (e) {
      const reason = `execution failed unexpectedly: ${errorText(e)}`;
      this.d.activity.append({ kind: 'error', level: 'error', ref: executionId, message: `Execution ${executionId.slice(0, 8)}: ${reason}` });
      risk.recordError(reason, { basketId });
      if (sent) risk.markUnhedged(basketId, holdingsText(ledger, basketId), `Execution ${executionId.slice(0, 8)}: ${reason}; check Positions`);
      report('done', 'failed', reason);
      const result: ExecutionResult = { executionId, opportunityId: plan.opportunityId, mode, status: sent ? 'failed' : 'refused', reason, size: 0, legs: [], netProfit: null, startedAt, finishedAt: this.d.clock.now() };
      this.onDidFinishEmitter.fire({ result, orders });
      return result;
    } finally {
      this.active.delete(basketId);
      risk.releaseBasket(basketId);
    }
  }

  private desk(ledger: Ledger, markets: MarketsView): OrderDesk {
    const { risk, config, router, activity, clock } = this.d;
    return new OrderDesk({ ledger, risk, trading: (v) => this.d.trading(v), marketInfo: (ref) => markets.marketInfo(ref), router, activity, clock, config });
  }

  private unwinder(ledger: Ledger, desk: OrderDesk, markets: MarketsView, report: (step: Step, status: ExecutionProgress['status'], message: string) => void): Unwinder {
    const lossBudget = toMicros(new Money(this.d.risk.limits().maxLossPerTrade), 'down');
    return new Unwinder({
      ledger, desk, books: markets.scanner.books, activity: this.d.activity, config: this.d.config, lossBudget,
      trading: (v) => this.d.trading(v),
      progress: (step, s, message) => report(step, s, message),
    });
  }

  /**
   * Runs the unwind policy (complete, else flatten) on a basket the trader chose, e.g. one a
   * restart found unequal. Nothing is traded unless the basket's legs hold different amounts. Its
   * completing buys pass an open breaker within the basket's plan (never the kill switch).
   */
  async unwindBasket(basketId: string): Promise<ExecutionResult> {
    const ledger = this.d.ledger();
    const positions = ledger.basketPositions(basketId);
    if (!positions) throw new CommandError('not_found', `basketId: no basket "${basketId}" in the ${ledger.mode} ledger`, 'payload.basketId');
    const executionId = randomUUID();
    const startedAt = this.d.clock.now();
    const mode = this.d.mode();
    const opportunityId = positions.basket.opportunityId ?? basketId;
    const report = (step: Step, status: ExecutionProgress['status'], message: string) => {
      this.d.progress({ executionId, opportunityId, at: this.d.clock.now(), step, status, message });
      this.d.activity.append({ kind: 'execution', level: status === 'failed' ? 'warn' : 'info', ref: executionId, message: `Unwind ${executionId.slice(0, 8)} of basket ${basketId.slice(0, 8)} · ${step}: ${message}` });
    };
    const refused = (reason: string): ExecutionResult => {
      report('done', 'failed', `Refused: ${reason}`);
      return { executionId, opportunityId, mode, status: 'refused', reason, size: 0, legs: [], netProfit: null, startedAt, finishedAt: this.d.clock.now() };
    };
    if (positions.basket.settledAt !== null) return refused('the basket has settled');
    const markets = this.d.markets();
    if (!markets) return refused('no live market data yet');
    const legs: LegPlan[] = [];
    for (const { leg } of positions.legs) {
      const info = markets.marketInfo(leg.market);
      const spec = markets.scanner.market(leg.market);
      if (!info || !spec) return refused(`the details of ${leg.market} (tick, minimum size, fees) are unknown`);
      if (!this.d.trading(leg.venue)) return refused(`${leg.venue} is not connected for trading`);
      legs.push({
        legIndex: leg.legIndex, venue: leg.venue, market: leg.market, outcome: leg.outcome, title: leg.title,
        qty: toQty(new Money(leg.plannedQty)), limitPrice: toPrice(new Money(leg.limitPrice)), expectedCost: 0 as Micros, expectedFee: 0 as Micros,
        tick: info.tickSize, minOrderSize: info.minOrderSize, lot: lotOf(info), fee: spec.fee,
      });
    }
    const held = positions.legs.map((l) => l.state.held);
    if (held.every((h) => h.eq(held[0]!))) return refused('every leg already holds the same amount; nothing to unwind');
    const claim = this.inFlight.claim(executionId, legs.map((l) => l.market));
    if (!claim.ok) return refused(`${claim.market} is already being executed (execution ${claim.owner.slice(0, 8)})`);
    this.active.add(basketId);
    this.d.risk.admitUnwind(basketId, legs.map((l) => l.qty));
    const orders: OrderOutcome[] = [];
    try {
      const desk = this.desk(ledger, markets);
      const unwinder = this.unwinder(ledger, desk, markets, report);
      report('complete', 'running', 'Unwinding on the trader\'s request');
      const unwound = await unwinder.run(basketId, legs, toMicros(new Money(positions.basket.payoutPerUnit), 'down'));
      orders.push(...unwound.orders);
      if (unwound.outcome === 'stuck') this.d.risk.markUnhedged(basketId, holdingsText(ledger, basketId), `Unwind of basket ${basketId.slice(0, 8)}: ${unwound.reason ?? 'exposure could not be removed'}`);
      else this.d.risk.markHedged(basketId);
      const status = unwound.outcome === 'stuck' ? 'failed' : unwound.outcome === 'none' ? 'filled' : unwound.outcome;
      const result = this.result(executionId, opportunityId, legs, mode, startedAt, status, unwound.reason ?? unwound.dust, ledger, basketId, []);
      report('done', status === 'failed' ? 'failed' : 'ok', `${status}${unwound.reason ? `: ${unwound.reason}` : ''}`);
      this.onDidFinishEmitter.fire({ result, orders });
      return result;
    } finally {
      this.active.delete(basketId);
      this.d.risk.releaseBasket(basketId);
      claim.release.dispose();
    }
  }

  private result(
    executionId: string, opportunityId: string, planLegs: readonly LegPlan[], mode: Mode, startedAt: number, status: ExecutionResult['status'], reason: string | null,
    ledger: Ledger, basketId: string, entry: readonly OrderOutcome[],
  ): ExecutionResult {
    const positions = ledger.basketPositions(basketId)!;
    const orders = ledger.ordersOfBasket(basketId);
    const states = positions.legs.map((l) => l.state);
    const figures = basketFigures(new Money(positions.basket.payoutPerUnit), states, false);
    const anyFill = states.some((s) => s.bought.gt(0));
    const legs = planLegs.map((leg: LegPlan) => {
      const state = positions.legs[leg.legIndex]!.state;
      const avg: Decimal | null = averagePrice(state);
      const bought = toQty(state.bought);
      const first = entry.find((o) => o.spec.legIndex === leg.legIndex);
      const legStatus = bought >= leg.qty ? 'filled' : bought > 0 ? 'partial' : first?.end === 'rejected' ? 'rejected' : first?.end === 'unfilled' ? 'unfilled' : 'failed';
      return {
        market: leg.market,
        venue: leg.venue,
        outcome: leg.outcome,
        requested: leg.qty / 100,
        filled: toText(state.bought),
        avgPrice: avg === null ? null : toText(avg),
        fees: toText(state.fees),
        orderIds: orders.filter((o) => o.legIndex === leg.legIndex).map((o) => o.clientOrderId),
        status: legStatus as ExecutionResult['legs'][number]['status'],
      };
    });
    return {
      executionId,
      opportunityId,
      mode,
      status,
      reason,
      size: Math.floor(figures.matched.toNumber()),
      legs,
      netProfit: anyFill ? toText(figures.lockedIn.plus(figures.realised)) : null,
      startedAt,
      finishedAt: this.d.clock.now(),
    };
  }

  dispose(): void {
    this.onDidFinishEmitter.dispose();
  }
}

/** "10 YES kalshi:K0 against 0 NO polymarket:0x0": what each leg of a basket holds now. */
function holdingsText(ledger: Ledger, basketId: string): string {
  const p = ledger.basketPositions(basketId);
  return p ? p.legs.map((l) => `${l.state.held.toFixed()} ${l.leg.outcome.toUpperCase()} ${l.leg.market}`).join(' against ') : 'unknown holdings';
}

/**
 * A live basket whose legs trade in different worlds (a real venue and the simulator or a demo
 * exchange) would leave real, unhedged exposure: refused, with the environments named.
 */
export function mixedEnvironments(venues: readonly VenueId[], environment: (venue: VenueId) => VenueEnvironment | null): string | null {
  const seen = [...new Set(venues)].map((v) => ({ venue: v, environment: environment(v) }));
  const real = seen.filter((s) => s.environment === 'production');
  if (real.length === 0 || real.length === seen.length) return null;
  return `A live basket cannot mix real and practice venues: ${seen.map((s) => `${s.venue} on ${s.environment ?? 'an unknown environment'}`).join(', ')}; nothing was sent`;
}
