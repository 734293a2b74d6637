// Read-only views of the simulator's own truth, for tests and the chaos run: books, every fill
// and trade per account, orders, positions and balances, plus the world's ground truth (which
// markets are equivalent, exclusive or implied, and every dislocation it opened). Values are
// exact decimal strings in the venues' own notation, never floats.
import { formatScaled, type Micros, type Qty } from '../shared/units';
import { kalshiCount, kalshiDollars, polyAmount, polyPrice } from './core/format';
import type { KalshiExchange } from './kalshi/exchange';
import type { KalshiAccount } from './kalshi/types';
import type { PolymarketExchange } from './polymarket/exchange';
import type { PolyAccount } from './polymarket/types';
import { tokenBook } from './polymarket/wire';
import type { OrderArrival } from './orderArrivals';
import type { Relations } from './world/types';
import type { DislocationRecord, World } from './world/world';

/** [price, size] decimal strings, best first. */
export type LevelView = [string, string];

export interface KalshiOrderView {
  orderId: string;
  clientOrderId: string;
  ticker: string;
  side: 'bid' | 'ask';
  price: string;
  initialCount: string;
  fillCount: string;
  remainingCount: string;
  status: 'resting' | 'canceled' | 'executed';
  timeInForce: string;
  takerFees: string;
  makerFees: string;
}

export interface KalshiFillView {
  fillId: string;
  tradeId: string;
  orderId: string;
  clientOrderId: string;
  ticker: string;
  side: 'bid' | 'ask';
  count: string;
  yesPrice: string;
  isTaker: boolean;
  fee: string;
  ts: number;
}

export interface PolyOrderView {
  id: string;
  market: string;
  assetId: string;
  outcome: 'yes' | 'no';
  side: 'BUY' | 'SELL';
  price: string;
  originalSize: string;
  sizeMatched: string;
  status: string;
  orderType: string;
}

export interface PolyTradeView {
  id: string;
  takerOrderId: string;
  makerOrderId: string;
  market: string;
  assetId: string;
  side: 'BUY' | 'SELL';
  size: string;
  price: string;
  fee: string;
  status: string;
  /** Whether the viewing account was the taker. */
  taker: boolean;
  transactionHash: string;
  matchTime: number;
}

export interface SimTruth {
  relations(): Relations;
  dislocations(): readonly DislocationRecord[];
  /** The world's current probability of a proposition (a model value, for diagnostics). */
  fair(propositionId: string): number;
  /** Every group and where each of its propositions is listed. */
  catalog(): { groups: { id: string; kind: string; title: string; propositions: { id: string; label: string; kalshi: string | null; polymarket: string | null }[] }[] };
  kalshi: {
    userIds(): string[];
    book(ticker: string): { yes: LevelView[]; no: LevelView[] };
    market(ticker: string): { status: string; result: string } | undefined;
    fills(userId?: string): KalshiFillView[];
    orders(userId?: string): KalshiOrderView[];
    restingOrders(userId?: string): KalshiOrderView[];
    positions(userId?: string): { ticker: string; position: string; cost: string; realizedPnl: string; feesPaid: string }[];
    balance(userId?: string): string;
    /** Order requests received (any account, accepted or refused) with from < at ≤ to, wall ms. */
    orderArrivals(from: number, to: number): OrderArrival[];
  };
  polymarket: {
    addresses(): string[];
    /** The token's book: bids and asks best first. */
    book(tokenId: string): { bids: LevelView[]; asks: LevelView[] };
    market(conditionId: string): { acceptingOrders: boolean; closed: boolean; winner: string | null; tick: string } | undefined;
    trades(address?: string): PolyTradeView[];
    orders(address?: string): PolyOrderView[];
    restingOrders(address?: string): PolyOrderView[];
    balances(address?: string): { collateral: string; allowance: string | null; tokens: Record<string, string> };
    /** Order requests received (any wallet, accepted or refused) with from < at ≤ to, wall ms. */
    orderArrivals(from: number, to: number): OrderArrival[];
  };
}

const dollars6 = (m: number) => formatScaled(m, 6);

export function createTruth(world: World, kalshi: KalshiExchange, poly: PolymarketExchange, defaults: { kalshiUserId: string; polymarketAddress: string }): SimTruth {
  const kAccount = (userId = defaults.kalshiUserId): KalshiAccount => {
    const a = kalshi.accounts.get(userId);
    if (!a) throw new Error(`no Kalshi account ${userId}`);
    return a;
  };
  const pAccount = (address = defaults.polymarketAddress): PolyAccount | undefined => poly.accounts.get(address.toLowerCase());
  const kOrder = (o: KalshiAccount['orders'] extends Map<string, infer O> ? O : never): KalshiOrderView => ({
    orderId: o.orderId,
    clientOrderId: o.clientOrderId,
    ticker: o.ticker,
    side: o.bookSide,
    price: kalshiDollars(o.price),
    initialCount: kalshiCount(o.initial),
    fillCount: kalshiCount(o.filled),
    remainingCount: kalshiCount(o.remaining),
    status: o.status,
    timeInForce: o.timeInForce,
    takerFees: dollars6(o.takerFees),
    makerFees: dollars6(o.makerFees),
  });
  const pOrder = (o: PolyAccount['orders'] extends Map<string, infer O> ? O : never): PolyOrderView => ({
    id: o.id,
    market: o.market,
    assetId: o.assetId,
    outcome: o.outcome,
    side: o.side,
    price: polyPrice(o.price),
    originalSize: polyAmount(o.originalSize),
    sizeMatched: polyAmount(o.sizeMatched),
    status: o.status,
    orderType: o.orderType,
  });

  return {
    relations: () => world.universe.relations,
    dislocations: () => world.dislocations(),
    fair: (pid) => world.fair(pid),
    catalog: () => ({
      groups: world.universe.groups.map((g) => ({
        id: g.id,
        kind: g.kind,
        title: g.title,
        propositions: g.propositions.map((p) => ({
          id: p.id,
          label: p.label,
          kalshi: world.universe.kalshi.markets.find((m) => m.propositionId === p.id)?.ticker ?? null,
          polymarket: world.universe.polymarket.markets.find((m) => m.propositionId === p.id)?.conditionId ?? null,
        })),
      })),
    }),
    kalshi: {
      userIds: () => [...kalshi.accounts.keys()],
      book(ticker) {
        const m = kalshi.markets.get(ticker);
        if (!m) throw new Error(`no Kalshi market ${ticker}`);
        return {
          yes: m.book.levels('bid').map((l) => [kalshiDollars(l.price), kalshiCount(l.total as Qty)]),
          no: m.book.levels('ask').map((l) => [kalshiDollars((10_000 - l.price) as typeof l.price), kalshiCount(l.total as Qty)]),
        };
      },
      market: (ticker) => {
        const m = kalshi.markets.get(ticker);
        return m && { status: m.status, result: m.result };
      },
      fills: (userId) =>
        kAccount(userId).fills.map((f) => ({
          fillId: f.fillId,
          tradeId: f.tradeId,
          orderId: f.orderId,
          clientOrderId: f.clientOrderId,
          ticker: f.ticker,
          side: f.bookSide,
          count: kalshiCount(f.count),
          yesPrice: kalshiDollars(f.yesPrice),
          isTaker: f.isTaker,
          fee: dollars6(f.fee),
          ts: f.ts,
        })),
      orders: (userId) => [...kAccount(userId).orders.values()].map(kOrder),
      restingOrders: (userId) => [...kAccount(userId).orders.values()].filter((o) => o.status === 'resting').map(kOrder),
      orderArrivals: (from, to) => kalshi.arrivals.between(from, to),
      positions: (userId) =>
        [...kAccount(userId).positions.values()].map((p) => ({
          ticker: p.ticker,
          position: kalshiCount(p.position),
          cost: dollars6(p.cost),
          realizedPnl: dollars6(p.realizedPnl),
          feesPaid: dollars6(p.feesPaid),
        })),
      balance: (userId) => dollars6(kAccount(userId).balance as Micros),
    },
    polymarket: {
      addresses: () => [...poly.accounts.values()].map((a) => a.address),
      book(tokenId) {
        const t = poly.tokens.get(tokenId);
        if (!t) throw new Error(`no Polymarket token ${tokenId}`);
        const b = tokenBook(t.market, t.outcome);
        return { bids: b.bids.map((l) => [polyPrice(l.price), polyAmount(l.total)]), asks: b.asks.map((l) => [polyPrice(l.price), polyAmount(l.total)]) };
      },
      market: (conditionId) => {
        const m = poly.markets.get(conditionId);
        return m && { acceptingOrders: m.acceptingOrders, closed: m.closed, winner: m.winner, tick: polyPrice(m.tick) };
      },
      trades: (address) => {
        const a = pAccount(address);
        if (!a) return [];
        return a.trades.map((t) => {
          const taker = t.takerAddress.toLowerCase() === a.address.toLowerCase();
          return {
            id: t.id,
            takerOrderId: t.takerOrderId,
            makerOrderId: t.maker.orderId,
            market: t.market,
            assetId: taker ? t.assetId : t.maker.assetId,
            side: taker ? t.side : t.maker.side,
            size: polyAmount(t.size),
            price: polyPrice(taker ? t.price : t.maker.price),
            fee: dollars6(taker ? t.fee : 0),
            status: t.status,
            taker,
            transactionHash: t.transactionHash,
            matchTime: t.matchTime,
          };
        });
      },
      orders: (address) => [...(pAccount(address)?.orders.values() ?? [])].map(pOrder),
      restingOrders: (address) => [...(pAccount(address)?.orders.values() ?? [])].filter((o) => o.status === 'LIVE').map(pOrder),
      orderArrivals: (from, to) => poly.arrivals.between(from, to),
      balances: (address) => {
        const a = pAccount(address);
        const tokens: Record<string, string> = {};
        for (const [id, v] of a?.tokens ?? []) if (v !== 0) tokens[id] = polyAmount(v);
        return { collateral: polyAmount(a?.collateral ?? 0), allowance: a?.allowance === null || !a ? null : polyAmount(a.allowance), tokens };
      },
    },
  };
}
