// Polymarket US discovery against the simulator under the public gateway's limit: 20 requests a
// second per IP, answered 429 `{"status": 429, "message": "Too Many Requests"}` beyond it
// (shared/reference/next-venues.md §1.10, from the docs' api-reference/rate-limits.md; the
// simulator enforces it per client address). Pages are paced under the limit; a page answered 429
// or 5xx is asked again in place, so one bad answer does not fail the venue's discovery.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/engine/platform/clock';
import { createPmUsVenue, type PmUsVenue } from '../../../../src/engine/venues/polymarket-us/connector';
import '../../../../src/engine/venues';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { faultProxy, type FaultProxy } from '../../../helpers/faultProxy';

let sim: SimulatorHandle;
const venues: PmUsVenue[] = [];
let proxy: FaultProxy | undefined;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'pmus-discovery', markets: 60, autoRun: false, dislocationEverySec: 0 });
});
afterEach(async () => {
  for (const v of venues.splice(0)) v.dispose();
  await proxy?.close();
  proxy = undefined;
});
afterAll(async () => {
  await sim?.close();
});

/** A venue without keys (discovery is public) reading `pageSize` markets a page from `gateway`. */
function venueOn(gateway: string, pageSize: number): PmUsVenue {
  const e = sim.endpoints['polymarket-us'];
  const venue = createPmUsVenue({ venue: 'polymarket-us', environment: 'simulator', endpoints: { gateway, api: e.api, ws: e.ws }, credentials: null }, { clock: systemClock, log: () => undefined }, { discoveryPageSize: pageSize });
  venues.push(venue);
  return venue;
}

const listed = () => sim.polymarketUs.listings.map((l) => l.slug).sort();
const ids = (d: { markets: { id: string }[] }) => d.markets.map((m) => m.id).sort();

describe('Polymarket US discovery and the public gateway limit', () => {
  it('reads more pages than the gateway allows in a second without one 429, and every market once', async () => {
    expect(listed().length).toBeGreaterThanOrEqual(25);
    const throttled = sim.polymarketUs.throttled();
    const started = performance.now();
    const d = await venueOn(sim.endpoints['polymarket-us'].gateway, 1).discover();
    expect(ids(d)).toEqual(listed());
    expect(sim.polymarketUs.throttled()).toBe(throttled);
    // One request a market plus the last, empty page: paced, they span more than a second.
    expect(performance.now() - started).toBeGreaterThan(1_000);
  });

  it('asks a page answered 503 and then 429 again in place and finds the same markets', async () => {
    proxy = await faultProxy(sim.endpoints['polymarket-us'].gateway, [{ status: 503 }, { status: 429 }], (url) => url.pathname === '/v1/markets' && url.searchParams.get('offset') === '20');
    const d = await venueOn(proxy.base, 10).discover();
    expect(ids(d)).toEqual(listed());
    const offsets = proxy.requests.map((r) => r.offset);
    expect(offsets).toEqual(['0', '10', '20', '20', '20', ...offsets.slice(5)]);
    expect(offsets.filter((o) => o === '0')).toHaveLength(1);
  });

  it('two sessions on one address outrun the limit together: the 429s are waited out and both find every market', async () => {
    const throttled = sim.polymarketUs.throttled();
    const gateway = sim.endpoints['polymarket-us'].gateway;
    const [a, b] = await Promise.all([venueOn(gateway, 1).discover(), venueOn(gateway, 1).discover()]);
    expect(ids(a)).toEqual(listed());
    expect(ids(b)).toEqual(listed());
    expect(sim.polymarketUs.throttled()).toBeGreaterThan(throttled);
  });

  it('does not ask again after a refusal another try cannot change (400), and says so', async () => {
    proxy = await faultProxy(sim.endpoints['polymarket-us'].gateway, [{ status: 400 }], (url) => url.pathname === '/v1/markets');
    await expect(venueOn(proxy.base, 10).discover()).rejects.toThrow(/injected 400/);
    expect(proxy.requests).toHaveLength(1);
  });
});
