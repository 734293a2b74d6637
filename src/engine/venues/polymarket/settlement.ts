// Polymarket's settlement reader: `market_resolved` events of the market channel (one event or an
// array). The winner is the winning token when the decoder knows it, else `winning_outcome`.
import type { MarketRef, Outcome } from '../../../shared/ids';
import type { Resolution } from '../contribution';
import { POLYMARKET } from './manifest';

type TokenLookup = (tokenId: string) => { book: { ref: MarketRef }; outcome: Outcome } | undefined;

const NONE: Resolution[] = [];

/** Every resolution in a message; the shared empty array (never to be changed) for the common case of none. */
export function readPolymarketResolutions(data: unknown, now: number, tokenOf: TokenLookup): Resolution[] {
  if (!Array.isArray(data)) {
    const one = readOne(data, now, tokenOf);
    return one === null ? NONE : [one];
  }
  let out: Resolution[] | null = null;
  for (const e of data) {
    const one = readOne(e, now, tokenOf);
    if (one !== null) (out ??= []).push(one);
  }
  return out ?? NONE;
}

function readOne(data: unknown, now: number, tokenOf: TokenLookup): Resolution | null {
  const e = data as { event_type?: unknown; market?: unknown; winning_asset_id?: unknown; winning_outcome?: unknown; timestamp?: unknown } | null;
  if (typeof e !== 'object' || e === null || e.event_type !== 'market_resolved') return null;
  let market: MarketRef | null = typeof e.market === 'string' && e.market.length > 0 ? `${POLYMARKET}:${e.market}` : null;
  let result: Outcome | null = null;
  if (typeof e.winning_asset_id === 'string') {
    const token = tokenOf(e.winning_asset_id);
    if (token && (market === null || token.book.ref === market)) {
      market = token.book.ref;
      result = token.outcome;
    }
  }
  if (result === null && typeof e.winning_outcome === 'string') {
    const w = e.winning_outcome.trim().toLowerCase();
    if (w === 'yes' || w === 'no') result = w;
  }
  if (market === null || result === null) return null;
  const ts = typeof e.timestamp === 'string' && /^\d{10,13}$/.test(e.timestamp) ? Number(e.timestamp) : null;
  const settledAt = ts === null ? now : ts < 1e12 ? ts * 1000 : ts;
  return { venue: POLYMARKET, market, result, settledAt, source: 'polymarket market_resolved' };
}
