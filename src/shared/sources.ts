// Whether two venues name the same settlement source for a pair of markets. Kalshi names its
// series' sources ("CF Benchmarks"); Polymarket states one in the rules ("The resolution source
// for this market will be Binance, BTC/USDT"). Sources with no distinctive word in common are
// different sources: the markets can resolve differently even when their titles read the same.
export interface NamedSource {
  name: string;
  url: string | null;
}

const WORD = /[\p{L}\p{N}&]{3,}/gu;
const COMMON = new Set([
  'the', 'and', 'for', 'official', 'officially', 'report', 'reports', 'data', 'website', 'market', 'markets', 'price', 'prices', 'inc',
  'llc', 'ltd', 'www', 'com', 'org', 'gov', 'net', 'https', 'http', 'announcements', 'announcement', 'results', 'published', 'source',
  'sources', 'statement', 'after', 'from', 'this', 'will', 'index', 'real', 'time',
]);

function words(s: NamedSource): Set<string> {
  const out = new Set<string>();
  for (const m of `${s.name} ${s.url ?? ''}`.toLowerCase().matchAll(WORD)) if (!COMMON.has(m[0])) out.add(m[0]);
  return out;
}

/** null: one side names no source (nothing to compare); else whether they share a distinctive word. */
export function sourcesAgree(a: readonly NamedSource[], b: readonly NamedSource[]): boolean | null {
  if (a.length === 0 || b.length === 0) return null;
  const wa = new Set(a.flatMap((s) => [...words(s)]));
  for (const s of b) for (const w of words(s)) if (wa.has(w)) return true;
  return false;
}
