// The venues the engine can run: one line per venue (DESIGN.md "Extension-host pattern"). Each
// factory turns a resolved connection (endpoints + credentials) into a `Venue`.
import type { VenueId } from '../../shared/ids';
import type { Clock } from '../clock';
import type { Venue } from '../venues/venue';
import type { VenueConnection } from './connections';

export interface VenueContext {
  clock: Clock;
  /** Diagnostics (stderr under serve); never given secrets. */
  log: (message: string) => void;
}

export type VenueFactory = (connection: VenueConnection, context: VenueContext) => Venue;
export type VenueRegistry = Partial<Record<VenueId, VenueFactory>>;

export const VENUE_REGISTRY: VenueRegistry = {};
