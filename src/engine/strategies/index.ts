import { conditional } from './conditional';
import { crossVenue } from './cross_venue';
import { multiOutcome } from './multi_outcome';
import { singleMarket } from './single_market';
import type { Strategy } from './strategy';

/** Every strategy, in the order of spec §4 (baskets are enumerated, and tie-broken, in this order). */
export const STRATEGIES: readonly Strategy[] = [
  singleMarket,
  crossVenue,
  multiOutcome,
  conditional,
];

export { basketLabel, type BasketLegSpec, type BasketSpec, type Strategy } from './strategy';
