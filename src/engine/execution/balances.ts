// Cash per venue in the current mode: each venue's `balance()` (the connector's, live; the paper
// broker's, paper) read at a steady cadence and soon after every fill and settlement. What was
// read last is kept with its time; a failed read keeps the last figure and marks it stale, so the
// trader never sees a guess. Sizing asks `spendable`: the smaller of the balance and the allowance.
import type { Mode, VenueBalance } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';
import { Disposable, Emitter, toDisposable } from '../../shared/lifecycle';
import { Money, toMicros } from '../../shared/money';
import type { Micros } from '../../shared/units';
import type { Clock } from '../platform/clock';
import type { Resolution } from '../venues/contribution';
import type { AccountBalance, TradingApi } from '../venues/venue';

export interface BalancePorts {
  venues: readonly VenueId[];
  /** The trading API of the current mode (null: none on this venue). */
  trading(venue: VenueId): TradingApi | null;
  mode(): Mode;
  /** The venue's live connector, in either mode: where the account's settlements are read. */
  live?(venue: VenueId): TradingApi | null;
  clock: Clock;
  log?(venue: VenueId, message: string): void;
}

export interface BalanceOptions {
  /** Steady polling cadence (default 15 s). */
  pollMs?: number;
  /** A read older than this is stale (default three polls). */
  staleMs?: number;
  /** How long after a fill or settlement the read waits for more (default 250 ms). */
  settleMs?: number;
}

interface Entry {
  mode: Mode;
  last: AccountBalance | null;
  readAt: number | null;
  readAtMono: number | null;
  error: string | null;
  inFlight: Promise<void> | null;
  again: boolean;
}

export class BalanceService extends Disposable {
  private readonly entries = new Map<VenueId, Entry>();
  private readonly pollMs: number;
  private readonly staleMs: number;
  private readonly settleMs: number;
  private readonly soon = new Map<VenueId, ReturnType<typeof setTimeout>>();
  private readonly onDidChangeEmitter = this.register(new Emitter<VenueId>());
  /** A venue's balance (or its read's failure) changed. */
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly onDidReadSettlementsEmitter = this.register(new Emitter<Resolution[]>());
  /** Settled markets a venue's account reported (read with its balance): for the settlement recorder. */
  readonly onDidReadSettlements = this.onDidReadSettlementsEmitter.event;

  constructor(private readonly ports: BalancePorts, options: BalanceOptions = {}) {
    super();
    this.pollMs = options.pollMs ?? 15_000;
    this.staleMs = options.staleMs ?? this.pollMs * 3;
    this.settleMs = options.settleMs ?? 250;
    const timer = setInterval(() => void this.refreshAll(), this.pollMs);
    timer.unref?.();
    this.register(toDisposable(() => {
      clearInterval(timer);
      for (const t of this.soon.values()) clearTimeout(t);
      this.soon.clear();
    }));
  }

  /** Reads every venue's balance (and its account's settlements) now. */
  refreshAll(): Promise<void> {
    return Promise.all(this.ports.venues.flatMap((v) => [this.refresh(v), this.readSettlements(v)])).then(() => undefined);
  }

  /** The settlements the venue's live account reports; a failure is logged, never thrown. */
  private async readSettlements(venue: VenueId): Promise<void> {
    const api = this.ports.live?.(venue);
    if (!api?.settlements) return;
    try {
      const found = await api.settlements();
      if (found.length > 0 && !this.store.isDisposed) this.onDidReadSettlementsEmitter.fire(found);
    } catch (e) {
      this.ports.log?.(venue, `settlements could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Reads soon (after fills or a settlement: several in a row make one read). */
  refreshSoon(venue?: VenueId): void {
    for (const v of venue ? [venue] : this.ports.venues) {
      if (this.soon.has(v)) continue;
      const t = setTimeout(() => {
        this.soon.delete(v);
        void this.refresh(v);
      }, this.settleMs);
      t.unref?.();
      this.soon.set(v, t);
    }
  }

  /** Reads one venue's balance now; a read already running is followed by one more. */
  refresh(venue: VenueId): Promise<void> {
    const entry = this.entry(venue);
    if (entry.inFlight) {
      entry.again = true;
      return entry.inFlight;
    }
    const api = this.ports.trading(venue);
    if (!api) {
      if (entry.last !== null || entry.error !== null) {
        this.entries.delete(venue);
        this.onDidChangeEmitter.fire(venue);
      }
      return Promise.resolve();
    }
    const mode = entry.mode;
    // Never throws here: a venue's failure is the read's failure, shown as such.
    entry.inFlight = Promise.resolve().then(() => api.balance()).then(
      (b) => {
        if (this.entry(venue) !== entry || entry.mode !== mode) return;
        entry.last = b;
        entry.readAt = this.ports.clock.now();
        entry.readAtMono = this.ports.clock.monotonic();
        entry.error = null;
      },
      (e: unknown) => {
        if (this.entry(venue) !== entry) return;
        const message = e instanceof Error ? e.message : String(e);
        if (entry.error !== message) this.ports.log?.(venue, `balance could not be read: ${message}`);
        entry.error = message;
      },
    ).finally(() => {
      entry.inFlight = null;
      if (this.store.isDisposed) return;
      this.onDidChangeEmitter.fire(venue);
      if (entry.again) {
        entry.again = false;
        void this.refresh(venue);
      }
    });
    return entry.inFlight;
  }

  /** What the Venues pane and the header show; undefined where the mode has no account on the venue. */
  view(venue: VenueId): VenueBalance | undefined {
    const e = this.entries.get(venue);
    if (!e || e.mode !== this.ports.mode() || (e.last === null && e.error === null)) return undefined;
    const age = e.readAtMono === null ? null : this.ports.clock.monotonic() - e.readAtMono;
    return {
      available: e.last?.available ?? null,
      ...(e.last?.allowance !== undefined ? { allowance: e.last.allowance } : {}),
      ...(e.last?.portfolioValue !== undefined ? { portfolioValue: e.last.portfolioValue } : {}),
      source: e.mode === 'paper' ? 'paper' : 'venue',
      readAt: e.readAt,
      stale: e.error !== null || age === null || age > this.staleMs,
      error: e.error,
    };
  }

  /**
   * Cash the venue can spend on a basket now, micro-dollars: the balance, or the allowance when it
   * is smaller. Null when never read in this mode (sizing then leaves it to the venue's preflight).
   */
  spendable(venue: VenueId): { micros: Micros; limitedBy: 'balance' | 'allowance' } | null {
    const e = this.entries.get(venue);
    if (!e || e.mode !== this.ports.mode() || e.last === null) return null;
    const balance = toMicros(new Money(e.last.available), 'down');
    const allowance = e.last.allowance;
    if (typeof allowance === 'string' && allowance !== 'unlimited') {
      const a = toMicros(new Money(allowance), 'down');
      if (a < balance) return { micros: a, limitedBy: 'allowance' };
    }
    return { micros: balance, limitedBy: 'balance' };
  }

  /** The mode changed: what was read belongs to the other mode's accounts. */
  reset(): void {
    this.entries.clear();
    for (const v of this.ports.venues) this.onDidChangeEmitter.fire(v);
    void this.refreshAll();
  }

  private entry(venue: VenueId): Entry {
    const mode = this.ports.mode();
    let e = this.entries.get(venue);
    if (!e || e.mode !== mode) {
      e = { mode, last: null, readAt: null, readAtMono: null, error: null, inFlight: null, again: false };
      this.entries.set(venue, e);
    }
    return e;
  }
}
