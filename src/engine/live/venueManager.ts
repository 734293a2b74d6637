// Owns the running venues: resolves each one's environment and credentials through the host,
// builds it from the registry, registers its cancel-all with the kill switch once it has
// connected, and restarts it when the trader switches its environment.
import type { VenueEnvironment } from '../../shared/contract';
import { VENUE_IDS, type VenueId } from '../../shared/ids';
import { Disposable, DisposableStore, Emitter } from '../../shared/lifecycle';
import type { ActivityLog } from '../activity/activityLog';
import type { Clock } from '../platform/clock';
import type { KillSwitch } from '../risk/killSwitch';
import type { SettingsStore } from '../settings/settingsStore';
import type { TradingApi, Venue } from '../venues/venue';
import type { ResolvedVenue, VenueConnectionResolver } from './connections';
import { createVenue, type VenueRegistry } from './venueRegistry';

export type VenueState = 'stopped' | 'starting' | 'running' | 'failed';

export interface VenueSlot {
  readonly id: VenueId;
  state: VenueState;
  resolved: ResolvedVenue | null;
  venue: Venue | null;
  error: string | null;
}

export interface VenueManagerOptions {
  resolver: VenueConnectionResolver | null;
  registry: VenueRegistry;
  settings: SettingsStore;
  killSwitch: KillSwitch;
  activity: ActivityLog;
  clock: Clock;
  log: (message: string) => void;
}

export class VenueManager extends Disposable {
  private readonly slots = new Map<VenueId, VenueSlot & { generation: number; store: DisposableStore | null }>();
  private readonly onDidStartEmitter = this.register(new Emitter<{ id: VenueId; venue: Venue; resolved: ResolvedVenue }>());
  /** A venue is running: attach its feed. */
  readonly onDidStart = this.onDidStartEmitter.event;
  private readonly onDidStopEmitter = this.register(new Emitter<{ id: VenueId; venue: Venue }>());
  /** A venue stopped (environment switch, shutdown): detach from it before it is disposed. */
  readonly onDidStop = this.onDidStopEmitter.event;
  private readonly onDidChangeEmitter = this.register(new Emitter<VenueId>());
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(private readonly options: VenueManagerOptions) {
    super();
    for (const id of VENUE_IDS) this.slots.set(id, { id, state: 'stopped', resolved: null, venue: null, error: null, generation: 0, store: null });
  }

  /** Venues that can run (registered, and a host that resolves connections). */
  get available(): VenueId[] {
    if (this.options.resolver === null) return [];
    return VENUE_IDS.filter((id) => this.options.registry[id] !== undefined);
  }

  slot(id: VenueId): VenueSlot {
    return this.slots.get(id)!;
  }

  venue(id: VenueId): Venue | null {
    return this.slots.get(id)!.venue;
  }

  /** The venue's trading API (null without one: no keys, or not running). For the executor. */
  trading(id: VenueId): TradingApi | null {
    return this.slots.get(id)!.venue?.trading ?? null;
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

  /** (Re)starts a venue: resolves its connection, builds it, announces it. */
  async start(id: VenueId): Promise<void> {
    const slot = this.slots.get(id)!;
    const factory = this.options.registry[id];
    const resolver = this.options.resolver;
    if (!factory || !resolver) return;
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
      venue = createVenue(this.options.registry, resolved.connection, { clock: this.options.clock, log: this.options.log });
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
    // The kill switch gets the venue's cancel-all once the venue has shown it is reachable, and
    // keeps it until the venue stops: a market-data blip does not stop REST cancels from working.
    const trading = venue.trading;
    if (trading) {
      let registered = false;
      const register = () => {
        if (registered) return;
        registered = true;
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
    this.onDidStartEmitter.fire({ id, venue, resolved });
    this.onDidChangeEmitter.fire(id);
  }

  /** Restarts the running venues whose current environment matches (the simulator was replaced). */
  async restartWhere(match: (environment: VenueEnvironment) => boolean): Promise<void> {
    const ids = VENUE_IDS.filter((id) => {
      const slot = this.slots.get(id)!;
      return slot.resolved !== null && slot.state !== 'stopped' && match(slot.resolved.connection.environment);
    });
    await Promise.all(ids.map((id) => this.start(id)));
  }

  stop(id: VenueId): void {
    const slot = this.slots.get(id)!;
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
  }

  override dispose(): void {
    for (const id of VENUE_IDS) this.stop(id);
    super.dispose();
  }
}
