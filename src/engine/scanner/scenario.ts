// The scenario file of `arbdesk scan` / `arbdesk replay` (spec §2): markets with their books and
// fee parameters, the relations between them, and sizing options. Every rule is checked here, and
// a violation names the offending field: `markets[1].orderbook_fp.yes_dollars[0][0]: …`.
import { isVenueId, type MarketRef } from '../../shared/ids';
import { isTradablePrice, parsePrice, parseQty, parseScaled, type Price } from '../../shared/units';
import { MAX_LEVEL_QTY } from '../books/priceLevels';
import { KALSHI_DEFAULT_MULTIPLIER, KalshiFeeModel } from '../fees/kalshi';
import { POLYMARKET_DEFAULT_EXPONENT, POLYMARKET_DEFAULT_RATE, POLYMARKET_MAX_EXPONENT, PolymarketFeeModel } from '../fees/polymarket';
import type { FeeModel } from '../fees/feeModel';
import { DEFAULT_MAX_SIZE, DEFAULT_MIN_PROFIT_MICROS, Scanner } from './scanner';
import type { SizingOptions } from './evaluate';
import type { Equivalence, ExclusiveSet, Implication, MarketSpec, Relations } from '../strategies/universe';

/** Bad input: which field, and what is wrong with it. */
export class ScenarioError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'ScenarioError';
  }
}

/** Price and size levels, integer units, as read (any order). */
export interface Levels {
  readonly prices: number[];
  readonly qtys: number[];
}

export interface ScenarioMarket {
  readonly spec: MarketSpec;
  /** Kalshi: YES bids and NO bids. */
  readonly kalshi?: { readonly yesBids: Levels; readonly noBids: Levels };
  /** Polymarket: each outcome token's bids and asks. */
  readonly polymarket?: { readonly yes: { bids: Levels; asks: Levels }; readonly no: { bids: Levels; asks: Levels } };
}

export interface Scenario {
  readonly markets: readonly ScenarioMarket[];
  readonly relations: Relations;
  readonly options: SizingOptions;
}

export const MAX_SIZE_LIMIT = 1_000_000_000;
const MAX_ID_LENGTH = 180;

type Json = unknown;

/** The longest piece of an input value an error message quotes. */
const QUOTE_CHARS = 40;

/**
 * A short, one-line picture of a value for an error message: at most QUOTE_CHARS characters,
 * control characters escaped (JSON), whatever its size or nesting depth (no recursion into it).
 */
function describe(value: Json): string {
  if (value === undefined) return 'missing';
  return clip(preview(value, 3));
}

function preview(value: Json, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, QUOTE_CHARS + 1));
  if (typeof value !== 'object' || value === null) return String(JSON.stringify(value) ?? value);
  if (depth === 0) return Array.isArray(value) ? '[...]' : '{...}';
  const parts: string[] = [];
  let length = 0;
  const entries = Array.isArray(value) ? value : Object.keys(value);
  for (const entry of entries) {
    const part = Array.isArray(value)
      ? preview(entry, depth - 1)
      : `${JSON.stringify(String(entry).slice(0, QUOTE_CHARS + 1))}:${preview((value as Record<string, Json>)[entry as string], depth - 1)}`;
    parts.push(part);
    length += part.length + 1;
    if (length > QUOTE_CHARS) break;
  }
  return Array.isArray(value) ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

function clip(text: string): string {
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS - 3)}...` : text;
}

/** A string from the input, quoted for an error message (JSON-escaped, at most QUOTE_CHARS). */
function quote(text: string): string {
  return clip(JSON.stringify(text.slice(0, QUOTE_CHARS + 1)));
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A decimal as the venues send it (a string); plain JSON numbers are accepted as their digits. */
function decimalText(value: Json): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function readPrice(value: Json, field: string): number {
  const text = decimalText(value);
  if (text === null) throw new ScenarioError(field, `expected a price such as "0.45", got ${describe(value)}`);
  if (text.startsWith('-') && /^-\d*\.?\d+$/.test(text)) throw new ScenarioError(field, `price ${quote(text)} is negative`);
  const r = parsePrice(text);
  if (!r.ok) {
    if (r.reason === 'more than 4 decimal places') throw new ScenarioError(field, `price ${quote(text)} is finer than $0.0001`);
    throw new ScenarioError(field, `price ${quote(text)} is not a decimal number`);
  }
  if (!isTradablePrice(r.value as Price)) throw new ScenarioError(field, `price ${quote(text)} is outside (0, 1)`);
  return r.value;
}

function readSize(value: Json, field: string): number {
  const text = decimalText(value);
  if (text === null) throw new ScenarioError(field, `expected a size such as "100.00", got ${describe(value)}`);
  if (text.startsWith('-') && /^-\d*\.?\d+$/.test(text)) throw new ScenarioError(field, `size ${quote(text)} is negative`);
  const r = parseQty(text, 'floor');
  if (!r.ok) throw new ScenarioError(field, `size ${quote(text)} is not a decimal number`);
  if (r.value > MAX_LEVEL_QTY) throw new ScenarioError(field, `size ${quote(text)} is too large`);
  return r.value;
}

function readKalshiSide(value: Json, field: string): Levels {
  const out: Levels = { prices: [], qtys: [] };
  if (value === undefined || value === null) return out;
  if (!Array.isArray(value)) throw new ScenarioError(field, `expected an array of [price, count] levels, got ${describe(value)}`);
  value.forEach((level: Json, i) => {
    const f = `${field}[${i}]`;
    if (!Array.isArray(level) || level.length !== 2) throw new ScenarioError(f, `expected [price, count], got ${describe(level)}`);
    out.prices.push(readPrice(level[0], `${f}[0]`));
    out.qtys.push(readSize(level[1], `${f}[1]`));
  });
  return out;
}

function readPolymarketSide(value: Json, field: string): Levels {
  const out: Levels = { prices: [], qtys: [] };
  if (value === undefined || value === null) return out;
  if (!Array.isArray(value)) throw new ScenarioError(field, `expected an array of {price, size} levels, got ${describe(value)}`);
  value.forEach((level: Json, i) => {
    const f = `${field}[${i}]`;
    if (!isObject(level)) throw new ScenarioError(f, `expected {"price", "size"}, got ${describe(level)}`);
    out.prices.push(readPrice(level.price, `${f}.price`));
    out.qtys.push(readSize(level.size, `${f}.size`));
  });
  return out;
}

function readString(value: Json, field: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new ScenarioError(field, `expected ${what}, got ${describe(value)}`);
  return value;
}

function readId(value: Json, field: string): string {
  const id = readString(value, field, 'a market id');
  if (/\s/.test(id) || id.length > MAX_ID_LENGTH) throw new ScenarioError(field, `${quote(id)} is not a valid market id (no spaces, at most ${MAX_ID_LENGTH} characters)`);
  return id;
}

function readFee(value: Json, field: string, fallback: string, make: (text: string) => FeeModel | string): FeeModel {
  if (value === undefined) return make(fallback) as FeeModel;
  const text = decimalText(value);
  if (text === null) throw new ScenarioError(field, `expected a decimal such as "0.07", got ${describe(value)}`);
  const model = make(text);
  if (typeof model === 'string') throw new ScenarioError(field, model);
  return model;
}

function readMarket(raw: Json, i: number): ScenarioMarket {
  const field = `markets[${i}]`;
  if (!isObject(raw)) throw new ScenarioError(field, `expected a market object, got ${describe(raw)}`);
  const venue = raw.venue;
  if (!isVenueId(venue)) {
    throw new ScenarioError(`${field}.venue`, venue === undefined ? 'missing (expected "kalshi" or "polymarket")' : `unknown venue ${describe(venue)} (expected "kalshi" or "polymarket")`);
  }
  const id = readId(raw.id, `${field}.id`);
  if (raw.title !== undefined && typeof raw.title !== 'string') throw new ScenarioError(`${field}.title`, `expected a string, got ${describe(raw.title)}`);
  const title = (raw.title as string | undefined) ?? id;

  if (venue === 'kalshi') {
    const fee = readFee(raw.feeMultiplier, `${field}.feeMultiplier`, KALSHI_DEFAULT_MULTIPLIER, (t) => KalshiFeeModel.parse(t));
    const ob = raw.orderbook_fp;
    if (ob !== undefined && ob !== null && !isObject(ob)) throw new ScenarioError(`${field}.orderbook_fp`, `expected {"yes_dollars", "no_dollars"}, got ${describe(ob)}`);
    const book = (ob ?? {}) as Record<string, Json>;
    return {
      spec: { venue, id, title, fee },
      kalshi: {
        yesBids: readKalshiSide(book.yes_dollars, `${field}.orderbook_fp.yes_dollars`),
        noBids: readKalshiSide(book.no_dollars, `${field}.orderbook_fp.no_dollars`),
      },
    };
  }

  let exponent = POLYMARKET_DEFAULT_EXPONENT;
  if (raw.feeExponent !== undefined) {
    const e = typeof raw.feeExponent === 'string' && /^\d{1,2}$/.test(raw.feeExponent) ? Number(raw.feeExponent) : raw.feeExponent;
    if (typeof e !== 'number' || !Number.isInteger(e) || e < 0 || e > POLYMARKET_MAX_EXPONENT) {
      throw new ScenarioError(`${field}.feeExponent`, `expected a whole number from 0 to ${POLYMARKET_MAX_EXPONENT}, got ${describe(e)}`);
    }
    exponent = e;
  }
  const fee = readFee(raw.feeRate, `${field}.feeRate`, POLYMARKET_DEFAULT_RATE, (t) => PolymarketFeeModel.parse(t, exponent));
  const tokens = raw.tokens;
  if (!isObject(tokens)) throw new ScenarioError(`${field}.tokens`, `expected {"yes": {...}, "no": {...}}, got ${describe(tokens)}`);
  const side = (outcome: 'yes' | 'no') => {
    const f = `${field}.tokens.${outcome}`;
    const t = tokens[outcome];
    if (!isObject(t)) throw new ScenarioError(f, `expected {"token_id", "bids", "asks"}, got ${describe(t)}`);
    const tokenId = typeof t.token_id === 'number' && Number.isSafeInteger(t.token_id) && t.token_id >= 0 ? String(t.token_id) : t.token_id;
    return {
      tokenId: readString(tokenId, `${f}.token_id`, 'a token id string'),
      bids: readPolymarketSide(t.bids, `${f}.bids`),
      asks: readPolymarketSide(t.asks, `${f}.asks`),
    };
  };
  const yes = side('yes');
  const no = side('no');
  if (yes.tokenId === no.tokenId) throw new ScenarioError(`${field}.tokens.no.token_id`, `${quote(no.tokenId)} is also the YES token`);
  return {
    spec: { venue, id, title, fee, tokens: { yes: yes.tokenId, no: no.tokenId } },
    polymarket: { yes: { bids: yes.bids, asks: yes.asks }, no: { bids: no.bids, asks: no.asks } },
  };
}

function readRef(value: Json, field: string, known: ReadonlySet<string>): MarketRef {
  if (typeof value !== 'string') throw new ScenarioError(field, `expected a market reference such as "kalshi:TICKER", got ${describe(value)}`);
  const colon = value.indexOf(':');
  const venue = colon > 0 ? value.slice(0, colon) : '';
  if (colon <= 0 || colon === value.length - 1) throw new ScenarioError(field, `${quote(value)} is not a market reference (venue:id)`);
  if (!isVenueId(venue)) throw new ScenarioError(field, `unknown venue ${quote(venue)} in ${quote(value)}`);
  if (!known.has(value)) throw new ScenarioError(field, `unknown market ${quote(value)} (not listed in markets)`);
  return value as MarketRef;
}

function readArray(value: Json, field: string, what: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ScenarioError(field, `expected an array of ${what}, got ${describe(value)}`);
  return value;
}

function readOptions(raw: Json): SizingOptions {
  if (raw === undefined || raw === null) return { minProfit: DEFAULT_MIN_PROFIT_MICROS, maxSize: DEFAULT_MAX_SIZE };
  if (!isObject(raw)) throw new ScenarioError('options', `expected {"minProfit", "maxSize"}, got ${describe(raw)}`);
  let minProfit = DEFAULT_MIN_PROFIT_MICROS;
  if (raw.minProfit !== undefined) {
    const text = decimalText(raw.minProfit);
    if (text === null) throw new ScenarioError('options.minProfit', `expected dollars such as "0.01", got ${describe(raw.minProfit)}`);
    if (text.startsWith('-')) throw new ScenarioError('options.minProfit', `${quote(text)} is negative`);
    const r = parseScaled(text, 6);
    if (!r.ok) throw new ScenarioError('options.minProfit', `${quote(text)} is not a dollar amount (${r.reason})`);
    minProfit = r.value;
  }
  let maxSize = DEFAULT_MAX_SIZE;
  if (raw.maxSize !== undefined) {
    const v = typeof raw.maxSize === 'string' && /^\d+$/.test(raw.maxSize) ? Number(raw.maxSize) : raw.maxSize;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_SIZE_LIMIT) {
      throw new ScenarioError('options.maxSize', `expected a whole number of contracts from 1 to ${MAX_SIZE_LIMIT}, got ${describe(raw.maxSize)}`);
    }
    maxSize = v;
  }
  return { minProfit, maxSize };
}

/** Checks and reads a parsed scenario file. Throws ScenarioError naming the first bad field. */
export function parseScenario(json: Json): Scenario {
  if (!isObject(json)) throw new ScenarioError('(top level)', `expected a JSON object, got ${describe(json)}`);
  if (json.markets === undefined) throw new ScenarioError('markets', 'missing (expected an array of markets)');
  const rawMarkets = readArray(json.markets, 'markets', 'markets');
  const markets: ScenarioMarket[] = [];
  const refs = new Set<string>();
  const tokens = new Set<string>();
  rawMarkets.forEach((raw, i) => {
    const m = readMarket(raw, i);
    const ref = `${m.spec.venue}:${m.spec.id}`;
    if (refs.has(ref)) throw new ScenarioError(`markets[${i}].id`, `market ${quote(ref)} is listed twice`);
    refs.add(ref);
    for (const outcome of ['yes', 'no'] as const) {
      const t = m.spec.tokens?.[outcome];
      if (t === undefined) continue;
      if (tokens.has(t)) throw new ScenarioError(`markets[${i}].tokens.${outcome}.token_id`, `token ${quote(t)} belongs to another market too`);
      tokens.add(t);
    }
    markets.push(m);
  });

  const equivalent: Equivalence[] = readArray(json.equivalent, 'equivalent', 'market pairs').map((pair, i) => {
    const f = `equivalent[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2) throw new ScenarioError(f, `expected a pair ["venue:id", "venue:id"], got ${describe(pair)}`);
    const a = readRef(pair[0], `${f}[0]`, refs);
    const b = readRef(pair[1], `${f}[1]`, refs);
    if (a === b) throw new ScenarioError(`${f}[1]`, `${quote(b)} cannot be equivalent to itself`);
    return [a, b] as const;
  });

  const exclusive: ExclusiveSet[] = readArray(json.exclusive, 'exclusive', 'exclusive sets').map((set, i) => {
    const f = `exclusive[${i}]`;
    if (!isObject(set)) throw new ScenarioError(f, `expected {"id", "members", "exhaustive"}, got ${describe(set)}`);
    if (set.id !== undefined && typeof set.id !== 'string') throw new ScenarioError(`${f}.id`, `expected a string, got ${describe(set.id)}`);
    if (set.exhaustive !== undefined && typeof set.exhaustive !== 'boolean') throw new ScenarioError(`${f}.exhaustive`, `expected true or false, got ${describe(set.exhaustive)}`);
    if (!Array.isArray(set.members) || set.members.length === 0) throw new ScenarioError(`${f}.members`, `expected a non-empty array of markets, got ${describe(set.members)}`);
    const members = set.members.map((m: Json, j) => readRef(m, `${f}.members[${j}]`, refs));
    members.forEach((m, j) => {
      if (members.indexOf(m) !== j) throw new ScenarioError(`${f}.members[${j}]`, `${quote(m)} is listed twice`);
    });
    return { id: (set.id as string | undefined) ?? f, members, exhaustive: set.exhaustive === true };
  });

  const implies: Implication[] = readArray(json.implies, 'implies', 'implications').map((rule, i) => {
    const f = `implies[${i}]`;
    if (!isObject(rule)) throw new ScenarioError(f, `expected {"if", "then"}, got ${describe(rule)}`);
    const a = readRef(rule.if, `${f}.if`, refs);
    const b = readRef(rule.then, `${f}.then`, refs);
    if (a === b) throw new ScenarioError(`${f}.then`, `${quote(b)} cannot imply itself`);
    return { if: a, then: b };
  });

  return { markets, relations: { equivalent, exclusive, implies }, options: readOptions(json.options) };
}

/** A scanner loaded with the scenario's markets (books live, as given), relations and options. */
export function scannerFromScenario(scenario: Scenario, now: () => number = Date.now): Scanner {
  const scanner = new Scanner({ minProfit: scenario.options.minProfit, maxSize: scenario.options.maxSize, now });
  loadScenarioInto(scanner, scenario, now());
  return scanner;
}

/** Adds the scenario's markets (books live, as given) and relations to a scanner. */
export function loadScenarioInto(scanner: Scanner, scenario: Scenario, at: number): void {
  scanner.extend({ markets: scenario.markets.map((m) => m.spec), relations: scenario.relations }, 'live');
  for (const m of scenario.markets) {
    const book = scanner.books.get(`${m.spec.venue}:${m.spec.id}`)!;
    if (m.kalshi && book.venue === 'kalshi') {
      book.yesBids.replace(m.kalshi.yesBids.prices, m.kalshi.yesBids.qtys);
      book.noBids.replace(m.kalshi.noBids.prices, m.kalshi.noBids.qtys);
    } else if (m.polymarket && book.venue === 'polymarket') {
      for (const o of ['yes', 'no'] as const) {
        book.token(o).bids.replace(m.polymarket[o].bids.prices, m.polymarket[o].bids.qtys);
        book.token(o).asks.replace(m.polymarket[o].asks.prices, m.polymarket[o].asks.qtys);
      }
    }
    book.yes.updatedAt = at;
    book.no.updatedAt = at;
  }
  // The books were loaded directly: size every basket on them.
  scanner.refresh(at);
}
