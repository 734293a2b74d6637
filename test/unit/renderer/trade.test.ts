import { describe, expect, it } from 'vitest';
import type { Analysis, BreakerState, Opportunity } from '../../../src/shared/contract';
import { askDepth, bidDepth, withPointAt } from '../../../src/renderer/src/charts/depthSeries';
import { EdgeHistory } from '../../../src/renderer/src/trade/edgeHistory';
import { executeBlockedReason } from '../../../src/renderer/src/trade/executeGate';
import { orderLines } from '../../../src/renderer/src/trade/orderPreview';

const opportunity: Opportunity = {
  id: 'o1',
  strategy: 'cross_venue',
  legs: [
    { market: 'kalshi:KX-1', venue: 'kalshi', title: 'K', outcome: 'yes', size: 10, cost: '4', fee: '0.1', avgPrice: '0.40', worstPrice: '0.41', health: 'live' },
    { market: 'polymarket:0xabc', venue: 'polymarket', title: 'P', outcome: 'no', size: 10, cost: '5', fee: '0.1', avgPrice: '0.50', worstPrice: '0.52', health: 'live' },
  ],
  size: 10, payout: '10', cost: '9', fees: '0.2', netProfit: '0.8', edge: '0.08', firstSeenAt: 1000, updatedAt: 1000, stale: false,
};
const closedBreaker: BreakerState = { state: 'closed', killSwitch: false, reason: null, trippedAt: null, cooldownEndsAt: null, consecutiveErrors: 0, dailyLoss: '0', trips: [] };

describe('depth series', () => {
  it('accumulates asks upwards and bids downwards from the best price, ascending by price', () => {
    expect(askDepth([['0.40', '10'], ['0.41', '5'], ['0.45', '2.5']])).toEqual([
      { time: 0.4, value: 10 }, { time: 0.41, value: 15 }, { time: 0.45, value: 17.5 },
    ]);
    expect(bidDepth([['0.38', '7'], ['0.37', '3'], ['0.30', '1']])).toEqual([
      { time: 0.3, value: 11 }, { time: 0.37, value: 10 }, { time: 0.38, value: 7 },
    ]);
  });
  it('adds a marker point on the step it falls on without changing the shape', () => {
    const asks = askDepth([['0.40', '10'], ['0.45', '5']]);
    expect(withPointAt(asks, 0.42)).toEqual([{ time: 0.4, value: 10 }, { time: 0.42, value: 10 }, { time: 0.45, value: 15 }]);
    expect(withPointAt(asks, 0.39)[0]).toEqual({ time: 0.39, value: 0 });
    expect(withPointAt(asks, 0.45)).toEqual(asks);
  });
});

describe('the Execute gate', () => {
  const base = { breaker: closedBreaker, opportunity, closed: false, running: false, connected: true };
  it('is open for a live opportunity with the breaker closed', () => {
    expect(executeBlockedReason(base)).toBeNull();
  });
  it('names why it is closed', () => {
    expect(executeBlockedReason({ ...base, breaker: { ...closedBreaker, state: 'open', killSwitch: true } })).toMatch(/Kill switch engaged/);
    expect(executeBlockedReason({ ...base, breaker: { ...closedBreaker, state: 'open', reason: 'daily loss' } })).toBe('Breaker open: daily loss');
    expect(executeBlockedReason({ ...base, running: true })).toMatch(/running/);
    expect(executeBlockedReason({ ...base, closed: true })).toMatch(/closed/);
    const stale = { ...opportunity, stale: true, legs: [opportunity.legs[0]!, { ...opportunity.legs[1]!, health: 'stale' as const }] };
    expect(executeBlockedReason({ ...base, opportunity: stale })).toBe('Stale: the polymarket:0xabc book is stale');
    expect(executeBlockedReason({ ...base, connected: false })).toMatch(/Not connected/);
  });
});

describe('the orders the confirmation shows', () => {
  it('one IOC (Kalshi) / FAK (Polymarket) buy per leg at the worst price of the analysed size', () => {
    const analysis = {
      opportunityId: 'o1', targetSize: 4, size: 4,
      legs: [
        { market: 'kalshi:KX-1', outcome: 'yes', size: 4, topPrice: '0.40', avgPrice: '0.40', worstPrice: '0.40', slippage: '0', priceImpact: '0', imbalance: 0, depth: '10', health: 'live' },
        { market: 'polymarket:0xabc', outcome: 'no', size: 4, topPrice: '0.50', avgPrice: '0.50', worstPrice: '0.50', slippage: '0', priceImpact: '0', imbalance: 0, depth: '10', health: 'live' },
      ],
    } as unknown as Analysis;
    expect(orderLines(opportunity, analysis)).toEqual([
      { venue: 'kalshi', market: 'kalshi:KX-1', title: 'K', side: 'BUY', outcome: 'yes', size: 4, limitPrice: '0.40', orderType: 'IOC' },
      { venue: 'polymarket', market: 'polymarket:0xabc', title: 'P', side: 'BUY', outcome: 'no', size: 4, limitPrice: '0.50', orderType: 'FAK' },
    ]);
    expect(orderLines(opportunity, null).map((l) => [l.size, l.limitPrice])).toEqual([[10, '0.41'], [10, '0.52']]);
  });
});

describe('edge history', () => {
  it('appends changed opportunities, one point per second, and forgets closed ones', () => {
    const h = new EdgeHistory();
    const seen: string[] = [];
    h.onChange((id) => seen.push(id));
    h.record([opportunity]);
    h.record([opportunity]);
    h.record([{ ...opportunity, edge: '0.09', updatedAt: 1500 }]);
    h.record([{ ...opportunity, edge: '0.07', updatedAt: 3200 }]);
    expect(h.points('o1')).toEqual([{ time: 1, value: 0.09 }, { time: 3, value: 0.07 }]);
    expect(seen).toEqual(['o1', 'o1', 'o1']);
    h.record([]);
    expect(h.points('o1')).toEqual([]);
  });
});
