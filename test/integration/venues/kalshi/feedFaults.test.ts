// Faults the simulator does not make, injected by a proxy at the venue's edge: malformed frames
// (never a crash: counted, reported, books still exact) and a venue that refuses get_snapshot
// (the feed falls back to unsubscribe + subscribe). Plus a refused signature.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KalshiApiError, KalshiVenue } from '../../../../src/engine/venues/kalshi/connector';
import type { MarketInfo } from '../../../../src/engine/venues/venue';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { engineBook, health, quiesce, sleep, until, venueFor, wireScanner } from './helpers';
import { startWsProxy, type WsProxy } from './proxy';

let sim: SimulatorHandle;
let proxy: WsProxy;
let markets: MarketInfo[];
const venues: KalshiVenue[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'kalshi-feed-faults', markets: 16, speed: 20, dislocationEverySec: 0 });
  proxy = await startWsProxy(sim.endpoints.kalshi.ws);
  const probe = venueFor(sim);
  markets = (await probe.discover()).markets;
  probe.dispose();
});
afterEach(() => {
  sim.faults.clear();
  sim.clock.resume();
  proxy.hooks = {};
  for (const v of venues.splice(0)) v.dispose();
});
afterAll(async () => {
  await proxy?.close();
  await sim?.close();
});

function throughProxy(over: Parameters<typeof venueFor>[1] = {}): KalshiVenue {
  const v = venueFor(sim, { endpoints: { rest: sim.endpoints.kalshi.rest, ws: proxy.url }, ...over });
  venues.push(v);
  return v;
}

function expectEqualTruth(scanner: ReturnType<typeof wireScanner>['scanner']): void {
  for (const m of markets) {
    expect({ ticker: m.id, health: health(scanner, m.id), ...engineBook(scanner, m.id) }).toEqual({ ticker: m.id, health: 'live', ...sim.truth.kalshi.book(m.id) });
  }
}

describe('Kalshi market feed under injected faults', () => {
  it('ignores malformed frames without crashing, counts and reports them, and keeps exact books', async () => {
    let n = 0;
    proxy.hooks.fromVenue = (data, isBinary) => {
      n++;
      const frames: { data: string | Buffer; binary: boolean }[] = [];
      if (n % 40 === 0) frames.push({ data: 'not json {', binary: false });
      if (n % 55 === 0) frames.push({ data: Buffer.from([0, 1, 2, 255]), binary: true });
      if (n % 70 === 0) frames.push({ data: '[1,2,3]', binary: false });
      if (n % 85 === 0) frames.push({ data: '{"type":"orderbook_delta","sid":"one","seq":null,"msg":{"market_ticker":7}}', binary: false });
      frames.push({ data: data as Buffer, binary: isBinary });
      return frames;
    };
    const venue = throughProxy();
    const { scanner } = wireScanner(venue, markets);
    venue.feed.setMarkets(markets);
    await until(() => markets.every((m) => health(scanner, m.id) === 'live'), 15_000, 'live books');
    await sleep(4_000);
    await quiesce(sim, venue);
    expect(venue.feed.stats.malformed).toBeGreaterThan(3);
    expect(venue.feed.status()).toMatchObject({ connection: 'connected', detail: expect.stringMatching(/malformed frame\(s\) ignored/) });
    expect(venue.feed.stats.gaps).toBe(0);
    expectEqualTruth(scanner);
  });

  it('falls back to unsubscribe + subscribe when the venue refuses get_snapshot', async () => {
    let refused = 0;
    proxy.hooks.fromClient = (text) => {
      const m = JSON.parse(text) as { id?: number; cmd?: string; params?: { action?: string } };
      if (m.cmd === 'update_subscription' && m.params?.action === 'get_snapshot') {
        refused++;
        return JSON.stringify({ id: m.id, type: 'error', msg: { code: 18, msg: 'Command timeout' } });
      }
      return undefined;
    };
    const venue = throughProxy({ feed: { batchSize: 4 } });
    const { scanner } = wireScanner(venue, markets);
    venue.feed.setMarkets(markets);
    await until(() => markets.every((m) => health(scanner, m.id) === 'live'), 15_000, 'live books');
    sim.faults.set('gap=kalshi:0.02');
    await until(() => venue.feed.stats.resubscribes > 0, 15_000, 'a resubscribe');
    sim.faults.clear();
    expect(refused).toBeGreaterThan(0);
    await until(() => markets.every((m) => health(scanner, m.id) === 'live') && !/re-snapshotting/.test(venue.feed.status().detail ?? ''), 20_000, 'whole subscriptions');
    await sleep(1_000);
    await quiesce(sim, venue);
    expect(venue.feed.subscribedTickers().sort()).toEqual(markets.map((m) => m.id).sort());
    expectEqualTruth(scanner);
  });

  it('asks for snapshots again at once when a gap hits while get_snapshot is out (found by the chaos run)', async () => {
    // Gap 1 (a delta dropped) → get_snapshot; its snapshots arrive and heal the books; the proxy
    // holds the reply, drops one more delta of the same sid (gap 2, re-invalidating every book of
    // it), and releases the reply behind the delta that reveals gap 2. The feed must re-request
    // at once, not wait out its 2 s retry for snapshots "still on their way".
    const venue = throughProxy({ feed: { batchSize: 100 } });
    const { scanner } = wireScanner(venue, markets);
    venue.feed.setMarkets(markets);
    await until(() => markets.every((m) => health(scanner, m.id) === 'live'), 15_000, 'live books');
    let snapshotCmd: number | null = null;
    let stage: 'drop1' | 'await-reply' | 'drop2' | 'reveal' | 'done' = 'drop1';
    let held: { data: Buffer; binary: boolean } | null = null;
    let sid: number | null = null;
    let releasedAt = 0;
    proxy.hooks.fromClient = (text) => {
      const m = JSON.parse(text) as { id?: number; cmd?: string; params?: { action?: string } };
      if (m.cmd === 'update_subscription' && m.params?.action === 'get_snapshot' && snapshotCmd === null) snapshotCmd = m.id ?? null;
      return undefined;
    };
    proxy.hooks.fromVenue = (data, isBinary) => {
      const frame = { data: data as Buffer, binary: isBinary };
      const m = JSON.parse(data.toString()) as { id?: number; type?: string; sid?: number };
      if (stage === 'drop1' && m.type === 'orderbook_delta') {
        stage = 'await-reply';
        sid = m.sid ?? null;
        return [];
      }
      if (stage === 'await-reply' && m.id !== undefined && m.id === snapshotCmd) {
        held = frame;
        stage = 'drop2';
        return [];
      }
      if (stage === 'drop2' && m.type === 'orderbook_delta' && m.sid === sid) {
        stage = 'reveal';
        return [];
      }
      if (stage === 'reveal' && m.type === 'orderbook_delta' && m.sid === sid) {
        stage = 'done';
        releasedAt = Date.now();
        return [frame, held!];
      }
      return [frame];
    };
    await until(() => stage === 'done', 15_000, 'the staged gaps');
    await until(() => markets.every((m) => health(scanner, m.id) === 'live'), 5_000, 'live books after the second gap');
    const resyncMs = Date.now() - releasedAt;
    expect(venue.feed.stats.gaps).toBeGreaterThanOrEqual(2);
    expect(resyncMs).toBeLessThan(1_000);
    proxy.hooks = {};
    await sleep(500);
    await quiesce(sim, venue);
    expectEqualTruth(scanner);
  });

  it('is refused with a wrong key: the feed reports down, REST answers 401', async () => {
    const wrongPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const venue = new KalshiVenue({
      environment: 'simulator',
      endpoints: { rest: sim.endpoints.kalshi.rest, ws: sim.endpoints.kalshi.ws },
      credentials: { keyId: sim.endpoints.kalshi.keyId, privateKeyPem: wrongPem },
      readAccountLimits: false,
      feed: { reconnect: { baseMs: 20, maxMs: 100 } },
    });
    venues.push(venue);
    await expect(venue.trading!.balance()).rejects.toMatchObject({ name: 'KalshiApiError', status: 401 });
    await expect(venue.trading!.balance()).rejects.toBeInstanceOf(KalshiApiError);
    venue.feed.setMarkets(markets);
    await until(() => venue.feed.status().connection === 'down', 10_000, 'the feed to report down');
    expect(venue.feed.status().detail).toMatch(/authentication refused/);
  });
});
