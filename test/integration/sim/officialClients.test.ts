// The venues' official clients, unmodified, against the simulator over real sockets: if the
// simulator drifts from the real protocols, these clients are the first to notice.
import { generateKeyPairSync } from 'node:crypto';
import axios from 'axios';
import { Configuration, EventsApi, ExchangeApi, MarketApi, OrdersApi, PortfolioApi } from 'kalshi-typescript';
import { AssetType, ClobClient, OrderType, Side, createL1Headers } from '@polymarket/clob-client-v2';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { polygon } from 'viem/chains';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../src/sim/index';

let sim: SimulatorHandle;

beforeAll(async () => {
  // A paused world: books only move when the test steps the clock, so what the test reads is
  // what it trades against.
  sim = await startSimulator({ seed: 'official-clients', markets: 12, autoRun: false, dislocationEverySec: 0 });
});

afterAll(async () => {
  await sim?.close();
});

/** Each API object gets its own axios: kalshi-typescript installs its signing interceptor on it. */
function kalshiApis(keyId: string, privateKeyPem: string) {
  const config = new Configuration({ apiKey: keyId, privateKeyPem, basePath: sim.endpoints.kalshi.rest });
  return {
    market: new MarketApi(config, undefined, axios.create()),
    events: new EventsApi(config, undefined, axios.create()),
    exchange: new ExchangeApi(config, undefined, axios.create()),
    orders: new OrdersApi(config, undefined, axios.create()),
    portfolio: new PortfolioApi(config, undefined, axios.create()),
  };
}

/** ceil_to_cent(m × C × P × (1 − P)) computed with integers: m and P in 1/10_000, C whole contracts. */
function kalshiFeeCents(multiplier: number, contracts: number, price: number): number {
  const raw = BigInt(multiplier) * BigInt(contracts) * BigInt(price) * BigInt(10_000 - price); // 1e-12 dollars
  return Number((raw + 10_000_000_000n - 1n) / 10_000_000_000n);
}

describe('kalshi-typescript against the simulator', () => {
  it('lists markets page by page, reads series, events and exchange status', async () => {
    const api = kalshiApis(sim.endpoints.kalshi.keyId, sim.endpoints.kalshi.privateKeyPem);
    const first = await api.market.getMarkets(5);
    expect(first.data.markets).toHaveLength(5);
    expect(first.data.cursor).not.toBe('');
    const second = await api.market.getMarkets(5, first.data.cursor);
    const tickers = new Set([...first.data.markets, ...second.data.markets].map((m) => m.ticker));
    expect(tickers.size).toBe(10);

    const status = await api.exchange.getExchangeStatus();
    expect(status.data.trading_active).toBe(true);

    const events = await api.events.getEvents(200, undefined, true);
    const exclusive = events.data.events.find((e) => e.mutually_exclusive);
    expect(exclusive?.markets?.length).toBeGreaterThan(1);
    const series = await api.market.getSeries(exclusive!.series_ticker);
    expect(series.data.series.fee_type).toMatch(/^quadratic/);
    expect(series.data.series.fee_multiplier).toBeGreaterThan(0);
  });

  it('reads the order book exactly as the simulator holds it', async () => {
    const api = kalshiApis(sim.endpoints.kalshi.keyId, sim.endpoints.kalshi.privateKeyPem);
    const { data } = await api.market.getMarkets(1);
    const ticker = data.markets[0]!.ticker;
    const book = (await api.market.getMarketOrderbook(ticker)).data.orderbook_fp;
    const truth = sim.truth.kalshi.book(ticker);
    // The wire lists bids ascending (best last); the truth lists them best first.
    expect(book.yes_dollars).toEqual([...truth.yes].reverse());
    expect(book.no_dollars).toEqual([...truth.no].reverse());
    expect(book.yes_dollars.length).toBeGreaterThan(0);
  });

  it('authenticates, fills an IOC order, lists the fill and refuses a duplicate client_order_id', async () => {
    const api = kalshiApis(sim.endpoints.kalshi.keyId, sim.endpoints.kalshi.privateKeyPem);
    const balance = await api.portfolio.getBalance();
    expect(balance.data.balance_dollars).toBe('10000.0000');

    const market = (await api.market.getMarkets(20)).data.markets.find((m) => m.price_level_structure === 'linear_cent')!;
    const book = (await api.market.getMarketOrderbook(market.ticker)).data.orderbook_fp;
    const bestNoBid = book.no_dollars.at(-1)!; // best last
    const askCents = 100 - Math.round(Number(bestNoBid[0]) * 100); // YES ask = 1 − best NO bid
    const ask = `0.${String(askCents).padStart(2, '0')}00`;
    const created = await api.orders.createOrderV2({
      ticker: market.ticker,
      side: 'bid',
      count: '3.00',
      price: ask,
      time_in_force: 'immediate_or_cancel',
      self_trade_prevention_type: 'taker_at_cross',
      client_order_id: 'official-ioc-1',
    });
    expect(created.status).toBe(201);
    expect(created.data.fill_count).toBe('3.00');
    expect(created.data.remaining_count).toBe('0.00');

    const fills = (await api.portfolio.getFills(market.ticker)).data.fills;
    const mine = fills.filter((f) => f.order_id === created.data.order_id);
    expect(mine.map((f) => f.count_fp)).toEqual(['3.00']);
    expect(mine[0]!.yes_price_dollars).toBe(ask);
    // The series publishes a relative multiplier (1 standard); the fee is 0.07 × it (venues.md §1.10).
    const series = (await api.market.getSeries(market.event_ticker.split('-')[0]!)).data.series;
    const multiplier = Math.round(0.07 * series.fee_multiplier * 10_000);
    expect(mine[0]!.fee_cost).toBe(`0.${String(kalshiFeeCents(multiplier, 3, askCents * 100)).padStart(2, '0')}00`);

    const positions = (await api.portfolio.getPositions(undefined, undefined, undefined, market.ticker)).data.market_positions;
    expect(positions[0]!.position_fp).toBe('3.00');

    await expect(
      api.orders.createOrderV2({
        ticker: market.ticker,
        side: 'bid',
        count: '1.00',
        price: ask,
        time_in_force: 'immediate_or_cancel',
        self_trade_prevention_type: 'taker_at_cross',
        client_order_id: 'official-ioc-1',
      }),
    ).rejects.toMatchObject({ response: { status: 409, data: { error: { code: 'order_already_exists' } } } });
    expect(sim.truth.kalshi.fills().filter((f) => f.clientOrderId === 'official-ioc-1')).toHaveLength(1);
  });

  it('refuses a wrong signature and an unknown key with 401', async () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const forged = kalshiApis(sim.endpoints.kalshi.keyId, otherKey);
    await expect(forged.portfolio.getBalance()).rejects.toMatchObject({ response: { status: 401, data: { error: { code: 'authentication_error' } } } });
    const unknown = kalshiApis('00000000-0000-4000-8000-000000000000', sim.endpoints.kalshi.privateKeyPem);
    await expect(unknown.portfolio.getFills()).rejects.toMatchObject({ response: { status: 401 } });
  });
});

describe('@polymarket/clob-client-v2 against the simulator', () => {
  const wallet = () =>
    createWalletClient({ account: privateKeyToAccount(sim.endpoints.polymarket.privateKey as `0x${string}`), chain: polygon, transport: http('http://127.0.0.1:9') });

  it('creates then derives the same API key with an L1 signature', async () => {
    const l1 = new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer: wallet() });
    const created = await l1.createOrDeriveApiKey();
    expect(created.key).toMatch(/^[0-9a-f-]{36}$/);
    const again = await l1.createOrDeriveApiKey();
    expect(again).toEqual(created);
    expect(await l1.deriveApiKey()).toEqual(created);
  });

  it('refuses an L1 request whose signature is not the wallet’s', async () => {
    const signer = wallet();
    const headers = await createL1Headers(signer, 137, 7);
    const someoneElse = '0x1111111111111111111111111111111111111111';
    const res = await fetch(`${sim.endpoints.polymarket.clob}/auth/api-key`, { method: 'POST', headers: { ...headers, POLY_ADDRESS: someoneElse } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'Invalid L1 Request headers' });
  });

  it('lists markets, reads a book, fills a FAK order and lists the trade; a wrong L2 secret gets 401', async () => {
    const signer = wallet();
    const creds = await new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer }).createOrDeriveApiKey();
    const client = new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer, creds });

    const markets = await client.getMarkets();
    expect(markets.data.length).toBeGreaterThan(10);
    const market = markets.data.find((m: { neg_risk: boolean }) => m.neg_risk) as { condition_id: string; tokens: { token_id: string }[] };
    const yes = market.tokens[0]!.token_id;
    const book = await client.getOrderBook(yes);
    const truth = sim.truth.polymarket.book(yes);
    expect(book.asks.map((l) => [l.price, l.size])).toEqual([...truth.asks].reverse());
    expect(book.bids.map((l) => [l.price, l.size])).toEqual([...truth.bids].reverse());
    expect(await client.getTickSize(yes)).toBe('0.01');
    expect(await client.getNegRisk(yes)).toBe(true);

    const before = await client.getBalanceAllowance({ asset_type: AssetType.COLLATERAL });
    expect(before.balance).toBe('10000000000');

    const response = await client.createAndPostMarketOrder({ tokenID: yes, amount: 20, side: Side.BUY, orderType: OrderType.FAK }, undefined, OrderType.FAK);
    expect(response.success).toBe(true);
    expect(response.status).toBe('matched');
    expect(response.tradeIDs?.length).toBeGreaterThan(0);
    expect(response.transactionsHashes?.length).toBe(response.tradeIDs?.length);

    const trades = await client.getTrades({ market: market.condition_id });
    const ids = trades.map((t) => t.id);
    for (const id of response.tradeIDs!) expect(ids).toContain(id);
    const mine = trades.filter((t) => response.tradeIDs!.includes(t.id));
    expect(mine.every((t) => t.taker_order_id === response.orderID && t.side === 'BUY' && t.trader_side === 'TAKER')).toBe(true);
    expect(Number(response.makingAmount)).toBeLessThanOrEqual(20);

    const held = await client.getBalanceAllowance({ asset_type: AssetType.CONDITIONAL, token_id: yes });
    expect(BigInt(held.balance)).toBe(BigInt(Math.round(Number(response.takingAmount) * 1_000_000)));

    const forged = new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer, creds: { ...creds, secret: Buffer.alloc(32, 7).toString('base64') } });
    const refused = (await forged.getBalanceAllowance({ asset_type: AssetType.COLLATERAL })) as unknown as { status: number; error: string };
    expect(refused).toMatchObject({ status: 401, error: 'Unauthorized/Invalid api key' });
  });
});
