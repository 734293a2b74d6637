import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis, BreakerState, Opportunity } from '../../../src/shared/contract';
import { depthGrid, snapToGrid } from '../../../src/renderer/src/charts/depthSeries';
import { EdgeHistory } from '../../../src/renderer/src/trade/edgeHistory';
import { executeBlockedReason } from '../../../src/renderer/src/trade/executeGate';
import { orderLines } from '../../../src/renderer/src/trade/orderPreview';
import { setVenueManifests } from '../../../src/renderer/src/names/venues';
import { venueManifestViews } from '../../../src/engine/live/venueStatus';
import { venueRegistry } from '../../../src/engine/venues/registry';

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
  it('puts both sides on one even price grid ($0.001), each the depth at that price or better', () => {
    const g = depthGrid([['0.38', '7'], ['0.37', '3']], [['0.40', '10'], ['0.41', '5']]);
    const times = g.asks.map((p) => p.time);
    // Even spacing: lightweight-charts spaces points by index, so an uneven grid bends the axis.
    const steps = new Set(times.slice(1).map((t, i) => Math.round((t - times[i]!) * 1e6)));
    expect(steps).toEqual(new Set([1000]));
    expect(g.bids.map((p) => p.time)).toEqual(times);
    const at = (pts: typeof g.asks, price: number) => pts.find((p) => Math.abs(p.time - price) < 1e-9)?.value;
    expect(at(g.asks, 0.4)).toBe(10);
    expect(at(g.asks, 0.405)).toBe(10);
    expect(at(g.asks, 0.41)).toBe(15);
    expect(at(g.asks, 0.39)).toBeUndefined();
    expect(at(g.bids, 0.38)).toBe(7);
    expect(at(g.bids, 0.37)).toBe(10);
    expect(at(g.bids, 0.39)).toBeUndefined();
  });
  it('reaches the planned prices, and places a marker on a point of the grid (NO books included)', () => {
    // A NO book: asks near the top of the range, the planned average between ticks.
    const g = depthGrid([['0.55', '10']], [['0.62', '40'], ['0.64', '20']], [0.6312, 0.64]);
    expect(g.from).toBeLessThanOrEqual(550);
    expect(g.to).toBeGreaterThanOrEqual(640);
    const m = snapToGrid(0.6312, g);
    expect(g.asks.some((p) => p.time === m)).toBe(true);
    expect(m).toBeCloseTo(0.631, 9);
    expect(snapToGrid(2, g)).toBe(g.to / 1000);
  });
});

describe('the Execute gate', () => {
  const base = { breaker: closedBreaker, opportunity, closed: false, running: false, connected: true };
  it('is open for a live opportunity with the breaker closed', () => {
    expect(executeBlockedReason(base)).toBeNull();
  });
  it('names why it is closed', () => {
    expect(executeBlockedReason({ ...base, breaker: { ...closedBreaker, state: 'open', killSwitch: true } })).toMatch(/Kill switch engaged/);
    expect(executeBlockedReason({ ...base, breaker: { ...closedBreaker, state: 'open', reason: 'daily loss' } })).toBe('Trading halted: daily loss');
    expect(executeBlockedReason({ ...base, running: true })).toMatch(/running/);
    expect(executeBlockedReason({ ...base, closed: true })).toMatch(/closed/);
    const stale = { ...opportunity, stale: true, legs: [opportunity.legs[0]!, { ...opportunity.legs[1]!, health: 'stale' as const }] };
    expect(executeBlockedReason({ ...base, opportunity: stale })).toBe('Stale: the P book is stale');
    expect(executeBlockedReason({ ...base, connected: false })).toMatch(/Not connected/);
  });
});

describe('the orders the confirmation shows', () => {
  // The venues as the engine's state describes them (their manifests name the order words).
  beforeAll(() => setVenueManifests(venueManifestViews(venueRegistry)));

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
