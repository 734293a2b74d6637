// Capital and time on every opportunity: when all its legs resolve, what it locks on each venue
// (cost and fees), its return on that capital and per year; the worst case if the venues resolve
// the linked markets differently; and the `getOpportunities` filter and sort by annualised return.
// Figures are the spec's worked example (formats.md): Kalshi YES 0.45 × 40 + fee 0.70, Polymarket
// NO 0.50 × 40, net 1.30.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capitalReturn, DAY_MS } from '../../../../src/shared/capital';
import { AnalysisSchema, OpportunitySchema, type Opportunity } from '../../../../src/shared/contract/opportunity';
import { KalshiFeeModel } from '../../../../src/engine/venues/kalshi/feeModel';
import { PolymarketFeeModel } from '../../../../src/engine/venues/polymarket/feeModel';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import { toContractOpportunity } from '../../../../src/engine/scanner/toContract';
import { selectOpportunities } from '../../../../src/engine/execution/selectOpportunities';
import type { MarketRef } from '../../../../src/shared/ids';

const kalshiFee = KalshiFeeModel.parse('0.07') as KalshiFeeModel;
const polyFee = PolymarketFeeModel.parse('0', 1) as PolymarketFeeModel;
const NOW = Date.UTC(2031, 0, 1);

function example(resolveBy: { kalshi: number | null; polymarket: number | null }) {
  const scanner = new Scanner({ now: () => NOW });
  scanner.addMarkets([
    { venue: 'kalshi', id: 'K0', title: 'Kalshi 0', fee: kalshiFee, resolveBy: resolveBy.kalshi },
    { venue: 'polymarket', id: '0x0', title: 'Poly 0', fee: polyFee, tokens: { yes: '0y', no: '0n' }, resolveBy: resolveBy.polymarket },
  ]);
  scanner.addRelations({ equivalent: [['kalshi:K0' as MarketRef, 'polymarket:0x0' as MarketRef]] });
  scanner.apply('kalshi', { type: 'orderbook_snapshot', sid: 1, seq: 1, msg: { market_ticker: 'K0', yes_dollars_fp: [['0.4000', '100.00']], no_dollars_fp: [['0.5500', '50.00']] } });
  scanner.apply('polymarket', { event_type: 'book', asset_id: '0y', bids: [{ price: '0.50', size: '40' }], asks: [{ price: '0.52', size: '25' }] });
  scanner.apply('polymarket', { event_type: 'book', asset_id: '0n', bids: [{ price: '0.48', size: '25' }], asks: [{ price: '0.50', size: '40' }] });
  return scanner;
}

describe('capital and time of an opportunity', () => {
  it('locks each venue’s cost and fees until the later leg resolves, and returns net ÷ capital, per year', () => {
    const scanner = example({ kalshi: NOW + 30 * DAY_MS, polymarket: NOW + 73 * DAY_MS });
    const o = OpportunitySchema.parse(toContractOpportunity(scanner.opportunities()[0]!));
    expect(o.resolveBy).toBe(NOW + 73 * DAY_MS);
    expect(o.capital).toEqual([{ venue: 'kalshi', amount: '18.70' }, { venue: 'polymarket', amount: '20.00' }]);
    const roc = new Decimal('1.30').dividedBy('38.70');
    expect(o.returnOnCapital).toBe(roc.toDecimalPlaces(6).toFixed());
    expect(o.annualisedReturn).toBe(roc.times(365).dividedBy(73).toDecimalPlaces(6).toFixed());
  });

  it('a leg whose resolution time is unknown makes the basket’s unknown: no annualised return is invented', () => {
    const o = toContractOpportunity(example({ kalshi: NOW + DAY_MS, polymarket: null }).opportunities()[0]!);
    expect(o.resolveBy).toBeNull();
    expect(o.returnOnCapital).not.toBeNull();
    expect(o.annualisedReturn).toBeNull();
  });

  it('a basket resolving within the hour is annualised over a day, not over minutes', () => {
    expect(capitalReturn('1', '100', NOW + 60_000, NOW)).toEqual({ returnOnCapital: '0.01', annualisedReturn: '3.65' });
    expect(capitalReturn('1', '100', NOW + 365 * DAY_MS, NOW)).toEqual({ returnOnCapital: '0.01', annualisedReturn: '0.01' });
    // $0.10 on $322 locked for five years: a thin edge shows as one.
    expect(capitalReturn('0.10', '322', NOW + 5 * 365 * DAY_MS, NOW).annualisedReturn).toBe('0.000062');
    expect(capitalReturn('1', '0', NOW + DAY_MS, NOW)).toEqual({ returnOnCapital: null, annualisedReturn: null });
  });

  it('is exact: the same figures decimal.js gives, rounded half to even at 6 places, losses included', () => {
    // decimal.js keeps 20 significant digits by default: the reference needs more than the quotients have.
    const Exact = Decimal.clone({ precision: 80 });
    const money = fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 6 })).map(([n, k]) => new Exact(n).dividedBy(10 ** k).toFixed(k));
    fc.assert(
      fc.property(money, money, fc.integer({ min: -DAY_MS, max: 3_000 * DAY_MS }), (net, capital, ahead) => {
        const c = new Exact(capital);
        const expected = (v: Decimal.Instance) => v.toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed();
        const roc = new Exact(net).dividedBy(c);
        const days = Exact.max(1, new Exact(ahead).dividedBy(DAY_MS));
        expect(capitalReturn(net, capital, NOW + ahead, NOW)).toEqual(
          c.lte(0) ? { returnOnCapital: null, annualisedReturn: null } : { returnOnCapital: expected(roc), annualisedReturn: expected(roc.times(365).dividedBy(days)) },
        );
      }),
      { numRuns: 2_000 },
    );
    expect(() => capitalReturn('1e3', '1', null, NOW)).toThrow(/net/);
  });
});

describe('the analysis at a size', () => {
  it('carries capital and time at that size, and the loss if the venues resolve the link differently', () => {
    const scanner = example({ kalshi: NOW + 30 * DAY_MS, polymarket: NOW + 73 * DAY_MS });
    const id = scanner.opportunities()[0]!.basket.id;
    const a = AnalysisSchema.parse(scanner.analyze(id, 20, NOW));
    expect(a.capital).toMatchObject({ resolveBy: NOW + 73 * DAY_MS, byVenue: [{ venue: 'kalshi', amount: '9.35' }, { venue: 'polymarket', amount: '10.00' }] });
    // YES on Kalshi + NO on Polymarket: if Kalshi says NO and Polymarket YES, neither leg pays.
    expect(a.ifVenuesDisagree).toEqual({ loss: '19.35', outcome: 'kalshi:K0 NO, polymarket:0x0 YES' });
  });

  it('a basket on one venue has no venue disagreement', () => {
    const scanner = new Scanner({ now: () => NOW });
    scanner.addMarkets([{ venue: 'kalshi', id: 'K1', title: 'Kalshi 1', fee: kalshiFee, resolveBy: NOW + DAY_MS }]);
    scanner.apply('kalshi', { type: 'orderbook_snapshot', sid: 1, seq: 1, msg: { market_ticker: 'K1', yes_dollars_fp: [['0.50', '10.00']], no_dollars_fp: [['0.52', '10.00']] } });
    const basket = scanner.baskets().find((b) => b.strategy === 'single_market')!;
    expect(AnalysisSchema.parse(scanner.analyze(basket.id, 1, NOW)).ifVenuesDisagree).toBeNull();
  });
});

describe('getOpportunities by annualised return', () => {
  const opp = (id: string, netProfit: string, annualisedReturn: string | null): Opportunity =>
    ({ id, strategy: 'cross_venue', netProfit, annualisedReturn }) as Opportunity;
  const all = [opp('a', '5.00', '0.05'), opp('b', '1.00', '2.50'), opp('c', '9.00', null), opp('d', '0.10', '0.30')];

  it('sorts best annualised first, unknown last; by net profit by default', () => {
    expect(selectOpportunities(all, { sort: 'annualisedReturn' }).map((o) => o.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(selectOpportunities(all, {}).map((o) => o.id)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('a least annualised return leaves out those below it and those whose resolution time is unknown', () => {
    expect(selectOpportunities(all, { minAnnualisedReturn: '0.30' }).map((o) => o.id)).toEqual(['b', 'd']);
    expect(selectOpportunities(all, { minAnnualisedReturn: '0.30', minProfit: '0.50', limit: 5 }).map((o) => o.id)).toEqual(['b']);
  });
});
