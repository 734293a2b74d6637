// Kalshi JSON shapes (openapi v3.x as used by kalshi-typescript): fixed-point `_fp` counts,
// `_dollars` prices, book levels as [price, size] strings with the best level last.
import { PRICE_ONE, type Micros, type Price, type Qty } from '../../shared/units';
import { isoTime, kalshiCount, kalshiDollars, kalshiMoney } from '../core/format';
import type { LimitBook } from '../matching/book';
import { CREATED_AT } from '../world/names';
import type { KalshiEvent, KalshiSeries } from '../world/types';
import type { BookTag, KalshiFill, KalshiMarketState, KalshiOrder, KalshiPosition, KalshiSettlement, KalshiTrade } from './types';

const complement = (p: Price) => (PRICE_ONE - p) as Price;

export function priceRanges(state: KalshiMarketState): { start: string; end: string; step: string }[] {
  const t = state.listing.tick;
  return [{ start: kalshiDollars(t), end: kalshiDollars(complement(t)), step: kalshiDollars(t) }];
}

export function marketJson(state: KalshiMarketState, now: number): Record<string, unknown> {
  const l = state.listing;
  const bid = state.book.best('bid');
  const ask = state.book.best('ask');
  const settled = state.result !== '';
  const zero = '0.0000';
  return {
    ticker: l.ticker,
    event_ticker: l.eventTicker,
    market_type: 'binary',
    title: l.title,
    subtitle: l.subtitle,
    yes_sub_title: l.yesSubTitle,
    no_sub_title: l.noSubTitle,
    created_time: isoTime(CREATED_AT),
    updated_time: isoTime(now),
    open_time: isoTime(l.openTime),
    close_time: isoTime(l.closeTime),
    expected_expiration_time: isoTime(l.closeTime + 3_600_000),
    expiration_time: isoTime(l.closeTime + 7 * 86_400_000),
    latest_expiration_time: isoTime(l.closeTime + 7 * 86_400_000),
    settlement_timer_seconds: 3600,
    status: state.status,
    yes_bid_dollars: bid ? kalshiDollars(bid.price) : zero,
    yes_bid_size_fp: kalshiCount((bid?.total ?? 0) as Qty),
    yes_ask_dollars: ask ? kalshiDollars(ask.price) : '1.0000',
    yes_ask_size_fp: kalshiCount((ask?.total ?? 0) as Qty),
    no_bid_dollars: ask ? kalshiDollars(complement(ask.price)) : zero,
    no_ask_dollars: bid ? kalshiDollars(complement(bid.price)) : '1.0000',
    last_price_dollars: state.lastPrice !== null ? kalshiDollars(state.lastPrice) : zero,
    volume_fp: kalshiCount(state.volume),
    volume_24h_fp: kalshiCount(state.volume),
    result: state.result,
    can_close_early: true,
    open_interest_fp: kalshiCount(state.openInterest),
    notional_value_dollars: '1.0000',
    previous_yes_bid_dollars: zero,
    previous_yes_ask_dollars: zero,
    previous_price_dollars: zero,
    liquidity_dollars: zero,
    settlement_value_dollars: settled ? (state.result === 'yes' ? '1.0000' : zero) : undefined,
    settlement_ts: state.settledAt !== null ? isoTime(state.settledAt) : null,
    expiration_value: settled ? state.result : '',
    fee_waiver_expiration_time: null,
    strike_type: l.strikeType,
    floor_strike: l.floorStrike ?? null,
    cap_strike: null,
    rules_primary: l.rulesPrimary,
    rules_secondary: l.rulesSecondary,
    price_level_structure: l.priceLevelStructure,
    price_ranges: priceRanges(state),
    fractional_trading_enabled: false,
    is_provisional: false,
    exchange_index: 0,
  };
}

export function eventJson(event: KalshiEvent, markets?: Record<string, unknown>[]): Record<string, unknown> {
  return {
    event_ticker: event.eventTicker,
    series_ticker: event.seriesTicker,
    sub_title: event.subTitle,
    title: event.title,
    collateral_return_type: event.mutuallyExclusive ? 'MECNET' : '',
    mutually_exclusive: event.mutuallyExclusive,
    category: event.category,
    strike_date: isoTime(event.strikeDate),
    strike_period: null,
    ...(markets ? { markets } : {}),
    product_metadata: null,
    settlement_sources: [],
    last_updated_ts: isoTime(CREATED_AT),
    fee_type_override: null,
    fee_multiplier_override: null,
    exchange_index: 0,
  };
}

export function seriesJson(s: KalshiSeries): Record<string, unknown> {
  return {
    ticker: s.ticker,
    frequency: s.frequency,
    title: s.title,
    category: s.category,
    categories: [s.category],
    tags: [],
    settlement_sources: s.settlementSources.map((x) => ({ name: x.name, url: x.url })),
    contract_url: `https://example.invalid/contracts/${s.ticker.toLowerCase()}.pdf`,
    contract_terms_url: `https://example.invalid/contracts/${s.ticker.toLowerCase()}-terms.pdf`,
    product_metadata: null,
    fee_type: s.feeType,
    fee_multiplier: s.feeMultiplier / 10_000,
    additional_prohibitions: [],
    exchange_index: 0,
  };
}

/** Both sides as bids, ascending (best last); NO bids are the YES asks mirrored. */
export function orderbookLevels(book: LimitBook<BookTag>, depth = 0): { yes: [string, string][]; no: [string, string][] } {
  const yes = book
    .levels('bid', depth)
    .map((l) => [kalshiDollars(l.price), kalshiCount(l.total as Qty)] as [string, string])
    .reverse();
  const no = book
    .levels('ask', depth)
    .map((l) => [kalshiDollars(complement(l.price)), kalshiCount(l.total as Qty)] as [string, string])
    .reverse();
  return { yes, no };
}

const outcomeOf = (side: 'bid' | 'ask') => (side === 'bid' ? 'yes' : 'no');

export function orderJson(o: KalshiOrder): Record<string, unknown> {
  return {
    order_id: o.orderId,
    user_id: o.userId,
    client_order_id: o.clientOrderId,
    ticker: o.ticker,
    side: outcomeOf(o.bookSide),
    action: 'buy',
    outcome_side: outcomeOf(o.bookSide),
    book_side: o.bookSide,
    type: 'limit',
    status: o.status,
    yes_price_dollars: kalshiDollars(o.price),
    no_price_dollars: kalshiDollars(complement(o.price)),
    fill_count_fp: kalshiCount(o.filled),
    remaining_count_fp: kalshiCount(o.remaining),
    initial_count_fp: kalshiCount(o.initial),
    taker_fill_cost_dollars: kalshiMoney(o.takerFillCost),
    maker_fill_cost_dollars: kalshiMoney(o.makerFillCost),
    taker_fees_dollars: kalshiMoney(o.takerFees),
    maker_fees_dollars: kalshiMoney(o.makerFees),
    expiration_time: o.expirationTime !== null ? isoTime(o.expirationTime) : null,
    created_time: isoTime(o.createdAt),
    last_update_time: isoTime(o.updatedAt),
    self_trade_prevention_type: o.selfTradePrevention,
    order_group_id: null,
    cancel_order_on_pause: false,
    subaccount_number: 0,
    exchange_index: 0,
  };
}

/**
 * How a fill is shaped: `v2` as kalshi-typescript 3.30 lists it (outcome_side, book_side), or the
 * variants others publish — REST `Fill` of openapi 3.15 / the AsyncAPI `fill` (side, action,
 * purchased_side; no book_side), and that message without `fee_cost`, as its published example is.
 */
export type FillShape = 'v2' | 'legacy' | 'legacy-no-fee';

function legacyShape(j: Record<string, unknown>, shape: FillShape): Record<string, unknown> {
  if (shape === 'v2') return j;
  delete j.book_side;
  delete j.outcome_side;
  if (shape === 'legacy-no-fee') delete j.fee_cost;
  return j;
}

export function fillJson(f: KalshiFill, shape: FillShape = 'v2'): Record<string, unknown> {
  return legacyShape({
    fill_id: f.fillId,
    exchange_index: 0,
    trade_id: f.tradeId,
    order_id: f.orderId,
    client_order_id: f.clientOrderId,
    ticker: f.ticker,
    market_ticker: f.ticker,
    side: outcomeOf(f.bookSide),
    action: 'buy',
    outcome_side: outcomeOf(f.bookSide),
    book_side: f.bookSide,
    count_fp: kalshiCount(f.count),
    yes_price_dollars: kalshiDollars(f.yesPrice),
    no_price_dollars: kalshiDollars(complement(f.yesPrice)),
    is_taker: f.isTaker,
    created_time: isoTime(f.ts),
    fee_cost: kalshiMoney(f.fee),
    subaccount_number: 0,
    ts: Math.floor(f.ts / 1000),
  }, shape === 'legacy-no-fee' ? 'legacy' : shape);
}

/** The WebSocket `fill` channel payload. */
export function fillEventJson(f: KalshiFill, shape: FillShape = 'v2'): Record<string, unknown> {
  return legacyShape({
    trade_id: f.tradeId,
    order_id: f.orderId,
    client_order_id: f.clientOrderId,
    market_ticker: f.ticker,
    exchange_index: 0,
    subaccount: 0,
    is_taker: f.isTaker,
    side: outcomeOf(f.bookSide),
    action: 'buy',
    purchased_side: outcomeOf(f.bookSide),
    outcome_side: outcomeOf(f.bookSide),
    book_side: f.bookSide,
    yes_price_dollars: kalshiDollars(f.yesPrice),
    count_fp: kalshiCount(f.count),
    fee_cost: kalshiMoney(f.fee),
    post_position_fp: kalshiCount(f.postPosition),
    ts: Math.floor(f.ts / 1000),
    ts_ms: f.ts,
  }, shape);
}

export function positionJson(p: KalshiPosition, restingOrders: number): Record<string, unknown> {
  return {
    ticker: p.ticker,
    exchange_index: 0,
    total_traded_dollars: kalshiMoney(p.totalTraded),
    position_fp: kalshiCount(p.position),
    market_exposure_dollars: kalshiMoney(p.cost),
    realized_pnl_dollars: kalshiMoney(p.realizedPnl),
    fees_paid_dollars: kalshiMoney(p.feesPaid),
    resting_orders_count: restingOrders,
    last_updated_ts: isoTime(p.updatedAt),
  };
}

export function settlementJson(s: KalshiSettlement): Record<string, unknown> {
  return {
    ticker: s.ticker,
    event_ticker: s.eventTicker,
    market_result: s.result,
    yes_count_fp: kalshiCount(s.yesCount),
    no_count_fp: kalshiCount(s.noCount),
    yes_total_cost: Math.round(s.yesCost / 10_000),
    no_total_cost: Math.round(s.noCost / 10_000),
    yes_total_cost_dollars: kalshiMoney(s.yesCost),
    no_total_cost_dollars: kalshiMoney(s.noCost),
    revenue: Math.round(s.revenue / 10_000),
    value: Math.round(s.revenue / 10_000),
    fee_cost: '0.0000',
    settled_time: isoTime(s.settledAt),
  };
}

export function tradeJson(t: KalshiTrade): Record<string, unknown> {
  return {
    trade_id: t.tradeId,
    ticker: t.ticker,
    count_fp: kalshiCount(t.count),
    yes_price_dollars: kalshiDollars(t.yesPrice),
    no_price_dollars: kalshiDollars(complement(t.yesPrice)),
    taker_side: outcomeOf(t.takerSide),
    taker_outcome_side: outcomeOf(t.takerSide),
    taker_book_side: t.takerSide,
    created_time: isoTime(t.ts),
  };
}

/** Average of Σq·p / Σq in dollars with 6 dp, or undefined for no fills. */
export function averageDollars(fills: readonly { qty: number; value: number }[], scaleDecimals: number): string | undefined {
  let q = 0n;
  let v = 0n;
  for (const f of fills) {
    q += BigInt(f.qty);
    v += BigInt(f.value);
  }
  if (q === 0n) return undefined;
  // value/qty is in 10^-scaleDecimals dollars; express in micros, half up.
  const micros = (v * 10n ** BigInt(6 - scaleDecimals) * 2n + q) / (q * 2n);
  return kalshiMoney(Number(micros) as Micros);
}
