// Book health from the feed: a venue's books are stale while its feed is down, reconnecting, or
// silent past a threshold; a book the feed invalidated (gap, reconnect) is unknown until its next
// snapshot (the books layer marks it live again when the snapshot arrives). Stale books become
// live again as soon as data flows; unknown ones only by a snapshot.
//
// The threshold (DEFAULT_STALE_AFTER_MS, 5 s): both venues heartbeat every 10 s (Kalshi pings,
// Polymarket expects a PING and answers PONG), so a dead socket is noticed by the connector
// within one or two heartbeats. A feed can also freeze while its heartbeats still flow; data
// silence is the only sign of that. Across every watched market a venue sends several messages a
// second, so five silent seconds — half a heartbeat interval — is a freeze, not a quiet market,
// and prices can move past an edge in that time. A very small watchlist of quiet markets may see
// its books flip stale now and then; the threshold is configurable for that.
import type { MarketRef, VenueId } from '../../shared/ids';
import type { Scanner, ScanDelta } from '../scanner/scanner';
import type { FeedConnection, FeedStatus } from '../venues/venue';

export const DEFAULT_STALE_AFTER_MS = 5_000;

const LIVE = 1;
const STALE = 2;

export interface FeedHealthOptions {
  venue: VenueId;
  scanner: Scanner;
  /** The venue's markets being streamed. */
  markets: () => Iterable<MarketRef>;
  staleAfterMs?: number;
  /** Monotonic ms (staleness), and wall ms (book timestamps). */
  monotonic: () => number;
  now: () => number;
  /** Health changes re-evaluate baskets: the deltas go to the publisher; refs to the book watch. */
  onChange: (deltas: readonly ScanDelta[], refs: readonly MarketRef[]) => void;
}

export class FeedHealth {
  readonly venue: VenueId;
  private readonly options: FeedHealthOptions;
  readonly staleAfterMs: number;
  private connection: FeedConnection = 'connecting';
  private lastMessageAt: number | null = null;
  /** Whether the venue's books are held stale now. */
  private stale = true;
  private reason = 'not connected yet';
  /** Markets whose own connection the feed reported silent (stay stale until it says live). */
  private readonly silentConnection = new Set<MarketRef>();
  /** The streamed markets' book slots, resolved once per market list (the list is replaced, not changed). */
  private slotsFor: Iterable<MarketRef> | null = null;
  private slots = new Int32Array(0);

  constructor(options: FeedHealthOptions) {
    this.options = options;
    this.venue = options.venue;
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  }

  get isStale(): boolean {
    return this.stale;
  }

  get staleReason(): string | null {
    return this.stale ? this.reason : null;
  }

  get connectionState(): FeedConnection {
    return this.connection;
  }

  /** Monotonic ms of the last data message, or null. */
  get lastMessage(): number | null {
    return this.lastMessageAt;
  }

  /** Hot path: a data message arrived. */
  onMessage(at: number): void {
    this.lastMessageAt = at;
    if (this.stale && this.connection === 'connected') this.setStale(false, '');
  }

  onStatus(status: FeedStatus): void {
    this.connection = status.connection;
    // Swept even if already held stale: snapshots may have made books live before the feed said so.
    if (status.connection !== 'connected') this.setStale(true, `feed ${status.connection}${status.detail ? `: ${status.detail}` : ''}`, true);
    else if (this.lastMessageAt !== null && this.options.monotonic() - this.lastMessageAt <= this.staleAfterMs) this.setStale(false, '');
  }

  /** The feed says these books can no longer be trusted until their next snapshot. */
  invalidate(refs: readonly MarketRef[]): void {
    const { scanner, now } = this.options;
    const at = now();
    const touched: MarketRef[] = [];
    const deltas: ScanDelta[] = [];
    for (const ref of refs) {
      const book = scanner.books.get(ref);
      if (!book || (book.yes.health === 'unknown' && book.no.health === 'unknown')) continue;
      deltas.push(scanner.setHealth(ref, 'unknown', at));
      touched.push(ref);
    }
    if (touched.length > 0) this.options.onChange(deltas, touched);
  }

  /**
   * One connection's own verdict (a venue that spreads its markets over several connections): its
   * markets stale while it is silent; live again when it speaks, unless the whole venue is stale.
   */
  connectionHealth(refs: readonly MarketRef[], health: 'stale' | 'live', reason: string): void {
    for (const ref of refs) {
      if (health === 'stale') this.silentConnection.add(ref);
      else this.silentConnection.delete(ref);
    }
    if (health === 'live' && this.stale) return;
    this.transition(refs, health === 'stale' ? 'live' : 'stale', health);
    if (health === 'stale') this.reason = reason;
  }

  /** Periodic check for silence. */
  tick(): void {
    if (this.stale) return;
    const silentFor = this.lastMessageAt === null ? Infinity : this.options.monotonic() - this.lastMessageAt;
    if (silentFor > this.staleAfterMs) this.setStale(true, `no data for ${(silentFor / 1000).toFixed(1)} s`);
  }

  /**
   * Books of this venue now stale / unknown (among the streamed markets). Asked every second for
   * the venues pane: read straight from the ladder records, tens of thousands of markets in well
   * under a millisecond.
   */
  counts(): { stale: number; unknown: number } {
    const slots = this.marketSlots();
    const cache = this.options.scanner.books.cache;
    let stale = 0;
    let unknown = 0;
    for (let i = 0; i < slots.length; i++) {
      const yes = slots[i]! * 2;
      if (cache.isUnknown(yes) || cache.isUnknown(yes + 1)) unknown++;
      else if (cache.isStale(yes) || cache.isStale(yes + 1)) stale++;
    }
    return { stale, unknown };
  }

  private marketSlots(): Int32Array {
    const markets = this.options.markets();
    if (markets !== this.slotsFor) {
      const books = this.options.scanner.books;
      const slots: number[] = [];
      for (const ref of markets) {
        const book = books.get(ref);
        if (book) slots.push(book.slot);
      }
      this.slots = Int32Array.from(slots);
      this.slotsFor = markets;
    }
    return this.slots;
  }

  private setStale(stale: boolean, reason: string, sweep = false): void {
    this.reason = reason;
    if (this.stale === stale && !sweep) return;
    this.stale = stale;
    if (stale) this.transition(this.options.markets(), 'live', 'stale');
    else this.transition([...this.options.markets()].filter((ref) => !this.silentConnection.has(ref)), 'stale', 'live');
  }

  /** Books of these markets in health `from` move to `to`; the scanner re-evaluates them. */
  private transition(refs: Iterable<MarketRef>, from: 'live' | 'stale', to: 'live' | 'stale'): void {
    const { scanner, now } = this.options;
    const at = now();
    const deltas: ScanDelta[] = [];
    const touched: MarketRef[] = [];
    // Every streamed market (a whole venue going stale or live, often a no-op sweep): by slot,
    // skipping the books already where they should be without a lookup by name.
    if (refs === this.options.markets()) {
      const slots = this.marketSlots();
      const cache = scanner.books.cache;
      const code = from === 'live' ? LIVE : STALE;
      for (let i = 0; i < slots.length; i++) {
        const yes = slots[i]! * 2;
        if (cache.healthCode(yes) !== code && cache.healthCode(yes + 1) !== code) continue;
        const book = scanner.books.bySlot(slots[i]!);
        for (const outcome of ['yes', 'no'] as const) {
          if (book.outcome(outcome).health !== from) continue;
          deltas.push(scanner.setHealth(book.ref, to, at, outcome));
        }
        touched.push(book.ref);
      }
      if (touched.length > 0) this.options.onChange(deltas, touched);
      return;
    }
    for (const ref of refs) {
      const book = scanner.books.get(ref);
      if (!book) continue;
      let changed = false;
      for (const outcome of ['yes', 'no'] as const) {
        if (book.outcome(outcome).health !== from) continue;
        deltas.push(scanner.setHealth(ref, to, at, outcome));
        changed = true;
      }
      if (changed) touched.push(ref);
    }
    if (touched.length > 0) this.options.onChange(deltas, touched);
  }
}
