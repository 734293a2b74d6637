// What a trader checks before clicking: the fill of every leg at a target size (average and worst
// price, slippage and impact from the top of book), book imbalance, data quality, and a confidence
// score whose factors are all shown. Produces exactly the contract's `Analysis`.
import type { Analysis } from '../../shared/contract/opportunity';
import type { BidLadder } from '../books/ladders';
import type { Basket, BasketLeg } from './basket';
import { formatContracts, formatMoney, formatPriceTicks, formatQuotient } from '../../shared/unitText';
import { fillLadder, type LegFill } from '../sizing/fill';
import { scoreOf, type Factor } from './confidence';
import { worstCaseOf } from '../sizing/worstCase';
import { capitalOf } from './toContract';
import { ifVenuesDisagree } from './disagreement';

const CONTRACT_DECIMALS = { fraction: 12 } as const;

export interface AnalysisOptions {
  /** Wall-clock ms now. */
  now: number;
  /** The per-trade loss limit, micro-dollars, the worst case is held against. */
  maxLoss?: number;
}

type AnalysisLeg = Analysis['legs'][number];
type QualityCheck = Analysis['dataQuality'][number];

function bestBid(bids: BidLadder): number | null {
  return bids.levelCount > 0 ? bids.priceAt(0) : null;
}

/** (bid depth − ask depth) / (bid depth + ask depth) over the whole visible book of the outcome. */
function imbalanceOf(leg: BasketLeg): number | null {
  const bid = leg.side.bids.totalQty;
  const ask = leg.side.asks.totalQty;
  return bid + ask === 0 ? null : (bid - ask) / (bid + ask);
}

function cents(ticks: number): string {
  return `${formatPriceTicks(ticks)}`;
}

export function analyzeBasket(basket: Basket, targetSize: number, options: AnalysisOptions): Analysis {
  if (!Number.isInteger(targetSize) || targetSize < 1) throw new RangeError('targetSize must be a whole number of contracts ≥ 1');
  const { now } = options;
  let size = targetSize;
  for (const leg of basket.legs) size = Math.min(size, Math.floor(leg.asks.totalQty / 100));

  const fills: (LegFill | null)[] = basket.legs.map((leg) => (size >= 1 ? fillLadder(leg.asks, leg.fee, size) : null));
  let cost = 0;
  let fees = 0;
  for (const f of fills) {
    cost += f?.cost ?? 0;
    fees += f?.fee ?? 0;
  }
  const payout = basket.payout * 1_000_000 * size;
  const netProfit = payout - cost - fees;

  const legs: AnalysisLeg[] = basket.legs.map((leg, i) => {
    const fill = fills[i]!;
    const top = leg.asks.levelCount > 0 ? leg.asks.priceAt(0) : null;
    return {
      market: leg.market,
      outcome: leg.outcome,
      size: fill ? size : 0,
      topPrice: top === null ? null : formatPriceTicks(top),
      avgPrice: fill ? formatQuotient(fill.cost, size, CONTRACT_DECIMALS) : null,
      worstPrice: fill ? formatPriceTicks(fill.worstPrice) : null,
      slippage: fill && top !== null ? formatQuotient(fill.cost - top * 100 * size, size, CONTRACT_DECIMALS) : null,
      priceImpact: fill && top !== null ? formatPriceTicks(fill.worstPrice - top) : null,
      imbalance: imbalanceOf(leg),
      depth: formatContracts(leg.asks.totalQty),
      health: leg.side.health,
    };
  });

  const dataQuality: QualityCheck[] = [];
  for (const leg of basket.legs) {
    const bid = bestBid(leg.side.bids);
    const ask = leg.asks.levelCount > 0 ? leg.asks.priceAt(0) : null;
    const crossed = bid !== null && ask !== null && bid >= ask;
    dataQuality.push({
      check: 'crossed',
      ok: !crossed,
      market: leg.market,
      detail:
        bid === null || ask === null
          ? `${leg.outcome.toUpperCase()}: ${bid === null ? 'no bids' : 'no asks'}`
          : `${leg.outcome.toUpperCase()} best bid ${cents(bid)} ${crossed ? '≥' : '<'} best ask ${cents(ask)}${crossed ? ': the book is crossed, likely stale data' : ''}`,
    });
  }
  for (const leg of basket.legs) {
    const depth = leg.asks.totalQty;
    const thin = depth < targetSize * 100;
    dataQuality.push({
      check: 'thin',
      ok: !thin,
      market: leg.market,
      detail: `${formatContracts(depth)} contracts offered for ${leg.outcome.toUpperCase()}, ${targetSize} wanted`,
    });
  }
  for (const leg of basket.legs) {
    const age = leg.side.updatedAt === null ? null : now - leg.side.updatedAt;
    const ageText = age === null ? 'never updated' : `last change ${Math.max(0, Math.round(age / 100) / 10)} s ago`;
    dataQuality.push({ check: 'stale', ok: leg.side.health !== 'stale', market: leg.market, detail: `${leg.side.health}; ${ageText}` });
  }
  for (const leg of basket.legs) {
    dataQuality.push({
      check: 'unknown',
      ok: leg.side.health !== 'unknown',
      market: leg.market,
      detail: leg.side.health === 'unknown' ? 'book unknown (not loaded, or lost after a sequence gap) until its next snapshot' : 'book loaded',
    });
  }

  const worst = size >= 1
    ? worstCaseOf(basket.legs.map((l) => ({ bids: l.side.bids, fee: l.fee })), fills.map((f) => f!.worstPrice), size * 100)
    : null;
  const worstCase = {
    loss: formatMoney(worst?.loss ?? 0),
    legIndex: worst?.legIndex ?? null,
    limit: options.maxLoss === undefined ? null : formatMoney(options.maxLoss),
    withinLimit: options.maxLoss === undefined ? null : (worst?.loss ?? 0) <= options.maxLoss,
    maxSize: options.maxLoss === undefined ? null : largestSizeWithin(basket, options.maxLoss),
  };
  const factors = confidenceFactors(basket, targetSize, size, fills, netProfit, now);
  return {
    opportunityId: basket.id,
    targetSize,
    size,
    legs,
    payout: formatMoney(payout),
    cost: formatMoney(cost),
    fees: formatMoney(fees),
    netProfit: formatMoney(netProfit),
    dataQuality,
    worstCase,
    capital: capitalAt(basket, size, fills, netProfit, now),
    ifVenuesDisagree: ifVenuesDisagree(basket, size, cost + fees),
    confidence: scoreOf(factors),
    at: now,
  };
}

const NO_FILL: LegFill = { size: 0, cost: 0, fee: 0, topPrice: 0, worstPrice: 0, levels: 0 };

function capitalAt(basket: Basket, size: number, fills: readonly (LegFill | null)[], netProfit: number, now: number): NonNullable<Analysis['capital']> {
  const c = capitalOf({ basket, fills: fills.map((f) => f ?? NO_FILL), netProfit: size >= 1 ? netProfit : 0, updatedAt: now });
  return { resolveBy: c.resolveBy ?? null, byVenue: c.capital ?? [], returnOnCapital: c.returnOnCapital ?? null, annualisedReturn: c.annualisedReturn ?? null };
}

/** The worst case of buying `size` of every leg at the price its fill reaches; null when the books cannot fill it. */
function worstLossAt(basket: Basket, size: number): number | null {
  const fills = basket.legs.map((leg) => fillLadder(leg.asks, leg.fee, size));
  if (fills.some((f) => f === null)) return null;
  return worstCaseOf(basket.legs.map((l) => ({ bids: l.side.bids, fee: l.fee })), fills.map((f) => f!.worstPrice), size * 100).loss;
}

/**
 * The largest size, up to the thinnest leg's depth, whose worst case fits `maxLoss` (0: none does).
 * The worst case grows with the size, so bisection finds it, as the execution plan does.
 */
function largestSizeWithin(basket: Basket, maxLoss: number): number {
  let depth = Infinity;
  for (const leg of basket.legs) depth = Math.min(depth, Math.floor(leg.asks.totalQty / 100));
  if (!Number.isFinite(depth) || depth < 1) return 0;
  const fits = (size: number) => {
    const loss = worstLossAt(basket, size);
    return loss !== null && loss <= maxLoss;
  };
  if (!fits(1)) return 0;
  let lo = 1;
  let hi = depth;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function confidenceFactors(basket: Basket, targetSize: number, size: number, fills: (LegFill | null)[], netProfit: number, now: number): Factor[] {
  const factors: Factor[] = [];
  const legs = basket.legs;

  // Liquidity: can the target be filled, and how far does it walk the books?
  const thinnest = Math.min(...legs.map((l) => l.asks.totalQty)) / 100;
  const coverage = thinnest / targetSize;
  factors.push({
    risk: 'liquidity',
    name: 'Depth coverage',
    value: `${Math.floor(coverage * 100) / 100}×`,
    penalty: coverage >= 3 ? 0 : coverage >= 1 ? 5 : Math.round(15 + 15 * (1 - coverage)),
    detail: `The thinnest leg offers ${thinnest} contracts for a target of ${targetSize}${coverage < 1 ? `: only ${size} can be filled` : ''}.`,
  });
  let impact = 0;
  for (const f of fills) if (f) impact = Math.max(impact, f.worstPrice - f.topPrice);
  factors.push({
    risk: 'liquidity',
    name: 'Price impact',
    value: formatPriceTicks(impact),
    penalty: Math.min(15, Math.round((impact / 100) * 3)),
    detail: 'How far the worst leg walks past its best ask (3 points per cent, at most 15).',
  });
  const imbalances = legs.map((l) => {
    const bid = l.side.bids.totalQty;
    const ask = l.side.asks.totalQty;
    return bid + ask === 0 ? 0 : (bid - ask) / (bid + ask);
  });
  const worstImbalance = Math.max(...imbalances);
  factors.push({
    risk: 'liquidity',
    name: 'Book imbalance',
    value: worstImbalance.toFixed(2),
    penalty: worstImbalance > 0.5 ? 5 : 0,
    detail: 'Bids heavier than asks on an outcome we buy mean others compete for the same offers.',
  });

  // Execution: how many orders, on how many venues, with how much room for error.
  const venues = new Set(legs.map((l) => l.book.venue));
  factors.push({
    risk: 'execution',
    name: 'Legs',
    value: `${legs.length} order${legs.length === 1 ? '' : 's'} on ${venues.size} venue${venues.size === 1 ? '' : 's'}`,
    penalty: Math.max(0, legs.length - 2) * 5 + (venues.size > 1 ? 10 : legs.length > 1 ? 5 : 0),
    detail: 'Legs are separate orders that can fill partly or not at all; across venues nothing is atomic.',
  });
  const edgeMicros = size >= 1 ? netProfit / size : 0;
  factors.push({
    risk: 'execution',
    name: 'Edge per contract',
    value: size >= 1 ? formatQuotient(netProfit, size, { fraction: 6 }) : '0.00',
    penalty: edgeMicros < 5_000 ? 20 : edgeMicros < 10_000 ? 10 : edgeMicros < 20_000 ? 5 : 0,
    detail: 'Net profit per contract at this size: a thin edge is wiped out by one tick of slippage.',
  });
  const crossed = legs.filter((l) => l.side.bids.levelCount > 0 && l.asks.levelCount > 0 && l.side.bids.priceAt(0) >= l.asks.priceAt(0));
  factors.push({
    risk: 'execution',
    name: 'Crossed books',
    value: String(crossed.length),
    penalty: crossed.length > 0 ? 15 : 0,
    detail: crossed.length > 0 ? `Crossed on ${crossed.map((l) => `${l.outcome.toUpperCase()} ${l.market}`).join(', ')}: a venue would have matched these, so the data is suspect.` : 'No leg has a crossed book.',
  });

  // Timing: how fresh and how trustworthy the books are.
  const ages = legs.map((l) => (l.side.updatedAt === null ? Infinity : Math.max(0, now - l.side.updatedAt)));
  const oldest = Math.max(...ages);
  factors.push({
    risk: 'timing',
    name: 'Oldest book',
    value: oldest === Infinity ? 'never' : `${Math.round(oldest / 100) / 10} s`,
    penalty: oldest > 30_000 ? 15 : oldest > 5_000 ? 8 : oldest > 1_000 ? 3 : 0,
    detail: 'Time since the least recently changed leg book last moved.',
  });
  const unhealthy = legs.filter((l) => l.side.health !== 'live');
  factors.push({
    risk: 'timing',
    name: 'Book health',
    value: unhealthy.length === 0 ? 'all live' : unhealthy.map((l) => `${l.market} ${l.side.health}`).join(', '),
    penalty: unhealthy.length > 0 ? 40 : 0,
    detail: 'A stale or unknown book is never traded on.',
  });
  return factors;
}
