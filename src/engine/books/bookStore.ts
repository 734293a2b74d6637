import type { BookHealth } from '../../shared/contract/primitives';
import type { MarketRef, Outcome } from '../../shared/ids';
import { KalshiBook, ladderId, PolymarketBook, type AnyMarketBook, type LadderId, type OutcomeBook, type TokenBook } from './marketBook';
import { ByteKeyIndex } from './byteKeys';
import { LadderCache } from './ladderCache';
import { LevelBuffer } from './parseLevels';

/** The result of applying one venue message (or a health change) to the books. */
export interface BookUpdate {
  /**
   * applied: the message was taken in (it may have changed nothing);
   * ignored: well-formed but deliberately not applied (a sequence gap, a delta on an unknown book);
   * rejected: malformed or about a market/token we do not track (replay counts it as skipped).
   */
  readonly status: 'applied' | 'ignored' | 'rejected';
  /** Why it was ignored or rejected; null when applied. */
  readonly reason: string | null;
  /** Ask ladders whose levels or health changed: the baskets buying from them need re-evaluating. */
  readonly changed: readonly LadderId[];
  /** Markets (by slot) whose book changed on any side, bids included: for book views. */
  readonly markets: readonly number[];
}

const NOTHING: readonly number[] = Object.freeze([]);

export function rejected(reason: string): BookUpdate {
  return { status: 'rejected', reason, changed: NOTHING, markets: NOTHING };
}

export function ignored(reason: string, changed: readonly LadderId[] = NOTHING, markets: readonly number[] = NOTHING): BookUpdate {
  return { status: 'ignored', reason, changed, markets };
}

export function applied(changed: readonly LadderId[], markets: readonly number[]): BookUpdate {
  return { status: 'applied', reason: null, changed, markets };
}

export const APPLIED_NOTHING: BookUpdate = applied(NOTHING, NOTHING);

/** What a Polymarket token id leads to, resolved once so an update touches as little as possible. */
export interface TokenEntry {
  readonly book: PolymarketBook;
  readonly outcome: Outcome;
  readonly token: TokenBook;
  readonly side: OutcomeBook;
  readonly ladder: LadderId;
}

/** Sequence state of one Kalshi subscription (sid). */
export interface KalshiSubscription {
  lastSeq: number;
  /** Markets that appeared in this subscription's snapshots and deltas (spec §8). */
  readonly books: Set<KalshiBook>;
  /**
   * Set when an `ok` reply carried the next seq: whether a reply takes a slot is undocumented, so
   * the next book message may carry this seq (it did not) or the one after (it did).
   */
  okSlot?: number | null;
}

/**
 * Every tracked market's L2 book, by market reference, Kalshi ticker and Polymarket token id, plus
 * the Kalshi sequence state per subscription. Markets are added once and keep their slot.
 */
export class BookStore {
  private readonly slots: AnyMarketBook[] = [];
  private readonly byRef = new Map<string, AnyMarketBook>();
  readonly kalshiByTicker = new Map<string, KalshiBook>();
  readonly polymarketByToken = new Map<string, TokenEntry>();
  readonly kalshiSubscriptions = new Map<number, KalshiSubscription>();
  /** The same books by the bytes of their ticker / token id, for the wire decoder (wireDecoder.ts). */
  readonly kalshiByBytes = new ByteKeyIndex<KalshiBook>();
  readonly polymarketByBytes = new ByteKeyIndex<TokenEntry>();
  /** Best ask, depth and liveness of every ask ladder, in flat arrays by ladder id. */
  readonly cache = new LadderCache();
  /** Scratch buffers for parsing, reused across messages. */
  readonly scratch = { a: new LevelBuffer(), b: new LevelBuffer() };

  /** The result of a change to one ask ladder (allocated fresh: a new object is cheaper than a cold one). */
  appliedToLadder(ladder: LadderId): BookUpdate {
    return { status: 'applied', reason: null, changed: [ladder], markets: [ladder >> 1] };
  }

  /** The result of a change to both ask ladders of a market. */
  appliedToMarket(slot: number): BookUpdate {
    return { status: 'applied', reason: null, changed: [slot * 2, slot * 2 + 1], markets: [slot] };
  }

  /** The result of a change to a market's bids that moves no ask ladder. */
  appliedToBidsOf(slot: number): BookUpdate {
    return { status: 'applied', reason: null, changed: NOTHING, markets: [slot] };
  }

  get size(): number {
    return this.slots.length;
  }

  markets(): readonly AnyMarketBook[] {
    return this.slots;
  }

  get(ref: MarketRef | string): AnyMarketBook | undefined {
    return this.byRef.get(ref);
  }

  bySlot(slot: number): AnyMarketBook {
    return this.slots[slot]!;
  }

  ladder(id: LadderId): OutcomeBook {
    const book = this.slots[id >> 1]!;
    return (id & 1) === 1 ? book.no : book.yes;
  }

  /** Adds a Kalshi market. Books start `unknown` (nothing loaded) unless told otherwise. */
  addKalshi(ticker: string, title = '', health: BookHealth = 'unknown'): KalshiBook {
    const ref = `kalshi:${ticker}`;
    if (this.byRef.has(ref)) throw new Error(`market ${ref} is already tracked`);
    this.cache.ensure((this.slots.length + 1) * 2);
    const book = new KalshiBook(this.slots.length, ticker, title, health, this.cache);
    this.slots.push(book);
    this.byRef.set(ref, book);
    this.kalshiByTicker.set(ticker, book);
    this.kalshiByBytes.set(ticker, book);
    return book;
  }

  /** Adds a Polymarket market with its two outcome tokens. */
  addPolymarket(conditionId: string, tokens: { yes: string; no: string }, title = '', health: BookHealth = 'unknown'): PolymarketBook {
    const ref = `polymarket:${conditionId}`;
    if (this.byRef.has(ref)) throw new Error(`market ${ref} is already tracked`);
    if (tokens.yes === tokens.no) throw new Error(`market ${ref}: the YES and NO tokens must differ`);
    for (const t of [tokens.yes, tokens.no]) {
      if (this.polymarketByToken.has(t)) throw new Error(`token ${t} already belongs to another market`);
    }
    this.cache.ensure((this.slots.length + 1) * 2);
    const book = new PolymarketBook(this.slots.length, conditionId, title, tokens, health, this.cache);
    this.slots.push(book);
    this.byRef.set(ref, book);
    for (const outcome of ['yes', 'no'] as const) {
      const side = book.outcome(outcome);
      const entry: TokenEntry = { book, outcome, token: book.token(outcome), side, ladder: side.ladder };
      this.polymarketByToken.set(tokens[outcome], entry);
      this.polymarketByBytes.set(tokens[outcome], entry);
    }
    return book;
  }

  /**
   * Sets the health of a market's books (both outcomes), as the feed layer decides (stale after
   * silence, unknown after a reconnect). Returns the ladders whose health changed.
   */
  setHealth(ref: MarketRef | string, health: BookHealth, now: number, outcome?: Outcome): LadderId[] {
    const book = this.byRef.get(ref);
    if (!book) return [];
    const changed: LadderId[] = [];
    for (const o of outcome ? [outcome] : (['yes', 'no'] as const)) {
      const side = book.outcome(o);
      if (side.health !== health) {
        side.health = health;
        side.updatedAt = now;
        changed.push(ladderId(book.slot, o));
      }
    }
    return changed;
  }

  /** Forgets Kalshi sequence state (after a reconnect, sids start afresh). */
  resetKalshiSequences(sid?: number): void {
    if (sid === undefined) this.kalshiSubscriptions.clear();
    else this.kalshiSubscriptions.delete(sid);
    for (const book of this.kalshiByTicker.values()) {
      if (sid === undefined || book.lastSid === sid) book.lastSid = -1;
      if (sid === undefined) book.sids.clear();
      else book.sids.delete(sid);
    }
  }
}
