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

describe('planExecution within each venue\'s cash', () => {
  const withCash = (cash: Record<string, number | null>, requestedSize?: number, limitedBy: 'balance' | 'allowance' = 'balance') => {
    const scanner = pairScanner();
    return planExecution(scanner.basket(crossOpportunity(scanner))!, {
      requestedSize,
      sizing: scanner.sizing,
      slippageTicks: 0,
      marketInfo,
      maxLoss: 5_000_000,
      cash: (venue) => (cash[venue] === null || cash[venue] === undefined ? null : { micros: cash[venue], limitedBy, name: venue === 'kalshi' ? 'Kalshi' : 'Polymarket' }),
    });
  };

  it('sizes down to what the Kalshi balance pays for, fees included, and says so', () => {
    const free = withCash({ kalshi: null, polymarket: null }, 10);
    expect(free.ok && free.plan.size).toBe(10);
    // YES at $0.45: 6 cost $2.70 + $0.11 fee = $2.81 ≤ $3.00; 7 cost $3.15.
    const r = withCash({ kalshi: 3_000_000, polymarket: null }, 10);
    expect(r.ok && r.plan.size).toBe(6);
    expect(r.ok && r.plan.reducedFrom).toBe(10);
    expect(r.ok && r.plan.balanceLimit).toMatchObject({ venue: 'kalshi', limitedBy: 'balance', maxSize: 6, text: 'the Kalshi balance is $3.00: it pays for 6 contract(s), fees included' });
  });

  it('an allowance smaller than the balance is what limits, and is named', () => {
    const r = withCash({ kalshi: null, polymarket: 3_000_000 }, 10, 'allowance');
    expect(r.ok && r.plan.balanceLimit?.text).toMatch(/^the Polymarket allowance is \$3\.00: it pays for \d+ contract\(s\)/);
    expect(r.ok && r.plan.size).toBeLessThan(10);
  });

  it('refuses with zero balance, naming the venue; nothing is sized on cash it does not have', () => {
    expect(withCash({ kalshi: 0, polymarket: 10_000_000 }, 10)).toEqual({ ok: false, reason: expect.stringMatching(/^the Kalshi balance is \$0\.00; even 5 contract\(s\) need \$2\.\d\d there, fees included; nothing was sent$/) });
    expect(withCash({ kalshi: 10_000_000, polymarket: 0 })).toMatchObject({ ok: false, reason: expect.stringMatching(/^the Polymarket balance is \$0\.00/) });
  });

  it('a balance that pays for the whole size leaves it alone', () => {
    const r = withCash({ kalshi: 1_000_000_000, polymarket: 1_000_000_000 }, 10);
    expect(r.ok && r.plan.size).toBe(10);
    expect(r.ok && r.plan.balanceLimit).toBeNull();
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
