// The hot path: every feed message of every running venue → the recorder → feed health → the
// venue's decoder in the scanner → what it changed out to the publisher and the book watch. Also
// what a feed says about itself: its connection (activity, staleness), books it invalidates, its
// connections going silent, resolutions and tick changes.
//
// A message only updates its books and marks the baskets buying from what moved; they are sized
// once per turn of the event loop (setImmediate), after every message that turn delivered: the
// message path stays a book update, a basket moved by several messages is sized once on the
// latest books, and the sizing is its own short task (measured apart: `sizing`).
import type { MarketRef, VenueId } from '../../shared/ids';
import { Disposable, DisposableStore, Emitter, toDisposable, type IDisposable } from '../../shared/lifecycle';
import { formatPriceTicks } from '../../shared/unitText';
import type { ActivityLog } from '../activity/activityLog';
import type { Clock } from '../platform/clock';
import type { Scanner, ScanDelta } from '../scanner/scanner';
import type { MarketDataDecoder } from '../venues/contribution';
import type { FeedStatus, RawVenueMessage, Venue } from '../venues/venue';
import type { BookWatch } from './bookWatch';
import { FeedHealth } from './feedHealth';
import type { OpportunityPublisher } from './opportunityPublisher';
import type { SessionRecorder } from './sessionRecorder';
import type { SettlementRecorder } from './settlementRecorder';

/** What the pump has handled, per venue: for the venues pane, the bench and tests. */
export interface PumpCounters {
  messages: number;
  rejected: number;
  /** Monotonic ms spent applying messages (scanner + fan-out). */
  busyMs: number;
}

export interface MarketDataPumpOptions {
  venues: readonly VenueId[];
  scanner: Scanner;
  publisher: OpportunityPublisher;
  bookWatch: BookWatch;
  settlements: SettlementRecorder;
  activity: ActivityLog;
  clock: Clock;
  /** The venue's name, for the trader. */
  name(venue: VenueId): string;
  /** The venue's markets being streamed (feed health sweeps them). */
  streamed(venue: VenueId): readonly MarketRef[];
  /** The venue's tick size changed on a market (the universe keeps it); true when it did change. */
  setTickSize(market: MarketRef, tickSize: number): boolean;
  staleAfterMs?: number;
}

interface Attached {
  venue: Venue;
  decoder: MarketDataDecoder;
  /** The feed checks sequence numbers itself (MarketFeed.checksSequence). */
  checked: boolean;
  health: FeedHealth;
  lastStatus: FeedStatus;
  store: DisposableStore;
}

const ALARM_EVERY_MS = 60_000;

export class MarketDataPump extends Disposable {
  readonly counters: Record<VenueId, PumpCounters> = {};
  /** Crossed single-market books seen (data alarms), and when each market last raised one. */
  alarms = 0;
  private readonly alarmedAt = new Map<MarketRef, number>();
  private readonly attached = new Map<VenueId, Attached>();
  /** Sizing batches run and the monotonic ms they took (the engine's work besides `counters`). */
  readonly sizing = { batches: 0, busyMs: 0 };
  private flushing: ReturnType<typeof setImmediate> | null = null;
  private recorder: SessionRecorder | null = null;
  private readonly onDidChangeConnectionEmitter = this.register(new Emitter<VenueId>());
  /** A venue's feed connection changed (connected, reconnecting, down). */
  readonly onDidChangeConnection = this.onDidChangeConnectionEmitter.event;

  constructor(private readonly options: MarketDataPumpOptions) {
    super();
    for (const id of options.venues) this.counters[id] = { messages: 0, rejected: 0, busyMs: 0 };
  }

  /** Starts pumping a running venue's feed; dispose to stop. */
  attach(id: VenueId, venue: Venue): IDisposable {
    this.detach(id);
    const { scanner, clock } = this.options;
    const store = new DisposableStore();
    const health = new FeedHealth({
      venue: id,
      scanner,
      markets: () => this.options.streamed(id),
      staleAfterMs: this.options.staleAfterMs,
      monotonic: () => clock.monotonic(),
      now: () => clock.now(),
      onChange: (deltas, refs) => this.onHealthChange(deltas, refs),
    });
    const feed = venue.feed;
    const entry: Attached = { venue, decoder: scanner.decoder(id), checked: feed.checksSequence === true, health, lastStatus: feed.status(), store };
    this.attached.set(id, entry);
    store.add(feed.onMessage((m) => this.handle(id, m)));
    store.add(feed.onStatus((s) => this.onFeedStatus(id, s)));
    store.add(feed.onBooksInvalidated((refs) => health.invalidate(refs)));
    // A feed that does not check sequence numbers leaves them to the decoder: a new connection numbers afresh.
    if (feed.onSessionStart && !entry.checked) store.add(feed.onSessionStart(() => entry.decoder.resetSession?.()));
    if (feed.onBookHealth) store.add(feed.onBookHealth((change) => health.connectionHealth(change.markets, change.health, change.reason)));
    if (feed.onMarketEvent) {
      store.add(feed.onMarketEvent((e) => {
        if (e.kind === 'resolved' && (e.result === 'yes' || e.result === 'no')) {
          this.options.settlements.record({ venue: id, market: e.market, result: e.result, settledAt: e.at, source: `${id} market feed` });
        } else if (e.kind === 'tick_size' && this.options.setTickSize(e.market, e.tickSize)) {
          this.options.activity.append({ kind: 'venue', venue: id, ref: e.market, message: `${this.options.name(id)} ${e.market}: tick size now ${formatPriceTicks(e.tickSize)}` });
        }
      }));
    }
    health.onStatus(entry.lastStatus);
    return toDisposable(() => {
      if (this.attached.get(id) === entry) this.detach(id);
    });
  }

  private detach(id: VenueId): void {
    const a = this.attached.get(id);
    if (!a) return;
    this.attached.delete(id);
    a.store.dispose();
  }

  /** The feed health of a running venue (staleness, last message), or null. */
  health(id: VenueId): FeedHealth | null {
    return this.attached.get(id)?.health ?? null;
  }

  /** Records every feed message from now on (`arbdesk record`); null stops. */
  attachRecorder(recorder: SessionRecorder | null): void {
    this.recorder = recorder;
  }

  /** Periodic: silence makes a venue's books stale. */
  tick(): void {
    for (const a of this.attached.values()) a.health.tick();
  }

  /** One feed message: into the scanner, and what it changed out to the UI. The hot path. */
  handle(id: VenueId, message: RawVenueMessage): void {
    const a = this.attached.get(id);
    const clock = this.options.clock;
    const started = clock.monotonic();
    const data = message.data;
    this.recorder?.write(id, data);
    const counters = this.counters[id]!;
    counters.messages++;
    a?.health.onMessage(started);
    const now = clock.now();
    const scanner = this.options.scanner;
    const book = scanner.applyDeferred(id, data, now, a?.checked ?? false);
    const resolutions = (a?.decoder ?? scanner.decoder(id)).resolutions(data, now);
    if (book.status === 'rejected') counters.rejected++;
    if (resolutions.length > 0) {
      // A resolution is not a malformed message, whatever the books made of it.
      if (book.status === 'rejected') counters.rejected--;
      for (const r of resolutions) this.options.settlements.record(r);
    }
    if (scanner.deferred > 0) this.flushing ??= setImmediate(() => this.flush());
    if (book.markets.length > 0) this.options.bookWatch.touched(book.markets);
    counters.busyMs += clock.monotonic() - started;
  }

  /** Sizes the baskets the messages of this turn moved, and hands what changed to the publisher. */
  flush(): void {
    if (this.flushing !== null) clearImmediate(this.flushing);
    this.flushing = null;
    const clock = this.options.clock;
    const started = clock.monotonic();
    const delta = this.options.scanner.flush(clock.now());
    this.options.publisher.add(hasSingleMarket(delta) ? this.crossedAlarm(delta) : delta);
    this.sizing.batches++;
    this.sizing.busyMs += clock.monotonic() - started;
  }

  /**
   * A single-market basket (YES ask + NO ask below $1 on one venue) in live data is a crossed or
   * stale book, not free money — the venue would have matched those orders. A data alarm instead
   * of an opportunity: the book is marked unknown, the feed asked for it afresh, and the trader
   * told (once a minute per market). `arbdesk scan` and `replay` keep the spec's single_market.
   */
  private crossedAlarm(delta: ScanDelta): ScanDelta {
    const crossed = new Map<VenueId, Set<MarketRef>>();
    for (const o of [...delta.opened, ...delta.updated]) {
      if (o.basket.strategy !== 'single_market') continue;
      const leg = o.basket.legs[0]!;
      let refs = crossed.get(leg.spec.venue);
      if (!refs) crossed.set(leg.spec.venue, (refs = new Set()));
      refs.add(leg.market);
    }
    const keep = (o: { basket: { strategy: string } }) => o.basket.strategy !== 'single_market';
    const now = this.options.clock.monotonic();
    for (const [id, set] of crossed) {
      const refs = [...set];
      this.alarms += refs.length;
      const a = this.attached.get(id);
      a?.health.invalidate(refs);
      a?.venue.feed.resync?.(refs, 'crossed book: YES ask + NO ask below $1');
      for (const ref of refs) {
        if (now - (this.alarmedAt.get(ref) ?? -Infinity) < ALARM_EVERY_MS) continue;
        this.alarmedAt.set(ref, now);
        this.options.activity.append({ kind: 'venue', level: 'warn', venue: id, ref, message: `Data alarm: the ${this.options.name(id)} book of ${ref} is crossed (its YES and NO asks cost less than $1 together), which the venue would have matched: stale or corrupt data, not an opportunity. Marked unknown and fetched afresh.` });
      }
    }
    return { opened: delta.opened.filter(keep), updated: delta.updated.filter(keep), closed: delta.closed };
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
        message: `${this.options.name(id)} feed ${status.connection}${status.detail ? `: ${status.detail}` : ''}`,
      });
      this.onDidChangeConnectionEmitter.fire(id);
    }
  }

  private onHealthChange(deltas: readonly ScanDelta[], refs: readonly MarketRef[]): void {
    for (const d of deltas) this.options.publisher.add(d);
    for (const ref of refs) this.options.bookWatch.touchedRef(ref);
  }

  override dispose(): void {
    if (this.flushing !== null) clearImmediate(this.flushing);
    this.flushing = null;
    for (const id of [...this.attached.keys()]) this.detach(id);
    super.dispose();
  }
}

function hasSingleMarket(delta: ScanDelta): boolean {
  for (const o of delta.opened) if (o.basket.strategy === 'single_market') return true;
  for (const o of delta.updated) if (o.basket.strategy === 'single_market') return true;
  return false;
}
