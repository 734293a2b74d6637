// Row shapes as SQLite returns them, and their mapping to records. Rows come from our own schema,
// so the mapping trusts their types; every input was validated before it was written.
import type { Decimal } from 'decimal.js';
import type { ActivityEntry, StrategyId } from '../../shared/contract';
import type { MarketRef, Outcome, VenueId } from '../../shared/ids';
import type { LegState } from './accounting';
import { Money } from '../../shared/money';
import type {
  BasketLegRecord, BasketOutcome, BasketRecord, FillRecord, OrderPurpose, OrderRecord, OrderSide, OrderStatus, SettlementRecord,
  TimeInForce,
} from './types';

export interface BasketRow {
  id: string;
  execution_id: string | null;
  opportunity_id: string | null;
  strategy: string;
  size: string;
  payout_per_unit: string;
  created_at: number;
  settled_at: number | null;
}

export interface BasketLegRow {
  basket_id: string;
  leg_index: number;
  venue: string;
  market: string;
  title: string;
  outcome: string;
  planned_qty: string;
  limit_price: string;
}

export interface BasketOutcomeRow {
  basket_id: string;
  settled_at: number;
  outcome: 'as_expected' | 'short' | 'over';
  payout: string;
  expected: string;
  capital: string;
  realised: string;
}

export function toBasketOutcome(r: BasketOutcomeRow): BasketOutcome {
  return { basketId: r.basket_id, settledAt: r.settled_at, outcome: r.outcome, payout: r.payout, expected: r.expected, capital: r.capital, realised: r.realised };
}

export interface PositionRow {
  basket_id: string;
  leg_index: number;
  held: string;
  held_cost: string;
  held_fees: string;
  bought: string;
  buy_cost: string;
  sold: string;
  proceeds: string;
  fees: string;
  realised: string;
  settled_value: string | null;
  updated_at: number;
}

export interface OrderRow {
  client_order_id: string;
  basket_id: string;
  leg_index: number;
  venue: string;
  market: string;
  outcome: string;
  side: string;
  purpose: string;
  time_in_force: string;
  qty: string;
  limit_price: string;
  status: string;
  is_final: number;
  venue_order_id: string | null;
  filled_qty: string;
  reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface FillRow {
  venue: string;
  venue_fill_id: string;
  client_order_id: string;
  qty: string;
  price: string;
  fee: string;
  venue_time: number | null;
  recorded_at: number;
}

export interface SettlementRow {
  market: string;
  venue: string;
  yes_value: string;
  settled_at: number;
  source: string;
  recorded_at: number;
}

export interface ActivityRow {
  id: number;
  at: number;
  kind: string;
  level: string;
  venue: string | null;
  message: string;
  ref: string | null;
}

export function toBasketLeg(row: BasketLegRow): BasketLegRecord {
  return {
    legIndex: row.leg_index,
    venue: row.venue as VenueId,
    market: row.market as MarketRef,
    title: row.title,
    outcome: row.outcome as Outcome,
    plannedQty: row.planned_qty,
    limitPrice: row.limit_price,
  };
}

export function toBasket(row: BasketRow, legs: BasketLegRow[]): BasketRecord {
  return {
    id: row.id,
    executionId: row.execution_id,
    opportunityId: row.opportunity_id,
    strategy: row.strategy as StrategyId,
    size: row.size,
    payoutPerUnit: row.payout_per_unit,
    createdAt: row.created_at,
    settledAt: row.settled_at,
    legs: legs.map(toBasketLeg),
  };
}

export function toLegState(row: PositionRow): LegState {
  return {
    held: new Money(row.held),
    heldCost: new Money(row.held_cost),
    heldFees: new Money(row.held_fees),
    bought: new Money(row.bought),
    buyCost: new Money(row.buy_cost),
    sold: new Money(row.sold),
    proceeds: new Money(row.proceeds),
    fees: new Money(row.fees),
    realised: new Money(row.realised),
    settledValue: row.settled_value === null ? null : new Money(row.settled_value),
  };
}

/** Exact text of a stored fact (no rounding: sums of decimal inputs stay exact). */
const exact = (d: Decimal): string => (d.isZero() ? '0' : d.toFixed());

export function fromLegState(basketId: string, legIndex: number, s: LegState, at: number): PositionRow {
  return {
    basket_id: basketId,
    leg_index: legIndex,
    held: exact(s.held),
    held_cost: exact(s.heldCost),
    held_fees: exact(s.heldFees),
    bought: exact(s.bought),
    buy_cost: exact(s.buyCost),
    sold: exact(s.sold),
    proceeds: exact(s.proceeds),
    fees: exact(s.fees),
    realised: exact(s.realised),
    settled_value: s.settledValue === null ? null : exact(s.settledValue),
    updated_at: at,
  };
}

export function toOrder(row: OrderRow): OrderRecord {
  return {
    clientOrderId: row.client_order_id,
    basketId: row.basket_id,
    legIndex: row.leg_index,
    venue: row.venue as VenueId,
    market: row.market as MarketRef,
    outcome: row.outcome as Outcome,
    side: row.side as OrderSide,
    purpose: row.purpose as OrderPurpose,
    timeInForce: row.time_in_force as TimeInForce,
    qty: row.qty,
    limitPrice: row.limit_price,
    status: row.status as OrderStatus,
    final: row.is_final === 1,
    venueOrderId: row.venue_order_id,
    filledQty: row.filled_qty,
    reason: row.reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toFill(row: FillRow): FillRecord {
  return {
    venue: row.venue as VenueId,
    venueFillId: row.venue_fill_id,
    clientOrderId: row.client_order_id,
    qty: row.qty,
    price: row.price,
    fee: row.fee,
    venueTime: row.venue_time,
    recordedAt: row.recorded_at,
  };
}

export function toSettlement(row: SettlementRow): SettlementRecord {
  return {
    market: row.market as MarketRef,
    venue: row.venue as VenueId,
    yesValue: row.yes_value,
    settledAt: row.settled_at,
    source: row.source,
    recordedAt: row.recorded_at,
  };
}

export function toActivity(row: ActivityRow): ActivityEntry {
  return {
    id: row.id,
    at: row.at,
    kind: row.kind as ActivityEntry['kind'],
    level: row.level as ActivityEntry['level'],
    venue: row.venue as VenueId | null,
    message: row.message,
    ref: row.ref,
  };
}

export { exact as exactText };
