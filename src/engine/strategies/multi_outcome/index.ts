import { basketLabel, type BasketSpec, type Strategy } from '../strategy';

/**
 * Exclusive sets: YES of every member pays $1 when the set is exhaustive (exactly one wins); NO of
 * every member of any exclusive set of n ≥ 2 pays n − 1 (at most one loses).
 */
export const multiOutcome: Strategy = {
  id: 'multi_outcome',
  title: 'Multi-outcome (exclusive sets)',
  *baskets(universe): Iterable<BasketSpec> {
    for (const set of universe.exclusive) {
      if (set.exhaustive && set.members.length >= 1) {
        const legs = set.members.map((market) => ({ market, outcome: 'yes' as const }));
        yield { strategy: 'multi_outcome', legs, payout: 1, label: `${set.id}: ${basketLabel(legs)}` };
      }
      if (set.members.length >= 2) {
        const legs = set.members.map((market) => ({ market, outcome: 'no' as const }));
        yield { strategy: 'multi_outcome', legs, payout: set.members.length - 1, label: `${set.id}: ${basketLabel(legs)}` };
      }
    }
  },
};
