// The opportunity object of `arbdesk scan` / `arbdesk replay` (spec §7): exact decimal strings.
import type { StrategyId } from '../../shared/contract/primitives';
import type { MarketRef, Outcome } from '../../shared/ids';
import type { SizedBasket } from './basket';
import { formatMoney, formatPriceTicks, formatQuotient } from '../../shared/unitText';

export interface SpecLeg {
  market: MarketRef;
  outcome: Outcome;
  size: number;
  cost: string;
  fee: string;
  avgPrice: string;
  worstPrice: string;
}

export interface SpecOpportunity {
  strategy: StrategyId;
  legs: SpecLeg[];
  size: number;
  payout: string;
  cost: string;
  fees: string;
  netProfit: string;
}

export function toSpecOpportunity(o: SizedBasket): SpecOpportunity {
  return {
    strategy: o.basket.strategy,
    legs: o.basket.legs.map((leg, i) => {
      const fill = o.fills[i]!;
      return {
        market: leg.market,
        outcome: leg.outcome,
        size: o.size,
        cost: formatMoney(fill.cost),
        fee: formatMoney(fill.fee),
        avgPrice: formatQuotient(fill.cost, o.size),
        worstPrice: formatPriceTicks(fill.worstPrice),
      };
    }),
    size: o.size,
    payout: formatMoney(o.payout),
    cost: formatMoney(o.cost),
    fees: formatMoney(o.fees),
    netProfit: formatMoney(o.netProfit),
  };
}
