// The Polymarket US market feed (MarketFeed) over one signed markets socket. The venue numbers
// nothing (no sequence, only `transactTime`: next-venues.md §1.6), so nothing can prove a book
// complete between messages. What it does instead:
// - every (re)connection starts a session and re-subscribes every market: each subscription's
//   first message is the whole ladder;
// - on a timer it re-subscribes every batch (fresh request ids), so every book is re-sent whole
//   at least every `resnapshotMs` even if a change was lost;
// - on any doubt it invalidates: a drop (all books), an `error` naming a request (that batch's
//   books, re-subscribed), a message that cannot be parsed (the decoder marks its market unknown).
// At most 100 slugs per subscription (docs websocket/markets.md).
import type { MarketRef } from '../../../shared/ids';
import { Disposable, Emitter } from '../../../shared/lifecycle';
import type { Clock } from '../../platform/clock';
import type { FeedStatus, MarketFeed, MarketInfo, RawVenueMessage } from '../venue';
import { PM_US } from './manifest';
import type { SignedSocket, SocketState } from './socket';

export const SLUGS_PER_SUBSCRIPTION = 100;
export const DEFAULT_RESNAPSHOT_MS = 60_000;
const RATE_WINDOW_MS = 5_000;

interface Batch {
  requestId: string;
  slugs: string[];
}

export interface PmUsFeedOptions {
  socket: SignedSocket;
  clock: Clock;
  log: (message: string) => void;
  /** Every book is re-sent whole at least this often. */
  resnapshotMs?: number;
}

const refOf = (slug: string) => `${PM_US}:${slug}` as MarketRef;

export class PmUsFeed extends Disposable implements MarketFeed {
  private readonly messages = this.register(new Emitter<RawVenueMessage>());
  private readonly statuses = this.register(new Emitter<FeedStatus>());
  private readonly invalidations = this.register(new Emitter<readonly MarketRef[]>());
  private readonly sessions = this.register(new Emitter<void>());
  readonly onMessage = this.messages.event;
  readonly onStatus = this.statuses.event;
  readonly onBooksInvalidated = this.invalidations.event;
  readonly onSessionStart = this.sessions.event;
  readonly checksSequence = false;

  private batches: Batch[] = [];
  private nextRequest = 1;
  private readonly timer: ReturnType<typeof setInterval>;
  private current: FeedStatus = { connection: 'connecting', messageRate: 0, lastMessageAt: null, lagMs: null, detail: null };
  private windowStart = 0;
  private windowCount = 0;

  constructor(private readonly options: PmUsFeedOptions) {
    super();
    const { socket } = options;
    this.register(socket.onOpen(() => this.onOpen()));
    this.register(socket.onText((text) => this.receive(text)));
    this.register(socket.onState(({ state, detail }) => this.onSocketState(state, detail)));
    this.timer = setInterval(() => this.resnapshotAll(), Math.max(1_000, options.resnapshotMs ?? DEFAULT_RESNAPSHOT_MS));
    this.timer.unref?.();
  }

  setMarkets(markets: readonly MarketInfo[]): void {
    const wanted = new Set(markets.filter((m) => m.venue === PM_US && m.status === 'open').map((m) => m.id));
    const kept: Batch[] = [];
    for (const b of this.batches) {
      const still = b.slugs.filter((s) => wanted.has(s));
      for (const s of still) wanted.delete(s);
      if (still.length === b.slugs.length) kept.push(b);
      else {
        this.options.socket.send({ unsubscribe: { requestId: b.requestId } });
        if (still.length > 0) kept.push(this.subscribe(still));
      }
    }
    const fresh = [...wanted];
    for (let i = 0; i < fresh.length; i += SLUGS_PER_SUBSCRIPTION) kept.push(this.subscribe(fresh.slice(i, i + SLUGS_PER_SUBSCRIPTION)));
    this.batches = kept;
    this.options.socket.start();
  }

  resync(markets: readonly MarketRef[], reason: string): void {
    const slugs = new Set(markets.map((r) => r.slice(PM_US.length + 1)));
    this.options.log(`Polymarket US: re-subscribing for fresh books: ${reason}`);
    this.batches = this.batches.map((b) => (b.slugs.some((s) => slugs.has(s)) ? this.resubscribe(b) : b));
  }

  status(): FeedStatus {
    return this.current;
  }

  override dispose(): void {
    clearInterval(this.timer);
    this.options.socket.dispose();
    super.dispose();
  }

  private subscribe(slugs: string[]): Batch {
    const batch = { requestId: `md-${this.nextRequest++}`, slugs };
    this.options.socket.send({ subscribe: { requestId: batch.requestId, subscriptionType: 'SUBSCRIPTION_TYPE_MARKET_DATA', marketSlugs: slugs } });
    return batch;
  }

  private resubscribe(b: Batch): Batch {
    this.options.socket.send({ unsubscribe: { requestId: b.requestId } });
    return this.subscribe(b.slugs);
  }

  private resnapshotAll(): void {
    if (!this.options.socket.isOpen) return;
    this.batches = this.batches.map((b) => this.resubscribe(b));
  }

  private onOpen(): void {
    this.sessions.fire();
    this.batches = this.batches.map((b) => this.subscribe(b.slugs));
  }

  private onSocketState(state: SocketState, detail: string | null): void {
    if (state !== 'open' && state !== 'connecting') {
      const all = this.batches.flatMap((b) => b.slugs.map(refOf));
      if (all.length > 0 && this.current.connection === 'connected') this.invalidations.fire(all);
    }
    const connection = state === 'open' ? 'connected' : state === 'connecting' ? 'connecting' : state === 'reconnecting' ? 'reconnecting' : 'down';
    this.current = { ...this.current, connection, detail };
    this.statuses.fire(this.current);
  }

  private receive(text: string): void {
    const at = this.options.clock.monotonic();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
    this.count(at);
    const err = typeof data === 'object' && data !== null ? (data as { error?: unknown; requestId?: unknown; request_id?: unknown }) : null;
    if (err && 'error' in err) {
      const id = err.requestId ?? err.request_id;
      const i = this.batches.findIndex((b) => b.requestId === id);
      this.options.log(`Polymarket US markets socket error${typeof id === 'string' ? ` for ${id}` : ''}: ${String(err.error)}`);
      if (i >= 0) {
        this.invalidations.fire(this.batches[i]!.slugs.map(refOf));
        this.batches[i] = this.resubscribe(this.batches[i]!);
      }
    }
    const transact = typeof data === 'object' && data !== null ? (data as { marketData?: { transactTime?: unknown } }).marketData?.transactTime : undefined;
    const sent = typeof transact === 'string' ? Date.parse(transact) : NaN;
    this.current = { ...this.current, lastMessageAt: at, lagMs: Number.isFinite(sent) ? Math.max(0, this.options.clock.now() - sent) : this.current.lagMs };
    this.messages.fire({ venue: PM_US, data, receivedAt: at });
  }

  private count(at: number): void {
    if (at - this.windowStart > RATE_WINDOW_MS) {
      this.current = { ...this.current, messageRate: Math.round((this.windowCount * 1000) / Math.max(1, at - this.windowStart)) };
      this.windowStart = at;
      this.windowCount = 0;
    }
    this.windowCount++;
  }
}
