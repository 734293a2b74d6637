// Revalidation: re-size an opportunity on the books as they are now, and turn it into orders the
// venues will accept — or refuse, saying why, before anything is written or sent. The size is the
// largest that keeps the basket's honest worst case (worstCase.ts) within the per-trade loss limit
// and that every leg's venue can express; among those, the most profitable.
import { PRICE_ONE, QTY_ONE, formatQty, type Micros, type Price, type Qty } from '../../shared/units';
import { feeForFills } from '../fees/feeModel';
import type { Basket } from '../scanner/basket';
import type { SizingOptions } from '../scanner/evaluate';
import { formatMoney, formatPriceTicks } from '../../shared/unitText';
import { bestSize } from '../sizing/bestSize';
import { fillLadder, type LegFill } from '../sizing/fill';
import { usd } from '../risk/gateTypes';
import type { MarketInfo, OrderShape } from '../venues/venue';
import type { VenueId } from '../../shared/ids';
import { venueRegistry, type VenueRegistry } from '../venues/registry';
import type { ExecutionPlan, LegPlan } from './types';
import { worstCaseOf, type WorstCase } from '../sizing/worstCase';

export type PlanResult = { ok: true; plan: ExecutionPlan } | { ok: false; reason: string };

export interface PlanInputs {
  /** Contracts the trader asked for; absent = the profit-maximising size now. */
  requestedSize?: number;
  sizing: SizingOptions;
  slippageTicks: number;
  marketInfo(ref: Basket['legs'][number]['market']): MarketInfo | undefined;
  /** The per-trade loss limit, micro-dollars: the worst case must stay within it. */
  maxLoss: number;
  /** Why leg `legIndex`'s venue cannot express this order (precision at the tick, lot, minimum), or null. */
  orderProblem?(legIndex: number, order: OrderShape): string | null;
  /**
   * Cash the venue's account can spend now, micro-dollars (the smaller of balance and allowance,
   * saying which); null when unknown — the venue's preflight then has the last word.
   */
  cash?(venue: VenueId): VenueCash | null;
}

export interface VenueCash {
  micros: number;
  limitedBy: 'balance' | 'allowance';
  /** The venue's name, for the trader. */
  name: string;
}

/** What one venue's legs need at `size`: every leg's contracts at its limit plus its fee at that price. */
interface CashShort {
  venue: VenueId;
  cash: VenueCash;
  needed: number;
}

const ONE_DOLLAR = 1_000_000;
/** How many sizes below (and above) the most profitable one are tried for one every venue can express. */
const EXPRESSIBLE_SEARCH = 100;

function legName(basket: Basket, i: number): string {
  const leg = basket.legs[i]!;
  return `leg ${i + 1} (${leg.outcome.toUpperCase()} ${leg.market})`;
}

function fillsAt(basket: Basket, size: number): LegFill[] | null {
  const fills: LegFill[] = [];
  for (const leg of basket.legs) {
    const f = fillLadder(leg.asks, leg.fee, size);
    if (f === null) return null;
    fills.push(f);
  }
  return fills;
}

function netOf(basket: Basket, size: number, fills: readonly LegFill[]): number {
  let net = basket.payout * ONE_DOLLAR * size;
  for (const f of fills) net -= f.cost + f.fee;
  return net;
}

/** Net profit if every leg filled all `size` contracts at `limits[i]` (one rounding of each fee). */
function netAtLimits(basket: Basket, size: number, limits: readonly number[]): number {
  let net = basket.payout * ONE_DOLLAR * size;
  basket.legs.forEach((leg, i) => {
    net -= limits[i]! * size * QTY_ONE + feeForFills(leg.fee, [limits[i]!], [size * QTY_ONE]);
  });
  return net;
}

interface Candidate {
  size: number;
  fills: LegFill[];
  limits: number[];
  net: number;
  worst: WorstCase;
  /** The first leg a venue cannot express at this size, and why. */
  problem: { legIndex: number; reason: string } | null;
  /** A venue whose cash cannot pay for this size, fees included. */
  short: CashShort | null;
}

/**
 * Re-sizes `basket` on the current books. The trader's size is kept when every leg still has the
 * depth, the basket still nets the scanner's minimum, its worst case is within the loss limit and
 * every venue can express it; otherwise the best size below it that passes. Refuses when a leg's
 * book is not live, the basket no longer pays, a venue's metadata is missing, a leg would be below
 * its venue's minimum order size, or even the smallest basket could lose more than the limit.
 */
export function planExecution(basket: Basket, inputs: PlanInputs): PlanResult {
  for (let i = 0; i < basket.legs.length; i++) {
    const health = basket.legs[i]!.side.health;
    if (health !== 'live') return { ok: false, reason: `${legName(basket, i)}: its order book is ${health}; nothing is traded on a book that is not live` };
  }
  const infos: MarketInfo[] = [];
  for (let i = 0; i < basket.legs.length; i++) {
    const info = inputs.marketInfo(basket.legs[i]!.market);
    if (!info) return { ok: false, reason: `${legName(basket, i)}: the venue's market details (tick, minimum size) are unknown` };
    if (info.status !== 'open') return { ok: false, reason: `${legName(basket, i)}: the market is ${info.status}` };
    infos.push(info);
  }
  const { minProfit, maxSize } = inputs.sizing;
  const payout = basket.payout * ONE_DOLLAR;
  const requested = inputs.requestedSize;
  if (requested !== undefined && !(Number.isSafeInteger(requested) && requested >= 1)) {
    return { ok: false, reason: `size: ${String(requested)} is not a whole number of contracts` };
  }
  // The smallest basket every venue accepts (minimum order sizes are whole contracts or less).
  const minSize = Math.max(1, ...infos.map((info) => Math.ceil(info.minOrderSize / QTY_ONE)));
  if (requested !== undefined && requested < minSize) {
    const i = infos.findIndex((info) => requested * QTY_ONE < info.minOrderSize);
    return { ok: false, reason: `${legName(basket, i)}: ${requested} contract(s) is below the ${infos[i]!.venue} minimum order size of ${formatQty(infos[i]!.minOrderSize)}; nothing was sent` };
  }

  const cashShortAt = (size: number, limits: readonly number[]): CashShort | null => {
    if (!inputs.cash) return null;
    const qty = size * QTY_ONE;
    const needed = new Map<VenueId, number>();
    basket.legs.forEach((leg, i) => {
      const v = leg.book.venue;
      needed.set(v, (needed.get(v) ?? 0) + limits[i]! * qty + feeForFills(leg.fee, [limits[i]!], [qty]));
    });
    for (const [venue, need] of needed) {
      const cash = inputs.cash(venue);
      if (cash !== null && need > cash.micros) return { venue, cash, needed: need };
    }
    return null;
  };
  const evaluate = (size: number): Candidate | null => {
    const fills = fillsAt(basket, size);
    if (fills === null) return null;
    const limits = limitsAt(basket, infos, fills, size, inputs.slippageTicks);
    const qty = size * QTY_ONE;
    const worst = worstCaseOf(basket.legs.map((l) => ({ bids: l.side.bids, fee: l.fee })), limits, qty);
    let problem: Candidate['problem'] = null;
    for (let i = 0; i < basket.legs.length && problem === null && inputs.orderProblem; i++) {
      const leg = basket.legs[i]!;
      const reason = inputs.orderProblem(i, { market: leg.market, outcome: leg.outcome, side: 'buy', limitPrice: limits[i]! as Price, qty: qty as Qty, timeInForce: 'ioc' });
      if (reason !== null) problem = { legIndex: i, reason };
    }
    return { size, fills, limits, net: netOf(basket, size, fills), worst, problem, short: cashShortAt(size, limits) };
  };
  const passes = (c: Candidate | null): c is Candidate => c !== null && c.net >= minProfit && c.worst.loss <= inputs.maxLoss && c.problem === null && c.short === null;

  const cap = Math.min(requested ?? maxSize, maxSize);
  let chosen: Candidate | null = null;
  let balanceLimit: ExecutionPlan['balanceLimit'] = null;
  if (requested !== undefined && requested <= maxSize) {
    const c = evaluate(requested);
    if (passes(c)) chosen = c;
  }
  if (chosen === null) {
    let depth = Math.min(cap, ...basket.legs.map((l) => Math.floor(l.asks.totalQty / QTY_ONE)));
    if (depth < minSize) return { ok: false, reason: notProfitable(minProfit, requested, cap) };
    const smallest = evaluate(minSize)!;
    if (smallest.short) return { ok: false, reason: `${cashText(smallest.short)}; even ${minSize} contract(s) need $${formatMoney(smallest.short.needed)} there, fees included; nothing was sent` };
    // What the cash on each venue pays for (the need grows with the size): the largest size, by bisection.
    if (evaluate(depth)!.short) {
      let lo = minSize;
      let hi = depth;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (evaluate(mid)!.short === null) lo = mid;
        else hi = mid - 1;
      }
      const short = evaluate(lo + 1)!.short!;
      balanceLimit = { venue: short.venue, limitedBy: short.cash.limitedBy, spendable: short.cash.micros as Micros, maxSize: lo, text: `${cashText(short)}: it pays for ${lo} contract(s), fees included` };
      depth = lo;
    }
    if (smallest.worst.loss > inputs.maxLoss) {
      return { ok: false, reason: `${worstText(basket, smallest.worst)} is over the ${usd(inputs.maxLoss)} per-trade limit at the smallest size, ${minSize} contract(s); nothing was sent` };
    }
    // The worst case grows with the size (each contract costs at least its ask and sells back for
    // at most the best bid left): the largest size within the limit, by bisection.
    let lo = minSize;
    let hi = depth;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (evaluate(mid)!.worst.loss <= inputs.maxLoss) lo = mid;
      else hi = mid - 1;
    }
    const best = bestSize(basket.legs, payout, lo, minProfit);
    if (best === null) return { ok: false, reason: notProfitable(minProfit, requested, cap, lo < cap ? lo : null) };
    chosen = searchExpressible(best.size, minSize, lo, evaluate, passes);
    if (chosen === null) {
      const at = evaluate(Math.max(best.size, minSize));
      if (at?.problem) return { ok: false, reason: `${legName(basket, at.problem.legIndex)}: ${at.problem.reason}; nothing was sent` };
      return { ok: false, reason: notProfitable(minProfit, requested, cap, lo < cap ? lo : null) };
    }
  }

  const { size, fills, limits, worst } = chosen;
  const qty = (size * QTY_ONE) as Qty;
  const legs: LegPlan[] = basket.legs.map((leg, i) => ({
    legIndex: i,
    venue: leg.book.venue,
    market: leg.market,
    outcome: leg.outcome,
    title: leg.spec.title,
    qty,
    limitPrice: limits[i]! as Price,
    expectedCost: fills[i]!.cost as Micros,
    expectedFee: fills[i]!.fee as Micros,
    tick: infos[i]!.tickSize,
    minOrderSize: infos[i]!.minOrderSize,
    lot: lotOf(infos[i]!),
    fee: leg.fee,
  }));
  return {
    ok: true,
    plan: {
      opportunityId: basket.id,
      strategy: basket.strategy,
      label: basket.label,
      size,
      payoutPerUnit: payout as Micros,
      legs,
      expectedNet: netOf(basket, size, fills) as Micros,
      worstNet: netAtLimits(basket, size, limits) as Micros,
      worstCase: { loss: worst.loss as Micros, legIndex: worst.legIndex },
      maxLoss: inputs.maxLoss as Micros,
      reducedFrom: requested !== undefined && size !== requested ? requested : null,
      balanceLimit: balanceLimit !== null && size >= balanceLimit.maxSize ? balanceLimit : null,
    },
  };
}

/**
 * The most profitable size first, then the sizes below it, then those above it up to `max`: the
 * first that passes (a venue that cannot express one size usually can the next).
 */
function searchExpressible(best: number, min: number, max: number, evaluate: (s: number) => Candidate | null, passes: (c: Candidate | null) => c is Candidate): Candidate | null {
  const start = Math.max(best, min);
  for (let s = start, n = 0; s >= min && n <= EXPRESSIBLE_SEARCH; s--, n++) {
    const c = evaluate(s);
    if (passes(c)) return c;
  }
  for (let s = start + 1, n = 0; s <= max && n < EXPRESSIBLE_SEARCH; s++, n++) {
    const c = evaluate(s);
    if (passes(c)) return c;
  }
  return null;
}

/**
 * Limits: the sized worst price of each leg, plus the slippage tolerance while it keeps the
 * basket profitable with every leg filled at its limit.
 */
function limitsAt(basket: Basket, infos: readonly MarketInfo[], fills: readonly LegFill[], size: number, slippageTicks: number): number[] {
  const worst = fills.map((f) => f.worstPrice);
  let limits = worst;
  for (let ticks = Math.max(0, Math.floor(slippageTicks)); ticks >= 0; ticks--) {
    limits = worst.map((w, i) => Math.min(w + ticks * infos[i]!.tickSize, PRICE_ONE - infos[i]!.tickSize));
    if (ticks === 0 || netAtLimits(basket, size, limits) > 0) break;
  }
  return limits;
}

function notProfitable(minProfit: number, requested: number | undefined, cap: number, worstCap: number | null = null): string {
  const upTo = worstCap !== null ? ` at any size up to ${worstCap} (the largest whose worst case stays within the per-trade loss limit)` : requested !== undefined ? ` at any size up to ${cap}` : '';
  return `No longer profitable on the current books${upTo}: the basket does not net the minimum of $${formatMoney(minProfit)}`;
}

/** "worst case $2.16 (leg 1 YES kalshi:K0 filled alone and sold back into the current bids)". */
export function worstText(basket: Pick<Basket, 'legs'>, worst: WorstCase): string {
  const leg = basket.legs[worst.legIndex]!;
  return `worst case $${formatMoney(worst.loss)} (leg ${worst.legIndex + 1} ${leg.outcome.toUpperCase()} ${leg.market} filled alone and sold back into the current bids)`;
}

/** "the Kalshi balance is $12.00" / "the Polymarket allowance is $5.00". */
function cashText(s: CashShort): string {
  return `the ${s.cash.name} ${s.cash.limitedBy} is $${formatMoney(s.cash.micros)}`;
}

/** "YES kalshi:X 10 @ ≤ 0.45" for logs. */
export function describeLeg(leg: LegPlan): string {
  return `${leg.outcome.toUpperCase()} ${leg.market} ${formatQty(leg.qty)} @ ≤ ${formatPriceTicks(leg.limitPrice)}`;
}

/** The smallest step of an order's size in the market, by its venue's order rules. */
export function lotOf(info: Pick<MarketInfo, 'venue' | 'minOrderSize'>, venues: VenueRegistry = venueRegistry): Qty {
  return venues.find(info.venue)?.orders.lot(info) ?? (1 as Qty);
}
