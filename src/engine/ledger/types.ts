import type { Decimal } from 'decimal.js';
import type { StrategyId } from '../../shared/contract';
import type { MarketRef, Outcome, VenueId } from '../../shared/ids';
import type { LegState } from './accounting';
import type { DecimalInput } from '../../shared/money';

export type OrderSide = 'buy' | 'sell';
/** entry: a basket leg; complete: buys a lagging leg up; flatten: sells an excess leg. */
export type OrderPurpose = 'entry' | 'complete' | 'flatten';
export type TimeInForce = 'ioc' | 'fok' | 'gtc';

/**
 * intent: written before the order is sent; it may or may not have reached the venue.
 * acked: the venue accepted it. partially_filled: some fills, more may come.
 * unknown: the send's outcome is unknown (timeout, disconnect): reconcile by client order id.
 * Final: filled, cancelled (also an IOC's unfilled rest), rejected (by the venue),
 * refused (by our gate; never sent), failed (never reached the venue).
 */
export const OPEN_ORDER_STATUSES = ['intent', 'acked', 'partially_filled', 'unknown'] as const;
export const FINAL_ORDER_STATUSES = ['filled', 'cancelled', 'rejected', 'refused', 'failed'] as const;
export type OpenOrderStatus = (typeof OPEN_ORDER_STATUSES)[number];
export type FinalOrderStatus = (typeof FINAL_ORDER_STATUSES)[number];
export type OrderStatus = OpenOrderStatus | FinalOrderStatus;

export interface BasketLegInput {
  venue: VenueId;
  market: MarketRef;
  title: string;
  outcome: Outcome;
  /** Contracts this leg is planned to buy. */
  plannedQty: DecimalInput;
  /** Worst acceptable price per contract. */
  limitPrice: DecimalInput;
}

export interface BasketInput {
  id: string;
  executionId?: string | null;
  opportunityId?: string | null;
  strategy: StrategyId;
  /** Complete units planned (contracts per leg). */
  size: DecimalInput;
  /** Dollars one complete unit pays whatever the outcome: "1", or n − 1 for n exclusive NO legs. */
  payoutPerUnit: DecimalInput;
  legs: readonly BasketLegInput[];
}

export interface BasketLegRecord {
  legIndex: number;
  venue: VenueId;
  market: MarketRef;
  title: string;
  outcome: Outcome;
  plannedQty: string;
  limitPrice: string;
}

export interface BasketRecord {
  id: string;
  executionId: string | null;
  opportunityId: string | null;
  strategy: StrategyId;
  size: string;
  payoutPerUnit: string;
  createdAt: number;
  settledAt: number | null;
  legs: BasketLegRecord[];
}

/** A basket with each leg's position, for the positions view. */
export interface BasketPositions {
  basket: BasketRecord;
  legs: { leg: BasketLegRecord; state: LegState }[];
}

export interface OrderIntentInput {
  /** Our id for the order, sent to the venue where it accepts one (see newClientOrderId). */
  clientOrderId: string;
  basketId: string;
  legIndex: number;
  side: OrderSide;
  purpose: OrderPurpose;
  timeInForce: TimeInForce;
  qty: DecimalInput;
  limitPrice: DecimalInput;
  /** When the venue's id is known before sending (a Polymarket order hash). */
  venueOrderId?: string | null;
}

export interface OrderRecord {
  clientOrderId: string;
  basketId: string;
  legIndex: number;
  venue: VenueId;
  market: MarketRef;
  outcome: Outcome;
  side: OrderSide;
  purpose: OrderPurpose;
  timeInForce: TimeInForce;
  qty: string;
  limitPrice: string;
  status: OrderStatus;
  final: boolean;
  venueOrderId: string | null;
  filledQty: string;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface FillInput {
  venue: VenueId;
  /** The venue's id of this fill (Kalshi fill_id, Polymarket trade id): the idempotency key. */
  venueFillId: string;
  clientOrderId: string;
  qty: DecimalInput;
  price: DecimalInput;
  fee: DecimalInput;
  /** The venue's time of the fill, when it says. */
  venueTime?: number | null;
}

export interface FillRecord {
  venue: VenueId;
  venueFillId: string;
  clientOrderId: string;
  qty: string;
  price: string;
  fee: string;
  venueTime: number | null;
  recordedAt: number;
}

export type FillOutcome =
  | {
      status: 'recorded';
      fill: FillRecord;
      order: OrderRecord;
      /** Realised P&L this fill caused on its basket (a sale), else "0". */
      realised: string;
      /** The order's fills now exceed its quantity. */
      overfilled: boolean;
      /** A sale of more contracts than the leg held. */
      oversold: string;
    }
  /** Seen before with the same figures: nothing changed. */
  | { status: 'duplicate'; fill: FillRecord }
  /** Seen before with different figures: nothing changed; the venue contradicts itself. */
  | { status: 'conflict'; fill: FillRecord; reason: string };

export interface SettlementInput {
  venue: VenueId;
  market: MarketRef;
  /** What one YES contract pays: "1" (YES won), "0" (NO won), or a fair price for a voided market. */
  yesValue: DecimalInput;
  /** The venue's settlement time. */
  settledAt: number;
  /** Where the result came from (for the audit trail), e.g. "kalshi market_lifecycle". */
  source: string;
}

export interface SettlementRecord {
  market: MarketRef;
  venue: VenueId;
  yesValue: string;
  settledAt: number;
  source: string;
  recordedAt: number;
}

/** A basket's settlement against what it locked in (accounting.ts settlementFigures). Dollars as text. */
export interface BasketOutcome {
  basketId: string;
  settledAt: number;
  outcome: 'as_expected' | 'short' | 'over';
  /** What the held contracts paid. */
  payout: string;
  /** What the matched units promised. */
  expected: string;
  /** What the held contracts cost, fees included: released by the settlement. */
  capital: string;
  /** The basket's realised P&L once settled. */
  realised: string;
}

export type SettlementOutcome =
  | { status: 'recorded'; settlement: SettlementRecord; basketsSettled: string[]; basketsTouched: string[]; outcomes: BasketOutcome[] }
  | { status: 'duplicate'; settlement: SettlementRecord }
  | { status: 'conflict'; settlement: SettlementRecord; reason: string };

/** A basket leg's holding changed (fill or settlement): what the breaker counts as exposure. */
export interface HoldingChange {
  basketId: string;
  legIndex: number;
  venue: VenueId;
  market: MarketRef;
  outcome: Outcome;
  /** Contracts held and at risk: zero once the leg's market has settled. */
  held: Decimal;
  /** What they cost at the prices paid (fees are not position: they count in P&L, not in the dollar limit). */
  cost: Decimal;
}

/** Realised P&L booked on a basket in one ledger write. */
export interface Realisation {
  basketId: string;
  at: number;
  kind: 'sale' | 'settlement';
  delta: Decimal;
  /** The basket's realised P&L after this write: what the per-trade loss limit compares. */
  basketRealised: Decimal;
}
