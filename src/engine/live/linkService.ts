// Cross-venue links as a service: suggestions computed among the watched markets of every pair of
// venues (in slices, off the feeds' path, and only when the watched markets changed), the trader's
// decisions on them, and the list the Links pane shows — with the built-in simulator's own truth of
// each pair when every venue runs against it.
import { createHash } from 'node:crypto';
import type { LinkRelation, LinksDelta, LinksPage, MarketLink } from '../../shared/contract';
import type { MarketRef, VenueId } from '../../shared/ids';
import { Disposable } from '../../shared/lifecycle';
import type { ActivityLog } from '../activity/activityLog';
import { LinkBook } from '../universe/linkBook';
import { suggestLinksInSlices, type LinkSuggestion, type MatchOptions } from '../universe/matcher';
import type { MarketInfo } from '../venues/venue';
import type { SimulatorControl } from './simulatorControl';

type Truth = NonNullable<ReturnType<SimulatorControl['truthOf']>>;

/**
 * Work per matching slice: the engine shares Electron's main thread with the window, whose event
 * loop must not wait more than ~10 ms; a slice may overrun by one candidate's scoring.
 */
const MATCH_SLICE_MS = 6;

export interface LinkServiceOptions {
  dataDir: string;
  activity: ActivityLog;
  now: () => number;
  /** The registered venues, in order: side a of a pair is the earlier one. */
  venues: readonly VenueId[];
  name(venue: VenueId): string;
  market(ref: string): MarketInfo | undefined;
  /** The watched, open markets of a venue. */
  watched(venue: VenueId): MarketInfo[];
  /** Where a running venue is connected, or null. */
  environment(venue: VenueId): string | null;
  simulator: SimulatorControl;
  /** The list changed (suggestions, decisions): push it to the trader. */
  onDidChangeList(): void;
  /** A decision changed what an opportunity says of its link (suspended or not): send them again. */
  onDidDecide?(): void;
}

export class LinkService extends Disposable {
  readonly book: LinkBook;
  /** The watched markets the current suggestions were computed for, and the run under way. */
  private matchedKey = '';
  private matchGeneration = 0;
  /** Each listed link with the simulator's truth of it, made once per link and truth. */
  private readonly withTruth = new WeakMap<MarketLink, { truth: Truth; link: MarketLink }>();
  /** The list changesSinceListed last returned. */
  private lastListed: readonly MarketLink[] | null = null;
  /** That list (or, before the first push, one listed for a page) by id, for reading in pages. */
  private sorted: { source: readonly MarketLink[]; byId: readonly MarketLink[] } | null = null;

  constructor(private readonly options: LinkServiceOptions) {
    super();
    this.book = this.register(new LinkBook(options.dataDir, (ref) => options.market(ref), options.now));
    if (this.book.loadProblem) options.activity.append({ kind: 'error', level: 'warn', message: this.book.loadProblem });
  }

  /** The confirmed links changed (the scanner's equivalences). */
  get onDidChangeConfirmed() {
    return this.book.onDidChangeConfirmed;
  }

  /**
   * Suggests cross-venue links among the watched markets, again only when they changed. Runs in
   * slices so the feeds are not held up; a newer run supersedes one under way.
   */
  matchWhenChanged(): void {
    const watched = new Map(this.options.venues.map((v) => [v, this.options.watched(v)] as const));
    const key = createHash('sha1').update([...watched.values()].flat().map((m) => m.ref).join('\n')).digest('hex');
    if (key === this.matchedKey) return;
    this.matchedKey = key;
    const generation = ++this.matchGeneration;
    const cancelled = () => generation !== this.matchGeneration;
    const options: MatchOptions = { exclude: (a, b) => this.book.isRejected(a, b), taken: this.book.linkedMarkets(), name: this.options.name };
    const pairs: [VenueId, VenueId][] = [];
    const ids = this.options.venues;
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.push([ids[i]!, ids[j]!]);
    void (async () => {
      const all: LinkSuggestion[] = [];
      for (const [a, b] of pairs) {
        const found = await suggestLinksInSlices(watched.get(a) ?? [], watched.get(b) ?? [], options, MATCH_SLICE_MS, cancelled);
        if (found === null) return null;
        all.push(...found);
      }
      return all.sort((x, y) => y.score - x.score);
    })().then(
      (suggestions) => {
        if (suggestions === null || cancelled()) return;
        this.book.setSuggestions(suggestions);
        this.options.onDidChangeList();
      },
      (e: unknown) => this.options.activity.append({ kind: 'error', level: 'error', message: `Link matching failed: ${(e as Error).message}` }),
    );
  }

  /** The links, each side with its human name and sources; in a simulated world, what the simulator holds of each pair. */
  list(): MarketLink[] {
    // The venues that run (one the trader may not use, by jurisdiction, runs nowhere) all on the simulator.
    const running = this.options.venues.map((id) => this.options.environment(id)).filter((e) => e !== null);
    const simulated = running.length > 0 && running.every((e) => e === 'simulator');
    return this.book.links().map((l) => {
      const truth = simulated ? this.options.simulator.truthOf(l.sides[0].market as MarketRef, l.sides[1].market as MarketRef) : null;
      if (truth === null) return l;
      const made = this.withTruth.get(l);
      if (made?.truth === truth) return made.link;
      const link = { ...l, simulatorTruth: truth };
      this.withTruth.set(l, { truth, link });
      return link;
    });
  }

  /**
   * What changed in the list since this last returned, or null when nothing did: an unchanged link
   * is listed as the same object (LinkBook), so only new or changed objects are sent — whatever
   * made the caller ask (a discovery that changed no linked market, the simulator's speed) — and
   * thousands of links are never sent to the window again for one that changed.
   */
  changesSinceListed(): LinksDelta | null {
    const list = this.list();
    const last = this.lastListed;
    const before = new Map<string, MarketLink>();
    for (const l of last ?? []) before.set(l.id, l);
    const upserts: MarketLink[] = [];
    for (const l of list) {
      if (before.get(l.id) !== l) upserts.push(l);
      before.delete(l.id);
    }
    const removed = [...before.keys()];
    if (upserts.length === 0 && removed.length === 0) {
      this.lastListed ??= list;
      return null;
    }
    this.lastListed = list;
    return { upserts, removed };
  }

  /**
   * The list in pages by id: up to `limit` links with ids after `after` (null: from the first).
   * Pages are read from the list as last pushed, so a window that applies the pushes that follow
   * in order ends with the list as it is; listing afresh per page (tens of ms at a few thousand
   * links) would block the loop for every page of every window that connects.
   */
  page(after: string | null, limit: number): LinksPage {
    const sorted = this.sortedListed();
    let lo = 0;
    let hi = sorted.length;
    while (after !== null && lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]!.id <= after) lo = mid + 1;
      else hi = mid;
    }
    const links = sorted.slice(lo, lo + limit);
    return { links, next: lo + limit < sorted.length ? links[links.length - 1]!.id : null };
  }

  /** The list as last pushed (listed now before the first push), by id; sorted once per push. */
  private sortedListed(): readonly MarketLink[] {
    const source = this.lastListed ?? this.list();
    if (this.sorted?.source !== source) this.sorted = { source, byId: [...source].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
    return this.sorted.byId;
  }

  /** Confirms (or re-confirms) a link as `relation`; an override names why differing fields do not matter. */
  confirm(id: string, relation?: LinkRelation, override?: { reason: string }): MarketLink {
    const was = this.book.link(id)?.status;
    const link = this.book.confirm(id, relation, override);
    const overridden = link.override ? `; override of ${link.override.fields.join(', ')}: “${link.override.reason}”` : '';
    this.options.activity.append({
      kind: 'link',
      level: link.override ? 'warn' : 'info',
      ref: id,
      message: `Link ${was === 'suspended' ? 're-confirmed' : 'confirmed'} as ${link.relation.replace(/_/g, ' ')}: ${link.sides[0].title} ⇔ ${link.sides[1].title}${overridden}`,
    });
    this.options.onDidChangeList();
    this.options.onDidDecide?.();
    return link;
  }

  reject(id: string): MarketLink {
    const link = this.book.reject(id);
    this.options.activity.append({ kind: 'link', ref: id, message: `Link rejected: ${link.sides[0].title} ⇎ ${link.sides[1].title}` });
    this.options.onDidChangeList();
    return link;
  }

  override dispose(): void {
    this.matchGeneration++;
    super.dispose();
  }
}
