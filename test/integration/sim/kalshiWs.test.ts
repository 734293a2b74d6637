// Kalshi's WebSocket over a real socket: the signed upgrade, snapshots and deltas that rebuild
// exactly the simulator's book, seq per subscription (and the gap fault), update_subscription,
// the fill channel, and error replies to bad commands.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseQty, parseSignedQty } from '../../../src/shared/units';
import { startSimulator, type SimulatorHandle } from '../../../src/sim/index';
import { kalshiFetch, kalshiHeaders, RecordingSocket, settle } from './helpers';

let sim: SimulatorHandle;
const sockets: RecordingSocket[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'kalshi-ws', markets: 10, autoRun: false, dislocationEverySec: 0 });
});
afterEach(async () => {
  sim.faults.clear();
  await Promise.all(sockets.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await sim?.close();
});

async function connect(): Promise<RecordingSocket> {
  const { keyId, privateKeyPem, ws } = sim.endpoints.kalshi;
  const s = await RecordingSocket.open(ws, kalshiHeaders(keyId, privateKeyPem, 'GET', '/trade-api/ws/v2'));
  sockets.push(s);
  return s;
}

type Msg = { type: string; sid?: number; seq?: number; id?: number; msg: Record<string, unknown> };
type Book = { yes: Map<string, number>; no: Map<string, number> };

function apply(books: Map<string, Book>, m: Msg): void {
  const t = m.msg.market_ticker as string;
  if (m.type === 'orderbook_snapshot') {
    const b: Book = { yes: new Map(), no: new Map() };
    for (const [p, s] of (m.msg.yes_dollars_fp as [string, string][] | undefined) ?? []) b.yes.set(p, (parseQty(s) as { value: number }).value);
    for (const [p, s] of (m.msg.no_dollars_fp as [string, string][] | undefined) ?? []) b.no.set(p, (parseQty(s) as { value: number }).value);
    books.set(t, b);
  } else if (m.type === 'orderbook_delta') {
    const side = books.get(t)![m.msg.side as 'yes' | 'no'];
    const p = m.msg.price_dollars as string;
    const next = (side.get(p) ?? 0) + (parseSignedQty(m.msg.delta_fp as string) as { value: number }).value;
    if (next <= 0) side.delete(p);
    else side.set(p, next);
  }
}

function asTruth(b: Book): { yes: [string, string][]; no: [string, string][] } {
  const fmt = (m: Map<string, number>) =>
    [...m]
      .sort((a, c) => Number(c[0]) - Number(a[0]))
      .map(([p, s]) => [p, `${Math.floor(s / 100)}.${String(s % 100).padStart(2, '0')}`] as [string, string]);
  return { yes: fmt(b.yes), no: fmt(b.no) };
}

const tickers = () => sim.truth.catalog().groups.flatMap((g) => g.propositions.map((p) => p.kalshi)).filter((t): t is string => t !== null);

describe('Kalshi WebSocket', () => {
  it('refuses an upgrade with a bad signature (401)', async () => {
    const { keyId, ws } = sim.endpoints.kalshi;
    const headers = { 'KALSHI-ACCESS-KEY': keyId, 'KALSHI-ACCESS-TIMESTAMP': String(Date.now()), 'KALSHI-ACCESS-SIGNATURE': Buffer.alloc(256, 1).toString('base64') };
    await expect(RecordingSocket.open(ws, headers)).rejects.toMatchObject({ status: 401 });
    await expect(RecordingSocket.open(ws)).rejects.toMatchObject({ status: 401 });
  });

  it('rebuilds exactly the simulator book from snapshot + deltas, with contiguous seq', async () => {
    const s = await connect();
    const [a, b] = tickers();
    s.send({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_tickers: [a, b] } });
    const subscribed = await s.waitFor<Msg>((m) => m.type === 'subscribed');
    const sid = subscribed.msg.sid as number;
    expect(subscribed).toMatchObject({ id: 1, msg: { channel: 'orderbook_delta' } });
    await s.waitFor<Msg>((m) => m.type === 'orderbook_snapshot' && m.msg.market_ticker === b);
    for (let i = 0; i < 20; i++) sim.clock.step();
    await settle();
    const data = s.of<Msg>((m) => m.sid === sid && (m.type === 'orderbook_snapshot' || m.type === 'orderbook_delta'));
    expect(data.length).toBeGreaterThan(4);
    expect(data.map((m) => m.seq)).toEqual(data.map((_, i) => i + 1));
    const books = new Map<string, Book>();
    for (const m of data) apply(books, m);
    expect(asTruth(books.get(a!)!)).toEqual(sim.truth.kalshi.book(a!));
    expect(asTruth(books.get(b!)!)).toEqual(sim.truth.kalshi.book(b!));
    const delta = data.find((m) => m.type === 'orderbook_delta')!;
    expect(delta.msg).toMatchObject({ side: expect.stringMatching(/^(yes|no)$/), price_dollars: expect.stringMatching(/^0\.\d{4}$/), delta_fp: expect.stringMatching(/^-?\d+\.\d{2}$/) });
  });

  it('update_subscription: get_snapshot, add_markets and delete_markets', async () => {
    const s = await connect();
    const [a, b, c] = tickers();
    s.send({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_ticker: a } });
    const sid = ((await s.waitFor<Msg>((m) => m.type === 'subscribed')).msg.sid as number);
    s.send({ id: 2, cmd: 'update_subscription', params: { sid, market_tickers: [a], action: 'get_snapshot' } });
    const ok = await s.waitFor<Msg>((m) => m.type === 'ok' && m.id === 2);
    expect(ok.msg).toEqual({ market_tickers: [a] });
    expect(s.of<Msg>((m) => m.type === 'orderbook_snapshot' && m.msg.market_ticker === a)).toHaveLength(2);

    s.send({ id: 3, cmd: 'update_subscription', params: { sids: [sid], market_tickers: [b, c], action: 'add_markets' } });
    expect((await s.waitFor<Msg>((m) => m.type === 'ok' && m.id === 3)).msg).toEqual({ market_tickers: [a, b, c] });
    s.send({ id: 4, cmd: 'update_subscription', params: { sid, market_tickers: [a], action: 'delete_markets' } });
    await s.waitFor<Msg>((m) => m.type === 'ok' && m.id === 4);
    const mark = s.messages.length;
    for (let i = 0; i < 20; i++) sim.clock.step();
    await settle();
    const later = s.messages.slice(mark) as Msg[];
    expect(later.some((m) => m.type === 'orderbook_delta' && m.msg.market_ticker === a)).toBe(false);
    expect(later.some((m) => m.type === 'orderbook_delta' && m.msg.market_ticker !== a)).toBe(true);
    const all = s.of<Msg>((m) => m.sid === sid && typeof m.seq === 'number' && m.type !== 'ok');
    expect(all.map((m) => m.seq)).toEqual(all.map((_, i) => i + 1));
  });

  it('every subscription covering a market gets its deltas; an unsubscribed one and a closed connection get none', async () => {
    const [a, b] = tickers();
    const one = await connect();
    const two = await connect();
    one.send({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_tickers: [a, b] } });
    one.send({ id: 2, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_tickers: [a] } });
    two.send({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_tickers: [b] } });
    const sidsOfOne = [(await one.waitFor<Msg>((m) => m.id === 1 && m.type === 'subscribed')).msg.sid as number, (await one.waitFor<Msg>((m) => m.id === 2 && m.type === 'subscribed')).msg.sid as number];
    await two.waitFor<Msg>((m) => m.type === 'subscribed');
    for (let i = 0; i < 20; i++) sim.clock.step();
    await settle();
    const deltas = (s: RecordingSocket, sid: number, ticker?: string) => s.of<Msg>((m) => m.type === 'orderbook_delta' && m.sid === sid && (ticker === undefined || m.msg.market_ticker === ticker));
    // Both subscriptions of one connection see market a: the same changes, each with its own seq.
    const first = deltas(one, sidsOfOne[0]!, a);
    const second = deltas(one, sidsOfOne[1]!, a);
    expect(second.length).toBeGreaterThan(0);
    expect(second.map((m) => m.msg)).toEqual(first.map((m) => m.msg));
    const seqs = deltas(one, sidsOfOne[1]!).map((m) => m.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 2)); // 1 was the snapshot

    one.send({ id: 3, cmd: 'unsubscribe', params: { sids: [sidsOfOne[1]] } });
    await one.waitFor<Msg>((m) => m.type === 'unsubscribed');
    await one.close();
    const twoSid = (two.of<Msg>((m) => m.type === 'subscribed')[0]!.msg.sid as number);
    const before = deltas(two, twoSid).length;
    for (let i = 0; i < 20; i++) sim.clock.step();
    await settle();
    expect(deltas(two, twoSid).length).toBeGreaterThan(before);
    const fresh = await connect();
    fresh.send({ id: 1, cmd: 'list_subscriptions' });
    expect((await fresh.waitFor<Msg>((m) => m.type === 'ok')).msg).toEqual([]);
  });

  it('a gap fault spends seq numbers without sending them', async () => {
    const s = await connect();
    s.send({ id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_tickers: tickers().slice(0, 4) } });
    const sid = ((await s.waitFor<Msg>((m) => m.type === 'subscribed')).msg.sid as number);
    sim.faults.set('gap=0.3');
    for (let i = 0; i < 20; i++) sim.clock.step();
    await settle();
    const seqs = s.of<Msg>((m) => m.sid === sid).map((m) => m.seq!);
    const gaps = seqs.slice(1).filter((q, i) => q !== seqs[i]! + 1);
    expect(gaps.length).toBeGreaterThan(0);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
  });

  it('pushes fills and own order changes on private channels, with client_order_id on own deltas', async () => {
    const s = await connect();
    const t = tickers()[5]!;
    s.send({ id: 1, cmd: 'subscribe', params: { channels: ['fill', 'user_orders'] } });
    s.send({ id: 2, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_ticker: t } });
    await s.waitFor<Msg>((m) => m.type === 'orderbook_snapshot');
    const { keyId, privateKeyPem, rest } = sim.endpoints.kalshi;
    const book = sim.truth.kalshi.book(t);
    const ask = (10_000 - Math.round(Number(book.no[0]![0]) * 10_000)) / 10_000;
    const price = ask.toFixed(4);
    const res = await kalshiFetch(keyId, privateKeyPem, 'POST', `${rest}/portfolio/events/orders`, {
      ticker: t,
      side: 'bid',
      count: '2.00',
      price,
      time_in_force: 'immediate_or_cancel',
      self_trade_prevention_type: 'taker_at_cross',
      client_order_id: 'ws-fill-1',
    });
    expect(res.status).toBe(201);
    const fill = await s.waitFor<Msg>((m) => m.type === 'fill');
    expect(fill.msg).toMatchObject({ market_ticker: t, client_order_id: 'ws-fill-1', count_fp: '2.00', yes_price_dollars: price, is_taker: true, post_position_fp: '2.00' });
    await s.waitFor<Msg>((m) => m.type === 'user_order' && m.msg.client_order_id === 'ws-fill-1' && m.msg.status === 'executed');
    const own = await s.waitFor<Msg>((m) => m.type === 'orderbook_delta' && m.msg.client_order_id === 'ws-fill-1');
    expect(own.msg).toMatchObject({ side: 'no', delta_fp: '-2.00' });
  });

  it('answers bad commands with Kalshi error codes and keeps the connection', async () => {
    const s = await connect();
    s.send('not json');
    s.send({ id: 2, cmd: 'dance' });
    s.send({ id: 3, cmd: 'subscribe' });
    s.send({ id: 4, cmd: 'subscribe', params: { channels: ['weather'] } });
    s.send({ id: 5, cmd: 'subscribe', params: { channels: ['orderbook_delta'] } });
    s.send({ id: 6, cmd: 'unsubscribe', params: { sids: [999] } });
    s.send({ id: 7, cmd: 'update_subscription', params: { sids: [1, 2], action: 'get_snapshot' } });
    s.send({ id: 8, cmd: 'subscribe', params: { channels: ['orderbook_delta'], market_ticker: 'NOPE' } });
    const codes = async (id: number | undefined) => ((await s.waitFor<Msg>((m) => m.type === 'error' && m.id === id)).msg.code as number);
    expect(await codes(undefined)).toBe(1);
    expect(await codes(2)).toBe(5);
    expect(await codes(3)).toBe(2);
    expect(await codes(4)).toBe(8);
    expect(await codes(5)).toBe(14);
    expect(await codes(6)).toBe(7);
    expect(await codes(7)).toBe(12);
    expect(await codes(8)).toBe(16);
    s.send({ id: 9, cmd: 'list_subscriptions' });
    expect(await s.waitFor<Msg>((m) => m.type === 'ok' && m.id === 9)).toMatchObject({ msg: [] });
  });
});
