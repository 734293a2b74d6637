// The official `polymarket-us` SDK (0.1.1) driven against the simulator, as a client written to the
// venue's own word: if the simulator spoke a dialect only our connector understands, this fails.
// Paths and signing: node_modules/polymarket-us/dist/index.js:145-250 (resources), :55-68 (auth),
// :343-355 (socket handshake), :409-524 (socket messages).
import { randomBytes } from 'node:crypto';
import { AuthenticationError, BadRequestError, PolymarketUS } from 'polymarket-us';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, readSecretKey } from '../../../../src/engine/venues/polymarket-us/auth';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';

let sim: SimulatorHandle;
let client: PolymarketUS;
let slug: string;

function waitFor<T>(register: (resolve: (v: T) => void) => void, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timed out')), ms);
    register((v) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 'pmus-sdk', markets: 12, autoRun: false, dislocationEverySec: 0 });
  const e = sim.endpoints['polymarket-us'];
  client = new PolymarketUS({ keyId: e.keyId, secretKey: e.secretKey, gatewayBaseUrl: e.gateway, apiBaseUrl: e.api });
  slug = sim.polymarketUs.listings[0]!.slug;
});

afterAll(async () => {
  await sim?.close();
});

describe('the official polymarket-us SDK against the simulator', () => {
  it('lists markets with the fields a connector needs, paired one to one with Kalshi', async () => {
    const { markets } = await client.markets.list({ limit: 100, offset: 0, active: true, closed: false });
    expect(markets.length).toBe(sim.polymarketUs.listings.length);
    const m = markets[0] as unknown as Record<string, unknown>;
    expect(m).toMatchObject({ slug, feeCoefficient: 0.0695, orderPriceMinTickSize: 0.01, minimumTradeQty: 1, status: 'MARKET_STATUS_OPEN' });
    const kalshi = new Set(sim.truth.catalog().groups.flatMap((g) => g.propositions.map((p) => p.kalshi)));
    for (const [ticker] of sim.polymarketUs.equivalent()) expect(kalshi.has(ticker)).toBe(true);
  });

  it('serves the book wrapped in marketData, with YES bids and offers as Amounts', async () => {
    // SDK 0.1.1 types the book flat; the runtime answer is wrapped (next-venues.md §1.5).
    const book = (await client.markets.book(slug)) as unknown as { marketData: { marketSlug: string; bids: { px: { value: string; currency: string }; qty: string }[]; offers: unknown[]; state: string } };
    expect(book.marketData.marketSlug).toBe(slug);
    expect(book.marketData.state).toBe('MARKET_STATE_OPEN');
    expect(book.marketData.bids[0]!.px.currency).toBe('USD');
    expect(book.marketData.bids[0]!.qty).toMatch(/^\d+\.\d{4}$/);
    expect(book.marketData.offers.length).toBeGreaterThan(0);
  });

  it('buys NO as ORDER_INTENT_BUY_SHORT at the YES price, filling against YES bids with a banker\'s-rounded commission', async () => {
    const data = (await client.markets.book(slug)) as unknown as { marketData: { bids: { px: { value: string }; qty: string }[] } };
    const bestBid = data.marketData.bids[0]!.px.value;
    const before = sim.polymarketUs.account();
    const r = await client.orders.create({
      marketSlug: slug, intent: 'ORDER_INTENT_BUY_SHORT', type: 'ORDER_TYPE_LIMIT', price: { value: bestBid, currency: 'USD' }, quantity: 2,
      tif: 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL', manualOrderIndicator: 'MANUAL_ORDER_INDICATOR_AUTOMATIC', synchronousExecution: true,
    });
    expect(r.id).toBeTruthy();
    const fill = r.executions!.find((e) => e.type === 'EXECUTION_TYPE_FILL')!;
    expect(fill.lastShares).toBe('2.00');
    expect(fill.lastPx!.value).toBe(bestBid);
    expect(fill.aggressor).toBe(true);
    const p = Number(bestBid);
    const exactCents = 0.0695 * 2 * p * (1 - p) * 100;
    expect(Math.abs(Number(fill.commissionNotionalCollected!.value) * 100 - exactCents)).toBeLessThanOrEqual(0.5);
    const after = sim.polymarketUs.account();
    expect(after.positions[slug]).toBe((before.positions[slug] ?? 0) - 200);
    // Buying NO costs 1 − the YES price per contract, plus the commission.
    const costMicros = Math.round(2 * (1 - p) * 1e6) + Math.round(Number(fill.commissionNotionalCollected!.value) * 1e6);
    expect(before.cash - after.cash).toBe(costMicros);
    const { positions } = await client.portfolio.positions();
    expect(positions[slug]!.netPosition).toBe('-2');
    const { balances } = await client.account.balances();
    expect(balances[0]!.buyingPower).toBeCloseTo(after.cash / 1e6, 6);
  });

  it('rests a GTC order, lists it, and cancels it only with its market slug', async () => {
    const r = await client.orders.create({ marketSlug: slug, intent: 'ORDER_INTENT_BUY_LONG', type: 'ORDER_TYPE_LIMIT', price: { value: '0.02', currency: 'USD' }, quantity: 1, tif: 'TIME_IN_FORCE_GOOD_TILL_CANCEL' });
    const { orders } = await client.orders.list({ slugs: [slug] });
    expect(orders.map((o) => o.id)).toContain(r.id);
    await expect(client.orders.cancel(r.id, { marketSlug: sim.polymarketUs.listings[1]!.slug })).rejects.toBeInstanceOf(BadRequestError);
    await client.orders.cancel(r.id, { marketSlug: slug });
    expect((await client.orders.retrieve(r.id)).order.state).toBe('ORDER_STATE_CANCELED');
  });

  it('gives an order id to a price off the tick, then rejects it in validation', async () => {
    const r = await client.orders.create({ marketSlug: slug, intent: 'ORDER_INTENT_BUY_LONG', type: 'ORDER_TYPE_LIMIT', price: { value: '0.555', currency: 'USD' }, quantity: 1, tif: 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL', synchronousExecution: true });
    expect(r.id).toBeTruthy();
    expect(r.executions).toEqual([expect.objectContaining({ type: 'EXECUTION_TYPE_REJECTED', orderRejectReason: 'ORD_REJECT_REASON_INVALID_PRICE_INCREMENT' })]);
  });

  it('refuses a wrong signature and a timestamp outside 30 seconds with 401', async () => {
    const e = sim.endpoints['polymarket-us'];
    const stranger = new PolymarketUS({ keyId: e.keyId, secretKey: randomBytes(32).toString('base64'), gatewayBaseUrl: e.gateway, apiBaseUrl: e.api });
    await expect(stranger.account.balances()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(stranger.account.balances()).rejects.toThrow(/invalid signature/);
    // The SDK stamps Date.now(); a client 31 s behind the venue's clock:
    const key = readSecretKey(e.secretKey);
    if (!key.ok) throw new Error(key.reason);
    const late = await fetch(`${e.api}/v1/account/balances`, { headers: { ...authHeaders(e.keyId, key.key, 'GET', '/v1/account/balances', Date.now() - 31_000) } });
    expect(late.status).toBe(401);
    expect(await late.text()).toMatch(/30 second window/);
    const onTime = await fetch(`${e.api}/v1/account/balances?ignored=query`, { headers: { ...authHeaders(e.keyId, key.key, 'GET', '/v1/account/balances', Date.now() - 25_000) } });
    expect(onTime.status).toBe(200);
    // The public gateway needs no key.
    await expect(new PolymarketUS({ gatewayBaseUrl: e.gateway }).markets.list({ limit: 1 })).resolves.toMatchObject({ markets: [expect.anything()] });
  });

  it('streams whole books on the signed markets socket and executions on the private one', async () => {
    const markets = client.ws.markets();
    await markets.connect();
    const first = waitFor<{ requestId: string; marketData: { marketSlug: string; bids: unknown[] } }>((resolve) => markets.on('marketData', resolve));
    markets.subscribeMarketData('md-1', [slug]);
    const snap = await first;
    expect(snap.requestId).toBe('md-1');
    expect(snap.marketData.marketSlug).toBe(slug);
    expect(snap.marketData.bids.length).toBeGreaterThan(0);

    const priv = client.ws.private();
    await priv.connect();
    priv.subscribeOrders('orders-1', []);
    // Subscriptions are processed in order: a snapshot request after it proves the first was read.
    const snapshot = waitFor<unknown>((resolve) => priv.on('orderSnapshot', resolve));
    priv.subscribeAll('snap-1', 'SUBSCRIPTION_TYPE_ORDER_SNAPSHOT' as never, []);
    await snapshot;
    const update = waitFor<{ orderSubscriptionUpdate: { execution: { type: string; order: { intent: string } } } }>((resolve) => priv.on('orderUpdate', resolve));
    const changed = waitFor<{ marketData: { marketSlug: string } }>((resolve) => markets.on('marketData', resolve));
    const asks = ((await client.markets.book(slug)) as unknown as { marketData: { offers: { px: { value: string; currency: 'USD' } }[] } }).marketData.offers;
    await client.orders.create({ marketSlug: slug, intent: 'ORDER_INTENT_BUY_LONG', type: 'ORDER_TYPE_LIMIT', price: asks[0]!.px, quantity: 1, tif: 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL' });
    expect((await update).orderSubscriptionUpdate.execution.order.intent).toBe('ORDER_INTENT_BUY_LONG');
    expect((await changed).marketData.marketSlug).toBe(slug);
    markets.close();
    priv.close();
  });

  it('refuses a socket handshake signed with the wrong key', async () => {
    const e = sim.endpoints['polymarket-us'];
    const stranger = new PolymarketUS({ keyId: e.keyId, secretKey: randomBytes(32).toString('base64'), apiBaseUrl: e.api });
    const socket = stranger.ws.markets();
    socket.on('error', () => undefined);
    await expect(socket.connect()).rejects.toThrow(/WebSocket connection failed/);
  });
});
