// Polymarket US's one wire decoder, bound to one book store. The markets socket sends every change
// as the market's whole ladder (`marketData`: docs websocket/markets.md; SDK 0.1.1 dist/index.js:449
// "Full order book updates"), with no sequence number, only `transactTime`: each message replaces
// the book. A lost message is repaired by the next one; the feed re-subscribes on every connection
// and on a timer (feed.ts) for a fresh ladder, and invalidates on any doubt. A market not OPEN
// (suspended, halted, expired…) keeps no tradable book: unknown until it reopens. Never throws.
import type { MarketRef } from '../../../shared/ids';
import { APPLIED_NOTHING, ignored, rejected, type BookStore, type BookUpdate } from '../../books/bookStore';
import { YesBook } from '../../books/marketBook';
import type { MarketDataDecoder, Resolution } from '../contribution';
import { readPmUsLevels } from './levels';
import { PM_US } from './manifest';
import { readPmUsResolution } from './settlement';

interface MarketDataBody {
  marketSlug?: unknown;
  bids?: unknown;
  offers?: unknown;
  state?: unknown;
}

const OPEN = 'MARKET_STATE_OPEN';

export class PmUsDecoder implements MarketDataDecoder {
  private readonly books = new Map<string, YesBook>();

  constructor(private readonly store: BookStore) {
    store.onDidAdd((book) => {
      if (book.venue === PM_US && book instanceof YesBook) this.books.set(book.id, book);
    });
  }

  apply(message: unknown, now: number): BookUpdate {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return rejected('message is not an object');
    const m = message as Record<string, unknown>;
    if ('heartbeat' in m) return APPLIED_NOTHING;
    if ('marketDataLite' in m || 'trade' in m) return ignored('not a full book (lite or trade subscription)');
    if ('error' in m) return rejected(`venue error: ${typeof m.error === 'string' ? m.error : JSON.stringify(m.error)}`);
    if (!('marketData' in m)) return rejected('no marketData, heartbeat or error in the message');
    const body = m.marketData as MarketDataBody | null;
    if (typeof body !== 'object' || body === null) return rejected('marketData is not an object');
    if (typeof body.marketSlug !== 'string') return rejected('marketData.marketSlug is missing');
    const book = this.books.get(body.marketSlug);
    if (!book) return rejected(`marketData.marketSlug: unknown market "${body.marketSlug}"`);
    if (body.state !== undefined && body.state !== OPEN) {
      return this.lost(book, `marketData.state is ${typeof body.state === 'string' ? body.state : 'unreadable'}`, now);
    }
    const { a, b } = this.store.scratch;
    const bids = readPmUsLevels(body.bids, a);
    if (bids !== null) return this.lost(book, `marketData.bids: ${bids}`, now);
    const offers = readPmUsLevels(body.offers, b);
    if (offers !== null) return this.lost(book, `marketData.offers: ${offers}`, now);
    book.bids.replace(a.prices, a.qtys);
    book.asks.replace(b.prices, b.qtys);
    for (const side of [book.yes, book.no]) {
      side.health = 'live';
      side.updatedAt = now;
    }
    return this.store.appliedToMarket(book.slot);
  }

  resolutions(message: unknown, now: number): readonly Resolution[] {
    const m = message as { marketData?: unknown } | null;
    if (typeof m !== 'object' || m === null || typeof m.marketData !== 'object' || m.marketData === null) return [];
    const r = readPmUsResolution(m.marketData, now);
    return r ? [r] : [];
  }

  /** A message about a tracked market that cannot be believed: unknown until its next good ladder. */
  private lost(book: YesBook, reason: string, now: number): BookUpdate {
    const changed = this.store.setHealth(book.ref as MarketRef, 'unknown', now);
    return { status: 'rejected', reason: `${reason} (${book.ref} unknown until its next book)`, changed, markets: [book.slot] };
  }
}
