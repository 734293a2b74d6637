// Acme's one wire decoder: `book` (a snapshot of the market's YES book), `change` (one level's new
// total size; "0" removes it), `resolved` (the settlement reader) and `heartbeat`. Acme numbers
// nothing, so there is no sequence to track: a lost change is repaired by the next snapshot, which
// the feed asks for on every new connection. Hand-written checks; never throws.
import type { MarketRef } from '../../../src/shared/ids';
import { APPLIED_NOTHING, ignored, rejected, type BookStore, type BookUpdate } from '../../../src/engine/books/bookStore';
import { YesBook } from '../../../src/engine/books/marketBook';
import { readArrayLevels, readPrice, readSize } from '../../../src/engine/books/parseLevels';
import type { MarketDataDecoder, Resolution } from '../../../src/engine';
import { ACME } from './manifest';

interface AcmeMessage {
  type?: unknown;
  market?: unknown;
  bids?: unknown;
  offers?: unknown;
  side?: unknown;
  price?: unknown;
  size?: unknown;
  winner?: unknown;
}

export class AcmeDecoder implements MarketDataDecoder {
  private readonly books = new Map<string, YesBook>();

  constructor(private readonly store: BookStore) {
    store.onDidAdd((book) => {
      if (book.venue === ACME && book instanceof YesBook) this.books.set(book.id, book);
    });
  }

  apply(message: unknown, now: number): BookUpdate {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return rejected('message is not an object');
    const m = message as AcmeMessage;
    if (m.type === 'heartbeat' || m.type === 'resolved') return APPLIED_NOTHING;
    if (m.type !== 'book' && m.type !== 'change') return rejected(typeof m.type === 'string' ? `type "${m.type}" is not a market-data message` : 'type is missing');
    if (typeof m.market !== 'string') return rejected('market is missing');
    const book = this.books.get(m.market);
    if (!book) return rejected(`market: unknown market "${m.market}"`);
    return m.type === 'book' ? this.snapshot(book, m, now) : this.change(book, m, now);
  }

  resolutions(message: unknown, now: number): readonly Resolution[] {
    const m = message as AcmeMessage | null;
    if (typeof m !== 'object' || m === null || m.type !== 'resolved' || typeof m.market !== 'string') return [];
    if (m.winner !== 'yes' && m.winner !== 'no') return [];
    return [{ venue: ACME, market: `${ACME}:${m.market}` as MarketRef, result: m.winner, settledAt: now, source: 'acme resolved message' }];
  }

  private snapshot(book: YesBook, m: AcmeMessage, now: number): BookUpdate {
    const { a, b } = this.store.scratch;
    const problem = readArrayLevels(m.bids, a) ?? readArrayLevels(m.offers, b);
    if (problem !== null) return this.lost(book, `book: ${problem}`, now);
    book.bids.replace(a.prices, a.qtys);
    book.asks.replace(b.prices, b.qtys);
    this.touch(book, now);
    return this.store.appliedToMarket(book.slot);
  }

  private change(book: YesBook, m: AcmeMessage, now: number): BookUpdate {
    if (book.yes.health === 'unknown') return ignored(`change to ${book.ref} before its book`);
    const price = readPrice(m.price);
    const size = typeof price === 'string' ? null : readSize(m.size);
    const bad = m.side !== 'bid' && m.side !== 'offer' ? 'side is not "bid" or "offer"' : typeof price === 'string' ? price : typeof size === 'string' ? size : null;
    if (bad !== null) return this.lost(book, `change: ${bad}`, now);
    (m.side === 'bid' ? book.bids : book.asks).set(price as number, size as number);
    this.touch(book, now);
    return this.store.appliedToMarket(book.slot);
  }

  private touch(book: YesBook, now: number): void {
    for (const side of [book.yes, book.no]) {
      side.health = 'live';
      side.updatedAt = now;
    }
  }

  /** A message about a market we track could not be read: its book is unknown until the next snapshot. */
  private lost(book: YesBook, reason: string, now: number): BookUpdate {
    const changed = this.store.setHealth(book.ref, 'unknown', now);
    return { status: 'rejected', reason: `${reason} (${book.ref} unknown until its next book)`, changed, markets: [book.slot] };
  }
}
