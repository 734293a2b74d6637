// Position and P&L arithmetic for one basket and its legs, pure and exact (decimal.js).
//
// A basket is a set of legs that together pay `payoutPerUnit` dollars per complete unit (one
// contract of every leg) whatever the outcome: $1 for a YES+NO pair, n − 1 for the NO legs of an
// exclusive set of n. A leg keeps its held contracts and what they cost (price and buy fees,
// average-cost method). From those:
//   matched     = the smallest leg's held contracts (complete units)
//   lockedIn    = matched × payoutPerUnit − what the matched contracts cost, fees included
//   openExposure= what the unmatched contracts cost: money at directional risk
// Profit is realised only when it becomes cash for the basket as a whole: on a sale (flattening
// an excess leg) and when every held leg's market has settled. A leg of a hedged basket settling
// at $0 is not a loss: the basket is not realised until its other legs have paid.
import type { Decimal } from 'decimal.js';
import { Money, ZERO, round, sum } from '../../shared/money';

export interface LegState {
  /** Contracts held: bought − sold. Settlement does not change it; `settledValue` marks it. */
  held: Decimal;
  /** Price paid for the held contracts. */
  heldCost: Decimal;
  /** Buy fees attributable to the held contracts. */
  heldFees: Decimal;
  bought: Decimal;
  /** Price paid for everything bought (for the average price). */
  buyCost: Decimal;
  sold: Decimal;
  proceeds: Decimal;
  /** Every fee paid on this leg, buys and sells. */
  fees: Decimal;
  realised: Decimal;
  /** What one contract of this leg paid at settlement ($0…$1); null while its market is open. */
  settledValue: Decimal | null;
}

export const EMPTY_LEG: LegState = {
  held: ZERO, heldCost: ZERO, heldFees: ZERO, bought: ZERO, buyCost: ZERO, sold: ZERO, proceeds: ZERO,
  fees: ZERO, realised: ZERO, settledValue: null,
};

export function applyBuy(leg: LegState, qty: Decimal, price: Decimal, fee: Decimal): LegState {
  const cost = qty.times(price);
  return {
    ...leg,
    held: leg.held.plus(qty),
    heldCost: leg.heldCost.plus(cost),
    heldFees: leg.heldFees.plus(fee),
    bought: leg.bought.plus(qty),
    buyCost: leg.buyCost.plus(cost),
    fees: leg.fees.plus(fee),
  };
}

export interface SaleResult {
  leg: LegState;
  /** proceeds − sell fee − the average cost (price and buy fees) of the contracts sold. */
  realised: Decimal;
  /** Contracts sold beyond what the leg held (a venue anomaly; nothing is realised on them). */
  oversold: Decimal;
}

export function applySell(leg: LegState, qty: Decimal, price: Decimal, fee: Decimal): SaleResult {
  const sellable = Money.min(qty, leg.held);
  const oversold = qty.minus(sellable);
  const share = leg.held.isZero() ? ZERO : sellable.dividedBy(leg.held);
  const removedCost = round(leg.heldCost.times(share));
  const removedFees = round(leg.heldFees.times(share));
  const proceeds = qty.times(price);
  const realised = round(sellable.times(price).minus(fee).minus(removedCost).minus(removedFees));
  return {
    leg: {
      ...leg,
      held: leg.held.minus(sellable),
      heldCost: leg.heldCost.minus(removedCost),
      heldFees: leg.heldFees.minus(removedFees),
      sold: leg.sold.plus(qty),
      proceeds: leg.proceeds.plus(proceeds),
      fees: leg.fees.plus(fee),
      realised: leg.realised.plus(realised),
    },
    realised,
    oversold,
  };
}

/** True when every leg that holds contracts has a settled market: the basket can be realised. */
export function readyToSettle(legs: readonly LegState[]): boolean {
  const holding = legs.filter((l) => l.held.gt(0));
  return holding.length > 0 && holding.every((l) => l.settledValue !== null);
}

/** Realises a leg at settlement: its held contracts paid `settledValue` each. */
export function realiseSettlement(leg: LegState): { leg: LegState; realised: Decimal; payout: Decimal } {
  if (leg.settledValue === null || leg.held.isZero()) return { leg, realised: ZERO, payout: ZERO };
  const payout = leg.held.times(leg.settledValue);
  const realised = round(payout.minus(leg.heldCost).minus(leg.heldFees));
  return { leg: { ...leg, realised: leg.realised.plus(realised) }, realised, payout };
}

export interface SettlementFigures {
  /** What the held contracts paid at settlement. */
  payout: Decimal;
  /** What the matched units promised: matched × payoutPerUnit. */
  expected: Decimal;
  /** What the held contracts cost, fees included: the capital the settlement releases. */
  capital: Decimal;
  /**
   * as_expected: the matched units paid what they promised; short: less (the linked markets
   * resolved differently); over: more. Unmatched contracts are directional and not compared.
   */
  outcome: 'as_expected' | 'short' | 'over';
}

/** A settled basket against what it locked in; every held leg must carry its settled value. */
export function settlementFigures(payoutPerUnit: Decimal, legs: readonly LegState[]): SettlementFigures {
  const matched = legs.length === 0 ? ZERO : Money.min(...legs.map((l) => l.held));
  const payout = sum(legs.map((l) => (l.settledValue === null ? ZERO : l.held.times(l.settledValue))));
  const matchedPaid = sum(legs.map((l) => (l.settledValue === null ? ZERO : matched.times(l.settledValue))));
  const expected = matched.times(payoutPerUnit);
  const capital = sum(legs.map((l) => l.heldCost.plus(l.heldFees)));
  const cmp = matchedPaid.comparedTo(expected);
  return { payout, expected, capital, outcome: cmp === 0 ? 'as_expected' : cmp < 0 ? 'short' : 'over' };
}

export type BasketStatus = 'open' | 'unhedged' | 'partially_settled' | 'settled' | 'closed';

export interface BasketFigures {
  matched: Decimal;
  /** Held contracts beyond the matched units, summed over the legs. */
  unmatched: Decimal;
  lockedIn: Decimal;
  openExposure: Decimal;
  realised: Decimal;
  fees: Decimal;
  status: BasketStatus;
}

export function basketFigures(payoutPerUnit: Decimal, legs: readonly LegState[], settled: boolean): BasketFigures {
  const realised = sum(legs.map((l) => l.realised));
  const fees = sum(legs.map((l) => l.fees));
  if (settled || legs.length === 0) {
    return { matched: ZERO, unmatched: ZERO, lockedIn: ZERO, openExposure: ZERO, realised, fees, status: settled ? 'settled' : 'closed' };
  }
  const matched = Money.min(...legs.map((l) => l.held));
  let matchedCost = ZERO;
  let exposure = ZERO;
  let unmatched = ZERO;
  for (const leg of legs) {
    if (leg.held.isZero()) continue;
    const legExposure = legExposureOf(leg, matched);
    matchedCost = matchedCost.plus(leg.heldCost.plus(leg.heldFees).minus(legExposure));
    exposure = exposure.plus(legExposure);
    unmatched = unmatched.plus(leg.held.minus(matched));
  }
  const holding = legs.some((l) => l.held.gt(0));
  let status: BasketStatus;
  if (!holding) status = 'closed';
  else if (legs.some((l) => l.settledValue !== null && l.held.gt(0))) status = 'partially_settled';
  else if (unmatched.gt(0)) status = 'unhedged';
  else status = 'open';
  return {
    matched,
    unmatched,
    lockedIn: matched.isZero() ? ZERO : matched.times(payoutPerUnit).minus(matchedCost),
    openExposure: exposure,
    realised,
    fees,
    status,
  };
}

/** Average price paid per contract bought, or null when nothing was bought. */
export function averagePrice(leg: LegState): Decimal | null {
  return leg.bought.isZero() ? null : leg.buyCost.dividedBy(leg.bought);
}

/** The payout a leg's outcome gets when its market settles with YES worth `yesValue`. */
export function settledValueFor(outcome: 'yes' | 'no', yesValue: Decimal): Decimal {
  return outcome === 'yes' ? yesValue : new Money(1).minus(yesValue);
}

/** What a leg's contracts beyond the basket's matched units cost, fees included. */
export function legExposureOf(leg: LegState, matched: Decimal): Decimal {
  if (leg.held.lte(matched)) return ZERO;
  return leg.heldCost.plus(leg.heldFees).times(leg.held.minus(matched)).dividedBy(leg.held);
}
