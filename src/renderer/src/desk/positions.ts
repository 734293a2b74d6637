import type { PositionsView } from '../../../shared/contract';
import { compareDecimal } from '../lib/decimal';

type Basket = PositionsView['baskets'][number];

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
