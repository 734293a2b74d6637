// The live engine with the real Kalshi and Polymarket connectors against the simulator over real
// sockets: discovery into the universe, live books that match the simulator's after minutes of
// (accelerated) updates, recovery from dropped connections, sequence gaps and a stalled feed, a
// recorded session that replays to the same books, settlement, and the kill switch.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../../src/shared/contract';
import type { MarketRef } from '../../../src/shared/ids';
import { Engine } from '../../../src/engine/engine';
import { booksDigest } from '../../../src/engine/live/bookDigest';
import type { VenueConnectionResolver } from '../../../src/engine/venues/connection';
import { SessionRecorder } from '../../../src/engine/live/sessionRecorder';
import { Replay } from '../../../src/engine/scanner/replay';
import { parseScenario, scannerFromScenario } from '../../../src/engine/scanner/scenario';
import { simulatorConnection } from '../../../src/host/venues/hostVenues';
import { startSimulator, type SimulatorHandle } from '../../../src/sim/index';
import { MemorySecretStore } from '../../helpers/memorySecretStore';
import { tempDir } from '../../helpers/tempDir';
import { until } from '../../helpers/until';
import { compareBooks } from './simBooks';

const SPEED = 20;
const STALE_AFTER_MS = 1_500;

describe('the live engine against the simulator, real connectors over real sockets', () => {
  const dir = tempDir();
  let sim: SimulatorHandle;
  let engine: Engine;
  let recorder: SessionRecorder;
  const events: ContractEvent[] = [];
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const streamed = (): MarketRef[] => engine.services.scanner.universe().markets.map((m) => `${m.venue}:${m.id}` as MarketRef);
  const messages = () => engine.services.pump.counters.kalshi!.messages + engine.services.pump.counters.polymarket!.messages;
  /** Pauses the world and waits until the feeds have delivered everything (no message for a while). */
  async function quiesce(): Promise<void> {
    sim.clock.pause();
    let last = -1;
    await until(async () => {
      const n = messages();
      const quiet = n === last;
      last = n;
      if (!quiet) await sleep(400);
      return quiet;
    }, 'the feeds to go quiet', 20_000, 0);
  }
  async function expectBooksMatch(): Promise<void> {
    // Polymarket US is off outside the US (settings.traderJurisdiction): the two that run.
    await until(() => engine.services.venueStatuses().filter((v) => v.connection !== 'disabled').every((v) => v.unknownBooks === 0 && v.connection === 'connected'), 'every book snapshotted and both feeds connected', 20_000);
    await quiesce();
    const { compared, mismatches } = compareBooks(engine.services.scanner.books, sim, streamed());
    expect(compared).toBe(streamed().length);
    expect(mismatches.slice(0, 3)).toEqual([]);
  }

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'live-engine-it', markets: 24, speed: SPEED, dislocationEverySec: 4 });
    const resolver: VenueConnectionResolver = {
      resolve: async (venue, selected) => ({ connection: simulatorConnection(venue, sim.endpoints as unknown as Record<string, unknown>), selected, keysSet: false, note: null }),
    };
    engine = await Engine.create({
      host: 'serve',
      dataDir: dir.path,
      secrets: new MemorySecretStore(),
      venues: resolver,
      live: { staleAfterMs: STALE_AFTER_MS, publishIntervalMs: 50 },
      log: () => undefined,
    });
    engine.onEvent((e) => events.push(e));
    recorder = new SessionRecorder(path.join(dir.path, 'session.jsonl'), path.join(dir.path, 'session.json'), {
      book: (ref) => engine.services.scanner.books.get(ref),
      relations: () => engine.services.scanner.relations(),
    });
    engine.services.attachRecorder(recorder);
  });
  afterAll(async () => {
    engine?.dispose();
    await sim?.close();
    dir.remove();
  });

  it('discovers both venues into one universe: exclusive sets without "Other", ladders, suggested links only', async () => {
    const truth = sim.truth.relations();
    await until(() => engine.services.venueStatuses().filter((v) => v.connection === 'connected').length === 2, 'both venues connected', 20_000);
    await until(() => engine.services.universe.hasVenue('kalshi') && engine.services.universe.hasVenue('polymarket') && engine.services.sync.catalog().refreshedAt.polymarket !== null && engine.services.sync.catalog().refreshedAt.kalshi !== null, 'discovery', 20_000);
    const listed = sim.truth.catalog().groups.flatMap((g) => g.propositions.flatMap((p) => [p.kalshi ? `kalshi:${p.kalshi}` : null, p.polymarket ? `polymarket:${p.polymarket}` : null]));
    const scanned = new Set<string>(streamed());
    const expected = listed.filter((r): r is string => r !== null);
    expect(expected.filter((r) => !scanned.has(r))).toEqual([]);
    expect(scanned.size).toBe(expected.length);

    const sets = (list: readonly { members: readonly string[] }[]) => list.map((s) => [...s.members].sort().join(',')).sort();
    expect(sets(engine.services.scanner.relations().exclusive)).toEqual(sets(truth.exclusive));
    const rules = new Set(engine.services.scanner.relations().implies.map((r) => `${r.if}>${r.then}`));
    for (const r of truth.implies.filter((x) => x.if.startsWith('kalshi:'))) expect(rules.has(`${r.if}>${r.then}`)).toBe(true);

    await until(() => engine.services.links.list().length >= truth.equivalent.length, 'the suggested links', 20_000);
    const suggested = new Set(engine.services.links.list().filter((l) => l.status === 'suggested').map((l) => `${l.sides[0].market}|${l.sides[1].market}`));
    for (const [k, p] of truth.equivalent) expect(suggested.has(`kalshi:${k}|polymarket:${p}`)).toBe(true);
    for (const [k, p] of truth.lookalikes) expect(suggested.has(`kalshi:${k}|polymarket:${p}`)).toBe(false);
    // Suggested, not confirmed: nothing is traded across venues yet.
    expect(engine.services.scanner.relations().equivalent).toEqual([]);
    expect(engine.services.scanner.baskets().filter((b) => b.strategy === 'cross_venue')).toEqual([]);
  });

  it('confirming the true links makes them tradable; opportunities appear and are pushed', async () => {
    for (const link of engine.services.links.list()) {
      const isTrue = sim.truth.relations().equivalent.some(([k, p]) => link.sides[0].market === `kalshi:${k}` && link.sides[1].market === `polymarket:${p}`);
      if (!isTrue) continue;
      // The world holds them the same; where the specs state a strike on a different grid (Kalshi's
      // "above 5899.99" vs "5,900 or higher") or the Fed's 25 bp steps, the trader says so in an override.
      const override = link.conflicts.length > 0 || link.relation !== 'identical' ? { reason: 'the simulator holds these the same proposition' } : undefined;
      engine.services.links.confirm(link.id, 'identical', override);
    }
    expect(engine.services.scanner.relations().equivalent.length).toBe(sim.truth.relations().equivalent.length);
    expect(engine.services.scanner.baskets().some((b) => b.strategy === 'cross_venue')).toBe(true);
    await until(() => events.some((e) => e.event === 'opportunities' && e.payload.upserts.some((o) => !o.stale)), 'an opportunity pushed', 60_000);
    expect(engine.snapshot().stats.opportunitiesSeen).toBeGreaterThan(0);
  });

  it('after minutes of simulated trading, every live book matches the simulator’s', async () => {
    sim.clock.resume();
    const worldBefore = sim.clock.worldMs;
    await sleep(10_000);
    expect(sim.clock.worldMs - worldBefore).toBeGreaterThan(120_000);
    await expectBooksMatch();
    const busy = engine.services.pump.counters.kalshi!.busyMs + engine.services.pump.counters.polymarket!.busyMs;
    expect(messages()).toBeGreaterThan(5_000);
    // The pump kept up: it was busy a small part of the time.
    expect(busy).toBeLessThan(10_000 * 0.25);
  });

  it('recovers from dropped connections and sequence gaps, and the books match again', async () => {
    const reconnectsBefore = engine.services.activity.query({ kinds: ['reconnect'], limit: 5000 }).length;
    let sawUnknown = false;
    const watch = setInterval(() => {
      if (engine.services.venueStatuses().some((v) => v.unknownBooks > 0)) sawUnknown = true;
    }, 50);
    sim.faults.set('drop=0.15,gap=kalshi:0.03');
    sim.clock.resume();
    // The drop rate is random; one cut of every connection makes sure each venue reconnects.
    await sleep(1_000);
    sim.faults.dropConnections();
    await sleep(7_000);
    sim.faults.clear();
    await sleep(2_000);
    clearInterval(watch);
    expect(engine.services.activity.query({ kinds: ['reconnect'], limit: 5000 }).length).toBeGreaterThan(reconnectsBefore);
    expect(sawUnknown).toBe(true);
    await expectBooksMatch();
  });

  it('a stalled feed makes its books stale (and opportunities on them greyed), then live again', async () => {
    sim.clock.resume();
    sim.faults.stall('kalshi', 4_000);
    await until(() => (engine.services.venueStatuses().find((v) => v.venue === 'kalshi')?.staleBooks ?? 0) > 0, 'Kalshi books stale during the stall', 4_000);
    expect(engine.services.venueStatuses().find((v) => v.venue === 'polymarket')!.staleBooks).toBe(0);
    expect(engine.services.scanner.opportunities().every((o) => o.basket.legs.every((l) => l.book.venue !== 'kalshi'))).toBe(true);
    await until(() => engine.services.venueStatuses().find((v) => v.venue === 'kalshi')!.staleBooks === 0, 'Kalshi books live after the stall', 10_000);
    await expectBooksMatch();
  });

  it('the recorded session replays to the same books the live engine had', async () => {
    engine.services.attachRecorder(null);
    const live = booksDigest(engine.services.scanner.books, recorder.marketRefs);
    const lines = recorder.lines;
    await recorder.close();
    const scenario = parseScenario(JSON.parse(readFileSync(path.join(dir.path, 'session.json'), 'utf8')));
    expect(scenario.markets.length).toBe(recorder.marketRefs.length);
    expect(scenario.relations.equivalent.length).toBe(sim.truth.relations().equivalent.length);
    const replay = new Replay(scannerFromScenario(scenario));
    for (const line of readFileSync(path.join(dir.path, 'session.jsonl'), 'utf8').split('\n')) replay.feed(line);
    expect(replay.lines).toBe(lines);
    expect(lines).toBeGreaterThan(10_000);
    expect(booksDigest(replay.scanner.books, recorder.marketRefs)).toBe(live);
  });

  it('records a resolved Polymarket market as settled, and drops it from the feed', async () => {
    const group = sim.truth.catalog().groups.find((g) => g.kind === 'binary' && g.propositions.some((p) => p.polymarket !== null))!;
    const market = `polymarket:${group.propositions[0]!.polymarket!}` as MarketRef;
    const results = sim.resolve(group.id, { result: 'yes' });
    expect(Object.values(results)).toContain('yes');
    await until(() => engine.services.ledger.settlement(market), 'the settlement in the ledger', 10_000);
    expect(engine.services.ledger.settlement(market)!.yesValue.toString()).toBe('1');
  });

  it('drops a resolved Kalshi market at the next discovery, and stops streaming it', async () => {
    const group = sim.truth.catalog().groups.find((g) => g.kind === 'binary' && g.propositions.some((p) => p.kalshi !== null) && g.propositions.every((p) => p.polymarket === null || !engine.services.ledger.settlement(`polymarket:${p.polymarket}`)))!;
    const market = `kalshi:${group.propositions[0]!.kalshi!}` as MarketRef;
    expect(engine.services.scanner.has(market)).toBe(true);
    sim.resolve(group.id, { result: 'no' });
    await engine.services.sync.refreshDiscovery('kalshi');
    expect(engine.services.scanner.has(market)).toBe(false);
    expect(engine.services.venueStatuses().find((v) => v.venue === 'kalshi')!.markets).toBe(streamed().filter((r) => r.startsWith('kalshi:')).length);
  });

  it('each venue’s cancel-all is registered with the kill switch', async () => {
    expect(engine.services.killSwitch.venues().sort()).toEqual(['kalshi', 'polymarket']);
    const r = await engine.services.killSwitch.engage();
    expect(r.failed).toEqual([]);
    engine.services.risk.rearm();
  });
});
