// The market channel's wire behaviour against a scripted venue on loopback (the venue is the edge
// of the machine, so a stand-in is fair here): the subscribe message, dynamic subscribe and
// unsubscribe, the text PING and a dead connection detected by the missing PONG, frames that are
// not JSON (never a crash), raw messages passed on exactly as received, and tick-size changes.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { systemClock } from '../../../../src/engine/platform/clock';
import { PolymarketFeed } from '../../../../src/engine/venues/polymarket/feed';
import { MarketRegistry } from '../../../../src/engine/venues/polymarket/registry';
import type { MarketInfo, RawVenueMessage, VenueMarketEvent } from '../../../../src/engine/venues/venue';
import type { Price, Qty } from '../../../../src/shared/units';
import { sleep, until } from './helpers';

interface Session {
  ws: WebSocket;
  frames: string[];
  pongs: boolean;
}

class ScriptedVenue {
  readonly sessions: Session[] = [];
  private constructor(readonly server: WebSocketServer) {
    server.on('connection', (ws) => {
      const s: Session = { ws, frames: [], pongs: true };
      this.sessions.push(s);
      ws.on('message', (data) => {
        const text = data.toString();
        s.frames.push(text);
        if (text === 'PING' && s.pongs) ws.send('PONG');
      });
    });
  }
  static async start(): Promise<ScriptedVenue> {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    return new ScriptedVenue(server);
  }
  get url(): string {
    const a = this.server.address();
    return `ws://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  }
  last(): Session {
    return this.sessions[this.sessions.length - 1]!;
  }
  json(s: Session): Record<string, unknown>[] {
    return s.frames.filter((f) => f.startsWith('{')).map((f) => JSON.parse(f) as Record<string, unknown>);
  }
  close(): Promise<void> {
    for (const s of this.sessions) s.ws.terminate();
    return new Promise((r) => this.server.close(() => r()));
  }
}

function market(n: number): MarketInfo {
  const id = `0x${n.toString(16).padStart(64, '0')}`;
  return {
    ref: `polymarket:${id}`,
    venue: 'polymarket',
    id,
    title: `Market ${n}`,
    rules: '',
    eventId: 'e',
    eventTitle: 'E',
    seriesId: 'e',
    category: 'Test',
    status: 'open',
    closeTime: null,
    fee: { venue: 'polymarket', rate: '0.05', exponent: 1, takerOnly: true },
    tickSize: 100 as Price,
    minOrderSize: 500 as Qty,
    tokens: { yes: `${n}1`, no: `${n}2` },
    negRisk: false,
  };
}

let venue: ScriptedVenue | undefined;
let feed: PolymarketFeed | undefined;
afterEach(async () => {
  feed?.dispose();
  feed = undefined;
  await venue?.close();
  venue = undefined;
});

function newFeed(url: string, registry = new MarketRegistry(), options: ConstructorParameters<typeof PolymarketFeed>[0] extends infer O ? Partial<O> : never = {}) {
  const logs: string[] = [];
  const f = new PolymarketFeed({ url, clock: systemClock, log: (_l, m) => logs.push(m), registry, pingIntervalMs: 100, pongTimeoutMs: 400, reconnectBaseMs: 50, reconnectMaxMs: 100, ...options });
  return { feed: f, logs, registry };
}

describe('Polymarket market channel protocol', () => {
  it('subscribes with custom features, then adds and removes assets on the same connection', async () => {
    venue = await ScriptedVenue.start();
    ({ feed } = newFeed(venue.url));
    const [a, b, c] = [market(1), market(2), market(3)];
    feed.setMarkets([a, b]);
    await until('the subscription', () => venue!.sessions.length === 1 && venue!.json(venue!.last()).length > 0);
    expect(venue.json(venue.last())[0]).toEqual({ assets_ids: ['11', '12', '21', '22'], type: 'market', custom_feature_enabled: true });
    feed.setMarkets([b, c]);
    await until('the changes', () => venue!.json(venue!.last()).length === 3);
    expect(venue.json(venue.last()).slice(1)).toEqual([
      { assets_ids: ['11', '12'], operation: 'unsubscribe' },
      { assets_ids: ['31', '32'], operation: 'subscribe', custom_feature_enabled: true },
    ]);
    expect(venue.sessions).toHaveLength(1);
  });

  it('pings every interval and replaces a connection whose PONGs stop', async () => {
    venue = await ScriptedVenue.start();
    const f = newFeed(venue.url);
    feed = f.feed;
    const invalidated: string[][] = [];
    feed.onBooksInvalidated((r) => invalidated.push([...r]));
    feed.setMarkets([market(1)]);
    await until('a few pings', () => venue!.sessions[0]?.frames.filter((x) => x === 'PING').length === 3);
    venue.sessions[0]!.pongs = false;
    await until('a new connection', () => venue!.sessions.length === 2, 5_000);
    expect(invalidated).toEqual([[market(1).ref]]);
    expect(f.logs.some((l) => /no PONG/.test(l))).toBe(true);
    await until('the resubscription', () => venue!.json(venue!.sessions[1]!).length === 1);
    expect(venue.json(venue.sessions[1]!)[0]).toMatchObject({ assets_ids: ['11', '12'], type: 'market' });
  });

  it('passes events on exactly as received and ignores frames that are not events', async () => {
    venue = await ScriptedVenue.start();
    ({ feed } = newFeed(venue.url));
    const got: RawVenueMessage[] = [];
    feed.onMessage((m) => got.push(m));
    feed.setMarkets([market(1)]);
    await until('the subscription', () => venue!.sessions.length === 1 && venue!.last().frames.length > 0);
    const ws = venue.last().ws;
    const book = { event_type: 'book', asset_id: '11', market: market(1).id, bids: [{ price: '.48', size: '30' }], asks: [{ price: '.52', size: '25' }], timestamp: String(Date.now()), hash: 'x' };
    const change = { market: market(1).id, price_changes: [{ asset_id: '11', price: '0.5', size: '200', side: 'BUY' }, { asset_id: '12', price: '0.5', size: '0', side: 'SELL' }], timestamp: String(Date.now()), event_type: 'price_change' };
    for (const junk of ['garbage', '{"unterminated', '42', 'null', '"text"', 'INVALID OPERATION']) ws.send(junk);
    ws.send(Buffer.from([0xff, 0x00, 0x81]));
    ws.send(JSON.stringify([book]));
    ws.send(JSON.stringify(book));
    ws.send(JSON.stringify(change));
    await until('three events', () => got.length === 3);
    expect(got.map((m) => m.data)).toEqual([[book], book, change]);
    expect(got.every((m) => m.venue === 'polymarket' && typeof m.receivedAt === 'number')).toBe(true);
    expect(feed.counters.malformed).toBe(7);
    expect(feed.status()).toMatchObject({ connection: 'connected', detail: expect.stringMatching(/7 malformed/) });
    expect(venue.sessions).toHaveLength(1);
  });

  it('updates the tick and reports a tick-size change once per market', async () => {
    venue = await ScriptedVenue.start();
    const registry = new MarketRegistry();
    ({ feed } = newFeed(venue.url, registry));
    const events: VenueMarketEvent[] = [];
    feed.onMarketEvent((e) => events.push(e));
    const m = market(1);
    feed.setMarkets([m]);
    await until('the subscription', () => venue!.sessions.length === 1 && venue!.last().frames.length > 0);
    const ts = Date.now();
    for (const asset of ['11', '12']) venue.last().ws.send(JSON.stringify({ event_type: 'tick_size_change', asset_id: asset, market: m.id, old_tick_size: '0.01', new_tick_size: '0.001', timestamp: String(ts) }));
    venue.last().ws.send(JSON.stringify({ event_type: 'tick_size_change', asset_id: '11', market: m.id, old_tick_size: '0.001', new_tick_size: '0.0003', timestamp: String(ts) }));
    await sleep(300);
    expect(events).toEqual([{ kind: 'tick_size', market: m.ref, tickSize: 10, at: ts }]);
    expect(registry.get(m.id)!.tick).toBe(10);
    // A later setMarkets with the old MarketInfo (an engine cache) does not undo what the venue said.
    feed.setMarkets([m]);
    expect(registry.get(m.id)!.tick).toBe(10);
  });
});
