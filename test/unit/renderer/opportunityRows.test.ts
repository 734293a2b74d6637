import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Opportunity } from '../../../src/shared/contract';
import { compareDecimal, decimalSortKey } from '../../../src/renderer/src/lib/decimal';
import { DEFAULT_SORT, NO_FILTER, heldRows, passes, resortedRows, sortedRows, type SortSpec } from '../../../src/renderer/src/trade/opportunityRows';

function opp(id: string, netProfit: string, over: Partial<Opportunity> = {}): Opportunity {
  return {
    id,
    strategy: 'cross_venue',
    legs: [
      { market: 'kalshi:K1', venue: 'kalshi', title: 'K1', outcome: 'yes', size: 10, cost: '4', fee: '0.1', avgPrice: '0.4', worstPrice: '0.41', health: 'live' },
      { market: 'polymarket:0xabc', venue: 'polymarket', title: 'P1', outcome: 'no', size: 10, cost: '5', fee: '0.1', avgPrice: '0.5', worstPrice: '0.5', health: 'live' },
    ],
    size: 10,
    payout: '10',
    cost: '9',
    fees: '0.2',
    netProfit,
    edge: '0.08',
    firstSeenAt: 1000,
    updatedAt: 1000,
    stale: false,
    ...over,
  };
}

describe('compareDecimal', () => {
  it('orders decimal strings as their exact values, including ones a float would merge', () => {
    expect(compareDecimal('0.10', '0.1')).toBe(0);
    expect(compareDecimal('-0', '0.000')).toBe(0);
    expect(compareDecimal('2', '10')).toBe(-1);
    expect(compareDecimal('-2', '-10')).toBe(1);
    expect(compareDecimal('0.30000000000000001', '0.3')).toBe(1);
    expect(compareDecimal('-0.5', '0.25')).toBe(-1);
  });
  it('agrees with integer comparison on scaled values', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), (a, b) => {
        const s = (v: bigint) => {
          const neg = v < 0n;
          const abs = (neg ? -v : v).toString().padStart(5, '0');
          return `${neg ? '-' : ''}${abs.slice(0, -4)}.${abs.slice(-4)}`;
        };
        expect(compareDecimal(s(a), s(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});

describe('decimalSortKey', () => {
  it('orders as compareDecimal does, for any two contract decimals', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,15}$/), fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }))
      .map(([neg, i, f]) => `${neg ? '-' : ''}${i}${f === undefined ? '' : `.${f}`}`);
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const ka = decimalSortKey(a);
        const kb = decimalSortKey(b);
        expect(ka < kb ? -1 : ka > kb ? 1 : 0).toBe(compareDecimal(a, b));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the Opportunities table order', () => {
  it('sorts by net profit, best first, ties broken by id so equal rows never swap', () => {
    const rows = sortedRows([opp('b', '1.5'), opp('a', '1.50'), opp('c', '12')], NO_FILTER, DEFAULT_SORT);
    expect(rows.map((r) => r.id)).toEqual(['c', 'a', 'b']);
    const asc = sortedRows([opp('b', '1.5'), opp('c', '12'), opp('d', '-3')], NO_FILTER, { key: 'netProfit', direction: 'ascending' });
    expect(asc.map((r) => r.id)).toEqual(['d', 'b', 'c']);
  });

  it('filters by strategy, minimum profit and venue', () => {
    const single = opp('s', '3', {
      strategy: 'single_market',
      legs: [opp('x', '0').legs[0]!, { ...opp('x', '0').legs[0]!, outcome: 'no' }],
    });
    const all = [opp('a', '0.49'), opp('b', '0.50'), single];
    expect(all.filter((o) => passes(o, { ...NO_FILTER, minProfit: '0.5' })).map((o) => o.id)).toEqual(['b', 's']);
    expect(all.filter((o) => passes(o, { ...NO_FILTER, strategy: 'single_market' })).map((o) => o.id)).toEqual(['s']);
    expect(all.filter((o) => passes(o, { ...NO_FILTER, venue: 'polymarket' })).map((o) => o.id)).toEqual(['a', 'b']);
  });

  it('while held, rows keep their places: updates in place, closed rows stay, new rows go to the bottom', () => {
    const first = sortedRows([opp('a', '5'), opp('b', '4'), opp('c', '3')], NO_FILTER, DEFAULT_SORT);
    // b's profit jumps above a, c closes, d (the best of all) and e open.
    const next = [opp('a', '5'), opp('b', '9'), opp('d', '20'), opp('e', '1')];
    const held = heldRows(first, next, NO_FILTER, DEFAULT_SORT);
    expect(held.map((r) => [r.id, r.closed])).toEqual([['a', false], ['b', false], ['c', true], ['d', false], ['e', false]]);
    expect(held[1]!.opportunity.netProfit).toBe('9');
    // Released: the live sort again, without the closed row.
    expect(sortedRows(next, NO_FILTER, DEFAULT_SORT).map((r) => r.id)).toEqual(['d', 'b', 'a', 'e']);
  });

  it('a held row whose opportunity did not change is the same object (React skips it)', () => {
    const list = [opp('a', '5'), opp('b', '4')];
    const first = sortedRows(list, NO_FILTER, DEFAULT_SORT);
    const held = heldRows(first, list, NO_FILTER, DEFAULT_SORT);
    expect(held[0]).toBe(first[0]);
    expect(held[1]).toBe(first[1]);
  });

  it('the row at any index stays the same row under any stream of updates while held', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.integer({ min: -50, max: 50 })), { maxLength: 6 }), { maxLength: 10 }), (updates) => {
        let rows = sortedRows([opp('a', '1'), opp('b', '2'), opp('c', '3')], NO_FILTER, DEFAULT_SORT);
        for (const u of updates) {
          const ids = rows.map((r) => r.id);
          const byId = new Map(u.map(([id, p]) => [id, opp(id, String(p))]));
          rows = heldRows(rows, [...byId.values()], NO_FILTER, DEFAULT_SORT);
          expect(rows.slice(0, ids.length).map((r) => r.id)).toEqual(ids);
        }
      }),
    );
  });

  it('the incremental re-sort gives exactly the full sort, under any stream of updates, for any sort and filter', () => {
    const keys: SortSpec['key'][] = ['netProfit', 'edge', 'cost', 'size', 'age', 'strategy'];
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.boolean(),
        fc.option(fc.constantFrom('0', '5', '-2'), { nil: null }),
        fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: -500, max: 500 }), fc.boolean()), { maxLength: 6 }), { maxLength: 12 }),
        (key, ascending, minProfit, updates) => {
          const sort: SortSpec = { key, direction: ascending ? 'ascending' : 'descending' };
          const filter = { ...NO_FILTER, minProfit };
          const byId = new Map<string, Opportunity>();
          for (let i = 0; i < 40; i++) byId.set(`o${i}`, opp(`o${i}`, String(i % 7), { size: 1 + (i % 5), firstSeenAt: i % 3 }));
          let rows = sortedRows([...byId.values()], filter, sort);
          for (const batch of updates) {
            for (const [i, cents, remove] of batch) {
              if (remove) byId.delete(`o${i}`);
              else byId.set(`o${i}`, opp(`o${i}`, (cents / 100).toFixed(2), { size: 1 + (Math.abs(cents) % 9), edge: (cents / 1000).toFixed(3), firstSeenAt: Math.abs(cents) % 4 }));
            }
            const list = [...byId.values()];
            rows = resortedRows(rows, list, filter, sort);
            expect(rows.map((r) => r.id)).toEqual(sortedRows(list, filter, sort).map((r) => r.id));
          }
        },
      ),
    );
  });
});
