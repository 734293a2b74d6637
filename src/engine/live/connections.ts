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

export interface KalshiConnection {
  venue: 'kalshi';
  environment: VenueEnvironment;
  /** REST base, e.g. https://…/trade-api/v2. */
  rest: string;
  /** Market WebSocket, e.g. wss://…/trade-api/ws/v2. */
  ws: string;
  /** Key id and RSA private key (PEM). Kalshi's WebSocket needs a signed upgrade, so data needs them too. */
  credentials: { keyId: string; privateKeyPem: Redacted } | null;
}

export interface PolymarketConnection {
  venue: 'polymarket';
  environment: VenueEnvironment;
  clob: string;
  gamma: string;
  /** Market channel WebSocket. */
  ws: string;
  /** User channel WebSocket (fills). */
  userWs: string;
  chainId: number;
  /** Wallet private key (0x…); API credentials are derived from it. Null: market data only. */
  credentials: { privateKey: Redacted } | null;
}

export type VenueConnection = KalshiConnection | PolymarketConnection;

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

/** The environments each venue offers. */
export const VENUE_ENVIRONMENTS: Record<VenueId, readonly VenueEnvironment[]> = {
  kalshi: ['production', 'demo', 'simulator'],
  polymarket: ['production', 'simulator'],
};

export const VENUE_NAMES: Record<VenueId, string> = { kalshi: 'Kalshi', polymarket: 'Polymarket' };
