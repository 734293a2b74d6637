// Revalidation: re-size an opportunity on the books as they are now, and turn it into orders the
// venues will accept — or refuse, saying why, before anything is written or sent.
import { PRICE_ONE, QTY_ONE, formatQty, type Micros, type Price, type Qty } from '../../shared/units';
import { feeForFills } from '../fees/feeModel';
import type { Basket } from '../scanner/basket';
import type { SizingOptions } from '../scanner/evaluate';
import { formatMoney, formatPriceTicks } from '../scanner/format';
import { bestSize } from '../sizing/bestSize';
import { fillLadder, type LegFill } from '../sizing/fill';
import type { MarketInfo } from '../venues/venue';
import type { ExecutionPlan, LegPlan } from './types';

export type PlanResult = { ok: true; plan: ExecutionPlan } | { ok: false; reason: string };

export interface PlanInputs {
  /** Contracts the trader asked for; absent = the profit-maximising size now. */
  requestedSize?: number;
  sizing: SizingOptions;
  slippageTicks: number;
  marketInfo(ref: Basket['legs'][number]['market']): MarketInfo | undefined;
}

const ONE_DOLLAR = 1_000_000;

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

/**
 * Re-sizes `basket` on the current books. The trader's size is kept when every leg still has the
 * depth and the basket still nets the scanner's minimum profit; otherwise the most profitable size
 * up to it is taken. Refuses when a leg's book is not live, the basket no longer pays, a venue's
 * metadata is missing, or a leg would be below its venue's minimum order size.
 */
export function planExecution(basket: Basket, inputs: PlanInputs): PlanResult {
  for (let i = 0; i < basket.legs.length; i++) {
    const health = basket.legs[i]!.side.health;
    if (health !== 'live') return { ok: false, reason: `${legName(basket, i)}: its order book is ${health}; nothing is traded on a book that is not live` };
  }
  const { minProfit, maxSize } = inputs.sizing;
  const payout = basket.payout * ONE_DOLLAR;
  const requested = inputs.requestedSize;
  let size: number | null = null;
  let fills: LegFill[] | null = null;
  if (requested !== undefined) {
    if (!(Number.isSafeInteger(requested) && requested >= 1)) return { ok: false, reason: `size: ${String(requested)} is not a whole number of contracts` };
    const at = fillsAt(basket, requested);
    if (at !== null && netOf(basket, requested, at) >= minProfit) {
      size = requested;
      fills = at;
    }
  }
  if (size === null) {
    const cap = Math.min(requested ?? maxSize, maxSize);
    const best = bestSize(basket.legs, payout, cap, minProfit);
    if (best === null) {
      const upTo = requested !== undefined ? ` at any size up to ${cap}` : '';
      return { ok: false, reason: `No longer profitable on the current books${upTo}: the basket does not net the minimum of $${formatMoney(minProfit)}` };
    }
    size = best.size;
    fills = fillsAt(basket, size)!;
  }
  const qty = (size * QTY_ONE) as Qty;

  const infos: MarketInfo[] = [];
  for (let i = 0; i < basket.legs.length; i++) {
    const leg = basket.legs[i]!;
    const info = inputs.marketInfo(leg.market);
    if (!info) return { ok: false, reason: `${legName(basket, i)}: the venue's market details (tick, minimum size) are unknown` };
    if (info.status !== 'open') return { ok: false, reason: `${legName(basket, i)}: the market is ${info.status}` };
    if (qty < info.minOrderSize) {
      return {
        ok: false,
        reason: `${legName(basket, i)}: ${size} contract(s) is below the ${info.venue} minimum order size of ${formatQty(info.minOrderSize)}; nothing was sent`,
      };
    }
    infos.push(info);
  }

  // Limits: the sized worst price of each leg, plus the slippage tolerance while it keeps the
  // basket profitable with every leg filled at its limit.
  const worst = fills!.map((f) => f.worstPrice);
  let ticks = Math.max(0, Math.floor(inputs.slippageTicks));
  let limits = worst;
  for (; ticks >= 0; ticks--) {
    limits = worst.map((w, i) => Math.min(w + ticks * infos[i]!.tickSize, PRICE_ONE - infos[i]!.tickSize));
    if (ticks === 0 || netAtLimits(basket, size, limits) > 0) break;
  }

  const legs: LegPlan[] = basket.legs.map((leg, i) => ({
    legIndex: i,
    venue: leg.book.venue,
    market: leg.market,
    outcome: leg.outcome,
    title: leg.spec.title,
    qty,
    limitPrice: limits[i]! as Price,
    expectedCost: fills![i]!.cost as Micros,
    expectedFee: fills![i]!.fee as Micros,
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
      expectedNet: netOf(basket, size, fills!) as Micros,
      worstNet: netAtLimits(basket, size, limits) as Micros,
      reducedFrom: requested !== undefined && size !== requested ? requested : null,
    },
  };
}

/** "YES kalshi:X 10 @ ≤ 0.45" for logs. */
export function describeLeg(leg: LegPlan): string {
  return `${leg.outcome.toUpperCase()} ${leg.market} ${formatQty(leg.qty)} @ ≤ ${formatPriceTicks(leg.limitPrice)}`;
}

/** Kalshi trades whole contracts unless the market allows fractions (its minimum is then 0.01). */
export function lotOf(info: Pick<MarketInfo, 'venue' | 'minOrderSize'>): Qty {
  return (info.venue === 'kalshi' ? Math.max(1, info.minOrderSize) : 1) as Qty;
}
