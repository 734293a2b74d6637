import type { LinkSide, MarketLink } from '../../../shared/contract';
import { sourcesDiffer } from '../trade/equivalence';

export type LinkStatus = MarketLink['status'];

/** A link matches the search when every word is in its names, titles, ids, rules or sources. */
export function linkMatches(link: MarketLink, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const side = (s: LinkSide) => `${s.name ?? ''} ${s.title} ${s.market} ${s.rules} ${(s.sources ?? []).map((x) => x.name).join(' ')}`;
  const text = `${link.sides.map(side).join(' ')} ${link.reasons.join(' ')}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The venues name different settlement sources for the two sides ("CF Benchmarks / Binance"), or null. */
export function linkSourcesDiffer(link: MarketLink): string | null {
  return sourcesDiffer(link.sides.map((s) => ({ venue: s.venue, sources: s.sources ?? [] })));
}

/** Green only for a close match with nothing against it; amber or red otherwise. */
export function scoreTone(link: MarketLink): 'high' | 'mid' | 'low' {
  const score = Math.round(link.score * 100);
  if (score < 60) return 'low';
  return score >= 85 && linkSourcesDiffer(link) === null && link.conflicts.length === 0 ? 'high' : 'mid';
}
