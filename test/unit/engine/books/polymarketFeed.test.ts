import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BookStore } from '../../../../src/engine/books/bookStore';
import { ladderId } from '../../../../src/engine/books/marketBook';
import { applyPolymarketMessage, loadPolymarketBook } from '../../../../src/engine/books/polymarketFeed';
import type { AskLadder, BidLadder } from '../../../../src/engine/books/ladders';

function levels(ladder: AskLadder | BidLadder): [number, number][] {
  return Array.from({ length: ladder.levelCount }, (_, i) => [ladder.priceAt(i), ladder.qtyAt(i)]);
}

function store(health: 'live' | 'unknown' = 'unknown') {
  const s = new BookStore();
  s.addPolymarket('0xabc', { yes: '111', no: '222' }, 'Fed holds?', health);
  return { s, book: s.polymarketByToken.get('111')!.book };
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

  it('applies an array all-or-nothing: one bad event rejects the whole line', () => {
    const { s, book: m } = store();
    const r = applyPolymarketMessage(s, [book('111', [], [['0.52', '25']]), book('999', [], [['0.40', '1']])], 1);
    expect(r.status).toBe('rejected');
    expect(r.reason).toMatch(/^\[1\]\.asset_id: unknown token "999"/);
    expect(m.yes.asks.levelCount).toBe(0);
    expect(m.yes.health).toBe('unknown');
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
});
