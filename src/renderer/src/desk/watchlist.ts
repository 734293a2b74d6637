import type { Watchlist } from '../../../shared/contract';

export function toggle(list: readonly string[], item: string): string[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

export function sameWatchlist(a: Watchlist, b: Watchlist): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v) => y.includes(v));
  return same(a.categories, b.categories) && same(a.series, b.series);
}
