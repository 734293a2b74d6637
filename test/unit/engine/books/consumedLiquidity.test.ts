import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LadderCache } from '../../../../src/engine/books/ladderCache';
import { sourcePrice, takerSource } from '../../../../src/engine/books/liquidity';
import type { BidPairBook } from '../../../../src/engine/books/marketBook';
import { PriceLevels } from '../../../../src/engine/books/priceLevels';
import { KalshiFeeModel } from '../../../../src/engine/venues/kalshi/feeModel';
import { PolymarketFeeModel } from '../../../../src/engine/venues/polymarket/feeModel';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import { arrange } from './levelOrders';

function levels(side: PriceLevels): [number, number][] {
  return Array.from({ length: side.length }, (_, i) => [side.priceAt(i), side.qtyAt(i)]);
}

describe('PriceLevels consumed liquidity (paper market impact)', () => {
  it('shows each level less what was consumed, drops emptied levels, and gives it back on restore', () => {
    const side = new PriceLevels();
    side.replace([4_000, 4_100, 4_200], [500, 300, 200]);
    side.consume(4_000, 500);
    side.consume(4_100, 100);
    expect(levels(side)).toEqual([[4_100, 200], [4_200, 200]]);
    expect(side.totalQty).toBe(400);
    expect(side.venueTotalQty).toBe(1_000);
    expect(side.lowest).toBe(4_100);
    expect(side.qtyAtPrice(4_000)).toBe(0);
    expect(side.consumedAt(4_100)).toBe(100);
    side.restore(4_000, 200);
    expect(levels(side)).toEqual([[4_000, 200], [4_100, 200], [4_200, 200]]);
    side.restore(4_000, 1_000);
    side.restore(4_100, 100);
    expect(levels(side)).toEqual([[4_000, 500], [4_100, 300], [4_200, 200]]);
    expect(side.consumedAt(4_000)).toBe(0);
  });

  it('keeps the consumption while the venue changes the level underneath it', () => {
    const side = new PriceLevels(true);
    side.set(4_000, 500);
    side.consume(4_000, 300);
    expect(side.qtyAtPrice(4_000)).toBe(200);
    // The venue adds to the level: only the part we did not take is shown.
    side.add(4_000, 100);
    expect(side.qtyAtPrice(4_000)).toBe(300);
    // The venue's level shrinks below what we consumed: nothing is left to show.
    side.set(4_000, 250);
    expect(side.length).toBe(0);
    // A snapshot replaces the venue's levels; the consumption still applies until restored.
    side.replace([4_000, 3_900], [1_000, 50]);
    expect(levels(side)).toEqual([[3_900, 50], [4_000, 700]]);
    expect(side.highest).toBe(4_000);
  });

  it('publishes the consumed view to the ladder cache the scanner pre-checks from', () => {
    const cache = new LadderCache();
    cache.ensure(2);
    const asks = new PriceLevels(false);
    asks.bindAsks(cache, 0, false);
    asks.replace([4_000, 4_500], [100, 100]);
    expect([cache.data[0], cache.data[1]]).toEqual([4_000, 200]);
    asks.consume(4_000, 100);
    expect([cache.data[0], cache.data[1]]).toEqual([4_500, 100]);
    asks.restore(4_000, 100);
    expect([cache.data[0], cache.data[1]]).toEqual([4_000, 200]);
  });

  it('refuses a consumption that is not a positive whole quantity', () => {
    const side = new PriceLevels();
    expect(() => side.consume(4_000, 0)).toThrow(/positive/);
    expect(() => side.consume(4_000, 1.5)).toThrow(/positive/);
  });

  it('always equals max(0, venue level − consumed) under any mix of venue changes, whole-book messages and impact', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('replace' as const),
        levels: fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 60 })), { maxLength: 30 }),
        order: fc.constantFrom('as is' as const, 'ascending' as const, 'descending' as const, 'nearly' as const),
      }),
      fc.record({ kind: fc.constant('set' as const), price: fc.integer({ min: 1, max: 12 }), qty: fc.integer({ min: -5, max: 60 }) }),
      fc.record({ kind: fc.constant('add' as const), price: fc.integer({ min: 1, max: 12 }), qty: fc.integer({ min: -40, max: 40 }) }),
      fc.record({ kind: fc.constant('consume' as const), price: fc.integer({ min: 1, max: 12 }), qty: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ kind: fc.constant('restore' as const), price: fc.integer({ min: 1, max: 12 }), qty: fc.integer({ min: 1, max: 30 }) }),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(op, { maxLength: 80 }), (bestHigh, ops) => {
        const side = new PriceLevels(bestHigh);
        const venue = new Map<number, number>();
        const taken = new Map<number, number>();
        for (const o of ops) {
          if (o.kind === 'replace') {
            const list = arrange(o.levels, o.order);
            side.replace(
              list.map(([p]) => p),
              list.map(([, q]) => q),
            );
            venue.clear();
            for (const [p, q] of list) if (q > 0) venue.set(p, (venue.get(p) ?? 0) + q);
          } else if (o.kind === 'set') {
            side.set(o.price, o.qty);
            if (o.qty <= 0) venue.delete(o.price);
            else venue.set(o.price, o.qty);
          } else if (o.kind === 'add') {
            side.add(o.price, o.qty);
            const next = (venue.get(o.price) ?? 0) + o.qty;
            if (next <= 0) venue.delete(o.price);
            else venue.set(o.price, next);
          } else if (o.kind === 'consume') {
            side.consume(o.price, o.qty);
            taken.set(o.price, (taken.get(o.price) ?? 0) + o.qty);
          } else {
            side.restore(o.price, o.qty);
            const left = (taken.get(o.price) ?? 0) - o.qty;
            if (left > 0) taken.set(o.price, left);
            else taken.delete(o.price);
          }
        }
        const expected = [...venue.entries()]
          .map(([p, q]) => [p, q - (taken.get(p) ?? 0)] as [number, number])
          .filter(([, q]) => q > 0)
          .sort((a, b) => a[0] - b[0]);
        expect(levels(side)).toEqual(expected);
        expect(side.totalQty).toBe(expected.reduce((t, [, q]) => t + q, 0));
        expect(side.venueTotalQty).toBe([...venue.values()].reduce((t, q) => t + q, 0));
        for (const [p, q] of expected) expect(side.qtyAtPrice(p)).toBe(q);
      }),
    );
  });
});

describe('takerSource and the Scanner', () => {
  const kalshiFee = KalshiFeeModel.parse('0.07') as KalshiFeeModel;
  const polyFee = PolymarketFeeModel.parse('0', 1) as PolymarketFeeModel;

  function pair() {
    const scanner = new Scanner({ now: () => 1_000 });
    scanner.addMarkets([
      { venue: 'kalshi', id: 'K0', title: 'K', fee: kalshiFee },
      { venue: 'polymarket', id: '0x0', title: 'P', fee: polyFee, tokens: { yes: 'y', no: 'n' } },
    ]);
    scanner.addRelations({ equivalent: [['kalshi:K0', 'polymarket:0x0']] });
    scanner.apply('kalshi', { type: 'orderbook_snapshot', sid: 1, seq: 1, msg: { market_ticker: 'K0', yes_dollars_fp: [['0.4000', '100.00']], no_dollars_fp: [['0.5500', '50.00']] } });
    scanner.apply('polymarket', { event_type: 'book', asset_id: 'y', bids: [{ price: '0.50', size: '40' }], asks: [{ price: '0.52', size: '25' }] });
    scanner.apply('polymarket', { event_type: 'book', asset_id: 'n', bids: [{ price: '0.48', size: '25' }], asks: [{ price: '0.50', size: '40' }] });
    return scanner;
  }

  it('buying Kalshi YES takes NO bids at 1 − price, and the YES ask ladder shows it', () => {
    const scanner = pair();
    const book = scanner.books.get('kalshi:K0') as BidPairBook;
    const src = takerSource(book, 'yes', 'buy');
    expect(src.complement).toBe(true);
    expect(src.levels).toBe(book.bidsFor('no'));
    expect(sourcePrice(src, 4_500)).toBe(5_500);
    src.levels.consume(sourcePrice(src, 4_500), 2_000);
    expect(book.yes.asks.priceAt(0)).toBe(4_500);
    expect(book.yes.asks.totalQty).toBe(3_000);
    // Selling YES takes YES bids, the NO ask ladder read at 1 − q.
    const sell = takerSource(book, 'yes', 'sell');
    expect(sell.levels).toBe(book.bidsFor('yes'));
    expect(sell.ladder).toBe(src.ladder! + 1);
  });

  it('a basket whose liquidity is consumed closes in the Scanner, and reopens as it comes back', () => {
    const scanner = pair();
    expect(scanner.opportunities()).toHaveLength(1);
    const opp = scanner.opportunities()[0]!;
    const poly = scanner.books.get('polymarket:0x0')!;
    const src = takerSource(poly, 'no', 'buy');
    src.levels.consume(5_000, 4_000);
    const closed = scanner.reevaluateLadders([src.ladder!]);
    expect(closed.closed.map((b) => b.id)).toEqual([opp.basket.id]);
    expect(scanner.opportunities()).toHaveLength(0);
    src.levels.restore(5_000, 4_000);
    const reopened = scanner.reevaluateLadders([src.ladder!]);
    expect(reopened.opened.map((b) => b.basket.id)).toEqual([opp.basket.id]);
    expect(reopened.opened[0]!.size).toBe(opp.size);
  });

  it('a Polymarket sell takes the token bids, which no ask ladder reads', () => {
    const scanner = pair();
    const src = takerSource(scanner.books.get('polymarket:0x0')!, 'yes', 'sell');
    expect(src.ladder).toBeNull();
    expect(src.levels.highest).toBe(5_000);
  });
});
