// Opening many market-channel connections against a slow venue, over real sockets with a proxy in
// front of the simulator. Polymarket serves at most 500 assets a connection (nautilus_trader PR
// #2915; shared/reference/terauss-lessons.md §5), so a whole universe of 40,000 tokens is ~80
// connections; the venue publishes no rate for opening them, and its limits are enforced by
// Cloudflare, which throttles and then refuses bursts (shared/reference/venues.md §2.12). The
// connector therefore opens at most 3 at a time (handshakeGate.ts); a handshake's deadline counts
// from TCP connect, not from the wait for its turn; a failed one frees its turn; and an answer that
// arrived while the process was busy is read before the deadline is judged.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import type { PolymarketVenue } from '../../../../src/engine/venues/polymarket/connector';
import { HANDSHAKES_IN_FLIGHT } from '../../../../src/engine/venues/polymarket/handshakeGate';
import { until, venueFor, type LogLine } from './helpers';
import { handshakeProxy, type HandshakeProxy, type HandshakeProxyOptions } from './proxies';

let sim: SimulatorHandle | undefined;
let proxy: HandshakeProxy | undefined;
let venue: PolymarketVenue | undefined;
afterEach(async () => {
  venue?.dispose();
  venue = undefined;
  await proxy?.close();
  proxy = undefined;
  await sim?.close();
  sim = undefined;
});

/** The simulator's open markets over connections of `assetsPerConnection / 2` markets each, through the proxy. */
async function throughProxy(markets: number, proxyOptions: HandshakeProxyOptions, handshakeTimeoutMs: number, assetsPerConnection = 20): Promise<{ logs: LogLine[]; shards: number }> {
  sim = await startSimulator({ seed: 'poly-handshakes', markets, speed: 2 });
  proxy = await handshakeProxy(sim.endpoints.polymarket.ws, proxyOptions);
  const p = sim.endpoints.polymarket;
  const built = venueFor(sim, {
    endpoints: { clob: p.clob, gamma: p.gamma, ws: proxy.url, userWs: p.userWs },
    feed: { maxAssetsPerConnection: assetsPerConnection, handshakeTimeoutMs, reconnectBaseMs: 100, reconnectMaxMs: 400 },
  });
  venue = built.venue;
  const d = await venue.discover();
  venue.feed.setMarkets(d.markets);
  const shards = venue.feed.connections().length;
  await until('every book live', () => venue!.feed.connections().every((c) => c.state === 'open' && c.booked === c.markets), 60_000);
  return { logs: built.logs, shards };
}

const timeouts = (logs: LogLine[]) => logs.filter((l) => /handshake timed out/.test(l.message));

describe('Polymarket connections open a few at a time', () => {
  it('at most 3 handshakes wait at the venue at once, and a turn spent waiting does not count against the deadline', async () => {
    // 500 ms per answer, 3 at a time: the last of 24 connections waits ≥ 3.5 s for its turn, longer than the 3 s deadline.
    const { logs, shards } = await throughProxy(240, { holdMs: 500 }, 3_000);
    expect(shards).toBeGreaterThanOrEqual(24);
    expect(proxy!.maxInFlight).toBe(HANDSHAKES_IN_FLIGHT);
    expect(timeouts(logs)).toEqual([]);
    expect(proxy!.accepted).toBe(shards);
    expect(venue!.feed.connections().every((c) => c.connects === 1)).toBe(true);
    expect(sim!.connections().polymarket).toBe(shards);
  });

  it('a handshake never answered times out, frees its turn for the others, and is tried again', async () => {
    // The first two handshakes are never answered; on a loaded machine another may be slow too.
    const { logs, shards } = await throughProxy(60, { swallow: (n) => n === 1 || n === 2 }, 1_500);
    expect(shards).toBeGreaterThanOrEqual(6);
    const failed = timeouts(logs).length;
    expect(failed).toBeGreaterThanOrEqual(2);
    // Each failed attempt was tried again, through the gate, until every connection was up.
    const connects = venue!.feed.connections().map((c) => c.connects);
    expect(connects.reduce((a, b) => a + b, 0)).toBe(shards + failed);
    expect(connects.filter((n) => n >= 2).length).toBeGreaterThanOrEqual(2);
    expect(proxy!.accepted).toBe(shards + failed);
    expect(sim!.connections().polymarket).toBe(shards);
  });

  it('an upgrade that arrived while the process was busy past the deadline opens the connection', async () => {
    // One connection: its answer reaches the socket, then the loop is blocked for longer than the
    // deadline: the deadline's timer and the unread answer come due in the same turn of the loop.
    const { logs, shards } = await throughProxy(30, { blockLoopAfter: (n) => (n === 1 ? 700 : 0) }, 300, 500);
    expect(shards).toBe(1);
    expect(timeouts(logs)).toEqual([]);
    expect(venue!.feed.connections()[0]!.connects).toBe(1);
  });
});
