// The kill switch's Kalshi cancel-all when the account's rate limits are busy. Kalshi meters each
// account with token buckets and answers a request over the limit with 429 and no Retry-After
// (shared/reference/venues.md §1.9): a write costs 10 tokens, a cancel 2 — a cancel-all too (its
// OpenAPI, CancelAllOrders) — and the Basic write bucket refills 100 tokens a second, so a refused
// cancel-all can be asked again within a tenth of a second. The kill switch waits 3 s for each
// venue (killSwitch.ts); a cancel-all that queued behind routine reads, or backed off as routine
// work does (200 ms doubling to 5 s), missed it in the chaos run. Then the minute after a
// cancel-all, in which Kalshi says newly placed orders may also be cancelled: new buys are held.
// The kill switch, the connector, the signing and the simulator are real; a proxy adds the 429s
// and errors the simulator would not send on its own.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CANCEL_TIMEOUT_MS, KillSwitch } from '../../../../src/engine/risk/killSwitch';
import type { KalshiVenue, KalshiVenueOptions } from '../../../../src/engine/venues/kalshi/connector';
import { DEFAULT_COST } from '../../../../src/engine/venues/kalshi/rateLimiter';
import type { MarketInfo, OrderRequest } from '../../../../src/engine/venues/venue';
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
async function cleanUp(): Promise<void> {
  venue?.dispose();
  rig?.remove();
  await proxy?.close();
  await sim?.close();
  venue = undefined;
  rig = undefined;
  proxy = undefined;
  sim = undefined;
}
afterEach(cleanUp);

const CANCEL_ALL = '/trade-api/v2/portfolio/events/orders';

/** A trading venue (through a proxy answering DELETE /portfolio/events/orders with `faults` first) and its open markets. */
async function tradingVenue(faults: HttpFault[] = [], over: Partial<KalshiVenueOptions> = {}): Promise<{ venue: KalshiVenue; markets: MarketInfo[] }> {
  sim = await startSimulator({ seed: `kalshi-kill-cancel-${++runs}`, markets: 8, autoRun: false, dislocationEverySec: 0 });
  const { rest, ws } = sim.endpoints.kalshi;
  proxy = await faultProxy(new URL(rest).origin, faults, (url, method) => method === 'DELETE' && url.pathname === CANCEL_ALL);
  venue = venueFor(sim, { endpoints: { rest: `${proxy.base}/trade-api/v2`, ws }, readAccountLimits: false, ...over });
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
    // Paced: 50–100 ms between tries, more than the 20 ms the venue's bucket takes to refill the 2
    // tokens a cancel-all costs at Basic (100 a second).
    for (let i = 1; i < deletes.length; i++) expect(deletes[i]! - deletes[i - 1]!).toBeGreaterThanOrEqual(45);
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

  it('holds new buys for the minute after a cancel-all, which Kalshi says may still cancel them; sells and a sweep that sent nothing are not held', async () => {
    // As on the real venue (environment demo or production): Kalshi's minute.
    const { venue: v, markets } = await tradingVenue([], { environment: 'demo' });
    const m = markets[0]!;
    const order = (side: 'buy' | 'sell'): OrderRequest => ({ clientOrderId: 'preflight', market: m.ref, outcome: 'yes', side, limitPrice: m.tickSize, qty: 1000 as Qty, timeInForce: 'ioc' });
    const kill = killSwitchFor(v);
    // Nothing resting: no cancel-all is sent, nothing is held.
    expect((await kill.engage()).failed).toEqual([]);
    expect(proxy!.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(await v.trading!.preflight(order('buy'), m)).toBeNull();
    await placeResting(v, markets, 1);
    rig!.breaker.rearm();
    expect((await kill.engage()).failed).toEqual([]);
    expect(await v.trading!.preflight(order('buy'), m)).toMatch(/^Kalshi may cancel orders placed up to a minute after a cancel-all \(the kill switch sent one\); new Kalshi buys wait (59|60) s more$/);
    // A sell (an unwind selling what a basket bought) is not held: its walk retries what the venue cancels.
    expect(await v.trading!.preflight(order('sell'), m)).toBeNull();
  });

  it('holds them only as long as the venue may reach them, and not at all on the simulator, whose cancel-all does not', async () => {
    const { venue: v, markets } = await tradingVenue([], { cancelAllReachMs: 1_000 });
    const m = markets[0]!;
    const buy: OrderRequest = { clientOrderId: 'preflight', market: m.ref, outcome: 'yes', side: 'buy', limitPrice: m.tickSize, qty: 1000 as Qty, timeInForce: 'ioc' };
    const kill = killSwitchFor(v);
    await placeResting(v, markets, 1);
    await kill.engage();
    expect(await v.trading!.preflight(buy, m)).toMatch(/wait 1 s more/);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect(await v.trading!.preflight(buy, m)).toBeNull();
    v.dispose();
    // The simulator environment's default: no hold.
    venue = venueFor(sim!, { readAccountLimits: false });
    const kill2 = killSwitchFor(venue);
    await placeResting(venue, markets, 1);
    expect((await kill2.engage()).cancelled).toHaveLength(1);
    expect(await venue.trading!.preflight(buy, m)).toBeNull();
  });

  it('holds after a cancel-all the venue may have acted on (a 500), not after one it refused (a 401)', async () => {
    for (const [status, held] of [[401, false], [500, true]] as const) {
      const { venue: v, markets } = await tradingVenue([{ status }], { environment: 'demo' });
      const m = markets[0]!;
      await placeResting(v, markets, 1);
      // The bulk call failed: the survivors are cancelled one by one.
      const result = await killSwitchFor(v).engage();
      expect(result.failed, String(status)).toEqual([]);
      expect(restingOnVenue()).toBe(0);
      const buy: OrderRequest = { clientOrderId: 'preflight', market: m.ref, outcome: 'yes', side: 'buy', limitPrice: m.tickSize, qty: 1000 as Qty, timeInForce: 'ioc' };
      const reason = await v.trading!.preflight(buy, m);
      if (held) expect(reason, String(status)).toMatch(/new Kalshi buys wait/);
      else expect(reason, String(status)).toBeNull();
      await cleanUp();
    }
  });
});
