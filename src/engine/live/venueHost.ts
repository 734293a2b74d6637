// Hosts the running venues: resolves each one's environment and credentials through the host,
// builds its connector from its contribution, registers its cancel-all with the kill switch once
// it has connected, and restarts it when the trader switches its environment. Other services hear
// of a venue starting and stopping (onDidStart / onDidStop) and attach to it themselves.
import type { VenueEnvironment } from '../../shared/contract';
import type { TraderJurisdiction } from '../../shared/jurisdiction';
import type { VenueId } from '../../shared/ids';
import { Disposable, DisposableStore, Emitter } from '../../shared/lifecycle';
import type { ActivityLog } from '../activity/activityLog';
import type { Clock } from '../platform/clock';
import type { KillSwitch } from '../risk/killSwitch';
import type { SettingsStore } from '../settings/settingsStore';
import type { ResolvedVenue, VenueConnection, VenueConnectionResolver } from '../venues/connection';
import type { VenueContext } from '../venues/contribution';
import { jurisdictionAllows, jurisdictionProblem } from '../venues/jurisdiction';
import type { VenueRegistry } from '../venues/registry';
import type { TradingApi, Venue } from '../venues/venue';
import { SimulatorControl } from './simulatorControl';

/** `off`: the trader's jurisdiction setting does not allow it (`error` says why); not a fault. */
export type VenueState = 'stopped' | 'starting' | 'running' | 'failed' | 'off';

export interface VenueSlot {
  readonly id: VenueId;
  state: VenueState;
  resolved: ResolvedVenue | null;
  venue: Venue | null;
  error: string | null;
}

/** Builds a connector in place of the venue's own (tests: the edge of the machine, scripted). */
export type ConnectorOverride = (connection: VenueConnection, context: VenueContext) => Venue | Promise<Venue>;

export interface VenueHostOptions {
  registry: VenueRegistry;
  resolver: VenueConnectionResolver | null;
  settings: SettingsStore;
  killSwitch: KillSwitch;
  activity: ActivityLog;
  clock: Clock;
  log: (message: string) => void;
  connect?: ConnectorOverride;
}

export class VenueHost extends Disposable {
  private readonly slots = new Map<VenueId, VenueSlot & { generation: number; store: DisposableStore | null }>();
  private readonly onDidStartEmitter = this.register(new Emitter<{ id: VenueId; venue: Venue; resolved: ResolvedVenue }>());
  /** A venue is running: attach to its feed, discovery and trading. */
  readonly onDidStart = this.onDidStartEmitter.event;
  private readonly onDidStopEmitter = this.register(new Emitter<{ id: VenueId; venue: Venue }>());
  /** A venue stopped (environment switch, shutdown): detach from it before it is disposed. */
  readonly onDidStop = this.onDidStopEmitter.event;
  private readonly onDidChangeEmitter = this.register(new Emitter<VenueId>());
  readonly onDidChange = this.onDidChangeEmitter.event;
  /** The built-in simulator's admin endpoint while a venue runs against it. */
  readonly simulator: SimulatorControl;

  constructor(private readonly options: VenueHostOptions) {
    super();
    for (const id of options.registry.ids()) this.slots.set(id, { id, state: 'stopped', resolved: null, venue: null, error: null, generation: 0, store: null });
    this.simulator = this.register(new SimulatorControl(options.log));
  }

  /**
   * Venues that can run: registered, a host that resolves connections, and a venue the trader's
   * jurisdiction lets them use (one it excludes is neither started nor shown as failed).
   */
  get available(): VenueId[] {
    if (this.options.resolver === null) return [];
    const trader = this.options.settings.get().traderJurisdiction;
    return [...this.slots.keys()].filter((id) => jurisdictionAllows(this.options.registry.get(id).manifest, trader));
  }

  slot(id: VenueId): VenueSlot {
    return this.slotOf(id);
  }

  venue(id: VenueId): Venue | null {
    return this.slots.get(id)?.venue ?? null;
  }

  /** The venue's trading API (null without one: no keys, or not running). For the executor. */
  trading(id: VenueId): TradingApi | null {
    return this.slots.get(id)?.venue?.trading ?? null;
  }

  /** The environment a running venue is connected to, or null. */
  environment(id: VenueId): VenueEnvironment | null {
    const slot = this.slots.get(id);
    return slot?.venue ? (slot.resolved?.connection.environment ?? null) : null;
  }

  selectedEnvironment(id: VenueId): VenueEnvironment {
    return this.options.settings.get().venueEnvironments[id] ?? 'production';
  }

  async startAll(): Promise<void> {
    await Promise.all(this.available.map((id) => this.start(id)));
  }

  /** Persists the selection and restarts the venue in it. */
  async setEnvironment(id: VenueId, environment: VenueEnvironment): Promise<void> {
    const current = this.options.settings.get().venueEnvironments;
    this.options.settings.update({ venueEnvironments: { ...current, [id]: environment } });
    this.options.activity.append({ kind: 'venue', venue: id, message: `${id} environment set to ${environment}` });
    await this.start(id);
  }

  /**
   * Persists which side of the US border the trader may trade on, and restarts at once every venue
   * restricted by it: one now allowed connects, one now refused stops with the reason. Venues open
   * to anyone (Kalshi) are left running.
   */
  async setTraderJurisdiction(jurisdiction: TraderJurisdiction): Promise<void> {
    const before = this.available;
    this.options.settings.update({ traderJurisdiction: jurisdiction });
    const after = this.available;
    // A venue the trader may no longer use stops and leaves the list (its markets leave the universe).
    for (const id of before.filter((v) => !after.includes(v))) {
      this.stop(id);
      this.slotOf(id).error = null;
      this.options.activity.append({ kind: 'venue', venue: id, message: `${this.options.registry.get(id).manifest.name} stopped: Settings → Where you trade no longer includes it` });
      this.onDidChangeEmitter.fire(id);
    }
    const restricted = after.filter((id) => this.options.registry.get(id).manifest.jurisdiction !== undefined);
    await Promise.all(restricted.map((id) => this.start(id)));
  }

  /** (Re)starts a venue: resolves its connection, builds its connector, announces it. */
  async start(id: VenueId): Promise<void> {
    const slot = this.slotOf(id);
    const resolver = this.options.resolver;
    if (!resolver) return;
    this.stop(id);
    const generation = ++slot.generation;
    slot.state = 'starting';
    slot.error = null;
    this.onDidChangeEmitter.fire(id);
    let resolved: ResolvedVenue;
    let venue: Venue;
    try {
      resolved = await resolver.resolve(id, this.selectedEnvironment(id));
      if (generation !== slot.generation || this.store.isDisposed) return;
      if (resolved.connection.venue !== id) throw new Error(`the host resolved a ${resolved.connection.venue} connection for ${id}`);
      const manifest = this.options.registry.get(id).manifest;
      const refused = jurisdictionProblem(manifest, this.options.settings.get().traderJurisdiction, resolved.keysSet);
      if (refused !== null) {
        slot.resolved = resolved;
        slot.state = 'off';
        slot.error = refused;
        this.options.activity.append({ kind: 'venue', venue: id, message: refused });
        this.onDidChangeEmitter.fire(id);
        return;
      }
      const context: VenueContext = { clock: this.options.clock, log: this.options.log };
      venue = await (this.options.connect ?? ((c, ctx) => this.options.registry.get(id).connect(c, ctx)))(resolved.connection, context);
      if (generation !== slot.generation || this.store.isDisposed) {
        venue.dispose();
        return;
      }
    } catch (e) {
      if (generation !== slot.generation) return;
      slot.state = 'failed';
      slot.error = (e as Error).message;
      this.options.activity.append({ kind: 'venue', level: 'error', venue: id, message: `${id} could not start: ${slot.error}` });
      this.onDidChangeEmitter.fire(id);
      return;
    }
    const store = new DisposableStore();
    slot.store = store;
    slot.resolved = resolved;
    slot.venue = venue;
    slot.state = 'running';
    const env = resolved.connection.environment;
    this.options.activity.append({
      kind: 'venue',
      venue: id,
      message: `${id}: ${env === 'simulator' ? 'built-in simulator' : env}${resolved.note ? ` (${resolved.note})` : ''}; ${venue.trading ? 'trading enabled' : 'market data only'}`,
    });
    this.registerCanceller(id, venue, store);
    if (env === 'simulator' && resolved.simulatorAdmin) this.simulator.use(resolved.simulatorAdmin);
    this.onDidStartEmitter.fire({ id, venue, resolved });
    this.onDidChangeEmitter.fire(id);
  }

  /**
   * The kill switch gets the venue's cancel-all once the venue has shown it is reachable, and
   * keeps it until the venue stops: a market-data blip does not stop REST cancels from working.
   */
  private registerCanceller(id: VenueId, venue: Venue, store: DisposableStore): void {
    const trading = venue.trading;
    if (!trading) return;
    let registered = false;
    const register = () => {
      if (registered) return;
      registered = true;
      // No abort signal: a cancel-all still retrying when the kill switch stops waiting goes on,
      // and the kill switch records its late answer.
      store.add(this.options.killSwitch.registerCanceller(id, () => trading.cancelAll()));
    };
    if (venue.feed.status().connection === 'connected') register();
    else {
      const sub = store.add(venue.feed.onStatus((s) => {
        if (s.connection === 'connected') {
          register();
          sub.dispose();
        }
      }));
    }
  }

  /** Restarts the running venues whose current environment matches (the simulator was replaced). */
  async restartWhere(match: (environment: VenueEnvironment) => boolean): Promise<void> {
    const ids = [...this.slots.values()].filter((slot) => slot.resolved !== null && slot.state !== 'stopped' && match(slot.resolved.connection.environment)).map((s) => s.id);
    await Promise.all(ids.map((id) => this.start(id)));
  }

  stop(id: VenueId): void {
    const slot = this.slotOf(id);
    const venue = slot.venue;
    slot.generation++;
    if (venue) this.onDidStopEmitter.fire({ id, venue });
    slot.store?.dispose();
    slot.store = null;
    if (venue) {
      try {
        venue.dispose();
      } catch (e) {
        this.options.log(`ArbDesk: disposing ${id} failed: ${(e as Error).message}`);
      }
    }
    slot.venue = null;
    slot.state = 'stopped';
    if (venue && ![...this.slots.values()].some((s) => s.venue !== null && s.resolved?.connection.environment === 'simulator')) this.simulator.clear();
  }

  override dispose(): void {
    for (const id of this.slots.keys()) this.stop(id);
    super.dispose();
  }

  private slotOf(id: VenueId): VenueSlot & { generation: number; store: DisposableStore | null } {
    const slot = this.slots.get(id);
    if (!slot) throw new Error(`no venue "${id}" is registered`);
    return slot;
  }
}
