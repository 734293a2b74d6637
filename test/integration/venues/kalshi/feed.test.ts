// The Kalshi market feed over real sockets against a moving simulator: the engine's books (a
// Scanner fed by the feed) equal the simulator's own after minutes of world time, after the
// market set changes, after dropped connections and after sequence gaps.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Scanner } from '../../../../src/engine/scanner/scanner';
import type { KalshiVenue } from '../../../../src/engine/venues/kalshi/connector';
import type { MarketInfo } from '../../../../src/engine/venues/venue';
import type { MarketRef } from '../../../../src/shared/ids';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { engineBook, health, quiesce, sleep, until, venueFor, wireScanner } from './helpers';

let sim: SimulatorHandle;
let venue: KalshiVenue;
let markets: MarketInfo[];
let scanner: Scanner;
let invalidated: MarketRef[];
let sessions: number[];

beforeAll(async () => {
  // 30× world speed: ten real seconds are five world minutes of quoting, trading and dislocations.
  sim = await startSimulator({ seed: 'kalshi-feed', markets: 30, speed: 30, dislocationEverySec: 10 });
  venue = venueFor(sim, { feed: { batchSize: 7, resyncRetryMs: 300 } });
  markets = (await venue.discover()).markets;
  ({ scanner, invalidated, sessions } = wireScanner(venue, markets));
  venue.feed.setMarkets(markets);
  await until(() => markets.every((m) => health(scanner, m.id) === 'live'), 15_000, 'every book to be live');
});
afterEach(() => {
  sim.faults.clear();
  sim.clock.resume();
});
afterAll(async () => {
  venue?.dispose();
  await sim?.close();
});

function expectBooksEqualTruth(): void {
  for (const m of markets) {
    expect({ ticker: m.id, health: health(scanner, m.id), ...engineBook(scanner, m.id) }).toEqual({ ticker: m.id, health: 'live', ...sim.truth.kalshi.book(m.id) });
  }
}

describe('Kalshi market feed', () => {
  it('keeps books equal to the simulator after minutes of updates', async () => {
    expect(markets.length).toBeGreaterThanOrEqual(25);
    expect(venue.feed.subscribedTickers().sort()).toEqual(markets.map((m) => m.id).sort());
    const before = venue.feed.stats.messages;
    await sleep(10_000);
    await quiesce(sim, venue);
    expect(venue.feed.stats.messages - before).toBeGreaterThan(2_000);
    expect(venue.feed.stats.gaps).toBe(0);
    expectBooksEqualTruth();
    const s = venue.feed.status();
    expect(s.connection).toBe('connected');
    expect(s.lastMessageAt).not.toBeNull();
    expect(s.lagMs).not.toBeNull();
    expect(Math.abs(s.lagMs!)).toBeLessThan(2_000);
  });

  it('reports a live message rate while the world moves', async () => {
    await sleep(2_500);
    expect(venue.feed.status().messageRate).toBeGreaterThan(10);
  });

  it('drops and re-adds markets as the market set changes', async () => {
    const kept = markets.slice(0, 10);
    const dropped = markets.slice(10);
    const mark = invalidated.length;
    venue.feed.setMarkets(kept);
    await until(() => venue.feed.subscribedTickers().length === kept.length, 5_000, 'the removals');
    expect(venue.feed.subscribedTickers().sort()).toEqual(kept.map((m) => m.id).sort());
    expect(new Set(invalidated.slice(mark))).toEqual(new Set(dropped.map((m) => m.ref)));
    // Closed markets are never streamed, even when listed.
    venue.feed.setMarkets([...markets.map((m, i) => (i === 0 ? { ...m, status: 'closed' as const } : m))]);
    await until(() => venue.feed.subscribedTickers().length === markets.length - 1, 5_000, 'the additions');
    expect(venue.feed.subscribedTickers()).not.toContain(markets[0]!.id);
    venue.feed.setMarkets(markets);
    await until(() => markets.every((m) => health(scanner, m.id) === 'live'), 10_000, 'the re-added books');
    await sleep(1_000);
    await quiesce(sim, venue);
    expectBooksEqualTruth();
  });

  it('reconnects after the venue drops the connection and rebuilds every book', async () => {
    const sessionsBefore = sessions.length;
    const mark = invalidated.length;
    sim.faults.dropConnections('kalshi');
    await until(() => sessions.length > sessionsBefore && venue.feed.status().connection === 'connected', 15_000, 'a new session');
    // Everything was invalidated when the connection went, before the new session's snapshots.
    expect(new Set(invalidated.slice(mark))).toEqual(new Set(markets.map((m) => m.ref)));
    await until(() => markets.every((m) => health(scanner, m.id) === 'live'), 15_000, 'every book to be live again');
    await sleep(2_000);
    await quiesce(sim, venue);
    expectBooksEqualTruth();
  });

  it('recovers from sequence gaps with get_snapshot (or a resubscribe) and ends equal to the simulator', async () => {
    const gapsBefore = venue.feed.stats.gaps;
    const requestsBefore = venue.feed.stats.snapshotRequests;
    sim.faults.set('gap=kalshi:0.01');
    await sleep(4_000);
    sim.faults.clear();
    expect(venue.feed.stats.gaps - gapsBefore).toBeGreaterThan(0);
    expect(venue.feed.stats.snapshotRequests - requestsBefore).toBeGreaterThan(0);
    await until(() => !/re-snapshotting/.test(venue.feed.status().detail ?? '') && markets.every((m) => health(scanner, m.id) === 'live'), 20_000, 'every subscription to be whole');
    await sleep(1_500);
    await quiesce(sim, venue);
    expectBooksEqualTruth();
  });

  it('survives a stalled feed: pings keep the session, data resumes in order, books equal', async () => {
    const sessionsBefore = sessions.length;
    const gapsBefore = venue.feed.stats.gaps;
    sim.faults.stall('kalshi', 3_000);
    await sleep(1_500);
    const silent = performance.now() - (venue.feed.status().lastMessageAt ?? 0);
    expect(silent).toBeGreaterThan(1_000); // the engine's staleness sees this age
    await sleep(2_500);
    await quiesce(sim, venue);
    expect(sessions.length).toBe(sessionsBefore);
    expect(venue.feed.stats.gaps).toBe(gapsBefore);
    expectBooksEqualTruth();
  });
});
