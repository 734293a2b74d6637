import { describe, expect, it } from 'vitest';
import type { MarketRef } from '../../../../src/shared/ids';
import { InFlightMarkets } from '../../../../src/engine/execution/inFlight';
import { planExecution } from '../../../../src/engine/execution/plan';
import { K, P, crossOpportunity, marketInfo, pairScanner } from './rig';

describe('planExecution', () => {
  const plan = (slippageTicks: number, requestedSize?: number, info = marketInfo) => {
    const scanner = pairScanner();
    return planExecution(scanner.basket(crossOpportunity(scanner))!, { requestedSize, sizing: scanner.sizing, slippageTicks, marketInfo: info, maxLoss: 5_000_000 });
  };

  it('limits each leg at its sized worst price; slippage only as far as the basket still pays at every limit', () => {
    const none = plan(0, 10);
    expect(none.ok && none.plan.legs.map((l) => [l.market, l.outcome, l.limitPrice])).toEqual([[K, 'yes', 4500], [P, 'no', 5000]]);
    // Two ticks would lose money if both legs filled at their limits; one tick still nets $0.12.
    const two = plan(2, 10);
    expect(two.ok && two.plan.legs.map((l) => l.limitPrice)).toEqual([4600, 5100]);
    expect(two.ok && two.plan.worstNet).toBe(120_000);
    expect(two.ok && two.plan.expectedNet).toBe(320_000);
  });

  it('refuses when the venue details are missing or the market is not open', () => {
    expect(plan(0, 10, () => undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/market details \(tick, minimum size\) are unknown/) });
    expect(plan(0, 10, (ref: MarketRef) => (ref === K ? { ...marketInfo(ref)!, status: 'paused' } : marketInfo(ref)))).toMatchObject({ ok: false, reason: expect.stringMatching(/leg 1 \(YES kalshi:K0\): the market is paused/) });
    expect(plan(0, 0)).toMatchObject({ ok: false, reason: expect.stringMatching(/size: 0 is not a whole number/) });
  });
});

describe('InFlightMarkets', () => {
  it('claims all markets or none, and releases only its own', () => {
    const f = new InFlightMarkets();
    const a = f.claim('a', [K, P]);
    expect(a.ok).toBe(true);
    expect(f.claim('b', ['kalshi:OTHER' as MarketRef, P])).toEqual({ ok: false, market: P, owner: 'a' });
    expect(f.ownerOf('kalshi:OTHER' as MarketRef)).toBeUndefined();
    if (a.ok) a.release.dispose();
    expect(f.size).toBe(0);
    expect(f.claim('b', [P]).ok).toBe(true);
  });
});
