// The kill switch's Kalshi cancel-all when the account's rate limits are busy. Kalshi meters each
// account with token buckets and answers a request over the limit with 429 and no Retry-After
// (shared/reference/venues.md §1.9): a write costs 10 tokens, a cancel 2, and the Basic write
// bucket refills 100 tokens a second, so a refused call can be asked again ~100 ms later. The
// kill switch waits 3 s for each venue (killSwitch.ts); a cancel-all that queued behind routine
// reads, or backed off as routine work does (200 ms doubling to 5 s), missed it in the chaos run.
// The kill switch, the connector, the signing and the simulator are real; a proxy adds the 429s
// the simulator would not send on its own.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CANCEL_TIMEOUT_MS, KillSwitch } from '../../../../src/engine/risk/killSwitch';
import type { KalshiVenue } from '../../../../src/engine/venues/kalshi/connector';
import { DEFAULT_COST } from '../../../../src/engine/venues/kalshi/rateLimiter';
import type { MarketInfo } from '../../../../src/engine/venues/venue';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import type { Qty } from '../../../../src/shared/units';
import { faultProxy, type FaultProxy, type HttpFault } from '../../../helpers/faultProxy';
import { riskRig, type RiskRig } from '../../../unit/engine/risk/fixtures';
import { venueFor } from './helpers';

let sim: SimulatorHandle | undefined;
let proxy: FaultProxy | undefined;
let venue: KalshiVenue | undefined;
let rig: RiskRig | undefined;
let runs = 0;
let placed = 0;
afterEach(async () => {
  venue?.dispose();
  rig?.remove();
  await proxy?.close();
  await sim?.close();
  venue = undefined;
  rig = undefined;
  proxy = undefined;
  sim = undefined;
});

const CANCEL_ALL = '/trade-api/v2/portfolio/events/orders';

/** A trading venue (through a proxy answering DELETE /portfolio/events/orders with `faults` first) and its open markets. */
async function tradingVenue(faults: HttpFault[] = []): Promise<{ venue: KalshiVenue; markets: MarketInfo[] }> {
  sim = await startSimulator({ seed: `kalshi-kill-cancel-${++runs}`, markets: 8, autoRun: false, dislocationEverySec: 0 });
  const { rest, ws } = sim.endpoints.kalshi;
  proxy = await faultProxy(new URL(rest).origin, faults, (url, method) => method === 'DELETE' && url.pathname === CANCEL_ALL);
  venue = venueFor(sim, { endpoints: { rest: `${proxy.base}/trade-api/v2`, ws }, readAccountLimits: false });
  const markets = (await venue.discover()).markets.filter((m) => m.status === 'open');
  return { venue, markets };
}

/** GTC buys of ten YES at one tick: far under the market, they rest. */
async function placeResting(v: KalshiVenue, markets: readonly MarketInfo[], n: number): Promise<string[]> {
  const ids: string[] = [];
  for (const m of markets.slice(0, n)) {
    const r = await v.trading!.placeOrder({ clientOrderId: `rest-${runs}-${++placed}`, market: m.ref, outcome: 'yes', side: 'buy', limitPrice: m.tickSize, qty: 1000 as Qty, timeInForce: 'gtc' });
    expect(r.status, r.rejectReason ?? '').toBe('resting');
    ids.push(r.venueOrderId!);
  }
  return ids;
}

function killSwitchFor(v: KalshiVenue): KillSwitch {
  rig = riskRig();
  const kill = new KillSwitch({ breaker: rig.breaker, clock: rig.clock });
  // As the venue host registers it: without the signal, so an answer after the wait still lands.
  kill.registerCanceller('kalshi', () => v.trading!.cancelAll());
  return kill;
}

const restingOnVenue = () => sim!.truth.kalshi.restingOrders().length;

describe('the kill switch on Kalshi while the rate limits are busy', () => {
  it('goes ahead of routine reads waiting for tokens, and every order is cancelled within the wait', async () => {
    const { venue: v, markets } = await tradingVenue();
    const resting = await placeResting(v, markets, 3);
    // Two reads a second: twelve routine reads (balance checks, reconciliation) hold the bucket for 6 s.
    v.limiter.setLimits({ read: { refillRate: 20, capacity: 20 }, write: { refillRate: 100, capacity: 100 } });
    const routine = Array.from({ length: 12 }, () => v.rest.call('GET /portfolio/balance', 'read', DEFAULT_COST, (r) => v.rest.portfolio.getBalance(undefined, undefined, r)));
    const kill = killSwitchFor(v);
    const result = await kill.engage();
    expect(result.failed).toEqual([]);
    expect(result.cancelled.map((c) => c.orderId).sort()).toEqual([...resting].sort());
    expect(result.cancelledInMs).toBeLessThan(DEFAULT_CANCEL_TIMEOUT_MS);
    expect(restingOnVenue()).toBe(0);
    // The routine reads were only overtaken, not dropped.
    const answers = await Promise.all(routine);
    expect(answers.every((a) => a.status === 200)).toBe(true);
  });

  it('asks again through more 429s than routine work sits through, paced by the bucket, and answers within the wait', async () => {
    const tooMany: HttpFault = { status: 429 };
    const { venue: v, markets } = await tradingVenue(Array.from({ length: 10 }, () => tooMany));
    const resting = await placeResting(v, markets, 2);
    const result = await killSwitchFor(v).engage();
    expect(result.failed).toEqual([]);
    expect(result.cancelled.map((c) => c.orderId).sort()).toEqual([...resting].sort());
    expect(restingOnVenue()).toBe(0);
    const deletes = proxy!.requests.filter((r) => r.method === 'DELETE' && r.path === CANCEL_ALL).map((r) => r.at);
    expect(deletes).toHaveLength(11);
    // Never faster than the venue's bucket refills 10 tokens after a 429 (100 tokens a second at Basic).
    for (let i = 1; i < deletes.length; i++) expect(deletes[i]! - deletes[i - 1]!).toBeGreaterThanOrEqual(90);
    // The routine back-off (6 tries, 200 ms doubling) would have given up, or run past the 3 s wait.
    expect(result.cancelledInMs).toBeLessThan(DEFAULT_CANCEL_TIMEOUT_MS);
  });

  it('half of every request refused (the chaos run’s storm): each of twelve kill switches answers within the wait', async () => {
    const { venue: v, markets } = await tradingVenue();
    const kill = killSwitchFor(v);
    for (let round = 0; round < 12; round++) {
      sim!.faults.clear();
      rig!.breaker.rearm();
      const resting = await placeResting(v, markets.slice(round % 4), 2);
      sim!.faults.set('throttle=kalshi:0.5');
      const result = await kill.engage();
      expect(result.failed, `round ${round}`).toEqual([]);
      expect(result.cancelled.map((c) => c.orderId).sort()).toEqual([...resting].sort());
      expect(restingOnVenue()).toBe(0);
    }
    expect(v.rest.stats.rateLimited).toBeGreaterThan(0);
  });
});
