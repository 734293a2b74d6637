// What Polymarket US refuses of an order before matching, checked locally (paper refuses it too):
// - a YES price from 0.01 to 0.99 (docs orders/overview.md: outside it "you will still receive an
//   orderID, but the order will never fill": refusing locally keeps that trap off the order path);
// - on the market's `orderPriceMinTickSize` grid (reject reason INVALID_PRICE_INCREMENT);
// - a quantity of at least `minimumTradeQty`, in its steps: whole contracts where the minimum is
//   1 or more, hundredths below ("Supports decimal quantities on markets whose minimumTradeQty is
//   less than 1": create-order.md; reject reason INCORRECT_QUANTITY).
// The NO side is the YES book's mirror, so a NO price is on the grid exactly when 1 − it is.
import { QTY_ONE, formatPrice, formatQty, type Price, type Qty } from '../../../shared/units';
import type { MarketInfo, OrderShape } from '../venue';
import { yesPriceOf } from './orderMapping';

const MIN_PRICE = 100 as Price;
const MAX_PRICE = 9_900 as Price;

export function pmUsLot(market: Pick<MarketInfo, 'minOrderSize'>): Qty {
  return (market.minOrderSize >= QTY_ONE ? QTY_ONE : 1) as Qty;
}

export function pmUsOrderProblem(order: OrderShape, market: Pick<MarketInfo, 'minOrderSize' | 'tickSize'>): string | null {
  if (!Number.isSafeInteger(order.qty) || order.qty <= 0) return 'quantity is not a positive number of contracts';
  const lot = pmUsLot(market);
  if (order.qty % lot !== 0) return `${formatQty(order.qty)} contracts: this market trades whole contracts only`;
  if (order.qty < market.minOrderSize) return `${formatQty(order.qty)} contracts is below the market's minimum of ${formatQty(market.minOrderSize)}`;
  if (!Number.isSafeInteger(order.limitPrice)) return 'price is not on the $0.0001 grid';
  const yes = yesPriceOf(order);
  if (yes < MIN_PRICE || yes > MAX_PRICE) return `YES price ${formatPrice(yes)} is outside Polymarket US's 0.01–0.99`;
  if (market.tickSize > 0 && yes % market.tickSize !== 0) return `YES price ${formatPrice(yes)} is not on the market's ${formatPrice(market.tickSize)} tick`;
  return null;
}
