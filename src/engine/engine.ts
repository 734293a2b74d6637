import {
  type AppState, type CommandName, type CommandPayload, type CommandResult, type ContractEvent, type EventName,
  type EventPayload, type Mode, type PositionsView, type SecretName, type SecretsStatus, type SessionStats, SECRET_NAMES,
} from '../shared/contract';
import type { VenueId } from '../shared/ids';
import { Disposable, Emitter, type IDisposable, toDisposable } from '../shared/lifecycle';
import { ARBDESK_VERSION } from '../shared/version';
import { ActivityLog } from './activity/activityLog';
import { systemClock, type Clock } from './clock';
import { createCommandHandlers, type CommandHandlers } from './commandHandlers';
import { ExecutionService, type ExecutionServiceOptions } from './execution/wire';
import { FeeService } from './fees/feeService';
import { Ledger } from './ledger/ledger';
import { Money, toText } from './positions/money';
import { QTY_ONE } from '../shared/units';
import { PositionsService } from './positions/positionsService';
import { appKillSwitchStore, KillSwitchRecord } from './risk/appKillSwitch';
import type { BreakerStore } from './risk/breakerStore';
import { CircuitBreaker } from './risk/circuitBreaker';
import { KillSwitch } from './risk/killSwitch';
import { linkBreakerToLedger } from './risk/ledgerLink';
import { Scanner } from './scanner/scanner';
import { RedactingSecretStore } from './secrets/redactingSecretStore';
import { Redactor } from './secrets/redactor';
import type { SecretStore } from './secrets/secretStore';
import { ensurePrivateDir } from './privateFiles';
import { SettingsStore } from './settings/settingsStore';
import { startupMode } from './settings/startupMode';
import type { VenueConnectionResolver } from './live/connections';
import { LiveEngine } from './live/liveEngine';
import { suspendedLinkOf } from './live/suspendedLinks';
import type { VenueManager } from './live/venueManager';
import type { VenueRegistry } from './live/venueRegistry';
import type { MarketUniverse } from './universe/universe';

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
  /** Venue factories; the built-in registry by default. */
  venueRegistry?: VenueRegistry;
  /** Live-engine tuning (tests, `arbdesk record`). */
  live?: { staleAfterMs?: number; discoveryIntervalMs?: number; publishIntervalMs?: number; bookIntervalMs?: number; statusIntervalMs?: number };
  /** Diagnostics (stderr under serve). Every line passes through the redactor first. */
  log?: (message: string) => void;
  /** Blanks secrets from activity and logs; the host shares one with its own logging. */
  redactor?: Redactor;
  /** Live fee reconciliation: mismatches on one venue before the breaker trips (default 3), wallet-check delay. */
  fees?: { mismatchesToTrip?: number; walletDelayMs?: number };
}

/**
 * The composition root (DESIGN.md "engine.ts"): builds the services, owns their lifetimes, and is
 * the only thing a host talks to. It never imports Electron; it runs the same in Electron main and
 * under `arbdesk serve`.
 */
export class Engine extends Disposable {
  private readonly onEventEmitter = this.register(new Emitter<ContractEvent>());
  /** Every contract event, for the host's transport to push to the UI. */
  readonly onEvent = this.onEventEmitter.event;

  readonly clock: Clock;
  /** Knows every key this engine has read or stored; blanks them from activity and logs. */
  readonly redactor: Redactor;
  /** The host's keychain, teaching the redactor what it reads and stores. */
  readonly secretStore: SecretStore;
  readonly activity: ActivityLog;
  readonly settings: SettingsStore;
  /** The circuit breaker: the order path's gate. */
  readonly risk: CircuitBreaker;
  readonly killSwitch: KillSwitch;
  readonly positionBook: PositionsService;
  /** Execute, paper trading, unwind, restart reconciliation, metrics (src/engine/execution). */
  readonly execution: ExecutionService;
  /** Books, baskets and opportunities of every scanned market: the executor revalidates on it. */
  readonly scanner: Scanner;
  /** Venues, discovery, the universe, links, the feed pump and its events. */
  readonly live: LiveEngine;
  /** Live fees as charged against the model; how Polymarket takes BUY fees (src/engine/fees). */
  readonly fees: FeeService;
  readonly startedAt: number;
  private statsTimer: ReturnType<typeof setTimeout> | null = null;
  private lastStatsAt = 0;
  private currentLedger: Ledger;
  private ledgerLink: IDisposable;
  private secretsStatus: SecretsStatus;
  private readonly handlers: CommandHandlers;
  /** The kill switch shared by both modes' ledgers. */
  private readonly killSwitchRecord: KillSwitchRecord;

  private constructor(
    readonly options: EngineOptions,
    secretsStatus: SecretsStatus,
    dataDirProblems: readonly string[],
  ) {
    super();
    this.clock = options.clock ?? systemClock;
    this.startedAt = this.clock.now();
    this.secretsStatus = secretsStatus;
    this.redactor = options.redactor ?? new Redactor();
    this.secretStore = new RedactingSecretStore(options.secrets, this.redactor);
    this.activity = new ActivityLog(this.clock, undefined, (text) => this.redactor.redact(text));
    this.register(toDisposable(() => this.activity.dispose()));
    this.settings = SettingsStore.inDir(options.dataDir);
    const start = startupMode(this.settings.get(), secretsStatus);
    if (start.mode !== this.settings.get().mode) this.settings.update({ mode: start.mode });
    this.killSwitchRecord = KillSwitchRecord.inDir(options.dataDir);
    this.currentLedger = this.openLedger(start.mode);
    this.risk = this.register(new CircuitBreaker({
      clock: this.clock,
      limits: this.settings.get().limits,
      store: this.breakerStoreOf(this.currentLedger),
      // An excess under the market's minimum order (once the universe knows it) cannot be traded away.
      dust: (leg) => new Money(Math.max(QTY_ONE, this.live?.universe.market(leg.market)?.minOrderSize ?? QTY_ONE)).dividedBy(QTY_ONE),
    }));
    this.killSwitch = this.register(new KillSwitch({ breaker: this.risk, clock: this.clock }));
    this.positionBook = this.register(new PositionsService({ ledger: this.currentLedger, dayStart: () => this.risk.dayStart() }));
    this.ledgerLink = linkBreakerToLedger(this.risk, this.currentLedger);
    this.register(toDisposable(() => this.ledgerLink.dispose()));

    this.register(this.activity.onDidAppend((entry) => {
      this.persistActivity(entry);
      this.emit('activity', entry);
    }));
    this.register(this.risk.onDidChange((state) => this.emit('breaker', state)));
    this.register(this.risk.onDidTrip((trip) => {
      // The kill switch command writes its own entry, with what it cancelled.
      if (trip.kind !== 'kill_switch') this.activity.append({ kind: 'trip', level: 'warn', message: `Breaker tripped (${trip.kind}): ${trip.reason}` });
    }));
    this.register(this.risk.onDidTransition(({ reason }) => this.activity.append({ kind: 'info', message: reason })));
    this.register(this.risk.onDidFailLedgerAccess((problem) => this.activity.append({ kind: 'error', level: 'error', message: `Breaker ledger access failed: ${problem}` })));
    this.register(this.killSwitch.onDidSweep(({ venue, result }) => this.activity.append({
      kind: 'cancel',
      level: result.failed.length > 0 ? 'warn' : 'info',
      venue,
      message: `Kill switch engaged: swept ${venue} on connect; ${result.cancelled.length} cancelled, ${result.failed.length} failed${result.failed.map((f) => ` (${f.reason})`).join('')}`,
    })));
    this.register(this.positionBook.onDidChange((view) => this.emit('positions', view)));
    this.scanner = new Scanner({ now: () => this.clock.now() });
    this.live = this.register(
      new LiveEngine(
        {
          scanner: this.scanner,
          dataDir: options.dataDir,
          settings: this.settings,
          activity: this.activity,
          killSwitch: this.killSwitch,
          clock: this.clock,
          ledger: () => this.currentLedger,
          keysSet: (venue) => venueKeysSet(this.secretsStatus, venue),
          venueFees: (venue) => this.fees?.summary(venue),
          resolver: options.venues ?? null,
          registry: options.venueRegistry,
          log: (message) => (options.log ?? console.error)(this.redactor.redact(message)),
          ...options.live,
        },
        {
          opportunities: (payload) => this.emit('opportunities', payload),
          book: (view) => this.emit('book', view),
          venues: (statuses) => this.emit('venues', statuses),
          links: (links) => this.emit('links', links),
          catalog: (catalog) => this.emit('catalog', catalog),
          stats: () => this.scheduleStats(),
          simulator: (state) => this.emit('simulator', state),
        },
      ),
    );
    this.register(toDisposable(() => {
      if (this.statsTimer !== null) clearTimeout(this.statsTimer);
    }));
    this.execution = this.register(new ExecutionService(this, options.execution));
    this.fees = this.register(this.createFeeService());
    this.execution.metrics.venueFees = (venue) => this.fees.summary(venue);
    this.register(this.execution.router.onDidRecord(({ venue, fill }) => this.fees.onRecorded(venue, fill)));
    this.register(this.execution.setMarketSource({
      markets: () => ({
        scanner: this.scanner,
        marketInfo: (ref) => this.live.universe.market(ref),
        refusal: (id) => {
          const basket = this.scanner.basket(id);
          return basket ? suspendedLinkOf(this.live.links, basket) : null;
        },
      }),
      publish: (delta) => this.live.publisher.add(delta),
      opportunities: () => this.live.opportunities(),
    }));
    // A connected venue with keys trades live through its connector; its fills reach the live ledger.
    const liveTrading = new Map<VenueId, IDisposable>();
    this.register(this.live.venues.onDidStart(({ id, venue }) => {
      liveTrading.get(id)?.dispose();
      liveTrading.delete(id);
      if (venue.trading) {
        const trading = venue.trading;
        const pushed = trading.onFill((fill) => this.fees.onPushed(id, fill));
        const attached = this.execution.attachLiveTrading(id, trading, venue.environment);
        if (this.fees.collection.collection === 'shares') trading.setFeeTakenIn?.('shares');
        liveTrading.set(id, toDisposable(() => {
          pushed.dispose();
          attached.dispose();
        }));
      }
    }));
    this.register(this.live.venues.onDidStop(({ id }) => {
      liveTrading.get(id)?.dispose();
      liveTrading.delete(id);
    }));
    this.register(toDisposable(() => {
      for (const d of liveTrading.values()) d.dispose();
    }));
    // Disposed last: everything above may still write to it while shutting down.
    this.register(toDisposable(() => this.currentLedger.close()));
    this.handlers = createCommandHandlers(this);

    // Problems found at start-up go to the activity log and to stderr (serve) / the console.
    const report = (message: string, kind: 'error' | 'mode' = 'error') => {
      this.activity.append({ kind, level: kind === 'error' ? 'error' : 'warn', message });
      (options.log ?? console.error)(this.redactor.redact(`ArbDesk: ${message}`));
    };
    if (this.settings.loadProblem) report(`Settings file rejected: ${this.settings.loadProblem}`);
    if (start.reason) report(start.reason, 'mode');
    if (this.killSwitchRecord.loadProblem) report(`Kill switch record: ${this.killSwitchRecord.loadProblem}`);
    for (const problem of dataDirProblems) report(`Data directory not private: ${problem}`);
    this.activity.append({ kind: 'info', message: `Engine ${ARBDESK_VERSION} started (${options.host}, ${this.settings.get().mode} mode)` });
  }

  private createFeeService(): FeeService {
    return new FeeService({
      isLive: () => this.currentLedger.mode === 'live',
      fees: (market, at) => {
        const f = this.live.universe.fees(market, at);
        return typeof f === 'object' ? { taker: f.taker, maker: f.maker } : f;
      },
      warn: (venue, message) => this.activity.append({ kind: 'venue', level: 'warn', venue, message }),
      trip: (reason) => this.risk.trip('fee_mismatch', reason),
      ledgerHolding: (market, outcome) =>
        this.currentLedger.openHoldings().filter((h) => h.market === market && h.outcome === outcome).reduce((sum, h) => sum.plus(h.held), new Money(0)),
      trading: (venue) => this.live.venues.trading(venue),
      onFeeTakenIn: (collection) => {
        this.live.universe.setPolymarketFeeTakenIn(collection);
        this.live.venues.trading('polymarket')?.setFeeTakenIn?.(collection);
        this.live.reapplyUniverse();
      },
      ...this.options.fees,
    });
  }

  static async create(options: EngineOptions): Promise<Engine> {
    // 0700, and every file in it 0600: the ledgers are the trader's trading history.
    const dataDirProblems = ensurePrivateDir(options.dataDir);
    const engine = new Engine(options, await readSecretsStatus(options.secrets), dataDirProblems);
    // Venues come up in the background: the host answers the UI at once.
    void engine.live.start().catch((e: unknown) => engine.activity.append({ kind: 'error', level: 'error', message: `Venues failed to start: ${(e as Error).message}` }));
    return engine;
  }

  /** The venues: `venues.trading(venue)` is a venue's trading API (null without keys or connection). */
  get venues(): VenueManager {
    return this.live.venues;
  }

  /** Every discovered market (`universe.market(ref)`: tick size, minimum order, tokens, negRisk, rules). */
  get universe(): MarketUniverse {
    return this.live.universe;
  }

  /** Runs one command whose payload the host has already validated against the contract. */
  handle<C extends CommandName>(command: C, payload: CommandPayload<C>): Promise<CommandResult<C>> {
    const handler = this.handlers[command] as (p: CommandPayload<C>) => Promise<CommandResult<C>> | CommandResult<C>;
    return Promise.resolve().then(() => handler(payload));
  }

  snapshot(): AppState {
    const settings = this.settings.get();
    return {
      protocol: 1,
      engine: { version: ARBDESK_VERSION, startedAt: this.startedAt, host: this.options.host, now: this.clock.now() },
      mode: settings.mode,
      venues: this.live.venueStatuses(),
      breaker: this.risk.state(),
      limits: this.risk.limits(),
      limitsConfirmedAt: settings.limitsConfirmedAt,
      opportunities: this.live.opportunities(),
      positions: this.positions(),
      activity: this.activity.query({ limit: 500 }),
      links: this.live.linkList(),
      catalog: this.live.catalog(),
      stats: this.stats(),
      secrets: this.secretsStatus,
      simulator: this.live.simulator.state(),
    };
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.onEventEmitter.fire({ event, payload } as ContractEvent);
  }

  secrets(): SecretsStatus {
    return this.secretsStatus;
  }

  async refreshSecretsStatus(): Promise<SecretsStatus> {
    this.secretsStatus = await readSecretsStatus(this.options.secrets);
    this.emit('secrets', this.secretsStatus);
    return this.secretsStatus;
  }

  /** The ledger of the current mode (it changes with the mode: hold on to it only briefly). */
  get ledger(): Ledger {
    return this.currentLedger;
  }

  /**
   * Opens the other mode's ledger and moves the breaker and positions onto it. The new ledger is
   * opened first: if it cannot be, nothing changes.
   */
  switchLedger(mode: Mode): void {
    if (this.currentLedger.mode === mode) return;
    const next = this.openLedger(mode);
    const previous = this.currentLedger;
    try {
      this.risk.attach(this.breakerStoreOf(next));
    } catch (e) {
      this.risk.attach(this.breakerStoreOf(previous));
      next.close();
      throw e;
    }
    this.ledgerLink.dispose();
    this.currentLedger = next;
    this.positionBook.attach(next);
    this.ledgerLink = linkBreakerToLedger(this.risk, next);
    previous.close();
    // Markets that resolved this session settle in this ledger too.
    this.live.settlements.replay();
  }

  private openLedger(mode: Mode): Ledger {
    return Ledger.openInDir(this.options.dataDir, { mode, clock: this.clock, redact: (text) => this.redactor.redact(text) });
  }

  /** The ledger's breaker state, joined to the one kill switch of the whole app. */
  private breakerStoreOf(ledger: Ledger): BreakerStore {
    return appKillSwitchStore(ledger.breakerStore, this.killSwitchRecord, { mode: ledger.mode, now: () => this.clock.now() });
  }

  positions(): PositionsView {
    return this.positionBook.view();
  }

  stats(): SessionStats {
    const pnlToday = toText(this.currentLedger.realisedSince(this.risk.dayStart()));
    return { since: this.startedAt, ...this.execution.sessionStats(), pnlToday, trips: this.risk.state().trips.length };
  }

  /** Stats read the ledger: pushed at most once a second however often opportunities change. */
  private scheduleStats(): void {
    if (this.statsTimer !== null) return;
    const wait = Math.max(0, this.lastStatsAt + 1000 - this.clock.now());
    this.statsTimer = setTimeout(() => {
      this.statsTimer = null;
      this.lastStatsAt = this.clock.now();
      this.emit('stats', this.stats());
    }, wait);
  }

  private persistActivity(entry: Parameters<Ledger['appendActivity']>[0]): void {
    try {
      this.currentLedger.appendActivity(entry);
    } catch (e) {
      // The entry is still shown; a ledger that cannot take it (disk full) must not stop the engine.
      console.error(this.redactor.redact(`Activity entry not persisted: ${(e as Error).message}`));
    }
  }
}

function venueKeysSet(status: SecretsStatus, venue: 'kalshi' | 'polymarket'): boolean {
  return venue === 'kalshi' ? status.set['kalshi.keyId'] === true && status.set['kalshi.privateKey'] === true : status.set['polymarket.privateKey'] === true;
}

async function readSecretsStatus(store: SecretStore): Promise<SecretsStatus> {
  const keychain = await store.status();
  const set = {} as Record<SecretName, boolean>;
  for (const name of SECRET_NAMES) set[name] = keychain.available ? await store.has(name) : false;
  return { keychain, set };
}
