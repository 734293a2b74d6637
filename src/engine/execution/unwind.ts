// When the legs of a basket fill unequally. The policy, in order:
//
// 1. Complete: buy the lagging legs up to the leg that filled most, immediate-or-cancel at the
//    price the current book needs — but only while the completed basket still locks a profit or a
//    loss no bigger than the per-trade loss limit, and only with orders the venue accepts (its
//    minimum size). A bounded number of rounds, a short pause between them.
// 2. Flatten: sell each leg's excess over the matched units, immediate-or-cancel, walking the
//    price down one step per retry from what the bid side needs, never below a floor that keeps
//    the loss on the sale within what is left of the per-trade loss limit. Bounded retries. Shares
//    bought a moment ago on a venue that settles trades later (Polymarket) are waited for, within a
//    bound, until they can be sold. When the book has moved so that no price within the budget
//    sells the excess, it is sold into the bids that are there (a stop-loss): a realised loss past
//    the limit trips the breaker (max_loss_per_trade), an open naked position would not be bounded
//    at all. Never under the kill switch: the gate refuses every order then.
// 3. Quantities are what each venue accepts: whole contracts on Kalshi (unless the market trades
//    fractions), at least the venue's minimum order size. A remainder that no valid order can
//    remove — under one contract (Polymarket filled 7.5 shares against 10 Kalshi contracts), or
//    under the venue's minimum order size (2.88 Polymarket shares against a 5-share minimum) — is
//    dust: it stays in the ledger — the positions view shows it as unmatched — and is reported, but
//    does not trip the breaker (risk/unhedged.ts DustRule).
// 4. Whatever else cannot be removed stays in the ledger (the positions view shows the basket as
//    unhedged) and is reported: the caller trips the breaker ('unhedged_exposure').
import type { Decimal } from 'decimal.js';
import { PRICE_ONE, QTY_ONE, formatQty, type Micros, type Price, type Qty } from '../../shared/units';
import type { ActivityLog } from '../activity/activityLog';
import type { BookStore } from '../books/bookStore';
import { feeForFills } from '../fees/feeModel';
import type { Ledger } from '../ledger/ledger';
import { toMicros, toQty } from '../positions/money';
import type { ExecutionConfig } from './config';
import { walkFee, walkLadder } from './ladderWalk';
import { legRoundTripLoss } from './worstCase';
import type { BidLadder } from '../books/ladders';
import { formatMoney, formatPriceTicks } from '../scanner/format';
import type { OrderDesk } from './orderDesk';
import type { LegPlan, OrderOutcome, OrderSpec } from './types';
import { sleep } from './wait';
import type { TradingApi } from '../venues/venue';

export interface UnwindDeps {
  ledger: Ledger;
  desk: OrderDesk;
  books: BookStore;
  activity: ActivityLog;
  config: ExecutionConfig;
  /** The per-trade loss limit, micro-dollars. */
  lossBudget: Micros;
  /** A leg's trading API (to wait until shares bought are sellable). */
  trading(venue: LegPlan['venue']): TradingApi | null;
  progress(step: 'complete' | 'flatten', status: 'running' | 'ok' | 'failed', message: string): void;
}

export interface UnwindResult {
  /**
   * completed: lagging legs bought up; flattened: excess sold; none: nothing could or needed to be
   * traded (a dust remainder only); stuck: exposure remains.
   */
  outcome: 'completed' | 'flattened' | 'none' | 'stuck';
  /** A remainder under one contract that no valid order can remove (see above); null when none. */
  dust: string | null;
  orders: OrderOutcome[];
  /** What is left unmatched per leg, for the report. */
  leftover: { legIndex: number; qty: Qty }[];
  reason: string | null;
}

interface LegHolding {
  leg: LegPlan;
  held: Qty;
  /** Cost and fees of what the leg holds, micro-dollars (rounded up: conservative). */
  basis: Micros;
  realised: Decimal;
}

export class Unwinder {
  constructor(private readonly d: UnwindDeps) {}

  async run(basketId: string, legs: readonly LegPlan[], payoutPerUnit: Micros): Promise<UnwindResult> {
    const orders: OrderOutcome[] = [];
    const { config } = this.d;
    let bought = false;
    for (let round = 0; round < config.completeAttempts; round++) {
      const holdings = this.holdings(basketId, legs);
      if (balanced(holdings)) break;
      const plan = await this.completion(basketId, holdings, payoutPerUnit);
      if (!plan.ok) {
        this.d.progress('complete', 'failed', `Not completing: ${plan.reason}`);
        break;
      }
      if (plan.specs.length === 0) break;
      this.d.progress('complete', 'running', `Completing ${plan.specs.map((s) => `${formatQty(s.qty)} ${s.outcome.toUpperCase()} ${s.market}`).join(', ')} (completed basket ${plan.estimate >= 0 ? 'locks' : 'loses at most'} $${money(Math.abs(plan.estimate))})`);
      const placed = await this.d.desk.placeTogether(plan.specs);
      orders.push(...placed);
      bought ||= placed.some((o) => o.filledQty > 0);
      if (balanced(this.holdings(basketId, legs))) break;
      const final = placed.find((o) => o.permanent || o.end === 'refused');
      if (final) {
        this.d.progress('complete', 'failed', `Not completing further: ${final.spec.outcome.toUpperCase()} ${final.spec.market} ${final.end}${final.reason ? ` (${final.reason})` : ''}; retrying cannot change it`);
        break;
      }
      await sleep(config.completeIntervalMs);
    }
    if (balanced(this.holdings(basketId, legs))) {
      this.d.progress('complete', 'ok', 'Every leg now holds the same');
      return { outcome: 'completed', dust: null, orders, leftover: [], reason: null };
    }

    // Flatten, the most expensive excess first.
    const first = this.holdings(basketId, legs);
    const matched = Math.min(...first.map((h) => h.held));
    const order = [...first].filter((h) => h.held > matched).sort((a, b) => b.basis * (b.held - matched) / b.held - a.basis * (a.held - matched) / a.held);
    const problems: string[] = [];
    let sold = false;
    for (const h of order) {
      const r = await this.flattenLeg(basketId, legs, h.leg, orders);
      sold ||= r.sold;
      if (r.problem) problems.push(r.problem);
    }
    const after = this.holdings(basketId, legs);
    const low = Math.min(...after.map((h) => h.held));
    const leftover = after.filter((h) => h.held > low).map((h) => ({ legIndex: h.leg.legIndex, qty: (h.held - low) as Qty }));
    const outcome = sold ? 'flattened' : bought ? 'completed' : 'none';
    if (leftover.length === 0) {
      this.d.progress('flatten', 'ok', 'Excess sold; the basket holds matched units only');
      return { outcome, dust: null, orders, leftover, reason: null };
    }
    const text = leftover.map((l) => `${formatQty(l.qty)} ${legs[l.legIndex]!.outcome.toUpperCase()} ${legs[l.legIndex]!.market}`).join(', ');
    if (leftover.every((l) => l.qty < Math.max(QTY_ONE, legs[l.legIndex]!.minOrderSize))) {
      const dust = `${text} left unmatched: below the smallest order the venue accepts (one contract, or its minimum order size); shown in Positions`;
      this.d.progress('flatten', 'ok', dust);
      return { outcome, dust, orders, leftover, reason: null };
    }
    const reason = `unhedged: ${text} could not be sold or matched${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`;
    this.d.progress('flatten', 'failed', reason);
    return { outcome: 'stuck', dust: null, orders, leftover, reason };
  }

  /** Every leg's holding, from the ledger. */
  holdings(basketId: string, legs: readonly LegPlan[]): LegHolding[] {
    const positions = this.d.ledger.basketPositions(basketId)!;
    return legs.map((leg) => {
      const state = positions.legs[leg.legIndex]!.state;
      return { leg, held: toQty(state.held), basis: toMicros(state.heldCost.plus(state.heldFees), 'up'), realised: state.realised };
    });
  }

  private async completion(basketId: string, holdings: readonly LegHolding[], payoutPerUnit: Micros): Promise<
    | { ok: true; specs: OrderSpec[]; estimate: number }
    | { ok: false; reason: string }
  > {
    const target = Math.max(...holdings.map((h) => h.held));
    let estimate = Math.round((payoutPerUnit * target) / 100);
    const specs: OrderSpec[] = [];
    for (const h of holdings) {
      estimate -= h.basis;
      const { leg } = h;
      // What the venue can trade: whole lots (Kalshi contracts), at least its minimum.
      const need = floorToLot(target - h.held, leg.lot);
      if (need <= 0) continue;
      if (need < leg.minOrderSize) return { ok: false, reason: `${formatQty(need as Qty)} ${leg.outcome.toUpperCase()} ${leg.market} is below the ${leg.venue} minimum order size of ${formatQty(leg.minOrderSize)}` };
      const book = this.d.books.get(leg.market);
      const side = book?.outcome(leg.outcome);
      if (!side || side.health !== 'live') return { ok: false, reason: `the ${leg.outcome.toUpperCase()} ${leg.market} book is ${side?.health ?? 'unknown'}` };
      const walk = walkLadder(side.asks, need, 'buy');
      if (walk.qty < need || walk.worst === null) return { ok: false, reason: `the ${leg.outcome.toUpperCase()} ${leg.market} book holds only ${formatQty(walk.qty as Qty)} of the ${formatQty(need as Qty)} needed` };
      // Conservative: all of it at the worst price the order allows.
      estimate -= walk.worst * need + feeForFills(leg.fee, [walk.worst], [need]);
      specs.push({ basketId, legIndex: leg.legIndex, venue: leg.venue, market: leg.market, outcome: leg.outcome, side: 'buy', purpose: 'complete', qty: need as Qty, limitPrice: walk.worst as Price });
    }
    if (estimate < -this.d.lossBudget) {
      return { ok: false, reason: `completing at the current asks would lose $${money(-estimate)}, over the $${money(this.d.lossBudget)} per-trade limit` };
    }
    // Several completing buys may fill only in part: what fills is then naked as well.
    if (specs.length > 1) {
      const trips = specs.map((sp) => legRoundTripLoss({ bids: this.bidsOf(sp.market, sp.outcome), fee: holdings[sp.legIndex]!.leg.fee }, sp.limitPrice, sp.qty));
      const added = trips.reduce((t, x) => t + x, 0) - Math.min(...trips);
      const room = this.remainingBudget(holdings) - this.excessLoss(holdings);
      if (added > room) {
        return { ok: false, reason: `if only some of the ${specs.length} completing buys filled, selling them back could lose $${money(added)}, more than the $${money(Math.max(0, room))} the per-trade limit leaves` };
      }
    }
    const worstCaseLoss = Math.max(0, -estimate) as Micros;
    const ready = specs.map((s) => ({ ...s, worstCaseLoss }));
    // Nothing is sent that its venue would refuse: one refusal and the completion is off.
    const refusals = await Promise.all(ready.map((s) => this.d.desk.preflight(s)));
    const refused = refusals.findIndex((r) => r !== null);
    if (refused >= 0) {
      const s = ready[refused]!;
      return { ok: false, reason: `${formatQty(s.qty)} ${s.outcome.toUpperCase()} ${s.market}: ${refusals[refused]}` };
    }
    return { ok: true, specs: ready, estimate };
  }

  /** Sells one leg's excess (in whole lots) with a walking price; says whether it sold, and why it stopped short. */
  private async flattenLeg(basketId: string, legs: readonly LegPlan[], leg: LegPlan, orders: OrderOutcome[]): Promise<{ sold: boolean; problem: string | null }> {
    const { config } = this.d;
    const step = Math.max(1, Math.floor(config.flattenStepTicks)) * leg.tick;
    let sold = false;
    const waited = await this.awaitSellable(basketId, legs, leg);
    if (waited !== null) return { sold, problem: waited };
    for (let attempt = 0; attempt < config.flattenAttempts; attempt++) {
      const holdings = this.holdings(basketId, legs);
      const matched = Math.min(...holdings.map((h) => h.held));
      const h = holdings[leg.legIndex]!;
      const excess = floorToLot(h.held - matched, leg.lot);
      if (excess <= 0) return { sold, problem: null };
      const name = `${formatQty(excess as Qty)} ${leg.outcome.toUpperCase()} ${leg.market}`;
      // Under the venue's minimum nothing can sell it (nor buy the other legs up to it): dust.
      if (excess < leg.minOrderSize) return { sold, problem: null };
      const floor = this.floorPrice(holdings, h, excess);
      if (floor === null) return { sold, problem: `no price can sell ${name} within the $${money(this.d.lossBudget)} per-trade loss limit` };
      const side = this.d.books.get(leg.market)?.outcome(leg.outcome);
      const walk = side && side.health === 'live' ? walkLadder(side.bids, excess, 'sell') : null;
      const start = walk?.worst ?? floor;
      const limit = Math.max(floor, start - attempt * step) as Price;
      this.d.progress('flatten', 'running', `Selling ${name} at ≥ ${price(limit)} (attempt ${attempt + 1} of ${config.flattenAttempts}, floor ${price(floor)})`);
      const outcome = await this.d.desk.place({ basketId, legIndex: leg.legIndex, venue: leg.venue, market: leg.market, outcome: leg.outcome, side: 'sell', purpose: 'flatten', qty: excess as Qty, limitPrice: limit });
      orders.push(outcome);
      if (outcome.filledQty > 0) sold = true;
      if (outcome.end === 'refused') return { sold, problem: `${name}: ${outcome.reason ?? 'refused'}` };
      if (outcome.end === 'unknown') return { sold, problem: `${name}: the sell's outcome is unknown (${outcome.reason ?? ''})` };
      if (outcome.end === 'filled') continue;
      await sleep(config.flattenIntervalMs);
    }
    const left = this.holdings(basketId, legs);
    const matched = Math.min(...left.map((x) => x.held));
    const excess = left[leg.legIndex]!.held - matched;
    if (excess < QTY_ONE) return { sold, problem: null };
    const stopped = await this.stopLoss(basketId, legs, leg, orders);
    return { sold: sold || stopped.sold, problem: stopped.problem ?? `${formatQty(excess as Qty)} ${leg.outcome.toUpperCase()} ${leg.market} still unsold after ${config.flattenAttempts} attempts` };
  }

  /**
   * The budget could not sell the excess: sell it into the bids there are now, rather than leave a
   * naked position whose loss nothing bounds. Null problem when the excess is gone.
   */
  private async stopLoss(basketId: string, legs: readonly LegPlan[], leg: LegPlan, orders: OrderOutcome[]): Promise<{ sold: boolean; problem: string | null }> {
    const { config } = this.d;
    if (!config.stopLossPastLimit) return { sold: false, problem: null };
    let sold = false;
    for (let attempt = 0; attempt < config.flattenAttempts; attempt++) {
      const holdings = this.holdings(basketId, legs);
      const matched = Math.min(...holdings.map((h) => h.held));
      const excess = floorToLot(holdings[leg.legIndex]!.held - matched, leg.lot);
      if (excess < leg.minOrderSize || excess <= 0) return { sold, problem: null };
      const side = this.d.books.get(leg.market)?.outcome(leg.outcome);
      const walk = side && side.health === 'live' ? walkLadder(side.bids, excess, 'sell') : null;
      const name = `${formatQty(excess as Qty)} ${leg.outcome.toUpperCase()} ${leg.market}`;
      if (!walk || walk.worst === null) return { sold, problem: `${name}: no bids to sell into` };
      const qty = floorToLot(walk.qty, leg.lot);
      if (qty < leg.minOrderSize || qty <= 0) return { sold, problem: `${name}: the bids hold only ${formatQty(walk.qty as Qty)}` };
      this.d.progress('flatten', 'running', `Stop-loss: no price within the per-trade limit sells ${name}; selling ${formatQty(qty as Qty)} into the current bids at ≥ ${price(walk.worst)} rather than leave it naked`);
      const outcome = await this.d.desk.place({ basketId, legIndex: leg.legIndex, venue: leg.venue, market: leg.market, outcome: leg.outcome, side: 'sell', purpose: 'flatten', qty: qty as Qty, limitPrice: walk.worst as Price });
      orders.push(outcome);
      if (outcome.filledQty > 0) sold = true;
      if (outcome.end === 'refused' || outcome.end === 'unknown') return { sold, problem: `${name}: ${outcome.reason ?? outcome.end}` };
      if (outcome.end !== 'filled') await sleep(config.flattenIntervalMs);
    }
    return { sold, problem: null };
  }

  /** The loss budget the basket has left: the per-trade limit less what it has realised as a loss. */
  private remainingBudget(holdings: readonly LegHolding[]): number {
    const realised = holdings.reduce((t, x) => t + toMicros(x.realised, 'down'), 0);
    return this.d.lossBudget + Math.min(0, realised);
  }

  /** What selling every leg's excess over the matched units into the current bids would lose now. */
  private excessLoss(holdings: readonly LegHolding[]): number {
    const matched = Math.min(...holdings.map((h) => h.held));
    let loss = 0;
    for (const h of holdings) {
      const excess = h.held - matched;
      if (excess <= 0) continue;
      const walk = walkLadder(this.bidsOf(h.leg.market, h.leg.outcome), excess, 'sell');
      const proceeds = walk.qty > 0 ? walk.notional - walkFee(h.leg.fee, walk) : 0;
      loss += Math.max(0, Math.ceil((h.basis * excess) / h.held) - proceeds);
    }
    return loss;
  }

  private bidsOf(market: LegPlan['market'], outcome: LegPlan['outcome']): BidLadder {
    const side = this.d.books.get(market)?.outcome(outcome);
    return side && side.health === 'live' ? side.bids : EMPTY_BIDS;
  }

  /**
   * Waits, within `sellableWaitMs`, until the venue lets the excess be sold (shares bought a moment
   * ago settle first on Polymarket). Null when it can be sold (or the venue does not say), else why not.
   */
  private async awaitSellable(basketId: string, legs: readonly LegPlan[], leg: LegPlan): Promise<string | null> {
    const api = this.d.trading(leg.venue);
    if (!api?.awaitSellable) return null;
    const holdings = this.holdings(basketId, legs);
    const matched = Math.min(...holdings.map((h) => h.held));
    const excess = floorToLot(holdings[leg.legIndex]!.held - matched, leg.lot);
    if (excess <= 0) return null;
    const name = `${formatQty(excess as Qty)} ${leg.outcome.toUpperCase()} ${leg.market}`;
    this.d.progress('flatten', 'running', `Waiting until ${name} can be sold (bought shares settle on ${leg.venue} first; at most ${Math.round(this.d.config.sellableWaitMs / 1000)} s)`);
    let ok: boolean;
    try {
      ok = await api.awaitSellable(leg.market, leg.outcome, excess as Qty, this.d.config.sellableWaitMs);
    } catch {
      ok = false;
    }
    return ok ? null : `${name} could not be sold: ${leg.venue} did not show the shares as sellable within ${Math.round(this.d.config.sellableWaitMs / 1000)} s (the trade has not settled)`;
  }

  /**
   * The lowest price on the tick grid at which selling `excess` of this leg keeps the basket's
   * realised loss within the budget, the sale's own fee counted at that price. Null when even
   * $1 − tick cannot.
   */
  private floorPrice(holdings: readonly LegHolding[], h: LegHolding, excess: number): Price | null {
    const remaining = this.remainingBudget(holdings);
    const basis = Math.ceil((h.basis * excess) / h.held);
    const tick = h.leg.tick;
    const proceedsAt = (p: number) => p * excess - feeForFills(h.leg.fee, [p], [excess]);
    // Proceeds grow with the price (a fee is far less than the price it is charged on): bisect the grid.
    let lo = 1;
    let hi = Math.floor((PRICE_ONE - tick) / tick);
    if (basis - proceedsAt(hi * tick) > remaining) return null;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (basis - proceedsAt(mid * tick) <= remaining) hi = mid;
      else lo = mid + 1;
    }
    return (lo * tick) as Price;
  }
}

/** Rounds a quantity down to the venue's lot (whole contracts on Kalshi). */
function floorToLot(qty: number, lot: number): number {
  return lot <= 1 ? qty : Math.floor(qty / lot) * lot;
}

/** No bids: what a book that is not live offers a seller. */
const EMPTY_BIDS: BidLadder = { levelCount: 0, totalQty: 0, priceAt: () => 0, qtyAt: () => 0 };

function balanced(holdings: readonly LegHolding[]): boolean {
  return holdings.every((h) => h.held === holdings[0]!.held);
}

const money = (micros: number): string => formatMoney(micros);
const price = (p: number): string => formatPriceTicks(p);
