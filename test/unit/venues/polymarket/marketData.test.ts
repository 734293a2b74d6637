import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BookStore } from '../../../../src/engine/books/bookStore';
import { ladderId, type TokenPairBook } from '../../../../src/engine/books/marketBook';
import type { AskLadder, BidLadder } from '../../../../src/engine/books/ladders';
import { PolymarketDecoder } from '../../../../src/engine/venues/polymarket/marketData';

// Polymarket's decoder (src/engine/venues/polymarket/marketData.ts) bound to a store of its books.
const decoders = new WeakMap<BookStore, PolymarketDecoder>();
const applyPolymarketMessage = (s: BookStore, message: unknown, now: number) => decoders.get(s)!.apply(message, now);
const loadPolymarketBook = (s: BookStore, tokenId: string, book: { bids?: unknown; asks?: unknown }, now: number) => decoders.get(s)!.loadBook(tokenId, book, now);
function tokenStore(condition: string, tokens: { yes: string; no: string }, title: string, health: 'live' | 'unknown' = 'unknown'): { s: BookStore; book: TokenPairBook } {
  const s = new BookStore();
  decoders.set(s, new PolymarketDecoder(s));
  return { s, book: s.add({ venue: 'polymarket', id: condition, title, shape: 'token_pair', tokens }, health) as TokenPairBook };
}

function levels(ladder: AskLadder | BidLadder): [number, number][] {
  return Array.from({ length: ladder.levelCount }, (_, i) => [ladder.priceAt(i), ladder.qtyAt(i)]);
}

function store(health: 'live' | 'unknown' = 'unknown') {
  return tokenStore('0xabc', { yes: '111', no: '222' }, 'Fed holds?', health);
}

const book = (asset: string, bids: [string, string][], asks: [string, string][], market = '0xabc') => ({
  event_type: 'book',
  asset_id: asset,
  market,
  bids: bids.map(([price, size]) => ({ price, size })),
  asks: asks.map(([price, size]) => ({ price, size })),
  timestamp: '1757908892351',
  hash: '0x0',
});
const change = (changes: [string, string, string, 'BUY' | 'SELL'][], market = '0xabc') => ({
  event_type: 'price_change',
  market,
  price_changes: changes.map(([asset_id, price, size, side]) => ({ asset_id, price, size, side })),
  timestamp: '1757908892351',
});

describe('Polymarket order books', () => {
  it('replaces a token book on `book`, sorting levels whatever order they come in, and makes it live', () => {
    const { s, book: m } = store();
    const r = applyPolymarketMessage(s, book('111', [['0.48', '30'], ['0.50', '15'], ['0.49', '20']], [['0.54', '10'], ['0.52', '25'], ['0.53', '5.005']]), 9);
    expect(r).toMatchObject({ status: 'applied', changed: [ladderId(0, 'yes')], markets: [0] });
    expect(levels(m.yes.asks)).toEqual([
      [5_200, 2_500],
      [5_300, 500],
      [5_400, 1_000],
    ]);
    expect(levels(m.yes.bids)).toEqual([
      [5_000, 1_500],
      [4_900, 2_000],
      [4_800, 3_000],
    ]);
    expect(m.yes.health).toBe('live');
    expect(m.no.health).toBe('unknown');
    expect(m.yes.updatedAt).toBe(9);
    applyPolymarketMessage(s, book('111', [], [['0.60', '1']]), 10);
    expect(levels(m.yes.asks)).toEqual([[6_000, 100]]);
    expect(m.yes.bids.levelCount).toBe(0);
  });

  it('sets absolute sizes on price_change: SELL moves asks (and a ladder), BUY moves bids only', () => {
    const { s, book: m } = store();
    applyPolymarketMessage(s, [book('111', [['0.48', '30']], [['0.52', '25']]), book('222', [['0.46', '10']], [['0.50', '40']])], 1);
    const r = applyPolymarketMessage(s, change([['111', '0.52', '7', 'SELL'], ['222', '0.47', '12', 'BUY'], ['222', '0.50', '0', 'SELL']]), 2);
    expect(r.status).toBe('applied');
    expect([...r.changed].sort()).toEqual([ladderId(0, 'yes'), ladderId(0, 'no')]);
    expect(levels(m.yes.asks)).toEqual([[5_200, 700]]);
    expect(levels(m.no.bids)).toEqual([
      [4_700, 1_200],
      [4_600, 1_000],
    ]);
    expect(m.no.asks.levelCount).toBe(0);
    const bidsOnly = applyPolymarketMessage(s, change([['111', '0.49', '3', 'BUY']]), 3);
    expect(bidsOnly).toMatchObject({ status: 'applied', changed: [], markets: [0] });
  });

  it('accepts the pre-September-2025 price_change shape', () => {
    const { s, book: m } = store('live');
    const r = applyPolymarketMessage(s, { event_type: 'price_change', asset_id: '222', market: '0xabc', changes: [{ price: '0.4', size: '9', side: 'SELL' }] }, 1);
    expect(r.status).toBe('applied');
    expect(levels(m.no.asks)).toEqual([[4_000, 900]]);
  });

  it('ignores price changes to a book that is unknown until its next `book`', () => {
    const { s, book: m } = store('unknown');
    const r = applyPolymarketMessage(s, change([['111', '0.52', '7', 'SELL']]), 2);
    expect(r.status).toBe('ignored');
    expect(m.yes.asks.levelCount).toBe(0);
  });

  it('applies a frame element by element: an element for a token we do not track costs the others nothing', () => {
    const { s, book: m } = store();
    const r = applyPolymarketMessage(s, [book('999', [], [['0.40', '1']]), book('111', [], [['0.52', '25']])], 1);
    expect(r.status).toBe('applied');
    expect(levels(m.yes.asks)).toEqual([[5_200, 2_500]]);
    expect(m.yes.health).toBe('live');
    // Nothing of ours in it: rejected (a replay skips the line), naming the element.
    const none = applyPolymarketMessage(s, [book('999', [], [['0.40', '1']])], 1);
    expect([none.status, none.reason]).toEqual(['rejected', '[0].asset_id: unknown token "999"']);
  });

  it('rejects unknown tokens, a token quoted under another market, bad sides and malformed numbers', () => {
    const { s } = store('live');
    const cases: [unknown, RegExp][] = [
      [change([['999', '0.5', '1', 'SELL']]), /unknown token "999"/],
      [change([['111', '0.5', '1', 'SELL']], '0xother'), /belongs to 0xabc/],
      [change([['111', '0.5', '1', 'ASK' as 'SELL']]), /side/],
      [change([['111', '1.5', '1', 'SELL']]), /outside \(0, 1\)/],
      [change([['111', '0.5', '-1', 'SELL']]), /negative/],
      [change([['111', 'abc', '1', 'SELL']]), /not a decimal string/],
      [book('111', [['0.5', 'x']], []), /^bids: level 0: size "x"/],
      [{ event_type: 'book', asset_id: '111', bids: [], asks: {} }, /^asks: levels are not an array/],
      [{ event_type: 'unheard_of' }, /not a market-channel event/],
      [{ asset_id: '111' }, /event_type is missing/],
      [{ asset_id: '111', bids: [] }, /event_type is missing/],
      [42, /not an object/],
    ];
    for (const [msg, reason] of cases) {
      const r = applyPolymarketMessage(s, msg, 1);
      expect(r.status).toBe('rejected');
      expect(r.reason).toMatch(reason);
    }
  });

  it('takes market-channel events without levels as no-ops', () => {
    const { s } = store('live');
    for (const type of ['tick_size_change', 'last_trade_price', 'best_bid_ask']) {
      expect(applyPolymarketMessage(s, { event_type: type, asset_id: '111', market: '0xabc' }, 1)).toMatchObject({ status: 'applied', changed: [] });
    }
  });

  it('loads a REST book for one token', () => {
    const { s, book: m } = store();
    expect(loadPolymarketBook(s, '222', { bids: [{ price: '0.48', size: '25' }], asks: [{ price: '0.50', size: '40' }] }, 3).status).toBe('applied');
    expect(m.no.health).toBe('live');
    expect(levels(m.no.asks)).toEqual([[5_000, 4_000]]);
  });

  it('never throws, whatever it is fed', () => {
    const { s } = store('live');
    const level = fc.record({ price: fc.oneof(fc.constantFrom('0.5', '0.01', '1', ''), fc.anything()), size: fc.oneof(fc.constantFrom('1', '0', '-2'), fc.anything()) });
    const event = fc.oneof(
      fc.anything(),
      fc.record({
        event_type: fc.constantFrom('book', 'price_change', 'x'),
        asset_id: fc.constantFrom('111', '222', '3'),
        market: fc.constantFrom('0xabc', undefined, 7),
        bids: fc.oneof(fc.array(level), fc.anything()),
        asks: fc.oneof(fc.array(level), fc.anything()),
        price_changes: fc.oneof(fc.array(fc.record({ asset_id: fc.constantFrom('111', '222'), price: fc.anything(), size: fc.anything(), side: fc.constantFrom('BUY', 'SELL', 'x') })), fc.anything()),
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(event, fc.array(event, { maxLength: 4 })), { maxLength: 20 }), (msgs) => {
        for (const m of msgs) expect(['applied', 'ignored', 'rejected']).toContain(applyPolymarketMessage(s, m, 1).status);
      }),
    );
  });

  describe('the shapes the venue and others publish (nautilus_trader crates/adapters/polymarket/test_data)', () => {
    const COND = '0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917';
    const YES = '71321045679252212594626385532706912750332728571942532289631379312455583992563';
    const NO = '52114319501245915516055106046884209969926127482827954674443846427813813222426';
    const OTHER = '76043073756653678226373981964075571318267289248134717369284518995922789326425';
    const real = () => {
      const { s, book } = tokenStore(COND, { yes: YES, no: NO }, 'nautilus test market');
      return { s, m: book };
    };
    // test_data/ws_book_snapshot.json: a `book` with no event_type, asks descending.
    const snapshotWithoutType = {
      market: COND, asset_id: YES,
      bids: [{ price: '0.48', size: '500.0' }, { price: '0.49', size: '350.0' }, { price: '0.50', size: '200.0' }],
      asks: [{ price: '0.53', size: '400.0' }, { price: '0.52', size: '250.0' }, { price: '0.51', size: '150.0' }],
      timestamp: '1703875200000',
    };

    it('takes a book without event_type when its shape says book', () => {
      const { s, m } = real();
      expect(applyPolymarketMessage(s, snapshotWithoutType, 1).status).toBe('applied');
      expect(m.yes.health).toBe('live');
      expect(levels(m.yes.asks)).toEqual([[5_100, 15_000], [5_200, 25_000], [5_300, 40_000]]);
    });

    it('takes a price_change without event_type (test_data/ws_quotes.json)', () => {
      const { s, m } = real();
      applyPolymarketMessage(s, [snapshotWithoutType, { ...snapshotWithoutType, asset_id: NO, asks: [] }], 1);
      const quotes = {
        market: COND,
        price_changes: [
          { asset_id: YES, price: '0.51', side: 'BUY', size: '150.0', hash: '0xhash001', best_bid: '0.51', best_ask: '0.52' },
          { asset_id: NO, price: '0.49', side: 'SELL', size: '100.0', hash: '0xhash002', best_bid: '0.48', best_ask: '0.49' },
        ],
        timestamp: '1703875201000',
      };
      expect(applyPolymarketMessage(s, quotes, 2).status).toBe('applied');
      expect(levels(m.no.asks)).toEqual([[4_900, 10_000]]);
      expect(levels(m.yes.bids)[0]).toEqual([5_100, 15_000]);
    });

    it('handles or skips every documented market-channel event on its own, in one frame', () => {
      const { s, m } = real();
      // polymarket.asyncapi.json components.messages: book, priceChange, lastTradePrice, tickSizeChange,
      // bestBidAsk, newMarket, marketResolved — with the test_data payloads — plus one nobody documented.
      const frame = [
        { event_type: 'last_trade_price', market: COND, asset_id: YES, fee_rate_bps: '0', price: '0.51', side: 'BUY', size: '25.0', timestamp: '1703875202000' },
        { event_type: 'tick_size_change', market: COND, asset_id: YES, new_tick_size: '0.01', old_tick_size: '0.1', timestamp: '1703875210000' },
        { event_type: 'best_bid_ask', market: COND, asset_id: YES, best_bid: '0.73', best_ask: '0.77', spread: '0.04', timestamp: '1766789469958' },
        { event_type: 'new_market', id: '1031769', market: '0x311d', assets_ids: [OTHER], outcomes: ['Yes', 'No'], timestamp: '1766790415550' },
        { event_type: 'market_resolved', id: '1031769', market: '0x311d', assets_ids: [OTHER], winning_asset_id: OTHER, winning_outcome: 'Yes', timestamp: '1766790415550' },
        { event_type: 'rfq_quote', market: COND, asset_id: YES },
        { event_type: 'book', ...snapshotWithoutType, asset_id: OTHER },
        { event_type: 'book', ...snapshotWithoutType },
        { event_type: 'price_change', market: COND, price_changes: [{ asset_id: OTHER, price: '0.4', size: '1', side: 'SELL' }, { asset_id: YES, price: '0.51', size: '0', side: 'SELL' }], timestamp: '1703875201000' },
      ];
      const r = applyPolymarketMessage(s, frame, 3);
      expect(r.status).toBe('applied');
      expect(m.yes.health).toBe('live');
      expect(levels(m.yes.asks)).toEqual([[5_200, 25_000], [5_300, 40_000]]);
    });

    it('a dropped update for a tracked token makes that book unknown until its next book', () => {
      const { s, m } = real();
      applyPolymarketMessage(s, [snapshotWithoutType, { ...snapshotWithoutType, asset_id: NO }], 1);
      const r = applyPolymarketMessage(s, { event_type: 'price_change', market: COND, price_changes: [{ asset_id: YES, price: '0.52', size: 'lots', side: 'SELL' }, { asset_id: NO, price: '0.40', size: '7', side: 'SELL' }] }, 2);
      expect(r.status).toBe('applied');
      expect([m.yes.health, m.no.health]).toEqual(['unknown', 'live']);
      expect(levels(m.no.asks)[0]).toEqual([4_000, 700]);
      // The unknown book takes no changes until its next book.
      expect(applyPolymarketMessage(s, { event_type: 'price_change', market: COND, price_changes: [{ asset_id: YES, price: '0.52', size: '9', side: 'SELL' }] }, 3).status).toBe('ignored');
      expect(applyPolymarketMessage(s, snapshotWithoutType, 4).status).toBe('applied');
      expect(m.yes.health).toBe('live');
      // A malformed book for a tracked token is a lost update too.
      const bad = applyPolymarketMessage(s, { ...snapshotWithoutType, bids: [{ price: '0.5', size: 'x' }] }, 5);
      expect([bad.status, m.yes.health]).toEqual(['rejected', 'unknown']);
      expect(bad.changed).toEqual([ladderId(0, 'yes')]);
    });
  });
});

