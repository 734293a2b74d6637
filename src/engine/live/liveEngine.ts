// The live engine: venues → discovery → universe → scanner, and every feed message → scanner →
// opportunity / book / venue / stats events. One instance per Engine; it does nothing until a
// host gives it a connection resolver (tests of the command layer run without venues).
import { createHash } from 'node:crypto';
import type {
  BasketExplanation, BookView, Catalog, MarketLink, Opportunity, SimulatorState, StrategyId, VenueEnvironment, VenueStatus, Watchlist,
} from '../../shared/contract';
import { CommandError } from '../../shared/contract';
import { VENUE_IDS, type MarketRef, type Outcome, type VenueId } from '../../shared/ids';
import { Disposable, DisposableStore, Emitter } from '../../shared/lifecycle';
import type { ActivityLog } from '../activity/activityLog';
import type { Clock } from '../clock';
import type { Ledger } from '../ledger/ledger';
import type { KillSwitch } from '../risk/killSwitch';
import type { Scanner, ScanDelta } from '../scanner/scanner';
import type { Relations } from '../scanner/universe';
import type { SettingsStore } from '../settings/settingsStore';
import { buildCatalog, WatchFilter } from '../universe/catalog';
import { explainBasket, type ExplainLeg } from '../universe/explain';
import { LinkBook, linkRelations } from '../universe/linkBook';
import type { LinkRelation } from '../../shared/contract';
import { suggestLinksInSlices } from '../universe/matcher';
import { syncScanner } from '../universe/scannerSync';
import { MarketUniverse, type DiscoveryDiff } from '../universe/universe';
import type { Discovery, FeedStatus, MarketInfo, RawVenueMessage, Venue } from '../venues/venue';
import { formatPriceTicks } from '../scanner/format';
import { BookWatch } from './bookWatch';
import { VENUE_ENVIRONMENTS, VENUE_NAMES, type ResolvedVenue, type VenueConnectionResolver } from './connections';
import { DiscoveryCache } from './discoveryCache';
import { DiscoveryScheduler } from './discoveryScheduler';
import { FeedHealth } from './feedHealth';
import { LinkWatch } from './linkWatch';
import { suspendedLinkOf } from './suspendedLinks';
import { OpportunityPublisher } from './opportunityPublisher';
import type { SessionRecorder } from './sessionRecorder';
import { SettlementRecorder } from './settlements';
import { SimulatorControl } from './simulatorControl';
import { VenueManager } from './venueManager';
import { VENUE_REGISTRY, type VenueRegistry } from './venueRegistry';

export interface LiveEngineOptions {
  scanner: Scanner;
  dataDir: string;
  settings: SettingsStore;
  activity: ActivityLog;
  killSwitch: KillSwitch;
  clock: Clock;
  /** The current mode's ledger (it changes with the mode). */
  ledger: () => Ledger;
  keysSet: (venue: VenueId) => boolean;
  /** Live fees modelled vs charged per venue, for the venues pane. */
  venueFees?: (venue: VenueId) => VenueStatus['fees'] | undefined;
  resolver: VenueConnectionResolver | null;
  registry?: VenueRegistry;
  staleAfterMs?: number;
  discoveryIntervalMs?: number;
  publishIntervalMs?: number;
  bookIntervalMs?: number;
  /** How often the venues' status is pushed (message rates and ages move). */
  statusIntervalMs?: number;
  /** How often confirmed links' markets are read afresh from their venues (LinkWatch). */
  linkWatchIntervalMs?: number;
  log?: (message: string) => void;
}

/** What the pump has handled, per venue: for the venues pane, the bench and tests. */
export interface PumpCounters {
  messages: number;
  rejected: number;
  /** Monotonic ms spent applying messages (scanner + fan-out). */
  busyMs: number;
}

interface Attached {
  venue: Venue;
  resolved: ResolvedVenue;
  health: FeedHealth;
  discovery: DiscoveryScheduler;
  store: DisposableStore;
  /** Markets handed to the feed (watched, open, in the scanner). */
  streamed: MarketRef[];
  lastStatus: FeedStatus;
  refreshedAt: number | null;
}

export type LiveEventSink = {
  opportunities(payload: { upserts: Opportunity[]; removed: string[] }): void;
  book(view: BookView): void;
  venues(statuses: VenueStatus[]): void;
  links(links: MarketLink[]): void;
  catalog(catalog: Catalog): void;
  stats(): void;
  simulator?(state: SimulatorState | null): void;
};

export class LiveEngine extends Disposable {
  readonly universe = new MarketUniverse();
  readonly links: LinkBook;
  readonly linkWatch: LinkWatch;
  readonly venues: VenueManager;
  readonly publisher: OpportunityPublisher;
  readonly bookWatch: BookWatch;
  readonly settlements: SettlementRecorder;
  readonly simulator: SimulatorControl;
  readonly counters: Record<VenueId, PumpCounters> = {
    kalshi: { messages: 0, rejected: 0, busyMs: 0 },
    polymarket: { messages: 0, rejected: 0, busyMs: 0 },
  };
  private readonly scanner: Scanner;
  private readonly options: LiveEngineOptions;
  private readonly cache: DiscoveryCache;
  private readonly attached = new Map<VenueId, Attached>();
  private filter: WatchFilter;
  /** The relations the scanner trades on now (for "why this pays"). */
  private relations: Relations = { equivalent: [], exclusive: [], implies: [] };
  private recorder: SessionRecorder | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private feeTimer: ReturnType<typeof setTimeout> | null = null;
  private lastStatusPush = 0;
  /** Crossed single-market books seen (data alarms), and when each market last raised one. */
  alarms = 0;
  private readonly alarmedAt = new Map<MarketRef, number>();
  /** The watched markets the current suggestions were computed for, and the run under way. */
  private matchedKey = '';
  private matchGeneration = 0;
  private readonly onDidUpdateUniverseEmitter = this.register(new Emitter<VenueId>());
  /** A venue's markets were (re)applied to the scanner: after a discovery or a watchlist change. */
  readonly onDidUpdateUniverse = this.onDidUpdateUniverseEmitter.event;

  constructor(
    options: LiveEngineOptions,
    private readonly sink: LiveEventSink,
  ) {
    super();
    this.options = options;
    this.scanner = options.scanner;
    const now = () => options.clock.now();
    this.cache = new DiscoveryCache(options.dataDir);
    this.links = this.register(new LinkBook(options.dataDir, (ref) => this.universe.market(ref), now));
    this.filter = new WatchFilter(options.settings.get().watchlist);
    this.publisher = this.register(new OpportunityPublisher({ scanner: this.scanner, now, intervalMs: options.publishIntervalMs, suspended: (b) => suspendedLinkOf(this.links, b) }));
    this.linkWatch = this.register(new LinkWatch({
      links: this.links,
      activity: options.activity,
      venues: () => [...this.attached].map(([id, a]) => [id, a.venue] as const),
      intervalMs: options.linkWatchIntervalMs,
      log: (m) => this.log(m),
    }));
    this.register(this.linkWatch.onDidSuspend(() => {
      this.sink.links(this.linkList());
      this.publisher.republish();
    }));
    this.bookWatch = this.register(new BookWatch(this.scanner.books, options.bookIntervalMs));
    this.settlements = new SettlementRecorder(options.ledger, options.activity, (token) => this.tokenOutcome(token));
    this.venues = this.register(
      new VenueManager({
        resolver: options.resolver,
        registry: options.registry ?? VENUE_REGISTRY,
        settings: options.settings,
        killSwitch: options.killSwitch,
        activity: options.activity,
        clock: options.clock,
        log: this.log,
      }),
    );
    this.register(this.publisher.onDidPublish((e) => {
      sink.opportunities(e);
      sink.stats();
    }));
    this.register(this.bookWatch.onDidChange((view) => sink.book(view)));
    this.register(this.venues.onDidStart(({ id, venue, resolved }) => this.attach(id, venue, resolved)));
    this.register(this.venues.onDidStop(({ id }) => this.detach(id)));
    this.register(this.venues.onDidChange(() => this.pushStatus()));
    this.register(this.links.onDidChangeConfirmed(() => this.applyUniverse()));
    this.simulator = this.register(new SimulatorControl(this.log));
    this.register(this.simulator.onDidChange(() => {
      sink.simulator?.(this.simulator.state());
      sink.links(this.linkList());
    }));
    for (const problem of [this.links.loadProblem, this.cache.loadProblem]) {
      if (problem) options.activity.append({ kind: 'error', level: 'warn', message: problem });
    }
  }

  private get log(): (message: string) => void {
    return this.options.log ?? ((m: string) => console.error(m));
  }

  /** Starts every available venue (no-op without a resolver). */
  start(): Promise<void> {
    if (this.venues.available.length === 0) return Promise.resolve();
    this.ticker ??= setInterval(() => this.tick(), 250);
    this.ticker.unref?.();
    this.linkWatch.start();
    return this.venues.startAll();
  }

  override dispose(): void {
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
    this.matchGeneration++;
    for (const id of [...this.attached.keys()]) this.detach(id);
    if (this.feeTimer !== null) clearTimeout(this.feeTimer);
    this.feeTimer = null;
    super.dispose();
  }

  // ---- the pump ---------------------------------------------------------------------------------

  /** One feed message: into the scanner, and what it changed out to the UI. The hot path. */
  handle(id: VenueId, message: RawVenueMessage): void {
    const a = this.attached.get(id);
    const clock = this.options.clock;
    const started = clock.monotonic();
    const data = message.data;
    this.recorder?.write(id, data);
    const counters = this.counters[id];
    counters.messages++;
    a?.health.onMessage(started);
    const now = clock.now();
    const result = id === 'kalshi' ? this.scanner.applyKalshi(data, now) : this.scanner.applyPolymarket(data, now);
    if (result.book.status === 'rejected') {
      counters.rejected++;
      if (id === 'polymarket' ? this.settlements.fromPolymarket(data, now) : this.settlements.fromKalshi(data, now)) counters.rejected--;
    } else if (id === 'polymarket' && isResolution(data)) {
      this.settlements.fromPolymarket(data, now);
    }
    this.publisher.add(hasSingleMarket(result.delta) ? this.crossedAlarm(id, result.delta) : result.delta);
    if (result.book.markets.length > 0) this.bookWatch.touched(result.book.markets);
    counters.busyMs += clock.monotonic() - started;
  }

  /**
   * A single-market basket (YES ask + NO ask below $1 on one venue) in live data is a crossed or
   * stale book, not free money — the venue would have matched those orders. A data alarm instead
   * of an opportunity: the book is marked unknown, the feed asked for it afresh, and the trader
   * told (once a minute per market). `arbdesk scan` and `replay` keep the spec's single_market.
   */
  private crossedAlarm(id: VenueId, delta: ScanDelta): ScanDelta {
    const crossed = new Set<MarketRef>();
    for (const o of [...delta.opened, ...delta.updated]) if (o.basket.strategy === 'single_market') crossed.add(o.basket.legs[0]!.market);
    const keep = (o: { basket: { strategy: string } }) => o.basket.strategy !== 'single_market';
    const refs = [...crossed];
    this.alarms += refs.length;
    this.attached.get(id)?.health.invalidate(refs);
    this.attached.get(id)?.venue.feed.resync?.(refs, 'crossed book: YES ask + NO ask below $1');
    const now = this.options.clock.monotonic();
    for (const ref of refs) {
      if (now - (this.alarmedAt.get(ref) ?? -Infinity) < ALARM_EVERY_MS) continue;
      this.alarmedAt.set(ref, now);
      this.options.activity.append({ kind: 'venue', level: 'warn', venue: id, ref, message: `Data alarm: the ${VENUE_NAMES[id]} book of ${ref} is crossed (its YES and NO asks cost less than $1 together), which the venue would have matched: stale or corrupt data, not an opportunity. Marked unknown and fetched afresh.` });
    }
    return { opened: delta.opened.filter(keep), updated: delta.updated.filter(keep), closed: delta.closed };
  }

  /** Runs discovery now (every running venue, or one); resolves when applied. */
  async refreshDiscovery(venue?: VenueId): Promise<void> {
    await Promise.all([...this.attached].filter(([id]) => venue === undefined || id === venue).map(([, a]) => a.discovery.refresh()));
  }

  /** Records every feed message from now on (`arbdesk record`). */
  attachRecorder(recorder: SessionRecorder | null): void {
    this.recorder = recorder;
    if (recorder) recorder.addMarkets(this.scannedMarkets());
  }

  // ---- venues -----------------------------------------------------------------------------------

  private attach(id: VenueId, venue: Venue, resolved: ResolvedVenue): void {
    this.detach(id);
    const store = new DisposableStore();
    const health = new FeedHealth({
      venue: id,
      scanner: this.scanner,
      markets: () => this.attached.get(id)?.streamed ?? [],
      staleAfterMs: this.options.staleAfterMs,
      monotonic: () => this.options.clock.monotonic(),
      now: () => this.options.clock.now(),
      onChange: (deltas, refs) => this.onHealthChange(deltas, refs),
    });
    const discovery = new DiscoveryScheduler({
      id,
      venue,
      environment: resolved.connection.environment,
      cache: this.cache,
      intervalMs: this.options.discoveryIntervalMs,
      now: () => this.options.clock.now(),
      onDiscovery: (d, source, at) => this.onDiscovery(id, d, source, at),
      onError: (message, retry) =>
        this.options.activity.append({ kind: 'venue', level: 'warn', venue: id, message: `${VENUE_NAMES[id]} ${message}; next try in ${Math.round(retry / 1000)} s` }),
    });
    store.add(discovery);
    const entry: Attached = { venue, resolved, health, discovery, store, streamed: [], lastStatus: venue.feed.status(), refreshedAt: null };
    this.attached.set(id, entry);
    store.add(venue.feed.onMessage((m) => this.handle(id, m)));
    store.add(venue.feed.onStatus((s) => this.onFeedStatus(id, s)));
    store.add(venue.feed.onBooksInvalidated((refs) => health.invalidate(refs)));
    const feed = venue.feed;
    // A new connection numbers its subscriptions afresh: old sequence state would read as gaps.
    if (feed.onSessionStart) store.add(feed.onSessionStart(() => this.scanner.books.resetKalshiSequences()));
    if (feed.onBookHealth) store.add(feed.onBookHealth((change) => health.connectionHealth(change.markets, change.health, change.reason)));
    if (feed.onMarketEvent) {
      store.add(feed.onMarketEvent((e) => {
        if (e.kind === 'resolved' && (e.result === 'yes' || e.result === 'no')) {
          this.settlements.record({ venue: id, market: e.market, result: e.result, settledAt: e.at, source: `${id} market feed` });
        } else if (e.kind === 'tick_size' && this.universe.setTickSize(e.market, e.tickSize)) {
          this.options.activity.append({ kind: 'venue', venue: id, ref: e.market, message: `${VENUE_NAMES[id]} ${e.market}: tick size now ${formatPriceTicks(e.tickSize)}` });
        }
      }));
    }
    health.onStatus(entry.lastStatus);
    discovery.start();
    if (resolved.connection.environment === 'simulator' && resolved.simulatorAdmin) this.simulator.use(resolved.simulatorAdmin);
    this.pushStatus();
  }

  private detach(id: VenueId): void {
    const a = this.attached.get(id);
    if (!a) return;
    this.attached.delete(id);
    a.store.dispose();
    // A venue that stops takes its markets with it (another environment lists other markets).
    this.universe.setDiscovery(id, { markets: [], exclusiveSets: [], implications: [] });
    if (![...this.attached.values()].some((x) => x.resolved.connection.environment === 'simulator')) this.simulator.clear();
    this.applyUniverse();
    this.pushStatus();
  }

  private onFeedStatus(id: VenueId, status: FeedStatus): void {
    const a = this.attached.get(id);
    if (!a) return;
    const before = a.lastStatus.connection;
    a.lastStatus = status;
    a.health.onStatus(status);
    if (before !== status.connection) {
      const level = status.connection === 'down' ? 'error' : status.connection === 'connected' ? 'info' : 'warn';
      this.options.activity.append({
        kind: status.connection === 'reconnecting' ? 'reconnect' : 'venue',
        level,
        venue: id,
        message: `${VENUE_NAMES[id]} feed ${status.connection}${status.detail ? `: ${status.detail}` : ''}`,
      });
      this.pushStatus();
    }
  }

  private onHealthChange(deltas: readonly ScanDelta[], refs: readonly MarketRef[]): void {
    for (const d of deltas) this.publisher.add(d);
    for (const ref of refs) this.bookWatch.touchedRef(ref);
  }

  private tick(): void {
    for (const a of this.attached.values()) a.health.tick();
    const now = this.options.clock.monotonic();
    if (now - this.lastStatusPush >= (this.options.statusIntervalMs ?? 1000)) this.pushStatus();
  }

  private pushStatus(): void {
    this.lastStatusPush = this.options.clock.monotonic();
    this.sink.venues(this.venueStatuses());
  }

  // ---- discovery and the universe --------------------------------------------------------------

  private onDiscovery(id: VenueId, discovery: Discovery, source: 'cache' | 'venue', at: number): void {
    const a = this.attached.get(id);
    if (!a) return;
    const diff = this.universe.setDiscovery(id, discovery);
    if (source === 'venue') a.refreshedAt = at;
    this.noteDiff(diff, source);
    for (const m of diff.settled) {
      this.settlements.record({ venue: m.venue, market: m.ref, result: m.result!, settledAt: m.closeTime ?? at, source: `${id} discovery` });
    }
    this.applyUniverse();
    this.linkWatch.check();
  }

  private noteDiff(diff: DiscoveryDiff, source: 'cache' | 'venue'): void {
    const total = this.universe.markets(diff.venue).filter((m) => m.status === 'open').length;
    if (source === 'cache') {
      this.options.activity.append({ kind: 'venue', venue: diff.venue, message: `${VENUE_NAMES[diff.venue]}: ${total} markets from the discovery cache; refreshing` });
    } else if (diff.opened.length > 0 || diff.closed.length > 0) {
      this.options.activity.append({
        kind: 'venue',
        venue: diff.venue,
        message: `${VENUE_NAMES[diff.venue]} discovery: ${total} open markets (${diff.opened.length} new, ${diff.closed.length} closed)`,
      });
    }
  }

  /** Re-derives what is scanned and streamed from the universe, the watchlist and the links. */
  private applyUniverse(): void {
    const now = this.options.clock.now();
    const target = this.universe.scannerTarget(this.filter, linkRelations(this.links.traded()), now);
    this.scheduleFeeChange(now);
    for (const problem of target.problems) this.options.activity.append({ kind: 'venue', level: 'warn', message: `Market left out: ${problem}` });
    this.relations = target.relations;
    const sync = syncScanner(this.scanner, target);
    for (const d of sync.deltas) this.publisher.add(d);
    const scanned = new Set(target.markets.map((m) => `${m.venue}:${m.id}`));
    for (const [id, a] of this.attached) {
      const markets = this.universe.watched(this.filter, id).filter((m) => scanned.has(m.ref));
      a.streamed = markets.map((m) => m.ref);
      a.venue.feed.setMarkets(markets);
      this.onDidUpdateUniverseEmitter.fire(id);
    }
    this.recorder?.addMarkets(this.scannedMarkets());
    this.sink.links(this.linkList());
    this.sink.catalog(this.catalog());
    this.sink.stats();
    this.matchWhenChanged();
  }

  /** Re-derives the scanner's markets now (after the fee models changed outside a discovery). */
  reapplyUniverse(): void {
    this.applyUniverse();
  }

  /** A fee model that expires (a Kalshi fee waiver ends) re-prices its markets at that moment. */
  private scheduleFeeChange(now: number): void {
    if (this.feeTimer !== null) clearTimeout(this.feeTimer);
    this.feeTimer = null;
    const at = this.universe.nextFeeChangeAt(now);
    if (at === null) return;
    this.feeTimer = setTimeout(() => {
      this.feeTimer = null;
      this.applyUniverse();
    }, Math.min(2 ** 31 - 1, Math.max(0, at - now) + 1));
    this.feeTimer.unref?.();
  }

  /**
   * Suggests cross-venue links among the watched markets, again only when they changed. Runs in
   * slices so the feeds are not held up; a newer run supersedes one under way.
   */
  private matchWhenChanged(): void {
    const kalshi = this.universe.watched(this.filter, 'kalshi');
    const polymarket = this.universe.watched(this.filter, 'polymarket');
    const key = createHash('sha1').update([...kalshi, ...polymarket].map((m) => m.ref).join('\n')).digest('hex');
    if (key === this.matchedKey) return;
    this.matchedKey = key;
    const generation = ++this.matchGeneration;
    void suggestLinksInSlices(
      kalshi,
      polymarket,
      { exclude: (k, p) => this.links.isRejected(k, p), taken: this.links.linkedMarkets() },
      20,
      () => generation !== this.matchGeneration,
    ).then(
      (suggestions) => {
        if (suggestions === null || generation !== this.matchGeneration) return;
        this.links.setSuggestions(suggestions);
        this.sink.links(this.linkList());
      },
      (e: unknown) => this.options.activity.append({ kind: 'error', level: 'error', message: `Link matching failed: ${(e as Error).message}` }),
    );
  }

  private scannedMarkets(): MarketInfo[] {
    const out: MarketInfo[] = [];
    for (const a of this.attached.values()) {
      for (const ref of a.streamed) {
        const m = this.universe.market(ref);
        if (m) out.push(m);
      }
    }
    return out;
  }

  private tokenOutcome(tokenId: string): { market: MarketRef; outcome: Outcome } | undefined {
    const entry = this.scanner.books.polymarketByToken.get(tokenId);
    return entry ? { market: entry.book.ref, outcome: entry.outcome } : undefined;
  }

  // ---- what the contract asks -----------------------------------------------------------------

  venueStatuses(): VenueStatus[] {
    const now = this.options.clock.monotonic();
    const ids = VENUE_IDS.filter((id) => this.venues.available.includes(id));
    return ids.map((id) => {
      const slot = this.venues.slot(id);
      const a = this.attached.get(id);
      const status = a?.venue.feed.status() ?? null;
      const counts = a?.health.counts() ?? { stale: 0, unknown: 0 };
      const last = a?.health.lastMessage ?? null;
      const selected = this.venues.selectedEnvironment(id);
      const detail = slot.state === 'failed' ? slot.error : (status?.detail ?? a?.health.staleReason ?? slot.resolved?.note ?? null);
      return {
        venue: id,
        name: VENUE_NAMES[id],
        environment: slot.resolved?.connection.environment ?? selected,
        selectedEnvironment: selected,
        environments: [...VENUE_ENVIRONMENTS[id]],
        connection: slot.state === 'failed' ? 'down' : slot.state === 'starting' || !status ? 'connecting' : status.connection,
        messageRate: Math.max(0, status?.messageRate ?? 0),
        lastMessageAgeMs: last === null ? null : Math.max(0, Math.round(now - last)),
        lagMs: status?.lagMs ?? null,
        markets: a?.streamed.length ?? 0,
        staleBooks: counts.stale,
        unknownBooks: counts.unknown,
        keysSet: this.options.keysSet(id),
        detail,
        ...feesOf(this.options.venueFees?.(id)),
      };
    });
  }

  catalog(): Catalog {
    const refreshedAt = { kalshi: null, polymarket: null } as Record<VenueId, number | null>;
    for (const [id, a] of this.attached) refreshedAt[id] = a.refreshedAt;
    return buildCatalog(this.universe.markets(), this.filter, refreshedAt);
  }

  /** The links, each side with its human name and sources; in a simulated world, what the simulator holds of each pair. */
  linkList(): MarketLink[] {
    const simulated = VENUE_IDS.every((id) => this.attached.get(id)?.resolved.connection.environment === 'simulator');
    return this.links.links().map((l) => {
      const truth = simulated ? this.simulator.truthOf(l.kalshi.market, l.polymarket.market) : null;
      return truth === null ? l : { ...l, simulatorTruth: truth };
    });
  }

  /** "Why this pays" for a basket of legs (open or already closed). */
  explainBasket(strategy: StrategyId, legs: readonly ExplainLeg[]): BasketExplanation {
    return explainBasket(strategy, legs, {
      market: (ref) => this.universe.market(ref),
      relations: this.relations,
      links: this.links.links(),
      environment: (venue) => this.attached.get(venue)?.resolved.connection.environment ?? null,
      now: this.options.clock.now(),
    });
  }

  setSimulatorSpeed(speed: number): Promise<SimulatorState> {
    if (this.simulator.state() === null) {
      return Promise.reject(new CommandError('refused', 'speed: no venue runs against the built-in simulator', 'payload.speed'));
    }
    return this.simulator.setSpeed(speed).catch((e: unknown) => {
      throw new CommandError('unavailable', `speed: the simulator did not take it: ${(e as Error).message}`, 'payload.speed');
    });
  }

  opportunities(): Opportunity[] {
    return this.publisher.snapshot();
  }

  confirmLink(id: string, relation?: LinkRelation, override?: { reason: string }): MarketLink {
    const was = this.links.link(id)?.status;
    const link = this.links.confirm(id, relation, override);
    const overridden = link.override ? `; override of ${link.override.fields.join(', ')}: “${link.override.reason}”` : '';
    this.options.activity.append({
      kind: 'link',
      level: link.override ? 'warn' : 'info',
      ref: id,
      message: `Link ${was === 'suspended' ? 're-confirmed' : 'confirmed'} as ${link.relation.replace(/_/g, ' ')}: ${link.kalshi.title} ⇔ ${link.polymarket.title}${overridden}`,
    });
    this.sink.links(this.linkList());
    this.publisher.republish();
    return link;
  }

  rejectLink(id: string): MarketLink {
    const link = this.links.reject(id);
    this.options.activity.append({ kind: 'link', ref: id, message: `Link rejected: ${link.kalshi.title} ⇎ ${link.polymarket.title}` });
    this.sink.links(this.linkList());
    return link;
  }

  setWatchlist(watchlist: Watchlist): Catalog {
    this.options.settings.update({ watchlist });
    this.filter = new WatchFilter(watchlist);
    this.options.activity.append({
      kind: 'info',
      message: this.filter.watchesEverything
        ? 'Watching every market the venues list'
        : `Watching ${watchlist.categories.length} categor${watchlist.categories.length === 1 ? 'y' : 'ies'} and ${watchlist.series.length} series`,
    });
    this.applyUniverse();
    return this.catalog();
  }

  async setVenueEnvironment(venue: VenueId, environment: VenueEnvironment): Promise<VenueStatus> {
    if (!VENUE_ENVIRONMENTS[venue].includes(environment)) {
      throw new CommandError('refused', `environment: ${VENUE_NAMES[venue]} has no ${environment} environment (it offers ${VENUE_ENVIRONMENTS[venue].join(', ')})`, 'payload.environment');
    }
    if (!this.venues.available.includes(venue)) {
      throw new CommandError('unavailable', `venue: ${VENUE_NAMES[venue]} cannot run in this host`, 'payload.venue');
    }
    await this.venues.setEnvironment(venue, environment);
    return this.venueStatuses().find((s) => s.venue === venue)!;
  }

  watchMarket(ref: MarketRef): BookView {
    const view = this.scanner.has(ref) ? this.bookWatch.watch(ref) : null;
    if (view === null) throw new CommandError('not_found', `market: no market "${ref}" is being watched by any venue`, 'payload.market');
    return view;
  }

  unwatchMarket(ref: MarketRef): void {
    this.bookWatch.unwatch(ref);
  }
}

const ALARM_EVERY_MS = 60_000;

function hasSingleMarket(delta: ScanDelta): boolean {
  for (const o of delta.opened) if (o.basket.strategy === 'single_market') return true;
  for (const o of delta.updated) if (o.basket.strategy === 'single_market') return true;
  return false;
}

function isResolution(data: unknown): boolean {
  if (Array.isArray(data)) return data.some(isResolution);
  return typeof data === 'object' && data !== null && (data as { event_type?: unknown }).event_type === 'market_resolved';
}

function feesOf(fees: VenueStatus['fees'] | undefined): { fees?: NonNullable<VenueStatus['fees']> } {
  return fees ? { fees } : {};
}
