// Behaviour over time and across the whole venue: Kalshi's 429 rate limit, resting orders
// filled by a moving market, settlement on both venues, and the accelerated world clock.
import { ClobClient, OrderType, Side } from '@polymarket/clob-client-v2';
import { createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { polygon } from 'viem/chains';
import { describe, expect, it } from 'vitest';
import { BASIC_RATE_LIMIT, startSimulator } from '../../../src/sim/index';
import { kalshiFetch, kalshiHeaders, RecordingSocket, until } from './helpers';

describe('Kalshi rate limit', () => {
  it('answers 429 {"error":"too many requests"} without Retry-After once the bucket is empty', async () => {
    // Basic's 200-token read bucket, refilled slowly enough that the burst below cannot race it.
    const sim = await startSimulator({ seed: 'rate', markets: 3, autoRun: false, kalshiRateLimit: { ...BASIC_RATE_LIMIT, readPerSecond: 10, burstSeconds: 20 } });
    try {
      const { keyId, privateKeyPem, rest } = sim.endpoints.kalshi;
      const results = await Promise.all(Array.from({ length: 40 }, () => kalshiFetch(keyId, privateKeyPem, 'GET', `${rest}/portfolio/balance`)));
      const limited = results.filter((r) => r.status === 429);
      expect(results.filter((r) => r.status === 200).length).toBe(20); // 200 tokens, 10 per read
      expect(limited.length).toBe(20);
      expect(limited[0]!.body).toEqual({ error: 'too many requests' });
      const res = await fetch(`${rest}/portfolio/balance`, { headers: kalshiHeaders(keyId, privateKeyPem, 'GET', '/trade-api/v2/portfolio/balance') });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBeNull();
      await new Promise((r) => setTimeout(r, 1100)); // 11 tokens back: one more read
      expect((await kalshiFetch(keyId, privateKeyPem, 'GET', `${rest}/portfolio/balance`)).status).toBe(200);
      expect((await kalshiFetch(keyId, privateKeyPem, 'GET', `${rest}/portfolio/balance`)).status).toBe(429);
    } finally {
      await sim.close();
    }
  });
});

describe('a market that moves and resolves', () => {
  it('fills a resting order when the market comes to it, then settles both venues', async () => {
    const sim = await startSimulator({ seed: 'settle', markets: 6, autoRun: false, dislocationEverySec: 0 });
    try {
      const group = sim.truth.catalog().groups.find((g) => g.kind === 'binary' && g.propositions[0]!.kalshi && g.propositions[0]!.polymarket)!;
      const ticker = group.propositions[0]!.kalshi!;
      const conditionId = group.propositions[0]!.polymarket!;
      const { keyId, privateKeyPem, rest, ws } = sim.endpoints.kalshi;
      const socket = await RecordingSocket.open(ws, kalshiHeaders(keyId, privateKeyPem, 'GET', '/trade-api/ws/v2'));
      socket.send({ id: 1, cmd: 'subscribe', params: { channels: ['market_lifecycle_v2', 'fill'] } });

      // A GTC bid one cent above the best bid rests inside the spread, then gets hit as the
      // market maker re-quotes over it.
      const bestBid = sim.truth.kalshi.book(ticker).yes[0]![0];
      const price = (Number(bestBid) + 0.01).toFixed(4);
      const placed = await kalshiFetch(keyId, privateKeyPem, 'POST', `${rest}/portfolio/events/orders`, {
        ticker,
        side: 'bid',
        count: '5.00',
        price,
        time_in_force: 'good_till_canceled',
        self_trade_prevention_type: 'taker_at_cross',
      });
      expect(placed).toMatchObject({ status: 201, body: { remaining_count: '5.00' } });
      expect(sim.truth.kalshi.restingOrders()).toHaveLength(1);
      let steps = 0;
      while (sim.truth.kalshi.restingOrders().length > 0 && steps++ < 20_000) sim.clock.step();
      const fills = sim.truth.kalshi.fills().filter((f) => f.ticker === ticker);
      expect(fills.length).toBeGreaterThan(0);
      expect(fills.every((f) => !f.isTaker && f.yesPrice === price)).toBe(true);
      const heldYes = fills.reduce((s, f) => s + Number(f.count), 0);

      // Polymarket: buy NO with a FAK order.
      const signer = createWalletClient({ account: privateKeyToAccount(sim.endpoints.polymarket.privateKey as `0x${string}`), chain: polygon, transport: http('http://127.0.0.1:9') });
      const creds = await new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer }).createOrDeriveApiKey();
      const client = new ClobClient({ host: sim.endpoints.polymarket.clob, chain: 137, signer, creds });
      const market = await client.getMarket(conditionId);
      const no = market.tokens[1].token_id as string;
      const bought = await client.createAndPostMarketOrder({ tokenID: no, amount: 10, side: Side.BUY, orderType: OrderType.FAK }, undefined, OrderType.FAK);
      expect(bought.success).toBe(true);
      const noShares = sim.truth.polymarket.balances().tokens[no]!;
      const cashBefore = { kalshi: sim.truth.kalshi.balance(), poly: sim.truth.polymarket.balances().collateral };

      // Resolve NO: the Kalshi YES expires worthless, the Polymarket NO pays $1 a share.
      const admin = await fetch(`${sim.endpoints.admin}/resolve`, { method: 'POST', body: JSON.stringify({ group: group.id, result: 'no' }) });
      expect(await admin.json()).toEqual({ results: { [group.propositions[0]!.id]: 'no' } });
      expect(sim.truth.kalshi.market(ticker)).toEqual({ status: 'finalized', result: 'no' });
      expect(sim.truth.kalshi.balance()).toBe(cashBefore.kalshi);
      const settlements = await kalshiFetch(keyId, privateKeyPem, 'GET', `${rest}/portfolio/settlements`);
      expect(settlements.body).toMatchObject({ settlements: [{ ticker, market_result: 'no', yes_count_fp: `${heldYes.toFixed(2)}`, revenue: 0 }] });
      await socket.waitFor((m) => m.type === 'market_lifecycle_v2' && (m.msg as { event_type: string }).event_type === 'settled');
      const m = await client.getMarket(conditionId);
      expect(m).toMatchObject({ closed: true, accepting_orders: false });
      expect(m.tokens[1].winner).toBe(true);
      const cashAfter = sim.truth.polymarket.balances().collateral;
      expect(Number(cashAfter) - Number(cashBefore.poly)).toBeCloseTo(Number(noShares), 6);
      expect(sim.truth.polymarket.balances().tokens[no]).toBeUndefined();
      await socket.close();
    } finally {
      await sim.close();
    }
  });
});

describe('time acceleration', () => {
  it('runs the world clock at the speed factor', async () => {
    const sim = await startSimulator({ seed: 'fast', markets: 4, speed: 40 });
    try {
      const t0 = Date.now();
      await until(() => sim.clock.worldMs >= 20_000, 5000, 'twenty world seconds');
      const elapsed = Date.now() - t0;
      expect(elapsed).toBeLessThan(2500);
      sim.clock.pause();
      const frozen = sim.clock.worldMs;
      await new Promise((r) => setTimeout(r, 100));
      expect(sim.clock.worldMs).toBe(frozen);
    } finally {
      await sim.close();
    }
  });
});
