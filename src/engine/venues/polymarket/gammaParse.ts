// Validates Gamma's events and markets. Several market fields are JSON encoded in strings
// (`outcomes`, `outcomePrices`, `clobTokenIds`); YES and NO are mapped by the `outcomes` labels,
// never by position alone. Every problem is a message naming the field; nothing throws.
import { Money } from '../../../shared/money';
import { parsePrice, parseQty, type Price, type Qty } from '../../../shared/units';
import type { Outcome } from '../../../shared/ids';

/** Fee parameters as published: rate a decimal string, exponent a whole number. */
export interface PolyFeeParams {
  rate: string;
  exponent: number;
  takerOnly: boolean;
}

export interface ParsedMarket {
  gammaId: string;
  conditionId: string;
  question: string;
  description: string;
  /** Gamma `resolutionSource` (often empty: the description then names the source). */
  resolutionSource?: string;
  groupItemTitle: string;
  tokens: { yes: string; no: string };
  /** Indicative YES/NO prices (mid or last), null when absent. */
  outcomePrices: { yes: string; no: string } | null;
  endTime: number | null;
  active: boolean;
  closed: boolean;
  archived: boolean;
  acceptingOrders: boolean;
  enableOrderBook: boolean;
  negRisk: boolean | null;
  negRiskMarketId: string | null;
  negRiskOther: boolean;
  /** null: not published on Gamma (read from the CLOB instead). */
  tick: Price | null;
  minOrderSize: Qty | null;
  fee: PolyFeeParams | null;
  /** Gamma `version: "v2"` (Protocol V2) markets trade on ExchangeV3. */
  exchange: 'v2' | 'v3';
  /** The winner of a closed market whose outcome prices say so. */
  resolved: Outcome | null;
  /** `umaResolutionStatus` (or the latest of `umaResolutionStatuses`); null: not in the payload. */
  umaStatus?: string | null;
}

export interface ParsedEvent {
  id: string;
  slug: string;
  title: string;
  description: string;
  resolutionSource?: string;
  category: string;
  /** Lower-cased tag labels and slugs, the category and the series, for the trader's filter. */
  keywords: string[];
  seriesSlugs: string[];
  negRisk: boolean;
  negRiskAugmented: boolean;
  /** Markets in Gamma's order. */
  markets: ParsedMarket[];
  /** Markets that failed validation: they exist at the venue but the app cannot use them. */
  rejected: { id: string; reason: string }[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const TICKS = new Set([1000, 100, 50, 25, 10, 1]);
const TOP_CATEGORIES = ['politics', 'sports', 'crypto', 'finance', 'economy', 'economics', 'business', 'tech', 'science', 'culture', 'pop culture', 'weather', 'geopolitics', 'world', 'elections', 'mentions'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return null;
}

/** A list of strings, given either as a JSON array or as a JSON-encoded string of one. */
export function stringList(v: unknown, field: string): Parsed<string[]> {
  let list: unknown = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v);
    } catch {
      return { ok: false, reason: `${field}: not a JSON list: ${v.slice(0, 80)}` };
    }
  }
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) return { ok: false, reason: `${field}: not a list of strings` };
  return { ok: true, value: list as string[] };
}

/** A non-negative decimal given as a JSON number or a string; exact, never through a binary float's digits. */
export function decimalText(v: unknown, field: string): Parsed<string> {
  let t: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return { ok: false, reason: `${field}: ${v} is not a non-negative number` };
    // String(x) is the shortest text that reads back as x: the decimal the venue wrote.
    t = new Money(String(v)).toFixed();
  } else if (typeof v === 'string' && /^\d+(\.\d+)?$|^\.\d+$/.test(v)) {
    t = v;
  } else {
    return { ok: false, reason: `${field}: not a decimal` };
  }
  return { ok: true, value: t };
}

function bool(v: unknown, fallback: boolean): boolean {
  return typeof v === 'boolean' ? v : fallback;
}

function time(v: unknown): number | null {
  if (typeof v !== 'string' || v === '') return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : null;
}

/** Fee parameters from `feesEnabled` + `feeSchedule`; null when Gamma does not say. */
export function parseFee(m: Obj, where: string): Parsed<PolyFeeParams | null> {
  if (m.feesEnabled === false) return { ok: true, value: { rate: '0', exponent: 1, takerOnly: true } };
  const s = m.feeSchedule;
  if (!isObj(s)) return { ok: true, value: null };
  const rate = decimalText(s.rate, `${where}feeSchedule.rate`);
  if (!rate.ok) return rate;
  const exponent = s.exponent === undefined ? 1 : Number(s.exponent);
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 8) return { ok: false, reason: `${where}feeSchedule.exponent: ${String(s.exponent)} is not a whole number from 0 to 8` };
  if (new Money(rate.value).gt(1)) return { ok: false, reason: `${where}feeSchedule.rate: ${rate.value} is above 1` };
  return { ok: true, value: { rate: rate.value, exponent, takerOnly: bool(s.takerOnly, true) } };
}

/** A tick size (0.1 … 0.0001) as a Price. */
export function parseTick(v: unknown, field: string): Parsed<Price> {
  const d = decimalText(v, field);
  if (!d.ok) return d;
  const p = parsePrice(d.value);
  if (!p.ok || !TICKS.has(p.value)) return { ok: false, reason: `${field}: ${d.value} is not a Polymarket tick size` };
  return { ok: true, value: p.value };
}

export function parseMinSize(v: unknown, field: string): Parsed<Qty> {
  const d = decimalText(v, field);
  if (!d.ok) return d;
  const q = parseQty(d.value);
  if (!q.ok || q.value <= 0) return { ok: false, reason: `${field}: ${d.value} is not a positive size in 0.01 shares` };
  return { ok: true, value: q.value };
}

export function parseMarket(raw: unknown, eventNegRisk: boolean): Parsed<ParsedMarket> {
  if (!isObj(raw)) return { ok: false, reason: 'market is not an object' };
  const gammaId = text(raw.id) ?? '?';
  const conditionId = raw.conditionId;
  const where = `market ${gammaId}: `;
  if (typeof conditionId !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(conditionId)) return { ok: false, reason: `${where}conditionId is not a bytes32 hex string` };

  const labels = stringList(raw.outcomes, `${where}outcomes`);
  if (!labels.ok) return labels;
  const isV2 = raw.version === 'v2';
  const ids = stringList(isV2 && raw.positionIds !== undefined ? raw.positionIds : raw.clobTokenIds, `${where}${isV2 ? 'positionIds' : 'clobTokenIds'}`);
  if (!ids.ok) return ids;
  if (labels.value.length !== 2 || ids.value.length !== 2) return { ok: false, reason: `${where}expected 2 outcomes and 2 token ids, got ${labels.value.length} and ${ids.value.length}` };
  const norm = labels.value.map((l) => l.trim().toLowerCase());
  const yesAt = norm.indexOf('yes');
  const noAt = norm.indexOf('no');
  if (yesAt < 0 || noAt < 0) return { ok: false, reason: `${where}outcomes ${JSON.stringify(labels.value)} are not Yes/No` };
  const yes = ids.value[yesAt]!;
  const no = ids.value[noAt]!;
  for (const t of [yes, no]) if (!/^\d{1,80}$/.test(t)) return { ok: false, reason: `${where}token id "${t.slice(0, 90)}" is not a decimal uint256` };
  if (yes === no) return { ok: false, reason: `${where}the YES and NO token ids are the same` };

  let outcomePrices: ParsedMarket['outcomePrices'] = null;
  if (raw.outcomePrices !== undefined && raw.outcomePrices !== null) {
    const prices = stringList(raw.outcomePrices, `${where}outcomePrices`);
    if (!prices.ok) return prices;
    if (prices.value.length !== 2) return { ok: false, reason: `${where}outcomePrices has ${prices.value.length} entries, not 2` };
    for (const p of prices.value) if (!/^\d+(\.\d+)?$/.test(p)) return { ok: false, reason: `${where}outcomePrices: "${p}" is not a decimal` };
    outcomePrices = { yes: prices.value[yesAt]!, no: prices.value[noAt]! };
  }

  const tick = raw.orderPriceMinTickSize === undefined || raw.orderPriceMinTickSize === null ? null : parseTick(raw.orderPriceMinTickSize, `${where}orderPriceMinTickSize`);
  if (tick && !tick.ok) return tick;
  const minSize = raw.orderMinSize === undefined || raw.orderMinSize === null ? null : parseMinSize(raw.orderMinSize, `${where}orderMinSize`);
  if (minSize && !minSize.ok) return minSize;
  const fee = parseFee(raw, where);
  if (!fee.ok) return fee;

  const closed = bool(raw.closed, false);
  let resolved: Outcome | null = null;
  if (closed && outcomePrices) {
    const one = (p: string) => new Money(p).eq(1);
    const zero = (p: string) => new Money(p).eq(0);
    if (one(outcomePrices.yes) && zero(outcomePrices.no)) resolved = 'yes';
    else if (zero(outcomePrices.yes) && one(outcomePrices.no)) resolved = 'no';
  }

  return {
    ok: true,
    value: {
      gammaId,
      conditionId,
      question: typeof raw.question === 'string' ? raw.question : '',
      description: typeof raw.description === 'string' ? raw.description : '',
      resolutionSource: typeof raw.resolutionSource === 'string' ? raw.resolutionSource : '',
      groupItemTitle: typeof raw.groupItemTitle === 'string' ? raw.groupItemTitle : '',
      tokens: { yes, no },
      outcomePrices,
      endTime: time(raw.endDate) ?? time(raw.endDateIso),
      active: bool(raw.active, true),
      closed,
      archived: bool(raw.archived, false),
      acceptingOrders: bool(raw.acceptingOrders, false),
      enableOrderBook: bool(raw.enableOrderBook, false),
      negRisk: typeof raw.negRisk === 'boolean' ? raw.negRisk : eventNegRisk ? true : null,
      negRiskMarketId: typeof raw.negRiskMarketID === 'string' && raw.negRiskMarketID !== '' ? raw.negRiskMarketID : null,
      negRiskOther: raw.negRiskOther === true,
      tick: tick ? tick.value : null,
      minOrderSize: minSize ? minSize.value : null,
      fee: fee.value,
      exchange: isV2 ? 'v3' : 'v2',
      resolved,
      umaStatus: typeof raw.umaResolutionStatus === 'string' ? raw.umaResolutionStatus : umaLatest(raw.umaResolutionStatuses),
    },
  };
}

function umaLatest(v: unknown): string | null {
  const list = typeof v === 'string' ? stringList(v, 'umaResolutionStatuses') : null;
  if (!list?.ok) return null;
  return list.value.length === 0 ? '' : list.value[list.value.length - 1]!;
}

function categoryOf(e: Obj, tagLabels: string[]): string {
  if (typeof e.category === 'string' && e.category.trim() !== '') return e.category.trim();
  const top = tagLabels.find((l) => TOP_CATEGORIES.includes(l.toLowerCase()));
  return top ?? tagLabels[0] ?? 'Other';
}

export function parseEvent(raw: unknown): Parsed<ParsedEvent> {
  if (!isObj(raw)) return { ok: false, reason: 'event is not an object' };
  const id = text(raw.id);
  if (id === null || id === '') return { ok: false, reason: 'event id is missing' };
  const slug = typeof raw.slug === 'string' ? raw.slug : id;
  const tags = Array.isArray(raw.tags) ? raw.tags.filter(isObj) : [];
  const tagLabels = tags.map((t) => t.label).filter((l): l is string => typeof l === 'string' && l !== '');
  const tagSlugs = tags.map((t) => t.slug).filter((s): s is string => typeof s === 'string' && s !== '');
  const series = Array.isArray(raw.series) ? raw.series.filter(isObj) : [];
  const seriesSlugs = series.flatMap((s) => [s.slug, s.ticker]).filter((s): s is string => typeof s === 'string' && s !== '');
  const category = categoryOf(raw, tagLabels);
  const negRisk = raw.negRisk === true || raw.enableNegRisk === true;
  const markets: ParsedMarket[] = [];
  const rejected: ParsedEvent['rejected'] = [];
  const list = Array.isArray(raw.markets) ? raw.markets : [];
  for (const m of list) {
    const parsed = parseMarket(m, negRisk);
    if (parsed.ok) markets.push(parsed.value);
    else rejected.push({ id: isObj(m) ? (text(m.id) ?? text(m.conditionId) ?? '?') : '?', reason: `event ${id}: ${parsed.reason}` });
  }
  return {
    ok: true,
    value: {
      id,
      slug,
      title: typeof raw.title === 'string' ? raw.title : slug,
      description: typeof raw.description === 'string' ? raw.description : '',
      resolutionSource: typeof raw.resolutionSource === 'string' ? raw.resolutionSource : '',
      category,
      keywords: [...new Set([category, ...tagLabels, ...tagSlugs].map((k) => k.toLowerCase()))],
      seriesSlugs,
      negRisk,
      negRiskAugmented: raw.negRiskAugmented === true,
      markets,
      rejected,
    },
  };
}
