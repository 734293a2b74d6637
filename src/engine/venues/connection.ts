// Where a venue runs and with which credentials. The host resolves these (keychain, simulator
// process) and hands them to the engine; the engine hands them to the venue's connector. Secrets
// travel wrapped so that logging or serialising a connection never prints them.
import { inspect } from 'node:util';
import type { VenueEnvironment } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';

/** A secret value that prints as "[redacted]" (JSON, console, util.inspect, string templates). */
export class Redacted {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return '[redacted]';
  }
}

/** One venue's connection: its environment's endpoints and the keys it trades with. */
export interface VenueConnection {
  venue: VenueId;
  environment: VenueEnvironment;
  /** The environment's endpoints, named as the venue's manifest names them (the simulator's when it runs there). */
  endpoints: Readonly<Record<string, string | number>>;
  /** The venue's keys by VenueSecret.key, wrapped; null: market data only. */
  credentials: Readonly<Record<string, Redacted>> | null;
}

export interface ResolvedVenue {
  connection: VenueConnection;
  /** The environment the trader selected; the connection's may differ (simulator without keys). */
  selected: VenueEnvironment;
  /** The venue's keys are in the keychain. */
  keysSet: boolean;
  /** Why the connection differs from the selection, for the venues pane. */
  note: string | null;
  /** The built-in simulator's admin endpoint, when the connection is the simulator (demo speed, its own truth). */
  simulatorAdmin?: string | null;
}

/**
 * Implemented by the host: turns a venue and the trader's selected environment into endpoints and
 * credentials (keychain for production and demo; the simulator, started on demand, otherwise).
 */
export interface VenueConnectionResolver {
  resolve(venue: VenueId, selected: VenueEnvironment): Promise<ResolvedVenue>;
}

/** A connection's endpoint as text; throws naming the venue and endpoint when it is missing. */
export function endpoint(connection: VenueConnection, name: string): string {
  const value = connection.endpoints[name];
  if (value === undefined || value === '') throw new Error(`${connection.venue}: the ${connection.environment} connection has no "${name}" endpoint`);
  return String(value);
}
