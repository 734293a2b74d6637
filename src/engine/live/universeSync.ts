// Discovery → universe → scanner: runs each running venue's discovery on its schedule (cached list
// first), merges it into the universe, and re-derives what is scanned and streamed from the
// universe, the watchlist and the confirmed links — on a discovery, a watchlist change, a link
// decision, or a fee model expiring. Markets that resolve in a discovery are settled.
//
// A small change is applied at once. A large one (a venue's whole market list at start: tens of
// thousands of markets) is applied in slices that yield to the event loop — the engine runs in
// Electron's main process, where a loop held for seconds freezes the window — and changes asked
// for meanwhile are applied after it, in order.
import type { Catalog, Watchlist } from '../../shared/contract';
import type { MarketRef, VenueId } from '../../shared/ids';
import { Disposable, Emitter, toDisposable, type IDisposable } from '../../shared/lifecycle';
import type { ActivityLog } from '../activity/activityLog';
import type { Clock } from '../platform/clock';
import type { Scanner } from '../scanner/scanner';
import type { Relations } from '../strategies/universe';
import { buildCatalog, WatchFilter } from '../universe/catalog';
import type { DiscoveryDiff, LinkedRelations, MarketUniverse, ScannerTarget } from '../universe/universe';
import type { Discovery, MarketInfo, Venue } from '../venues/venue';
import type { VenueEnvironment } from '../../shared/contract';
import type { DiscoveryCache } from './discoveryCache';
import { DiscoveryScheduler } from './discoveryScheduler';
import type { OpportunityPublisher } from './opportunityPublisher';
import { SYNC_SLICE_MARKETS, syncSize, syncSteps } from './scannerSync';
import type { SessionRecorder } from './sessionRecorder';
import type { SettlementRecorder } from './settlementRecorder';

export interface UniverseSyncOptions {
  universe: MarketUniverse;
  scanner: Scanner;
  cache: DiscoveryCache;
  publisher: OpportunityPublisher;
  settlements: SettlementRecorder;
  activity: ActivityLog;
  clock: Clock;
  /** The registered venues, in order (the catalog lists a category's venues so). */
  venues: readonly VenueId[];
  name(venue: VenueId): string;
  /** The cross-venue equivalences the trader confirmed. */
  /** The relations the traded links give (LinkBook.traded → linkRelations). */
  linkedRelations(): LinkedRelations;
  watchlist: Watchlist;
  discoveryIntervalMs?: number;
}

interface Attached {
  venue: Venue;
  discovery: DiscoveryScheduler;
  /** Markets handed to the feed (watched, open, in the scanner). */
  streamed: MarketRef[];
  refreshedAt: number | null;
}

export class UniverseSync extends Disposable {
  private readonly attached = new Map<VenueId, Attached>();
  private filter: WatchFilter;
  /** The relations the scanner trades on now (for "why this pays"). */
  private relationsNow: Relations = { equivalent: [], exclusive: [], implies: [] };
  private recorder: SessionRecorder | null = null;
  private feeTimer: ReturnType<typeof setTimeout> | null = null;
  /** A sliced apply under way, and whether another was asked for meanwhile. */
  private applying: Promise<void> | null = null;
  private applyAgain = false;
  /** Venues stopped in this turn of the loop: applied together (shutdown stops them all). */
  private detachApply: Promise<void> | null = null;
  private disposed = false;
  private readonly onDidApplyEmitter = this.register(new Emitter<void>());
  /** What is scanned and streamed was re-derived: links, the catalog and stats may have changed. */
  readonly onDidApply = this.onDidApplyEmitter.event;
  private readonly onDidUpdateVenueEmitter = this.register(new Emitter<VenueId>());
  /** A venue's markets were (re)applied to the scanner: after a discovery or a watchlist change. */
  readonly onDidUpdateVenue = this.onDidUpdateVenueEmitter.event;
  private readonly onDidDiscoverEmitter = this.register(new Emitter<VenueId>());
  /** A venue's discovery was applied (its markets' terms may have changed: the link watch checks). */
  readonly onDidDiscover = this.onDidDiscoverEmitter.event;

  constructor(private readonly options: UniverseSyncOptions) {
    super();
    this.filter = new WatchFilter(options.watchlist);
    this.register(toDisposable(() => this.clearFeeTimer()));
  }

  get watchFilter(): WatchFilter {
    return this.filter;
  }

  /** The relations the scanner trades on now. */
  relations(): Relations {
    return this.relationsNow;
  }

  /** The markets of a venue handed to its feed. */
  streamed(venue: VenueId): readonly MarketRef[] {
    return this.attached.get(venue)?.streamed ?? [];
  }

  /** Starts a running venue's discovery (cached list first); dispose when the venue stops. */
  attach(id: VenueId, venue: Venue, environment: VenueEnvironment): IDisposable {
    this.detach(id);
    const { clock, activity } = this.options;
    const discovery = new DiscoveryScheduler({
      id,
      venue,
      environment,
      cache: this.options.cache,
      intervalMs: this.options.discoveryIntervalMs,
      now: () => clock.now(),
      onDiscovery: (d, source, at) => this.onDiscovery(id, d, source, at),
      onError: (message, retry) => activity.append({ kind: 'venue', level: 'warn', venue: id, message: `${this.options.name(id)} ${message}; next try in ${Math.round(retry / 1000)} s` }),
    });
    const entry: Attached = { venue, discovery, streamed: [], refreshedAt: null };
    this.attached.set(id, entry);
    discovery.start();
    return toDisposable(() => {
      if (this.attached.get(id) === entry) this.detach(id);
    });
  }

  private detach(id: VenueId): void {
    const a = this.attached.get(id);
    if (!a) return;
    this.attached.delete(id);
    a.discovery.dispose();
    // A venue that stops takes its markets with it (another environment lists other markets).
    // Retired together with any other venue stopping in this turn (at shutdown: all of them, and
    // an empty universe redraws nothing), and not at all once this is disposed.
    this.options.universe.setDiscovery(id, { markets: [], exclusiveSets: [], implications: [] });
    this.detachApply ??= Promise.resolve().then(() => {
      this.detachApply = null;
      return this.apply();
    });
  }

  /** Runs discovery now (every running venue, or one); resolves when applied. */
  async refreshDiscovery(venue?: VenueId): Promise<void> {
    await Promise.all([...this.attached].filter(([id]) => venue === undefined || id === venue).map(([, a]) => a.discovery.refresh()));
  }

  /** Records the markets that may appear in the stream (`arbdesk record`); null stops. */
  attachRecorder(recorder: SessionRecorder | null): void {
    this.recorder = recorder;
    if (recorder) recorder.addMarkets(this.scannedMarkets());
  }

  setWatchlist(watchlist: Watchlist): void {
    this.filter = new WatchFilter(watchlist);
    void this.apply();
  }

  catalog(): Catalog {
    const refreshedAt: Record<VenueId, number | null> = {};
    for (const id of this.options.venues) refreshedAt[id] = null;
    for (const [id, a] of this.attached) refreshedAt[id] = a.refreshedAt;
    return buildCatalog(this.options.universe.markets(), this.filter, refreshedAt, this.options.venues);
  }

  /**
   * Re-derives what is scanned and streamed from the universe, the watchlist and the links. A
   * small change is applied before this returns; a large one in slices (resolves when applied).
   */
  apply(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.applying) {
      this.applyAgain = true;
      return this.applying;
    }
    const sliced = this.applyNow();
    if (!sliced) return Promise.resolve();
    const run = async () => {
      try {
        await sliced;
        while (this.applyAgain && !this.disposed) {
          this.applyAgain = false;
          const next = this.applyNow();
          if (next) await next;
        }
      } catch (e) {
        this.options.activity.append({ kind: 'error', level: 'error', message: `The market universe could not be applied: ${(e as Error).message}` });
      } finally {
        this.applying = null;
      }
    };
    this.applying = run();
    return this.applying;
  }

  /** Applies at once, or returns the sliced apply under way when the change is large. */
  private applyNow(): Promise<void> | undefined {
    const { universe, scanner, clock } = this.options;
    const now = clock.now();
    const unbuilt = universe.unbuiltSpecs(this.filter, now);
    if (unbuilt.length <= SYNC_SLICE_MARKETS) {
      const target = universe.scannerTarget(this.filter, this.options.linkedRelations(), now);
      if (syncSize(scanner, target) <= SYNC_SLICE_MARKETS) {
        drain(this.applySteps(target, now, Infinity));
        return undefined;
      }
    }
    return this.applySliced(unbuilt);
  }

  private async applySliced(unbuilt: readonly MarketInfo[]): Promise<void> {
    const { universe, clock } = this.options;
    for (let i = 0; i < unbuilt.length; i += SYNC_SLICE_MARKETS) {
      universe.buildSpecs(unbuilt.slice(i, i + SYNC_SLICE_MARKETS), clock.now());
      await yieldToLoop();
      if (this.disposed) return;
    }
    // The universe and links as they are now (a discovery may have landed meanwhile).
    const now = clock.now();
    const target = universe.scannerTarget(this.filter, this.options.linkedRelations(), now);
    for (const _step of this.applySteps(target, now, SYNC_SLICE_MARKETS)) {
      await yieldToLoop();
      if (this.disposed) return;
    }
  }

  /**
   * Brings the scanner to the target step by step (yielding between steps), then hands each
   * venue's feed its markets.
   */
  private *applySteps(target: ScannerTarget, now: number, slice: number): Generator<void, void, void> {
    const { scanner, publisher, activity } = this.options;
    this.scheduleFeeChange(now);
    for (const problem of target.problems) activity.append({ kind: 'venue', level: 'warn', message: `Market left out: ${problem}` });
    this.relationsNow = target.relations;
    for (const deltas of syncSteps(scanner, target, slice)) {
      for (const d of deltas) publisher.add(d);
      yield;
    }
    this.streamTarget(target);
  }

  private streamTarget(target: ScannerTarget): void {
    const { universe } = this.options;
    const scanned = new Set(target.markets.map((m) => `${m.venue}:${m.id}`));
    for (const [id, a] of this.attached) {
      const markets = universe.watched(this.filter, id).filter((m) => scanned.has(m.ref));
      a.streamed = markets.map((m) => m.ref);
      a.venue.feed.setMarkets(markets);
      this.onDidUpdateVenueEmitter.fire(id);
    }
    this.recorder?.addMarkets(this.scannedMarkets());
    this.onDidApplyEmitter.fire();
  }

  private onDiscovery(id: VenueId, discovery: Discovery, source: 'cache' | 'venue', at: number): Promise<void> {
    const a = this.attached.get(id);
    if (!a) return Promise.resolve();
    const diff = this.options.universe.setDiscovery(id, discovery);
    if (source === 'venue') a.refreshedAt = at;
    this.noteDiff(diff, source);
    for (const m of diff.settled) {
      this.options.settlements.record({ venue: m.venue, market: m.ref, result: m.result!, settledAt: m.closeTime ?? at, source: `${id} discovery` });
    }
    const applied = this.apply();
    // The link watch reads the universe's terms: they are in it already, applied or not.
    this.onDidDiscoverEmitter.fire(id);
    return applied;
  }

  private noteDiff(diff: DiscoveryDiff, source: 'cache' | 'venue'): void {
    const { universe, activity } = this.options;
    const total = universe.markets(diff.venue).filter((m) => m.status === 'open').length;
    const name = this.options.name(diff.venue);
    if (source === 'cache') {
      activity.append({ kind: 'venue', venue: diff.venue, message: `${name}: ${total} markets from the discovery cache; refreshing` });
    } else if (diff.opened.length > 0 || diff.closed.length > 0) {
      activity.append({ kind: 'venue', venue: diff.venue, message: `${name} discovery: ${total} open markets (${diff.opened.length} new, ${diff.closed.length} closed)` });
    }
  }

  /** A fee model that expires (a fee waiver ends) re-prices its markets at that moment. */
  private scheduleFeeChange(now: number): void {
    this.clearFeeTimer();
    const at = this.options.universe.nextFeeChangeAt(now);
    if (at === null) return;
    this.feeTimer = setTimeout(() => {
      this.feeTimer = null;
      void this.apply();
    }, Math.min(2 ** 31 - 1, Math.max(0, at - now) + 1));
    this.feeTimer.unref?.();
  }

  private clearFeeTimer(): void {
    if (this.feeTimer !== null) clearTimeout(this.feeTimer);
    this.feeTimer = null;
  }

  private scannedMarkets(): MarketInfo[] {
    const out: MarketInfo[] = [];
    for (const a of this.attached.values()) {
      for (const ref of a.streamed) {
        const m = this.options.universe.market(ref);
        if (m) out.push(m);
      }
    }
    return out;
  }

  override dispose(): void {
    this.disposed = true;
    for (const a of this.attached.values()) a.discovery.dispose();
    this.attached.clear();
    super.dispose();
  }
}

/** Lets timers, I/O and market data run between slices of a large apply. */
function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function drain(steps: Iterator<unknown>): void {
  while (!steps.next().done);
}
