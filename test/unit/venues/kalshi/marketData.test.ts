import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BookStore } from '../../../../src/engine/books/bookStore';
import { ladderId, type BidPairBook } from '../../../../src/engine/books/marketBook';
import type { AskLadder } from '../../../../src/engine/books/ladders';
import { KalshiDecoder } from '../../../../src/engine/venues/kalshi/marketData';

// Kalshi's decoder (src/engine/venues/kalshi/marketData.ts) bound to a store of Kalshi books; a
// stream no feed has checked (replay), so the decoder tracks the sequence itself.
const decoders = new WeakMap<BookStore, KalshiDecoder>();
const decoderOf = (s: BookStore) => decoders.get(s)!;
const applyKalshiMessage = (s: BookStore, message: unknown, now: number) => decoderOf(s).apply(message, now, false);
const loadKalshiOrderbook = (s: BookStore, ticker: string, orderbookFp: unknown, now: number) => decoderOf(s).loadOrderbook(ticker, orderbookFp, now);
const bookOf = (s: BookStore, ticker: string) => s.get(`kalshi:${ticker}`) as BidPairBook | undefined;

function asks(ladder: AskLadder): [number, number][] {
  return Array.from({ length: ladder.levelCount }, (_, i) => [ladder.priceAt(i), ladder.qtyAt(i)]);
}

const snapshot = (sid: number, seq: number, ticker: string, yes: [string, string][] | undefined, no: [string, string][] | undefined) => ({
  type: 'orderbook_snapshot',
  sid,
  seq,
  msg: { market_ticker: ticker, ...(yes ? { yes_dollars_fp: yes } : {}), ...(no ? { no_dollars_fp: no } : {}) },
});
const delta = (sid: number, seq: number, ticker: string, price: string, d: string, side: 'yes' | 'no') => ({
  type: 'orderbook_delta',
  sid,
  seq,
  msg: { market_ticker: ticker, price_dollars: price, delta_fp: d, side, ts_ms: 1 },
});

function store(...tickers: string[]) {
  const s = new BookStore();
  decoders.set(s, new KalshiDecoder(s));
  for (const t of tickers) s.add({ venue: 'kalshi', id: t, shape: 'bid_pair' });
  return s;
}

describe('Kalshi order books', () => {
  it('derives both ask ladders from the bids by the binary complement (venues.md §1.5 example)', () => {
    const s = store('FED-23DEC-T3.00');
    const r = applyKalshiMessage(s, snapshot(2, 2, 'FED-23DEC-T3.00', [['0.0800', '300.00'], ['0.2200', '333.00']], [['0.5400', '20.00'], ['0.5600', '146.00']]), 1_000);
    expect(r).toMatchObject({ status: 'applied', reason: null });
    expect([...r.changed].sort()).toEqual([0, 1]);
    const book = bookOf(s, 'FED-23DEC-T3.00')!;
    expect(asks(book.yes.asks)).toEqual([
      [4_400, 14_600],
      [4_600, 2_000],
    ]);
    expect(asks(book.no.asks)).toEqual([
      [7_800, 33_300],
      [9_200, 30_000],
    ]);
    expect(book.yes.bids.priceAt(0)).toBe(2_200);
    expect(book.yes.health).toBe('live');
    expect(book.updatedAt).toBe(1_000);
  });

  it('starts unknown, and a delta before any snapshot is ignored', () => {
    const s = store('A');
    const r = applyKalshiMessage(s, delta(1, 1, 'A', '0.40', '5.00', 'yes'), 1);
    expect(r.status).toBe('ignored');
    expect(bookOf(s, 'A')!.yesBids.length).toBe(0);
  });

  it('adds signed deltas, removes levels at or below zero, and reports the ask ladder that moved', () => {
    const s = store('A');
    applyKalshiMessage(s, snapshot(1, 1, 'A', [['0.4000', '10.00']], []), 1);
    const r = applyKalshiMessage(s, delta(1, 2, 'A', '0.4000', '-4.00', 'yes'), 2);
    expect(r.status).toBe('applied');
    // A YES bid is an offer of NO: the NO ask ladder moved.
    expect(r.changed).toEqual([ladderId(0, 'no')]);
    const book = bookOf(s, 'A')!;
    expect(asks(book.no.asks)).toEqual([[6_000, 600]]);
    applyKalshiMessage(s, delta(1, 3, 'A', '0.4000', '-6.00', 'yes'), 3);
    expect(book.no.asks.levelCount).toBe(0);
    applyKalshiMessage(s, delta(1, 4, 'A', '0.955', '1.25', 'no'), 4);
    expect(asks(book.yes.asks)).toEqual([[450, 125]]);
    expect(book.updatedAt).toBe(4);
  });

  it('on a sequence gap marks every book of that subscription unknown until its own next snapshot', () => {
    const s = store('A', 'B', 'C');
    applyKalshiMessage(s, snapshot(1, 1, 'A', [['0.40', '10']], [['0.50', '10']]), 1);
    applyKalshiMessage(s, snapshot(1, 2, 'B', [['0.40', '10']], [['0.50', '10']]), 1);
    applyKalshiMessage(s, snapshot(2, 1, 'C', [['0.40', '10']], [['0.50', '10']]), 1);
    const gap = applyKalshiMessage(s, delta(1, 4, 'A', '0.40', '1.00', 'yes'), 2);
    expect(gap.status).toBe('ignored');
    expect(gap.reason).toMatch(/gap on sid 1: expected seq 3, got 4/);
    expect([...gap.changed].sort()).toEqual([0, 1, 2, 3]);
    const [a, b, c] = ['A', 'B', 'C'].map((t) => bookOf(s, t)!);
    expect(a!.yesBids.qtyAtPrice(4_000)).toBe(1_000); // the delta that revealed the gap was not applied
    expect([a!.yes.health, b!.yes.health, c!.yes.health]).toEqual(['unknown', 'unknown', 'live']);
    // In sequence again, but deltas on an unknown book are still ignored.
    expect(applyKalshiMessage(s, delta(1, 5, 'B', '0.40', '1.00', 'yes'), 3).status).toBe('ignored');
    expect(applyKalshiMessage(s, snapshot(1, 6, 'B', [['0.41', '1']], []), 4).status).toBe('applied');
    expect([a!.yes.health, b!.yes.health]).toEqual(['unknown', 'live']);
    expect(applyKalshiMessage(s, delta(1, 7, 'B', '0.41', '1.00', 'yes'), 5).status).toBe('applied');
    expect(b!.yesBids.qtyAtPrice(4_100)).toBe(200);
    expect(applyKalshiMessage(s, delta(1, 8, 'A', '0.41', '1.00', 'yes'), 5).status).toBe('ignored');
  });

  // kalshi.asyncapi.yaml components.messages.okResponse example: {"id":123,"sid":456,"seq":222,"type":"ok",
  // "msg":{"market_tickers":[...]}}. Whether the reply takes a slot is undocumented: either way, no gap.
  it('an ok reply that carries the next seq is not a gap, whether or not it took that slot', () => {
    const ok = (sid: number, seq: number) => ({ id: 123, sid, seq, type: 'ok', msg: { market_tickers: ['A', 'B'] } });
    for (const tookSlot of [true, false]) {
      const s = store('A', 'B');
      applyKalshiMessage(s, snapshot(456, 221, 'A', [['0.40', '10']], [['0.50', '10']]), 1);
      expect(applyKalshiMessage(s, ok(456, 222), 2).status).toBe('ignored');
      // add_markets: the new market's snapshot follows, numbered after the reply or in its slot.
      const next = applyKalshiMessage(s, snapshot(456, tookSlot ? 223 : 222, 'B', [['0.30', '5']], []), 3);
      expect(next.status).toBe('applied');
      expect(applyKalshiMessage(s, delta(456, tookSlot ? 224 : 223, 'A', '0.40', '1.00', 'yes'), 4).status).toBe('applied');
      expect((s.markets() as BidPairBook[]).map((b) => b.yes.health)).toEqual(['live', 'live']);
    }
    // A reply with the current seq takes nothing; a real gap after a reply is still a gap.
    const s = store('A');
    applyKalshiMessage(s, snapshot(9, 1, 'A', [['0.40', '10']], []), 1);
    applyKalshiMessage(s, ok(9, 1), 1);
    expect(applyKalshiMessage(s, delta(9, 2, 'A', '0.40', '1.00', 'yes'), 2).status).toBe('applied');
    applyKalshiMessage(s, ok(9, 3), 3);
    expect(applyKalshiMessage(s, delta(9, 5, 'A', '0.40', '1.00', 'yes'), 4).reason).toMatch(/gap on sid 9: expected seq 4, got 5/);
  });

  it('rejects malformed messages with a reason and never throws', () => {
    const s = store('A');
    applyKalshiMessage(s, snapshot(1, 1, 'A', [['0.40', '10']], []), 1);
    const cases: [unknown, RegExp][] = [
      ['not an object', /not an object/],
      [{ type: 'ticker', sid: 1, seq: 2, msg: {} }, /not an order-book message/],
      [{ type: 'orderbook_delta', sid: 'x', seq: 2, msg: {} }, /sid/],
      [{ type: 'orderbook_delta', sid: 1, seq: 2.5, msg: {} }, /seq/],
      [{ type: 'orderbook_delta', sid: 1, seq: 2 }, /msg/],
      [{ type: 'orderbook_delta', sid: 1, seq: 2, msg: { price_dollars: '0.4' } }, /market_ticker/],
    ];
    for (const [msg, reason] of cases) {
      const r = applyKalshiMessage(s, msg, 2);
      expect(r.status).toBe('rejected');
      expect(r.reason).toMatch(reason);
    }
    expect(bookOf(s, 'A')!.yes.health).toBe('live');
  });

  it('rejects an unknown market without harming the subscription', () => {
    const s = store('A');
    applyKalshiMessage(s, snapshot(1, 1, 'A', [['0.40', '10']], []), 1);
    expect(applyKalshiMessage(s, delta(1, 2, 'ZZZ', '0.40', '1', 'yes'), 2)).toMatchObject({ status: 'rejected', reason: 'unknown market "ZZZ"' });
    expect(applyKalshiMessage(s, delta(1, 3, 'A', '0.40', '1.00', 'yes'), 3).status).toBe('applied');
  });

  it('treats a malformed update of a tracked book as lost: rejected, and the book unknown', () => {
    for (const bad of [
      delta(1, 2, 'A', '1.20', '1.00', 'yes'),
      delta(1, 2, 'A', '0.12345', '1.00', 'yes'),
      delta(1, 2, 'A', '0.40', 'abc', 'yes'),
      delta(1, 2, 'A', '0.40', '1.00', 'maybe' as 'yes'),
      snapshot(1, 2, 'A', [['0.40', '-1']], []),
      { type: 'orderbook_snapshot', sid: 1, seq: 2, msg: { market_ticker: 'A', yes_dollars_fp: 'x' } },
    ]) {
      const s = store('A');
      applyKalshiMessage(s, snapshot(1, 1, 'A', [['0.40', '10']], []), 1);
      const r = applyKalshiMessage(s, bad, 2);
      expect(r.status).toBe('rejected');
      expect(bookOf(s, 'A')!.yes.health).toBe('unknown');
      expect(bookOf(s, 'A')!.yesBids.qtyAtPrice(4_000)).toBe(1_000);
    }
  });

  it('treats an absent side of a snapshot as empty', () => {
    const s = store('A');
    applyKalshiMessage(s, snapshot(1, 1, 'A', [['0.40', '10']], [['0.50', '10']]), 1);
    applyKalshiMessage(s, snapshot(1, 2, 'A', undefined, [['0.50', '3']]), 2);
    const book = bookOf(s, 'A')!;
    expect(book.yesBids.length).toBe(0);
    expect(book.noBids.qtyAtPrice(5_000)).toBe(300);
  });

  it('loads a REST orderbook_fp and marks the market live', () => {
    const s = store('A');
    const r = loadKalshiOrderbook(s, 'A', { yes_dollars: [['0.1500', '100.00'], ['0.2200', '333.00']], no_dollars: [['0.5400', '20.00']] }, 7);
    expect(r.status).toBe('applied');
    const book = bookOf(s, 'A')!;
    expect(book.yes.health).toBe('live');
    expect(asks(book.yes.asks)).toEqual([[4_600, 2_000]]);
    expect(loadKalshiOrderbook(s, 'A', { yes_dollars: [['0', '1']] }, 8).reason).toMatch(/yes_dollars: level 0: price "0" is outside/);
  });

  it('never throws, whatever it is fed', () => {
    const s = store('A', 'B');
    applyKalshiMessage(s, snapshot(1, 1, 'A', [['0.40', '10']], []), 1);
    const msgArb = fc.oneof(
      fc.anything(),
      fc.record({
        type: fc.constantFrom('orderbook_snapshot', 'orderbook_delta', 'x'),
        sid: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.anything()),
        seq: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.anything()),
        msg: fc.oneof(
          fc.anything(),
          fc.record({
            market_ticker: fc.constantFrom('A', 'B', 'C'),
            price_dollars: fc.oneof(fc.constantFrom('0.40', '0.5', '1', '-0.1', '0.00001'), fc.anything()),
            delta_fp: fc.oneof(fc.constantFrom('1.00', '-3', '1e3', ''), fc.anything()),
            side: fc.oneof(fc.constantFrom('yes', 'no'), fc.anything()),
            yes_dollars_fp: fc.anything(),
            no_dollars_fp: fc.oneof(fc.constant([['0.5', '2']]), fc.anything()),
          }),
        ),
      }),
    );
    fc.assert(
      fc.property(fc.array(msgArb, { maxLength: 20 }), (msgs) => {
        for (const m of msgs) {
          const r = applyKalshiMessage(s, m, 1);
          expect(['applied', 'ignored', 'rejected']).toContain(r.status);
        }
        for (const book of s.markets()) {
          const bids = book.shape === 'bid_pair' ? [book.yesBids, book.noBids] : [];
          for (const side of bids) for (let i = 0; i < side.length; i++) expect(side.qtyAt(i)).toBeGreaterThan(0);
        }
      }),
    );
  });
});
