// Where each venue runs, resolved the same way by `arbdesk serve`, `arbdesk record` and Electron
// main: the trader's selection (production by default, or another environment the venue's
// manifest offers) with keys from the keychain, or — when the selection is the simulator, or the
// venue's keys are absent — the built-in simulator, started once as a child process. Every venue
// is resolved the same way from its manifest; keys are read here and handed to the engine wrapped
// (Redacted); nothing here logs them.
import type { VenueEnvironment } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';
import { Redacted, secretName, venueRegistry, type ResolvedVenue, type SecretStore, type VenueConnection, type VenueConnectionResolver, type VenueRegistry } from '../../engine';
import type { SimulatorEndpoints } from '../simulator/simulatorProcess';
import { SimulatorSupervisor, type SimulatorSupervisorOptions } from '../simulator/simulatorSupervisor';

/** The venue's keys by VenueSecret.key, or null unless every one is in the keychain. */
async function readKeys(secrets: SecretStore, venues: VenueRegistry, venue: VenueId): Promise<Record<string, string> | null> {
  try {
    if (!(await secrets.status()).available) return null;
    const wanted = venues.get(venue).manifest.secrets;
    if (wanted.length === 0) return null;
    const values = await Promise.all(wanted.map((s) => secrets.get(secretName(venue, s.key))));
    if (values.some((v) => !v)) return null;
    return Object.fromEntries(wanted.map((s, i) => [s.key, values[i]!]));
  } catch {
    // A keychain that cannot be read is a keychain without keys: the simulator runs instead.
    return null;
  }
}

const wrap = (keys: Readonly<Record<string, string>>): Record<string, Redacted> => Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, new Redacted(v)]));

/** The simulator's endpoints and test credentials, as `arbdesk sim` prints them (one entry per venue it simulates). */
type SimEndpointsLike = Pick<SimulatorEndpoints, 'admin'> & Readonly<Record<string, unknown>>;

/** The venue's connection to the built-in simulator; throws naming the venue when it does not simulate it. */
export function simulatorConnection(venue: VenueId, sim: SimEndpointsLike, venues: VenueRegistry = venueRegistry): VenueConnection {
  const c = venues.get(venue).simulatorConnection?.(sim[venue]) ?? null;
  if (c === null) throw new Error(`the built-in simulator does not simulate ${venues.name(venue)}`);
  return { venue, environment: 'simulator', endpoints: c.endpoints, credentials: Object.keys(c.secrets).length > 0 ? wrap(c.secrets) : null };
}

export class HostVenueResolver implements VenueConnectionResolver {
  constructor(
    private readonly secrets: SecretStore,
    private readonly simulator: Pick<SimulatorSupervisor, 'endpoints'>,
    /** Every venue runs against the simulator (an external one the host was pointed at). */
    private readonly simulatorOnly = false,
    private readonly venues: VenueRegistry = venueRegistry,
  ) {}

  async resolve(venue: VenueId, selected: VenueEnvironment): Promise<ResolvedVenue> {
    const manifest = this.venues.get(venue).manifest;
    const keys = await readKeys(this.secrets, this.venues, venue);
    // An environment the venue does not offer (a stale setting) falls back to production.
    const environment: VenueEnvironment = manifest.environments.some((e) => e.id === selected) ? selected : 'production';
    const real = manifest.environments.find((e) => e.id === environment && e.endpoints !== undefined);
    if (environment === 'simulator' || keys === null || this.simulatorOnly || !real) {
      const sim = await this.simulator.endpoints();
      const note = environment === 'simulator' || this.simulatorOnly ? null : `no ${manifest.name} keys in the keychain: running against the simulator`;
      return { connection: simulatorConnection(venue, sim, this.venues), selected, keysSet: keys !== null, note, simulatorAdmin: sim.admin ?? null };
    }
    return { connection: { venue, environment, endpoints: real.endpoints!, credentials: wrap(keys) }, selected, keysSet: true, note: null };
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
