// The venues the engine can run: one line per venue (DESIGN.md "Extension-host pattern"). Each
// factory turns a resolved connection (endpoints + credentials) into a `Venue`.
import type { VenueId } from '../../shared/ids';
import type { Clock } from '../platform/clock';
import { kalshiVenue } from '../venues/kalshi';
import { polymarketVenue } from '../venues/polymarket';
import type { Venue } from '../venues/venue';
import type { KalshiConnection, PolymarketConnection, VenueConnection } from './connections';

export interface VenueContext {
  clock: Clock;
  /** Diagnostics (stderr under serve); never given secrets. */
  log: (message: string) => void;
}

export interface VenueRegistry {
  kalshi?: (connection: KalshiConnection, context: VenueContext) => Venue;
  polymarket?: (connection: PolymarketConnection, context: VenueContext) => Venue;
}

/** Builds the venue a connection is for. */
export function createVenue(registry: VenueRegistry, connection: VenueConnection, context: VenueContext): Venue {
  if (connection.venue === 'kalshi') {
    if (!registry.kalshi) throw new Error('no Kalshi connector is registered');
    return registry.kalshi(connection, context);
  }
  if (!registry.polymarket) throw new Error('no Polymarket connector is registered');
  return registry.polymarket(connection, context);
}

export function registeredVenues(registry: VenueRegistry): VenueId[] {
  return (['kalshi', 'polymarket'] as const).filter((id) => registry[id] !== undefined);
}

/** Connector diagnostics go to the host's log at info and above. */
const venueLog = (name: string, log: (m: string) => void) => (level: string, message: string) => {
  if (level !== 'debug') log(`${name} ${level}: ${message}`);
};

export const VENUE_REGISTRY: VenueRegistry = {
  kalshi: (c, { clock, log }) =>
    kalshiVenue.create({
      environment: c.environment,
      endpoints: { rest: c.rest, ws: c.ws },
      credentials: c.credentials ? { keyId: c.credentials.keyId, privateKeyPem: c.credentials.privateKeyPem.reveal() } : null,
      clock,
      log: venueLog('Kalshi', log),
    }),
  polymarket: (c, { clock, log }) =>
    polymarketVenue.create({
      environment: c.environment,
      endpoints: { clob: c.clob, gamma: c.gamma, ws: c.ws, userWs: c.userWs },
      chainId: c.chainId,
      credentials: c.credentials ? { privateKey: c.credentials.privateKey.reveal() } : null,
      clock,
      log: venueLog('Polymarket', log),
    }),
};
