import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookStore } from '../../../src/engine/books/bookStore';
import { KalshiDecoder } from '../../../src/engine/venues/kalshi/marketData';
import { PolymarketDecoder } from '../../../src/engine/venues/polymarket/marketData';
import { toBookView } from '../../../src/engine/scanner/toContract';

// Issue 8: random and mutated venue messages never crash the engine, never change a book's
// levels when they are refused, and every refusal says why. A refused Kalshi delta for a tracked
// book may drop that book to `unknown` (an update was lost, so it must not be traded) — health
// may only ever fall on a refused message, never rise.

const KALSHI_SNAPSHOT = {
  type: 'orderbook_snapshot', sid: 1, seq: 1,
  msg: { market_ticker: 'KX-A', yes_dollars_fp: [['0.4000', '100.00'], ['0.3900', '12.50']], no_dollars_fp: [['0.5500', '50.00']] },
};
const KALSHI_DELTA = { type: 'orderbook_delta', sid: 1, seq: 2, msg: { market_ticker: 'KX-A', price_dollars: '0.4000', delta_fp: '-4.00', side: 'yes' } };
const PM_BOOK = { event_type: 'book', asset_id: '111', market: '0xabc', bids: [{ price: '0.50', size: '40' }], asks: [{ price: '0.52', size: '25' }] };
const PM_CHANGE = { event_type: 'price_change', market: '0xabc', price_changes: [{ asset_id: '222', price: '0.50', size: '10', side: 'SELL' }] };

// Each venue's decoder bound to the store, as the scanner binds them; a stream no feed has checked.
const decoders = new WeakMap<BookStore, { kalshi: KalshiDecoder; polymarket: PolymarketDecoder }>();
const applyKalshiMessage = (store: BookStore, message: unknown, now: number) => decoders.get(store)!.kalshi.apply(message, now, false);
const applyPolymarketMessage = (store: BookStore, message: unknown, now: number) => decoders.get(store)!.polymarket.apply(message, now);

function freshStore(): BookStore {
  const store = new BookStore();
  decoders.set(store, { kalshi: new KalshiDecoder(store), polymarket: new PolymarketDecoder(store) });
  store.add({ venue: 'kalshi', id: 'KX-A', title: 'A', shape: 'bid_pair' });
  store.add({ venue: 'polymarket', id: '0xabc', title: 'B', shape: 'token_pair', tokens: { yes: '111', no: '222' } });
  expect(applyKalshiMessage(store, KALSHI_SNAPSHOT, 1).status).toBe('applied');
  expect(applyPolymarketMessage(store, PM_BOOK, 1).status).toBe('applied');
  expect(applyPolymarketMessage(store, { ...PM_BOOK, asset_id: '222', bids: [], asks: [{ price: '0.49', size: '30' }] }, 1).status).toBe('applied');
  return store;
}

const HEALTH_RANK = { unknown: 0, stale: 1, live: 2 } as const;
function levels(store: BookStore) {
  return store.markets().map((m) => {
    const v = toBookView(m);
    return JSON.stringify([v.yes, v.no]);
  });
}
function health(store: BookStore) {
  return store.markets().flatMap((m) => [HEALTH_RANK[m.yes.health], HEALTH_RANK[m.no.health]]);
}

function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return replacement;
  const [k, v] = entries[path[0]! % entries.length]!;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[k] = mutate(v, path.slice(1), replacement);
  return copy;
}

const strange = fc.oneof(
  fc.anything(),
  fc.constantFrom(null, undefined, -1, Infinity, NaN, '', '-0.5', '1.5', '0.12345', 'NaN', '1e-2', ' 0.4', [], {}, [[]], [['0.4']], '__proto__'),
);

describe('venue message parsers under fuzzing', () => {
  for (const [venue, apply, valid] of [
    ['kalshi', applyKalshiMessage, [KALSHI_SNAPSHOT, KALSHI_DELTA]],
    ['polymarket', applyPolymarketMessage, [PM_BOOK, PM_CHANGE, [PM_BOOK, PM_CHANGE]]],
  ] as const) {
    it(`${venue}: arbitrary values are refused with a reason and change nothing`, () => {
      const store = freshStore();
      const before = levels(store);
      const beforeHealth = health(store);
      fc.assert(
        fc.property(fc.anything(), (raw) => {
          const r = apply(store, raw, 2);
          if (r.status !== 'applied') expect(r.reason && r.reason.length > 3).toBe(true);
        }),
        { numRuns: 1000 },
      );
      expect(levels(store)).toEqual(before);
      health(store).forEach((h, i) => expect(h).toBeLessThanOrEqual(beforeHealth[i]!));
    });

    it(`${venue}: mutated messages never throw; a refused one leaves every book's levels as they were`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...valid), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), strange, (message, path, replacement) => {
          const store = freshStore();
          const before = levels(store);
          const beforeHealth = health(store);
          const r = apply(store, mutate(message, path, replacement), 2);
          expect(['applied', 'ignored', 'rejected']).toContain(r.status);
          if (r.status === 'rejected') {
            expect(r.reason && r.reason.length > 3).toBe(true);
            expect(levels(store)).toEqual(before);
            health(store).forEach((h, i) => expect(h).toBeLessThanOrEqual(beforeHealth[i]!));
          }
        }),
        { numRuns: 3000 },
      );
    });
  }

  it('keeps applying valid messages after a storm of garbage', () => {
    const store = freshStore();
    for (let i = 0; i < 200; i++) applyPolymarketMessage(store, { event_type: 'price_change', price_changes: i }, 3);
    const r = applyPolymarketMessage(store, PM_CHANGE, 4);
    expect(r.status).toBe('applied');
    const asks = toBookView(store.get('polymarket:0xabc')!).no.asks.map(([p, q]) => [Number(p), Number(q)]);
    expect(asks).toEqual([[0.49, 30], [0.5, 10]]);
  });
});
