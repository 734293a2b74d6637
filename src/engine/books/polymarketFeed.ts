// Applies Polymarket CLOB market-channel events (`book`, `price_change`; single or in an array)
// and REST books to the store. Hand-written checks, never throws; a line is all-or-nothing: if any
// event of an array is malformed, none is applied.
import { applied, APPLIED_NOTHING, ignored, rejected, type BookStore, type BookUpdate, type TokenEntry } from './bookStore';
import type { LadderId } from './marketBook';
import { readPolymarketLevels, readPrice, readSize } from './parseLevels';

interface PolymarketEvent {
  event_type?: unknown;
  asset_id?: unknown;
  market?: unknown;
  bids?: unknown;
  asks?: unknown;
  price_changes?: unknown;
  changes?: unknown;
}

interface PriceChange {
  asset_id?: unknown;
  price?: unknown;
  size?: unknown;
  side?: unknown;
}

/** Market-channel events that carry no book levels: accepted and applied as no-ops. */
const NO_BOOK_EVENTS = new Set(['tick_size_change', 'last_trade_price', 'best_bid_ask', 'new_market', 'market_resolved']);

/**
 * Applies one market-channel message: an event object or an array of them.
 * `book` replaces the token's book (and makes it live); `price_change` sets a level's new total
 * size (`"0"` removes it) on the bids (`BUY`) or asks (`SELL`); changes to an `unknown` book are
 * ignored until its next `book`.
 */
export function applyPolymarketMessage(store: BookStore, message: unknown, now: number): BookUpdate {
  if (Array.isArray(message)) {
    if (message.length === 0) return APPLIED_NOTHING;
    for (let i = 0; i < message.length; i++) {
      const problem = applyEvent(store, message[i], now, false);
      if (problem !== null) return rejected(`[${i}].${problem.reason}`);
    }
    const changed: LadderId[] = [];
    const markets: number[] = [];
    let anyApplied = false;
    let lastIgnored: string | null = null;
    for (const event of message) {
      const r = applyEvent(store, event, now, true)!;
      for (const id of r.changed) if (!changed.includes(id)) changed.push(id);
      for (const slot of r.markets) if (!markets.includes(slot)) markets.push(slot);
      if (r.status === 'applied') anyApplied = true;
      else lastIgnored = r.reason;
    }
    return anyApplied ? applied(changed, markets) : ignored(lastIgnored ?? 'nothing to apply', changed, markets);
  }
  // Every handler validates the whole event before it changes anything.
  return applyEvent(store, message, now, true)!;
}

/**
 * Validates (commit = false: returns null when valid, else the rejection) or applies (commit =
 * true: returns the update) one event.
 */
function applyEvent(store: BookStore, message: unknown, now: number, commit: boolean): BookUpdate | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return rejected('event is not an object');
  const event = message as PolymarketEvent;
  const type = event.event_type;
  if (type === 'price_change') return priceChange(store, event, now, commit);
  if (type === 'book') return bookEvent(store, event, now, commit);
  if (typeof type === 'string' && NO_BOOK_EVENTS.has(type)) return commit ? APPLIED_NOTHING : null;
  return rejected(typeof type === 'string' ? `event_type "${type}" is not a market-channel event` : 'event_type is missing');
}

function resolveToken(store: BookStore, assetId: unknown, market: unknown, field: string): TokenEntry | string {
  if (typeof assetId !== 'string' || assetId.length === 0) return `${field} is missing`;
  const entry = store.polymarketByToken.get(assetId);
  if (entry === undefined) return `${field}: unknown token "${assetId}"`;
  if (market !== undefined && market !== entry.book.id) {
    return `market: token "${assetId}" belongs to ${entry.book.id}, not ${typeof market === 'string' ? market : 'this market'}`;
  }
  return entry;
}

function bookEvent(store: BookStore, event: PolymarketEvent, now: number, commit: boolean): BookUpdate | null {
  const entry = resolveToken(store, event.asset_id, event.market, 'asset_id');
  if (typeof entry === 'string') return rejected(entry);
  const { a, b } = store.scratch;
  const bidProblem = readPolymarketLevels(event.bids, a);
  if (bidProblem !== null) return rejected(`bids: ${bidProblem}`);
  const askProblem = readPolymarketLevels(event.asks, b);
  if (askProblem !== null) return rejected(`asks: ${askProblem}`);
  if (!commit) return null;
  entry.token.bids.replace(a.prices, a.qtys);
  entry.token.asks.replace(b.prices, b.qtys);
  entry.side.health = 'live';
  entry.side.updatedAt = now;
  return store.appliedToLadder(entry.ladder);
}

/** Parsed changes of the current price_change event, in parallel arrays (no per-change objects). */
const parsed = { entries: [] as TokenEntry[], asks: [] as boolean[], prices: [] as number[], sizes: [] as number[], length: 0 };

function priceChange(store: BookStore, event: PolymarketEvent, now: number, commit: boolean): BookUpdate | null {
  // Since September 2025: {market, price_changes: [{asset_id, price, size, side}]}; before it:
  // {asset_id, market, changes: [{price, size, side}]}. Both are accepted.
  const legacy = event.price_changes === undefined && event.changes !== undefined;
  const list = legacy ? event.changes : event.price_changes;
  const field = legacy ? 'changes' : 'price_changes';
  if (!Array.isArray(list)) return rejected(`${field} is not an array`);
  parsed.length = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as PriceChange | null;
    if (typeof c !== 'object' || c === null) return rejected(`${field}[${i}] is not an object`);
    const entry = resolveToken(store, legacy ? event.asset_id : c.asset_id, event.market, legacy ? 'asset_id' : `${field}[${i}].asset_id`);
    if (typeof entry === 'string') return rejected(entry);
    const side = c.side;
    if (side !== 'BUY' && side !== 'SELL') return rejected(`${field}[${i}].side is not "BUY" or "SELL"`);
    const price = readPrice(c.price);
    if (typeof price === 'string') return rejected(`${field}[${i}].${price}`);
    const size = readSize(c.size);
    if (typeof size === 'string') return rejected(`${field}[${i}].${size}`);
    const k = parsed.length++;
    parsed.entries[k] = entry;
    parsed.asks[k] = side === 'SELL';
    parsed.prices[k] = price;
    parsed.sizes[k] = size;
  }
  if (!commit) return null;

  if (parsed.length === 1) return applyOneChange(store, now);
  let changed: LadderId[] | null = null;
  let markets: number[] | null = null;
  let appliedAny = parsed.length === 0;
  let ignoredReason: string | null = null;
  const cache = store.cache;
  for (let k = 0; k < parsed.length; k++) {
    const entry = parsed.entries[k]!;
    if (cache.isUnknown(entry.ladder)) {
      ignoredReason = `book of token ${entry.token.tokenId} is unknown until its next book event`;
      continue;
    }
    appliedAny = true;
    const isAsk = parsed.asks[k]!;
    if (!(isAsk ? entry.token.asks : entry.token.bids).set(parsed.prices[k]!, parsed.sizes[k]!)) continue;
    cache.setUpdatedAt(entry.ladder, now);
    const slot = entry.book.slot;
    markets ??= [];
    if (!markets.includes(slot)) markets.push(slot);
    // Only asks are bought from; a bid change moves no ask ladder.
    if (isAsk) {
      changed ??= [];
      if (!changed.includes(entry.ladder)) changed.push(entry.ladder);
    }
  }
  if (!appliedAny) return ignored(ignoredReason!);
  return applied(changed ?? [], markets ?? []);
}

/** The common case, one level of one token: no arrays, a shared result. */
function applyOneChange(store: BookStore, now: number): BookUpdate {
  const entry = parsed.entries[0]!;
  const cache = store.cache;
  if (cache.isUnknown(entry.ladder)) return ignored(`book of token ${entry.token.tokenId} is unknown until its next book event`);
  const isAsk = parsed.asks[0]!;
  if (!(isAsk ? entry.token.asks : entry.token.bids).set(parsed.prices[0]!, parsed.sizes[0]!)) return APPLIED_NOTHING;
  cache.setUpdatedAt(entry.ladder, now);
  return isAsk ? store.appliedToLadder(entry.ladder) : store.appliedToBidsOf(entry.book.slot);
}

/**
 * Loads a REST book (`GET /book?token_id=…`: `{bids, asks}` of `{price, size}`) into the token's
 * book and marks that outcome live.
 */
export function loadPolymarketBook(store: BookStore, tokenId: string, book: { bids?: unknown; asks?: unknown }, now: number): BookUpdate {
  return applyPolymarketMessage(store, { event_type: 'book', asset_id: tokenId, bids: book.bids, asks: book.asks }, now);
}
