import { basketLabel, type BasketSpec, type Strategy } from '../strategy';
import { refOf } from '../universe';

/** YES and NO of one market pay $1 together. On a consistent book this only fires on bad data. */
export const singleMarket: Strategy = {
  id: 'single_market',
  title: 'Single market (YES + NO)',
  *baskets(universe): Iterable<BasketSpec> {
    for (const m of universe.markets) {
      const market = refOf(m);
      const legs = [
        { market, outcome: 'yes' as const },
        { market, outcome: 'no' as const },
      ];
      yield { strategy: 'single_market', legs, payout: 1, label: basketLabel(legs) };
    }
  },
};
