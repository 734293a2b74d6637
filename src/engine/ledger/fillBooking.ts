// Booking one fill, inside the ledger's transaction: the fill once (a replay changes nothing, a
// different report of the same fill is a conflict), the order's filled quantity and status, the
// leg's position, and the realised P&L of a sale.
import type { Decimal } from 'decimal.js';
import { Money, ZERO } from '../../shared/money';
import { type LegState, applyBuy, applySell } from './accounting';
import { LedgerError } from './errors';
import { basketRealised, holdingOf } from './holdings';
import { type FillRow, type OrderRow, exactText, fromLegState, toFill, toLegState } from './rows';
import type { prepareStatements } from './statements';
import type { FillOutcome, HoldingChange, Realisation } from './types';
import { invalid } from './validate';

export type BookedFill = { kind: 'recorded'; order: OrderRow; holding: HoldingChange; realisation: Realisation | null; overfilled: boolean; oversold: Decimal };

export interface FillToBook {
  mode: string;
  venue: string;
  fillId: string;
  cid: string;
  qty: Decimal;
  price: Decimal;
  fee: Decimal;
  row: FillRow;
  now: number;
}

/** Run inside a transaction. */
export function bookFill(q: ReturnType<typeof prepareStatements>, f: FillToBook): BookedFill | FillOutcome {
  const { fillId, cid, qty, price, fee, now } = f;
  const fillRow = f.row;
  const existing = q.fill.get(f.venue, fillId);
  if (existing) {
    const same = existing.client_order_id === cid && new Money(existing.qty).eq(qty) && new Money(existing.price).eq(price) && new Money(existing.fee).eq(fee);
    return same
      ? { status: 'duplicate', fill: toFill(existing) }
      : { status: 'conflict', fill: toFill(existing), reason: `fill ${f.venue}:${fillId} was recorded as ${existing.qty} @ ${existing.price} (fee ${existing.fee}) on order ${existing.client_order_id}; now reported as ${fillRow.qty} @ ${fillRow.price} (fee ${fillRow.fee}) on ${cid}` };
  }
  const order = q.order.get(cid);
  if (!order) throw new LedgerError('unknown_order', 'fill.clientOrderId', `fill.clientOrderId: no order "${cid}" in the ${f.mode} ledger`);
  if (order.venue !== f.venue) throw invalid('fill.venue', `order "${cid}" went to ${order.venue}, not ${f.venue}`);
  q.insertFill.run(fillRow);

  const before = toLegState(q.position.get(order.basket_id, order.leg_index)!);
  let after: LegState;
  let realised: Decimal = ZERO;
  let oversold: Decimal = ZERO;
  if (order.side === 'buy') {
    after = applyBuy(before, qty, price, fee);
  } else {
    const sale = applySell(before, qty, price, fee);
    after = sale.leg;
    realised = sale.realised;
    oversold = sale.oversold;
  }
  q.updatePosition.run(fromLegState(order.basket_id, order.leg_index, after, now));

  const filled = new Money(order.filled_qty).plus(qty);
  const overfilled = filled.gt(order.qty);
  let status = order.status;
  let isFinal = order.is_final;
  if (isFinal === 0) {
    status = filled.gte(order.qty) ? 'filled' : 'partially_filled';
    isFinal = status === 'filled' ? 1 : 0;
  }
  const updated: OrderRow = { ...order, filled_qty: exactText(filled), status, is_final: isFinal, updated_at: now };
  q.updateOrder.run(updated);
  if (status !== order.status) q.insertOrderEvent.run({ client_order_id: cid, at: now, status, detail: `fill ${fillId}` });

  let realisation: Realisation | null = null;
  if (order.side === 'sell') {
    q.insertPnl.run({ at: now, basket_id: order.basket_id, leg_index: order.leg_index, venue: order.venue, kind: 'sale', amount: exactText(realised) });
    realisation = { basketId: order.basket_id, at: now, kind: 'sale', delta: realised, basketRealised: basketRealised(q, order.basket_id) };
  }
  const holding = holdingOf(updated, after);
  return { kind: 'recorded', order: updated, holding, realisation, overfilled, oversold };
}
