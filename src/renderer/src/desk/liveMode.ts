import type { SecretsStatus, VenueManifestView } from '../../../shared/contract';
import { venueManifests } from '../names/venues';

/** What the trader types to switch to live trading (the engine checks the same phrase). */
export const LIVE_PHRASE = 'LIVE';

/** Live trading needs at least one venue's complete keys: every key its manifest lists. */
export function liveKeysPresent(secrets: SecretsStatus, venues: readonly VenueManifestView[] = venueManifests()): boolean {
  return venues.some((v) => v.secrets.length > 0 && v.secrets.every((s) => secrets.set[s.name] === true));
}
