// The simulated exchange's state in Polymarket US's JSON shapes: the docs' Market, MarketData,
// Order, Execution, positions and balances (next-venues.md §1.4-1.8; the SDK 0.1.1 types in
// node_modules/polymarket-us/dist/index.d.ts). Prices are `Amount {value, currency: "USD"}`
// YES prices; book quantities 4-decimal strings as observed live ("0.7610", "39587.0000").
import { formatScaled, type Price } from '../../shared/units';
import type { PmUsExchange, SimAccount, SimExecution, SimOrder } from './exchange';
import { centsText } from './fees';
import type { PmUsListing } from './listings';

export const BOOK_DEPTH = 10;
const amount = (p: number) => ({ value: formatScaled(p, 4), currency: 'USD' });
const contracts = (q: number) => Number(formatScaled(q, 2));
const iso = (ms: number) => new Date(ms).toISOString();

export function marketJson(x: PmUsExchange, l: PmUsListing): Record<string, unknown> {
  const settled = x.status(l.slug) === 'settled';
  return {
    id: hashId(l.slug),
    slug: l.slug,
    question: l.question,
    title: l.title,
    description: l.description,
    category: l.category,
    eventSlug: l.eventSlug,
    endDate: iso(l.closeTime),
    active: !settled,
    closed: settled,
    status: settled ? 'MARKET_STATUS_RESOLVED' : 'MARKET_STATUS_OPEN',
    // JSON numbers, as the schema types them.
    orderPriceMinTickSize: Number(formatScaled(l.tick, 4)),
    minimumTradeQty: contracts(l.minimumTradeQty),
    feeCoefficient: Number(l.feeCoefficient),
    marketSides: [
      { identifier: `${l.slug}-long`, description: l.outcome, long: true, tradable: !settled },
      { identifier: `${l.slug}-short`, description: l.outcome === 'Yes' ? 'No' : `Not ${l.outcome}`, long: false, tradable: !settled },
    ],
  };
}

export function marketDataJson(x: PmUsExchange, slug: string, now: number): Record<string, unknown> {
  const settled = x.result(slug);
  const level = (lv: { price: Price; total: number }) => ({ px: amount(lv.price), qty: formatScaled(lv.total * 100, 4) });
  return {
    marketSlug: slug,
    bids: x.levels(slug, 'bid', BOOK_DEPTH).map(level),
    offers: x.levels(slug, 'ask', BOOK_DEPTH).map(level),
    state: settled ? 'MARKET_STATE_EXPIRED' : 'MARKET_STATE_OPEN',
    stats: settled ? { settlementPx: amount(settled.result === 'yes' ? 10_000 : 0) } : {},
    transactTime: iso(now),
  };
}

const INTENT_SIDE = { ORDER_INTENT_BUY_LONG: 'ORDER_SIDE_BUY', ORDER_INTENT_SELL_SHORT: 'ORDER_SIDE_BUY', ORDER_INTENT_SELL_LONG: 'ORDER_SIDE_SELL', ORDER_INTENT_BUY_SHORT: 'ORDER_SIDE_SELL' } as const;

export function orderJson(o: SimOrder): Record<string, unknown> {
  return {
    id: o.id,
    marketSlug: o.slug,
    side: INTENT_SIDE[o.intent],
    type: 'ORDER_TYPE_LIMIT',
    price: amount(o.price),
    quantity: contracts(o.qty),
    cumQuantity: contracts(o.cum),
    leavesQuantity: o.state === 'ORDER_STATE_NEW' || o.state === 'ORDER_STATE_PARTIALLY_FILLED' ? contracts(o.qty - o.cum) : 0,
    tif: o.tif,
    intent: o.intent,
    state: o.state,
    ...(o.cum > 0 ? { avgPx: amount(Math.round(o.notional / o.cum)) } : {}),
    createTime: iso(o.createTime),
    commissionNotionalTotalCollected: { value: centsText(o.commissionCents), currency: 'USD' },
  };
}

export function executionJson(e: SimExecution): Record<string, unknown> {
  return {
    id: e.id,
    order: orderJson(e.order),
    type: e.type,
    transactTime: iso(e.transactTime),
    ...(e.lastShares !== undefined ? { lastShares: formatScaled(e.lastShares, 2) } : {}),
    ...(e.lastPx !== undefined ? { lastPx: amount(e.lastPx) } : {}),
    ...(e.tradeId ? { tradeId: e.tradeId } : {}),
    ...(e.aggressor !== undefined ? { aggressor: e.aggressor } : {}),
    ...(e.commissionCents !== undefined ? { commissionNotionalCollected: { value: centsText(e.commissionCents), currency: 'USD' } } : {}),
    ...(e.orderRejectReason ? { orderRejectReason: e.orderRejectReason } : {}),
    ...(e.text ? { text: e.text } : {}),
  };
}

export function positionsJson(a: SimAccount): Record<string, unknown> {
  const positions: Record<string, unknown> = {};
  for (const [slug, net] of a.positions) {
    if (net === 0) continue;
    const t = a.traded.get(slug) ?? { bought: 0, sold: 0 };
    positions[slug] = {
      netPosition: formatScaled(net, 2).replace(/\.00$/, ''),
      qtyBought: formatScaled(t.bought, 2),
      qtySold: formatScaled(t.sold, 2),
      cost: { value: '0', currency: 'USD' },
      realized: { value: '0', currency: 'USD' },
      bodPosition: '0',
      expired: false,
      qtyAvailable: formatScaled(Math.abs(net), 2),
    };
  }
  return { positions, eof: true };
}

export function balancesJson(a: SimAccount): Record<string, unknown> {
  const dollars = Number(formatScaled(a.cash, 6));
  return { balances: [{ currentBalance: dollars, currency: 'USD', buyingPower: dollars }] };
}

function hashId(slug: string): number {
  let h = 0;
  for (let i = 0; i < slug.length; i++) h = (h * 31 + slug.charCodeAt(i)) >>> 0;
  return h % 1_000_000;
}
