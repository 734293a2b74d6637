import type { SettlementSource } from '../../../shared/contract';
import { sourcesAgree } from '../../../shared/sources';

/**
 * "CF Benchmarks / Binance" when two venues' markets name settlement sources with nothing in
 * common; null when they agree or a side names none.
 */
export function sourcesDiffer(markets: readonly { venue: string; sources: readonly SettlementSource[] }[]): string | null {
  const byVenue = new Map<string, SettlementSource[]>();
  for (const m of markets) if (m.sources.length > 0) byVenue.set(m.venue, [...(byVenue.get(m.venue) ?? []), ...m.sources]);
  if (byVenue.size < 2) return null;
  const [a, b] = [...byVenue.values()] as [SettlementSource[], SettlementSource[]];
  return sourcesAgree(a, b) === false ? `${a.map((s) => s.name).join(', ')} / ${b.map((s) => s.name).join(', ')}` : null;
}
