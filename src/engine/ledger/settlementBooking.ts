// Booking a market's resolution, inside the ledger's transaction: each leg in the market marked
// with what its contracts pay, and every basket whose held legs have all settled realised
// (payout − cost − fees) and closed. The same result again changes nothing; a contradicting one
// is a conflict.
import type { Decimal } from 'decimal.js';
import { Money, ZERO } from '../../shared/money';
import { type LegState, readyToSettle, realiseSettlement, settledValueFor, settlementFigures } from './accounting';
import { basketRealised, holdingOf } from './holdings';
import { type BasketOutcomeRow, type SettlementRow, exactText, fromLegState, toBasketOutcome, toLegState, toSettlement } from './rows';
import type { prepareStatements } from './statements';
import type { BasketOutcome, HoldingChange, Realisation, SettlementOutcome } from './types';

export type BookedSettlement = { kind: 'recorded'; holdings: HoldingChange[]; realisations: Realisation[]; settled: string[]; touched: string[]; outcomes: BasketOutcome[] };

/** Run inside a transaction. */
export function bookSettlement(q: ReturnType<typeof prepareStatements>, b: { market: string; yesValue: Decimal; row: SettlementRow; now: number }): BookedSettlement | SettlementOutcome {
  const { yesValue, row, now } = b;
  const existing = q.settlement.get(b.market);
  if (existing) {
    return new Money(existing.yes_value).eq(yesValue)
      ? { status: 'duplicate', settlement: toSettlement(existing) }
      : { status: 'conflict', settlement: toSettlement(existing), reason: `${b.market} was recorded as settled with YES worth ${existing.yes_value}; now reported as ${row.yes_value}` };
  }
  q.insertSettlement.run(row);
  const holdings: HoldingChange[] = [];
  const touched = new Set<string>();
  for (const pos of q.openPositionsInMarket.all(b.market)) {
    const state = toLegState(pos);
    const settled: LegState = { ...state, settledValue: settledValueFor(pos.outcome as 'yes' | 'no', yesValue) };
    q.updatePosition.run(fromLegState(pos.basket_id, pos.leg_index, settled, now));
    touched.add(pos.basket_id);
    if (state.held.gt(0)) holdings.push(holdingOf(pos, settled));
  }
  const realisations: Realisation[] = [];
  const outcomes: BasketOutcome[] = [];
  const settledBaskets: string[] = [];
  for (const basketId of touched) {
    const basket = q.basket.get(basketId)!;
    if (basket.settled_at !== null) continue;
    const positions = q.positionsOfBasket.all(basketId);
    const states = positions.map(toLegState);
    if (!readyToSettle(states)) continue;
    let delta = ZERO;
    positions.forEach((p, i) => {
      const { leg, realised } = realiseSettlement(states[i]!);
      if (states[i]!.held.isZero()) return;
      q.updatePosition.run(fromLegState(basketId, p.leg_index, leg, now));
      const legRow = q.leg.get(basketId, p.leg_index)!;
      q.insertPnl.run({ at: now, basket_id: basketId, leg_index: p.leg_index, venue: legRow.venue, kind: 'settlement', amount: exactText(realised) });
      delta = delta.plus(realised);
    });
    q.settleBasket.run(now, basketId);
    settledBaskets.push(basketId);
    const realisedNow = basketRealised(q, basketId);
    realisations.push({ basketId, at: now, kind: 'settlement', delta, basketRealised: realisedNow });
    const f = settlementFigures(new Money(basket.payout_per_unit), states);
    const outcomeRow: BasketOutcomeRow = {
      basket_id: basketId, settled_at: now, outcome: f.outcome,
      payout: exactText(f.payout), expected: exactText(f.expected), capital: exactText(f.capital), realised: exactText(realisedNow),
    };
    q.insertBasketOutcome.run(outcomeRow);
    outcomes.push(toBasketOutcome(outcomeRow));
  }
  return { kind: 'recorded', holdings, realisations, settled: settledBaskets, touched: [...touched], outcomes };
}
