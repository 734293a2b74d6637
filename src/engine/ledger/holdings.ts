// What a basket leg holds at risk (for the breaker's limits and the positions view), and what a
// basket has realised, read from the ledger's rows.
import type { Decimal } from 'decimal.js';
import { Money, ZERO, sum } from '../../shared/money';
import type { LegState } from './accounting';
import type { prepareStatements } from './statements';
import type { HoldingChange } from './types';

type Statements = ReturnType<typeof prepareStatements>;

export function basketRealised(q: Statements, basketId: string): Decimal {
  return sum(q.positionsOfBasket.all(basketId).map((p) => new Money(p.realised)));
}

/** A leg's holding: what it holds at risk (nothing once its market settled). */
export function holdingOf(at: { basket_id: string; leg_index: number; venue: string; market: string; outcome: string }, state: LegState): HoldingChange {
  const atRisk = state.settledValue === null;
  return {
    basketId: at.basket_id,
    legIndex: at.leg_index,
    venue: at.venue as HoldingChange['venue'],
    market: at.market as HoldingChange['market'],
    outcome: at.outcome as HoldingChange['outcome'],
    held: atRisk ? state.held : ZERO,
    cost: atRisk ? state.heldCost : ZERO,
  };
}
