import { basketLabel, type BasketSpec, type Strategy } from '../strategy';

/** Equivalent markets A and B: YES of A + NO of B, and NO of A + YES of B, each pay $1. */
export const crossVenue: Strategy = {
  id: 'cross_venue',
  title: 'Cross-venue (equivalent markets)',
  *baskets(universe): Iterable<BasketSpec> {
    for (const [a, b] of universe.equivalent) {
      for (const legs of [
        [
          { market: a, outcome: 'yes' as const },
          { market: b, outcome: 'no' as const },
        ],
        [
          { market: a, outcome: 'no' as const },
          { market: b, outcome: 'yes' as const },
        ],
      ]) {
        yield { strategy: 'cross_venue', legs, payout: 1, label: basketLabel(legs) };
      }
    }
  },
};
