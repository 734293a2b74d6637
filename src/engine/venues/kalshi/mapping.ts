// Kalshi market data → the engine's MarketInfo. Every number the venue sends as a string is
// parsed as fixed point (src/shared/units.ts); the few it sends as JSON numbers (fee multipliers,
// strikes) are turned into their exact decimal text, never computed with.
import Decimal from 'decimal.js';
import { marketRef, type Outcome } from '../../../shared/ids';
import { parsePrice, PRICE_ONE, QTY_ONE, type Price, type Qty } from '../../../shared/units';
import type { MarketInfo, MarketStatus } from '../venue';

/** What we read of a series: fee schedule and category. */
export interface SeriesInfo {
  ticker: string;
  category: string;
  /** `fee_type` as published ("" when absent: the fee is then unknown). */
  feeType: string;
  /** Exact decimal text of `fee_multiplier`: the venue's relative multiplier (1 on a standard series). */
  feeMultiplier: string;
  /** `settlement_sources`: the official sources the series settles on. */
  sources?: { name: string; url: string | null }[];
}

/** The fields of an event we use (openapi `EventData`). */
export interface KalshiEventJson {
  event_ticker?: unknown;
  series_ticker?: unknown;
  title?: unknown;
  sub_title?: unknown;
  category?: unknown;
  mutually_exclusive?: unknown;
  fee_type_override?: unknown;
  fee_multiplier_override?: unknown;
  markets?: unknown;
}

/** The fields of a market we use (openapi `Market`). */
export interface KalshiMarketJson {
  ticker?: unknown;
  event_ticker?: unknown;
  market_type?: unknown;
  title?: unknown;
  subtitle?: unknown;
  yes_sub_title?: unknown;
  status?: unknown;
  close_time?: unknown;
  result?: unknown;
  rules_primary?: unknown;
  rules_secondary?: unknown;
  strike_type?: unknown;
  floor_strike?: unknown;
  cap_strike?: unknown;
  price_level_structure?: unknown;
  price_ranges?: unknown;
  fractional_trading_enabled?: unknown;
  fee_waiver_expiration_time?: unknown;
}

/**
 * Kalshi `Market.status` → the engine's four states. `initialized` (not yet open) and `inactive`
 * (paused) are not tradable now but may be later; `closed`, `determined`, `disputed` and
 * `amended` are past trading and awaiting (or revising) settlement; `finalized` is settled.
 * Anything unknown is treated as paused: never streamed, never traded.
 */
export function mapMarketStatus(status: unknown): MarketStatus {
  switch (status) {
    case 'active':
    case 'open':
      return 'open';
    case 'initialized':
    case 'inactive':
    case 'unopened':
    case 'paused':
      return 'paused';
    case 'closed':
    case 'determined':
    case 'disputed':
    case 'amended':
      return 'closed';
    case 'finalized':
    case 'settled':
      return 'settled';
    default:
      return 'paused';
  }
}

/** A JSON number as its exact decimal text ("0.07", never "7e-2"); null when it is not a finite number. */
export function numberText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(value).toFixed();
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return new Decimal(value.trim()).toFixed();
  return null;
}

// A Map: a venue string such as "constructor" must not find Object.prototype.
const STRUCTURE_TICK = new Map<string, number>([
  ['linear_cent', 100],
  ['deci_cent', 10],
  ['tapered_deci_cent', 100],
]);

/**
 * The price step an order may always use: the coarsest step of `price_ranges` (a tapered grid
 * allows $0.001 only near the edges, so $0.01 is the step valid everywhere), else the step the
 * `price_level_structure` implies, else a cent.
 */
export function tickSizeOf(market: KalshiMarketJson): Price {
  let coarsest = 0;
  if (Array.isArray(market.price_ranges)) {
    for (const r of market.price_ranges as unknown[]) {
      const step = typeof r === 'object' && r !== null ? (r as { step?: unknown }).step : undefined;
      const parsed = typeof step === 'string' ? parsePrice(step) : null;
      if (parsed?.ok && parsed.value > 0) coarsest = Math.max(coarsest, parsed.value);
    }
  }
  if (coarsest > 0 && coarsest < PRICE_ONE) return coarsest as Price;
  const byStructure = typeof market.price_level_structure === 'string' ? STRUCTURE_TICK.get(market.price_level_structure) : undefined;
  return (byStructure ?? 100) as Price;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function resultOf(v: unknown): Outcome | null {
  return v === 'yes' || v === 'no' ? v : null;
}

export type MarketProblem = { ticker: string; reason: string };

/**
 * One nested market of an event → MarketInfo, or the reason it cannot be used. Only binary
 * markets are mapped (a scalar market pays its settlement value, not $1, and no basket models it).
 */
export function toMarketInfo(event: KalshiEventJson, market: KalshiMarketJson, series: SeriesInfo | undefined): MarketInfo | MarketProblem {
  const ticker = text(market.ticker);
  if (ticker === '') return { ticker: '?', reason: 'market without a ticker' };
  if (market.market_type !== undefined && market.market_type !== 'binary') return { ticker, reason: `market_type "${String(market.market_type)}" is not binary` };
  const eventTicker = text(event.event_ticker) || text(market.event_ticker);
  if (eventTicker === '') return { ticker, reason: 'no event_ticker' };
  let closeTime: number | null = null;
  if (market.close_time !== undefined && market.close_time !== null) {
    const t = typeof market.close_time === 'string' ? Date.parse(market.close_time) : NaN;
    if (!Number.isFinite(t)) return { ticker, reason: `close_time is not a date: ${JSON.stringify(market.close_time)}` };
    closeTime = t;
  }
  const seriesTicker = text(event.series_ticker) || series?.ticker || '';
  // The event's override takes precedence over the series (kalshi-typescript `EventData`). Without
  // either the fee is unknown: the engine will not price it (fees/kalshiSchedule.ts).
  const overrideType = text(event.fee_type_override);
  const overrideMultiplier = numberText(event.fee_multiplier_override);
  const feeType = overrideType || series?.feeType || '';
  const multiplier = overrideMultiplier ?? series?.feeMultiplier ?? '';
  const waiverText = text(market.fee_waiver_expiration_time);
  const waiver = waiverText === '' ? NaN : Date.parse(waiverText);
  const rules = [text(market.rules_primary), text(market.rules_secondary)].filter((s) => s !== '').join('\n\n');
  const strikeType = text(market.strike_type);
  const info: MarketInfo = {
    ref: marketRef('kalshi', ticker),
    venue: 'kalshi',
    id: ticker,
    title: text(market.title) || text(event.title) || ticker,
    rules,
    eventId: eventTicker,
    eventTitle: text(event.title),
    seriesId: seriesTicker === '' ? null : seriesTicker,
    category: series?.category || text(event.category) || 'Other',
    status: mapMarketStatus(market.status),
    closeTime,
    fee: { venue: 'kalshi', feeType, multiplier, ...(Number.isFinite(waiver) ? { waiverUntil: waiver } : {}) },
    tickSize: tickSizeOf(market),
    minOrderSize: (market.fractional_trading_enabled === true ? 1 : QTY_ONE) as Qty,
    result: resultOf(market.result),
  };
  // The strike or outcome this market names in its event ("88° or above"); `subtitle` is the older field.
  const label = text(market.yes_sub_title) || text(market.subtitle);
  if (label !== '') info.outcomeLabel = label;
  if (series?.sources && series.sources.length > 0) info.sources = series.sources;
  if (strikeType !== '') info.strike = { type: strikeType, floor: numberText(market.floor_strike), cap: numberText(market.cap_strike) };
  return info;
}

/** `GET /series` or `/series/{t}` → SeriesInfo; null when the fee schedule is unreadable. */
export function toSeriesInfo(json: unknown): SeriesInfo | null {
  if (typeof json !== 'object' || json === null) return null;
  const s = json as { ticker?: unknown; category?: unknown; fee_type?: unknown; fee_multiplier?: unknown; settlement_sources?: unknown };
  const ticker = text(s.ticker);
  const multiplier = numberText(s.fee_multiplier);
  if (ticker === '' || multiplier === null || new Decimal(multiplier).isNegative()) return null;
  const sources = settlementSources(s.settlement_sources);
  return { ticker, category: text(s.category), feeType: text(s.fee_type), feeMultiplier: multiplier, ...(sources.length > 0 ? { sources } : {}) };
}

/** openapi `SettlementSource[]` ({name, url}); entries without a name are skipped. */
function settlementSources(v: unknown): { name: string; url: string | null }[] {
  if (!Array.isArray(v)) return [];
  const out: { name: string; url: string | null }[] = [];
  for (const item of v as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const name = text((item as { name?: unknown }).name).trim();
    const url = text((item as { url?: unknown }).url).trim();
    if (name !== '') out.push({ name, url: url === '' ? null : url });
  }
  return out;
}
