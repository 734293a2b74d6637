// The kill switch's Polymarket cancel-all when the CLOB does not take it the first time. Polymarket's
// limits are enforced by Cloudflare, which queues first and answers 429 to sustained excess
// (docs.polymarket.com api-reference/rate-limits; shared/reference/venues.md §2.12: DELETE
// /cancel-all 250 per 10 s). A proxy in front of the simulator's CLOB answers DELETE /cancel-all
// with the fault first; the kill switch, the connector, the L2 signing and the simulator are real.
// Cancel-all is idempotent, so a 429, a 5xx or a lost answer is asked again; a refusal is not. The
// statuses the venue publishes for DELETE /cancel-all are 401, 500 and 503, each with an `{"error"}`
// body (shared/reference/upstream/polymarket-clob.openapi.yaml, operationId cancelAllOrders); the
// 429 comes from the rate-limit docs above.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KillSwitch } from '../../../../src/engine/risk/killSwitch';
import type { PolymarketVenue } from '../../../../src/engine/venues/polymarket/connector';
import type { MarketInfo, OrderRequest } from '../../../../src/engine/venues/venue';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { parsePrice, type Price, type Qty } from '../../../../src/shared/units';
import { riskRig, type RiskRig } from '../../../unit/engine/risk/fixtures';
import { venueFor, type LogLine } from './helpers';
import { faultProxy, type FaultProxy, type HttpFault } from '../../../helpers/faultProxy';

let sim: SimulatorHandle;
let proxy: FaultProxy | undefined;
let venue: PolymarketVenue | undefined;
let rig: RiskRig | undefined;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'poly-cancel-all-retry', markets: 20, autoRun: false, dislocationEverySec: 0 });
});
afterEach(async () => {
  // What a failed cancel-all left resting is cancelled straight at the simulator, so each test starts with none.
  if (sim.truth.polymarket.restingOrders().length > 0) {
    const direct = venueFor(sim, { trading: true }).venue;
    await direct.trading!.cancelAll().finally(() => direct.dispose());
  }
  venue?.dispose();
  rig?.remove();
  await proxy?.close();
  venue = undefined;
  rig = undefined;
  proxy = undefined;
});
afterAll(async () => {
  await sim?.close();
});

/** A trading venue whose CLOB calls go through a proxy answering DELETE /cancel-all with `faults` first; three orders resting. */
async function restingThrough(faults: HttpFault[]): Promise<{ venue: PolymarketVenue; resting: string[]; logs: LogLine[]; cancelAlls: () => number[] }> {
  const p = sim.endpoints.polymarket;
  proxy = await faultProxy(p.clob, faults, (url, method) => method === 'DELETE' && url.pathname === '/cancel-all');
  const built = venueFor(sim, { trading: true, endpoints: { clob: proxy.base, gamma: p.gamma, ws: p.ws, userWs: p.userWs } });
  venue = built.venue;
  const markets = (await venue.discover()).markets.filter((m) => m.status === 'open');
  await venue.trading!.authenticate();
  const resting: string[] = [];
  for (const m of markets.slice(0, 3)) {
    const r = await venue.trading!.placeOrder(lowBid(m));
    expect(r.status).toBe('resting');
    resting.push(r.venueOrderId!);
  }
  expect(sim.truth.polymarket.restingOrders()).toHaveLength(3);
  const seen = proxy;
  return { venue, resting, logs: built.logs, cancelAlls: () => seen.requests.filter((r) => r.method === 'DELETE' && r.path === '/cancel-all').map((r) => r.at) };
}

/** A GTC buy three ticks under the best bid: it rests. */
function lowBid(m: MarketInfo): OrderRequest {
  const bid = (parsePrice(sim.truth.polymarket.book(m.tokens!.yes).bids.at(-1)![0]) as { value: Price }).value;
  const limitPrice = Math.max(m.tickSize, bid - 3 * m.tickSize) as Price;
  return { clientOrderId: randomUUID(), market: m.ref, outcome: 'yes', side: 'buy', limitPrice, qty: 600 as Qty, timeInForce: 'gtc' };
}

function killSwitchFor(v: PolymarketVenue): KillSwitch {
  rig = riskRig();
  const kill = new KillSwitch({ breaker: rig.breaker, clock: rig.clock });
  kill.registerCanceller('polymarket', (signal) => v.trading!.cancelAll(signal));
  return kill;
}

describe('the kill switch on Polymarket when cancel-all is refused for a moment', () => {
  it('asks again after two 429s and cancels every resting order within the kill switch’s wait', async () => {
    const { venue: v, resting, logs, cancelAlls } = await restingThrough([{ status: 429 }, { status: 429 }]);
    const result = await killSwitchFor(v).engage();
    expect(result.failed).toEqual([]);
    expect(result.cancelled.map((c) => c.orderId).sort()).toEqual([...resting].sort());
    expect(sim.truth.polymarket.restingOrders()).toEqual([]);
    expect(cancelAlls()).toHaveLength(3);
    expect(logs.filter((l) => l.level === 'warn' && /Polymarket cancel-all: .*HTTP 429.*asking again/.test(l.message))).toHaveLength(2);
  });

  it('asks again after a 503 (a server error on an idempotent call)', async () => {
    const { venue: v, resting } = await restingThrough([{ status: 503 }]);
    const result = await killSwitchFor(v).engage();
    expect(result.failed).toEqual([]);
    expect(result.cancelled).toHaveLength(resting.length);
    expect(sim.truth.polymarket.restingOrders()).toEqual([]);
  });

  it('waits as long as a 429 asks (Retry-After) before asking again', async () => {
    const { venue: v, cancelAlls } = await restingThrough([{ status: 429, headers: { 'Retry-After': '1' } }]);
    const result = await v.trading!.cancelAll();
    expect(result.failed).toEqual([]);
    const at = cancelAlls();
    expect(at).toHaveLength(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1_000);
    expect(sim.truth.polymarket.restingOrders()).toEqual([]);
  });

  it('a cancel-all still waiting out a 429 when the kill switch stops waiting goes on, and its late answer is recorded', async () => {
    const { venue: v, resting, cancelAlls } = await restingThrough([{ status: 429, headers: { 'Retry-After': '4' } }]);
    rig = riskRig();
    const kill = new KillSwitch({ breaker: rig.breaker, clock: rig.clock });
    // As the venue host registers it: without the signal, so the retries outlive the kill switch's wait.
    kill.registerCanceller('polymarket', () => v.trading!.cancelAll());
    const late = new Promise<{ result: { cancelled: { orderId: string | null }[]; failed: unknown[] }; when: string }>((resolve) => kill.onDidSweep(resolve));
    const result = await kill.engage();
    expect(result.failed).toEqual([{ venue: 'polymarket', orderId: null, reason: expect.stringMatching(/^cancel-all did not answer within 3000 ms; its answer, if one comes, will show in Activity/) }]);
    const sweep = await late;
    expect(sweep.when).toBe('late');
    expect(sweep.result.failed).toEqual([]);
    expect(sweep.result.cancelled.map((c) => c.orderId).sort()).toEqual([...resting].sort());
    expect(sim.truth.polymarket.restingOrders()).toEqual([]);
    expect(cancelAlls()).toHaveLength(2);
    expect(rig.ledger.breakerStore.events().some((e) => e.kind === 'kill_switch_result' && (e.detail as { sweep?: string }).sweep === 'late')).toBe(true);
  });

  it('reports a 429 asking for a longer wait than it can give at once, naming it, and leaves the orders for the trader to see', async () => {
    const { venue: v, cancelAlls } = await restingThrough([{ status: 429, headers: { 'Retry-After': '60' } }]);
    const result = await killSwitchFor(v).engage();
    expect(result.cancelled).toEqual([]);
    expect(result.failed).toEqual([{ venue: 'polymarket', orderId: null, reason: expect.stringMatching(/Polymarket cancel-all: the venue asks to wait 60 s .*Retry-After/) }]);
    expect(cancelAlls()).toHaveLength(1);
    expect(sim.truth.polymarket.restingOrders()).toHaveLength(3);
  });

  it('does not ask again after a refusal another try cannot change (401), and says so', async () => {
    const { venue: v, cancelAlls } = await restingThrough([{ status: 401 }]);
    const result = await killSwitchFor(v).engage();
    expect(result.failed).toEqual([{ venue: 'polymarket', orderId: null, reason: expect.stringMatching(/^cancel-all failed: .*HTTP 401/) }]);
    expect(cancelAlls()).toHaveLength(1);
    expect(sim.truth.polymarket.restingOrders()).toHaveLength(3);
  });
});
