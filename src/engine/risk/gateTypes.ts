import type { TripKind } from '../../shared/contract';
import type { MarketRef, Outcome, VenueId } from '../../shared/ids';
import { type Micros, type Price, type Qty, QTY_ONE, formatQty } from '../../shared/units';
import type { OrderPurpose } from '../ledger/types';
import { microsToText } from '../positions/money';

/** One order, as the gate sees it immediately before it is sent. */
export interface OrderCheck {
  /** The id the ledger wrote the intent under: it keys the reservation. */
  clientOrderId: string;
  basketId: string;
  legIndex: number;
  venue: VenueId;
  market: MarketRef;
  outcome: Outcome;
  /** buy opens or completes a basket; sell only reduces a leg the basket holds. */
  side: 'buy' | 'sell';
  qty: Qty;
  /** The limit price: the worst price the order can fill at. */
  price: Price;
  /** For a buy, the most the trade can lose if everything after it goes wrong. */
  worstCaseLoss?: Micros;
  /**
   * Why the order is sent (the ledger's purpose). A completing buy of a basket the breaker
   * authorised may pass an open breaker, within the basket's plan (see CircuitBreaker).
   */
  purpose?: OrderPurpose;
}

export interface BasketLegCheck {
  venue: VenueId;
  market: MarketRef;
  outcome: Outcome;
  qty: Qty;
  price: Price;
}

/** A whole basket, checked before any of its orders is written or sent. */
export interface BasketCheck {
  basketId: string;
  /** Complete units: contracts per leg. */
  size: number;
  legs: readonly BasketLegCheck[];
  /**
   * The most the basket can lose, uncapped: for each leg, its cost at the limit price plus fees
   * less what the current bids would pay to sell it back (less their fees); the largest leg's.
   */
  worstCaseLoss: Micros;
}

export type RefusalKind =
  | TripKind
  | 'breaker_open'
  | 'half_open'
  | 'exceeds_position'
  | 'invalid_order'
  | 'duplicate_order'
  /** The breaker could not read what it needs (the ledger failed): it fails closed. */
  | 'risk_unavailable';

/** A refusal always says why, in words for the activity log. */
export interface Refusal {
  ok: false;
  kind: RefusalKind;
  reason: string;
}

export type GateVerdict = { ok: true } | Refusal;
/** probe: the breaker is half-open and this basket is its probe. */
export type BasketVerdict = { ok: true; probe: boolean } | Refusal;

export function refuse(kind: RefusalKind, reason: string): Refusal {
  return { ok: false, kind, reason };
}

export function contracts(q: number): string {
  return q % QTY_ONE === 0 ? String(q / QTY_ONE) : formatQty(q as Qty);
}

export function usd(m: number): string {
  return `$${microsToText(m)}`;
}
