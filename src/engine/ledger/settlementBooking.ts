// Booking a market's resolution, inside the ledger's transaction: each leg in the market marked
// with what its contracts pay, and every basket whose held legs have all settled realised
// (payout − cost − fees) and closed. The same result again changes nothing; a contradicting one
// is a conflict.
import type { Decimal } from 'decimal.js';
import { Money, ZERO } from '../../shared/money';
import { type LegState, readyToSettle, realiseSettlement, settledValueFor } from './accounting';
import { basketRealised, holdingOf } from './holdings';
import { type SettlementRow, exactText, fromLegState, toLegState, toSettlement } from './rows';
import type { prepareStatements } from './statements';
import type { HoldingChange, Realisation, SettlementOutcome } from './types';

export type BookedSettlement = { kind: 'recorded'; holdings: HoldingChange[]; realisations: Realisation[]; settled: string[]; touched: string[] };

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
    realisations.push({ basketId, at: now, kind: 'settlement', delta, basketRealised: basketRealised(q, basketId) });
  }
  return { kind: 'recorded', holdings, realisations, settled: settledBaskets, touched: [...touched] };
}
