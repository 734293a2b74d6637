// What Kalshi refuses of an order before it is matched, checked locally: counts are fixed-point
// with 2 decimals, in whole contracts unless the market enables fractional trading (venues.md
// §1.4.1 `count`, §1.6; openapi CreateOrderV2Request), at least the market's minimum, at a price
// strictly between $0 and $1. The price grid is not checked here: a tapered grid allows finer steps
// near the edges than the one step valid everywhere that MarketInfo.tickSize names, and the
// executor's limits are always prices the book itself showed.
import { PRICE_ONE, QTY_ONE, formatPrice, formatQty, type Qty } from '../../../shared/units';
import type { MarketInfo, OrderShape } from '../venue';

export function kalshiOrderProblem(order: OrderShape, market: Pick<MarketInfo, 'minOrderSize' | 'ref'>): string | null {
  if (!Number.isSafeInteger(order.qty) || order.qty <= 0) return `${formatQty(Math.max(0, order.qty || 0) as Qty)} is not a positive number of contracts`;
  const fractional = market.minOrderSize < QTY_ONE;
  if (!fractional && order.qty % QTY_ONE !== 0) return `${formatQty(order.qty)} contracts: ${market.ref} trades whole contracts only`;
  if (order.qty < market.minOrderSize) return `${formatQty(order.qty)} contracts is below the Kalshi minimum of ${formatQty(market.minOrderSize)}`;
  if (!(order.limitPrice > 0 && order.limitPrice < PRICE_ONE)) return `price ${formatPrice(order.limitPrice)} is not strictly between $0 and $1`;
  return null;
}
