// Polymarket US's settlement reader. Two sources, both read here:
// - the market-data ladder of a market whose state is EXPIRED or TERMINATED and whose
//   `stats.settlementPx` is 1 or 0 (MarketStats has `settlementPx`: docs markets/get-market-book.md;
//   that the socket carries it at expiry is UNVERIFIED, README.md);
// - `GET /v1/markets/{slug}/settlement` (gateway): `{marketSlug, settlementPrice: Amount, settledAt}`
//   in the SDK 0.1.1 types (dist/index.d.ts `MarketSettlement`), `{slug, settlement: number}` by
//   the SDK 2.0.0 README's migration note. Both shapes are read.
// One instrument per market (YES): a settlement price of 1 is YES, 0 is NO; anything else is not a
// resolution this reader understands.
import type { MarketRef, Outcome } from '../../../shared/ids';
import type { Resolution } from '../contribution';
import { PM_US } from './manifest';

const SETTLED_STATES = new Set(['MARKET_STATE_EXPIRED', 'MARKET_STATE_TERMINATED']);

function outcomeOf(price: unknown): Outcome | null {
  const text = typeof price === 'object' && price !== null ? (price as { value?: unknown }).value : price;
  const s = typeof text === 'number' ? String(text) : text;
  if (typeof s !== 'string' || !/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return n === 1 ? 'yes' : n === 0 ? 'no' : null;
}

function timeOf(text: unknown, fallback: number): number {
  const t = typeof text === 'string' ? Date.parse(text) : NaN;
  return Number.isFinite(t) ? t : fallback;
}

/** A resolution from a markets-socket `marketData` body, or null. */
export function readPmUsResolution(body: unknown, now: number): Resolution | null {
  const b = body as { marketSlug?: unknown; state?: unknown; stats?: { settlementPx?: unknown } | null; transactTime?: unknown };
  if (typeof b.marketSlug !== 'string' || typeof b.state !== 'string' || !SETTLED_STATES.has(b.state)) return null;
  const result = outcomeOf(b.stats?.settlementPx);
  if (result === null) return null;
  return { venue: PM_US, market: `${PM_US}:${b.marketSlug}` as MarketRef, result, settledAt: timeOf(b.transactTime, now), source: 'polymarket-us marketData settlementPx' };
}

/** A resolution from the gateway's settlement endpoint for `slug`, or null when it names none. */
export function readPmUsSettlement(slug: string, json: unknown, now: number): Resolution | null {
  const j = json as { settlementPrice?: unknown; settlement?: unknown; settledAt?: unknown } | null;
  if (typeof j !== 'object' || j === null) return null;
  const result = outcomeOf(j.settlementPrice ?? j.settlement);
  if (result === null) return null;
  return { venue: PM_US, market: `${PM_US}:${slug}` as MarketRef, result, settledAt: timeOf(j.settledAt, now), source: 'polymarket-us settlement endpoint' };
}
