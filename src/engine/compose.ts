// The composition root (DESIGN.md "engine.ts"): the one function that builds the engine's services
// and hands each the narrow ports it needs. No service receives the engine or calls back into it;
// what one service does that others must hear of travels on that service's own events, and only
// what the trader must see is turned into the contract's events, here.
import type { AppState, ContractEvent, EventName, EventPayload, Mode, SecretsStatus } from '../shared/contract';
import type { VenueId } from '../shared/ids';
import { DisposableStore, Emitter, toDisposable, type IDisposable } from '../shared/lifecycle';
import { QTY_ONE } from '../shared/units';
import { Money, toText } from '../shared/money';
import { ARBDESK_VERSION } from '../shared/version';
import { ActivityLog } from './activity/activityLog';
import type { CommandHandlers } from './commands/handlers';
import { keyCommands } from './commands/keys';
import { marketCommands } from './commands/markets';
import { modeCommands } from './commands/mode';
import { riskCommands } from './commands/risk';
import { tradingCommands } from './commands/trading';
import { ExecutionService, type ExecutionServiceOptions } from './execution/executionService';
import { FeeService } from './execution/feeService';
import type { Ledger } from './ledger/ledger';
import { LedgerSession } from './ledger/ledgerSession';
import { PositionsService } from './ledger/positionsService';
import { BookWatch } from './live/bookWatch';
import { DiscoveryCache } from './live/discoveryCache';
import { LinkService } from './live/linkService';
import { preferenceCommands, preferencesOf } from './commands/preferences';
import { LinkWatch } from './live/linkWatch';
import { suspendedLinkOf } from './live/suspendedLinks';
import { linkRelations } from './universe/linkBook';
import type { Basket } from './scanner/basket';
import { MarketDataPump } from './live/marketDataPump';
import { OpportunityPublisher } from './live/opportunityPublisher';
import type { SessionRecorder } from './live/sessionRecorder';
import { SettlementRecorder } from './live/settlementRecorder';
import { UniverseSync } from './live/universeSync';
import { VenueHost, type ConnectorOverride } from './live/venueHost';
import { venueManifestViews, venueStatuses } from './live/venueStatus';
import { systemClock, type Clock } from './platform/clock';
import { appKillSwitchStore, KillSwitchRecord } from './risk/appKillSwitch';
import { CircuitBreaker } from './risk/circuitBreaker';
import { KillSwitch } from './risk/killSwitch';
import { linkBreakerToLedger } from './risk/ledgerLink';
import { Scanner } from './scanner/scanner';
import { RedactingSecretStore } from './secrets/redactingSecretStore';
import { Redactor } from './secrets/redactor';
import type { SecretStore } from './secrets/secretStore';
import { SecretsStatusService } from './secrets/secretsStatus';
import { SettingsStore } from './settings/settingsStore';
import { startupMode } from './settings/startupMode';
import { MarketUniverse } from './universe/universe';
import type { VenueConnectionResolver } from './venues/connection';
import type { VenueRegistry } from './venues/registry';
import type { TradingApi } from './venues/venue';

/** Links in one `links` event (each ~4 KB with both specs: a few hundred take the window ~20 ms). */
const LINKS_PER_MESSAGE = 200;

export interface EngineOptions {
  /** Which host runs the engine; shown to the trader. */
  host: 'electron' | 'serve';
  /** Where settings and ledgers live. Created if missing. */
  dataDir: string;
  secrets: SecretStore;
  clock?: Clock;
  /** Executor bounds and paper-impact decay (tests); the defaults otherwise. */
  execution?: ExecutionServiceOptions;
  /**
   * How the host resolves each venue's endpoints and credentials (keychain, simulator). Without
   * it the engine runs no venues (command-layer tests).
   */
  venues?: VenueConnectionResolver;
  /** The venues to run: the process's registry (its registration list) by default. */
  registry?: VenueRegistry;
  /** Connectors in place of the venues' own (tests script the edge of the machine). */
  connect?: ConnectorOverride;
  /** Live-engine tuning (tests, `arbdesk record`). */
  live?: { staleAfterMs?: number; discoveryIntervalMs?: number; publishIntervalMs?: number; bookIntervalMs?: number; statusIntervalMs?: number; linkWatchIntervalMs?: number };
  /** Diagnostics (stderr under serve). Every line passes through the redactor first. */
  log?: (message: string) => void;
  /** Blanks secrets from activity and logs; the host shares one with its own logging. */
  redactor?: Redactor;
  /** Live fee reconciliation: mismatches on one venue before the breaker trips (default 3), wallet-check delay. */
  fees?: { mismatchesToTrip?: number; walletDelayMs?: number };
}

/** The services the composition built: for hosts' tools (record, chaos, bench) and tests — never for the services themselves. */
export interface EngineServices {
  readonly clock: Clock;
  readonly startedAt: number;
  readonly redactor: Redactor;
  /** The host's keychain, teaching the redactor what it reads and stores. */
  readonly secretStore: SecretStore;
  readonly secrets: SecretsStatusService;
  readonly venueRegistry: VenueRegistry;
  readonly activity: ActivityLog;
  readonly settings: SettingsStore;
  readonly scanner: Scanner;
  readonly universe: MarketUniverse;
  readonly venues: VenueHost;
  readonly pump: MarketDataPump;
  readonly sync: UniverseSync;
  readonly links: LinkService;
  readonly linkWatch: LinkWatch;
  readonly publisher: OpportunityPublisher;
  readonly bookWatch: BookWatch;
  readonly settlements: SettlementRecorder;
  readonly risk: CircuitBreaker;
  readonly killSwitch: KillSwitch;
  readonly ledgers: LedgerSession;
  /** The current mode's ledger (it changes with the mode: hold on to it only briefly). */
  readonly ledger: Ledger;
  readonly positions: PositionsService;
  readonly execution: ExecutionService;
  readonly fees: FeeService;
  venueStatuses(): ReturnType<typeof venueStatuses>;
  /** Records every feed message and the markets they concern (`arbdesk record`); null stops. */
  attachRecorder(recorder: SessionRecorder | null): void;
}

export interface Composition extends IDisposable {
  readonly services: EngineServices;
  readonly handlers: CommandHandlers;
  /** Every contract event, for the host's transport to push to the UI. */
  readonly onEvent: Emitter<ContractEvent>['event'];
  snapshot(): AppState;
  /** Starts the venues (in the background: the host answers the UI at once). */
  start(): Promise<void>;
}

/** Builds every service of one engine, given the keys the keychain holds and what the data directory check found. */
export function compose(options: EngineOptions, registry: VenueRegistry, secretsAtStart: SecretsStatus, dataDirProblems: readonly string[]): Composition {
  const root = new DisposableStore();
  const events = root.add(new Emitter<ContractEvent>());
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => events.fire({ event, payload } as ContractEvent);
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const redactor = options.redactor ?? new Redactor();
  const log = (message: string) => (options.log ?? console.error)(redactor.redact(message));
  const secretStore = new RedactingSecretStore(options.secrets, redactor);
  const secrets = root.add(new SecretsStatusService(secretStore, registry, secretsAtStart));
  const activity = new ActivityLog(clock, undefined, (text) => redactor.redact(text));
  root.add(toDisposable(() => activity.dispose()));
  const settings = SettingsStore.inDir(options.dataDir);
  const start = startupMode(settings.get(), secretsAtStart, (set) => secrets.liveKeysPresent(set));
  if (start.mode !== settings.get().mode) settings.update({ mode: start.mode });
  const venueIds = registry.ids();
  const name = (venue: VenueId) => registry.name(venue);

  // ── The ledger of the current mode, and the breaker and kill switch reading it ────────────────
  const killSwitchRecord = KillSwitchRecord.inDir(options.dataDir);
  const ledgers = new LedgerSession({ dataDir: options.dataDir, clock, redact: (text) => redactor.redact(text) }, start.mode);
  const storeOf = (ledger: Ledger) => appKillSwitchStore(ledger.breakerStore, killSwitchRecord, { mode: ledger.mode, now: () => clock.now() });
  const universe = new MarketUniverse(registry);
  const risk = root.add(new CircuitBreaker({
    clock,
    limits: settings.get().limits,
    store: storeOf(ledgers.current),
    // An excess under the market's minimum order (once the universe knows it) cannot be traded away.
    dust: (leg) => new Money(Math.max(QTY_ONE, universe.market(leg.market)?.minOrderSize ?? QTY_ONE)).dividedBy(QTY_ONE),
  }));
  const killSwitch = root.add(new KillSwitch({ breaker: risk, clock }));
  const positions = root.add(new PositionsService({ ledger: ledgers.current, dayStart: () => risk.dayStart() }));
  let ledgerLink = linkBreakerToLedger(risk, ledgers.current);
  root.add(toDisposable(() => ledgerLink.dispose()));

  // ── Markets: books, the publisher, settlements, venues, the pump, discovery, links ─────────────
  const scanner = new Scanner({ now: () => clock.now(), venues: registry });
  // A basket on a suspended link shows greyed, with the reason (links are made just below).
  const suspendedLink = (basket: Pick<Basket, 'legs'>) => suspendedLinkOf(links.book, basket);
  const publisher = root.add(new OpportunityPublisher({ scanner, now: () => clock.now(), intervalMs: options.live?.publishIntervalMs, suspended: suspendedLink }));
  const bookWatch = root.add(new BookWatch(scanner.books, options.live?.bookIntervalMs));
  const settlements = root.add(new SettlementRecorder(() => ledgers.current, activity));
  const host = root.add(new VenueHost({ registry, resolver: options.venues ?? null, settings, killSwitch, activity, clock, log, ...(options.connect ? { connect: options.connect } : {}) }));
  const cache = root.add(new DiscoveryCache(options.dataDir));
  if (cache.loadProblem) activity.append({ kind: 'error', level: 'warn', message: cache.loadProblem });
  let pushLinks = () => {};
  const links = root.add(new LinkService({
    dataDir: options.dataDir,
    activity,
    now: () => clock.now(),
    venues: venueIds,
    name,
    market: (ref) => universe.market(ref),
    watched: (venue) => universe.watched(sync.watchFilter, venue),
    environment: (venue) => host.environment(venue),
    simulator: host.simulator,
    onDidChangeList: () => pushLinks(),
    onDidDecide: () => publisher.republish(),
  }));
  const linkWatch = root.add(new LinkWatch({
    links: links.book,
    activity,
    venues: () => venueIds.flatMap((id) => {
      const venue = host.venue(id);
      return venue ? [[id, venue] as const] : [];
    }),
    intervalMs: options.live?.linkWatchIntervalMs,
    log,
  }));
  const sync: UniverseSync = root.add(new UniverseSync({
    universe,
    scanner,
    cache,
    publisher,
    settlements,
    activity,
    clock,
    venues: venueIds,
    name,
    linkedRelations: () => linkRelations(links.book.traded()),
    watchlist: settings.get().watchlist,
    discoveryIntervalMs: options.live?.discoveryIntervalMs,
  }));
  const pump = root.add(new MarketDataPump({
    venues: venueIds,
    scanner,
    publisher,
    bookWatch,
    settlements,
    activity,
    clock,
    name,
    streamed: (venue) => sync.streamed(venue),
    setTickSize: (market, tickSize) => universe.setTickSize(market, tickSize as never),
    staleAfterMs: options.live?.staleAfterMs,
  }));

  // ── Execution and live fees ──────────────────────────────────────────────────────────────────
  const execution = root.add(new ExecutionService({
    clock,
    activity,
    risk,
    ledger: () => ledgers.current,
    onDidChangeMode: ledgers.onDidSwitch,
    openLedger: (mode) => ledgers.open(mode),
    venues: registry.all().map((v) => ({ id: v.manifest.id, name: v.manifest.name, rules: v.orders })),
    source: {
      markets: () => ({
        scanner,
        marketInfo: (ref) => universe.market(ref),
        refusal: (id) => {
          const basket = scanner.basket(id);
          return basket ? suspendedLink(basket) : null;
        },
      }),
      publish: (delta) => publisher.add(delta),
      opportunities: () => publisher.snapshot(),
    },
    progress: (p) => emit('execution', p),
    startedAt,
    paperBalances: () => settings.get().paperBalances,
  }, options.execution));
  root.add(execution.balances.onDidChange(() => pushVenues()));
  root.add(settlements.onDidBook(() => execution.onSettled()));
  root.add(execution.balances.onDidReadSettlements((found) => found.forEach((r) => settlements.record(r))));
  const sharesVenues = registry.all().flatMap((v) => (v.fees.buyFeeMayBeTakenInShares ? [{ venue: v.manifest.id, cash: v.fees.buyFeeMayBeTakenInShares.cash }] : []));
  const fees: FeeService = root.add(new FeeService({
    sharesVenues,
    name,
    isLive: () => ledgers.mode === 'live',
    fees: (market, at) => {
      const f = universe.fees(market, at);
      return typeof f === 'object' ? { taker: f.taker, maker: f.maker } : f;
    },
    warn: (venue, message) => activity.append({ kind: 'venue', level: 'warn', venue, message }),
    trip: (reason) => risk.trip('fee_mismatch', reason),
    ledgerHolding: (market, outcome) =>
      ledgers.current.openHoldings().filter((h) => h.market === market && h.outcome === outcome).reduce((sum, h) => sum.plus(h.held), new Money(0)),
    trading: (venue) => host.trading(venue),
    onFeeTakenIn: (venue, collection) => {
      universe.setFeeTakenIn(venue, collection);
      host.trading(venue)?.setFeeTakenIn?.(collection);
      void sync.apply();
    },
    ...options.fees,
  }));
  execution.metrics.venueFees = (venue) => fees.summary(venue);
  root.add(execution.router.onDidRecord(({ venue, fill }) => fees.onRecorded(venue, fill)));

  // ── What happens when a venue starts and stops ───────────────────────────────────────────────
  const attached = new Map<VenueId, DisposableStore>();
  const detach = (id: VenueId) => {
    attached.get(id)?.dispose();
    attached.delete(id);
  };
  root.add(host.onDidStart(({ id, venue, resolved }) => {
    detach(id);
    const store = new DisposableStore();
    attached.set(id, store);
    store.add(pump.attach(id, venue));
    store.add(sync.attach(id, venue, resolved.connection.environment));
    // A venue with keys trades live through its connector; its fills reach the live ledger.
    if (venue.trading) store.add(attachTrading(id, venue.trading, resolved.connection.environment));
    pushVenues();
  }));
  root.add(host.onDidStop(({ id }) => {
    detach(id);
    pushVenues();
  }));
  root.add(toDisposable(() => {
    for (const id of [...attached.keys()]) detach(id);
  }));
  function attachTrading(id: VenueId, trading: TradingApi, environment: Parameters<ExecutionService['attachLiveTrading']>[2]): IDisposable {
    const pushed = trading.onFill((fill) => fees.onPushed(id, fill));
    const attachedTrading = execution.attachLiveTrading(id, trading, environment);
    if (fees.takenIn(id) === 'shares') trading.setFeeTakenIn?.('shares');
    return toDisposable(() => {
      pushed.dispose();
      attachedTrading.dispose();
    });
  }

  // ── Internal events between services ─────────────────────────────────────────────────────────
  root.add(links.onDidChangeConfirmed(() => void sync.apply()));
  // Confirmed links are watched after every discovery (and polled while venues run).
  root.add(sync.onDidDiscover(() => linkWatch.check()));
  root.add(linkWatch.onDidSuspend((suspended) => {
    pushLinks();
    publisher.republish();
    // The trader re-confirms against the new terms: list them (rules, spec) without waiting for the next discovery.
    for (const venue of new Set(suspended.flatMap((s) => s.link.sides.map((side) => side.venue)))) void sync.refreshDiscovery(venue).catch(() => undefined);
  }));
  root.add(sync.onDidApply(() => links.matchWhenChanged()));
  // Markets that resolved this session settle in the other mode's ledger too.
  root.add(ledgers.onDidSwitch(() => settlements.replay()));
  root.add(publisher.onDidPublish((e) => execution.metrics.onOpportunities(e)));
  root.add(activity.onDidAppend((entry) => {
    try {
      ledgers.current.appendActivity(entry);
    } catch (e) {
      // The entry is still shown; a ledger that cannot take it (disk full) must not stop the engine.
      console.error(redactor.redact(`Activity entry not persisted: ${(e as Error).message}`));
    }
  }));
  root.add(risk.onDidTrip((trip) => {
    // The kill switch command writes its own entry, with what it cancelled.
    if (trip.kind !== 'kill_switch') activity.append({ kind: 'trip', level: 'warn', message: `Breaker tripped (${trip.kind}): ${trip.reason}` });
  }));
  root.add(risk.onDidTransition(({ reason }) => activity.append({ kind: 'info', message: reason })));
  root.add(risk.onDidFailLedgerAccess((problem) => activity.append({ kind: 'error', level: 'error', message: `Breaker ledger access failed: ${problem}` })));
  root.add(killSwitch.onDidSweep(({ venue, result, when }) => activity.append({
    kind: 'cancel',
    level: result.failed.length > 0 ? 'warn' : 'info',
    venue,
    message: `Kill switch engaged: ${when === 'late' ? `${venue}'s cancel-all answered after the kill switch stopped waiting` : `swept ${venue} on connect`}; ${result.cancelled.length} cancelled, ${result.failed.length} failed${result.failed.map((f) => ` (${f.reason})`).join('')}`,
  })));

  // ── What the trader sees: contract events ────────────────────────────────────────────────────
  const statuses = () => venueStatuses({
    venues: registry,
    host,
    pump,
    sync,
    monotonic: () => clock.monotonic(),
    keysSet: (venue) => secrets.venueKeysSet(venue),
    fees: (venue) => fees.summary(venue),
    balance: (venue) => execution.balances.view(venue),
  });
  let lastStatusPush = 0;
  function pushVenues(): void {
    lastStatusPush = clock.monotonic();
    emit('venues', statuses());
  }
  pushLinks = () => {
    const delta = links.changesSinceListed();
    if (delta === null) return;
    // In messages of a few hundred links: the window takes each in its own short task.
    emit('links', { upserts: delta.upserts.slice(0, LINKS_PER_MESSAGE), removed: delta.removed });
    for (let i = LINKS_PER_MESSAGE; i < delta.upserts.length; i += LINKS_PER_MESSAGE) emit('links', { upserts: delta.upserts.slice(i, i + LINKS_PER_MESSAGE), removed: [] });
  };
  const stats = () => ({ since: startedAt, ...execution.sessionStats(), pnlToday: toText(ledgers.current.realisedSince(risk.dayStart())), trips: risk.state().trips.length });
  // Stats read the ledger: pushed at most once a second however often opportunities change.
  let statsTimer: ReturnType<typeof setTimeout> | null = null;
  let lastStatsAt = 0;
  const scheduleStats = () => {
    if (statsTimer !== null) return;
    const wait = Math.max(0, lastStatsAt + 1000 - clock.now());
    statsTimer = setTimeout(() => {
      statsTimer = null;
      lastStatsAt = clock.now();
      emit('stats', stats());
    }, wait);
  };
  root.add(toDisposable(() => {
    if (statsTimer !== null) clearTimeout(statsTimer);
  }));
  root.add(activity.onDidAppend((entry) => emit('activity', entry)));
  root.add(risk.onDidChange((state) => emit('breaker', state)));
  root.add(positions.onDidChange((view) => emit('positions', view)));
  root.add(publisher.onDidPublish((e) => {
    emit('opportunities', e);
    scheduleStats();
  }));
  root.add(bookWatch.onDidChange((view) => emit('book', view)));
  root.add(host.onDidChange(() => pushVenues()));
  root.add(pump.onDidChangeConnection(() => pushVenues()));
  root.add(sync.onDidApply(() => {
    pushLinks();
    emit('catalog', sync.catalog());
    scheduleStats();
  }));
  root.add(host.simulator.onDidChange(() => {
    emit('simulator', host.simulator.state());
    pushLinks();
  }));
  root.add(secrets.onDidChange((status) => emit('secrets', status)));

  // Feed health and the venues' status move with time: checked four times a second.
  let ticker: ReturnType<typeof setInterval> | null = null;
  root.add(toDisposable(() => {
    if (ticker !== null) clearInterval(ticker);
  }));
  const tick = () => {
    pump.tick();
    if (clock.monotonic() - lastStatusPush >= (options.live?.statusIntervalMs ?? 1000)) pushVenues();
  };

  // ── The contract's commands ──────────────────────────────────────────────────────────────────
  const switchLedger = (mode: Mode) =>
    ledgers.switchTo(mode, (next, previous) => {
      try {
        risk.attach(storeOf(next));
      } catch (e) {
        risk.attach(storeOf(previous));
        throw e;
      }
      ledgerLink.dispose();
      positions.attach(next);
      ledgerLink = linkBreakerToLedger(risk, next);
    });
  const snapshot = (linksInPages = false): AppState => {
    const s = settings.get();
    return {
      protocol: 1,
      engine: { version: ARBDESK_VERSION, startedAt, host: options.host, now: clock.now() },
      mode: s.mode,
      venueManifests: venueManifestViews(registry),
      venues: statuses(),
      breaker: risk.state(),
      limits: risk.limits(),
      limitsConfirmedAt: s.limitsConfirmedAt,
      opportunities: publisher.snapshot(),
      positions: positions.view(),
      activity: activity.query({ limit: 500 }),
      links: linksInPages ? [] : links.list(),
      catalog: sync.catalog(),
      stats: stats(),
      secrets: secrets.status(),
      simulator: host.simulator.state(),
      preferences: preferencesOf(settings),
    };
  };
  const handlers: CommandHandlers = {
    getState: ({ linksInPages }) => snapshot(linksInPages),
    getLinks: ({ after, limit }) => links.page(after, limit),
    getActivity: (query) => activity.query(query),
    ...tradingCommands({ execution, risk, positions: () => positions.view(), mode: () => ledgers.mode, settings, activity }),
    ...riskCommands({
      risk,
      killSwitch,
      settings,
      activity,
      clock,
      limitsSaved: (limits, at) => {
        emit('limits', limits);
        emit('limitsConfirmedAt', { at });
      },
    }),
    ...keyCommands({ store: secretStore, status: secrets, venues: registry, activity }),
    ...modeCommands({
      settings,
      activity,
      clock,
      liveKeysPresent: () => secrets.liveKeysPresent(),
      busy: () => execution.busy(),
      killSwitchEngaged: () => risk.state().killSwitch,
      switchLedger,
      modeChanged: (mode) => emit('mode', { mode }),
    }),
    ...preferenceCommands({
      settings,
      activity,
      changed: (preferences) => emit('preferences', preferences),
      applyJurisdiction: (jurisdiction) => host.setTraderJurisdiction(jurisdiction),
      busy: () => execution.busy(),
    }),
    ...marketCommands({ links, bookWatch, scanner, sync, universe, host, venues: registry, settings, activity, now: () => clock.now(), venueStatuses: statuses }),
  };

  // Disposed last: everything above may still write to it while shutting down.
  root.add(toDisposable(() => ledgers.dispose()));

  // Problems found at start-up go to the activity log and to stderr (serve) / the console.
  const report = (message: string, kind: 'error' | 'mode' = 'error') => {
    activity.append({ kind, level: kind === 'error' ? 'error' : 'warn', message });
    log(`ArbDesk: ${message}`);
  };
  if (settings.loadProblem) report(`Settings file rejected: ${settings.loadProblem}`);
  if (start.reason) report(start.reason, 'mode');
  if (killSwitchRecord.loadProblem) report(`Kill switch record: ${killSwitchRecord.loadProblem}`);
  for (const problem of dataDirProblems) report(`Data directory not private: ${problem}`);
  activity.append({ kind: 'info', message: `Engine ${ARBDESK_VERSION} started (${options.host}, ${settings.get().mode} mode)` });

  const services: EngineServices = {
    clock,
    startedAt,
    redactor,
    secretStore,
    secrets,
    venueRegistry: registry,
    activity,
    settings,
    scanner,
    universe,
    venues: host,
    pump,
    sync,
    links,
    linkWatch,
    publisher,
    bookWatch,
    settlements,
    risk,
    killSwitch,
    ledgers,
    get ledger() {
      return ledgers.current;
    },
    positions,
    execution,
    fees,
    venueStatuses: statuses,
    attachRecorder: (recorder) => {
      pump.attachRecorder(recorder);
      sync.attachRecorder(recorder);
    },
  };

  return {
    services,
    handlers,
    onEvent: events.event,
    snapshot,
    start: () => {
      if (host.available.length === 0) return Promise.resolve();
      ticker ??= setInterval(tick, 250);
      ticker.unref?.();
      linkWatch.start();
      return host.startAll();
    },
    dispose: () => root.dispose(),
  };
}

