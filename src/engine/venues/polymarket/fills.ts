// Trades (REST /data/trades and the user channel's `trade` events) → our fills. A trade is ours as
// taker (trader_side TAKER, or our API key as its owner) and/or through the maker orders that are
// ours (our API key or our funding address). Each side gets its own fill: the taker fill keeps the
// trade id, a maker fill is `<trade id>:<maker order id>` with that maker order's own token, side,
// price and size (a mint or merge match fills a maker on the other token).
//
// Status: MATCHED, MINED and RETRYING are provisional (`final: false`); CONFIRMED is final; FAILED
// is final with `failed: true` — the fill did not happen.
//
// Fees are not in the trade: the taker pays rate × size × (p(1−p))^exponent, computed per fill from
// the market's fee schedule and rounded half up to $0.00001 (the venue's fee precision), so the same
// fill always reports the same fee whichever path delivered it. Makers pay nothing when the schedule
// is taker-only. (The simulator rounds once per order; the two can differ by $0.00001 per fill.)
import { marketRef, type Outcome } from '../../../shared/ids';
import { Money } from '../../../shared/money';
import type { VenueFill } from '../venue';
import type { PolyFeeParams } from './gammaParse';
import type { MarketRegistry } from './registry';

export type TradeStatus = 'MATCHED' | 'MINED' | 'RETRYING' | 'CONFIRMED' | 'FAILED';

const STATUS_RANK: Record<TradeStatus, number> = { MATCHED: 0, MINED: 1, RETRYING: 1, CONFIRMED: 2, FAILED: 2 };

export interface FillContext {
  registry: MarketRegistry;
  apiKey: string;
  /** The address holding the funds (funder for proxy/Safe wallets, else the EOA), lower case. */
  makerAddress: string;
  clientOrderIdOf(venueOrderId: string): string | null;
  /** The venue takes a BUY's taker fee in shares: such fills are booked net of fee / price shares. */
  feeInShares?: boolean;
}

export interface MappedFill {
  fill: VenueFill;
  status: TradeStatus;
  /** Higher means further along; a fill never goes back. */
  rank: number;
}

type Obj = Record<string, unknown>;
const DECIMAL = /^\d{1,18}(\.\d{1,6})?$/;

export function tradeStatus(v: unknown): TradeStatus | null {
  if (typeof v !== 'string') return null;
  const s = v.toUpperCase().replace(/^TRADE_STATUS_/, '');
  return s in STATUS_RANK ? (s as TradeStatus) : null;
}

export function statusRank(s: TradeStatus): number {
  return STATUS_RANK[s];
}

/** rate × size × (p(1−p))^e, half up to $0.00001. */
export function polymarketFillFee(fee: PolyFeeParams, size: string, price: string): string {
  const p = new Money(price);
  const w = p.times(new Money(1).minus(p)).pow(fee.exponent);
  return new Money(fee.rate).times(size).times(w).toDecimalPlaces(5, Money.ROUND_HALF_UP).toFixed();
}

/** A BUY of `size` whose fee was taken in shares leaves size − fee / price of them (floored to 10^-6). */
export function netOfFeeShares(size: string, fee: string, price: string): string {
  const p = new Money(price);
  if (p.isZero()) return size;
  const net = new Money(size).minus(new Money(fee).div(p)).toDecimalPlaces(6, Money.ROUND_FLOOR);
  return (net.isNegative() ? new Money(0) : net).toFixed();
}

/**
 * The fee the trade's `fee_rate_bps` (the rate the operator applied, in basis points of the fee
 * rate: 700 = 0.07) gives for this fill, for reconciliation; nothing when the trade carries none.
 */
function reportedFeeOf(bps: unknown, exponent: number, size: string, price: string): { reportedFee?: string } {
  const text = typeof bps === 'number' ? String(bps) : bps;
  if (typeof text !== 'string' || !/^\d{1,6}(\.\d{1,4})?$/.test(text)) return {};
  return { reportedFee: polymarketFillFee({ rate: new Money(text).div(10_000).toFixed(), exponent, takerOnly: true }, size, price) };
}

function feeParamsFor(ctx: FillContext, conditionId: string, t: Obj): PolyFeeParams | null {
  const market = ctx.registry.get(conditionId);
  if (market) return market.fee;
  const bps = typeof t.fee_rate_bps === 'string' || typeof t.fee_rate_bps === 'number' ? String(t.fee_rate_bps) : null;
  if (bps !== null && /^\d{1,6}$/.test(bps)) return { rate: new Money(bps).div(10_000).toFixed(), exponent: 1, takerOnly: true };
  return null;
}

function outcomeOf(ctx: FillContext, assetId: string, label: unknown): Outcome | null {
  const found = ctx.registry.byToken(assetId);
  if (found) return found.outcome;
  if (typeof label === 'string') {
    const l = label.trim().toLowerCase();
    if (l === 'yes' || l === 'no') return l;
  }
  return null;
}

/**
 * A venue time in wall ms: Unix seconds or ms, as a number or a numeric string (the user channel's
 * `matchtime: "1672290701"`), or an ISO 8601 string (REST trades' `match_time:
 * "2024-01-01T00:00:00Z"`, nautilus_trader test_data/http_trade_report.json).
 */
export function venueTime(v: unknown): number | null {
  if (typeof v === 'number' || (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()))) {
    const n = Number(v);
    if (Number.isFinite(n) && n > 0) return n > 1e12 ? n : n * 1000;
    return null;
  }
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[T ]/.test(v.trim())) {
    const t = Date.parse(v.trim());
    return Number.isFinite(t) && t > 0 ? t : null;
  }
  return null;
}

function timeOf(t: Obj): number | null {
  for (const k of ['match_time', 'matchtime', 'timestamp', 'last_update']) {
    const at = venueTime(t[k]);
    if (at !== null) return at;
  }
  return null;
}

/**
 * Our fills in one trade. `problem` names the first field that could not be read (the trade is then
 * skipped as a whole: a half-read trade must not reach the ledger).
 */
export function fillsFromTrade(raw: unknown, ctx: FillContext): { fills: MappedFill[]; problem: string | null } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { fills: [], problem: 'trade is not an object' };
  const t = raw as Obj;
  const id = typeof t.id === 'string' && t.id !== '' ? t.id : null;
  if (id === null) return { fills: [], problem: 'trade id is missing' };
  const bad = (field: string) => ({ fills: [], problem: `trade ${id}: ${field}` });
  const status = tradeStatus(t.status);
  if (status === null) return bad(`status ${JSON.stringify(t.status)} is not a trade status`);
  if (typeof t.market !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(t.market)) return bad('market is not a condition id');
  const at = timeOf(t);
  if (at === null) return bad('match_time is missing');
  const final = status === 'CONFIRMED' || status === 'FAILED';
  const failed = status === 'FAILED';
  const rank = STATUS_RANK[status];
  const market = marketRef('polymarket', t.market);
  const fee = feeParamsFor(ctx, t.market, t);
  const out: MappedFill[] = [];
  const us = ctx.makerAddress;

  const takerIsUs = t.trader_side === 'TAKER' || (t.trader_side === undefined && t.owner === ctx.apiKey);
  if (takerIsUs) {
    const orderId = typeof t.taker_order_id === 'string' ? t.taker_order_id : null;
    if (orderId === null) return bad('taker_order_id is missing');
    if (typeof t.asset_id !== 'string') return bad('asset_id is missing');
    if (t.side !== 'BUY' && t.side !== 'SELL') return bad(`side ${JSON.stringify(t.side)}`);
    if (typeof t.size !== 'string' || !DECIMAL.test(t.size)) return bad(`size ${JSON.stringify(t.size)}`);
    if (typeof t.price !== 'string' || !DECIMAL.test(t.price)) return bad(`price ${JSON.stringify(t.price)}`);
    const outcome = outcomeOf(ctx, t.asset_id, t.outcome);
    if (outcome === null) return bad(`asset ${t.asset_id} is not a known YES/NO token`);
    if (fee === null) return bad('no fee schedule for this market');
    const takerFee = polymarketFillFee(fee, t.size, t.price);
    out.push({
      status,
      rank,
      fill: {
        fillId: id,
        venueOrderId: orderId,
        clientOrderId: ctx.clientOrderIdOf(orderId),
        market,
        outcome,
        side: t.side === 'BUY' ? 'buy' : 'sell',
        price: t.price,
        qty: ctx.feeInShares && t.side === 'BUY' ? netOfFeeShares(t.size, takerFee, t.price) : t.size,
        fee: takerFee,
        ...reportedFeeOf(t.fee_rate_bps, fee.exponent, t.size, t.price),
        at,
        final,
        liquidity: 'taker',
        ...(failed ? { failed: true } : {}),
      },
    });
  }

  const makers = Array.isArray(t.maker_orders) ? t.maker_orders : [];
  for (let i = 0; i < makers.length; i++) {
    const m = makers[i] as Obj | null;
    if (typeof m !== 'object' || m === null) return bad(`maker_orders[${i}] is not an object`);
    const mine = m.owner === ctx.apiKey || (typeof m.maker_address === 'string' && m.maker_address.toLowerCase() === us);
    if (!mine) continue;
    const where = `maker_orders[${i}]`;
    if (typeof m.order_id !== 'string' || m.order_id === '') return bad(`${where}.order_id is missing`);
    if (typeof m.asset_id !== 'string') return bad(`${where}.asset_id is missing`);
    if (m.side !== 'BUY' && m.side !== 'SELL') return bad(`${where}.side ${JSON.stringify(m.side)}`);
    if (typeof m.matched_amount !== 'string' || !DECIMAL.test(m.matched_amount)) return bad(`${where}.matched_amount ${JSON.stringify(m.matched_amount)}`);
    if (typeof m.price !== 'string' || !DECIMAL.test(m.price)) return bad(`${where}.price ${JSON.stringify(m.price)}`);
    const outcome = outcomeOf(ctx, m.asset_id, m.outcome);
    if (outcome === null) return bad(`${where}: asset ${m.asset_id} is not a known YES/NO token`);
    out.push({
      status,
      rank,
      fill: {
        fillId: `${id}:${m.order_id}`,
        venueOrderId: m.order_id,
        clientOrderId: ctx.clientOrderIdOf(m.order_id),
        market,
        outcome,
        side: m.side === 'BUY' ? 'buy' : 'sell',
        price: m.price,
        qty: m.matched_amount,
        fee: fee === null || fee.takerOnly ? '0' : polymarketFillFee(fee, m.matched_amount, m.price),
        at,
        final,
        liquidity: 'maker',
        ...(failed ? { failed: true } : {}),
      },
    });
  }
  return { fills: out, problem: null };
}
