import type { SettlementSource } from '../../../shared/contract';

const WORD = /[\p{L}\p{N}]{3,}/gu;
const COMMON = new Set(['the', 'and', 'for', 'official', 'report', 'index', 'data', 'website', 'market', 'price', 'inc', 'llc', 'www', 'com', 'org', 'gov', 'https', 'http']);

function words(s: SettlementSource): Set<string> {
  const out = new Set<string>();
  for (const m of `${s.name} ${s.url ?? ''}`.toLowerCase().matchAll(WORD)) if (!COMMON.has(m[0])) out.add(m[0]);
  return out;
}

/**
 * "CF Benchmarks / Binance" when two venues' markets name settlement sources with no word in
 * common (one says CF Benchmarks, the other Binance); null when they agree or one names none.
 */
export function sourcesDiffer(markets: readonly { venue: string; sources: readonly SettlementSource[] }[]): string | null {
  const byVenue = new Map<string, SettlementSource[]>();
  for (const m of markets) if (m.sources.length > 0) byVenue.set(m.venue, [...(byVenue.get(m.venue) ?? []), ...m.sources]);
  if (byVenue.size < 2) return null;
  const [a, b] = [...byVenue.values()] as [SettlementSource[], SettlementSource[]];
  const wa = new Set(a.flatMap((s) => [...words(s)]));
  const wb = new Set(b.flatMap((s) => [...words(s)]));
  for (const w of wa) if (wb.has(w)) return null;
  return `${a.map((s) => s.name).join(', ')} / ${b.map((s) => s.name).join(', ')}`;
}
