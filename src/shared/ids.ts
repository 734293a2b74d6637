export const VENUE_IDS = ['kalshi', 'polymarket'] as const;
export type VenueId = (typeof VENUE_IDS)[number];

export const OUTCOMES = ['yes', 'no'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A market named `venue:id`: `kalshi:<market ticker>` or `polymarket:<conditionId>`. */
export type MarketRef = `${VenueId}:${string}`;

export function isVenueId(value: unknown): value is VenueId {
  return value === 'kalshi' || value === 'polymarket';
}

export function marketRef(venue: VenueId, id: string): MarketRef {
  return `${venue}:${id}`;
}

export function parseMarketRef(ref: string): { venue: VenueId; id: string } | null {
  const colon = ref.indexOf(':');
  if (colon <= 0 || colon === ref.length - 1) return null;
  const venue = ref.slice(0, colon);
  return isVenueId(venue) ? { venue, id: ref.slice(colon + 1) } : null;
}

export function otherOutcome(outcome: Outcome): Outcome {
  return outcome === 'yes' ? 'no' : 'yes';
}
