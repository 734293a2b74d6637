import { describe, expect, it } from 'vitest';
import { BookStore } from '../../../../src/engine/books/bookStore';
import type { YesBook } from '../../../../src/engine/books/marketBook';
import type { AskLadder, BidLadder } from '../../../../src/engine/books/ladders';
import { PmUsDecoder } from '../../../../src/engine/venues/polymarket-us/marketData';
import { readPmUsSettlement } from '../../../../src/engine/venues/polymarket-us/settlement';

function setup() {
  const s = new BookStore();
  const decoder = new PmUsDecoder(s);
  const book = s.add({ venue: 'polymarket-us', id: 'market-slug-1', title: 'USC v Iowa', shape: 'yes_book' }) as YesBook;
  return { s, decoder, book };
}

function levels(ladder: AskLadder | BidLadder): [number, number][] {
  return Array.from({ length: ladder.levelCount }, (_, i) => [ladder.priceAt(i), ladder.qtyAt(i)]);
}

// The docs' full-book message, verbatim (websocket/markets.md; next-venues.md §1.6).
const DOCS_MESSAGE = {
  requestId: 'md-sub-1',
  subscriptionType: 'SUBSCRIPTION_TYPE_MARKET_DATA',
  marketData: {
    marketSlug: 'market-slug-1',
    bids: [
      { px: { value: '0.555', currency: 'USD' }, qty: '0.50' },
      { px: { value: '0.550', currency: 'USD' }, qty: '2.50' },
    ],
    offers: [
      { px: { value: '0.560', currency: 'USD' }, qty: '0.80' },
      { px: { value: '0.565', currency: 'USD' }, qty: '1.50' },
    ],
    state: 'MARKET_STATE_OPEN',
    stats: { lastTradePx: { value: '0.55', currency: 'USD' }, sharesTraded: '150000', openInterest: '500000' },
    transactTime: '2024-01-15T10:30:00Z',
  },
};

const ladder = (bids: [string, string][], offers: [string, string][], state = 'MARKET_STATE_OPEN') => ({
  marketData: {
    marketSlug: 'market-slug-1',
    bids: bids.map(([value, qty]) => ({ px: { value, currency: 'USD' }, qty })),
    offers: offers.map(([value, qty]) => ({ px: { value, currency: 'USD' }, qty })),
    state,
  },
});

describe('Polymarket US market-data decoder', () => {
  it('reads the docs\' full book: YES bids and offers, and NO as their mirror', () => {
    const { decoder, book } = setup();
    expect(decoder.apply(DOCS_MESSAGE, 1).status).toBe('applied');
    expect(levels(book.yes.asks)).toEqual([[5_600, 80], [5_650, 150]]);
    // Buying NO lifts the mirror of YES bids: NO at 1 − 0.555 = 0.445 for 0.50.
    expect(levels(book.no.asks)).toEqual([[4_450, 50], [4_500, 250]]);
    expect(book.yes.health).toBe('live');
  });

  it('replaces the whole book with each message (no deltas, no sequence numbers)', () => {
    const { decoder, book } = setup();
    decoder.apply(DOCS_MESSAGE, 1);
    decoder.apply(ladder([['0.5400', '39587.0000']], []), 2);
    expect(levels(book.yes.asks)).toEqual([]);
    expect(levels(book.no.asks)).toEqual([[4_600, 3_958_700]]);
  });

  it('marks the book unknown on a level it cannot read, and when the market is not open', () => {
    const { decoder, book } = setup();
    decoder.apply(DOCS_MESSAGE, 1);
    const bad = decoder.apply(ladder([['0.55', 'lots']], []), 2);
    expect(bad.status).toBe('rejected');
    expect(bad.reason).toMatch(/marketData\.bids: level 0: qty/);
    expect(book.yes.health).toBe('unknown');
    decoder.apply(DOCS_MESSAGE, 3);
    expect(book.yes.health).toBe('live');
    const halted = decoder.apply(ladder([['0.55', '1']], [['0.56', '1']], 'MARKET_STATE_HALTED'), 4);
    expect(halted.reason).toMatch(/MARKET_STATE_HALTED/);
    expect(book.no.health).toBe('unknown');
  });

  it('never throws on what the socket may send', () => {
    const { decoder } = setup();
    expect(decoder.apply({ heartbeat: {} }, 1).status).toBe('applied');
    expect(decoder.apply({ request_id: 'md-1', error: 'max subscriptions per connection reached' }, 1).status).toBe('rejected');
    expect(decoder.apply({ marketDataLite: { marketSlug: 'market-slug-1' } }, 1).status).toBe('ignored');
    expect(decoder.apply({ marketData: { marketSlug: 'other' } }, 1).reason).toMatch(/unknown market "other"/);
    for (const junk of [null, 'text', [], { marketData: null }, { marketData: { marketSlug: 'market-slug-1', bids: 'x' } }, { surprise: 1 }]) {
      expect(() => decoder.apply(junk, 1)).not.toThrow();
    }
  });

  it('reads a settlement from an expired market\'s settlement price, and from the settlement endpoint', () => {
    const { decoder } = setup();
    const expired = { marketData: { marketSlug: 'market-slug-1', bids: [], offers: [], state: 'MARKET_STATE_EXPIRED', stats: { settlementPx: { value: '1.00', currency: 'USD' } }, transactTime: '2026-11-04T03:00:00Z' } };
    expect(decoder.resolutions(expired, 9)).toEqual([{ venue: 'polymarket-us', market: 'polymarket-us:market-slug-1', result: 'yes', settledAt: Date.parse('2026-11-04T03:00:00Z'), source: 'polymarket-us marketData settlementPx' }]);
    expect(decoder.resolutions(DOCS_MESSAGE, 9)).toEqual([]);
    // SDK 0.1.1 types `MarketSettlement {marketSlug, settlementPrice: Amount, settledAt}`; the 2.0.0 README `{slug, settlement}`.
    expect(readPmUsSettlement('s', { marketSlug: 's', settlementPrice: { value: '0', currency: 'USD' }, settledAt: '2026-11-04T03:00:00Z' }, 1)?.result).toBe('no');
    expect(readPmUsSettlement('s', { slug: 's', settlement: 1 }, 1)?.result).toBe('yes');
    expect(readPmUsSettlement('s', { slug: 's', settlement: 0.5 }, 1)).toBeNull();
  });
});
