import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../../../src/engine/scanner/scenario';
import type { BookLevels } from '../../../../src/engine/books/marketBook';

const base = () => ({
  markets: [
    { venue: 'kalshi', id: 'A', title: 'A', feeMultiplier: '0.07', orderbook_fp: { yes_dollars: [['0.4000', '100.00']], no_dollars: [['0.5500', '50.00']] } },
    {
      venue: 'polymarket',
      id: '0xabc',
      feeRate: '0.02',
      feeExponent: 2,
      tokens: { yes: { token_id: '111', bids: [{ price: '0.50', size: '40' }], asks: [{ price: '0.52', size: '25' }] }, no: { token_id: '222', bids: [], asks: [{ price: '0.50', size: '40' }] } },
    },
    { venue: 'kalshi', id: 'B' },
  ],
  equivalent: [['kalshi:A', 'polymarket:0xabc']],
  exclusive: [{ id: 'ab', members: ['kalshi:A', 'kalshi:B'], exhaustive: true }],
  implies: [{ if: 'kalshi:B', then: 'kalshi:A' }],
  options: { minProfit: '0.05', maxSize: 500 },
});

type S = ReturnType<typeof base> & Record<string, unknown>;

function failure(mutate: (s: S) => unknown): ScenarioError {
  const s = base() as S;
  const replaced = mutate(s);
  try {
    parseScenario(replaced === undefined ? s : replaced);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario file (spec §2)', () => {
  it('reads markets, books, fee parameters, relations and options', () => {
    const s = parseScenario(base());
    expect(s.markets.map((m) => `${m.spec.venue}:${m.spec.id}`)).toEqual(['kalshi:A', 'polymarket:0xabc', 'kalshi:B']);
    expect((s.markets[0]!.levels as Extract<BookLevels, { shape: 'bid_pair' }>).noBids).toEqual({ prices: [5_500], qtys: [5_000] });
    expect(s.markets[1]!.spec.fee.params).toEqual({ feeRate: '0.02', feeExponent: 2 });
    expect(s.markets[2]!.spec.fee.params).toEqual({ feeMultiplier: '0.07' });
    expect(s.markets[2]!.spec.title).toBe('B');
    expect(s.relations.exclusive).toEqual([{ id: 'ab', members: ['kalshi:A', 'kalshi:B'], exhaustive: true }]);
    expect(s.options).toEqual({ minProfit: 50_000, maxSize: 500 });
  });

  it('applies the defaults: fee multiplier 0.07, rate 0, exponent 1, minProfit $0.01, maxSize 100000; sides may be absent', () => {
    const s = parseScenario({
      markets: [
        { venue: 'kalshi', id: 'A', orderbook_fp: {} },
        { venue: 'polymarket', id: '0x1', tokens: { yes: { token_id: '1' }, no: { token_id: '2' } } },
        { venue: 'polymarket', id: '0x2', feeRate: 0.25, feeExponent: '2', tokens: { yes: { token_id: 3 }, no: { token_id: 4 } } },
      ],
    });
    expect(s.markets[2]!.spec).toMatchObject({ tokens: { yes: '3', no: '4' } });
    expect(s.markets[2]!.spec.fee.params).toEqual({ feeRate: '0.25', feeExponent: 2 });
    expect(s.markets[0]!.spec.fee.params).toEqual({ feeMultiplier: '0.07' });
    expect(s.markets[1]!.spec.fee.params).toEqual({ feeRate: '0', feeExponent: 1 });
    expect(s.options).toEqual({ minProfit: 10_000, maxSize: 100_000 });
    expect(s.relations).toEqual({ equivalent: [], exclusive: [], implies: [] });
  });

  it('accepts levels in any order, floors sizes finer than 0.01, and ignores zero sizes later', () => {
    const s = parseScenario({ markets: [{ venue: 'kalshi', id: 'A', orderbook_fp: { yes_dollars: [['0.40', '1.239'], ['0.30', '0']] } }] });
    expect((s.markets[0]!.levels as Extract<BookLevels, { shape: 'bid_pair' }>).yesBids).toEqual({ prices: [4_000, 3_000], qtys: [123, 0] });
  });

  const rules: [string, (s: S) => unknown, string, RegExp][] = [
    ['not an object', () => [1, 2], '(top level)', /expected a JSON object/],
    ['no markets', (s) => ({ ...s, markets: undefined }), 'markets', /missing/],
    ['markets not an array', (s) => ({ ...s, markets: {} }), 'markets', /expected an array/],
    ['unknown venue', (s) => void (s.markets[0]!.venue = 'betfair'), 'markets[0].venue', /unknown venue "betfair"/],
    ['missing venue', (s) => void delete (s.markets[2] as Record<string, unknown>).venue, 'markets[2].venue', /missing/],
    ['missing id', (s) => void delete (s.markets[2] as Record<string, unknown>).id, 'markets[2].id', /expected a market id/],
    ['market listed twice', (s) => void (s.markets[2]!.id = 'A'), 'markets[2].id', /listed twice/],
    ['negative price', (s) => void (s.markets[0]!.orderbook_fp!.yes_dollars[0]![0] = '-0.40'), 'markets[0].orderbook_fp.yes_dollars[0][0]', /negative/],
    ['non-numeric price', (s) => void (s.markets[0]!.orderbook_fp!.no_dollars[0]![0] = 'abc'), 'markets[0].orderbook_fp.no_dollars[0][0]', /not a decimal number/],
    ['price of 1', (s) => void (s.markets[0]!.orderbook_fp!.yes_dollars[0]![0] = '1.0000'), 'markets[0].orderbook_fp.yes_dollars[0][0]', /outside \(0, 1\)/],
    ['price of 0', (s) => void (s.markets[1]!.tokens!.yes.asks[0]!.price = '0'), 'markets[1].tokens.yes.asks[0].price', /outside \(0, 1\)/],
    ['price above 1', (s) => void (s.markets[1]!.tokens!.no.asks[0]!.price = '1.5'), 'markets[1].tokens.no.asks[0].price', /outside \(0, 1\)/],
    ['negative size', (s) => void (s.markets[0]!.orderbook_fp!.yes_dollars[0]![1] = '-5'), 'markets[0].orderbook_fp.yes_dollars[0][1]', /negative/],
    ['non-numeric size', (s) => void (s.markets[1]!.tokens!.yes.bids[0]!.size = 'lots'), 'markets[1].tokens.yes.bids[0].size', /not a decimal number/],
    ['size as an object', (s) => void (s.markets[1]!.tokens!.yes.bids[0]!.size = {} as never), 'markets[1].tokens.yes.bids[0].size', /expected a size/],
    ['level not a pair', (s) => void (s.markets[0]!.orderbook_fp!.yes_dollars[0] = ['0.4'] as never), 'markets[0].orderbook_fp.yes_dollars[0]', /expected \[price, count\]/],
    ['side not an array', (s) => void (s.markets[1]!.tokens!.no.asks = 'none' as never), 'markets[1].tokens.no.asks', /expected an array/],
    ['missing tokens', (s) => void delete (s.markets[1] as Record<string, unknown>).tokens, 'markets[1].tokens', /expected/],
    ['missing token id', (s) => void delete (s.markets[1]!.tokens!.no as Record<string, unknown>).token_id, 'markets[1].tokens.no.token_id', /token id/],
    ['bad fee multiplier', (s) => void (s.markets[0]!.feeMultiplier = '-0.07'), 'markets[0].feeMultiplier', /not a non-negative decimal/],
    ['bad fee rate', (s) => void (s.markets[1]!.feeRate = 'high'), 'markets[1].feeRate', /not a non-negative decimal/],
    ['bad fee exponent', (s) => void (s.markets[1]!.feeExponent = 1.5), 'markets[1].feeExponent', /whole number/],
    ['unknown market in equivalent', (s) => void (s.equivalent[0]![1] = 'polymarket:0xnope'), 'equivalent[0][1]', /unknown market "polymarket:0xnope"/],
    ['unknown venue in a reference', (s) => void (s.equivalent[0]![0] = 'betfair:A'), 'equivalent[0][0]', /unknown venue "betfair"/],
    ['not a reference', (s) => void (s.equivalent[0]![0] = 'A'), 'equivalent[0][0]', /not a market reference/],
    ['equivalent not a pair', (s) => void (s.equivalent[0] = ['kalshi:A'] as never), 'equivalent[0]', /expected a pair/],
    ['unknown exclusive member', (s) => void (s.exclusive[0]!.members[1] = 'kalshi:Z'), 'exclusive[0].members[1]', /unknown market "kalshi:Z"/],
    ['exclusive member twice', (s) => void (s.exclusive[0]!.members[1] = 'kalshi:A'), 'exclusive[0].members[1]', /listed twice/],
    ['exhaustive not a boolean', (s) => void (s.exclusive[0]!.exhaustive = 'yes' as never), 'exclusive[0].exhaustive', /true or false/],
    ['unknown implies market', (s) => void (s.implies[0]!.then = 'kalshi:Z'), 'implies[0].then', /unknown market "kalshi:Z"/],
    ['bad minProfit', (s) => void (s.options.minProfit = 'cheap'), 'options.minProfit', /not a dollar amount/],
    ['negative minProfit', (s) => void (s.options.minProfit = '-1'), 'options.minProfit', /negative/],
    ['bad maxSize', (s) => void (s.options.maxSize = 0), 'options.maxSize', /whole number/],
    ['fractional maxSize', (s) => void (s.options.maxSize = 2.5), 'options.maxSize', /whole number/],
  ];
  for (const [name, mutate, field, message] of rules) {
    it(`rejects ${name}, naming ${field}`, () => {
      const e = failure(mutate);
      expect(e.field).toBe(field);
      expect(e.problem).toMatch(message);
      expect(e.message.startsWith(`${field}: `)).toBe(true);
    });
  }
});
