import { basketLabel, type BasketSpec, type Strategy } from '../strategy';

/**
 * Linked markets on two venues. Equivalent (YES on A is YES on B): YES of A + NO of B, and NO of
 * A + YES of B, each pay $1. Complementary (YES on A is NO on B): YES + YES, and NO + NO.
 */
export const crossVenue: Strategy = {
  id: 'cross_venue',
  title: 'Cross-venue (linked markets)',
  *baskets(universe): Iterable<BasketSpec> {
    const pairs = [
      ...universe.equivalent.map(([a, b]) => [a, b, ['yes', 'no'], ['no', 'yes']] as const),
      ...(universe.complementary ?? []).map(([a, b]) => [a, b, ['yes', 'yes'], ['no', 'no']] as const),
    ];
    for (const [a, b, ...outcomes] of pairs) {
      for (const [oa, ob] of outcomes) {
        const legs = [
          { market: a, outcome: oa },
          { market: b, outcome: ob },
        ];
        yield { strategy: 'cross_venue', legs, payout: 1, label: basketLabel(legs) };
      }
    }
  },
};
