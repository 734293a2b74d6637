// What the Opportunities table shows, in which order: filter, sort, and — while the trader is
// pointing at or navigating the table — a held order in which no row moves under the cursor.
import type { Opportunity, StrategyId } from '../../../shared/contract';
import type { VenueId } from '../../../shared/ids';
import { compareDecimal, decimalSortKey } from '../lib/decimal';

export type SortKey = 'strategy' | 'markets' | 'size' | 'cost' | 'fees' | 'netProfit' | 'edge' | 'annualised' | 'age';
export interface SortSpec {
  key: SortKey;
  direction: 'ascending' | 'descending';
}
export interface RowFilter {
  strategy: StrategyId | null;
  /** Dollars, a decimal string; null = any. */
  minProfit: string | null;
  venue: VenueId | null;
  /** The least annualised return on capital, a fraction ("0.10" is 10 %); null/absent = any. Unknown resolution times fail it. */
  minAnnualised?: string | null;
}
export interface Row {
  id: string;
  opportunity: Opportunity;
  /** Gone from the engine while the order was held: shown greyed until the order is released. */
  closed: boolean;
}

export const DEFAULT_SORT: SortSpec = { key: 'netProfit', direction: 'descending' };
export const NO_FILTER: RowFilter = { strategy: null, minProfit: null, venue: null };

/** The markets by name, for sorting by the Markets column. */
export function marketsLabel(o: Opportunity): string {
  return o.legs.map((l) => `${l.title} ${l.outcome.toUpperCase()}`).join(' · ');
}

export function passes(o: Opportunity, f: RowFilter): boolean {
  if (f.strategy !== null && o.strategy !== f.strategy) return false;
  if (f.venue !== null && !o.legs.some((l) => l.venue === f.venue)) return false;
  if (f.minProfit !== null && compareDecimal(o.netProfit, f.minProfit) < 0) return false;
  if (f.minAnnualised && (!o.annualisedReturn || compareDecimal(o.annualisedReturn, f.minAnnualised) < 0)) return false;
  return true;
}

type MoneyKey = 'cost' | 'fees' | 'netProfit' | 'edge';
const sortKeys = new WeakMap<Opportunity, Partial<Record<MoneyKey, string>>>();

/** The exact sort key of a money field, computed once per opportunity object. */
function moneyKey(o: Opportunity, key: MoneyKey): string {
  let keys = sortKeys.get(o);
  if (!keys) sortKeys.set(o, (keys = {}));
  return (keys[key] ??= decimalSortKey(o[key]));
}

const rowCache = new WeakMap<Opportunity, Row>();

/** One Row object per opportunity object, so an unchanged row is the same object (React skips it). */
function openRow(o: Opportunity): Row {
  let row = rowCache.get(o);
  if (!row) rowCache.set(o, (row = { id: o.id, opportunity: o, closed: false }));
  return row;
}

function compareBy(key: SortKey, a: Opportunity, b: Opportunity): number {
  switch (key) {
    case 'strategy':
      return a.strategy.localeCompare(b.strategy);
    case 'markets':
      return marketsLabel(a).localeCompare(marketsLabel(b));
    case 'size':
      return a.size - b.size;
    case 'annualised':
      // An unknown resolution time has no annualised return: below every known one.
      if (!a.annualisedReturn || !b.annualisedReturn) return Number(Boolean(a.annualisedReturn)) - Number(Boolean(b.annualisedReturn));
      return compareDecimal(a.annualisedReturn, b.annualisedReturn);
    case 'age':
      // Older first when ascending by age: an earlier first sighting is a greater age.
      return b.firstSeenAt - a.firstSeenAt;
    default: {
      const ka = moneyKey(a, key);
      const kb = moneyKey(b, key);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    }
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
    .map(openRow);
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
    return current === r.opportunity && !r.closed ? r : openRow(current);
  });
  const seen = new Set(previous.map((r) => r.id));
  const added = opportunities.filter((o) => !seen.has(o.id) && passes(o, filter)).sort(comparator(sort));
  for (const o of added) rows.push(openRow(o));
  return rows;
}

/**
 * sortedRows, computed from the previous sorted rows (same filter and sort): unchanged rows stay in
 * order and only new or changed opportunities are placed, by binary search. A frame that changes a
 * few of thousands of rows costs a pass over them, not a full sort.
 */
export function resortedRows(previous: readonly Row[], opportunities: readonly Opportunity[], filter: RowFilter, sort: SortSpec): Row[] {
  const before = new Map<string, Opportunity>();
  for (const r of previous) before.set(r.id, r.opportunity);
  const now = new Map<string, Opportunity>();
  const changed: Opportunity[] = [];
  for (const o of opportunities) {
    now.set(o.id, o);
    if (before.get(o.id) !== o) changed.push(o);
  }
  if (changed.length * 8 > opportunities.length) return sortedRows(opportunities, filter, sort);
  const rows = previous.filter((r) => !r.closed && now.get(r.id) === r.opportunity);
  const compare = comparator(sort);
  for (const o of changed) {
    if (!passes(o, filter)) continue;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(rows[mid]!.opportunity, o) <= 0) lo = mid + 1;
      else hi = mid;
    }
    rows.splice(lo, 0, openRow(o));
  }
  return rows;
}
