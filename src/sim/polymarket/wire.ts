// Polymarket JSON shapes: CLOB markets (full and the compact /clob-markets form the SDK caches),
// order book summaries with their SHA-1 hash, open orders, trades, and Gamma's markets and
// events with their JSON-encoded string fields.
import { createHash } from 'node:crypto';
import { PRICE_ONE, type Price } from '../../shared/units';
import { isoTime, polyAmount, polyPrice } from '../core/format';
import type { Level } from '../matching/book';
import { CREATED_AT } from '../world/names';
import type { PolymarketEvent, PolymarketListing } from '../world/types';
import type { OutcomeToken, PolyMarketState, PolyOrder, PolyTrade } from './types';

const mirror = (p: Price) => (PRICE_ONE - p) as Price;
const label = (o: OutcomeToken) => (o === 'yes' ? 'Yes' : 'No');
/** An indicative number (JSON number) from an exact price: never used for money. */
const num = (p: Price) => Number(polyPrice(p));

export interface TokenBook {
  /** Best first. */
  bids: Level[];
  asks: Level[];
}

/** The book of one outcome token, derived from the YES-scale book. */
export function tokenBook(market: PolyMarketState, outcome: OutcomeToken): TokenBook {
  const bids = market.book.levels('bid');
  const asks = market.book.levels('ask');
  if (outcome === 'yes') return { bids, asks };
  return {
    bids: asks.map((l) => ({ price: mirror(l.price), total: l.total })),
    asks: bids.map((l) => ({ price: mirror(l.price), total: l.total })),
  };
}

export function tokenIdOf(market: PolyMarketState, outcome: OutcomeToken): string {
  return outcome === 'yes' ? market.listing.yesTokenId : market.listing.noTokenId;
}

export function lastTradeOf(market: PolyMarketState, outcome: OutcomeToken): string {
  const p = market.lastTradePrice;
  if (p === null) return '0.5';
  return polyPrice(outcome === 'yes' ? p : mirror(p));
}

const levelJson = (l: Level) => ({ price: polyPrice(l.price), size: polyAmount(l.total) });

export function withHash<T extends { hash: string }>(summary: T): T {
  summary.hash = '';
  summary.hash = createHash('sha1').update(JSON.stringify(summary)).digest('hex');
  return summary;
}

/** GET /book: bids ascending and asks descending, so the best of each is last (as the SDK walks them). */
export function bookSummary(market: PolyMarketState, outcome: OutcomeToken, now: number) {
  const b = tokenBook(market, outcome);
  return withHash({
    market: market.listing.conditionId,
    asset_id: tokenIdOf(market, outcome),
    timestamp: String(now),
    hash: '',
    bids: [...b.bids].reverse().map(levelJson),
    asks: [...b.asks].reverse().map(levelJson),
    min_order_size: String(market.listing.minOrderSize),
    tick_size: polyPrice(market.tick),
    neg_risk: market.listing.negRisk,
    last_trade_price: lastTradeOf(market, outcome),
  });
}

/** The WebSocket `book` event: both sides ascending by price, as in the channel's examples. */
export function bookEvent(market: PolyMarketState, outcome: OutcomeToken, now: number) {
  const b = tokenBook(market, outcome);
  return withHash({
    event_type: 'book',
    asset_id: tokenIdOf(market, outcome),
    market: market.listing.conditionId,
    bids: [...b.bids].reverse().map(levelJson),
    asks: b.asks.map(levelJson),
    timestamp: String(now),
    hash: '',
    tick_size: polyPrice(market.tick),
    last_trade_price: lastTradeOf(market, outcome),
  });
}

function tokensJson(market: PolyMarketState) {
  const yesMid = midOf(market, 'yes');
  return [
    { token_id: market.listing.yesTokenId, outcome: 'Yes', price: num(yesMid), winner: market.winner === 'yes' },
    { token_id: market.listing.noTokenId, outcome: 'No', price: num(mirror(yesMid)), winner: market.winner === 'no' },
  ];
}

export function midOf(market: PolyMarketState, outcome: OutcomeToken): Price {
  const b = tokenBook(market, outcome);
  const bid = b.bids[0]?.price;
  const ask = b.asks[0]?.price;
  if (bid !== undefined && ask !== undefined) return Math.round((bid + ask) / 2) as Price;
  return (bid ?? ask ?? 5000) as Price;
}

export function clobMarketJson(market: PolyMarketState): Record<string, unknown> {
  const l = market.listing;
  return {
    enable_order_book: true,
    active: !market.closed,
    closed: market.closed,
    archived: false,
    accepting_orders: market.acceptingOrders,
    accepting_order_timestamp: isoTime(l.startDate),
    minimum_order_size: l.minOrderSize,
    minimum_tick_size: num(market.tick),
    condition_id: l.conditionId,
    question_id: l.questionId,
    question: l.question,
    description: l.description,
    market_slug: l.slug,
    end_date_iso: isoTime(l.endDate),
    game_start_time: null,
    seconds_delay: 0,
    fpmm: '',
    maker_base_fee: 0,
    taker_base_fee: l.feeRate,
    notifications_enabled: true,
    neg_risk: l.negRisk,
    neg_risk_market_id: l.negRiskMarketId ?? '',
    neg_risk_request_id: l.negRiskRequestId ?? '',
    icon: '',
    image: '',
    rewards: { rates: null, min_size: 0, max_spread: 0 },
    is_50_50_outcome: false,
    tokens: tokensJson(market),
    tags: [l.category],
  };
}

/** GET /clob-markets/{conditionId}: the compact form getClobMarketInfo caches. */
export function clobMarketInfoJson(market: PolyMarketState): Record<string, unknown> {
  const l = market.listing;
  return {
    c: l.conditionId,
    t: [
      { t: l.yesTokenId, o: 'Yes' },
      { t: l.noTokenId, o: 'No' },
    ],
    mts: num(market.tick),
    nr: l.negRisk,
    fd: { r: l.feeRate / 10_000, e: l.feeExponent, to: true },
    mbf: 0,
    tbf: l.feeRate,
    r: null,
    ao: market.acceptingOrders,
    mos: l.minOrderSize,
    sd: 0,
    gst: null,
    rfqe: false,
  };
}

export function openOrderJson(o: PolyOrder): Record<string, unknown> {
  return {
    id: o.id,
    status: o.status,
    owner: o.owner,
    maker_address: o.makerAddress,
    market: o.market,
    asset_id: o.assetId,
    side: o.side,
    original_size: polyAmount(o.originalSize),
    size_matched: polyAmount(o.sizeMatched),
    price: polyPrice(o.price),
    associate_trades: [...o.associateTrades],
    outcome: label(o.outcome),
    created_at: Math.floor(o.createdAt / 1000),
    expiration: String(o.expiration),
    order_type: o.orderType,
  };
}

export function tradeJson(t: PolyTrade, viewerAddress: string | null): Record<string, unknown> {
  const isTaker = viewerAddress === null || viewerAddress.toLowerCase() === t.takerAddress.toLowerCase();
  return {
    id: t.id,
    taker_order_id: t.takerOrderId,
    market: t.market,
    asset_id: t.assetId,
    side: t.side,
    size: polyAmount(t.size),
    fee_rate_bps: String(t.feeRateBps),
    price: polyPrice(t.price),
    status: t.status,
    match_time: String(Math.floor(t.matchTime / 1000)),
    last_update: String(Math.floor(t.lastUpdate / 1000)),
    outcome: label(t.outcome),
    bucket_index: 0,
    owner: t.takerOwner,
    maker_address: t.takerAddress,
    maker_orders: [
      {
        order_id: t.maker.orderId,
        owner: t.maker.owner,
        maker_address: t.maker.makerAddress,
        matched_amount: polyAmount(t.maker.matchedAmount),
        price: polyPrice(t.maker.price),
        fee_rate_bps: '0',
        asset_id: t.maker.assetId,
        outcome: label(t.maker.outcome),
        side: t.maker.side,
      },
    ],
    transaction_hash: t.transactionHash,
    trader_side: isTaker ? 'TAKER' : 'MAKER',
    err_msg: null,
  };
}

// ------------------------------------------------------------------ Gamma

const jsonList = (items: string[]) => `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;

export function gammaMarketJson(market: PolyMarketState, event: PolymarketEvent, index: number): Record<string, unknown> {
  const l: PolymarketListing = market.listing;
  const yes = tokenBook(market, 'yes');
  const mid = midOf(market, 'yes');
  const bestBid = yes.bids[0]?.price;
  const bestAsk = yes.asks[0]?.price;
  const resolved = market.winner !== null;
  const prices = resolved ? (market.winner === 'yes' ? ['1', '0'] : ['0', '1']) : [polyPrice(mid), polyPrice(mirror(mid))];
  return {
    id: l.gammaId,
    question: l.question,
    conditionId: l.conditionId,
    slug: l.slug,
    resolutionSource: '',
    endDate: isoTime(l.endDate),
    startDate: isoTime(l.startDate),
    image: '',
    icon: '',
    description: l.description,
    outcomes: jsonList(['Yes', 'No']),
    outcomePrices: jsonList(prices),
    volume: '0',
    liquidity: '0',
    active: !market.closed,
    closed: market.closed,
    archived: false,
    new: false,
    featured: false,
    restricted: false,
    createdAt: isoTime(CREATED_AT),
    updatedAt: isoTime(CREATED_AT),
    groupItemTitle: l.groupItemTitle,
    groupItemThreshold: String(index),
    questionID: l.questionId,
    enableOrderBook: true,
    orderPriceMinTickSize: num(market.tick),
    orderMinSize: l.minOrderSize,
    endDateIso: isoTime(l.endDate).slice(0, 10),
    startDateIso: isoTime(l.startDate).slice(0, 10),
    clobTokenIds: jsonList([l.yesTokenId, l.noTokenId]),
    acceptingOrders: market.acceptingOrders,
    negRisk: l.negRisk,
    ...(l.negRisk ? { negRiskMarketID: l.negRiskMarketId, negRiskRequestID: l.negRiskRequestId, negRiskOther: l.isOther } : {}),
    bestBid: bestBid !== undefined ? num(bestBid) : 0,
    bestAsk: bestAsk !== undefined ? num(bestAsk) : 1,
    spread: bestBid !== undefined && bestAsk !== undefined ? num((bestAsk - bestBid) as Price) : 1,
    lastTradePrice: market.lastTradePrice !== null ? num(market.lastTradePrice) : 0,
    feesEnabled: l.feeRate > 0,
    feeType: l.feeRate > 0 ? 'taker' : null,
    feeSchedule: { rate: l.feeRate / 10_000, exponent: l.feeExponent, takerOnly: true, rebateRate: l.category === 'Crypto' ? 0.2 : 0.25 },
    makerBaseFee: 0,
    takerBaseFee: l.feeRate,
    secondsDelay: 0,
    umaResolutionStatus: resolved ? 'resolved' : null,
    rfqEnabled: false,
    events: [{ id: event.id, slug: event.slug, title: event.title }],
  };
}

export function gammaEventJson(event: PolymarketEvent, markets: Record<string, unknown>[], closed: boolean): Record<string, unknown> {
  return {
    id: event.id,
    ticker: event.slug,
    slug: event.slug,
    title: event.title,
    description: event.description,
    startDate: isoTime(CREATED_AT),
    endDate: isoTime(event.endDate),
    image: '',
    icon: '',
    active: !closed,
    closed,
    archived: false,
    new: false,
    featured: false,
    restricted: false,
    liquidity: 0,
    volume: 0,
    openInterest: 0,
    createdAt: isoTime(CREATED_AT),
    updatedAt: isoTime(CREATED_AT),
    enableOrderBook: true,
    negRisk: event.negRisk,
    enableNegRisk: event.negRisk,
    negRiskAugmented: event.negRiskAugmented,
    ...(event.negRisk ? { negRiskMarketID: event.negRiskMarketId } : {}),
    markets,
    tags: [{ id: String(event.category.length * 97), label: event.category, slug: event.category.toLowerCase() }],
    cyom: false,
    showAllOutcomes: true,
  };
}
