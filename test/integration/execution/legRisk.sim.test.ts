// Leg risk against the simulator over real sockets, through the real connectors: the points of
// issue 12 where what the venue does matters — the kill switch reaching an order still inside the
// Kalshi connector (rate limiter, 429 back-off), pre-flight refusals that send nothing, and a
// Polymarket flatten that must wait for the shares it bought to settle.
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../src/shared/contract';
import type { Price, Qty } from '../../../src/shared/units';
import { Money } from '../../../src/shared/money';
import { OrderRefusedError, type MarketInfo } from '../../../src/engine/venues/venue';
import { startSimulator, type SimulatorHandle } from '../../../src/sim';
import { tempDir } from '../../helpers/tempDir';
import { until } from '../../helpers/until';
import { venueFor } from '../venues/kalshi/helpers';
import { executeNextCrossVenue, liveRig, type LiveRig, type LiveRigOptions } from './liveRig';

let runs = 0;

describe('leg risk on the simulator', () => {
  let sim: SimulatorHandle;
  let rig: LiveRig | undefined;
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(async () => {
    rig?.dispose();
    rig = undefined;
    await sim?.close();
    dir?.remove();
    dir = undefined;
  });

  const start = async (options: LiveRigOptions = {}) => {
    dir = tempDir();
    sim = await startSimulator({ seed: `leg-risk-${++runs}`, markets: 10, dislocationEverySec: 2 });
    rig = await liveRig(sim.endpoints, dir.path, { ...options, execution: { config: { orderTimeoutMs: 15_000, lookupTimeoutMs: 6_000, unknownResolveMs: 10_000, ...options.execution?.config } } });
    return rig;
  };

  const executeNext = executeNextCrossVenue;

  it('the kill switch aborts a Kalshi leg waiting in the rate limiter: it never reaches the venue (point 6)', async () => {
    const r = await start();
    // One order every 50 s on the write bucket, and the bucket emptied by a resting order.
    r.kalshi.limiter.setLimits({ read: { refillRate: 1_000, capacity: 1_000 }, write: { refillRate: 0.2, capacity: 10 } });
    const m = [...r.infos.values()].find((x) => x.venue === 'kalshi')!;
    await r.kalshi.trading!.placeOrder({ clientOrderId: 'drain-1', market: m.ref, outcome: 'yes', side: 'buy', limitPrice: m.tickSize, qty: 100 as Qty, timeInForce: 'gtc' });
    const kalshiOrders = () => sim.truth.kalshi.orders().length;
    const before = kalshiOrders();
    const o = await r.waitForOpportunity({ minSize: 5, strategy: 'cross_venue' });
    // The best size on the books now (a marketable Polymarket BUY needs $1 at least).
    const pending = r.call('execute', { opportunityId: o.basket.id });
    await until(() => r.kalshi.limiter.stats.waited > 0, 'the Kalshi leg to queue behind the rate limiter', 20_000, 1);
    const killedAt = Date.now();
    await r.call('killSwitch');
    const result = (await pending).result as ExecutionResult;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(kalshiOrders()).toBe(before);
    const kalshi = r.engine.services.ledger.ordersOfBasket(result.executionId).find((x) => x.venue === 'kalshi' && x.purpose === 'entry')!;
    expect(kalshi).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/not sent.*Kill switch/) });
    // Without the kill switch's signal it would wait for its tokens (to the placement deadline), then be sent.
    const ended = r.engine.services.ledger.orderEvents(kalshi.clientOrderId).at(-1)!.at;
    expect(ended - killedAt).toBeLessThan(500);
  });

  it('after the kill switch’s Kalshi cancel-all, a basket with a Kalshi leg is refused before anything is sent, for the minute Kalshi may still cancel new orders', async () => {
    // Kalshi (Cancel All Orders): "Newly placed orders may also be cancelled during the minute after
    // the request". The simulator does not do it, so the hold is asked for as on the real venue.
    const r = await start({ kalshiCancelAllReachMs: 60_000 });
    const m = [...r.infos.values()].find((x) => x.venue === 'kalshi')!;
    await r.kalshi.trading!.placeOrder({ clientOrderId: 'resting-1', market: m.ref, outcome: 'yes', side: 'buy', limitPrice: m.tickSize, qty: 1000 as Qty, timeInForce: 'gtc' });
    const killed = await r.call('killSwitch');
    expect(killed.result).toMatchObject({ failed: [] });
    expect(sim.truth.kalshi.restingOrders()).toEqual([]);
    expect((await r.call('rearm')).ok).toBe(true);
    const sent = () => sim.truth.kalshi.orders().length + sim.truth.polymarket.orders().length;
    const before = sent();
    const o = await r.waitForOpportunity({ minSize: 5, strategy: 'cross_venue' });
    const result = (await r.call('execute', { opportunityId: o.basket.id, size: 5 })).result as ExecutionResult;
    expect(result.status).toBe('refused');
    expect(result.reason).toMatch(/Kalshi may cancel orders placed up to a minute after a cancel-all .*new Kalshi buys wait \d+ s more/);
    expect(sent()).toBe(before);
  });

  it('a 429 storm backs off within the placement deadline, and the kill switch ends the back-off at once (point 6)', async () => {
    sim = await startSimulator({ seed: `leg-risk-${++runs}`, markets: 6, dislocationEverySec: 0 });
    const venue = venueFor(sim, { readAccountLimits: false, placement: { deadlineMs: 1_500 }, rest: { backoffBaseMs: 200, backoffMaxMs: 5_000, max429Retries: 6 } });
    try {
      const m = (await venue.discover()).markets.find((x) => x.status === 'open')!;
      sim.faults.set('throttle=kalshi:1');
      const order = (id: string, signal: AbortSignal, recheck: () => string | null = () => null) => ({
        clientOrderId: id, market: m.ref, outcome: 'yes' as const, side: 'buy' as const, limitPrice: m.tickSize, qty: 100 as Qty, timeInForce: 'gtc' as const, guard: { signal, recheck },
      });
      // Bounded by the deadline: six back-offs of up to 5 s would have taken ~11 s.
      let t0 = performance.now();
      const bounded = await venue.trading!.placeOrder(order('storm-1', new AbortController().signal));
      expect(performance.now() - t0).toBeLessThan(2_500);
      expect(bounded).toMatchObject({ status: 'rejected', rejectReason: expect.stringMatching(/not sent/) });
      // The kill switch during the back-off: the order gives up at once.
      const kill = new AbortController();
      let killed = false;
      t0 = performance.now();
      const throttledBefore = venue.rest.stats.rateLimited;
      const stopped = venue.trading!.placeOrder(order('storm-2', kill.signal, () => (killed ? 'kill switch' : null)));
      await until(() => venue.rest.stats.rateLimited > throttledBefore, 'a 429', 5_000, 1);
      const abortAt = performance.now();
      killed = true;
      kill.abort(new Error('kill switch'));
      const answer = await stopped;
      expect(performance.now() - abortAt).toBeLessThan(100);
      expect(answer).toMatchObject({ status: 'rejected', rejectReason: expect.stringMatching(/not sent/) });
      sim.faults.clear();
      expect(sim.truth.kalshi.orders().filter((o) => o.clientOrderId.startsWith('storm-'))).toEqual([]);
    } finally {
      venue.dispose();
    }
  });

  it('pre-flight refuses what the venues would, and nothing reaches them (point 4)', async () => {
    const r = await start();
    const poly = [...r.infos.values()].find((x) => x.venue === 'polymarket')!;
    const kalshi = [...r.infos.values()].find((x) => x.venue === 'kalshi')!;
    const before = sim.truth.polymarket.orders().length + sim.truth.kalshi.orders().length;
    const req = (m: MarketInfo, qty: number, price: number) => ({ clientOrderId: `pf-${qty}-${price}`, market: m.ref, outcome: 'no' as const, side: 'buy' as const, qty: qty as Qty, limitPrice: price as Price, timeInForce: 'ioc' as const });
    const pm = r.polymarket.trading!;
    // The feed narrowed the tick to 0.001 (above 0.96: venues.md §2.4; the registry follows tick_size_change).
    r.polymarket.registry.byRef(poly.ref)!.tick = 10 as Price;
    // 5 × 0.965 = 4.825 → 4.83 at 2 decimals of pUSD = 0.966 a share: past the limit.
    expect(await pm.preflight(req(poly, 500, 9650), poly)).toMatch(/cannot be expressed/);
    await expect(pm.prepareOrder(req(poly, 500, 9650))).rejects.toBeInstanceOf(OrderRefusedError);
    expect(await pm.placeOrder(req(poly, 500, 9650))).toMatchObject({ status: 'rejected', permanent: true });
    // 6 × 0.965 = 5.79 is exact: accepted by pre-flight.
    expect(await pm.preflight(req(poly, 600, 9650), poly)).toBeNull();
    // Under the market's minimum (`min_order_size`, 5 shares: "Size (1.08) lower than the minimum: 5",
    // Polymarket/py-clob-client#301), under $1 for a marketable BUY (market orders' minimum amount:
    // nautechsystems/nautilus_trader#3874 — reported, not in the official docs), more than the balance.
    expect(await pm.preflight(req(poly, 400, 5000), poly)).toMatch(/below the market's minimum/);
    r.polymarket.registry.byRef(poly.ref)!.tick = poly.tickSize;
    expect(await pm.preflight(req(poly, 500, 1000), poly)).toMatch(/below Polymarket's \$1 minimum/);
    expect(await pm.preflight(req(poly, 5_000_000, 5000), poly)).toMatch(/pUSD balance is/);
    // A sell of shares the account does not hold.
    expect(await pm.preflight({ ...req(poly, 500, 5000), side: 'sell' }, poly)).toMatch(/can be sold now/);
    // Kalshi: whole contracts, and a balance that covers the order at its limit plus the largest fee.
    expect(await r.kalshi.trading!.preflight(req(kalshi, 150, 5000), kalshi)).toMatch(/whole contracts/);
    expect(await r.kalshi.trading!.preflight(req(kalshi, 10_000_000, 9900), kalshi)).toMatch(/Kalshi balance is \$10000/);
    expect(await r.kalshi.trading!.preflight(req(kalshi, 500, 5000), kalshi)).toBeNull();
    expect(sim.truth.polymarket.orders().length + sim.truth.kalshi.orders().length).toBe(before);
  });

  it('a Polymarket flatten waits until the shares it bought have settled, then sells them (point 7)', async () => {
    const r = await start({ execution: { config: { sellableWaitMs: 8_000 } } });
    // Kalshi refuses every order; shares bought on Polymarket settle 2 s after their match. On the
    // venue a SELL right after a matched BUY is refused "not enough balance / allowance" until then
    // (Polymarket/py-clob-client#290, #287); GET /balance-allowance/update forces the balance fresh
    // from the chain (polymarket-clob.openapi.yaml).
    sim.faults.set('reject=kalshi:1,settle=polymarket:2s');
    const result = await executeNext(r, 5);
    sim.faults.clear();
    expect(result.status).toBe('flattened');
    const held = r.engine.services.ledger.basketPositions(result.executionId)!.legs.map((l) => new Money(l.state.held));
    expect(held.every((h) => h.lt(1))).toBe(true);
    const flatten = r.engine.services.ledger.ordersOfBasket(result.executionId).filter((o) => o.purpose === 'flatten');
    expect(flatten.every((o) => o.venue === 'polymarket' && o.side === 'sell')).toBe(true);
    // It waited instead of burning its attempts on "not enough balance / allowance".
    expect(flatten.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(r.engine.services.risk.state().trips.filter((t) => t.kind === 'unhedged_exposure')).toEqual([]);
    const polyTrades = sim.truth.polymarket.trades().filter((t) => t.side === 'SELL');
    expect(polyTrades.length).toBeGreaterThan(0);
  });
});
