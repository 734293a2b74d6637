// What the Opportunities table shows, in which order: filter, sort, and — while the trader is
// pointing at or navigating the table — a held order in which no row moves under the cursor.
import type { Opportunity, StrategyId } from '../../../shared/contract';
import type { VenueId } from '../../../shared/ids';
import { compareDecimal } from './decimal';

export type SortKey = 'strategy' | 'markets' | 'size' | 'cost' | 'fees' | 'netProfit' | 'edge' | 'age';
export interface SortSpec {
  key: SortKey;
  direction: 'ascending' | 'descending';
}
export interface RowFilter {
  strategy: StrategyId | null;
  /** Dollars, a decimal string; null = any. */
  minProfit: string | null;
  venue: VenueId | null;
}
export interface Row {
  id: string;
  opportunity: Opportunity;
  /** Gone from the engine while the order was held: shown greyed until the order is released. */
  closed: boolean;
}

export const DEFAULT_SORT: SortSpec = { key: 'netProfit', direction: 'descending' };
export const NO_FILTER: RowFilter = { strategy: null, minProfit: null, venue: null };

export function marketsLabel(o: Opportunity): string {
  return o.legs.map((l) => `${l.outcome.toUpperCase()} ${l.market}`).join(' · ');
}

export function passes(o: Opportunity, f: RowFilter): boolean {
  if (f.strategy !== null && o.strategy !== f.strategy) return false;
  if (f.venue !== null && !o.legs.some((l) => l.venue === f.venue)) return false;
  if (f.minProfit !== null && compareDecimal(o.netProfit, f.minProfit) < 0) return false;
  return true;
}

function compareBy(key: SortKey, a: Opportunity, b: Opportunity): number {
  switch (key) {
    case 'strategy':
      return a.strategy.localeCompare(b.strategy);
    case 'markets':
      return marketsLabel(a).localeCompare(marketsLabel(b));
    case 'size':
      return a.size - b.size;
    case 'age':
      // Older first when ascending by age: an earlier first sighting is a greater age.
      return b.firstSeenAt - a.firstSeenAt;
    default:
      return compareDecimal(a[key], b[key]);
  }
}

export function comparator(sort: SortSpec): (a: Opportunity, b: Opportunity) => number {
  const dir = sort.direction === 'ascending' ? 1 : -1;
  // The id breaks ties so equal rows never swap places between updates.
  return (a, b) => dir * compareBy(sort.key, a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The rows in sort order, every one current. */
export function sortedRows(opportunities: readonly Opportunity[], filter: RowFilter, sort: SortSpec): Row[] {
  return opportunities
    .filter((o) => passes(o, filter))
    .sort(comparator(sort))
    .map((o) => ({ id: o.id, opportunity: o, closed: false }));
}

/**
 * The rows with the previous order held: every row keeps its place and is updated in place; a row
 * whose opportunity closed stays (marked closed) so nothing below it moves up; new ones are added
 * at the bottom, in sort order among themselves.
 */
export function heldRows(previous: readonly Row[], opportunities: readonly Opportunity[], filter: RowFilter, sort: SortSpec): Row[] {
  const byId = new Map(opportunities.map((o) => [o.id, o]));
  const rows: Row[] = previous.map((r) => {
    const current = byId.get(r.id);
    if (!current) return r.closed ? r : { ...r, closed: true };
    return current === r.opportunity && !r.closed ? r : { id: r.id, opportunity: current, closed: false };
  });
  const seen = new Set(previous.map((r) => r.id));
  const added = opportunities.filter((o) => !seen.has(o.id) && passes(o, filter)).sort(comparator(sort));
  for (const o of added) rows.push({ id: o.id, opportunity: o, closed: false });
  return rows;
}
