// Shared by the execution tests: a cross-venue pair with real books in a real Scanner, the venue
// details the executor needs, a real ledger, breaker and fill router, and venues that trade on
// the paper broker with scripted faults (the edge of the machine: a venue that rejects, fills
// half, loses its answer, or cannot be reached).
import type { ExecutionProgress, Limits, VenueEnvironment } from '../../../../src/shared/contract';
import type { MarketRef, Outcome, VenueId } from '../../../../src/shared/ids';
import { Emitter } from '../../../../src/shared/lifecycle';
import { QTY_ONE, type Price, type Qty } from '../../../../src/shared/units';
import { ActivityLog } from '../../../../src/engine/activity/activityLog';
import { systemClock, type Clock } from '../../../../src/engine/clock';
import { DEFAULT_EXECUTION_CONFIG, type ExecutionConfig } from '../../../../src/engine/execution/config';
import { Executor, type MarketsView } from '../../../../src/engine/execution/executor';
import { FillRouter } from '../../../../src/engine/execution/fillRouter';
import { MarketImpact } from '../../../../src/engine/execution/marketImpact';
import { PaperBroker } from '../../../../src/engine/execution/paperBroker';
import { KalshiFeeModel } from '../../../../src/engine/fees/kalshi';
import { PolymarketFeeModel } from '../../../../src/engine/fees/polymarket';
import { Ledger } from '../../../../src/engine/ledger/ledger';
import { CircuitBreaker } from '../../../../src/engine/risk/circuitBreaker';
import { linkBreakerToLedger } from '../../../../src/engine/risk/ledgerLink';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import { DEFAULT_LIMITS } from '../../../../src/engine/settings/defaults';
import type {
  CancelAllResult, MarketInfo, OpenOrder, OrderLookup, OrderRequest, OrderResult, OrderShape, PreparedOrder, TradingApi, VenueFill,
} from '../../../../src/engine/venues/venue';
import { tempDir } from '../../../helpers/tempDir';

export const K = 'kalshi:K0' as MarketRef;
export const P = 'polymarket:0x0' as MarketRef;

export const kalshiFee = KalshiFeeModel.parse('0.07') as KalshiFeeModel;
export const polyFee = PolymarketFeeModel.parse('0', 1) as PolymarketFeeModel;

type Levels = [string, string][];
export interface PairBooks {
  kalshiYesBids: Levels;
  kalshiNoBids: Levels;
  polyYes: { bids: Levels; asks: Levels };
  polyNo: { bids: Levels; asks: Levels };
}

/**
 * Kalshi K0: YES asks 0.45 × 50 and 0.47 × 50 (NO bids 0.55, 0.53), YES bids 0.40 × 100, 0.38 × 100.
 * Polymarket 0x0: NO asks 0.50 × 40 and 0.51 × 40, NO bids 0.48 × 100, 0.46 × 100.
 * The basket YES K0 + NO 0x0 costs 0.95 at the top: an opportunity.
 */
export const DEFAULT_BOOKS: PairBooks = {
  kalshiYesBids: [['0.38', '100'], ['0.40', '100']],
  kalshiNoBids: [['0.53', '50'], ['0.55', '50']],
  polyYes: { bids: [['0.48', '40']], asks: [['0.52', '25']] },
  polyNo: { bids: [['0.46', '100'], ['0.48', '100']], asks: [['0.50', '40'], ['0.51', '40']] },
};

let seq = 0;
export function loadBooks(scanner: Scanner, books: PairBooks): void {
  scanner.applyKalshi({ type: 'orderbook_snapshot', sid: 1, seq: ++seq, msg: { market_ticker: 'K0', yes_dollars_fp: books.kalshiYesBids, no_dollars_fp: books.kalshiNoBids } });
  scanner.books.kalshiSubscriptions.clear();
  const side = (l: Levels) => l.map(([price, size]) => ({ price, size }));
  scanner.applyPolymarket({ event_type: 'book', asset_id: 'y0', bids: side(books.polyYes.bids), asks: side(books.polyYes.asks) });
  scanner.applyPolymarket({ event_type: 'book', asset_id: 'n0', bids: side(books.polyNo.bids), asks: side(books.polyNo.asks) });
}

export function pairScanner(books: PairBooks = DEFAULT_BOOKS, options: { maxSize?: number } = {}): Scanner {
  const scanner = new Scanner(options.maxSize !== undefined ? { maxSize: options.maxSize } : {});
  scanner.addMarkets([
    { venue: 'kalshi', id: 'K0', title: 'Kalshi K0', fee: kalshiFee },
    { venue: 'polymarket', id: '0x0', title: 'Poly 0x0', fee: polyFee, tokens: { yes: 'y0', no: 'n0' } },
  ]);
  scanner.addRelations({ equivalent: [[K, P]] });
  loadBooks(scanner, books);
  return scanner;
}

export function marketInfo(ref: MarketRef): MarketInfo | undefined {
  if (ref === K) {
    return { ref, venue: 'kalshi', id: 'K0', title: 'Kalshi K0', rules: '', eventId: 'E', eventTitle: 'E', seriesId: 'S', category: 'test', status: 'open', closeTime: null, fee: { venue: 'kalshi', feeType: 'quadratic', multiplier: '0.07' }, tickSize: 100 as Price, minOrderSize: 100 as Qty };
  }
  if (ref === P) {
    return { ref, venue: 'polymarket', id: '0x0', title: 'Poly 0x0', rules: '', eventId: 'E', eventTitle: 'E', seriesId: 'e', category: 'test', status: 'open', closeTime: null, fee: { venue: 'polymarket', rate: '0', exponent: 1, takerOnly: true }, tickSize: 100 as Price, minOrderSize: 500 as Qty, tokens: { yes: 'y0', no: 'n0' } };
  }
  return undefined;
}

/** The cross-venue opportunity: YES on Kalshi K0 + NO on Polymarket 0x0. */
export function crossOpportunity(scanner: Scanner): string {
  const o = scanner.opportunities().find((x) => x.basket.strategy === 'cross_venue');
  if (!o) throw new Error('no cross-venue opportunity on the test books');
  return o.basket.id;
}

export type Fault =
  | { kind: 'reject'; reason?: string }
  /** Fills about half of what it could (whole contracts), the rest cancelled. */
  | { kind: 'partial' }
  /** Fills exactly this much (0.01 contracts; fractions allowed, as Polymarket can), the rest cancelled. */
  | { kind: 'fills'; qty: number }
  /** The order executes, but its answer never arrives. */
  | { kind: 'lostAnswer' }
  /** The connection fails before the order reaches the venue. */
  | { kind: 'notSent' }
  /** Nothing answers and the order cannot be looked up. */
  | { kind: 'unreachable' }
  /** The venue fills twice what was asked (a venue anomaly). */
  | { kind: 'overfill' }
  /** The answer carries no fills: they come only on the push channel. */
  | { kind: 'pushOnly' }
  /** The answer takes this long. */
  | { kind: 'slow'; ms: number }
  /** The send fails at once, yet the order reaches the venue `afterMs` later and executes. */
  | { kind: 'ghost'; afterMs: number }
  /** Accepted but matched only `afterMs` later (a sports delay): status 'pending', then fills pushed. */
  | { kind: 'pending'; afterMs: number };

/** A venue trading on the paper broker's fills, with faults scripted per order. */
export class ScriptedVenue implements TradingApi {
  readonly faults: Fault[] = [];
  /** Applied to every order of this side, after the queue. */
  always: Fault | null = null;
  unreachable = false;
  /** The push channel is down: fills arrive only in answers and lookups. */
  mutePushes = false;
  readonly placed: OrderRequest[] = [];
  private readonly held = new Set<string>();
  private readonly pushed = new Emitter<VenueFill>();
  readonly onFill = this.pushed.event;

  /** Polymarket-like: the venue's order id is known before sending (prepareOrder). */
  prepareOrder?: (req: OrderRequest) => Promise<PreparedOrder>;
  /** The venue's pre-flight answers this (a market closed since the plan, a short balance). */
  refuseWith: string | null = null;

  /** The venue's own rules, as paper trading applies them. */
  orderProblem(order: OrderShape, market: MarketInfo): string | null {
    return this.inner.orderProblem(order, market);
  }

  preflight(order: OrderRequest, market: MarketInfo): Promise<string | null> {
    return this.refuseWith !== null ? Promise.resolve(this.refuseWith) : this.inner.preflight(order, market);
  }

  constructor(readonly venue: VenueId, readonly inner: PaperBroker, preparing = false) {
    if (preparing) this.prepareOrder = async (req) => ({ request: req, venueOrderId: `paper-${req.clientOrderId}`, send: () => this.placeOrder(req) });
    inner.onFill((f) => {
      if (!this.mutePushes) this.pushed.fire(f);
    });
  }

  /** Called as each order arrives, before anything happens to it. */
  onPlace: ((req: OrderRequest) => void) | null = null;

  async placeOrder(request: OrderRequest): Promise<OrderResult> {
    // The connector's side: the kill switch's last word before the order leaves; past here the
    // order is at the venue (the paper broker behind stands for it, unguarded).
    const { guard, ...req } = request;
    const held = guard?.recheck() ?? null;
    if (held !== null) return { clientOrderId: req.clientOrderId, venueOrderId: null, status: 'rejected', filledQty: 0 as Qty, avgPrice: null, fee: '0', rejectReason: `not sent: ${held}`, fills: [] };
    this.placed.push(req);
    this.onPlace?.(req);
    const fault = this.faults.shift() ?? this.always;
    if (this.unreachable) return new Promise<never>(() => undefined);
    switch (fault?.kind) {
      case 'reject':
        return { clientOrderId: req.clientOrderId, venueOrderId: null, status: 'rejected', filledQty: 0 as Qty, avgPrice: null, fee: '0', rejectReason: fault.reason ?? 'trading is paused', fills: [] };
      case 'partial': {
        const half = Math.max(QTY_ONE, Math.floor(req.qty / 2 / QTY_ONE) * QTY_ONE) as Qty;
        const r = await this.inner.placeOrder({ ...req, qty: half });
        return { ...r, status: r.filledQty > 0 && r.filledQty < req.qty ? 'partially_filled' : r.status };
      }
      case 'fills': {
        const r = await this.inner.placeOrder({ ...req, qty: fault.qty as Qty });
        return { ...r, status: r.filledQty > 0 && r.filledQty < req.qty ? 'partially_filled' : r.status };
      }
      case 'lostAnswer':
        await this.inner.placeOrder(req);
        return new Promise<never>(() => undefined);
      case 'notSent':
        throw new Error('socket hang up');
      case 'unreachable':
        this.unreachable = true;
        return new Promise<never>(() => undefined);
      case 'overfill':
        return this.inner.placeOrder({ ...req, qty: (req.qty * 2) as Qty });
      case 'pushOnly': {
        const r = await this.inner.placeOrder(req);
        return { ...r, fills: [] };
      }
      case 'ghost':
        setTimeout(() => void this.inner.placeOrder(req), fault.afterMs);
        throw new Error('connection reset');
      case 'pending':
        this.held.add(req.clientOrderId);
        setTimeout(() => {
          this.held.delete(req.clientOrderId);
          void this.inner.placeOrder(req);
        }, fault.afterMs);
        return { clientOrderId: req.clientOrderId, venueOrderId: `paper-${req.clientOrderId}`, status: 'pending', filledQty: 0 as Qty, avgPrice: null, fee: '0', rejectReason: null, fills: [] };
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        return this.inner.placeOrder(req);
      default:
        return this.inner.placeOrder(req);
    }
  }

  cancelOrder(venueOrderId: string, market: MarketRef): Promise<void> {
    void market;
    return this.inner.cancelOrder(venueOrderId);
  }
  cancelAll(): Promise<CancelAllResult> {
    return this.inner.cancelAll();
  }
  openOrders(): Promise<OpenOrder[]> {
    return this.inner.openOrders();
  }
  async findOrder(ref: { clientOrderId: string; venueOrderId: string | null; market: MarketRef }): Promise<OrderLookup | null> {
    if (this.unreachable) throw new Error('connect ECONNREFUSED');
    const found = await this.inner.findOrder(ref);
    const pending = this.placed.find((p) => p.clientOrderId === ref.clientOrderId);
    // A delayed order is on the venue, held, until it is matched.
    if (!found && pending && this.held.has(ref.clientOrderId)) return { venueOrderId: `paper-${ref.clientOrderId}`, clientOrderId: ref.clientOrderId, state: 'resting', filledQty: '0', remainingQty: '0' };
    return found;
  }
  fills(since: number | null): Promise<VenueFill[]> {
    if (this.unreachable) return Promise.reject(new Error('connect ECONNREFUSED'));
    return this.inner.fills(since);
  }
  positions(): Promise<{ market: MarketRef; outcome: Outcome; qty: string }[]> {
    return this.inner.positions();
  }
  balance(): Promise<{ available: string }> {
    return this.inner.balance();
  }
}

/** Bounds short enough for tests, long enough for a loaded machine. */
export const TEST_CONFIG: ExecutionConfig = {
  ...DEFAULT_EXECUTION_CONFIG,
  orderTimeoutMs: 150,
  lookupTimeoutMs: 150,
  unknownResolveMs: 1_500,
  absentConfirmMs: 100,
  sellableWaitMs: 500,
  lookupIntervalMs: 20,
  fillWaitMs: 150,
  restingWaitMs: 100,
  completeIntervalMs: 10,
  flattenIntervalMs: 10,
};

export interface ExecRig {
  clock: Clock;
  scanner: Scanner;
  ledger: Ledger;
  breaker: CircuitBreaker;
  activity: ActivityLog;
  router: FillRouter;
  impact: MarketImpact;
  venues: Record<VenueId, ScriptedVenue>;
  executor: Executor;
  progress: ExecutionProgress[];
  opportunity: string;
  close(): void;
}

export function execRig(options: {
  limits?: Partial<Limits>;
  config?: Partial<ExecutionConfig>;
  books?: PairBooks;
  decayMs?: number;
  /** Live mode, each venue's connector in this environment. */
  live?: Record<VenueId, VenueEnvironment>;
  /** The scanner's largest size per basket. */
  maxSize?: number;
  /** Changes to the venues' market details (tick, minimum size, status). */
  infos?: Partial<Record<'kalshi' | 'polymarket', Partial<MarketInfo>>>;
} = {}): ExecRig {
  const dir = tempDir();
  const clock = systemClock;
  const scanner = pairScanner(options.books, options.maxSize !== undefined ? { maxSize: options.maxSize } : {});
  const mode = options.live ? 'live' : 'paper';
  const ledger = Ledger.openInDir(dir.path, { mode, clock });
  const breaker = new CircuitBreaker({ clock, limits: { ...DEFAULT_LIMITS, ...options.limits }, store: ledger.breakerStore });
  const link = linkBreakerToLedger(breaker, ledger);
  const activity = new ActivityLog(clock);
  const router = new FillRouter({ ledger: () => ledger, activity, clock, unmatchedTtlMs: 500 });
  const impact = new MarketImpact({ clock, decayMs: options.decayMs ?? 600_000, onChanged: (l) => scanner.reevaluateLadders(l) });
  const broker = (venue: VenueId) => new PaperBroker({
    venue, clock, books: () => scanner.books, feeModel: (m) => scanner.market(m)?.fee, impact, onLaddersChanged: (l) => scanner.reevaluateLadders(l),
  });
  const venues = { kalshi: new ScriptedVenue('kalshi', broker('kalshi')), polymarket: new ScriptedVenue('polymarket', broker('polymarket'), true) };
  router.attach('kalshi', venues.kalshi);
  router.attach('polymarket', venues.polymarket);
  const progress: ExecutionProgress[] = [];
  const infoOf = (ref: MarketRef): MarketInfo | undefined => {
    const base = marketInfo(ref);
    return base && { ...base, ...options.infos?.[base.venue] };
  };
  const markets: MarketsView = { scanner, marketInfo: infoOf };
  const executor = new Executor({
    clock, risk: breaker, ledger: () => ledger, mode: () => mode, markets: () => markets,
    trading: (v) => venues[v], liveEnvironment: (v) => options.live?.[v] ?? null, router, activity, progress: (p) => progress.push(p), config: { ...TEST_CONFIG, ...options.config },
  });
  return {
    clock, scanner, ledger, breaker, activity, router, impact, venues, executor, progress,
    opportunity: crossOpportunity(scanner),
    close() {
      impact.dispose();
      router.dispose();
      link.dispose();
      breaker.dispose();
      ledger.close();
      dir.remove();
    },
  };
}

/** Writes the cross-venue basket YES K0 (limit 0.45) + NO 0x0 (limit 0.5) of `size` into a ledger. */
export function createPairBasket(ledger: Ledger, id: string, size = '10'): void {
  ledger.createBasket({
    id, strategy: 'cross_venue', size, payoutPerUnit: '1',
    legs: [
      { venue: 'kalshi', market: K, title: 'K', outcome: 'yes', plannedQty: size, limitPrice: '0.45' },
      { venue: 'polymarket', market: P, title: 'P', outcome: 'no', plannedQty: size, limitPrice: '0.5' },
    ],
  });
}

/** Contracts each leg of a basket holds, from the ledger. */
export function held(ledger: Ledger, basketId: string): string[] {
  return ledger.basketPositions(basketId)!.legs.map((l) => l.state.held.toFixed());
}
