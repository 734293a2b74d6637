// Polymarket's wire decoder: CLOB market-channel events (`book`, `price_change`; single or in an
// array) and REST books, applied to the books of a store, which it indexes by token id. Hand-written
// checks, never throws. The same decoder serves the live pump and `arbdesk replay`.
//
// Liberal, never silent: a message is handled element by element, and a `price_change` change by
// change. An element with an event type that carries no levels, an undocumented type, or a token
// we do not track is skipped on its own — it never costs the other elements their update. An
// update for a tracked token that cannot be read was lost: that token's book becomes unknown
// until its next `book` (it would otherwise stay live with stale levels). A `book` or
// `price_change` without `event_type` (seen by others: nautilus_trader test_data) is accepted when
// its shape is unambiguous.
import type { Outcome } from '../../../shared/ids';
import { applied, APPLIED_NOTHING, ignored, rejected, type BookStore, type BookUpdate } from '../../books/bookStore';
import { TokenPairBook, type LadderId, type OutcomeBook, type TokenBook } from '../../books/marketBook';
import { readObjectLevels, readPrice, readSize } from '../../books/parseLevels';
import { ByteKeyIndex, bytesEqual } from '../../books/byteKeys';
import type { WireMessage } from '../../books/wireDecoder';
import type { MarketDataDecoder, Resolution } from '../contribution';
import type { PolymarketChangeBytes } from './changeBytes';
import { POLYMARKET } from './manifest';
import { readPolymarketResolutions } from './settlement';

/** What a token id leads to, resolved once so an update touches as little as possible. */
export interface TokenEntry {
  readonly book: TokenPairBook;
  readonly outcome: Outcome;
  readonly token: TokenBook;
  readonly side: OutcomeBook;
  readonly ladder: LadderId;
}

/** The store's Polymarket books by token id, and what the decoder needs of the store. */
interface Tokens {
  readonly store: BookStore;
  readonly byToken: Map<string, TokenEntry>;
}

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

/**
 * Documented market-channel events that carry no book levels (polymarket.asyncapi.json:
 * lastTradePrice, tickSizeChange, bestBidAsk, newMarket, marketResolved): taken as no-ops.
 */
const NO_BOOK_EVENTS = new Set(['tick_size_change', 'last_trade_price', 'best_bid_ask', 'new_market', 'market_resolved']);

/**
 * The event type of a market-channel element: its `event_type`; without one, `book` for an element
 * with an `asset_id` and `bids` and `asks` arrays (nautilus_trader test_data/ws_book_snapshot.json),
 * `price_change` for one with a `market` and a `price_changes` array (test_data/ws_quotes.json), and
 * nothing for anything less clear.
 */
export function polymarketEventType(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return null;
  const ev = e as PolymarketEvent;
  if (typeof ev.event_type === 'string') return ev.event_type;
  if (ev.event_type !== undefined) return null;
  const levels = Array.isArray(ev.bids) && Array.isArray(ev.asks);
  const changes = Array.isArray(ev.price_changes);
  if (levels && !changes && ev.changes === undefined && typeof ev.asset_id === 'string') return 'book';
  if (changes && ev.bids === undefined && ev.asks === undefined && typeof ev.market === 'string') return 'price_change';
  return null;
}

/**
 * Applies one market-channel message: an event object or an array of them. `book` replaces the
 * token's book (and makes it live); `price_change` sets a level's new total size (`"0"` removes
 * it) on the bids (`BUY`) or asks (`SELL`); changes to an `unknown` book are ignored until its
 * next `book`. The result is `applied` when any element was taken in, else `rejected` when an
 * element was unreadable or foreign, else `ignored`.
 */
function applyMessage(store: Tokens, message: unknown, now: number): BookUpdate {
  if (!Array.isArray(message)) return applyEvent(store, message, now);
  if (message.length === 0) return APPLIED_NOTHING;
  if (message.length === 1) return prefixed(applyEvent(store, message[0], now), 0);
  let changed: LadderId[] | null = null;
  let markets: number[] | null = null;
  let anyApplied = false;
  let firstRejected: string | null = null;
  let lastIgnored: string | null = null;
  for (let i = 0; i < message.length; i++) {
    const r = applyEvent(store, message[i], now);
    for (const id of r.changed) if (!(changed ??= []).includes(id)) changed.push(id);
    for (const slot of r.markets) if (!(markets ??= []).includes(slot)) markets.push(slot);
    if (r.status === 'applied') anyApplied = true;
    else if (r.status === 'rejected') firstRejected ??= `[${i}].${r.reason}`;
    else lastIgnored = r.reason;
  }
  if (anyApplied) return applied(changed ?? [], markets ?? []);
  if (firstRejected !== null) return { status: 'rejected', reason: firstRejected, changed: changed ?? [], markets: markets ?? [] };
  return ignored(lastIgnored ?? 'nothing to apply', changed ?? undefined, markets ?? undefined);
}

function prefixed(r: BookUpdate, i: number): BookUpdate {
  return r.status === 'rejected' ? { ...r, reason: `[${i}].${r.reason}` } : r;
}

function applyEvent(store: Tokens, message: unknown, now: number): BookUpdate {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return rejected('event is not an object');
  const event = message as PolymarketEvent;
  const type = polymarketEventType(event);
  if (type === 'price_change') return priceChange(store, event, now);
  if (type === 'book') return bookEvent(store, event, now);
  if (type !== null && NO_BOOK_EVENTS.has(type)) return APPLIED_NOTHING;
  return rejected(type !== null ? `event_type "${type}" is not a market-channel event` : 'event_type is missing');
}

/** The token's entry; a reason when it is not ours, or quoted under another market. */
function resolveToken(store: Tokens, assetId: unknown, market: unknown, field: string): TokenEntry | string {
  if (typeof assetId !== 'string' || assetId.length === 0) return `${field} is missing`;
  const entry = store.byToken.get(assetId);
  if (entry === undefined) return `${field}: unknown token "${assetId}"`;
  if (market !== undefined && market !== entry.book.id) {
    return `market: token "${assetId}" belongs to ${entry.book.id}, not ${typeof market === 'string' ? market : 'this market'}`;
  }
  return entry;
}

/** An update of a tracked token could not be applied: its book is unknown until its next `book`. */
function lostUpdate(store: Tokens, entry: TokenEntry, reason: string, now: number, changed: LadderId[], markets: number[]): string {
  if (entry.side.health !== 'unknown') {
    for (const id of store.store.setHealth(entry.book.ref, 'unknown', now, entry.outcome)) if (!changed.includes(id)) changed.push(id);
    if (!markets.includes(entry.book.slot)) markets.push(entry.book.slot);
  }
  return `${reason} (book of token ${entry.token.tokenId} unknown until its next book event)`;
}

/** A tracked token quoted under another market: its update cannot be trusted, nor applied. */
function trackedButInconsistent(store: Tokens, assetId: unknown): TokenEntry | undefined {
  return typeof assetId === 'string' ? store.byToken.get(assetId) : undefined;
}

function bookEvent(store: Tokens, event: PolymarketEvent, now: number): BookUpdate {
  const entry = resolveToken(store, event.asset_id, event.market, 'asset_id');
  if (typeof entry === 'string') {
    const tracked = trackedButInconsistent(store, event.asset_id);
    if (!tracked) return rejected(entry);
    const changed: LadderId[] = [];
    const markets: number[] = [];
    return { status: 'rejected', reason: lostUpdate(store, tracked, entry, now, changed, markets), changed, markets };
  }
  const { a, b } = store.store.scratch;
  const bidProblem = readObjectLevels(event.bids, a);
  const askProblem = bidProblem === null ? readObjectLevels(event.asks, b) : null;
  if (bidProblem !== null || askProblem !== null) {
    const changed: LadderId[] = [];
    const markets: number[] = [];
    const reason = lostUpdate(store, entry, bidProblem !== null ? `bids: ${bidProblem}` : `asks: ${askProblem}`, now, changed, markets);
    return { status: 'rejected', reason, changed, markets };
  }
  entry.token.bids.replace(a.prices, a.qtys);
  entry.token.asks.replace(b.prices, b.qtys);
  entry.side.health = 'live';
  entry.side.updatedAt = now;
  return store.store.appliedToLadder(entry.ladder);
}

/** Parsed changes of the current price_change event, in parallel arrays (no per-change objects). */
const parsed = { entries: [] as TokenEntry[], asks: [] as boolean[], prices: [] as number[], sizes: [] as number[], length: 0 };

function priceChange(store: Tokens, event: PolymarketEvent, now: number): BookUpdate {
  // Since September 2025: {market, price_changes: [{asset_id, price, size, side}]}; before it:
  // {asset_id, market, changes: [{price, size, side}]}. Both are accepted.
  const legacy = event.price_changes === undefined && event.changes !== undefined;
  const list = legacy ? event.changes : event.price_changes;
  const field = legacy ? 'changes' : 'price_changes';
  if (!Array.isArray(list)) return rejected(`${field} is not an array`);
  parsed.length = 0;
  let problem: string | null = null;
  let lostChanged: LadderId[] | null = null;
  let lostMarkets: number[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as PriceChange | null;
    if (typeof c !== 'object' || c === null) {
      problem ??= `${field}[${i}] is not an object`;
      continue;
    }
    const entry = resolveToken(store, legacy ? event.asset_id : c.asset_id, event.market, legacy ? 'asset_id' : `${field}[${i}].asset_id`);
    if (typeof entry === 'string') {
      const tracked = trackedButInconsistent(store, legacy ? event.asset_id : c.asset_id);
      // Not ours (an untracked token): skipped on its own; ours under another market: lost.
      const why = tracked ? lostUpdate(store, tracked, entry, now, (lostChanged ??= []), (lostMarkets ??= [])) : entry;
      problem ??= why;
      continue;
    }
    const side = c.side;
    const price = readPrice(c.price);
    const size = typeof price === 'string' ? null : readSize(c.size);
    const bad = side !== 'BUY' && side !== 'SELL' ? `${field}[${i}].side is not "BUY" or "SELL"` : typeof price === 'string' ? `${field}[${i}].${price}` : typeof size === 'string' ? `${field}[${i}].${size}` : null;
    if (bad !== null) {
      const why = lostUpdate(store, entry, bad, now, (lostChanged ??= []), (lostMarkets ??= []));
      problem ??= why;
      continue;
    }
    const k = parsed.length++;
    parsed.entries[k] = entry;
    parsed.asks[k] = side === 'SELL';
    parsed.prices[k] = price as number;
    parsed.sizes[k] = size as number;
  }
  if (problem === null && parsed.length === 1) return applyOneChange(store, now);
  return applyChanges(store, now, problem, lostChanged, lostMarkets, list.length === 0);
}

/** The common case, one level of one token: no arrays, a shared result. */
function applyOneChange(store: Tokens, now: number): BookUpdate {
  return changeLevel(store, parsed.entries[0]!, parsed.asks[0]!, parsed.prices[0]!, parsed.sizes[0]!, now);
}

function changeLevel(store: Tokens, entry: TokenEntry, isAsk: boolean, price: number, size: number, now: number): BookUpdate {
  const cache = store.store.cache;
  if (cache.isUnknown(entry.ladder)) return ignored(`book of token ${entry.token.tokenId} is unknown until its next book event`);
  if (!(isAsk ? entry.token.asks : entry.token.bids).set(price, size)) return APPLIED_NOTHING;
  cache.setUpdatedAt(entry.ladder, now);
  return isAsk ? store.store.appliedToLadder(entry.ladder) : store.store.appliedToBidsOf(entry.book.slot);
}

function applyChanges(store: Tokens, now: number, problem: string | null, lostChanged: LadderId[] | null, lostMarkets: number[] | null, empty: boolean): BookUpdate {
  let changed: LadderId[] | null = lostChanged;
  let markets: number[] | null = lostMarkets;
  let appliedAny = empty;
  let ignoredReason: string | null = null;
  const cache = store.store.cache;
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
  if (appliedAny) return applied(changed ?? [], markets ?? []);
  if (problem !== null) return { status: 'rejected', reason: problem, changed: changed ?? [], markets: markets ?? [] };
  return ignored(ignoredReason!, changed ?? undefined, markets ?? undefined);
}

/** Applies market-channel messages to a store's Polymarket books (see the file's head). */
export class PolymarketDecoder implements MarketDataDecoder {
  private readonly tokens: Tokens;
  /** The same tokens by the bytes of their id, for the byte reader's changes (changeBytes.ts). */
  private readonly byBytes = new ByteKeyIndex<TokenEntry>();

  constructor(store: BookStore) {
    const byToken = new Map<string, TokenEntry>();
    this.tokens = { store, byToken };
    store.onDidAdd((book) => {
      if (book.venue !== POLYMARKET) return;
      if (!(book instanceof TokenPairBook)) throw new Error(`market ${book.ref}: a Polymarket book has one book per outcome token (token_pair), not ${book.shape}`);
      for (const t of [book.yesToken.tokenId, book.noToken.tokenId]) {
        if (byToken.has(t)) throw new Error(`token ${t} already belongs to another market`);
      }
      for (const outcome of ['yes', 'no'] as const) {
        const side = book.outcome(outcome);
        const entry: TokenEntry = { book, outcome, token: book.token(outcome), side, ladder: side.ladder };
        byToken.set(entry.token.tokenId, entry);
        this.byBytes.set(entry.token.tokenId, entry);
      }
    });
  }

  /** The market and outcome of a tracked token. */
  token(tokenId: string): TokenEntry | undefined {
    return this.tokens.byToken.get(tokenId);
  }

  /** Polymarket numbers nothing: there is no sequence to check. */
  apply(message: unknown, now: number): BookUpdate {
    return applyMessage(this.tokens, message, now);
  }

  /**
   * A `price_change` of one level the byte reader read (changeBytes.ts): the same update as `apply`
   * on the parsed event. Null for a token this store does not track, or one quoted under another
   * market (the parsed route then says why).
   */
  applyWire(message: WireMessage, now: number): BookUpdate | null {
    if (message.kind !== 'polymarket_change') return null;
    const m = message as PolymarketChangeBytes;
    const entry = this.byBytes.get(m.bytes, m.keyFrom, m.keyTo, m.keyHash);
    if (entry === undefined || (m.marketFrom >= 0 && !bytesEqual(entry.book.id, m.bytes, m.marketFrom, m.marketTo))) return null;
    return changeLevel(this.tokens, entry, m.isAsk, m.price, m.quantity, now);
  }

  resolutions(message: unknown, now: number): readonly Resolution[] {
    return readPolymarketResolutions(message, now, this.tokenOf);
  }

  private readonly tokenOf = (token: string): TokenEntry | undefined => this.tokens.byToken.get(token);

  /**
   * Loads a REST book (`GET /book?token_id=…`: `{bids, asks}` of `{price, size}`) into the token's
   * book and marks that outcome live.
   */
  loadBook(tokenId: string, book: { bids?: unknown; asks?: unknown }, now: number): BookUpdate {
    return applyMessage(this.tokens, { event_type: 'book', asset_id: tokenId, bids: book.bids, asks: book.asks }, now);
  }
}
