// The trader's coverage: which categories and series the venues list, and which of them are
// watched (streamed and scanned). An empty watchlist watches everything.
import type { Catalog, Watchlist } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';
import type { MarketInfo } from '../venues/venue';

export const EMPTY_WATCHLIST: Watchlist = { categories: [], series: [] };

export function seriesKey(m: Pick<MarketInfo, 'venue' | 'seriesId' | 'eventId'>): string {
  return `${m.venue}:${m.seriesId ?? m.eventId}`;
}

/** A compiled watchlist: categories compared case-insensitively, series as `venue:seriesId`. */
export class WatchFilter {
  private readonly categories: Set<string>;
  private readonly series: Set<string>;

  constructor(readonly watchlist: Watchlist) {
    this.categories = new Set(watchlist.categories.map((c) => c.trim().toLowerCase()));
    this.series = new Set(watchlist.series);
  }

  get watchesEverything(): boolean {
    return this.categories.size === 0 && this.series.size === 0;
  }

  watchesCategory(category: string): boolean {
    return this.watchesEverything || this.categories.has(category.trim().toLowerCase());
  }

  watches(m: MarketInfo): boolean {
    return this.watchesCategory(m.category) || this.series.has(seriesKey(m));
  }
}

/** `venueOrder`: the registered venues, the order a category lists its venues in. */
export function buildCatalog(markets: Iterable<MarketInfo>, filter: WatchFilter, refreshedAt: Record<VenueId, number | null>, venueOrder: readonly VenueId[]): Catalog {
  const categories = new Map<string, { name: string; venues: Set<VenueId>; markets: number }>();
  const series = new Map<string, { id: string; venue: VenueId; title: string; category: string; markets: number; watched: boolean }>();
  let listed = 0;
  let watched = 0;
  for (const m of markets) {
    if (m.status !== 'open') continue;
    listed++;
    const isWatched = filter.watches(m);
    if (isWatched) watched++;
    const catKey = m.category.trim().toLowerCase();
    const cat = categories.get(catKey) ?? categories.set(catKey, { name: m.category.trim() || 'Uncategorised', venues: new Set(), markets: 0 }).get(catKey)!;
    cat.venues.add(m.venue);
    cat.markets++;
    const id = seriesKey(m);
    const s = series.get(id) ?? series.set(id, { id, venue: m.venue, title: m.eventTitle, category: m.category, markets: 0, watched: false }).get(id)!;
    s.markets++;
    s.watched ||= isWatched;
  }
  return {
    categories: [...categories.entries()]
      .sort((a, b) => a[1].name.localeCompare(b[1].name))
      .map(([key, c]) => ({ name: c.name, venues: venueOrder.filter((v) => c.venues.has(v)), markets: c.markets, watched: filter.watchesCategory(key) })),
    series: [...series.values()].sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id)),
    watchlist: filter.watchlist,
    marketsListed: listed,
    marketsWatched: watched,
    refreshedAt,
  };
}
