// The worst case if the venues disagree: a basket across venues pays whatever happens only if the
// linked markets resolve as the link says. Taken independently — each market YES or NO, whatever
// the other does — the least-paying outcome is what a disagreement costs: for a two-leg cross-venue
// basket, everything paid.
import type { Analysis } from '../../shared/contract/opportunity';
import type { MarketRef, Outcome } from '../../shared/ids';
import type { Basket } from './basket';
import { formatMoney } from '../../shared/unitText';

const MAX_MARKETS = 12;

/** Null for a basket on one venue (its relation is the venue's own), or with more markets than can be enumerated. */
export function ifVenuesDisagree(basket: Basket, size: number, outlay: number): Analysis['ifVenuesDisagree'] {
  if (new Set(basket.legs.map((l) => l.book.venue)).size < 2) return null;
  const markets = [...new Set(basket.legs.map((l) => l.market))];
  if (markets.length > MAX_MARKETS) return null;
  let least = Infinity;
  let world: Map<MarketRef, Outcome> | null = null;
  for (let bits = 0; bits < 1 << markets.length; bits++) {
    const results = new Map<MarketRef, Outcome>(markets.map((m, i) => [m, bits & (1 << i) ? 'yes' : 'no']));
    const paying = basket.legs.filter((l) => results.get(l.market) === l.outcome).length;
    if (paying < least) {
      least = paying;
      world = results;
    }
  }
  const loss = Math.max(0, outlay - least * 1_000_000 * size);
  const outcome = [...world!].map(([m, r]) => `${m} ${r.toUpperCase()}`).join(', ');
  return { loss: formatMoney(loss), outcome };
}
