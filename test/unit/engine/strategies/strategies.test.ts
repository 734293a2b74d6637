import { describe, expect, it } from 'vitest';
import { STRATEGIES } from '../../../../src/engine/strategies';
import type { UniverseView } from '../../../../src/engine/strategies/universe';
import type { MarketRef } from '../../../../src/shared/ids';
import { KalshiFeeModel } from '../../../../src/engine/venues/kalshi/feeModel';

const fee = KalshiFeeModel.parse() as KalshiFeeModel;
const A = 'kalshi:A' as MarketRef;
const B = 'polymarket:0xb' as MarketRef;
const C = 'kalshi:C' as MarketRef;

const universe: UniverseView = {
  markets: [
    { venue: 'kalshi', id: 'A', title: 'A', fee },
    { venue: 'polymarket', id: '0xb', title: 'B', fee, tokens: { yes: '1', no: '2' } },
    { venue: 'kalshi', id: 'C', title: 'C', fee },
  ],
  equivalent: [[A, B]],
  exclusive: [
    { id: 'abc', members: [A, B, C], exhaustive: true },
    { id: 'ca', members: [C, A], exhaustive: false },
    { id: 'solo', members: [C], exhaustive: false },
  ],
  implies: [{ if: C, then: A }],
  market: () => undefined,
};

function baskets(id: string) {
  const strategy = STRATEGIES.find((s) => s.id === id)!;
  return [...strategy.baskets(universe)].map((b) => ({ legs: b.legs.map((l) => `${l.outcome} ${l.market}`), payout: b.payout }));
}

describe('strategies (spec §4, legs in the order of §7)', () => {
  it('are registered in the order of the spec table', () => {
    expect(STRATEGIES.map((s) => s.id)).toEqual(['single_market', 'cross_venue', 'multi_outcome', 'conditional']);
  });

  it('single_market: YES and NO of every market, paying $1', () => {
    expect(baskets('single_market')).toEqual([
      { legs: ['yes kalshi:A', 'no kalshi:A'], payout: 1 },
      { legs: ['yes polymarket:0xb', 'no polymarket:0xb'], payout: 1 },
      { legs: ['yes kalshi:C', 'no kalshi:C'], payout: 1 },
    ]);
  });

  it('cross_venue: both directions of every equivalent pair, A first', () => {
    expect(baskets('cross_venue')).toEqual([
      { legs: ['yes kalshi:A', 'no polymarket:0xb'], payout: 1 },
      { legs: ['no kalshi:A', 'yes polymarket:0xb'], payout: 1 },
    ]);
  });

  it('multi_outcome: YES of an exhaustive set pays $1; NO of any set of n ≥ 2 pays n − 1; members in order', () => {
    expect(baskets('multi_outcome')).toEqual([
      { legs: ['yes kalshi:A', 'yes polymarket:0xb', 'yes kalshi:C'], payout: 1 },
      { legs: ['no kalshi:A', 'no polymarket:0xb', 'no kalshi:C'], payout: 2 },
      { legs: ['no kalshi:C', 'no kalshi:A'], payout: 1 },
    ]);
  });

  it('conditional: NO of A + YES of B for A ⇒ B', () => {
    expect(baskets('conditional')).toEqual([{ legs: ['no kalshi:C', 'yes kalshi:A'], payout: 1 }]);
  });
});
