import type { OpportunityLeg, StrategyId } from '../../../shared/contract';
import type { VenueId } from '../../../shared/ids';

export const STRATEGY_LABEL: Record<StrategyId, string> = {
  single_market: 'Single market',
  cross_venue: 'Cross venue',
  multi_outcome: 'Multi outcome',
  conditional: 'Conditional',
};

export const VENUE_LABEL: Record<VenueId, string> = { kalshi: 'Kalshi', polymarket: 'Polymarket' };
export const VENUE_SHORT: Record<VenueId, string> = { kalshi: 'K', polymarket: 'P' };

/** The venue's own market id, shortened in the middle when it is a long hex condition id. */
export function shortMarket(market: string): string {
  const id = market.slice(market.indexOf(':') + 1);
  return id.length > 22 ? `${id.slice(0, 10)}…${id.slice(-6)}` : id;
}

/** "YES KXBTC-25 (Kalshi)": how a leg is named on screen and in accessible names. */
export function legLabel(leg: Pick<OpportunityLeg, 'outcome' | 'market' | 'venue'>): string {
  return `${leg.outcome.toUpperCase()} ${shortMarket(leg.market)} (${VENUE_LABEL[leg.venue]})`;
}
