// Faults, set at start and at runtime (programmatic API and the admin endpoint): rejects,
// partial fills, added latency, dropped connections and stalled feeds, each observed from the
// client's side of a real socket.
import { ClobClient, OrderType, Side } from '@polymarket/clob-client-v2';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { polygon } from 'viem/chains';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../src/sim/index';
import { kalshiFetch, kalshiHeaders, RecordingSocket, settle, until } from './helpers';

let sim: SimulatorHandle;
const sockets: RecordingSocket[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'faults', markets: 8, autoRun: false, dislocationEverySec: 0, faults: 'latency=polymarket:5ms' });
});
afterEach(async () => {
  sim.faults.clear();
  sim.faults.set('latency=polymarket:5ms');
  await Promise.all(sockets.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await sim?.close();
});

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sim.endpoints.admin}${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

const ticker = () => sim.truth.catalog().groups[0]!.propositions[0]!.kalshi!;
const bestAsk = (t: string) => {
  const no = sim.truth.kalshi.book(t).no[0]!;
  return { price: ((10_000 - Math.round(Number(no[0]) * 10_000)) / 10_000).toFixed(4), size: Number(no[1]) };
};
const kalshiOrder = (body: Record<string, unknown>) => {
  const { keyId, privateKeyPem, rest } = sim.endpoints.kalshi;
  return kalshiFetch(keyId, privateKeyPem, 'POST', `${rest}/portfolio/events/orders`, {
    ticker: ticker(),
    side: 'bid',
    time_in_force: 'immediate_or_cancel',
    self_trade_prevention_type: 'taker_at_cross',
    ...body,
  });
};
const polyClient = async () => {
  const signer = createWalletClient({ account: privateKeyToAccount(sim.endpoints.polymarket.privateKey as `0x${string}`), chain: polygon, transport: http('http://127.0.0.1:9') });
  const creds = await new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer }).createOrDeriveApiKey();
  return new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer, creds });
};

describe('faults', () => {
  it('applies the start-up SPEC and reports it canonically', async () => {
    expect(sim.faults.spec()).toBe('latency=polymarket:5ms'); // from beforeAll's start-up SPEC
    const s = await startSimulator({ seed: 'f2', markets: 2, autoRun: false, faults: 'drop=0.5,gap=0.1,stall=kalshi:5s@20s/60s,reject=polymarket:0.25,partial=0.2,latency=200ms' });
    try {
      expect(s.faults.spec()).toBe(
        'drop=kalshi:0.5,gap=kalshi:0.1,partial=kalshi:0.2,latency=kalshi:200ms,stall=kalshi:5s@20s/1m,drop=polymarket:0.5,reject=polymarket:0.25,partial=polymarket:0.2,latency=polymarket:200ms',
      );
    } finally {
      await s.close();
    }
  });

  it('rejects orders at the set rate, in each venue’s own shape, leaving no order behind', async () => {
    sim.faults.set('reject=1');
    const r = await kalshiOrder({ count: '1.00', price: bestAsk(ticker()).price, client_order_id: 'rejected-1' });
    expect(r).toEqual({ status: 409, body: { error: { code: 'trading_is_paused', message: 'trading is paused' } } });
    expect(sim.truth.kalshi.orders().some((o) => o.clientOrderId === 'rejected-1')).toBe(false);
    const client = await polyClient();
    const yes = (await client.getMarkets()).data[0].tokens[0].token_id as string;
    const res = (await client.createAndPostOrder({ tokenID: yes, price: 0.02, size: 10, side: Side.BUY }, undefined, OrderType.GTC)) as unknown as { status: number; error: string };
    expect(res).toMatchObject({ status: 503, error: expect.stringMatching(/cancel-only/) });
    expect(sim.truth.polymarket.orders()).toHaveLength(0);
    sim.faults.clear();
    expect((await kalshiOrder({ count: '1.00', price: bestAsk(ticker()).price, client_order_id: 'rejected-1' })).status).toBe(201);
  });

  it('fills about half of a marketable order under partial=1', async () => {
    sim.faults.set('partial=kalshi:1');
    const ask = bestAsk(ticker());
    const want = Math.min(20, Math.floor(ask.size));
    const r = await kalshiOrder({ count: `${want}.00`, price: ask.price, client_order_id: 'partial-1' });
    expect(r.status).toBe(201);
    const filled = Number((r.body as { fill_count: string }).fill_count);
    expect(filled).toBe(Math.max(1, Math.floor(want / 2)));
    expect(sim.truth.kalshi.orders().find((o) => o.clientOrderId === 'partial-1')).toMatchObject({ status: 'canceled', remainingCount: '0.00' });
  });

  it('adds latency to REST answers and WebSocket messages', async () => {
    sim.faults.set('latency=kalshi:300ms');
    const t0 = Date.now();
    await fetch(`${sim.endpoints.kalshi.rest}/exchange/status`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    const t1 = Date.now();
    await fetch(`${sim.endpoints.polymarket.clob}/ok`);
    expect(Date.now() - t1).toBeLessThan(280); // the other venue is not slowed
    const { keyId, privateKeyPem, ws } = sim.endpoints.kalshi;
    const s = await RecordingSocket.open(ws, kalshiHeaders(keyId, privateKeyPem, 'GET', '/trade-api/ws/v2'));
    sockets.push(s);
    const t2 = Date.now();
    s.send({ id: 1, cmd: 'list_subscriptions' });
    await s.waitFor((m) => m.id === 1);
    expect(Date.now() - t2).toBeGreaterThanOrEqual(290);
  });

  it('drops connections on demand (admin) and at a rate (SPEC), one venue at a time', async () => {
    const { keyId, privateKeyPem, ws } = sim.endpoints.kalshi;
    const k = await RecordingSocket.open(ws, kalshiHeaders(keyId, privateKeyPem, 'GET', '/trade-api/ws/v2'));
    const p = await RecordingSocket.open(sim.endpoints.polymarket.ws);
    sockets.push(k, p);
    expect((await admin('POST', '/drop', { venue: 'kalshi' })).status).toBe(200);
    await until(() => k.closed, 2000, 'the Kalshi socket to be cut');
    await settle();
    expect(p.closed).toBe(false);
    sim.faults.set('drop=polymarket:1');
    await until(() => p.closed, 3000, 'the Polymarket socket to be cut by the drop rate');
  });

  it('stalls a feed: messages are held, PONG still answers, and everything arrives in order afterwards', async () => {
    const client = await polyClient();
    const m = (await client.getMarkets()).data[0] as { tokens: { token_id: string }[] };
    const yes = m.tokens[0]!.token_id;
    const s = await RecordingSocket.open(sim.endpoints.polymarket.ws);
    sockets.push(s);
    s.send({ assets_ids: [yes], type: 'market' });
    await s.waitFor((e) => e.event_type === 'book');
    // Long enough that a loaded machine still looks inside the stall.
    const res = await admin('POST', '/stall', { venue: 'polymarket', ms: '2000ms' });
    expect(res.json).toEqual({ stalled: 'polymarket', ms: 2000 });
    const mark = s.messages.length;
    for (let i = 0; i < 30; i++) sim.clock.step();
    s.send('PING');
    await settle();
    expect(s.messages.slice(mark)).toEqual(['PONG']);
    await until(() => s.messages.length > mark + 1, 6000, 'held messages');
    await settle();
    const changes = s.messages.slice(mark).filter((x) => typeof x === 'object') as { event_type: string }[];
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.event_type === 'price_change')).toBe(true);
  });

  it('changes faults at runtime through the admin endpoint and refuses a bad SPEC', async () => {
    expect((await admin('PUT', '/faults', { spec: 'reject=kalshi:0.5' })).json).toEqual({ spec: 'reject=kalshi:0.5' });
    expect((await admin('POST', '/faults', { spec: 'latency=polymarket:20ms' })).json).toEqual({ spec: 'reject=kalshi:0.5,latency=polymarket:20ms' });
    const badSpec = await admin('POST', '/faults', { spec: 'explode=1' });
    expect(badSpec.status).toBe(400);
    expect(badSpec.json.error).toMatch(/unknown fault "explode"/);
    expect((await admin('POST', '/faults', { spec: 'drop=2' })).json.error).toMatch(/rate/);
    expect((await admin('DELETE', '/faults')).json).toEqual({ spec: '' });
    expect(sim.faults.spec()).toBe('');
  });
});
