// Display labels derived in one place: strategies, venues, and how a leg is named. Views import
// these rather than spelling labels themselves, so wording stays consistent everywhere.
import type { OpportunityLeg, StrategyId } from '../../../shared/contract';
import { nameParts } from '../names/marketNames';
import { venueName } from '../names/venues';

export const STRATEGY_LABEL: Record<StrategyId, string> = {
  single_market: 'Single market',
  cross_venue: 'Cross venue',
  multi_outcome: 'Multi outcome',
  conditional: 'Conditional',
};

/** Short enough for the table's strategy column; the full label is the cell's title. */
export const STRATEGY_SHORT: Record<StrategyId, string> = {
  single_market: 'Single',
  cross_venue: 'Cross',
  multi_outcome: 'Multi',
  conditional: 'Ladder',
};

/** "YES Highest temperature in Brightwater ≥ 88° · Sep 12 '31 (Kalshi)": a leg in one line of text (accessible names, titles). */
export function legLabel(leg: Pick<OpportunityLeg, 'outcome' | 'market' | 'venue' | 'title' | 'label'>): string {
  return `${leg.outcome.toUpperCase()} ${nameParts(leg).name} (${venueName(leg.venue)})`;
}
