import type { ActivityEntry, ActivityKind } from '../../../shared/contract';
import type { VenueId } from '../../../shared/ids';

export interface ActivityFilter {
  kind: ActivityKind | 'all';
  level: ActivityEntry['level'] | 'all';
  venue: VenueId | 'all';
  text: string;
}

export const NO_FILTER: ActivityFilter = { kind: 'all', level: 'all', venue: 'all', text: '' };

/** Entries rendered at most at once; the rest are counted, not drawn, so the list stays fast. */
export const ACTIVITY_RENDER_CAP = 300;

/** Entries matching the filter (most recent first, as given), at most `cap` of them, and how many matched in all. */
export function filterActivity(entries: readonly ActivityEntry[], filter: ActivityFilter, cap = ACTIVITY_RENDER_CAP): { shown: ActivityEntry[]; matched: number } {
  const text = filter.text.trim().toLowerCase();
  const shown: ActivityEntry[] = [];
  let matched = 0;
  for (const e of entries) {
    if (filter.kind !== 'all' && e.kind !== filter.kind) continue;
    if (filter.level !== 'all' && e.level !== filter.level) continue;
    if (filter.venue !== 'all' && e.venue !== filter.venue) continue;
    if (text && !`${e.kind} ${e.venue ?? ''} ${e.message} ${e.ref ?? ''}`.toLowerCase().includes(text)) continue;
    matched++;
    if (shown.length < cap) shown.push(e);
  }
  return { shown, matched };
}
