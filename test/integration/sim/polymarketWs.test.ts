// Polymarket's market and user channels over real sockets: book + price_change rebuild the
// simulator's books for both tokens, PING/PONG, dynamic (un)subscribe, the 500-asset limit,
// and the user channel's order events and MATCHED → MINED → CONFIRMED trades.
import { createHash } from 'node:crypto';
import { ClobClient, OrderType, Side } from '@polymarket/clob-client-v2';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { polygon } from 'viem/chains';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../src/sim/index';
import { RecordingSocket, settle } from './helpers';

let sim: SimulatorHandle;
const sockets: RecordingSocket[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'poly-ws', markets: 10, autoRun: false, dislocationEverySec: 0 });
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await sim?.close();
});

async function open(url: string): Promise<RecordingSocket> {
  const s = await RecordingSocket.open(url);
  sockets.push(s);
  return s;
}

type Ev = Record<string, unknown> & { event_type?: string };
type Level = { price: string; size: string };
const tokensOf = async () => {
  const res = await fetch(`${sim.endpoints.polymarket.clob}/markets`);
  const body = (await res.json()) as { data: { condition_id: string; tokens: { token_id: string }[] }[] };
  return body.data;
};

function rebuild(events: Ev[], asset: string): { bids: [string, string][]; asks: [string, string][] } {
  const bids = new Map<string, string>();
  const asks = new Map<string, string>();
  for (const e of events) {
    if (e.event_type === 'book' && e.asset_id === asset) {
      bids.clear();
      asks.clear();
      for (const l of e.bids as Level[]) bids.set(l.price, l.size);
      for (const l of e.asks as Level[]) asks.set(l.price, l.size);
    } else if (e.event_type === 'price_change') {
      for (const c of e.price_changes as (Level & { asset_id: string; side: string })[]) {
        if (c.asset_id !== asset) continue;
        const side = c.side === 'BUY' ? bids : asks;
        if (c.size === '0') side.delete(c.price);
        else side.set(c.price, c.size);
      }
    }
  }
  const sorted = (m: Map<string, string>, desc: boolean) => [...m].sort((a, b) => (desc ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])));
  return { bids: sorted(bids, true), asks: sorted(asks, false) };
}

const wallet = () => createWalletClient({ account: privateKeyToAccount(sim.endpoints.polymarket.privateKey as `0x${string}`), chain: polygon, transport: http('http://127.0.0.1:9') });

describe('Polymarket market channel', () => {
  it('book then price_change rebuild both token books exactly; PING gets PONG', async () => {
    const [m] = await tokensOf();
    const [yes, no] = m!.tokens.map((t) => t.token_id);
    const s = await open(sim.endpoints.polymarket.ws);
    s.send({ assets_ids: [yes, no], type: 'market' });
    await s.waitFor<Ev>((e) => e.event_type === 'book' && e.asset_id === no);
    for (let i = 0; i < 30; i++) sim.clock.step();
    await settle();
    const events = s.messages as Ev[];
    const changes = events.filter((e) => e.event_type === 'price_change');
    expect(changes.length).toBeGreaterThan(0);
    expect(rebuild(events, yes!)).toEqual(sim.truth.polymarket.book(yes!));
    expect(rebuild(events, no!)).toEqual(sim.truth.polymarket.book(no!));
    const c = (changes[0]!.price_changes as Record<string, string>[])[0]!;
    expect(c).toMatchObject({ side: expect.stringMatching(/^(BUY|SELL)$/), hash: expect.stringMatching(/^[0-9a-f]{40}$/) });
    s.send('PING');
    await s.waitFor(() => false, 300).catch(() => undefined);
    expect(s.texts).toContain('PONG');
  });

  it('the book hash is the SHA-1 the official client computes', async () => {
    const [m] = await tokensOf();
    const client = new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137 });
    const book = await client.getOrderBook(m!.tokens[0]!.token_id);
    const claimed = book.hash;
    expect(await client.getOrderBookHash({ ...book })).toBe(claimed);
  });

  it('a price_change carries the hash of the token book it leaves', async () => {
    const markets = await tokensOf();
    const [yes, no] = markets[3]!.tokens.map((t) => t.token_id);
    const s = await open(sim.endpoints.polymarket.ws);
    s.send({ assets_ids: [yes, no], type: 'market' });
    await s.waitFor<Ev>((e) => e.event_type === 'book' && e.asset_id === no);
    const mark = s.messages.length;
    for (let i = 0; i < 30; i++) sim.clock.step();
    await settle();
    const changes = (s.messages.slice(mark) as Ev[]).filter((e) => e.event_type === 'price_change');
    expect(changes.length).toBeGreaterThan(0);
    // The last change of each token: its hash is the SHA-1 of the book the changes rebuild.
    for (const asset of [yes!, no!]) {
      const last = changes.findLast((e) => (e.price_changes as { asset_id: string }[]).some((c) => c.asset_id === asset))!;
      const entry = (last.price_changes as { asset_id: string; hash: string }[]).find((c) => c.asset_id === asset)!;
      const book = rebuild(s.messages as Ev[], asset);
      const summary = {
        market: markets[3]!.condition_id,
        asset_id: asset,
        timestamp: last.timestamp,
        hash: '',
        bids: [...book.bids].reverse().map(([price, size]) => ({ price, size })),
        asks: book.asks.map(([price, size]) => ({ price, size })),
      };
      expect(entry.hash).toBe(createHash('sha1').update(JSON.stringify(summary)).digest('hex'));
    }
  });

  it('a closed connection stops nothing for another one on the same assets', async () => {
    const markets = await tokensOf();
    const [yes, no] = markets[4]!.tokens.map((t) => t.token_id);
    const first = await open(sim.endpoints.polymarket.ws);
    const second = await open(sim.endpoints.polymarket.ws);
    for (const s of [first, second]) {
      s.send({ assets_ids: [yes, no], type: 'market' });
      await s.waitFor<Ev>((e) => e.event_type === 'book' && e.asset_id === no);
    }
    await first.close();
    const mark = second.messages.length;
    for (let i = 0; i < 30; i++) sim.clock.step();
    await settle();
    const later = second.messages.slice(mark) as Ev[];
    const assets = later.flatMap((e) => (e.event_type === 'price_change' ? (e.price_changes as { asset_id: string }[]).map((c) => c.asset_id) : []));
    expect(assets).toContain(yes);
    expect(assets).toContain(no);
  });

  it('subscribes and unsubscribes assets on an open connection', async () => {
    const markets = await tokensOf();
    const a = markets[1]!.tokens[0]!.token_id;
    const b = markets[2]!.tokens[0]!.token_id;
    const s = await open(sim.endpoints.polymarket.ws);
    s.send({ assets_ids: [a], type: 'market' });
    await s.waitFor<Ev>((e) => e.event_type === 'book' && e.asset_id === a);
    s.send({ assets_ids: [b], operation: 'subscribe' });
    await s.waitFor<Ev>((e) => e.event_type === 'book' && e.asset_id === b);
    s.send({ assets_ids: [a], operation: 'unsubscribe' });
    await settle();
    const mark = s.messages.length;
    for (let i = 0; i < 30; i++) sim.clock.step();
    await settle();
    const assets = (s.messages.slice(mark) as Ev[]).flatMap((e) => (e.event_type === 'price_change' ? (e.price_changes as { asset_id: string }[]).map((c) => c.asset_id) : []));
    expect(assets).not.toContain(a);
    expect(assets).toContain(b);
    s.send('{"assets_ids": "not a list"}');
    await settle();
    expect(s.texts).toContain('INVALID OPERATION');
  });
});

describe('Polymarket market channel events on trades and tick changes', () => {
  it('sends last_trade_price and fresh books after a trade', async () => {
    const [m] = await tokensOf();
    const [yes, no] = m!.tokens.map((t) => t.token_id);
    const s = await open(sim.endpoints.polymarket.ws);
    s.send({ assets_ids: [yes, no], type: 'market' });
    await s.waitFor<Ev>((e) => e.event_type === 'book' && e.asset_id === no);
    const mark = s.messages.length;
    const signer = wallet();
    const creds = await new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer }).createOrDeriveApiKey();
    const client = new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer, creds });
    const taken = await client.createAndPostMarketOrder({ tokenID: no!, amount: 12, side: Side.BUY, orderType: OrderType.FAK }, undefined, OrderType.FAK);
    expect(taken.success).toBe(true);
    const trade = await s.waitFor<Ev>((e) => e.event_type === 'last_trade_price', 5000, mark);
    expect(trade).toMatchObject({ asset_id: no, market: m!.condition_id, side: 'BUY', price: expect.stringMatching(/^0\.\d+$/) });
    await s.waitFor<Ev>((e) => e.event_type === 'book' && e.asset_id === yes, 5000, mark);
    await settle();
    expect(rebuild(s.messages as Ev[], no!)).toEqual(sim.truth.polymarket.book(no!));
  });

  it('announces tick_size_change when a price nears the edge, and books move to the new grid', async () => {
    // Same seed and size as the world unit test that finds a tick change within 4000 ticks.
    const edge = await startSimulator({ seed: 'ticks', markets: 60, autoRun: false, dislocationEverySec: 0 });
    try {
      const res = await fetch(`${edge.endpoints.polymarket.clob}/markets`);
      const tokens = ((await res.json()) as { data: { tokens: { token_id: string }[] }[] }).data.flatMap((x) => x.tokens.map((t) => t.token_id));
      const s = await open(edge.endpoints.polymarket.ws);
      s.send({ assets_ids: tokens, type: 'market' });
      await s.waitFor<Ev>((e) => e.event_type === 'book');
      let change: Ev | undefined;
      for (let i = 0; i < 4000 && !change; i++) {
        edge.clock.step();
        if (i % 50 === 49) {
          await settle();
          change = s.of<Ev>((e) => e.event_type === 'tick_size_change')[0];
        }
      }
      expect(change).toMatchObject({ old_tick_size: expect.stringMatching(/^0\.0?01$/), new_tick_size: expect.stringMatching(/^0\.0?01$/) });
      const cid = change!.market as string;
      expect(edge.truth.polymarket.market(cid)!.tick).toBe(change!.new_tick_size);
      const tick = await (await fetch(`${edge.endpoints.polymarket.clob}/tick-size?token_id=${change!.asset_id as string}`)).json();
      expect(tick).toEqual({ minimum_tick_size: Number(change!.new_tick_size) });
    } finally {
      await edge.close();
    }
  });
});

describe('Polymarket user channel', () => {
  it('pushes order placement/cancellation and trades through MATCHED → MINED → CONFIRMED', async () => {
    const signer = wallet();
    const creds = await new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer }).createOrDeriveApiKey();
    const client = new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer, creds });
    const s = await open(sim.endpoints.polymarket.userWs);
    s.send({ auth: { apiKey: creds.key, secret: creds.secret, passphrase: creds.passphrase }, type: 'user' });
    await settle();

    const [m] = await tokensOf();
    const yes = m!.tokens[0]!.token_id;
    const resting = await client.createAndPostOrder({ tokenID: yes, price: 0.02, size: 10, side: Side.BUY }, undefined, OrderType.GTC);
    expect(resting).toMatchObject({ success: true, status: 'live' });
    await s.waitFor<Ev>((e) => e.event_type === 'order' && e.type === 'PLACEMENT' && e.id === resting.orderID);
    expect((await client.getOpenOrders()).map((o) => o.id)).toContain(resting.orderID);
    await client.cancelOrder({ orderID: resting.orderID });
    await s.waitFor<Ev>((e) => e.event_type === 'order' && e.type === 'CANCELLATION' && e.id === resting.orderID);
    expect(sim.truth.polymarket.restingOrders()).toHaveLength(0);

    const taken = await client.createAndPostMarketOrder({ tokenID: yes, amount: 15, side: Side.BUY, orderType: OrderType.FAK }, undefined, OrderType.FAK);
    const tradeId = taken.tradeIDs![0]!;
    await s.waitFor<Ev>((e) => e.event_type === 'trade' && e.id === tradeId && e.status === 'MATCHED');
    sim.clock.step(2000);
    await s.waitFor<Ev>((e) => e.event_type === 'trade' && e.id === tradeId && e.status === 'MINED');
    sim.clock.step(3000);
    const confirmed = await s.waitFor<Ev>((e) => e.event_type === 'trade' && e.id === tradeId && e.status === 'CONFIRMED');
    expect(confirmed).toMatchObject({ type: 'TRADE', taker_order_id: taken.orderID, side: 'BUY', trader_side: 'TAKER' });
  });

  it('closes a user connection that presents wrong credentials', async () => {
    const s = await open(sim.endpoints.polymarket.userWs);
    s.send({ auth: { apiKey: 'nope', secret: 'x', passphrase: 'y' }, type: 'user' });
    await new Promise<void>((resolve) => s.ws.once('close', (code) => (expect(code).toBe(1008), resolve())));
  });
});

describe('the 500-asset limit', () => {
  let big: SimulatorHandle;
  beforeAll(async () => {
    big = await startSimulator({ seed: 'many', markets: 300, autoRun: false, dislocationEverySec: 0 });
  });
  afterAll(async () => {
    await big?.close();
  });

  it('serves at most 500 assets on one connection, as the venue does', async () => {
    const ids = big.truth.catalog().groups.flatMap((g) => g.propositions.map((p) => p.polymarket)).filter((c): c is string => c !== null);
    const res = await fetch(`${big.endpoints.polymarket.clob}/markets`);
    const first = (await res.json()) as { data: { tokens: { token_id: string }[] }[]; next_cursor: string };
    const res2 = await fetch(`${big.endpoints.polymarket.clob}/markets?next_cursor=${first.next_cursor}`);
    const second = (await res2.json()) as { data: { tokens: { token_id: string }[] }[] };
    const tokens = [...first.data, ...second.data].flatMap((m) => m.tokens.map((t) => t.token_id));
    expect(ids.length * 2).toBe(tokens.length);
    expect(tokens.length).toBeGreaterThan(520);
    const s = await open(big.endpoints.polymarket.ws);
    s.send({ assets_ids: tokens.slice(0, 520), type: 'market' });
    await s.waitFor<Ev>((e) => e.event_type === 'book');
    await settle();
    const books = s.of<Ev>((e) => e.event_type === 'book');
    expect(books).toHaveLength(500);
    expect(books.map((b) => b.asset_id)).toEqual(tokens.slice(0, 500));
  });
});
