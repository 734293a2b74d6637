// Relations between Kalshi markets that the venue's own data proves.
//
// Exclusive sets: a `mutually_exclusive` event's markets ("only one market in this event can
// resolve to yes", openapi EventData). The API promises *at most* one, never exactly one, so a
// set is reported `exhaustive: false`: buying every YES of a set pays $1 only if one of them
// wins, and nothing in the data says an unlisted outcome cannot. Exhaustiveness has to come from
// the trader (or another source), not from this connector.
//
// Strike ladders, within one event that is not mutually exclusive (same underlying, same date):
//   - `greater` / `greater_or_equal` markets ("above the floor strike"): a higher floor implies
//     every lower floor of the same strike type;
//   - `less` / `less_or_equal` markets ("below the cap strike"): a lower cap implies every
//     higher cap of the same strike type.
// Every implied pair is listed (not only neighbours), so a ladder of n strikes gives n(n−1)/2
// implications. Markets of different strike types, equal strikes, `between` buckets and
// functional/custom strikes imply nothing here.
import Decimal from 'decimal.js';
import type { MarketRef } from '../../../shared/ids';
import type { ExclusiveSet, Implication, MarketInfo } from '../venue';

export interface EventGroup {
  eventId: string;
  mutuallyExclusive: boolean;
  markets: readonly MarketInfo[];
}

export function exclusiveSets(events: readonly EventGroup[]): ExclusiveSet[] {
  const out: ExclusiveSet[] = [];
  for (const e of events) {
    if (!e.mutuallyExclusive || e.markets.length < 2) continue;
    out.push({ id: `kalshi:${e.eventId}`, members: e.markets.map((m) => m.ref), exhaustive: false });
  }
  return out;
}

const ABOVE = new Set(['greater', 'greater_or_equal']);
const BELOW = new Set(['less', 'less_or_equal']);

export function ladderImplications(events: readonly EventGroup[]): Implication[] {
  const out: Implication[] = [];
  for (const e of events) {
    if (e.mutuallyExclusive) continue;
    const byType = new Map<string, { ref: MarketRef; strike: Decimal }[]>();
    for (const m of e.markets) {
      const type = m.strike?.type;
      if (!type || (!ABOVE.has(type) && !BELOW.has(type))) continue;
      const raw = ABOVE.has(type) ? m.strike!.floor : m.strike!.cap;
      if (raw === null || raw === undefined) continue;
      const list = byType.get(type) ?? [];
      list.push({ ref: m.ref, strike: new Decimal(raw) });
      byType.set(type, list);
    }
    for (const [type, list] of byType) {
      list.sort((a, b) => a.strike.comparedTo(b.strike));
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const low = list[i]!;
          const high = list[j]!;
          if (!high.strike.greaterThan(low.strike)) continue;
          // Above a higher strike ⇒ above a lower one; below a lower strike ⇒ below a higher one.
          out.push(ABOVE.has(type) ? { if: high.ref, then: low.ref } : { if: low.ref, then: high.ref });
        }
      }
    }
  }
  return out;
}
