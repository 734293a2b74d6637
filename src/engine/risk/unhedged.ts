// Which baskets in a ledger hold unequal legs: contracts of one leg with nothing on the other side
// to pay them back. Read from the ledger (the one source of truth), never from memory, so that a
// restart, a crash between legs or a late fill cannot make the breaker forget one.
import { Decimal } from 'decimal.js';
import type { BasketLegRecord, BasketPositions, HoldingChange } from '../ledger/types';

/**
 * The largest excess of a leg that no order can remove, in contracts: under one contract, or
 * under the venue's minimum order size (Polymarket's 5 shares: neither the sale of the excess nor
 * the purchase of the other legs up to it can be sent). Such a remainder is shown, never tripped on.
 */
export type DustRule = (leg: Pick<BasketLegRecord, 'venue' | 'market'>) => Decimal;

export const ONE_CONTRACT: DustRule = () => new Decimal(1);

export interface UnequalBasket {
  basketId: string;
  /** "10 YES kalshi:K0 against 0 NO polymarket:0x0": what each leg holds. */
  detail: string;
  /** Contracts the most-held leg holds beyond the least-held one. */
  excess: Decimal;
}

export interface LedgerPositionReads {
  openHoldings(): HoldingChange[];
  basketPositions(id: string): BasketPositions | null;
}

/**
 * A basket is unequal when a leg holds more than the least-held leg by more than dust (see
 * DustRule) and none of its markets has settled.
 */
export function unequalBaskets(ledger: LedgerPositionReads, dust: DustRule = ONE_CONTRACT): UnequalBasket[] {
  const ids = [...new Set(ledger.openHoldings().map((h) => h.basketId))];
  const out: UnequalBasket[] = [];
  for (const id of ids) {
    const b = ledger.basketPositions(id);
    const u = b ? unequalOf(b, dust) : null;
    if (u) out.push(u);
  }
  return out;
}

export function unequalOf(b: BasketPositions, dust: DustRule = ONE_CONTRACT): UnequalBasket | null {
  if (b.basket.settledAt !== null || b.legs.some((l) => l.state.settledValue !== null)) return null;
  const held = b.legs.map((l) => l.state.held);
  const max = held.reduce((m, h) => (h.gt(m) ? h : m), held[0]!);
  const min = held.reduce((m, h) => (h.lt(m) ? h : m), held[0]!);
  const excess = max.minus(min);
  if (b.legs.every((l) => l.state.held.minus(min).lt(Decimal.max(1, dust(l.leg))))) return null;
  const detail = b.legs.map((l) => `${l.state.held.toFixed()} ${l.leg.outcome.toUpperCase()} ${l.leg.market}`).join(' against ');
  return { basketId: b.basket.id, detail, excess };
}
