// "Why this pays": for every kind of basket the payoff table covers every way the world can turn
// out, and its least payout is the basket's own payout (spec formats.md §4: $1 per set; NO of
// every member of an exclusive set of n pays n − 1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarketLink } from '../../../../src/shared/contract';
import type { MarketRef } from '../../../../src/shared/ids';
import { explainBasket } from '../../../../src/engine/universe/explain';
import { kalshiMarket, NO_SPECS, polymarketMarket } from '../../../helpers/fakeVenue';

const K = kalshiMarket('KXHIGHBRI-31SEP12-T88', { eventTitle: 'Highest temperature in Brightwater on Sep 12, 2031', outcomeLabel: '88° or above', strike: { type: 'greater', floor: '88', cap: null }, sources: [{ name: 'National Weather Service', url: null }] });
const K2 = kalshiMarket('KXHIGHBRI-31SEP12-T91', { eventTitle: 'Highest temperature in Brightwater on Sep 12, 2031', outcomeLabel: '91° or above', strike: { type: 'greater', floor: '91', cap: null } });
const P = polymarketMarket('0xp', '1', '2', { title: 'Will the highest temperature in Brightwater be 88°F or higher on September 12?', rules: 'Resolves Yes if … The resolution source for this market will be the national weather service climate report for Brightwater.' });
const markets = new Map([K, K2, P].map((m) => [m.ref, m]));
const link = (status: MarketLink['status']): MarketLink => ({
  id: 'L1', sides: [{ market: K.ref, venue: 'kalshi', title: K.title, rules: K.rules, closeTime: K.closeTime }, { market: P.ref, venue: 'polymarket', title: P.title, rules: P.rules, closeTime: P.closeTime }],
  score: 0.95, reasons: [], status, decidedAt: 5, ...NO_SPECS, relation: 'identical',
});
const deps = (over: Partial<Parameters<typeof explainBasket>[2]> = {}) => ({
  market: (ref: MarketRef) => markets.get(ref),
  relations: { equivalent: [[K.ref, P.ref] as const], exclusive: [], implies: [{ if: K2.ref, then: K.ref }] },
  links: [link('confirmed')],
  environment: () => 'simulator' as const,
  now: 1,
  ...over,
});

describe('why a basket pays', () => {
  it('cross venue: relies on the confirmed link; pays $1 whether the proposition is true or false', () => {
    const e = explainBasket('cross_venue', [{ market: K.ref, outcome: 'yes' }, { market: P.ref, outcome: 'no' }], deps());
    expect(e.relation).toMatchObject({ kind: 'confirmed_link', linkId: 'L1', decidedAt: 5, current: true });
    expect(e.payoff.map((r) => [r.legsPaying, r.payoutPerBasket])).toEqual([[[true, false], '1'], [[false, true], '1']]);
    expect(e.minPayoutPerBasket).toBe('1');
    expect(e.markets.map((m) => m.name)).toEqual(["Highest temperature in Brightwater ≥ 88° · Sep 12 '31", expect.stringContaining('Will the highest temperature')]);
    expect(e.markets[0]!.sources).toEqual([{ name: 'National Weather Service', url: null }]);
    expect(e.markets[1]!.sources[0]!.name).toMatch(/^the national weather service/);
    expect(e.markets[0]!.environment).toBe('simulator');
    // A link rejected since: the relation is no longer held, and said so.
    expect(explainBasket('cross_venue', [{ market: K.ref, outcome: 'yes' }, { market: P.ref, outcome: 'no' }], deps({ links: [link('rejected')] })).relation.current).toBe(false);
  });

  it('conditional: a higher strike implies the lower; NO of the higher + YES of the lower pays $1 or $2', () => {
    const e = explainBasket('conditional', [{ market: K2.ref, outcome: 'no' }, { market: K.ref, outcome: 'yes' }], deps());
    expect(e.relation).toMatchObject({ kind: 'implication', current: true });
    expect(e.relation.summary).toContain('≥ 91°');
    expect(e.payoff.map((r) => r.payoutPerBasket)).toEqual(['1', '2', '1']);
    expect(e.minPayoutPerBasket).toBe('1');
  });

  it('multi outcome: every possible winner (and none, when the set is not exhaustive); least payout n − 1 for NO of each', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.boolean(), fc.boolean(), (n, exhaustive, yes) => {
        fc.pre(exhaustive || !yes);
        const members = Array.from({ length: n }, (_, i) => kalshiMarket(`KXMAYOR-31-C${i}`, { eventTitle: 'Mayoral election', outcomeLabel: `Candidate ${i}` }));
        const byRef = new Map(members.map((m) => [m.ref, m]));
        const e = explainBasket('multi_outcome', members.map((m) => ({ market: m.ref, outcome: yes ? ('yes' as const) : ('no' as const) })), {
          ...deps(),
          market: (ref) => byRef.get(ref),
          relations: { equivalent: [], implies: [], exclusive: [{ id: 'S', members: members.map((m) => m.ref), exhaustive }] },
        });
        expect(e.relation).toMatchObject({ kind: 'exclusive_set', exhaustive, current: true });
        expect(e.payoff.length).toBe(exhaustive ? n : n + 1);
        expect(e.minPayoutPerBasket).toBe(String(yes ? 1 : n - 1));
        expect(Math.min(...e.payoff.map((r) => Number(r.payoutPerBasket)))).toBe(Number(e.minPayoutPerBasket));
        // In one group the outcomes are told apart by their term alone.
        expect(e.payoff[0]!.outcome).toBe('Candidate 0 wins');
      }),
    );
  });

  it('single market: YES and NO of one market', () => {
    const e = explainBasket('single_market', [{ market: K.ref, outcome: 'yes' }, { market: K.ref, outcome: 'no' }], deps());
    expect(e.relation.kind).toBe('same_market');
    expect(e.payoff.map((r) => r.payoutPerBasket)).toEqual(['1', '1']);
  });

  it('a market no longer listed is named by its id, never crashes', () => {
    const e = explainBasket('cross_venue', [{ market: 'kalshi:GONE-1', outcome: 'yes' }, { market: P.ref, outcome: 'no' }], deps());
    expect(e.markets[0]).toMatchObject({ name: 'GONE-1', rules: '', closeTime: null });
  });
});
