// Polymarket US discovery over the public gateway: `GET /v1/markets?active=true&closed=false`, paged
// by `limit`/`offset`, answered `{"markets": [Market]}` (docs markets/get-markets.md). The fields read
// are the docs' Market schema: `slug`, `question`, `description`, `eventSlug`, `category`, `endDate`,
// `status`/`active`/`closed`, `orderPriceMinTickSize`, `minimumTradeQty`, `feeCoefficient`,
// `marketSides[]` (`long`, `description`). SDK 0.1.1's `MarketDetail` type omits most of them; the
// JSON it returns carries them. A market whose tick, minimum or fee cannot be read is skipped and
// logged, never guessed. Exclusive sets are not claimed: the gateway does not say an event's
// markets are mutually exclusive (README.md). Offset paging over a list that changes meanwhile
// can show a market on two pages: it is kept once.
import type { MarketRef } from '../../../shared/ids';
import { parsePrice, parseQty, type Price, type Qty } from '../../../shared/units';
import type { Discovery, MarketInfo, MarketStatus } from '../venue';
import { PM_US } from './manifest';
import type { RetryPolicy } from './requestGate';

export const MARKETS_PAGE = 100;
const MAX_PAGES = 200;

/**
 * A discovery page is a GET: a 429, a server error, a timeout (the SDK's 408) or no answer at all
 * (its status 0) is worth asking again. The public gateway allows 20 requests a second per IP
 * (next-venues.md §1.10, docs api-reference/rate-limits.md); the connector paces pages under it.
 */
export const DISCOVERY_PAGE_RETRIES: RetryPolicy = { attempts: 5, alsoRetry: [0, 408, 500, 502, 503, 504] };

export interface GatewayMarket {
  slug?: unknown;
  question?: unknown;
  title?: unknown;
  description?: unknown;
  eventSlug?: unknown;
  category?: unknown;
  endDate?: unknown;
  status?: unknown;
  active?: unknown;
  closed?: unknown;
  orderPriceMinTickSize?: unknown;
  minimumTradeQty?: unknown;
  feeCoefficient?: unknown;
  marketSides?: unknown;
}

/** A JSON number or string as its decimal text (a JSON number prints back as it was written). */
function decimal(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return String(value);
  return typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? value.trim() : null;
}

function statusOf(m: GatewayMarket): MarketStatus {
  switch (m.status) {
    case 'MARKET_STATUS_OPEN': return 'open';
    case 'MARKET_STATUS_HALTED': return 'paused';
    case 'MARKET_STATUS_RESOLVED': return 'settled';
    case 'MARKET_STATUS_CLOSED':
    case 'MARKET_STATUS_RESOLVING': return 'closed';
    // "treat unrecognized values as MARKET_STATUS_UNSPECIFIED": go by the flags.
    default: return m.closed === true ? 'closed' : m.active === true ? 'open' : 'closed';
  }
}

/** One gateway market as the engine's MarketInfo, or why it cannot be traded. */
export function readGatewayMarket(m: GatewayMarket): MarketInfo | string {
  if (typeof m.slug !== 'string' || m.slug.length === 0) return 'slug is missing';
  const tickText = decimal(m.orderPriceMinTickSize);
  const tick = tickText === null ? null : parsePrice(tickText);
  if (!tick || !tick.ok || tick.value <= 0) return `${m.slug}: orderPriceMinTickSize ${String(m.orderPriceMinTickSize)} is not a price step of $0.0001 or coarser`;
  const minText = decimal(m.minimumTradeQty);
  const min = minText === null ? null : parseQty(minText);
  if (!min || !min.ok || min.value <= 0) return `${m.slug}: minimumTradeQty ${String(m.minimumTradeQty)} is not a quantity in hundredths`;
  const fee = decimal(m.feeCoefficient);
  if (fee === null) return `${m.slug}: feeCoefficient ${String(m.feeCoefficient)} is not a decimal`;
  const question = typeof m.question === 'string' && m.question ? m.question : typeof m.title === 'string' ? m.title : m.slug;
  const sides = Array.isArray(m.marketSides) ? (m.marketSides as { long?: unknown; description?: unknown }[]) : [];
  const long = sides.find((s) => s && s.long === true && typeof s.description === 'string');
  const event = typeof m.eventSlug === 'string' && m.eventSlug ? m.eventSlug : m.slug;
  const close = typeof m.endDate === 'string' ? Date.parse(m.endDate) : NaN;
  return {
    ref: `${PM_US}:${m.slug}` as MarketRef,
    venue: PM_US,
    id: m.slug,
    title: question,
    rules: typeof m.description === 'string' ? m.description : '',
    eventId: event,
    eventTitle: typeof m.title === 'string' && m.title ? m.title : question,
    seriesId: event,
    category: typeof m.category === 'string' ? m.category : '',
    status: statusOf(m),
    closeTime: Number.isFinite(close) ? close : null,
    fee: { feeCoefficient: fee },
    tickSize: tick.value as Price,
    // Below one contract, the minimum is also the step (orderRules.ts).
    minOrderSize: min.value as Qty,
    ...(long ? { outcomeLabel: long.description as string } : {}),
  } satisfies MarketInfo;
}

export type MarketsPage = (offset: number, limit: number) => Promise<unknown>;

/** Every active market, page by page; unreadable ones are logged and left out. */
export async function discoverPmUs(page: MarketsPage, log: (m: string) => void, pageSize = MARKETS_PAGE): Promise<Discovery> {
  const markets: MarketInfo[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < MAX_PAGES; i++) {
    const body = (await page(i * pageSize, pageSize)) as { markets?: unknown } | null;
    const list = body && Array.isArray(body.markets) ? (body.markets as GatewayMarket[]) : null;
    if (list === null) throw new Error('Polymarket US markets: the response has no "markets" array');
    for (const m of list) {
      const info = readGatewayMarket(typeof m === 'object' && m !== null ? m : {});
      if (typeof info === 'string') log(`Polymarket US market skipped: ${info}`);
      else if (!seen.has(info.id)) {
        seen.add(info.id);
        markets.push(info);
      }
    }
    if (list.length < pageSize) break;
  }
  return { markets, exclusiveSets: [], implications: [] };
}

