// The execution service: the one place the executor, the paper brokers, the fill router, restart
// reconciliation and the metrics are built and wired to each other. The composition root gives it
// the narrow ports it needs (ExecutionPorts); the contract's commands that use it are in
// src/engine/commands/trading.ts.
import type { ExecutionProgress, Mode, Opportunity, VenueEnvironment } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';
import { Disposable, toDisposable, type Event, type IDisposable } from '../../shared/lifecycle';
import type { ActivityLog } from '../activity/activityLog';
import type { Clock } from '../platform/clock';
import type { CircuitBreaker } from '../risk/circuitBreaker';
import type { ScanDelta } from '../scanner/scanner';
import type { OrderRules } from '../venues/contribution';
import type { TradingApi } from '../venues/venue';
import { DEFAULT_EXECUTION_CONFIG, type ExecutionConfig } from './config';
import { Executor, type MarketsView } from './executor';
import { FillRouter } from './fillRouter';
import { MarketImpact } from './marketImpact';
import { ExecutionMetrics } from './metrics';
import { DEFAULT_PAPER_BALANCE, PaperBroker } from './paperBroker';
import type { VenueCash } from './plan';
import { BalanceService, type BalanceOptions } from './balances';
import { Money } from '../../shared/money';
import { reconcilePendingOrders, type ReconcileReport } from './restart';
import type { Ledger } from '../ledger/ledger';
import { unequalOf } from '../ledger/unequal';

/** Where the live engine's books come from, and how a change paper trading makes is published. */
export interface MarketSource {
  /** Null until the engine has live books. */
  markets(): MarketsView | null;
  /** Pushes a scan delta as the `opportunities` event (paper fills took or gave back liquidity). */
  publish(delta: ScanDelta): void;
  /** The opportunities as published (with what the books cannot say); the scanner's otherwise. */
  opportunities?(): Opportunity[];
}

export interface ExecutionServiceOptions {
  config?: Partial<ExecutionConfig>;
  /** Balance polling (cadence, staleness). */
  balances?: BalanceOptions;
  /** How long paper trading's consumed liquidity takes to come back. */
  impactDecayMs?: number;
}

/** What the execution service is given: narrow ports, never the engine. */
export interface ExecutionPorts {
  clock: Clock;
  activity: ActivityLog;
  /** The order path's gate. */
  risk: CircuitBreaker;
  /** The current mode's ledger (it changes with the mode: read it when needed). */
  ledger(): Ledger;
  /** The mode changed (the ledger did with it). */
  onDidChangeMode: Event<Mode>;
  /** Opens a mode's ledger apart from the current one (a live fill arriving in paper mode); the caller closes it. */
  openLedger(mode: Mode): Ledger;
  /** The registered venues, with their names and order rules (paper trading refuses what they would). */
  venues: readonly { id: VenueId; name: string; rules: OrderRules }[];
  /** The engine's live books and markets, and how a change paper trading makes is published. */
  source: MarketSource;
  /** Execution progress, for the trader. */
  progress(p: ExecutionProgress): void;
  startedAt: number;
  /** Each venue's paper starting cash, dollars (the trader's setting); absent: DEFAULT_PAPER_BALANCE. */
  paperBalances?(): Partial<Record<VenueId, string>>;
}

export class ExecutionService extends Disposable {
  readonly config: ExecutionConfig;
  readonly router: FillRouter;
  readonly impact: MarketImpact;
  readonly paper: ReadonlyMap<VenueId, PaperBroker>;
  readonly executor: Executor;
  readonly metrics: ExecutionMetrics;
  readonly balances: BalanceService;
  private source: MarketSource | null;
  private readonly live = new Map<VenueId, TradingApi>();
  private readonly liveEnvironments = new Map<VenueId, VenueEnvironment>();
  private reconciling: Promise<ReconcileReport | null> = Promise.resolve(null);
  private reconcilingNow = false;

  constructor(private readonly ports: ExecutionPorts, options: ExecutionServiceOptions = {}) {
    super();
    this.config = { ...DEFAULT_EXECUTION_CONFIG, ...options.config };
    this.source = ports.source;
    const clock = ports.clock;
    this.router = this.register(new FillRouter({ ledger: () => ports.ledger(), activity: ports.activity, clock }));
    const changed = (ladders: readonly number[]) => {
      const scanner = this.source?.markets()?.scanner;
      if (!scanner || ladders.length === 0) return;
      const delta = scanner.reevaluateLadders(ladders);
      if (delta.opened.length + delta.updated.length + delta.closed.length > 0) this.source!.publish(delta);
    };
    this.impact = this.register(new MarketImpact({ clock, decayMs: options.impactDecayMs, onChanged: changed }));
    const paper = new Map<VenueId, PaperBroker>();
    for (const { id: venue, name, rules } of ports.venues) {
      const broker = new PaperBroker({
        venue,
        name,
        rules,
        clock,
        books: () => this.source?.markets()?.scanner.books ?? null,
        feeModel: (market) => this.source?.markets()?.scanner.market(market)?.fee,
        impact: this.impact,
        onLaddersChanged: changed,
      });
      paper.set(venue, broker);
      this.register(toDisposable(() => broker.dispose()));
      this.register(this.router.attach(venue, broker, () => this.mode() === 'paper'));
    }
    this.paper = paper;
    this.balances = this.register(new BalanceService({
      venues: ports.venues.map((v) => v.id),
      trading: (venue) => this.trading(venue),
      mode: () => this.mode(),
      live: (venue) => this.live.get(venue) ?? null,
      clock,
      log: (venue, message) => ports.activity.append({ kind: 'venue', level: 'warn', venue, message: `${venue} ${message}` }),
    }, options.balances));
    if (this.mode() === 'paper') this.rebasePaper();
    this.executor = new Executor({
      clock,
      risk: ports.risk,
      ledger: () => ports.ledger(),
      mode: () => this.mode(),
      markets: () => this.source?.markets() ?? null,
      trading: (venue) => this.trading(venue),
      liveEnvironment: (venue) => this.liveEnvironments.get(venue) ?? null,
      router: this.router,
      activity: ports.activity,
      progress: (p) => ports.progress(p),
      config: this.config,
      cash: (venue) => this.cash(venue),
    });
    this.register(toDisposable(() => this.executor.dispose()));
    this.metrics = new ExecutionMetrics(ports.startedAt);
    this.register(this.executor.onDidFinish((f) => this.metrics.onExecution(f)));
    this.register(this.router.onDidRecord(({ venue, fill, order }) => {
      this.metrics.onFill(venue, fill.qty);
      this.balances.refreshSoon(venue);
      // Reconciliation reports what its replayed fills leave unequal itself.
      if (!this.reconcilingNow && !this.executor.isActive(order.basketId)) this.checkLateFill(order.basketId, order.clientOrderId);
    }));
    this.register(this.router.onDidFailRecordedFill(({ venue, fill, order }) => {
      ports.risk.markUnhedged(order.basketId, `less on ${venue} than the ledger shows (trade ${fill.fillId} failed)`, `${venue} trade ${fill.fillId} failed after matching; basket ${order.basketId.slice(0, 8)} holds less on ${venue} than the ledger shows`);
    }));
    this.register(ports.onDidChangeMode((mode) => this.onModeChanged(mode)));
    // Paper orders left open by a crash: the paper venue kept nothing, so they close as never placed.
    if (this.mode() === 'paper') void this.reconcile([...this.paper.keys()]);
  }

  /** Another source of books and markets (tests: a scanner of their own); disposing restores none. */
  setMarketSource(source: MarketSource): IDisposable {
    this.source = source;
    return toDisposable(() => {
      if (this.source === source) {
        this.impact.clear();
        this.source = null;
      }
    });
  }

  /**
   * A venue's live trading API (its connector, with keys). Its pushed fills are routed to the live
   * ledger, and in live mode its pending orders are reconciled now. Dispose when it goes.
   */
  attachLiveTrading(venue: VenueId, api: TradingApi, environment?: VenueEnvironment): IDisposable {
    this.live.set(venue, api);
    if (environment) this.liveEnvironments.set(venue, environment);
    else this.liveEnvironments.delete(venue);
    // A live venue's fills belong to the live ledger, in whatever mode they arrive.
    const routed = api.onFill((fill) => {
      if (this.mode() === 'live') this.router.record(venue, fill);
      else this.recordLateLiveFill(venue, fill);
    });
    if (this.mode() === 'live') void this.reconcile([venue]);
    // Its cash (and its account's settlements) as soon as it can trade.
    this.balances.refreshSoon(venue);
    return toDisposable(() => {
      routed.dispose();
      if (this.live.get(venue) === api) {
        this.live.delete(venue);
        this.liveEnvironments.delete(venue);
      }
    });
  }

  /** The trading API of the current mode. */
  trading(venue: VenueId): TradingApi | null {
    return this.mode() === 'paper' ? (this.paper.get(venue) ?? null) : (this.live.get(venue) ?? null);
  }

  /** True while an execution or unwind runs: the mode must not change under it. */
  busy(): boolean {
    return this.executor.busy();
  }

  /** Reconciles the current ledger's open orders on these venues (serialised). */
  reconcile(venues: VenueId[]): Promise<ReconcileReport | null> {
    const ledger = this.ports.ledger();
    this.reconciling = this.reconciling.then(() => {
      if (ledger.isClosed || ledger !== this.ports.ledger()) return null;
      this.reconcilingNow = true;
      return reconcilePendingOrders({
        ledger,
        trading: (v) => this.trading(v),
        router: this.router,
        activity: this.ports.activity,
        risk: this.ports.risk,
        timeoutMs: this.config.lookupTimeoutMs,
        venues,
      }).catch((e: unknown) => {
        this.ports.activity.append({ kind: 'error', level: 'error', message: `Restart reconciliation failed: ${e instanceof Error ? e.message : String(e)}` });
        return null;
      }).finally(() => {
        this.reconcilingNow = false;
      });
    });
    return this.reconciling;
  }

  /** The session counts the status bar shows. */
  sessionStats(): { opportunitiesSeen: number; executions: number; fills: number; fillRate: number | null } {
    const c = this.metrics.counts();
    return { opportunitiesSeen: c.opportunitiesFound, executions: c.executions, fills: c.fills, fillRate: this.metrics.fillRate() };
  }

  /**
   * Paper cash from the paper ledger: each venue's starting cash (the setting) plus what its fills
   * and settlements moved. Called between orders (a mode switch, a setting, a settlement), when every
   * paper fill is already in the ledger.
   */
  rebasePaper(): void {
    const ledger = this.ports.ledger();
    if (ledger.mode !== 'paper' || ledger.isClosed) return;
    const flow = ledger.cashFlowByVenue();
    const start = this.ports.paperBalances?.() ?? {};
    for (const [venue, broker] of this.paper) {
      broker.rebase(new Money(start[venue] ?? DEFAULT_PAPER_BALANCE).plus(flow.get(venue) ?? 0));
    }
    this.balances.refreshSoon();
  }

  /** What a venue's account can spend now: the paper broker's cash, or the live balance last read. */
  cash(venue: VenueId): VenueCash | null {
    const name = this.ports.venues.find((v) => v.id === venue)?.name ?? venue;
    if (this.mode() === 'paper') {
      const broker = this.paper.get(venue);
      return broker ? { micros: broker.cashMicros, limitedBy: 'balance', name: `paper ${name}` } : null;
    }
    const s = this.balances.spendable(venue);
    return s ? { micros: s.micros, limitedBy: s.limitedBy, name } : null;
  }

  /** A market settled in the current ledger: cash moved on its venue (paper: credited here). */
  onSettled(): void {
    if (this.mode() === 'paper') this.rebasePaper();
    else this.balances.refreshSoon();
  }

  /** The books and markets executions run on (null: none yet). */
  markets(): MarketsView | null {
    return this.source?.markets() ?? null;
  }

  /** The open opportunities as the trader sees them (a suspended link said), else the scanner's. */
  opportunities(): Opportunity[] {
    return this.source?.opportunities?.() ?? this.source?.markets()?.scanner.contractOpportunities() ?? [];
  }

  private mode(): Mode {
    return this.ports.ledger().mode;
  }

  private onModeChanged(mode: Mode): void {
    // Paper impact must not linger in the books live trading reads.
    if (mode === 'live') this.impact.clear();
    else this.rebasePaper();
    this.balances.reset();
    const venues = this.ports.venues.map((v) => v.id).filter((v) => this.trading(v) !== null);
    if (venues.length > 0) void this.reconcile([...venues]);
  }

  /**
   * A live fill pushed while the engine is in paper mode (a trade confirmed after the switch):
   * recorded in the live ledger it belongs to, and said. Switching back to live, the breaker reads
   * that ledger and stays open on any basket the fill left unequal.
   */
  private recordLateLiveFill(venue: VenueId, fill: Parameters<FillRouter['record']>[1]): void {
    let ledger: Ledger | null = null;
    try {
      ledger = this.ports.openLedger('live');
      const r = this.router.record(venue, fill, ledger);
      if (r.status === 'recorded') {
        const positions = ledger.basketPositions(r.order.basketId);
        const unequal = positions ? unequalOf(positions, this.ports.risk.dust) : null;
        this.ports.activity.append({
          kind: 'fill',
          level: 'warn',
          venue,
          ref: r.order.clientOrderId,
          message: `A live ${venue} fill (${fill.side} ${fill.qty} ${fill.outcome.toUpperCase()} ${fill.market} @ ${fill.price}) arrived after the switch to paper: recorded in the live ledger${unequal ? `; its basket ${r.order.basketId.slice(0, 8)} now holds ${unequal.detail}, and the live breaker will stay open on it` : ''}`,
        });
      } else if (r.status === 'unmatched') {
        this.ports.activity.append({ kind: 'fill', level: 'warn', venue, ref: fill.venueOrderId, message: `A live ${venue} fill (${fill.qty} ${fill.outcome.toUpperCase()} ${fill.market}) arrived in paper mode for an order the live ledger does not know: placed outside ArbDesk?` });
      }
    } catch (e) {
      this.ports.activity.append({ kind: 'error', level: 'error', venue, ref: fill.venueOrderId, message: `A live ${venue} fill ${fill.fillId} arrived in paper mode and could not be recorded in the live ledger: ${e instanceof Error ? e.message : String(e)}; the next live start reconciles it` });
    } finally {
      ledger?.close();
    }
  }

  /** A fill recorded after its execution ended (late, or pushed after a restart) must not hide exposure. */
  private checkLateFill(basketId: string, clientOrderId: string): void {
    const positions = this.ports.ledger().basketPositions(basketId);
    const unequal = positions ? unequalOf(positions, this.ports.risk.dust) : null;
    if (!unequal) return;
    const legs = unequal.detail;
    this.ports.activity.append({ kind: 'fill', level: 'error', ref: clientOrderId, message: `A fill arrived after basket ${basketId.slice(0, 8)} finished and leaves it unequal (${legs}); see Positions` });
    this.ports.risk.markUnhedged(basketId, legs, `Late fill on order ${clientOrderId} leaves basket ${basketId.slice(0, 8)} unequal (${legs})`);
  }
}
