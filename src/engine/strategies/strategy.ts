import type { StrategyId } from '../../shared/contract/primitives';
import type { MarketRef, Outcome } from '../../shared/ids';
import type { UniverseView } from './universe';

export interface BasketLegSpec {
  readonly market: MarketRef;
  readonly outcome: Outcome;
}

/** A set of outcomes bought together, `s` contracts each, that pays at least `payout × s` dollars. */
export interface BasketSpec {
  readonly strategy: StrategyId;
  /** In the order of spec §4/§7 (for multi_outcome, the order of the set's members). */
  readonly legs: readonly BasketLegSpec[];
  /** Whole dollars paid per set of one contract per leg, whatever the outcome. */
  readonly payout: number;
  /** What this basket is, for people: "YES kalshi:A + NO polymarket:B". */
  readonly label: string;
}

/**
 * A kind of arbitrage: which baskets the universe allows. Sizing, fees, book health and the
 * incremental re-evaluation are shared services; a strategy only names its baskets. Adding a
 * strategy is adding its folder and one line in `./index.ts`.
 *
 * `baskets` draws each basket from one market or one relation on its own, in their order: the
 * scanner adds a universe's new pieces by drawing from those pieces alone (test:
 * incremental.property.test.ts).
 */
export interface Strategy {
  readonly id: StrategyId;
  readonly title: string;
  baskets(universe: UniverseView): Iterable<BasketSpec>;
}

export function basketLabel(legs: readonly BasketLegSpec[]): string {
  return legs.map((l) => `${l.outcome.toUpperCase()} ${l.market}`).join(' + ');
}
