// Engine opportunities → the contract `Opportunity` pushed to the UI (src/shared/contract).
import type { Opportunity } from '../../shared/contract/opportunity';
import type { Basket, SizedBasket } from './basket';
import { formatMoney, formatPriceTicks, formatQuotient } from './format';
import type { ScanDelta } from './scanner';

/** The contract's decimal strings carry at most 12 decimals; averages are rounded half up there. */
const CONTRACT_DECIMALS = { fraction: 12 } as const;

export function toContractOpportunity(o: SizedBasket): Opportunity {
  const legs = o.basket.legs.map((leg, i) => {
    const fill = o.fills[i]!;
    return {
      market: leg.market,
      venue: leg.book.venue,
      title: leg.spec.title,
      outcome: leg.outcome,
      size: o.size,
      cost: formatMoney(fill.cost),
      fee: formatMoney(fill.fee),
      avgPrice: formatQuotient(fill.cost, o.size, CONTRACT_DECIMALS),
      worstPrice: formatPriceTicks(fill.worstPrice),
      health: leg.side.health,
    };
  });
  return {
    id: o.basket.id,
    strategy: o.basket.strategy,
    legs,
    size: o.size,
    payout: formatMoney(o.payout),
    cost: formatMoney(o.cost),
    fees: formatMoney(o.fees),
    netProfit: formatMoney(o.netProfit),
    edge: formatQuotient(o.netProfit, o.size, CONTRACT_DECIMALS),
    firstSeenAt: o.openedAt,
    updatedAt: o.updatedAt,
    stale: legs.some((l) => l.health !== 'live'),
  };
}

/** A scan delta as the contract's `opportunities` event: upserts (opened and updated) and removed ids. */
export function toContractDelta(delta: ScanDelta): { upserts: Opportunity[]; removed: string[] } {
  return {
    upserts: [...delta.opened, ...delta.updated].map(toContractOpportunity),
    removed: delta.closed.map((b: Basket) => b.id),
  };
}
