import type { StrategyId } from '../../shared/contract/primitives';
import type { MarketRef, Outcome } from '../../shared/ids';
import type { AnyMarketBook, LadderId, OutcomeBook } from '../books/marketBook';
import type { FeeModel } from '../fees/feeModel';
import type { SizingLeg } from '../sizing/bestSize';
import type { LegFill } from '../sizing/fill';
import type { MarketSpec } from '../strategies/universe';

export interface BasketLeg extends SizingLeg {
  readonly market: MarketRef;
  readonly outcome: Outcome;
  readonly spec: MarketSpec;
  readonly book: AnyMarketBook;
  readonly side: OutcomeBook;
  readonly ladder: LadderId;
  readonly fee: FeeModel;
}

/** A basket the scanner watches: its legs bound to live books, and its stable id. */
export interface Basket {
  /** Stable across updates and restarts: derived from the strategy and the legs. */
  readonly id: string;
  /** strategy + legs, human-readable and unique. */
  readonly key: string;
  readonly strategy: StrategyId;
  readonly legs: readonly BasketLeg[];
  /** Whole dollars per set. */
  readonly payout: number;
  readonly label: string;
  /** Enumeration order (strategy order, then relation order): the tie-break after net profit. */
  order: number;
}

export function basketKey(strategy: StrategyId, legs: readonly { market: MarketRef; outcome: Outcome }[]): string {
  return `${strategy}|${legs.map((l) => `${l.outcome}@${l.market}`).join('|')}`;
}

/** The same legs in any order are the same basket. */
export function basketIdentity(strategy: StrategyId, legs: readonly { market: MarketRef; outcome: Outcome }[]): string {
  return `${strategy}|${legs.map((l) => `${l.outcome}@${l.market}`).sort().join('|')}`;
}

/**
 * A short stable id (same basket → same id, across updates and restarts): the strategy plus 16 hex
 * digits of two independent 32-bit FNV-1a hashes of the basket's identity.
 */
export function basketId(strategy: StrategyId, legs: readonly { market: MarketRef; outcome: Outcome }[]): string {
  return basketIdFromIdentity(strategy, basketIdentity(strategy, legs));
}

export function basketIdFromIdentity(strategy: StrategyId, text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ (c + 0x9e), 0x5bd1e995) ^ (b >>> 15);
  }
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
  return `${strategy}:${hex(a)}${hex(b)}`;
}

/** A basket sized at its profit-maximising size, with netProfit ≥ minProfit: an opportunity. */
export interface SizedBasket {
  readonly basket: Basket;
  readonly size: number;
  /** Micro-dollars. */
  readonly payout: number;
  readonly cost: number;
  readonly fees: number;
  readonly netProfit: number;
  /** Per leg, in the basket's leg order. */
  readonly fills: readonly LegFill[];
  /** Wall-clock ms when it became an opportunity, and when its figures last changed. */
  readonly openedAt: number;
  readonly updatedAt: number;
}

export function sameFigures(a: SizedBasket, b: Omit<SizedBasket, 'openedAt' | 'updatedAt' | 'basket'>): boolean {
  if (a.size !== b.size || a.netProfit !== b.netProfit || a.cost !== b.cost || a.fees !== b.fees) return false;
  for (let i = 0; i < a.fills.length; i++) {
    const x = a.fills[i]!;
    const y = b.fills[i]!;
    if (x.cost !== y.cost || x.fee !== y.fee || x.worstPrice !== y.worstPrice) return false;
  }
  return true;
}
