// Polymarket US executions (docs orders/create-order.md `Execution`; SDK 0.1.1 dist/index.d.ts
// `Execution`, `Order`) as the engine's fills and order states. Prices on the wire are YES prices;
// a fill of an ORDER_INTENT_*_SHORT order is a NO fill at 1 − the YES price (orderMapping.ts).
// `commissionNotionalCollected` is the fee the venue took (negative: a maker rebate).
import type { MarketRef } from '../../../shared/ids';
import { parseQty, type Qty } from '../../../shared/units';
import type { OrderLookup, VenueFill } from '../venue';
import { PM_US } from './manifest';
import { intentTerms, outcomePriceText } from './orderMapping';

export interface WireOrder {
  id?: unknown;
  marketSlug?: unknown;
  intent?: unknown;
  price?: unknown;
  quantity?: unknown;
  cumQuantity?: unknown;
  leavesQuantity?: unknown;
  state?: unknown;
}

export interface WireExecution {
  id?: unknown;
  order?: WireOrder;
  lastShares?: unknown;
  lastPx?: unknown;
  type?: unknown;
  orderRejectReason?: unknown;
  text?: unknown;
  transactTime?: unknown;
  tradeId?: unknown;
  aggressor?: unknown;
  commissionNotionalCollected?: { value?: unknown } | null;
}

const FILL_TYPES = new Set(['EXECUTION_TYPE_PARTIAL_FILL', 'EXECUTION_TYPE_FILL']);

function amountText(v: unknown): string | null {
  const t = typeof v === 'number' ? String(v) : v;
  return typeof t === 'string' && /^-?\d+(\.\d+)?$/.test(t) ? t : null;
}

/** The fill an execution reports, or null when it is not a fill (or cannot be read). */
export function fillOf(e: WireExecution, clientOrderId: string | null, now: number): VenueFill | null {
  if (!FILL_TYPES.has(e.type as string) || !e.order) return null;
  const terms = intentTerms(e.order.intent);
  const slug = e.order.marketSlug;
  const qty = amountText(e.lastShares);
  if (!terms || typeof slug !== 'string' || qty === null || typeof e.order.id !== 'string') return null;
  const price = outcomePriceText(e.lastPx, terms.outcome);
  if (price === null) return null;
  const fee = amountText(e.commissionNotionalCollected?.value) ?? '0';
  const at = typeof e.transactTime === 'string' && Number.isFinite(Date.parse(e.transactTime)) ? Date.parse(e.transactTime) : now;
  const id = typeof e.tradeId === 'string' && e.tradeId ? e.tradeId : typeof e.id === 'string' ? e.id : null;
  if (id === null) return null;
  return {
    fillId: id,
    venueOrderId: e.order.id,
    clientOrderId,
    market: `${PM_US}:${slug}` as MarketRef,
    outcome: terms.outcome,
    side: terms.side,
    price,
    qty,
    fee,
    at,
    final: true,
    ...(e.aggressor === true ? { liquidity: 'taker' as const } : e.aggressor === false ? { liquidity: 'maker' as const } : {}),
    reportedFee: fee,
  };
}

/** Quantity text as the engine's 0.01-contract units (floored), 0 when unreadable. */
export function qtyUnits(v: unknown): Qty {
  const t = amountText(v);
  const r = t === null ? null : parseQty(t, 'floor');
  return (r && r.ok ? r.value : 0) as Qty;
}

const RESTING = new Set(['ORDER_STATE_NEW', 'ORDER_STATE_PENDING_NEW', 'ORDER_STATE_PARTIALLY_FILLED', 'ORDER_STATE_PENDING_REPLACE', 'ORDER_STATE_PENDING_CANCEL', 'ORDER_STATE_PENDING_RISK']);

/** An order's state as findOrder reports it. */
export function lookupOf(o: WireOrder, clientOrderId: string | null): OrderLookup | null {
  if (typeof o.id !== 'string' || typeof o.state !== 'string') return null;
  const filled = amountText(o.cumQuantity) ?? '0';
  const leaves = amountText(o.leavesQuantity) ?? '0';
  const state = RESTING.has(o.state) ? 'resting' : o.state === 'ORDER_STATE_FILLED' ? 'executed' : 'canceled';
  return { venueOrderId: o.id, clientOrderId, state, filledQty: filled, remainingQty: state === 'resting' ? leaves : '0' };
}
