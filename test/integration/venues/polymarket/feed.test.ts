// The market channel against the simulator over real sockets, feeding a Scanner as the live engine
// does: books equal to the simulator's after minutes of world time; connections of at most 500
// assets (and of a low cap); a dropped connection invalidates its books, reconnects and resyncs by
// `book`; a silent freeze marks books stale, then live again; the market set follows setMarkets
// without reconnecting; a resolution surfaces as a typed event.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import type { VenueMarketEvent } from '../../../../src/engine/venues/venue';
import type { PolymarketVenue } from '../../../../src/engine/venues/polymarket/connector';
import { sleep, until, venueFor } from './helpers';
import { bookDifferences, linkScanner, quiet } from './scannerLink';

let sim: SimulatorHandle | undefined;
let venue: PolymarketVenue | undefined;
afterEach(async () => {
  venue?.dispose();
  venue = undefined;
  await sim?.close();
  sim = undefined;
});

async function freezeAndCompare(s: SimulatorHandle, link: ReturnType<typeof linkScanner>, markets: Parameters<typeof bookDifferences>[2]) {
  s.clock.pause();
  await quiet(link);
  return bookDifferences(link, s, markets);
}

describe('Polymarket market feed', () => {
  it('keeps books equal to the simulator’s through minutes of world time', async () => {
    sim = await startSimulator({ seed: 'poly-feed', markets: 30, speed: 40 });
    ({ venue } = venueFor(sim, { feed: { verifyBookHash: true } }));
    const d = await venue.discover();
    const link = linkScanner(venue, d.markets);
    venue.feed.setMarkets(d.markets);
    await until('every book live', () => venue!.feed.connections().every((c) => c.booked === c.markets));
    await sleep(5_000); // 200 s of world time
    const differences = await freezeAndCompare(sim, link, d.markets);
    expect(differences).toEqual([]);
    expect(link.rejected).toEqual([]);
    expect(link.messages).toBeGreaterThan(500);
    expect(venue.feed.counters).toEqual({ malformed: 0, hashMismatches: 0 });
    const status = venue.feed.status();
    expect(status.connection).toBe('connected');
    expect(status.lastMessageAt).not.toBeNull();
    expect(status.lagMs).not.toBeNull();
    expect(venue.feed.connections()).toHaveLength(1);
  });

  it('spreads the assets over connections of at most the cap, all of them served', async () => {
    sim = await startSimulator({ seed: 'poly-shards', markets: 300, speed: 20 });
    ({ venue } = venueFor(sim));
    const d = await venue.discover();
    const open = d.markets.filter((m) => m.status === 'open');
    expect(open.length * 2).toBeGreaterThan(500);
    const link = linkScanner(venue, d.markets);
    venue.feed.setMarkets(d.markets);
    const connections = venue.feed.connections();
    expect(connections.length).toBe(Math.ceil(open.length / 250));
    for (const c of connections) expect(c.assets).toBeLessThanOrEqual(500);
    await until('every book live', () => venue!.feed.connections().every((c) => c.booked === c.markets), 20_000);
    await sleep(2_000);
    expect(await freezeAndCompare(sim, link, d.markets)).toEqual([]);
    expect(sim.connections().polymarket).toBe(connections.length);
  });

  it('honours a lower per-connection cap', async () => {
    sim = await startSimulator({ seed: 'poly-cap', markets: 30, speed: 20 });
    ({ venue } = venueFor(sim, { feed: { maxAssetsPerConnection: 11 } }));
    const d = await venue.discover();
    const link = linkScanner(venue, d.markets);
    venue.feed.setMarkets(d.markets);
    const connections = venue.feed.connections();
    expect(connections.length).toBe(Math.ceil(d.markets.length / 5));
    for (const c of connections) expect(c.assets).toBeLessThanOrEqual(10);
    await until('every book live', () => venue!.feed.connections().every((c) => c.booked === c.markets));
    await sleep(1_500);
    expect(await freezeAndCompare(sim, link, d.markets)).toEqual([]);
  });

  it('invalidates the books of a dropped connection, reconnects with backoff and resyncs by book', async () => {
    sim = await startSimulator({ seed: 'poly-drop', markets: 30, speed: 20 });
    ({ venue } = venueFor(sim, { feed: { maxAssetsPerConnection: 40, reconnectBaseMs: 100, reconnectMaxMs: 400 } }));
    const d = await venue.discover();
    const link = linkScanner(venue, d.markets);
    const statuses: string[] = [];
    venue.feed.onStatus((s) => statuses.push(s.connection));
    venue.feed.setMarkets(d.markets);
    await until('every book live', () => venue!.feed.connections().every((c) => c.booked === c.markets));
    for (let round = 0; round < 3; round++) {
      sim.faults.dropConnections('polymarket');
      await until('the invalidation', () => link.invalidated.length > round * venue!.feed.connections().length);
      await sleep(300);
      await until('every book live again', () => venue!.feed.connections().every((c) => c.state === 'open' && c.booked === c.markets), 10_000);
    }
    const invalidated = new Set(link.invalidated.flat());
    expect(invalidated).toEqual(new Set(d.markets.map((m) => m.ref)));
    expect(statuses).toContain('reconnecting');
    expect(venue.feed.connections().every((c) => c.connects >= 4)).toBe(true);
    await sleep(1_000);
    expect(await freezeAndCompare(sim, link, d.markets)).toEqual([]);
  });

  it('reports a silent freeze as stale books and recovers when data flows again', async () => {
    sim = await startSimulator({ seed: 'poly-stall', markets: 30, speed: 20 });
    ({ venue } = venueFor(sim, { feed: { staleAfterMs: 400, pingIntervalMs: 100, pongTimeoutMs: 2_000 } }));
    const d = await venue.discover();
    const link = linkScanner(venue, d.markets);
    venue.feed.setMarkets(d.markets);
    await until('every book live', () => venue!.feed.connections().every((c) => c.booked === c.markets));
    sim.faults.stall('polymarket', 2_000);
    const stale = await until('stale books', () => link.health.find((h) => h.health === 'stale'));
    expect(new Set(stale.markets)).toEqual(new Set(d.markets.map((m) => m.ref)));
    expect(venue.feed.status().detail).toMatch(/silent/);
    // PONGs keep flowing in a stall: the connection is not replaced.
    expect(venue.feed.connections()[0]!.connects).toBe(1);
    const live = await until('live again', () => link.health.find((h) => h.health === 'live'), 10_000);
    expect(new Set(live.markets)).toEqual(new Set(d.markets.map((m) => m.ref)));
    await sleep(500);
    // Pausing the world silences the feed too: it is reported stale again, with books that are right.
    const before = link.health.length;
    sim.clock.pause();
    await until('stale again', () => link.health.slice(before).find((h) => h.health === 'stale'));
    await quiet(link);
    expect(bookDifferences(link, sim, d.markets, { health: 'any' })).toEqual([]);
    expect(venue.feed.connections()[0]!.connects).toBe(1);
  });

  it('follows the market set with subscribe and unsubscribe on the open connection', async () => {
    sim = await startSimulator({ seed: 'poly-set', markets: 30, speed: 20 });
    ({ venue } = venueFor(sim));
    const d = await venue.discover();
    const half = d.markets.slice(0, Math.floor(d.markets.length / 2));
    const rest = d.markets.slice(half.length);
    const seenAssets = new Set<string>();
    venue.feed.onMessage((m) => {
      for (const e of Array.isArray(m.data) ? m.data : [m.data]) {
        const ev = e as { asset_id?: string; price_changes?: { asset_id: string }[] };
        if (ev.asset_id) seenAssets.add(ev.asset_id);
        for (const c of ev.price_changes ?? []) seenAssets.add(c.asset_id);
      }
    });
    const link = linkScanner(venue, d.markets);
    venue.feed.setMarkets(half);
    await until('first half live', () => venue!.feed.connections()[0]!.booked === half.length);
    venue.feed.setMarkets(d.markets);
    await until('all live', () => venue!.feed.connections()[0]!.booked === d.markets.length);
    venue.feed.setMarkets(rest);
    await sleep(300);
    seenAssets.clear();
    await sleep(1_500);
    const removed = new Set(half.flatMap((m) => [m.tokens!.yes, m.tokens!.no]));
    expect([...seenAssets].filter((a) => removed.has(a))).toEqual([]);
    expect(seenAssets.size).toBeGreaterThan(0);
    expect(venue.feed.connections()).toEqual([expect.objectContaining({ connects: 1, markets: rest.length })]);
    expect(await freezeAndCompare(sim, link, rest)).toEqual([]);
    venue.feed.setMarkets([]);
    expect(venue.feed.connections()).toEqual([]);
    expect(venue.feed.status().connection).toBe('disabled');
  });

  it('surfaces a resolution as a typed event and records it', async () => {
    sim = await startSimulator({ seed: 'poly-resolve', markets: 30, speed: 5 });
    ({ venue } = venueFor(sim));
    const d = await venue.discover();
    venue.feed.setMarkets(d.markets);
    await until('every book live', () => venue!.feed.connections().every((c) => c.booked === c.markets));
    const events: VenueMarketEvent[] = [];
    venue.feed.onMarketEvent((e) => events.push(e));
    const group = sim.truth.catalog().groups.find((g) => g.kind === 'binary' && g.propositions[0]!.polymarket !== null)!;
    const conditionId = group.propositions[0]!.polymarket!;
    sim.resolve(group.id, { result: 'no' });
    const resolved = await until('market_resolved', () => events.find((e) => e.kind === 'resolved'));
    expect(resolved).toMatchObject({ kind: 'resolved', market: `polymarket:${conditionId}`, result: 'no' });
    expect(venue.registry.get(conditionId)).toMatchObject({ status: 'settled', result: 'no' });
  });
});
