// The venue's order objects (REST /data/order(s), user-channel `order` events) → OrderLookup and
// OpenOrder. Polymarket has no client order id: the order hash is the id.
import { marketRef, type Outcome } from '../../../shared/ids';
import { Money } from '../../../shared/money';
import type { OpenOrder, OrderLookup } from '../venue';
import type { MarketRegistry } from './registry';

type Obj = Record<string, unknown>;
const DECIMAL = /^\d{1,18}(\.\d{1,6})?$/;

export type OrderViewResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** LIVE/DELAYED rest or wait; MATCHED is done; CANCELED/UNMATCHED (and the like) ended. */
export function orderState(status: unknown, type?: unknown): OrderLookup['state'] | null {
  if (type === 'CANCELLATION') return 'canceled';
  if (typeof status !== 'string') return null;
  const s = status.toUpperCase().replace(/^ORDER_STATUS_/, '');
  if (s === 'LIVE' || s === 'DELAYED' || s === 'OPEN') return 'resting';
  if (s === 'MATCHED' || s === 'FILLED') return 'executed';
  if (/^(CANCELED|CANCELLED|UNMATCHED|EXPIRED|INVALID)/.test(s)) return 'canceled';
  return null;
}

function amounts(o: Obj, where: string): OrderViewResult<{ original: string; matched: string }> {
  const original = o.original_size;
  // A killed FOK arrives with `size_matched: ""` (nautilus_trader test_data/ws_user_order_fok_killed.json): nothing matched.
  const matched = o.size_matched === undefined || o.size_matched === null || o.size_matched === '' ? '0' : o.size_matched;
  if (typeof original !== 'string' || !DECIMAL.test(original)) return { ok: false, reason: `${where}original_size ${JSON.stringify(original)} is not a decimal` };
  if (typeof matched !== 'string' || !DECIMAL.test(matched)) return { ok: false, reason: `${where}size_matched ${JSON.stringify(matched)} is not a decimal` };
  return { ok: true, value: { original, matched } };
}

function remaining(original: string, matched: string): string {
  const r = new Money(original).minus(matched);
  return (r.isNegative() ? new Money(0) : r).toFixed();
}

export function orderLookupOf(raw: unknown, clientOrderIdOf: (id: string) => string | null): OrderViewResult<OrderLookup> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'order is not an object' };
  const o = raw as Obj;
  if (typeof o.id !== 'string' || o.id === '') return { ok: false, reason: 'order id is missing' };
  const where = `order ${o.id}: `;
  const a = amounts(o, where);
  if (!a.ok) return a;
  let state = orderState(o.status, o.type);
  if (state === null) {
    if (o.status !== undefined) return { ok: false, reason: `${where}status ${JSON.stringify(o.status)} is not an order status` };
    state = new Money(a.value.matched).gte(a.value.original) ? 'executed' : 'resting';
  }
  return {
    ok: true,
    value: {
      venueOrderId: o.id,
      clientOrderId: clientOrderIdOf(o.id),
      state,
      filledQty: a.value.matched,
      remainingQty: state === 'resting' ? remaining(a.value.original, a.value.matched) : '0',
    },
  };
}

export function openOrderOf(raw: unknown, registry: MarketRegistry, clientOrderIdOf: (id: string) => string | null): OrderViewResult<OpenOrder> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'order is not an object' };
  const o = raw as Obj;
  if (typeof o.id !== 'string' || o.id === '') return { ok: false, reason: 'order id is missing' };
  const where = `order ${o.id}: `;
  if (typeof o.market !== 'string' || o.market === '') return { ok: false, reason: `${where}market is missing` };
  if (typeof o.asset_id !== 'string') return { ok: false, reason: `${where}asset_id is missing` };
  if (o.side !== 'BUY' && o.side !== 'SELL') return { ok: false, reason: `${where}side ${JSON.stringify(o.side)}` };
  if (typeof o.price !== 'string' || !DECIMAL.test(o.price)) return { ok: false, reason: `${where}price ${JSON.stringify(o.price)}` };
  const a = amounts(o, where);
  if (!a.ok) return a;
  let outcome: Outcome | null = registry.byToken(o.asset_id)?.outcome ?? null;
  if (outcome === null && typeof o.outcome === 'string') {
    const l = o.outcome.trim().toLowerCase();
    if (l === 'yes' || l === 'no') outcome = l;
  }
  if (outcome === null) return { ok: false, reason: `${where}asset ${o.asset_id} is not a known YES/NO token` };
  return {
    ok: true,
    value: {
      venueOrderId: o.id,
      clientOrderId: clientOrderIdOf(o.id),
      market: marketRef('polymarket', o.market),
      outcome,
      side: o.side === 'BUY' ? 'buy' : 'sell',
      price: o.price,
      remainingQty: remaining(a.value.original, a.value.matched),
    },
  };
}
