// How long the engine's books take to come back after the feed invalidated them. An episode opens
// when a feed invalidates a market (sequence gap, reconnect) and closes when the engine's book of
// it is live again. The resync time is measured from the latest invalidation (a second gap before
// the book came back restarts the clock: it is another gap); the whole outage is reported too. An
// invalidation by a feed that checks sequence numbers, while its connection is up and has been for
// a while, is a sequence gap; anything else is a reconnect (which waits for the reconnect backoff too).
import type { VenueId } from '../shared/ids';
import { DisposableStore, type IDisposable } from '../shared/lifecycle';
import type { Engine } from '../engine';

export type ResyncCause = 'gap' | 'reconnect';

export interface ResyncStats {
  episodes: Record<ResyncCause, number>;
  /** Longest time from the latest invalidation to a live book, ms (null: no episode). */
  longestMs: Record<ResyncCause, number | null>;
  /** Longest time a book stayed unusable from its first invalidation (gaps back to back add up), ms. */
  longestOutageMs: number | null;
  /** Episodes still open when asked. */
  open: number;
}

const SETTLED_SESSION_MS = 500;
const POLL_MS = 10;

export class ResyncWatch implements IDisposable {
  private readonly store = new DisposableStore();
  private readonly pending = new Map<string, { since: number; last: number; cause: ResyncCause }>();
  private readonly sessionStartedAt = new Map<VenueId, number>();
  private readonly episodes: Record<ResyncCause, number> = { gap: 0, reconnect: 0 };
  private readonly longest: Record<ResyncCause, number | null> = { gap: null, reconnect: null };
  private longestOutage: number | null = null;
  private readonly timer: NodeJS.Timeout;
  private venueSubs = new Map<VenueId, IDisposable>();

  constructor(private readonly engine: Engine) {
    for (const id of engine.services.venueRegistry.ids()) {
      const venue = engine.services.venues.venue(id);
      if (venue) this.watchVenue(id, venue.feed);
    }
    this.store.add(engine.services.venues.onDidStart(({ id, venue }) => this.watchVenue(id, venue.feed)));
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref();
  }

  stats(): ResyncStats {
    this.poll();
    return { episodes: { ...this.episodes }, longestMs: { ...this.longest }, longestOutageMs: this.longestOutage, open: this.pending.size };
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.venueSubs.values()) d.dispose();
    this.store.dispose();
  }

  private watchVenue(id: VenueId, feed: NonNullable<ReturnType<Engine['services']['venues']['venue']>>['feed']): void {
    this.venueSubs.get(id)?.dispose();
    const subs = new DisposableStore();
    if (feed.onSessionStart) subs.add(feed.onSessionStart(() => this.sessionStartedAt.set(id, Date.now())));
    subs.add(feed.onBooksInvalidated((refs) => {
      const now = Date.now();
      const connected = feed.status().connection === 'connected';
      const cause: ResyncCause = feed.checksSequence === true && connected && now - (this.sessionStartedAt.get(id) ?? 0) > SETTLED_SESSION_MS ? 'gap' : 'reconnect';
      for (const raw of refs) {
        const ref = raw.includes(':') ? raw : `${id}:${raw}`;
        const open = this.pending.get(ref);
        if (!open) this.pending.set(ref, { since: now, last: now, cause });
        else this.pending.set(ref, { since: open.since, last: now, cause: open.cause === 'reconnect' ? 'reconnect' : cause });
      }
    }));
    this.venueSubs.set(id, subs);
  }

  private poll(): void {
    if (this.pending.size === 0) return;
    const now = Date.now();
    for (const [ref, episode] of this.pending) {
      const book = this.engine.services.scanner.books.get(ref);
      // A market the engine stopped streaming (closed) has nothing to resync.
      if (!book) {
        this.pending.delete(ref);
        continue;
      }
      if (book.yes.health !== 'live' || book.no.health !== 'live') continue;
      this.pending.delete(ref);
      this.episodes[episode.cause]++;
      this.longest[episode.cause] = Math.max(this.longest[episode.cause] ?? 0, now - episode.last);
      this.longestOutage = Math.max(this.longestOutage ?? 0, now - episode.since);
    }
  }
}
