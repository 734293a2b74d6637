// Engine opportunities → the contract `Opportunity` pushed to the UI (src/shared/contract).
import type { BookView } from '../../shared/contract/market';
import { capitalReturn } from '../../shared/capital';
import type { CapitalLock, Opportunity } from '../../shared/contract/opportunity';
import type { VenueId } from '../../shared/ids';
import type { AskLadder, BidLadder } from '../books/ladders';
import type { AnyMarketBook } from '../books/marketBook';
import type { Basket, SizedBasket } from './basket';
import { formatContracts, formatMoney, formatPriceTicks, formatQuotient } from '../../shared/unitText';
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
      ...(leg.spec.label ? { label: leg.spec.label } : {}),
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
    ...capitalOf(o),
  };
}

/**
 * Capital and time of a sized basket: its legs' cost and fees per venue, the latest of their
 * resolution times, and the return on that capital (annualised as of when its figures were set).
 */
export function capitalOf(o: Pick<SizedBasket, 'basket' | 'fills' | 'netProfit' | 'updatedAt'>): Pick<Opportunity, 'resolveBy' | 'capital' | 'returnOnCapital' | 'annualisedReturn'> {
  const byVenue = new Map<VenueId, number>();
  let resolveBy: number | null = 0;
  o.basket.legs.forEach((leg, i) => {
    const f = o.fills[i]!;
    byVenue.set(leg.book.venue, (byVenue.get(leg.book.venue) ?? 0) + f.cost + f.fee);
    const r = leg.spec.resolveBy ?? null;
    resolveBy = resolveBy === null || r === null ? null : Math.max(resolveBy, r);
  });
  const total = [...byVenue.values()].reduce((a, b) => a + b, 0);
  const capital: CapitalLock[] = [...byVenue].map(([venue, micros]) => ({ venue, amount: formatMoney(micros) }));
  return { resolveBy, capital, ...capitalReturn(formatMoney(o.netProfit), formatMoney(total), resolveBy, o.updatedAt) };
}

/** A scan delta as the contract's `opportunities` event: upserts (opened and updated) and removed ids. */
export function toContractDelta(delta: ScanDelta): { upserts: Opportunity[]; removed: string[] } {
  return {
    upserts: [...delta.opened, ...delta.updated].map(toContractOpportunity),
    removed: delta.closed.map((b: Basket) => b.id),
  };
}

/** A market's book as the contract's `BookView`: bids and asks of each outcome, best first. */
export function toBookView(book: AnyMarketBook, depth = 50): BookView {
  const side = (ladder: AskLadder | BidLadder): [string, string][] => {
    const out: [string, string][] = [];
    for (let i = 0; i < Math.min(depth, ladder.levelCount); i++) out.push([formatPriceTicks(ladder.priceAt(i)), formatContracts(ladder.qtyAt(i))]);
    return out;
  };
  const healths = [book.yes.health, book.no.health];
  const health = healths.includes('unknown') ? 'unknown' : healths.includes('stale') ? 'stale' : 'live';
  return {
    market: book.ref,
    venue: book.venue,
    title: book.title,
    health,
    updatedAt: book.updatedAt,
    yes: { bids: side(book.yes.bids), asks: side(book.yes.asks) },
    no: { bids: side(book.no.bids), asks: side(book.no.asks) },
  };
}
