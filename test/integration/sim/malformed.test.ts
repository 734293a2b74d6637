// Whatever a client sends, the simulator answers in the venue's own error shape (4xx with a
// message) and stays up: targeted bad requests, then fuzzed bodies, queries and frames.
import { ClobClient, createL2Headers } from '@polymarket/clob-client-v2';
import fc from 'fast-check';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { polygon } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../src/sim/index';
import { kalshiHeaders, RecordingSocket, settle } from './helpers';

let sim: SimulatorHandle;
let creds: { key: string; secret: string; passphrase: string };
let signer: ReturnType<typeof createWalletClient>;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'malformed', markets: 8, autoRun: false, dislocationEverySec: 0 });
  signer = createWalletClient({ account: privateKeyToAccount(sim.endpoints.polymarket.privateKey as `0x${string}`), chain: polygon, transport: http('http://127.0.0.1:9') });
  creds = await new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer }).createOrDeriveApiKey();
});
afterAll(async () => {
  await sim?.close();
});

async function kalshi(method: string, path: string, body?: string, query = ''): Promise<{ status: number; json: unknown }> {
  const { keyId, privateKeyPem, rest } = sim.endpoints.kalshi;
  const url = new URL(`${rest}${path}${query}`);
  const res = await fetch(url, { method, headers: { ...kalshiHeaders(keyId, privateKeyPem, method, url.pathname), 'content-type': 'application/json' }, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

async function poly(method: string, path: string, body?: string, query = ''): Promise<{ status: number; json: unknown }> {
  const headers = await createL2Headers(signer, creds, { method, requestPath: path, ...(body !== undefined ? { body } : {}) });
  const res = await fetch(`${sim.endpoints.polymarket.clob}${path}${query}`, { method, headers: { ...(headers as Record<string, string>), 'content-type': 'application/json' }, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

const kalshiError = (j: unknown) => expect(j).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
const polyError = (j: unknown) => expect(j).toMatchObject({ error: expect.any(String) });

describe('targeted bad requests', () => {
  it('Kalshi names the offending order field', async () => {
    const ticker = sim.truth.catalog().groups[0]!.propositions[0]!.kalshi!;
    const base = { ticker, side: 'bid', count: '1.00', price: '0.5000', time_in_force: 'immediate_or_cancel', self_trade_prevention_type: 'taker_at_cross' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, side: 'buy' }, /side/],
      [{ ...base, count: 1 }, /count/],
      [{ ...base, count: '1.001' }, /count/],
      [{ ...base, price: '0.56' + '1' }, /grid|price/],
      [{ ...base, price: '1.2000' }, /price/],
      [{ ...base, time_in_force: 'forever' }, /time_in_force/],
      [{ ...base, self_trade_prevention_type: undefined }, /self_trade_prevention_type/],
      [{ ...base, reduce_only: true, time_in_force: 'good_till_canceled' }, /reduce_only/],
      [{ ...base, expiration_time: 'tomorrow', time_in_force: 'good_till_canceled' }, /expiration_time/],
    ];
    for (const [body, field] of cases) {
      const r = await kalshi('POST', '/portfolio/events/orders', JSON.stringify(body));
      expect(r.status, JSON.stringify(body)).toBe(400);
      kalshiError(r.json);
      expect((r.json as { error: { message: string } }).error.message).toMatch(field);
    }
    const notJson = await kalshi('POST', '/portfolio/events/orders', '{"ticker":');
    expect(notJson.status).toBe(400);
    kalshiError(notJson.json);
    const missing = await kalshi('POST', '/portfolio/events/orders', JSON.stringify({ ...base, ticker: 'NO-SUCH-MARKET' }));
    expect(missing.status).toBe(404);
    expect((await kalshi('GET', '/markets', undefined, '?limit=5000')).json).toMatchObject({ error: { message: expect.stringMatching(/limit/) } });
    expect((await kalshi('GET', '/markets', undefined, '?cursor=%%%')).status).toBe(400);
    expect((await kalshi('GET', '/markets', undefined, '?status=sleeping')).status).toBe(400);
    expect((await kalshi('GET', '/no/such/route')).status).toBe(404);
    expect((await kalshi('PUT', '/markets')).status).toBe(405);
    expect((await kalshi('POST', '/portfolio/orders', JSON.stringify(base))).status).toBe(410);
    const huge = await kalshi('POST', '/portfolio/events/orders', JSON.stringify({ pad: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    kalshiError(huge.json);
  });

  it('Polymarket answers {"error": …} with the CLOB messages', async () => {
    expect(await poly('POST', '/order', '{"order":')).toMatchObject({ status: 400, json: { error: expect.any(String) } });
    expect(await poly('POST', '/order', JSON.stringify({ order: { salt: 1 }, owner: creds.key, orderType: 'GTC' }))).toMatchObject({ status: 400, json: { error: expect.stringMatching(/Invalid order payload/) } });
    expect(await poly('DELETE', '/order', JSON.stringify({ orderID: 'nope' }))).toMatchObject({ status: 400, json: { error: 'Invalid orderID' } });
    expect(await poly('GET', '/balance-allowance', undefined, '?asset_type=GOLD')).toMatchObject({ status: 400, json: { error: 'Invalid asset type' } });
    const pub = async (path: string) => {
      const res = await fetch(`${sim.endpoints.polymarket.clob}${path}`);
      return { status: res.status, json: (await res.json()) as unknown };
    };
    expect(await pub('/book?token_id=abc')).toEqual({ status: 400, json: { error: 'Invalid token id' } });
    expect(await pub('/book?token_id=123')).toEqual({ status: 404, json: { error: 'No orderbook exists for the requested token id' } });
    expect(await pub('/markets/0x12')).toEqual({ status: 400, json: { error: 'Invalid market' } });
    expect(await pub(`/markets/0x${'ab'.repeat(32)}`)).toEqual({ status: 404, json: { error: 'market not found' } });
    expect(await pub('/markets?next_cursor=!!')).toMatchObject({ status: 400 });
    const gamma = await fetch(`${sim.endpoints.polymarket.gamma}/markets?limit=-1`);
    expect(gamma.status).toBe(400);
    polyError(await gamma.json());
  });
});

describe('fuzzed requests never crash a venue', () => {
  const body = fc.oneof(fc.string(), fc.json(), fc.constant('null'), fc.constant('[]'), fc.constant('{"order":null}'), fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')));
  const query = fc.dictionary(fc.constantFrom('limit', 'cursor', 'status', 'tickers', 'token_id', 'next_cursor', 'depth', 'asset_type', 'min_ts', 'with_nested_markets', 'offset', 'active'), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'valueOf', 'toString', 'hasOwnProperty')), { maxKeys: 3 });
  const qs = (q: Record<string, string>) => (Object.keys(q).length ? `?${new URLSearchParams(q)}` : '');

  it('Kalshi REST', async () => {
    const paths = ['/markets', '/events', '/portfolio/events/orders', '/portfolio/fills', '/portfolio/orders', '/portfolio/positions', '/markets/orderbooks', '/series/X', '/portfolio/events/orders/abc'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'DELETE'), fc.constantFrom(...paths), body, query, async (method, path, b, q) => {
        const r = await kalshi(method, path, method === 'GET' ? undefined : b, qs(q));
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) kalshiError(r.json);
      }),
      { numRuns: 150 },
    );
  });

  it('Polymarket CLOB and Gamma', async () => {
    const paths = ['/order', '/orders', '/data/orders', '/data/trades', '/balance-allowance', '/cancel-market-orders', '/books', '/book', '/tick-size', '/markets'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'DELETE'), fc.constantFrom(...paths), body, query, async (method, path, b, q) => {
        const r = await poly(method, path, method === 'GET' ? undefined : b, qs(q));
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) polyError(r.json);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/events', '/markets', '/events/1', '/markets/slug/x'), query, async (path, q) => {
        const res = await fetch(`${sim.endpoints.polymarket.gamma}${path}${qs(q)}`);
        expect(res.status).toBeLessThan(500);
        const j = (await res.json()) as unknown;
        if (res.status >= 400) polyError(j);
      }),
      { numRuns: 80 },
    );
  });

  it('WebSocket frames', async () => {
    const { keyId, privateKeyPem, ws } = sim.endpoints.kalshi;
    const k = await RecordingSocket.open(ws, kalshiHeaders(keyId, privateKeyPem, 'GET', '/trade-api/ws/v2'));
    const p = await RecordingSocket.open(sim.endpoints.polymarket.ws);
    const u = await RecordingSocket.open(sim.endpoints.polymarket.userWs);
    const frames = fc.sample(
      fc.oneof(
        fc.string(),
        fc.json(),
        fc.record({ id: fc.integer(), cmd: fc.constantFrom('subscribe', 'unsubscribe', 'update_subscription', 'list_subscriptions', 'x'), params: fc.anything() }),
        fc.record({ assets_ids: fc.anything(), operation: fc.constantFrom('subscribe', 'unsubscribe', 'nope'), type: fc.anything() }),
      ),
      300,
    );
    for (const f of frames) {
      const text = typeof f === 'string' ? f : JSON.stringify(f);
      k.send(text);
      p.send(text);
      if (!u.closed) u.send(text);
    }
    k.send({ id: 424242, cmd: 'list_subscriptions' });
    await k.waitFor((m) => m.id === 424242);
    p.send('PING');
    await settle();
    expect(p.texts).toContain('PONG');
    expect(k.closed).toBe(false);
    expect(p.closed).toBe(false);
    // Every Kalshi reply to a bad command is an error message with a code.
    for (const m of k.of((x) => x.type === 'error')) expect(m).toMatchObject({ msg: { code: expect.any(Number), msg: expect.any(String) } });
    await Promise.all([k.close(), p.close(), u.close()]);
    // And the venues still serve.
    expect((await fetch(`${sim.endpoints.kalshi.rest}/exchange/status`)).status).toBe(200);
    expect((await fetch(`${sim.endpoints.polymarket.clob}/ok`)).status).toBe(200);
  });
});
