// Each venue's local order rules, by the market's venue: what paper trading refuses exactly as the
// venue it stands in for would (the live connectors apply the same rules in their own pre-flight).
import { kalshiOrderProblem } from './kalshi/orderRules';
import { polymarketOrderProblem } from './polymarket/orderRules';
import type { MarketInfo, OrderShape } from './venue';

export function venueOrderProblem(order: OrderShape, market: MarketInfo): string | null {
  return market.venue === 'kalshi' ? kalshiOrderProblem(order, market) : polymarketOrderProblem(order, market, market.tickSize);
}
