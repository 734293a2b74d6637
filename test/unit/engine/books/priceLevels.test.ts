import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PriceLevels } from '../../../../src/engine/books/priceLevels';
import { arrange } from './levelOrders';

function levels(side: PriceLevels): [number, number][] {
  return Array.from({ length: side.length }, (_, i) => [side.priceAt(i), side.qtyAt(i)]);
}

describe('PriceLevels', () => {
  it('keeps levels sorted ascending, replaces from any order and sums repeated prices', () => {
    const side = new PriceLevels();
    side.replace([5_000, 4_000, 4_500, 4_000, 3_000], [100, 200, 0, 50, 10]);
    expect(levels(side)).toEqual([
      [3_000, 10],
      [4_000, 250],
      [5_000, 100],
    ]);
    expect(side.totalQty).toBe(360);
    expect(side.lowest).toBe(3_000);
    expect(side.highest).toBe(5_000);
  });

  it('sets absolute sizes, adds signed changes and removes levels at or below zero', () => {
    const side = new PriceLevels();
    expect(side.set(4_000, 1_000)).toBe(true);
    expect(side.add(4_000, -400)).toBe(1);
    expect(side.qtyAtPrice(4_000)).toBe(600);
    expect(side.add(4_000, -600)).toBe(1);
    expect(side.length).toBe(0);
    expect(side.add(4_100, -5)).toBe(0);
    expect(side.add(4_100, 1e12 + 1)).toBe(-1);
    expect(side.length).toBe(0);
    expect(side.set(4_200, 0)).toBe(false);
    expect(side.set(4_200, 7)).toBe(true);
    expect(side.set(4_200, 7)).toBe(false);
    expect(side.totalQty).toBe(7);
  });

  it('behaves like a map from price to size under any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: -50, max: 50 }), fc.boolean())), (ops) => {
        const side = new PriceLevels();
        const model = new Map<number, number>();
        for (const [price, q, absolute] of ops) {
          const next = absolute ? q : (model.get(price) ?? 0) + q;
          if (next <= 0) model.delete(price);
          else model.set(price, next);
          if (absolute) side.set(price, q);
          else side.add(price, q);
        }
        const expected = [...model.entries()].sort((a, b) => a[0] - b[0]);
        expect(levels(side)).toEqual(expected);
        expect(side.totalQty).toBe(expected.reduce((t, [, q]) => t + q, 0));
      }),
    );
  });
});

describe('PriceLevels searched from either end', () => {
  it('finds, inserts and removes the same way whichever end is best', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: -30, max: 30 }))), (bestHigh, ops) => {
        const side = new PriceLevels(bestHigh);
        const model = new Map<number, number>();
        for (const [price, q] of ops) {
          const next = (model.get(price) ?? 0) + q;
          if (next <= 0) model.delete(price);
          else model.set(price, next);
          side.add(price, q);
          expect(side.qtyAtPrice(price)).toBe(model.get(price) ?? 0);
        }
        expect(levels(side)).toEqual([...model.entries()].sort((a, b) => a[0] - b[0]));
      }),
    );
  });
});

describe('PriceLevels.replace', () => {
  it('gives the same sorted, merged levels whatever order the venue sends them in', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 50 }))), fc.constantFrom('as is', 'ascending', 'descending', 'nearly'), (raw, order) => {
        const list = arrange(raw, order);
        const side = new PriceLevels();
        side.replace(list.map(([p]) => p), list.map(([, q]) => q));
        const model = new Map<number, number>();
        for (const [p, q] of list) if (q > 0) model.set(p, (model.get(p) ?? 0) + q);
        expect(levels(side)).toEqual([...model.entries()].sort((a, b) => a[0] - b[0]));
        expect(side.totalQty).toBe([...model.values()].reduce((t, q) => t + q, 0));
      }),
    );
  });
});

describe('PriceLevels.replace of a long side', () => {
  it('sorts a long side sent in reverse-shuffled order (past the insertion budget) like any other', () => {
    const prices = Array.from({ length: 400 }, (_, i) => ((i * 7919) % 400) + 1);
    const side = new PriceLevels();
    side.replace([5, 3], [1, 1]);
    side.replace(prices, prices.map((p) => p * 10));
    expect(levels(side)).toEqual(Array.from({ length: 400 }, (_, i): [number, number] => [i + 1, (i + 1) * 10]));
    side.replace([], []);
    expect(side.length).toBe(0);
    expect(side.totalQty).toBe(0);
  });
});
