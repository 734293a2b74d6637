import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../src/shared/contract';
import { Money } from '../../../src/engine/positions/money';
import { startSimulator, type SimulatorHandle } from '../../../src/sim';
import { tempDir } from '../../helpers/tempDir';
import { liveRig, type LiveRig } from './liveRig';

/** Every fill the ledger holds for a basket, matched against the simulator's own record of it. */
function expectLedgerMatchesTruth(rig: LiveRig, sim: SimulatorHandle, basketId: string): void {
  const kalshiTruth = new Map(sim.truth.kalshi.fills().map((f) => [f.tradeId, f]));
  const polyTruth = new Map(sim.truth.polymarket.trades().map((t) => [t.id, t]));
  for (const order of rig.engine.ledger.ordersOfBasket(basketId)) {
    for (const fill of rig.engine.ledger.fillsOfOrder(order.clientOrderId)) {
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
  }
}

describe('execution against the simulator through the real connectors', () => {
  let sim: SimulatorHandle;
  const dir = tempDir();
  let rig: LiveRig;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'exec-clean', markets: 10, dislocationEverySec: 2 });
    rig = await liveRig(sim.endpoints, dir.path, { execution: { config: { orderTimeoutMs: 4_000, unknownResolveMs: 8_000 } } });
  });
  afterAll(async () => {
    rig?.dispose();
    await sim?.close();
    dir.remove();
  });

  async function executeNext(size = 5): Promise<ExecutionResult> {
    for (let attempt = 0; ; attempt++) {
      const o = await rig.waitForOpportunity({ minSize: size });
      const r = await rig.call('execute', { opportunityId: o.basket.id, size });
      const result = r.result as ExecutionResult;
      // A dislocation can close between seeing it and sending: that is a refusal, try the next.
      if (result.status === 'refused' && attempt < 5 && /No longer profitable|stale/.test(result.reason ?? '')) continue;
      return result;
    }
  }

  it('a clean two-leg fill: both legs filled, the ledger holds exactly the venues\' fills', async () => {
    const r = await executeNext(5);
    expect(r).toMatchObject({ status: 'filled', size: 5, mode: 'live' });
    expect(r.legs.map((l) => l.status)).toEqual(['filled', 'filled']);
    expectLedgerMatchesTruth(rig, sim, r.executionId);
    const basket = rig.engine.positions().baskets.find((b) => b.id === r.executionId)!;
    expect(basket).toMatchObject({ status: 'open', matched: '5', unmatched: '0' });
    expect(new Money(basket.lockedIn).gt(0)).toBe(true);
  });
});
