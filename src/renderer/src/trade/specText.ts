// A contract spec's field in words, for the Links pane and the opportunity detail.
import type { ContractSpec, MarketLink, Opportunity } from '../../../shared/contract';
import { venueName } from '../names/venues';

export function specFieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? 'none stated' : value.join('; ');
  if (value && typeof value === 'object') {
    const v = value as { values?: string[]; unit?: string | null; kind?: string; name?: string; date?: string; start?: string | null };
    if (v.values) return `${v.values.join(' – ')}${v.unit ? ` ${v.unit}` : ''}`;
    if (v.name) return v.name;
    if (v.kind) return [v.kind, v.date ?? v.start ?? ''].join(' ').trim();
  }
  return String(value);
}

const COMPARATOR_WORDS: Record<string, string> = { '>': '> (above)', '>=': '≥ (at or above)', '<': '< (below)', '<=': '≤ (at or below)', between: 'between', exactly: 'exactly' };

/** The comparator with its words: "≥ (at or above)" — the difference from ">" must be unmistakable. */
export function comparatorText(spec: ContractSpec): string {
  return typeof spec.comparator === 'string' ? (COMPARATOR_WORDS[spec.comparator] ?? spec.comparator) : specFieldText(spec.comparator);
}

/** The link a basket's legs rely on: one whose two markets are both among its legs (confirmed or suspended first). */
export function linkOfOpportunity(links: readonly MarketLink[] | undefined, o: Pick<Opportunity, 'legs'>): MarketLink | null {
  if (!links || o.legs.length < 2) return null;
  const markets = new Set<string>(o.legs.map((l) => l.market));
  const onBoth = links.filter((l) => markets.has(l.sides[0].market) && markets.has(l.sides[1].market));
  return onBoth.find((l) => l.status === 'confirmed' || l.status === 'suspended') ?? onBoth[0] ?? null;
}

/** "Kalshi ⇒ Polymarket", "complementary (YES ⇔ NO)", "identical", "different". */
export function relationText(link: Pick<MarketLink, 'relation' | 'sides'>): string {
  const [a, b] = link.sides.map((s) => venueName(s.venue));
  switch (link.relation) {
    case 'complementary':
      return 'complementary (YES ⇔ NO)';
    case 'implies_a_to_b':
      return `${a} ⇒ ${b}`;
    case 'implies_b_to_a':
      return `${b} ⇒ ${a}`;
    default:
      return link.relation;
  }
}
