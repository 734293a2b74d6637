// Applies Polymarket CLOB market-channel events (`book`, `price_change`; single or in an array)
// and REST books to the store. Hand-written checks, never throws; a line is all-or-nothing: if any
// event of an array is malformed, none is applied.
import type { Outcome } from '../../shared/ids';
import { applied, APPLIED_NOTHING, ignored, rejected, type BookStore, type BookUpdate } from './bookStore';
import { ladderId, type LadderId, type PolymarketBook } from './marketBook';
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

function resolveToken(
  store: BookStore,
  assetId: unknown,
  market: unknown,
  field: string,
): { book: PolymarketBook; outcome: Outcome } | string {
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
  const { book, outcome } = entry;
  const token = book.token(outcome);
  token.bids.replace(a.prices, a.qtys);
  token.asks.replace(b.prices, b.qtys);
  const side = book.outcome(outcome);
  side.health = 'live';
  side.updatedAt = now;
  return applied([ladderId(book.slot, outcome)], [book.slot]);
}

interface ParsedChange {
  book: PolymarketBook;
  outcome: Outcome;
  isAsk: boolean;
  price: number;
  size: number;
}

const parsedChanges: ParsedChange[] = [];

function priceChange(store: BookStore, event: PolymarketEvent, now: number, commit: boolean): BookUpdate | null {
  // Since September 2025: {market, price_changes: [{asset_id, price, size, side}]}; before it:
  // {asset_id, market, changes: [{price, size, side}]}. Both are accepted.
  const legacy = event.price_changes === undefined && event.changes !== undefined;
  const list = legacy ? event.changes : event.price_changes;
  const field = legacy ? 'changes' : 'price_changes';
  if (!Array.isArray(list)) return rejected(`${field} is not an array`);
  const parsed = parsedChanges;
  parsed.length = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as PriceChange | null;
    if (typeof c !== 'object' || c === null) return rejected(`${field}[${i}] is not an object`);
    const entry = resolveToken(store, legacy ? event.asset_id : c.asset_id, event.market, legacy ? 'asset_id' : `${field}[${i}].asset_id`);
    if (typeof entry === 'string') return rejected(entry);
    if (c.side !== 'BUY' && c.side !== 'SELL') return rejected(`${field}[${i}].side is not "BUY" or "SELL"`);
    const price = readPrice(c.price);
    if (typeof price === 'string') return rejected(`${field}[${i}].${price}`);
    const size = readSize(c.size);
    if (typeof size === 'string') return rejected(`${field}[${i}].${size}`);
    if (commit) parsed.push({ book: entry.book, outcome: entry.outcome, isAsk: c.side === 'SELL', price, size });
  }
  if (!commit) return null;

  let changed: LadderId[] | null = null;
  let markets: number[] | null = null;
  let appliedAny = parsed.length === 0;
  let ignoredReason: string | null = null;
  for (const { book, outcome, isAsk, price, size } of parsed) {
    const side = book.outcome(outcome);
    const token = book.token(outcome);
    if (side.health === 'unknown') {
      ignoredReason = `book of token ${token.tokenId} is unknown until its next book event`;
      continue;
    }
    appliedAny = true;
    if (!(isAsk ? token.asks : token.bids).set(price, size)) continue;
    side.updatedAt = now;
    markets ??= [];
    if (!markets.includes(book.slot)) markets.push(book.slot);
    // Only asks are bought from; a bid change moves no ask ladder.
    if (isAsk) {
      const id = ladderId(book.slot, outcome);
      changed ??= [];
      if (!changed.includes(id)) changed.push(id);
    }
  }
  parsed.length = 0;
  if (!appliedAny) return ignored(ignoredReason!);
  return applied(changed ?? [], markets ?? []);
}

/**
 * Loads a REST book (`GET /book?token_id=…`: `{bids, asks}` of `{price, size}`) into the token's
 * book and marks that outcome live.
 */
export function loadPolymarketBook(store: BookStore, tokenId: string, book: { bids?: unknown; asks?: unknown }, now: number): BookUpdate {
  return applyPolymarketMessage(store, { event_type: 'book', asset_id: tokenId, bids: book.bids, asks: book.asks }, now);
}
