// Who may trade a venue, and which of them the trader may use. Some venues serve one side of the
// US border only: international Polymarket blocks US persons; Polymarket US serves verified US
// residents only. A trader is one or the other (or, rarely, holds accounts on both sides), so a
// basket must never pair venues the trader cannot both legally use (issue 20).
import type { VenueId } from '../../shared/ids';
import type { TraderJurisdiction, VenueJurisdiction } from '../../shared/jurisdiction';

export type { TraderJurisdiction, VenueJurisdiction } from '../../shared/jurisdiction';

/** Whether the setting lets the trader use this venue at all (with `both`, keys decide at start). */
export function jurisdictionAllows(venue: { jurisdiction?: VenueJurisdiction }, trader: TraderJurisdiction): boolean {
  return venue.jurisdiction === undefined || trader === 'both' || venue.jurisdiction === trader;
}

/**
 * Why the trader may not run this venue, or null. With `both`, a restricted venue runs only with
 * the trader's own keys: then any basket mixing the two sides is between two accounts the trader
 * holds.
 */
export function jurisdictionProblem(venue: { id: VenueId; name: string; jurisdiction?: VenueJurisdiction }, trader: TraderJurisdiction, keysSet: boolean): string | null {
  const j = venue.jurisdiction;
  if (j === undefined) return null;
  // Worded for the trader: the choice is Settings → Where you trade (settings.traderJurisdiction).
  if (trader === 'both') return keysSet ? null : `${venue.name} is off until its keys are set: with Settings → Where you trade on "Both", each venue restricted by the US border runs only on your own keys (a basket pairs the two sides only when both accounts are yours)`;
  if (j === trader) return null;
  return j === 'us'
    ? `${venue.name} is off: it serves US residents only, and Settings → Where you trade says outside the US`
    : `${venue.name} is off: it does not serve US persons, and Settings → Where you trade says in the US`;
}
