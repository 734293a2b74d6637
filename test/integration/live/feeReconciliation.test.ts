// Fees as charged, end to end: a live execution against the simulator through the real
// connectors; every fill's fee as the venue reports it (Kalshi fee_cost, Polymarket fee_rate_bps on
// the trade) is compared with the engine's fee model for that market — the model built from the
// venue's published schedule (Kalshi: 0.07 × the series' relative multiplier). They agree, the
// Venues pane and /api/metrics show both totals, and nothing trips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionResult, Metrics } from '../../../src/shared/contract';
import { startSimulator, type SimulatorHandle } from '../../../src/sim';
import { tempDir } from '../../helpers/tempDir';
import { liveRig, type LiveRig } from '../execution/liveRig';

let sim: SimulatorHandle;
let rig: LiveRig;
const dir = tempDir();

beforeAll(async () => {
  sim = await startSimulator({ seed: 'fee-reconcile', markets: 10, dislocationEverySec: 2 });
  rig = await liveRig(sim.endpoints, dir.path, { execution: { config: { orderTimeoutMs: 4_000, lookupTimeoutMs: 6_000, unknownResolveMs: 10_000 } } });
  // The engine prices from its universe: the markets as the connectors discovered them.
  const infos = [...rig.infos.values()];
  for (const venue of ['kalshi', 'polymarket'] as const) rig.engine.services.universe.setDiscovery(venue, { markets: infos.filter((m) => m.venue === venue), exclusiveSets: [], implications: [] });
});
afterAll(async () => {
  rig?.dispose();
  await sim?.close();
  dir.remove();
});

describe('fee reconciliation after live fills', () => {
  it('every live fill’s reported fee matches the model built from the published schedule', async () => {
    let result: ExecutionResult | null = null;
    for (let attempt = 0; attempt < 30 && result?.status !== 'filled'; attempt++) {
      const o = await rig.waitForOpportunity({ minSize: 5, strategy: 'cross_venue' });
      result = (await rig.call('execute', { opportunityId: o.basket.id, size: 5 })).result as ExecutionResult;
      if (result.status !== 'filled') await new Promise((r) => setTimeout(r, 300));
    }
    expect(result?.status).toBe('filled');
    // Through the engine's own wiring: the ledger's fills reached the reconciler.
    const kalshi = rig.engine.services.fees.summary('kalshi')!;
    expect(kalshi.fills).toBeGreaterThan(0);
    expect(kalshi).toMatchObject({ mismatches: 0, lastMismatch: null });
    expect(Number(kalshi.charged)).toBeGreaterThan(0);
    expect(Math.abs(Number(kalshi.modelled) - Number(kalshi.charged))).toBeLessThanOrEqual(0.01 * kalshi.fills);
    const poly = rig.engine.services.fees.summary('polymarket')!;
    expect(poly.fills).toBeGreaterThan(0);
    expect(poly.mismatches).toBe(0);
    expect(rig.engine.services.risk.state().trips.filter((t) => t.kind === 'fee_mismatch')).toEqual([]);
    const metrics = (await rig.call('getMetrics')).result as Metrics;
    expect(metrics.venues.find((v) => v.venue === 'kalshi')!.feeReconciliation).toMatchObject({ fills: kalshi.fills, modelled: kalshi.modelled, charged: kalshi.charged, mismatches: 0 });
  });
});
