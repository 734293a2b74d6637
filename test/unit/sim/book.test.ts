import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Price } from '../../../src/shared/units';
import { LimitBook, type BookSide } from '../../../src/sim/matching/book';

const p = (n: number) => n as Price;
const actor = (owner: string) => ({ owner, tag: undefined });

describe('LimitBook', () => {
  it('matches best price first, then time priority, at the maker’s price', () => {
    const book = new LimitBook<undefined>();
    book.rest('a1', 'alice', 'ask', p(5200), 10, undefined);
    book.rest('b1', 'bob', 'ask', p(5100), 5, undefined);
    book.rest('c1', 'carol', 'ask', p(5100), 7, undefined);
    const r = book.take('bid', p(5200), 15, actor('taker'), 'taker_at_cross');
    expect(r.matches.map((m) => [m.maker.id, m.price, m.qty])).toEqual([
      ['b1', 5100, 5],
      ['c1', 5100, 7],
      ['a1', 5200, 3],
    ]);
    expect(r.remaining).toBe(0);
    expect(book.levels('ask')).toEqual([{ price: 5200, total: 7 }]);
  });

  it('does not trade past the limit', () => {
    const book = new LimitBook<undefined>();
    book.rest('a', 'm', 'bid', p(4800), 10, undefined);
    book.rest('b', 'm', 'bid', p(4700), 10, undefined);
    const r = book.take('ask', p(4750), 30, actor('t'), 'taker_at_cross');
    expect(r.matches.map((m) => m.qty)).toEqual([10]);
    expect(r.remaining).toBe(20);
    expect(book.available('ask', p(4700), 't', 'taker_at_cross')).toBe(10);
  });

  it('self-trade prevention: taker_at_cross stops, maker cancels the resting order', () => {
    const book = new LimitBook<undefined>();
    book.rest('own', 'me', 'ask', p(5000), 5, undefined);
    book.rest('other', 'you', 'ask', p(5000), 5, undefined);
    const stop = book.take('bid', p(5000), 10, actor('me'), 'taker_at_cross');
    expect(stop.stoppedBySelfTrade).toBe(true);
    expect(stop.matches).toHaveLength(0);
    expect(book.available('bid', p(5000), 'me', 'taker_at_cross')).toBe(0);
    const cancel = book.take('bid', p(5000), 10, actor('me'), 'maker');
    expect(cancel.matches.map((m) => m.maker.id)).toEqual(['other']);
    expect(book.get('own')).toBeUndefined();
  });

  it('keeps level totals, best prices and published changes consistent under any operations', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('rest' as const), side: fc.constantFrom<BookSide>('bid', 'ask'), price: fc.integer({ min: 1, max: 40 }), qty: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ kind: fc.constant('take' as const), side: fc.constantFrom<BookSide>('bid', 'ask'), price: fc.integer({ min: 1, max: 40 }), qty: fc.integer({ min: 1, max: 80 }) }),
      fc.record({ kind: fc.constant('cancel' as const), index: fc.nat() }),
      fc.record({ kind: fc.constant('resize' as const), index: fc.nat(), qty: fc.integer({ min: 0, max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const book = new LimitBook<undefined>();
        const published = new Map<string, number>();
        book.onChange((c) => published.set(`${c.side}:${c.price}`, c.total));
        let n = 0;
        const ids: string[] = [];
        for (const o of ops) {
          if (o.kind === 'rest') {
            const opposite = book.best(o.side === 'bid' ? 'ask' : 'bid');
            if (opposite && (o.side === 'bid' ? opposite.price <= o.price * 100 : opposite.price >= o.price * 100)) continue;
            const id = `o${n++}`;
            ids.push(id);
            book.rest(id, `u${n % 3}`, o.side, p(o.price * 100), o.qty, undefined);
          } else if (o.kind === 'take') {
            const r = book.take(o.side, p(o.price * 100), o.qty, actor('taker'), 'taker_at_cross');
            expect(r.matches.reduce((s, m) => s + m.qty, 0) + r.remaining).toBe(o.qty);
          } else if (o.kind === 'cancel' && ids.length) book.cancel(ids[o.index % ids.length]!);
          else if (o.kind === 'resize' && ids.length) book.resize(ids[o.index % ids.length]!, o.qty);
        }
        const bid = book.best('bid');
        const ask = book.best('ask');
        if (bid && ask) expect(bid.price).toBeLessThan(ask.price);
        for (const side of ['bid', 'ask'] as const) {
          const levels = book.levels(side);
          const prices = levels.map((l) => l.price);
          expect(prices).toEqual([...prices].sort((a, b) => (side === 'bid' ? b - a : a - b)));
          for (const l of levels) {
            const sum = [...book.orders()].filter((x) => x.side === side && x.price === l.price).reduce((s, x) => s + x.remaining, 0);
            expect(l.total).toBe(sum);
            expect(published.get(`${side}:${l.price}`)).toBe(l.total);
          }
        }
        for (const [key, total] of published) {
          const [side, price] = key.split(':') as [BookSide, string];
          expect(book.sizeAt(side, p(Number(price)))).toBe(total);
        }
      }),
      { numRuns: 300 },
    );
  });
});
