import type { PositionsView, StrategyId } from '../../../shared/contract';
import { compareDecimal } from '../lib/decimal';

type Basket = PositionsView['baskets'][number];

export const STRATEGY_LABEL: Record<StrategyId, string> = {
  single_market: 'Single market',
  cross_venue: 'Cross venue',
  multi_outcome: 'Multi outcome',
  conditional: 'Conditional',
};

export const STATUS_LABEL: Record<Basket['status'], string> = {
  open: 'Open',
  unhedged: 'UNHEDGED',
  partially_settled: 'Partly settled',
  settled: 'Settled',
  closed: 'Closed',
};

/** A basket holding contracts beyond its complete sets: directional risk the trader must see and may unwind. */
export function isUnhedged(b: Basket): boolean {
  if (b.status === 'closed' || b.status === 'settled') return false;
  return b.status === 'unhedged' || compareDecimal(b.unmatched, '0') > 0;
}
