// Confirmed cross-venue links are watched: after every discovery, and between discoveries by
// asking each venue for its linked markets' current terms (Venue.watchMarkets) every few seconds.
// A changed rules text, close time, status or dispute state suspends the link (LinkBook.watch):
// its baskets are greyed and refused until the trader confirms it again; the trader is told in
// Activity, and the UI raises an alert on the link's status.
import type { MarketRef, VenueId } from '../../shared/ids';
import { Disposable, Emitter } from '../../shared/lifecycle';
import type { ActivityLog } from '../activity/activityLog';
import type { LinkBook, Suspended } from '../universe/linkBook';
import type { MarketTerms, Venue } from '../venues/venue';

export const DEFAULT_LINK_WATCH_MS = 15_000;

export interface LinkWatchOptions {
  links: LinkBook;
  activity: ActivityLog;
  /** The running venues. */
  venues(): readonly [VenueId, Venue][];
  intervalMs?: number;
  log(message: string): void;
}

export class LinkWatch extends Disposable {
  private timer: ReturnType<typeof setInterval> | null = null;
  private polling = false;
  private readonly onDidSuspendEmitter = this.register(new Emitter<readonly Suspended[]>());
  /** Links just suspended (the links list and the opportunities that use them must be re-sent). */
  readonly onDidSuspend = this.onDidSuspendEmitter.event;

  constructor(private readonly options: LinkWatchOptions) {
    super();
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs ?? DEFAULT_LINK_WATCH_MS);
    this.timer.unref?.();
  }

  override dispose(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    super.dispose();
  }

  /** Compares against the listings as discovered (after a discovery was applied). */
  check(): void {
    this.report(this.options.links.watch());
  }

  /** Reads the linked markets' terms from their venues now, then compares. */
  async poll(): Promise<void> {
    if (this.polling) return;
    const refs = this.options.links.watchedMarkets();
    if (refs.length === 0) return;
    this.polling = true;
    try {
      const fresh = new Map<MarketRef, MarketTerms>();
      await Promise.all(
        this.options.venues().map(async ([id, venue]) => {
          const mine = refs.filter((r) => r.startsWith(`${id}:`));
          if (mine.length === 0 || !venue.watchMarkets) return;
          try {
            for (const t of await venue.watchMarkets(mine)) fresh.set(t.ref, t);
          } catch (e) {
            this.options.log(`Link watch: ${id} terms could not be read: ${(e as Error).message}`);
          }
        }),
      );
      if (this.store.isDisposed) return;
      this.report(this.options.links.watch((ref) => fresh.get(ref)));
    } finally {
      this.polling = false;
    }
  }

  private report(suspended: readonly Suspended[]): void {
    if (suspended.length === 0) return;
    for (const { link, changes } of suspended) {
      this.options.activity.append({
        kind: 'link',
        level: 'warn',
        ref: link.id,
        message: `Link suspended: ${link.sides[0].name ?? link.sides[0].title} ⇔ ${link.sides[1].name ?? link.sides[1].title} — ${changes.join('; ')}. Not traded until you confirm it again.`,
      });
    }
    this.onDidSuspendEmitter.fire(suspended);
  }
}
