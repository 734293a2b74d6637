import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../src/shared/contract';
import type { Qty } from '../../../src/shared/units';
import { Money, sum } from '../../../src/engine/positions/money';
import type { SizedBasket } from '../../../src/engine/scanner/basket';
import { startSimulator, type SimulatorHandle } from '../../../src/sim';
import { tempDir } from '../../helpers/tempDir';
import { liveRig, type LiveRig, type LiveRigOptions } from './liveRig';

/** Every fill the ledger holds for a basket, matched against the simulator's own record of it. */
function expectLedgerMatchesTruth(rig: LiveRig, sim: SimulatorHandle, basketId: string): void {
  const kalshiTruth = new Map(sim.truth.kalshi.fills().map((f) => [f.tradeId, f]));
  const polyTruth = new Map(sim.truth.polymarket.trades().map((t) => [t.id, t]));
  for (const order of rig.engine.ledger.ordersOfBasket(basketId)) {
    const fills = rig.engine.ledger.fillsOfOrder(order.clientOrderId);
    for (const fill of fills) {
      if (fill.venue === 'kalshi') {
        const t = kalshiTruth.get(fill.venueFillId);
        expect(t, `kalshi fill ${fill.venueFillId}`).toBeDefined();
        expect(new Money(t!.count).eq(fill.qty)).toBe(true);
        expect(new Money(t!.fee).eq(fill.fee)).toBe(true);
        const yes = new Money(t!.yesPrice);
        expect((order.outcome === 'yes' ? yes : new Money(1).minus(yes)).eq(fill.price)).toBe(true);
      } else {
        const t = polyTruth.get(fill.venueFillId);
        expect(t, `polymarket trade ${fill.venueFillId}`).toBeDefined();
        expect(new Money(t!.size).eq(fill.qty)).toBe(true);
        expect(new Money(t!.price).eq(fill.price)).toBe(true);
      }
    }
    // What the venue says the order filled is what the ledger holds.
    if (order.venue === 'kalshi' && order.venueOrderId) {
      const truth = sim.truth.kalshi.fills().filter((f) => f.orderId === order.venueOrderId);
      expect(sum(truth.map((f) => new Money(f.count))).eq(order.filledQty)).toBe(true);
    }
    if (order.venue === 'polymarket' && order.venueOrderId) {
      const truth = sim.truth.polymarket.trades().filter((t) => t.takerOrderId === order.venueOrderId);
      expect(sum(truth.map((t) => new Money(t.size))).eq(order.filledQty)).toBe(true);
    }
  }
}

/** What every leg of a basket holds, from the ledger. */
const held = (rig: LiveRig, basketId: string) => rig.engine.ledger.basketPositions(basketId)!.legs.map((l) => l.state.held.toFixed());

describe('execution against the simulator through the real connectors', () => {
  let sim: SimulatorHandle;
  let rig: LiveRig;
  let dir: ReturnType<typeof tempDir>;

  let runs = 0;
  const start = async (options: LiveRigOptions = {}) => {
    dir = tempDir();
    sim = await startSimulator({ seed: `exec-${++runs}`, markets: 10, dislocationEverySec: 2 });
    rig = await liveRig(sim.endpoints, dir.path, { ...options, execution: { config: { orderTimeoutMs: 4_000, lookupTimeoutMs: 6_000, unknownResolveMs: 10_000, ...options.execution?.config } } });
  };
  afterEach(async () => {
    rig?.dispose();
    await sim?.close();
    dir?.remove();
  });

  /** Waits for an opportunity, applies `before` (faults) and executes it; retries if the dislocation closed first. */
  async function executeNext(size: number, strategy?: string, before?: (o: SizedBasket) => void): Promise<ExecutionResult> {
    for (let attempt = 0; ; attempt++) {
      const o = await rig.waitForOpportunity({ minSize: size, ...(strategy ? { strategy } : {}) });
      before?.(o);
      const r = await rig.call('execute', { opportunityId: o.basket.id, size });
      const result = r.result as ExecutionResult;
      // A dislocation can close between seeing it and sending, or be profitable only above `size`
      // (Kalshi rounds each order's fee up to a cent): that is a refusal; wait for the world to move.
      if (result.status === 'refused' && attempt < 30 && /No longer profitable|stale|unknown|\$1 minimum/.test(result.reason ?? '')) {
        sim.faults.clear();
        await new Promise((resolve) => setTimeout(resolve, 300));
        continue;
      }
      return result;
    }
  }

  it('a clean two-leg fill: both legs filled, the ledger holds exactly the venues\' fills', async () => {
    await start();
    const r = await executeNext(5);
    expect(r).toMatchObject({ status: 'filled', size: 5, mode: 'live' });
    expect(r.legs.map((l) => l.status)).toEqual(['filled', 'filled']);
    expectLedgerMatchesTruth(rig, sim, r.executionId);
    const basket = rig.engine.positions().baskets.find((b) => b.id === r.executionId)!;
    expect(basket).toMatchObject({ status: 'open', matched: '5', unmatched: '0' });
    expect(new Money(basket.lockedIn).gt(0)).toBe(true);
    expect(rig.engine.risk.state()).toMatchObject({ state: 'closed', consecutiveErrors: 0 });
  });

  it('a partial fill (partial= fault) is completed or flattened: the legs end equal, nothing hidden', async () => {
    await start();
    const r = await executeNext(10, 'cross_venue', () => sim.faults.set('partial=polymarket:1'));
    expect(['completed', 'flattened']).toContain(r.status);
    // Equal, or within a remainder under one contract that no order can trade (Kalshi trades whole
    // contracts, Polymarket fills fractions): shown in Positions and named in the result.
    const legs = held(rig, r.executionId).map((h) => new Money(h));
    const gap = legs[0]!.minus(legs[1]!).abs();
    expect(gap.lt(1)).toBe(true);
    if (gap.gt(0)) expect(r.reason).toMatch(/left unmatched: below the smallest order the venue accepts/);
    const unmatched = rig.engine.positions().baskets.find((b) => b.id === r.executionId)?.unmatched ?? '0';
    expect(new Money(unmatched).eq(gap)).toBe(true);
    expect(rig.engine.risk.state().trips).toEqual([]);
    expectLedgerMatchesTruth(rig, sim, r.executionId);
    expect(rig.engine.ledger.ordersOfBasket(r.executionId).some((o) => o.purpose !== 'entry')).toBe(true);
  });

  it('a rejected leg (reject= fault): the filled leg is flattened; the failed execution counts once towards the breaker', async () => {
    await start();
    const r = await executeNext(5, 'cross_venue', () => sim.faults.set('reject=polymarket:1'));
    expect(r.status).toBe('flattened');
    expect(r.legs.find((l) => l.venue === 'polymarket')!.status).toBe('rejected');
    expect(held(rig, r.executionId)).toEqual(['0', '0']);
    const flatten = rig.engine.ledger.ordersOfBasket(r.executionId).filter((o) => o.purpose === 'flatten');
    expect(flatten.length).toBeGreaterThan(0);
    expect(flatten.every((o) => o.venue === 'kalshi' && o.side === 'sell')).toBe(true);
    expectLedgerMatchesTruth(rig, sim, r.executionId);
    expect(rig.engine.risk.state().consecutiveErrors).toBe(1);
  });

  it('a disconnect mid-order (latency + dropped connections): the outcome is looked up, never guessed', async () => {
    await start({ execution: { config: { orderTimeoutMs: 700 } } });
    const r = await executeNext(5, 'cross_venue', () => {
      sim.faults.set('latency=polymarket:1500ms');
      setTimeout(() => sim.faults.dropConnections('polymarket'), 200);
    });
    sim.faults.clear();
    expect(['filled', 'completed', 'flattened']).toContain(r.status);
    const poly = rig.engine.ledger.ordersOfBasket(r.executionId).find((o) => o.venue === 'polymarket' && o.purpose === 'entry')!;
    expect(rig.engine.ledger.orderEvents(poly.clientOrderId).map((e) => e.status)).toContain('unknown');
    expect(poly.final).toBe(true);
    const legs = held(rig, r.executionId).map((h) => new Money(h));
    expect(legs[0]!.minus(legs[1]!).abs().lt(1)).toBe(true);
    expectLedgerMatchesTruth(rig, sim, r.executionId);
  });

  it('the breaker trips on consecutive errors through the executor, then a half-open probe closes it', async () => {
    await start({ limits: { maxConsecutiveErrors: 2, cooldownSeconds: 1, probeSize: 5 } });
    // Each failed execution is one error, however many of its orders the venues refused.
    for (let i = 0; i < 2; i++) {
      const failed = await executeNext(5, 'cross_venue', () => sim.faults.set('reject=1'));
      expect(failed).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^nothing filled/) });
    }
    sim.faults.clear();
    expect(rig.engine.risk.state()).toMatchObject({ state: 'open', trips: [expect.objectContaining({ kind: 'consecutive_errors' })] });
    const o = await rig.waitForOpportunity({ minSize: 5 });
    expect(await rig.call('execute', { opportunityId: o.basket.id, size: 5 })).toMatchObject({ result: { status: 'refused', reason: expect.stringMatching(/^Breaker open/) } });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const probe = await executeNext(5);
    expect(probe.status).toBe('filled');
    expect(rig.engine.risk.state().state).toBe('closed');
    expect(rig.engine.risk.state().trips.map((t) => t.kind)).toEqual(['consecutive_errors']);
  });

  it('the kill switch cancels every resting order and blocks an execution started after it', async () => {
    await start();
    const markets = [...rig.infos.values()].slice(0, 3);
    for (const m of markets) {
      const api = m.venue === 'kalshi' ? rig.kalshi.trading! : rig.polymarket.trading!;
      const placed = await api.placeOrder({ clientOrderId: `rest-${m.id}`, market: m.ref, outcome: 'yes', side: 'buy', limitPrice: m.tickSize, qty: Math.max(m.minOrderSize, 100) as Qty, timeInForce: 'gtc' });
      expect(placed.status).toBe('resting');
    }
    const resting = () => sim.truth.kalshi.restingOrders().length + sim.truth.polymarket.restingOrders().length;
    expect(resting()).toBe(3);
    const o = await rig.waitForOpportunity({ minSize: 5 });
    const [kill, execute] = await Promise.all([rig.call('killSwitch'), rig.call('execute', { opportunityId: o.basket.id, size: 5 })]);
    expect(kill).toMatchObject({ ok: true, result: { failed: [] } });
    expect((kill.result as { cancelled: unknown[] }).cancelled).toHaveLength(3);
    expect(resting()).toBe(0);
    expect(execute).toMatchObject({ ok: true, result: { status: 'refused', reason: 'Kill switch engaged by the trader' } });
    expect(rig.engine.ledger.basketIds()).toEqual([]);
  });
});
