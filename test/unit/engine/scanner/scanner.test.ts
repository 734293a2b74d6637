import { describe, expect, it } from 'vitest';
import { AnalysisSchema, OpportunitiesDeltaSchema, OpportunitySchema } from '../../../../src/shared/contract/opportunity';
import { KalshiFeeModel } from '../../../../src/engine/venues/kalshi/feeModel';
import { PolymarketFeeModel } from '../../../../src/engine/venues/polymarket/feeModel';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import { toBookView, toContractDelta, toContractOpportunity } from '../../../../src/engine/scanner/toContract';
import { BookViewSchema } from '../../../../src/shared/contract/market';
import type { MarketRef } from '../../../../src/shared/ids';

const kalshiFee = KalshiFeeModel.parse('0.07') as KalshiFeeModel;
const polyFee = PolymarketFeeModel.parse('0', 1) as PolymarketFeeModel;

/** `pairs` cross-venue pairs K{i} ~ 0x{i}, books unknown until loaded. */
function universe(pairs: number, now = () => 1_000) {
  const scanner = new Scanner({ now });
  const markets = [];
  for (let i = 0; i < pairs; i++) {
    markets.push({ venue: 'kalshi' as const, id: `K${i}`, title: `Kalshi ${i}`, fee: kalshiFee });
    markets.push({ venue: 'polymarket' as const, id: `0x${i}`, title: `Poly ${i}`, fee: polyFee, tokens: { yes: `${i}y`, no: `${i}n` } });
  }
  scanner.addMarkets(markets);
  scanner.addRelations({ equivalent: Array.from({ length: pairs }, (_, i) => [`kalshi:K${i}`, `polymarket:0x${i}`] as [MarketRef, MarketRef]) });
  return scanner;
}

const kalshiSnapshot = (seq: number, ticker: string, yes: [string, string][], no: [string, string][]) => ({
  type: 'orderbook_snapshot',
  sid: 1,
  seq,
  msg: { market_ticker: ticker, yes_dollars_fp: yes, no_dollars_fp: no },
});
const polyBook = (asset: string, asks: [string, string][], bids: [string, string][] = []) => ({
  event_type: 'book',
  asset_id: asset,
  bids: bids.map(([price, size]) => ({ price, size })),
  asks: asks.map(([price, size]) => ({ price, size })),
});

/** The spec's worked example on pair 0: Kalshi YES at 0.45 × 50, Polymarket NO at 0.50 × 40. */
function loadExample(scanner: Scanner) {
  scanner.apply('kalshi', kalshiSnapshot(1, 'K0', [['0.4000', '100.00']], [['0.5500', '50.00']]));
  scanner.apply('polymarket', polyBook('0y', [['0.52', '25']], [['0.50', '40']]));
  return scanner.apply('polymarket', polyBook('0n', [['0.50', '40']], [['0.48', '25']]));
}

describe('Scanner', () => {
  it('opens the spec’s worked example once both books are loaded', () => {
    const scanner = universe(1);
    const r = loadExample(scanner);
    expect(r.delta.opened).toHaveLength(1);
    const o = r.delta.opened[0]!;
    expect(o.basket.strategy).toBe('cross_venue');
    expect(o.basket.legs.map((l) => `${l.outcome} ${l.market}`)).toEqual(['yes kalshi:K0', 'no polymarket:0x0']);
    expect({ size: o.size, cost: o.cost, fees: o.fees, netProfit: o.netProfit }).toEqual({ size: 40, cost: 38_000_000, fees: 700_000, netProfit: 1_300_000 });
    expect(scanner.opportunities()).toEqual([o]);
  });

  it('re-evaluates only the baskets that buy from the ladder that moved', () => {
    const scanner = universe(200);
    for (let i = 0; i < 200; i++) scanner.apply('kalshi', { ...kalshiSnapshot(i + 1, `K${i}`, [['0.40', '10']], [['0.40', '10']]) });
    const before = scanner.stats.evaluations;
    // A NO bid on K7 moves only K7's YES ask ladder: its single-market basket and one cross-venue direction.
    scanner.apply('kalshi', { type: 'orderbook_delta', sid: 1, seq: 201, msg: { market_ticker: 'K7', price_dollars: '0.41', delta_fp: '5.00', side: 'no' } });
    expect(scanner.stats.evaluations - before).toBe(2);
    // A Polymarket bid change moves no ask ladder at all.
    const again = scanner.stats.evaluations;
    scanner.apply('polymarket', { event_type: 'price_change', price_changes: [{ asset_id: '7y', price: '0.3', size: '5', side: 'BUY' }] });
    expect(scanner.stats.evaluations).toBe(again);
    expect(scanner.stats.messages).toBe(202);
  });

  it('reports updates with the same stable id and the first-seen time kept, then closes', () => {
    let now = 1_000;
    const scanner = universe(1, () => now);
    const opened = loadExample(scanner).delta.opened[0]!;
    now = 2_000;
    const r = scanner.apply('polymarket', { event_type: 'price_change', price_changes: [{ asset_id: '0n', price: '0.50', size: '30', side: 'SELL' }] });
    expect(r.delta.opened).toHaveLength(0);
    expect(r.delta.updated).toHaveLength(1);
    const updated = r.delta.updated[0]!;
    expect(updated.basket.id).toBe(opened.basket.id);
    expect([updated.size, updated.openedAt, updated.updatedAt]).toEqual([30, 1_000, 2_000]);
    // An unchanged result is not an update.
    expect(scanner.apply('polymarket', { event_type: 'price_change', price_changes: [{ asset_id: '0n', price: '0.70', size: '1', side: 'SELL' }] }).delta.updated).toHaveLength(0);
    const closed = scanner.apply('polymarket', { event_type: 'price_change', price_changes: [{ asset_id: '0n', price: '0.50', size: '0', side: 'SELL' }] });
    expect(closed.delta.closed.map((b) => b.id)).toEqual([opened.basket.id]);
    expect(scanner.opportunities()).toEqual([]);
  });

  it('ignores books that are not live: stale or unknown legs close the opportunity until live again', () => {
    const scanner = universe(1);
    const id = loadExample(scanner).delta.opened[0]!.basket.id;
    expect(scanner.setHealth('kalshi:K0', 'stale').closed.map((b) => b.id)).toEqual([id]);
    expect(scanner.setHealth('kalshi:K0', 'live').opened.map((o) => o.basket.id)).toEqual([id]);
    expect(scanner.setHealth('polymarket:0x0', 'unknown', undefined, 'no').closed.map((b) => b.id)).toEqual([id]);
    expect(scanner.opportunity(id)).toBeUndefined();
  });

  it('adds and removes relations, keeping basket ids stable', () => {
    const scanner = universe(1);
    loadExample(scanner);
    const id = scanner.opportunities()[0]!.basket.id;
    const removed = scanner.removeRelations({ equivalent: [['kalshi:K0', 'polymarket:0x0']] });
    expect(removed.closed.map((b) => b.id)).toEqual([id]);
    const added = scanner.addRelations({ equivalent: [['kalshi:K0', 'polymarket:0x0']] });
    expect(added.opened.map((o) => o.basket.id)).toEqual([id]);
    expect(() => scanner.addRelations({ implies: [{ if: 'kalshi:NOPE' as MarketRef, then: 'kalshi:K0' }] })).toThrow(/unknown market kalshi:NOPE/);
  });

  it('converts to the contract Opportunity and delta', () => {
    const scanner = universe(1);
    const delta = loadExample(scanner).delta;
    const o = OpportunitySchema.parse(toContractOpportunity(delta.opened[0]!));
    expect(o).toMatchObject({
      strategy: 'cross_venue',
      size: 40,
      payout: '40.00',
      cost: '38.00',
      fees: '0.70',
      netProfit: '1.30',
      edge: '0.0325',
      firstSeenAt: 1_000,
      stale: false,
    });
    expect(o.legs[0]).toMatchObject({ market: 'kalshi:K0', venue: 'kalshi', title: 'Kalshi 0', outcome: 'yes', cost: '18.00', fee: '0.70', avgPrice: '0.45', worstPrice: '0.45', health: 'live' });
    expect(OpportunitiesDeltaSchema.parse(toContractDelta(delta))).toEqual({ upserts: [o], removed: [] });
    expect(scanner.contractOpportunities()).toEqual([o]);
  });

  it('renders a market’s book as the contract BookView, best first', () => {
    const scanner = universe(1);
    loadExample(scanner);
    const view = BookViewSchema.parse(toBookView(scanner.books.get('kalshi:K0')!));
    expect(view).toEqual({
      market: 'kalshi:K0',
      venue: 'kalshi',
      title: 'Kalshi 0',
      health: 'live',
      updatedAt: 1_000,
      yes: { bids: [['0.40', '100']], asks: [['0.45', '50']] },
      no: { bids: [['0.55', '50']], asks: [['0.60', '100']] },
    });
    // A market is only as healthy as its least healthy outcome.
    scanner.setHealth('polymarket:0x0', 'stale', 2_000, 'no');
    expect(toBookView(scanner.books.get('polymarket:0x0')!).health).toBe('stale');
  });

  it('analyses a basket at a target size, in exactly the contract’s shape', () => {
    const scanner = universe(1, () => 5_000);
    loadExample(scanner);
    const id = scanner.opportunities()[0]!.basket.id;
    const a = AnalysisSchema.parse(scanner.analyze(id, 60, 6_500));
    expect(a).toMatchObject({ opportunityId: id, targetSize: 60, size: 40, payout: '40.00', cost: '38.00', fees: '0.70', netProfit: '1.30', at: 6_500 });
    expect(a.legs[0]).toEqual({
      market: 'kalshi:K0', outcome: 'yes', size: 40, topPrice: '0.45', avgPrice: '0.45', worstPrice: '0.45', slippage: '0.00', priceImpact: '0.00',
      imbalance: (100 - 50) / 150, depth: '50', health: 'live',
    });
    expect(a.legs[1]!.imbalance).toBe((25 - 40) / 65);
    const thin = a.dataQuality.filter((c) => c.check === 'thin');
    expect(thin.map((c) => c.ok)).toEqual([false, false]);
    expect(a.dataQuality.filter((c) => c.check !== 'thin').every((c) => c.ok)).toBe(true);
    const names = a.confidence.factors.map((f) => `${f.risk}:${f.name}`);
    expect(names).toEqual([
      'liquidity:Depth coverage', 'liquidity:Price impact', 'liquidity:Book imbalance',
      'execution:Legs', 'execution:Edge per contract', 'execution:Crossed books',
      'timing:Oldest book', 'timing:Book health',
    ]);
    const penalty = a.confidence.factors.reduce((t, f) => t + f.penalty, 0);
    expect(a.confidence.score).toBe(100 - penalty);
    expect(scanner.analyze('nope', 10)).toBeUndefined();
  });

  it('analyses a basket with an empty or unknown leg: no prices, flagged, high timing risk', () => {
    const scanner = universe(1);
    scanner.apply('kalshi', kalshiSnapshot(1, 'K0', [], [['0.5500', '10.00']]));
    const basket = scanner.baskets().find((b) => b.strategy === 'cross_venue' && b.legs[0]!.outcome === 'yes')!;
    const a = AnalysisSchema.parse(scanner.analyze(basket.id, 5, 2_000));
    expect(a.size).toBe(0);
    expect(a.legs[1]).toMatchObject({ market: 'polymarket:0x0', size: 0, topPrice: null, avgPrice: null, slippage: null, imbalance: null, depth: '0', health: 'unknown' });
    expect(a.dataQuality.find((c) => c.check === 'unknown' && c.market === 'polymarket:0x0')!.ok).toBe(false);
    expect(a.confidence.timingRisk).toBe('high');
    expect(a.netProfit).toBe('0.00');
  });

  it('analysis walks the book: slippage from the top, impact to the worst level, crossed books flagged', () => {
    const scanner = universe(1);
    scanner.apply('kalshi', kalshiSnapshot(1, 'K0', [['0.5600', '10.00']], [['0.5500', '10.00'], ['0.5000', '30.00']]));
    scanner.apply('polymarket', polyBook('0n', [['0.40', '100']]));
    scanner.apply('polymarket', polyBook('0y', [['0.60', '100']]));
    const basket = scanner.baskets().find((b) => b.strategy === 'cross_venue' && b.legs[0]!.outcome === 'yes')!;
    const a = scanner.analyze(basket.id, 20, 2_000)!;
    // YES asks: 0.45 × 10, 0.50 × 30. 20 contracts cost 4.50 + 5.00 = 9.50, average 0.475.
    expect(a.legs[0]).toMatchObject({ topPrice: '0.45', avgPrice: '0.475', worstPrice: '0.50', slippage: '0.025', priceImpact: '0.05' });
    // YES bid 0.56 ≥ YES ask 0.45: crossed.
    expect(a.dataQuality.find((c) => c.check === 'crossed' && c.market === 'kalshi:K0')!.ok).toBe(false);
    expect(a.confidence.factors.find((f) => f.name === 'Crossed books')!.penalty).toBeGreaterThan(0);
  });
});
