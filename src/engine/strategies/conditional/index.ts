import { basketLabel, type BasketSpec, type Strategy } from '../strategy';

/** A ⇒ B: NO of A + YES of B pays $1 (if A is YES, B is YES; if A is NO, the NO leg pays). */
export const conditional: Strategy = {
  id: 'conditional',
  title: 'Conditional (A implies B)',
  *baskets(universe): Iterable<BasketSpec> {
    for (const rule of universe.implies) {
      const legs = [
        { market: rule.if, outcome: 'no' as const },
        { market: rule.then, outcome: 'yes' as const },
      ];
      yield { strategy: 'conditional', legs, payout: 1, label: basketLabel(legs) };
    }
  },
};
