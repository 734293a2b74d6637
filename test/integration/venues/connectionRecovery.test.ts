// At the scale of a whole universe the market data arrives over many connections: Polymarket's
// market channel serves at most 500 assets a connection (nautilus_trader PR #2915), so the feed
// shards; Kalshi publishes no per-connection cap, so its feed keeps one connection with
// subscriptions of 100 markets. A connection that drops must cost only its own markets: they are
// invalidated, resubscribed and resynced, and every other connection — of either venue — keeps
// its subscriptions and live books. Checked against the simulator, which counts what each of its
// connections was asked to subscribe.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../src/sim/index';
import type { PolymarketVenue } from '../../../src/engine/venues/polymarket/connector';
import type { KalshiVenue } from '../../../src/engine/venues/kalshi/connector';
import { venueFor as polymarketFor, until, sleep } from './polymarket/helpers';
import { bookDifferences, linkScanner } from './polymarket/scannerLink';
import { venueFor as kalshiFor, wireScanner } from './kalshi/helpers';

let sim: SimulatorHandle | undefined;
let poly: PolymarketVenue | undefined;
let kalshi: KalshiVenue | undefined;
afterEach(async () => {
  poly?.dispose();
  kalshi?.dispose();
  poly = kalshi = undefined;
  await sim?.close();
  sim = undefined;
});

/** The simulator's market-channel connections that are open, by id. */
function openSessions(s: SimulatorHandle) {
  return new Map(s.marketChannel.sessions().filter((x) => x.open).map((x) => [x.id, x]));
}

describe('Polymarket subscriptions at scale', () => {
  it('fill each connection up to 500 assets, asked for in frames of at most 100 ids (rs-clob-client-v2 #116)', async () => {
    sim = await startSimulator({ seed: 'frames', markets: 300, speed: 20 });
    ({ venue: poly } = polymarketFor(sim));
    const d = await poly.discover();
    const open = d.markets.filter((m) => m.status === 'open');
    poly.feed.setMarkets(d.markets);
    await until('every book live', () => poly!.feed.connections().every((c) => c.state === 'open' && c.booked === c.markets), 30_000);
    const sessions = sim.marketChannel.sessions();
    expect(sessions).toHaveLength(Math.ceil(open.length / 250));
    expect(sessions.reduce((t, s) => t + s.assets, 0)).toBe(open.length * 2);
    for (const s of sessions) {
      expect(s.assets).toBeLessThanOrEqual(500);
      expect(s.largestFrame).toBeLessThanOrEqual(100);
    }
    expect(Math.max(...sessions.map((s) => s.assets))).toBe(500);
  });
});

describe('a dropped connection costs only its own markets', () => {
  it('Polymarket: one shard of many drops; only its assets are resubscribed and its books resynced, the other shards and Kalshi untouched', async () => {
    sim = await startSimulator({ seed: 'shard-drop', markets: 40, speed: 20 });
    ({ venue: poly } = polymarketFor(sim, { feed: { maxAssetsPerConnection: 20, reconnectBaseMs: 100, reconnectMaxMs: 400 } }));
    kalshi = kalshiFor(sim);
    const pd = await poly.discover();
    const kd = await kalshi.discover();
    const link = linkScanner(poly, pd.markets);
    const kLink = wireScanner(kalshi, kd.markets);
    poly.feed.setMarkets(pd.markets);
    kalshi.feed.setMarkets(kd.markets);
    await until('every Polymarket book live', () => poly!.feed.connections().every((c) => c.state === 'open' && c.booked === c.markets), 20_000);
    await until('every Kalshi market subscribed', () => kalshi!.feed.subscribedTickers().length === kd.markets.filter((m) => m.status === 'open').length, 20_000);
    const shards = poly.feed.connections();
    expect(shards.length).toBeGreaterThanOrEqual(4);
    for (const c of shards) expect(c.assets).toBeLessThanOrEqual(20);

    const before = openSessions(sim);
    expect(before.size).toBe(shards.length);
    const kalshiBefore = sim.kalshiSessions();
    const victim = [...before.values()][1]!;
    const invalidatedBefore = link.invalidated.length;
    sim.marketChannel.drop(victim.id);

    // The connector notices, invalidates that shard's markets only, reconnects and resubscribes them.
    await until('the invalidation', () => link.invalidated.length > invalidatedBefore);
    await until('every Polymarket book live again', () => poly!.feed.connections().every((c) => c.state === 'open' && c.booked === c.markets), 20_000);
    const invalidated = link.invalidated.slice(invalidatedBefore).flat();
    expect(invalidated.length).toBe(victim.assets / 2);

    const after = openSessions(sim);
    const fresh = [...after.values()].filter((x) => !before.has(x.id));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]!.subscribed).toBe(victim.assets);
    // Every other connection is the same connection, asked for nothing more.
    for (const [id, s] of before) {
      if (id === victim.id) continue;
      expect(after.get(id), `connection ${id}`).toEqual(s);
    }
    // Kalshi's connection neither dropped nor resubscribed.
    expect(sim.kalshiSessions()).toEqual(kalshiBefore);
    expect(kLink.invalidated).toEqual([]);

    await sleep(1_000);
    sim.clock.pause();
    await sleep(300);
    expect(bookDifferences(link, sim, pd.markets)).toEqual([]);
  });

  it('Kalshi: its connection drops; every Kalshi market is resubscribed on the new one, no Polymarket shard notices', async () => {
    sim = await startSimulator({ seed: 'kalshi-drop', markets: 30, speed: 20 });
    ({ venue: poly } = polymarketFor(sim, { feed: { maxAssetsPerConnection: 20 } }));
    kalshi = kalshiFor(sim, { feed: { batchSize: 10, reconnect: { baseMs: 100, maxMs: 400 } } });
    const pd = await poly.discover();
    const kd = await kalshi.discover();
    const link = linkScanner(poly, pd.markets);
    const kLink = wireScanner(kalshi, kd.markets);
    poly.feed.setMarkets(pd.markets);
    kalshi.feed.setMarkets(kd.markets);
    const open = kd.markets.filter((m) => m.status === 'open');
    await until('every Polymarket book live', () => poly!.feed.connections().every((c) => c.state === 'open' && c.booked === c.markets), 20_000);
    await until('every Kalshi market subscribed', () => kalshi!.feed.subscribedTickers().length === open.length, 20_000);
    const polyBefore = openSessions(sim);
    const invalidatedBefore = link.invalidated.length;

    sim.faults.dropConnections('kalshi');
    await until('a new Kalshi session', () => kLink.sessions.length >= 2, 20_000);
    await until('every Kalshi market subscribed again', () => kalshi!.feed.subscribedTickers().length === open.length, 20_000);
    expect(new Set(kLink.invalidated)).toEqual(new Set(open.map((m) => m.ref)));
    expect(sim.kalshiSessions().filter((s) => s.open)).toHaveLength(1);
    // Polymarket: the same connections, asked for nothing more, no book invalidated.
    expect(openSessions(sim)).toEqual(polyBefore);
    expect(link.invalidated.length).toBe(invalidatedBefore);
  });
});
