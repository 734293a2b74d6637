// The Kalshi market feed: order books of the open markets the engine asks for, over the market
// WebSocket. Subscribes `orderbook_delta` in batches (use_yes_price: false, so NO levels stay on
// the NO scale the books expect), adds and removes markets on live subscriptions, checks `seq`
// per subscription and re-snapshots after a gap (falling back to unsubscribe + subscribe), and
// after a reconnect subscribes everything again. Messages go out exactly as received; what the
// books may no longer trust goes out as invalidations. `ok` replies that carry a seq go out too
// (whether they take a slot is undocumented; see sequence.ts). An error the venue sends without a
// command id makes the books it names (or all of them) unknown and resubscribes them. A venue
// that refuses `use_yes_price` is asked again without it (its default is the NO scale).
import { marketRef, type MarketRef } from '../../../shared/ids';
import { Emitter, type IDisposable } from '../../../shared/lifecycle';
import type { Clock } from '../../clock';
import type { FeedConnection, FeedStatus, MarketFeed, MarketInfo, RawVenueMessage } from '../venue';
import type { KalshiSigner } from './auth';
import { FeedMeter } from './feedMeter';
import { SubscriptionSequences, type SequenceVerdict } from './sequence';
import { CommandError, KalshiSocket, type CommandReply, type ServerError, type SocketTuning } from './socket';
import type { VenueLog } from './types';

export interface FeedTuning extends SocketTuning {
  /** Markets per orderbook_delta subscription (default 100). */
  batchSize?: number;
  /** Wait before asking again for snapshots still owed after a get_snapshot reply (default 2 000 ms). */
  resyncRetryMs?: number;
  /** get_snapshot requests for one gap before falling back to resubscribing (default 3). */
  maxSnapshotRequests?: number;
  /** How often status is pushed while running (default 1 000 ms). */
  statusIntervalMs?: number;
}

export interface KalshiFeedOptions {
  wsUrl: string;
  signer: KalshiSigner | null;
  clock: Clock;
  log: VenueLog;
  tuning?: FeedTuning;
  random?: () => number;
}

interface Subscription {
  readonly sid: number;
  readonly tickers: Set<string>;
}

type BookType = 'orderbook_snapshot' | 'orderbook_delta';

const ref = (ticker: string): MarketRef => marketRef('kalshi', ticker);

/** kalshi.asyncapi.yaml errorResponsePayload: "11: Invalid parameter - Malformed parameter value". */
const INVALID_PARAMETER = 11;

export class KalshiMarketFeed implements MarketFeed {
  private readonly messageEmitter = new Emitter<RawVenueMessage>();
  readonly onMessage = this.messageEmitter.event;
  private readonly statusEmitter = new Emitter<FeedStatus>();
  readonly onStatus = this.statusEmitter.event;
  private readonly invalidEmitter = new Emitter<readonly MarketRef[]>();
  readonly onBooksInvalidated = this.invalidEmitter.event;
  private readonly sessionEmitter = new Emitter<void>();
  readonly onSessionStart = this.sessionEmitter.event;

  private readonly socket: KalshiSocket | null;
  private readonly meter: FeedMeter;
  private readonly seqs = new SubscriptionSequences();
  /** Open markets the engine wants streamed. */
  private desired = new Map<string, MarketInfo>();
  private readonly subs = new Map<number, Subscription>();
  private readonly sidOf = new Map<string, number>();
  /** Tickers the venue refused to subscribe (e.g. not found), until the next market list or session. */
  private readonly unavailable = new Set<string>();
  private readonly resyncInFlight = new Set<number>();
  /** Subscriptions that gapped again while their get_snapshot was in flight. */
  private readonly gappedInFlight = new Set<number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private statusTimer: ReturnType<typeof setInterval> | undefined;
  private started = false;
  private disposed = false;
  private reconciling = false;
  private dirty = false;
  private readonly batchSize: number;
  /** Sent with every subscribe until the venue refuses it as a parameter. */
  private useYesPriceParam = true;
  private readonly resyncRetryMs: number;
  private readonly maxSnapshotRequests: number;
  /** For the venues pane and tests. */
  readonly stats = { gaps: 0, snapshotRequests: 0, resubscribes: 0, malformed: 0, messages: 0, okReplies: 0, serverErrors: 0 };
  private lastStatusKey = '';

  constructor(private readonly options: KalshiFeedOptions) {
    const t = options.tuning ?? {};
    this.batchSize = Math.max(1, Math.floor(t.batchSize ?? 100));
    this.resyncRetryMs = t.resyncRetryMs ?? 2_000;
    this.maxSnapshotRequests = Math.max(1, t.maxSnapshotRequests ?? 3);
    this.meter = new FeedMeter(options.clock.monotonic);
    this.socket = options.signer
      ? new KalshiSocket({ url: options.wsUrl, signer: options.signer, clock: options.clock, log: options.log, name: 'market feed', tuning: t, ...(options.random ? { random: options.random } : {}) })
      : null;
    if (this.socket) {
      const s = this.socket;
      s.onOpen(() => this.onSessionOpen());
      s.onClose(() => this.onSessionClosed());
      s.onMessage(({ data, receivedAt }) => this.onData(data, receivedAt));
      s.onMalformed((reason) => {
        this.stats.malformed++;
        this.options.log('warn', `Kalshi market feed: malformed frame ignored (${reason})`);
      });
      s.onServerError((e) => this.onServerError(e));
      s.onState(() => this.pushStatus());
    }
  }

  /** The markets to stream: the open ones among these (others are dropped and invalidated). */
  setMarkets(markets: readonly MarketInfo[]): void {
    if (this.disposed) return;
    const next = new Map<string, MarketInfo>();
    for (const m of markets) if (m.venue === 'kalshi' && m.status === 'open') next.set(m.id, m);
    this.desired = next;
    this.unavailable.clear();
    if (!this.socket) return;
    if (!this.started) {
      this.started = true;
      this.statusTimer = setInterval(() => this.pushStatus(true), this.options.tuning?.statusIntervalMs ?? 1_000);
      this.statusTimer.unref?.();
      this.socket.start();
      return;
    }
    this.scheduleReconcile();
  }

  /** Tickers currently subscribed (for tests and the venues pane). */
  /** Subscribes these markets afresh: a new subscription, new snapshots (see resubscribe). */
  resync(markets: readonly MarketRef[], reason: string): void {
    const sids = new Set<number>();
    for (const m of markets) {
      const sid = m.startsWith('kalshi:') ? this.sidOf.get(m.slice('kalshi:'.length)) : undefined;
      if (sid !== undefined) sids.add(sid);
    }
    for (const sid of sids) void this.resubscribe(sid, reason);
  }

  subscribedTickers(): string[] {
    return [...this.sidOf.keys()];
  }

  status(): FeedStatus {
    const socket = this.socket;
    let connection: FeedConnection;
    let detail: string | null = null;
    if (!socket) {
      connection = 'disabled';
      detail = "Kalshi's market WebSocket needs an API key";
    } else if (this.disposed) {
      connection = 'disabled';
    } else {
      switch (socket.state) {
        case 'idle':
          connection = 'disabled';
          detail = 'waiting for the market list';
          break;
        case 'open':
          connection = 'connected';
          break;
        case 'closed':
          connection = 'disabled';
          break;
        default:
          connection =
            socket.authRefused || socket.failures >= socket.downAfterFailures ? 'down' : socket.sessions === 0 && socket.failures === 0 ? 'connecting' : 'reconnecting';
          detail = socket.lastProblem;
      }
      const notes: string[] = [];
      const resyncing = [...this.subs.keys()].filter((sid) => this.seqs.isResyncing(sid)).length;
      if (resyncing > 0) notes.push(`${resyncing} subscription(s) re-snapshotting after a sequence gap`);
      if (this.unavailable.size > 0) notes.push(`${this.unavailable.size} market(s) refused by the venue`);
      if (this.stats.malformed > 0) notes.push(`${this.stats.malformed} malformed frame(s) ignored`);
      if (notes.length > 0) detail = [detail, ...notes].filter(Boolean).join('; ');
    }
    return { connection, messageRate: this.meter.rate(), lastMessageAt: this.meter.lastMessageAt, lagMs: this.meter.lagMs, detail };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.statusTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.socket?.dispose();
    this.pushStatus();
    for (const e of [this.messageEmitter, this.statusEmitter, this.invalidEmitter, this.sessionEmitter] as IDisposable[]) e.dispose();
  }

  // ---- session lifecycle ------------------------------------------------------------------------

  private onSessionOpen(): void {
    this.resetSubscriptions();
    this.unavailable.clear();
    // Before any message of the new session: sids and seqs start afresh.
    this.sessionEmitter.fire();
    this.scheduleReconcile();
  }

  private onSessionClosed(): void {
    const lost = [...new Set([...this.sidOf.keys(), ...this.desired.keys()])];
    this.resetSubscriptions();
    this.meter.reset();
    if (lost.length > 0) this.invalidate(lost);
  }

  private resetSubscriptions(): void {
    this.subs.clear();
    this.sidOf.clear();
    this.seqs.clear();
    this.resyncInFlight.clear();
    this.gappedInFlight.clear();
  }

  // ---- messages -----------------------------------------------------------------------------------

  private onData(data: unknown, receivedAt: number): void {
    const m = data as { type?: unknown; sid?: unknown; seq?: unknown; msg?: unknown };
    if (m.type !== 'orderbook_snapshot' && m.type !== 'orderbook_delta') return;
    this.stats.messages++;
    const body = (typeof m.msg === 'object' && m.msg !== null ? m.msg : {}) as { market_ticker?: unknown; ts_ms?: unknown };
    const tsMs = typeof body.ts_ms === 'number' && Number.isFinite(body.ts_ms) ? body.ts_ms : null;
    this.meter.record(receivedAt, tsMs === null ? null : this.options.clock.now() - tsMs);
    if (typeof m.sid === 'number' && Number.isSafeInteger(m.sid) && typeof m.seq === 'number' && Number.isSafeInteger(m.seq) && typeof body.market_ticker === 'string') {
      const verdict = this.seqs.onMessage(m.sid, m.seq, m.type as BookType, body.market_ticker);
      // Invalidate before the message goes out: the snapshot that revealed a gap heals its own book.
      if (verdict.kind === 'gap') this.onGap(m.sid, verdict);
    } else {
      this.stats.malformed++;
    }
    this.messageEmitter.fire({ venue: 'kalshi', data, receivedAt });
  }

  /**
   * The `ok` reply of an update_subscription: its seq goes to the sequence tracker, and the reply
   * goes out like a book message so the books' own tracker sees it too (and a recording keeps it).
   */
  private onOkReply(reply: CommandReply): void {
    if (typeof reply.sid !== 'number' || typeof reply.seq !== 'number' || !Number.isSafeInteger(reply.seq)) return;
    this.stats.okReplies++;
    this.seqs.onReply(reply.sid, reply.seq);
    this.messageEmitter.fire({ venue: 'kalshi', data: reply, receivedAt: this.options.clock.monotonic() });
  }

  /**
   * An error the venue sent without a command id: something went wrong on its side. The books it
   * names (its market or subscription; without a name, every book) can no longer be trusted: they
   * are invalidated and subscribed afresh.
   */
  private onServerError(e: ServerError): void {
    this.stats.serverErrors++;
    const socket = this.socket;
    if (!socket?.isOpen) return;
    const sid = e.sid !== null && this.subs.has(e.sid) ? e.sid : e.marketTicker !== null ? (this.sidOf.get(e.marketTicker) ?? null) : null;
    const what = `the venue reported error ${e.code ?? '?'} without a command id (${e.message})`;
    if (sid !== null) {
      void this.resubscribe(sid, what);
      return;
    }
    if (e.marketTicker !== null && !this.desired.has(e.marketTicker)) {
      this.options.log('warn', `Kalshi market feed: ${what} about ${e.marketTicker}, which is not streamed; ignored`);
      return;
    }
    socket.restart(`${what}; every book is resubscribed`);
  }

  private onGap(sid: number, verdict: Extract<SequenceVerdict, { kind: 'gap' }>): void {
    this.stats.gaps++;
    this.options.log('warn', `Kalshi market feed: sequence gap on sid ${sid} (expected ${verdict.expected}, got ${verdict.got}); re-snapshotting ${verdict.invalidated.length} market(s)`);
    this.invalidate(verdict.invalidated);
    if (this.resyncInFlight.has(sid)) this.gappedInFlight.add(sid);
    this.requestSnapshots(sid);
  }

  private invalidate(tickers: readonly string[]): void {
    if (tickers.length > 0) this.invalidEmitter.fire(tickers.map(ref));
  }

  // ---- gap recovery -------------------------------------------------------------------------------

  private requestSnapshots(sid: number): void {
    const socket = this.socket;
    if (!socket?.isOpen || this.resyncInFlight.has(sid) || !this.subs.has(sid)) return;
    const tickers = this.seqs.pending(sid);
    if (tickers.length === 0) return;
    if (this.seqs.noteRequest(sid) > this.maxSnapshotRequests) {
      void this.resubscribe(sid, 'get_snapshot did not restore the books');
      return;
    }
    this.resyncInFlight.add(sid);
    this.stats.snapshotRequests++;
    const session = socket.sessions;
    socket
      .command('update_subscription', { sids: [sid], market_tickers: tickers, action: 'get_snapshot' }, (r) => this.onOkReply(r))
      .then(
        () => {
          this.resyncInFlight.delete(sid);
          const gappedAgain = this.gappedInFlight.delete(sid);
          if (socket.sessions !== session || !this.seqs.isResyncing(sid)) return;
          // A gap while the request was out re-invalidated books whose snapshots had already come:
          // ask again now (the chaos run measured 2 s resyncs waiting for the retry below).
          if (gappedAgain) return this.requestSnapshots(sid);
          // Snapshots may still be on their way (a stalled feed holds them, not the reply).
          this.later(this.resyncRetryMs, () => {
            if (socket.sessions === session && this.seqs.isResyncing(sid)) this.requestSnapshots(sid);
          });
        },
        (e: unknown) => {
          this.resyncInFlight.delete(sid);
          this.gappedInFlight.delete(sid);
          if (socket.sessions !== session) return;
          void this.resubscribe(sid, `get_snapshot failed: ${e instanceof Error ? e.message : String(e)}`);
        },
      );
  }

  /** The fallback: drop the subscription and subscribe its markets afresh (new sid, new snapshots). */
  private async resubscribe(sid: number, why: string): Promise<void> {
    const socket = this.socket;
    const sub = this.subs.get(sid);
    if (!socket?.isOpen || !sub) return;
    this.stats.resubscribes++;
    this.options.log('warn', `Kalshi market feed: resubscribing sid ${sid} (${why})`);
    this.subs.delete(sid);
    this.seqs.remove(sid);
    for (const t of sub.tickers) this.sidOf.delete(t);
    this.invalidate([...sub.tickers]);
    const session = socket.sessions;
    try {
      await socket.command('unsubscribe', { sids: [sid] });
    } catch (e) {
      if (socket.sessions === session) socket.restart(`unsubscribe of sid ${sid} failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.scheduleReconcile();
  }

  // ---- market set -----------------------------------------------------------------------------------

  private scheduleReconcile(): void {
    this.dirty = true;
    if (this.reconciling) return;
    this.reconciling = true;
    void (async () => {
      try {
        while (this.dirty && !this.disposed && this.socket?.isOpen) {
          this.dirty = false;
          await this.reconcile(this.socket);
        }
      } catch (e) {
        this.options.log('error', `Kalshi market feed: updating subscriptions failed: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        this.reconciling = false;
      }
    })();
  }

  private async reconcile(socket: KalshiSocket): Promise<void> {
    const session = socket.sessions;
    const live = () => socket.sessions === session && socket.isOpen && !this.disposed;

    const removals = new Map<number, string[]>();
    for (const [t, sid] of this.sidOf) {
      if (this.desired.has(t)) continue;
      const list = removals.get(sid) ?? [];
      list.push(t);
      removals.set(sid, list);
    }
    for (const [sid, tickers] of removals) {
      if (!live()) return;
      await this.removeFrom(socket, sid, tickers);
    }

    const toAdd = [...this.desired.keys()].filter((t) => !this.sidOf.has(t) && !this.unavailable.has(t));
    for (const sub of [...this.subs.values()]) {
      const room = this.batchSize - sub.tickers.size;
      if (room <= 0 || toAdd.length === 0) continue;
      if (!live()) return;
      const batch = toAdd.splice(0, room);
      const refused = await this.addTo(socket, sub, batch);
      toAdd.push(...refused);
    }
    for (let i = 0; i < toAdd.length; i += this.batchSize) {
      if (!live()) return;
      await this.subscribe(socket, toAdd.slice(i, i + this.batchSize));
    }
  }

  private async removeFrom(socket: KalshiSocket, sid: number, tickers: string[]): Promise<void> {
    const sub = this.subs.get(sid);
    if (!sub) return;
    for (const t of tickers) {
      sub.tickers.delete(t);
      this.sidOf.delete(t);
    }
    this.seqs.removeTickers(sid, tickers);
    this.invalidate(tickers);
    if (sub.tickers.size === 0) {
      this.subs.delete(sid);
      this.seqs.remove(sid);
      await socket.command('unsubscribe', { sids: [sid] }).catch((e: unknown) => this.options.log('warn', `Kalshi market feed: unsubscribe sid ${sid} failed: ${String(e)}`));
      return;
    }
    try {
      await socket.command('update_subscription', { sids: [sid], market_tickers: tickers, action: 'delete_markets' }, (r) => this.onOkReply(r));
    } catch (e) {
      await this.resubscribe(sid, `delete_markets failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** add_markets on a subscription with room; returns the tickers to subscribe elsewhere. */
  private async addTo(socket: KalshiSocket, sub: Subscription, tickers: string[]): Promise<string[]> {
    for (const t of tickers) {
      sub.tickers.add(t);
      this.sidOf.set(t, sub.sid);
    }
    this.seqs.addTickers(sub.sid, tickers);
    try {
      await socket.command('update_subscription', { sids: [sub.sid], market_tickers: tickers, action: 'add_markets' }, (r) => this.onOkReply(r));
      return [];
    } catch (e) {
      for (const t of tickers) {
        sub.tickers.delete(t);
        if (this.sidOf.get(t) === sub.sid) this.sidOf.delete(t);
      }
      this.seqs.removeTickers(sub.sid, tickers);
      if (!(e instanceof CommandError) || e.code === null) {
        if (socket.isOpen) socket.restart(`add_markets failed: ${e instanceof Error ? e.message : String(e)}`);
        return [];
      }
      return tickers;
    }
  }

  /**
   * Subscribes a batch; on a refusal, halves it until the refused markets are isolated. An
   * "invalid parameter" refusal (code 11) while `use_yes_price` is sent is first tried again
   * without it: the parameter is not in the published subscribe schema, and a venue that refuses
   * it would otherwise refuse every batch down to single markets.
   */
  private async subscribe(socket: KalshiSocket, tickers: string[], withYesPriceParam = this.useYesPriceParam): Promise<void> {
    if (tickers.length === 0) return;
    const params: Record<string, unknown> = { channels: ['orderbook_delta'], market_tickers: tickers };
    if (withYesPriceParam) params.use_yes_price = false;
    try {
      await socket.command('subscribe', params, (reply: CommandReply) => {
        const sid = (reply.msg as { sid?: unknown } | undefined)?.sid;
        if (typeof sid !== 'number') throw new Error(`subscribed reply without a sid: ${JSON.stringify(reply).slice(0, 120)}`);
        this.subs.set(sid, { sid, tickers: new Set(tickers) });
        this.seqs.register(sid, tickers);
        for (const t of tickers) this.sidOf.set(t, sid);
      });
    } catch (e) {
      // Timeouts and closes are session problems (the session restarts); refusals are per market.
      if (!(e instanceof CommandError) || e.code === null) {
        if (socket.isOpen) socket.restart(`subscribe failed: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      if (e.code === INVALID_PARAMETER && withYesPriceParam && this.useYesPriceParam) {
        this.useYesPriceParam = false;
        await this.subscribe(socket, tickers, false);
        if (tickers.every((t) => this.sidOf.has(t))) {
          this.options.log('warn', `Kalshi market feed: the venue refused use_yes_price (${e.message}); subscribing without it (NO levels on the NO scale, the documented default)`);
          return;
        }
        // Refused without it too: the parameter was not (only) the problem; keep sending it.
        this.useYesPriceParam = true;
        return;
      }
      if (tickers.length === 1) {
        this.unavailable.add(tickers[0]!);
        this.options.log('warn', `Kalshi market feed: the venue refused ${tickers[0]} (${e.message})`);
        this.invalidate(tickers);
        return;
      }
      const half = Math.ceil(tickers.length / 2);
      await this.subscribe(socket, tickers.slice(0, half));
      await this.subscribe(socket, tickers.slice(half));
    }
  }

  // ---- status -------------------------------------------------------------------------------------

  private pushStatus(periodic = false): void {
    const s = this.status();
    const key = `${s.connection}|${s.detail ?? ''}`;
    if (!periodic && key === this.lastStatusKey) return;
    this.lastStatusKey = key;
    this.statusEmitter.fire(s);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.disposed) fn();
    }, ms);
    this.timers.add(t);
  }
}
