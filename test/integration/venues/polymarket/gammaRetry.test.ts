// A Gamma page that fails on the way (a proxy in front of the simulator answers it first): the page
// is asked again in place, with backoff, and discovery ends with the same markets. Polymarket's
// limits are enforced by Cloudflare, which throttles first and answers 429 to sustained excess
// (shared/reference/venues.md §2.12; /events: 500 requests per 10 s); a 429's Retry-After is
// honoured, and one asking for more than a minute fails discovery at once, naming the page. The
// link watch's read of its markets' terms (/markets?condition_ids) is asked again the same way.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { MAX_RETRY_AFTER_MS, PAGE_TRIES } from '../../../../src/engine/venues/polymarket/gamma';
import type { MarketTerms } from '../../../../src/engine/venues/venue';
import { marketRef, type MarketRef } from '../../../../src/shared/ids';
import { venueFor, type LogLine } from './helpers';
import type { HttpFault, FaultProxy } from '../../../helpers/faultProxy';
import { gammaProxy } from './proxies';

const PAGE = 7;
const FAILING_OFFSET = 2 * PAGE; // the third page

let sim: SimulatorHandle;
let proxy: FaultProxy | undefined;
let expected: string[];
beforeAll(async () => {
  sim = await startSimulator({ seed: 'poly-gamma-retry', markets: 60, autoRun: false, dislocationEverySec: 0 });
  const { venue } = venueFor(sim, { gammaPageSize: PAGE });
  try {
    expected = (await venue.discover()).markets.map((m) => m.id).sort();
  } finally {
    venue.dispose();
  }
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});
afterAll(async () => {
  await sim?.close();
});

async function discoverThrough(faults: HttpFault[]) {
  proxy = await gammaProxy(sim.endpoints.polymarket.gamma, FAILING_OFFSET, faults);
  const p = sim.endpoints.polymarket;
  const { venue, logs } = venueFor(sim, { gammaPageSize: PAGE, endpoints: { clob: p.clob, gamma: proxy.base, ws: p.ws, userWs: p.userWs } });
  const started = performance.now();
  try {
    const result = await venue.discover().then(
      (d) => ({ ok: true as const, ids: d.markets.map((m) => m.id).sort() }),
      (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
    );
    return { result, logs, ms: performance.now() - started, asked: proxy.requests.filter((r) => r.path === '/events') };
  } finally {
    venue.dispose();
  }
}

const retries = (logs: LogLine[]) => logs.filter((l) => /Gamma \/events page 3 \(offset 14\).*asking again/.test(l.message));

describe('Polymarket discovery when a Gamma page fails', () => {
  it('asks a page that answered 500 twice again in place and finds the same markets', async () => {
    expect(expected.length).toBeGreaterThan(3 * PAGE);
    const { result, logs, asked } = await discoverThrough([{ status: 500 }, { status: 500 }]);
    expect(result).toEqual({ ok: true, ids: expected });
    // Pages 1 and 2 once each (not restarted), page 3 three times, then on to the end.
    const offsets = asked.map((r) => Number(r.offset));
    expect(offsets.slice(0, 5)).toEqual([0, PAGE, FAILING_OFFSET, FAILING_OFFSET, FAILING_OFFSET]);
    expect(offsets.filter((o) => o === 0)).toHaveLength(1);
    expect(offsets.slice(4)).toEqual([...offsets.slice(4)].sort((a, b) => a - b));
    expect(retries(logs)).toHaveLength(2);
  });

  it('waits as long as a 429 asks (Retry-After) before asking again', async () => {
    const { result, asked } = await discoverThrough([{ status: 429, headers: { 'Retry-After': '1' } }]);
    expect(result).toEqual({ ok: true, ids: expected });
    const tries = asked.filter((r) => Number(r.offset) === FAILING_OFFSET);
    expect(tries).toHaveLength(2);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('fails at once, naming the page, when a 429 asks for a wait of more than a minute', async () => {
    const { result, ms, asked } = await discoverThrough([{ status: 429, headers: { 'Retry-After': String(MAX_RETRY_AFTER_MS / 1000 + 60) } }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/Gamma \/events page 3 \(offset 14\).*wait 120 s.*Retry-After/);
    expect(asked.filter((r) => Number(r.offset) === FAILING_OFFSET)).toHaveLength(1);
    expect(ms).toBeLessThan(10_000);
  });

  it(`gives up on a page after ${PAGE_TRIES} failed tries, naming its number and offset`, async () => {
    const { result, asked } = await discoverThrough(Array.from({ length: PAGE_TRIES }, () => ({ status: 503 })));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(new RegExp(`^Gamma /events page 3 \\(offset 14\\) failed ${PAGE_TRIES} times; the last: GET /events failed with HTTP 503`));
    expect(asked.filter((r) => Number(r.offset) === FAILING_OFFSET)).toHaveLength(PAGE_TRIES);
  });

  it('does not ask again after a refusal that another try cannot change (400)', async () => {
    const { result, asked } = await discoverThrough([{ status: 400 }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/HTTP 400/);
    expect(asked.filter((r) => Number(r.offset) === FAILING_OFFSET)).toHaveLength(1);
  });
});

describe("the link watch's read of Polymarket terms when Gamma fails", () => {
  let refs: MarketRef[];
  let terms: MarketTerms[];
  beforeAll(async () => {
    refs = expected.slice(0, 5).map((id) => marketRef('polymarket', id));
    const { venue } = venueFor(sim);
    try {
      terms = await venue.watchMarkets(refs);
    } finally {
      venue.dispose();
    }
  });

  async function readThrough(faults: HttpFault[]) {
    proxy = await gammaProxy(sim.endpoints.polymarket.gamma, 0, faults, (url) => url.pathname === '/markets' && url.searchParams.has('condition_ids'));
    const p = sim.endpoints.polymarket;
    const { venue, logs } = venueFor(sim, { endpoints: { clob: p.clob, gamma: proxy.base, ws: p.ws, userWs: p.userWs } });
    try {
      const result = await venue.watchMarkets(refs).then(
        (read) => ({ ok: true as const, terms: read }),
        (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) }),
      );
      const again = logs.filter((l) => /Gamma \/markets\?condition_ids \(5 markets\).*asking again/.test(l.message));
      return { result, again, asked: proxy.requests.filter((r) => r.path === '/markets') };
    } finally {
      venue.dispose();
    }
  }

  it('asks again after two 500s and reads the same terms', async () => {
    expect(terms).toHaveLength(refs.length);
    const { result, again, asked } = await readThrough([{ status: 500 }, { status: 500 }]);
    expect(result).toEqual({ ok: true, terms });
    expect(asked).toHaveLength(3);
    expect(again).toHaveLength(2);
  });

  it('waits as long as a 429 asks (Retry-After) before asking again', async () => {
    const { result, asked } = await readThrough([{ status: 429, headers: { 'Retry-After': '1' } }]);
    expect(result).toEqual({ ok: true, terms });
    expect(asked).toHaveLength(2);
    expect(asked[1]!.at - asked[0]!.at).toBeGreaterThanOrEqual(1_000);
  });

  it(`fails after ${PAGE_TRIES} failed tries, naming the read`, async () => {
    const { result, asked } = await readThrough(Array.from({ length: PAGE_TRIES }, () => ({ status: 503 })));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(new RegExp(`^Gamma /markets\\?condition_ids \\(5 markets\\) failed ${PAGE_TRIES} times; the last: GET /markets failed with HTTP 503`));
    expect(asked).toHaveLength(PAGE_TRIES);
  });

  it('does not ask again after a refusal that another try cannot change (400)', async () => {
    const { result, asked } = await readThrough([{ status: 400 }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/HTTP 400/);
    expect(asked).toHaveLength(1);
  });
});
