// Where each venue runs, resolved the same way by `arbdesk serve`, `arbdesk record` and Electron
// main: the trader's selection (production by default; Kalshi also has demo) with keys from the
// keychain, or — when the selection is the simulator, or the venue's keys are absent — the
// built-in simulator, started once as a child process. Keys are read here and handed to the
// engine wrapped (Redacted); nothing here logs them.
import type { VenueEnvironment } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';
import { Redacted, type ResolvedVenue, type VenueConnection, type VenueConnectionResolver } from '../../engine/live/connections';
import type { SecretStore } from '../../engine/secrets/secretStore';
import type { SimulatorEndpoints } from '../simulator/simulatorProcess';
import { SimulatorSupervisor, type SimulatorSupervisorOptions } from '../simulator/simulatorSupervisor';
import { KALSHI_ENDPOINTS, POLYMARKET_ENDPOINTS } from './endpoints';

type Keys = { venue: 'kalshi'; keyId: string; privateKeyPem: string } | { venue: 'polymarket'; privateKey: string };

async function readKeys(secrets: SecretStore, venue: VenueId): Promise<Keys | null> {
  try {
    if (!(await secrets.status()).available) return null;
    if (venue === 'kalshi') {
      const [keyId, privateKeyPem] = await Promise.all([secrets.get('kalshi.keyId'), secrets.get('kalshi.privateKey')]);
      return keyId && privateKeyPem ? { venue, keyId, privateKeyPem } : null;
    }
    const privateKey = await secrets.get('polymarket.privateKey');
    return privateKey ? { venue, privateKey } : null;
  } catch {
    // A keychain that cannot be read is a keychain without keys: the simulator runs instead.
    return null;
  }
}

/** The simulator's endpoints and test credentials, as `arbdesk sim` prints them. */
type SimEndpointsLike = {
  kalshi: Pick<SimulatorEndpoints['kalshi'], 'rest' | 'ws' | 'keyId' | 'privateKeyPem'>;
  polymarket: Pick<SimulatorEndpoints['polymarket'], 'clob' | 'gamma' | 'ws' | 'userWs' | 'privateKey' | 'chainId'>;
  admin?: string;
};

export function simulatorConnection(venue: VenueId, sim: SimEndpointsLike): VenueConnection {
  if (venue === 'kalshi') {
    return {
      venue,
      environment: 'simulator',
      rest: sim.kalshi.rest,
      ws: sim.kalshi.ws,
      credentials: { keyId: sim.kalshi.keyId, privateKeyPem: new Redacted(sim.kalshi.privateKeyPem) },
    };
  }
  return {
    venue,
    environment: 'simulator',
    clob: sim.polymarket.clob,
    gamma: sim.polymarket.gamma,
    ws: sim.polymarket.ws,
    userWs: sim.polymarket.userWs,
    chainId: sim.polymarket.chainId,
    credentials: { privateKey: new Redacted(sim.polymarket.privateKey) },
  };
}

function venueConnection(keys: Keys, environment: VenueEnvironment): VenueConnection {
  if (keys.venue === 'kalshi') {
    const endpoints = environment === 'demo' ? KALSHI_ENDPOINTS.demo : KALSHI_ENDPOINTS.production;
    return {
      venue: 'kalshi',
      environment: environment === 'demo' ? 'demo' : 'production',
      ...endpoints,
      credentials: { keyId: keys.keyId, privateKeyPem: new Redacted(keys.privateKeyPem) },
    };
  }
  return { venue: 'polymarket', environment: 'production', ...POLYMARKET_ENDPOINTS.production, credentials: { privateKey: new Redacted(keys.privateKey) } };
}

const NAMES: Record<VenueId, string> = { kalshi: 'Kalshi', polymarket: 'Polymarket' };

export class HostVenueResolver implements VenueConnectionResolver {
  constructor(
    private readonly secrets: SecretStore,
    private readonly simulator: Pick<SimulatorSupervisor, 'endpoints'>,
    /** Every venue runs against the simulator (an external one the host was pointed at). */
    private readonly simulatorOnly = false,
  ) {}

  async resolve(venue: VenueId, selected: VenueEnvironment): Promise<ResolvedVenue> {
    const keys = await readKeys(this.secrets, venue);
    // Polymarket has no demo: a stale setting falls back to production.
    const environment: VenueEnvironment = venue === 'polymarket' && selected === 'demo' ? 'production' : selected;
    if (environment === 'simulator' || keys === null || this.simulatorOnly) {
      const sim = await this.simulator.endpoints();
      const note = environment === 'simulator' || this.simulatorOnly ? null : `no ${NAMES[venue]} keys in the keychain: running against the simulator`;
      return { connection: simulatorConnection(venue, sim), selected, keysSet: keys !== null, note, simulatorAdmin: sim.admin ?? null };
    }
    return { connection: venueConnection(keys, environment), selected, keysSet: true, note: null };
  }
}

export interface HostVenues {
  resolver: HostVenueResolver;
  simulator: SimulatorSupervisor;
  /** Stops the simulator (if it was started). */
  close(): Promise<void>;
}

export function createHostVenues(options: { secrets: SecretStore } & SimulatorSupervisorOptions): HostVenues {
  const simulator = new SimulatorSupervisor(options);
  return {
    resolver: new HostVenueResolver(options.secrets, simulator, options.external !== undefined),
    simulator,
    close: () => simulator.stop(),
  };
}
