// What Polymarket refuses of an order before it is matched, checked locally with the market's
// current tick (the feed's tick_size_change moves it: venues.md §2.4):
// - amounts the venue can express at the tick (amounts.ts: a marketable BUY's pUSD has 2
//   decimals and its shares 4 — clob-client-v2 ROUNDING_CONFIG / getMarketOrderRawAmounts and the
//   venue's "invalid amounts … max accuracy" error; 5 shares at 0.965 on a 0.001 tick cannot be);
// - at least the market's minimum size in shares (`min_order_size`, typically 5: "Size (1.08) lower
//   than the minimum: 5", Polymarket/py-clob-client#301);
// - a marketable BUY of at least $1 (market orders have a $1 minimum amount: reported in
//   nautechsystems/nautilus_trader#3874 and JKorf/Polymarket.Net#27; not in the official docs);
// - a price within [tick, 1 − tick].
import { formatQty, type Price } from '../../../shared/units';
import type { MarketInfo, OrderShape } from '../venue';
import { formatAmount, orderAmounts } from './amounts';

const TIME_IN_FORCE = { ioc: 'FAK', fok: 'FOK', gtc: 'GTC' } as const;
/** $1 in 10^-6 pUSD: the smallest marketable BUY. */
const MIN_MARKET_BUY = 1_000_000n;

export function polymarketOrderProblem(order: OrderShape, market: Pick<MarketInfo, 'minOrderSize'>, tick: Price): string | null {
  if (order.qty < market.minOrderSize) return `size ${formatQty(order.qty)} is below the market's minimum of ${formatQty(market.minOrderSize)} shares`;
  const type = TIME_IN_FORCE[order.timeInForce];
  const side = order.side === 'buy' ? 'BUY' : 'SELL';
  const amounts = orderAmounts({ side, type, price: order.limitPrice, qty: order.qty, tick });
  if (!amounts.ok) return amounts.reason;
  if (side === 'BUY' && type !== 'GTC' && amounts.value.makerAmount < MIN_MARKET_BUY) {
    return `a marketable BUY of $${formatAmount(amounts.value.makerAmount)} is below Polymarket's $1 minimum`;
  }
  return null;
}
