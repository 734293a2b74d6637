import type { BookHealth } from '../../shared/contract/primitives';
import { marketRef, type MarketRef, type Outcome, type VenueId } from '../../shared/ids';
import { BidPairBook, ladderId, TokenPairBook, YesBook, type AnyMarketBook, type BookShape, type LadderId, type OutcomeBook } from './marketBook';
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

/** A market to keep a book for: where it lives, and how its venue publishes the book. */
export interface BookSpec {
  readonly venue: VenueId;
  readonly id: string;
  readonly title?: string;
  readonly shape: BookShape;
  /** `token_pair` books: the YES and NO token ids. */
  readonly tokens?: { readonly yes: string; readonly no: string };
}

/**
 * Every tracked market's L2 book, by market reference and by slot. Markets are added once and
 * keep their slot. The venues' decoders index the books their own way (by ticker, by token id):
 * they hear of every book added (`onDidAdd`).
 */
export class BookStore {
  private readonly slots: AnyMarketBook[] = [];
  private readonly byRef = new Map<string, AnyMarketBook>();
  private readonly added: ((book: AnyMarketBook) => void)[] = [];
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

  /** Calls `listener` with every book added from now on, and with those already here. */
  onDidAdd(listener: (book: AnyMarketBook) => void): void {
    this.added.push(listener);
    for (const book of this.slots) listener(book);
  }

  /** Adds a market's book. Books start `unknown` (nothing loaded) unless told otherwise. */
  add(spec: BookSpec, health: BookHealth = 'unknown'): AnyMarketBook {
    const ref = marketRef(spec.venue, spec.id);
    if (this.byRef.has(ref)) throw new Error(`market ${ref} is already tracked`);
    const slot = this.slots.length;
    const title = spec.title ?? '';
    this.cache.ensure((slot + 1) * 2);
    let book: AnyMarketBook;
    if (spec.shape === 'token_pair') {
      if (!spec.tokens) throw new Error(`market ${ref} needs its outcome tokens`);
      if (spec.tokens.yes === spec.tokens.no) throw new Error(`market ${ref}: the YES and NO tokens must differ`);
      book = new TokenPairBook(slot, spec.venue, spec.id, title, spec.tokens, health, this.cache);
    } else if (spec.shape === 'bid_pair') {
      book = new BidPairBook(slot, spec.venue, spec.id, title, health, this.cache);
    } else {
      book = new YesBook(slot, spec.venue, spec.id, title, health, this.cache);
    }
    // A listener may refuse the book (a token another market has): nothing is kept then.
    for (const listener of this.added) listener(book);
    this.slots.push(book);
    this.byRef.set(ref, book);
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
}
