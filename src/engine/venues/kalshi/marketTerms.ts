// A confirmed link's Kalshi markets read afresh for the link watch: `GET /markets?tickers=…`
// (kalshi.openapi.yaml TickersQuery: "Comma-separated list of market tickers"), one read-bucket
// request per 100 markets. The terms are read exactly as discovery reads them (mapping.ts
// toMarketInfo: rules_primary + rules_secondary; contractSpec.ts: the dispute state from
// `status`), so an unchanged market never looks changed.
import type { MarketRef } from '../../../shared/ids';
import type { MarketTerms } from '../venue';
import { kalshiDispute } from './contractSpec';
import { KalshiProtocolError } from './errors';
import { mapMarketStatus, type KalshiMarketJson } from './mapping';
import type { KalshiRest } from './rest';

const PER_REQUEST = 100;

/** The terms of one market object, or null when it has no ticker or an unreadable close time. */
export function kalshiTermsOf(m: KalshiMarketJson): MarketTerms | null {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const ticker = text(m.ticker);
  if (ticker === '') return null;
  let closeTime: number | null = null;
  if (m.close_time !== undefined && m.close_time !== null) {
    closeTime = typeof m.close_time === 'string' ? Date.parse(m.close_time) : NaN;
    if (!Number.isFinite(closeTime)) return null;
  }
  const status = text(m.status);
  return {
    ref: `kalshi:${ticker}` as MarketRef,
    rules: [text(m.rules_primary), text(m.rules_secondary)].filter((s) => s !== '').join('\n\n'),
    closeTime,
    status: mapMarketStatus(m.status),
    dispute: status === '' ? null : kalshiDispute(status),
  };
}

export async function readKalshiTerms(rest: KalshiRest, refs: readonly MarketRef[], signal?: AbortSignal): Promise<MarketTerms[]> {
  const tickers = [...new Set(refs.filter((r) => r.startsWith('kalshi:')).map((r) => r.slice('kalshi:'.length)))];
  const out: MarketTerms[] = [];
  for (let i = 0; i < tickers.length; i += PER_REQUEST) {
    const chunk = tickers.slice(i, i + PER_REQUEST);
    const res = await rest.call(
      `GET /markets?tickers=(${chunk.length})`,
      'read',
      10,
      (r) => rest.market.getMarkets(chunk.length, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, chunk.join(','), undefined, r),
      signal ? { signal } : {},
    );
    const list = (res.data as { markets?: unknown }).markets;
    if (!Array.isArray(list)) throw new KalshiProtocolError('Kalshi GET /markets: no markets list');
    for (const m of list) {
      const terms = typeof m === 'object' && m !== null ? kalshiTermsOf(m as KalshiMarketJson) : null;
      if (terms && chunk.includes(terms.ref.slice('kalshi:'.length))) out.push(terms);
    }
  }
  return out;
}
