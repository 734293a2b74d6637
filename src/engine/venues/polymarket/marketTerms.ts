// A confirmed link's Polymarket markets read afresh for the link watch: Gamma
// `GET /markets?condition_ids=…` (polymarket-gamma.openapi.yaml listMarkets: `condition_ids`, an
// array query parameter, sent repeated), 50 markets a request. Read exactly as discovery reads
// them (discovery.ts toMarketInfo: `description`, else the event's; statusOf; endDate), so an
// unchanged market never looks changed. The dispute state is `umaResolutionStatus`, else the last
// of `umaResolutionStatuses` (gammaParse.ts): both fields are in the Gamma OpenAPI as plain
// strings; their values ("proposed", "disputed", "resolved") are known from live captures only.
import type { MarketRef } from '../../../shared/ids';
import type { MarketTerms } from '../venue';
import { umaDispute } from './contractSpec';
import { statusOf } from './discovery';
import type { GammaClient } from './gamma';
import { parseMarket } from './gammaParse';

const PER_REQUEST = 50;

/** One Gamma market object's terms; null when it cannot be read, or its rules text is only on the event (not in this payload). */
export function polymarketTermsOf(raw: unknown): MarketTerms | null {
  const parsed = parseMarket(raw, false);
  if (!parsed.ok) return null;
  const m = parsed.value;
  const events = (raw as { events?: unknown }).events;
  const eventDescription = Array.isArray(events) && typeof (events[0] as { description?: unknown } | undefined)?.description === 'string' ? (events[0] as { description: string }).description : '';
  const rules = m.description || eventDescription;
  if (rules === '') return null;
  return { ref: `polymarket:${m.conditionId}` as MarketRef, rules, closeTime: m.endTime, status: statusOf(m), dispute: umaDispute(m.umaStatus ?? null) };
}

export async function readPolymarketTerms(gamma: GammaClient, refs: readonly MarketRef[], signal?: AbortSignal): Promise<MarketTerms[]> {
  const ids = [...new Set(refs.filter((r) => r.startsWith('polymarket:')).map((r) => r.slice('polymarket:'.length)))];
  const out: MarketTerms[] = [];
  for (let i = 0; i < ids.length; i += PER_REQUEST) {
    const chunk = ids.slice(i, i + PER_REQUEST);
    const wanted = new Set(chunk.map((c) => c.toLowerCase()));
    for (const raw of await gamma.marketsByCondition(chunk, signal)) {
      const terms = polymarketTermsOf(raw);
      if (terms && wanted.has(terms.ref.slice('polymarket:'.length).toLowerCase())) out.push(terms);
    }
  }
  return out;
}
