// Strike ladders: in one event, "above 110,000" resolving YES means "above 100,000" does too. The
// implications come from the markets' own strikes (MarketInfo.strike, listed by venues that have
// ladders), so they hold whatever the connector reports about relations.
import type { MarketRef } from '../../shared/ids';
import type { Implication, MarketInfo } from '../venues/venue';

const ABOVE = new Set(['greater', 'greater_or_equal']);
const BELOW = new Set(['less', 'less_or_equal']);

function strikeOf(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^-?\d+(\.\d+)?$/.test(text.trim())) return null;
  return Number(text);
}

/**
 * Implications along every ladder of markets sharing an event: for "above" strikes a
 * higher strike implies the lower one; for "below" strikes a lower one implies the higher one.
 * Markets of mixed or two-sided ("between") strikes form no ladder.
 */
export function ladderImplications(markets: readonly MarketInfo[]): Implication[] {
  const byEvent = new Map<string, { above: [number, MarketRef][]; below: [number, MarketRef][] }>();
  for (const m of markets) {
    if (!m.strike) continue;
    const key = `${m.venue}:${m.eventId}`;
    const group = byEvent.get(key) ?? byEvent.set(key, { above: [], below: [] }).get(key)!;
    const floor = strikeOf(m.strike.floor);
    const cap = strikeOf(m.strike.cap);
    if (ABOVE.has(m.strike.type) && floor !== null && cap === null) group.above.push([floor, m.ref]);
    else if (BELOW.has(m.strike.type) && cap !== null && floor === null) group.below.push([cap, m.ref]);
  }
  const out: Implication[] = [];
  for (const { above, below } of byEvent.values()) {
    above.sort((a, b) => a[0] - b[0]);
    for (let i = 0; i + 1 < above.length; i++) if (above[i + 1]![0] > above[i]![0]) out.push({ if: above[i + 1]![1], then: above[i]![1] });
    below.sort((a, b) => a[0] - b[0]);
    for (let i = 0; i + 1 < below.length; i++) if (below[i + 1]![0] > below[i]![0]) out.push({ if: below[i]![1], then: below[i + 1]![1] });
  }
  return out;
}
