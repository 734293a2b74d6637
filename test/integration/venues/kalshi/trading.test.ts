// Kalshi trading over real sockets against the simulator (a paused world, so the book a test
// reads is the book it trades against), signed with a PKCS#1 key: IOC round trips in both
// outcomes and both directions, partial fills, FOK kills, rejects, 409 idempotency, an order
// whose outcome is unknown and later resolved, pushed fills (and their catch-up after a drop),
// GTC orders, cancel, cancel-all through the kill switch, positions and balance.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/engine/platform/clock';
import { Ledger } from '../../../../src/engine/ledger/ledger';
import { CircuitBreaker } from '../../../../src/engine/risk/circuitBreaker';
import { KillSwitch } from '../../../../src/engine/risk/killSwitch';
import { DEFAULT_LIMITS } from '../../../../src/engine/settings/defaults';
import type { KalshiVenue } from '../../../../src/engine/venues/kalshi/connector';
import { OrderOutcomeUnknownError, type MarketInfo, type OrderRequest, type VenueFill } from '../../../../src/engine/venues/venue';
import { complement, parsePrice, type Price, type Qty } from '../../../../src/shared/units';
import { startSimulator, type KalshiFillView, type SimulatorHandle } from '../../../../src/sim/index';
import { tempDir } from '../../../helpers/tempDir';
import { until, venueFor } from './helpers';

const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

let sim: SimulatorHandle;
let venue: KalshiVenue;
let markets: MarketInfo[];
const pushed: VenueFill[] = [];
const used = new Set<string>();

beforeAll(async () => {
  sim = await startSimulator({ seed: 'kalshi-trading', markets: 30, autoRun: false, dislocationEverySec: 0, kalshiPrivateKeyPem: pkcs1 });
  expect(sim.endpoints.kalshi.privateKeyPem).toContain('BEGIN RSA PRIVATE KEY');
  venue = venueFor(sim);
  markets = (await venue.discover()).markets.filter((m) => m.tickSize === 100);
  venue.trading!.onFill((f) => pushed.push(f));
  await until(() => venue.trading!.fillsConnected, 5_000, 'the fill channel');
});
afterEach(() => sim.faults.clear());
afterAll(async () => {
  venue?.dispose();
  await sim?.close();
});

const price = (text: string) => (parsePrice(text) as { value: Price }).value;

/** A market not traded yet by this file, with its best YES bid and best NO bid. */
function freshMarket(): { m: MarketInfo; yesBid: [Price, Qty]; noBid: [Price, Qty] } {
  for (const m of markets) {
    if (used.has(m.id)) continue;
    const book = sim.truth.kalshi.book(m.id);
    if (book.yes.length < 2 || book.no.length < 2) continue;
    used.add(m.id);
    const level = (l: [string, string]): [Price, Qty] => [price(l[0]), Math.round(Number(l[1]) * 100) as Qty];
    return { m, yesBid: level(book.yes[0]!), noBid: level(book.no[0]!) };
  }
  throw new Error('no fresh market left');
}

function order(m: MarketInfo, over: Partial<OrderRequest>): OrderRequest {
  return { clientOrderId: randomUUID(), market: m.ref, outcome: 'yes', side: 'buy', limitPrice: 5000 as Price, qty: 100 as Qty, timeInForce: 'ioc', ...over };
}

/** What the simulator recorded for an order, in the connector's terms for that order. */
function truthFills(orderId: string, outcome: 'yes' | 'no', side: 'buy' | 'sell') {
  return sim.truth.kalshi
    .fills()
    .filter((f: KalshiFillView) => f.orderId === orderId)
    .map((f) => ({
      fillId: f.tradeId,
      venueOrderId: f.orderId,
      clientOrderId: f.clientOrderId,
      market: `kalshi:${f.ticker}`,
      outcome,
      side,
      price: outcome === 'yes' ? f.yesPrice : new Decimal(1).minus(f.yesPrice).toFixed(4),
      qty: f.count,
      fee: new Decimal(f.fee).toFixed(4),
      reportedFee: new Decimal(f.fee).toFixed(4),
      at: f.ts,
      final: true,
      liquidity: f.isTaker ? 'taker' : 'maker',
    }));
}

const same = (a: string | null, b: string) => a !== null && new Decimal(a).equals(b);

describe('Kalshi trading', () => {
  it('buys YES with IOC at the ask: filled, fills equal the exchange\'s, pushed and listed', async () => {
    const { m, noBid } = freshMarket();
    const ask = complement(noBid[0]);
    const since = Date.now() - 1000;
    const req = order(m, { limitPrice: ask, qty: 300 as Qty });
    const result = await venue.trading!.placeOrder(req);
    expect(result).toMatchObject({ clientOrderId: req.clientOrderId, status: 'filled', filledQty: 300, rejectReason: null });
    expect(same(result.avgPrice, new Decimal(ask).div(10_000).toFixed())).toBe(true);
    const truth = truthFills(result.venueOrderId!, 'yes', 'buy');
    expect(truth.length).toBeGreaterThan(0);
    expect(result.fills).toEqual(truth);
    expect(same(result.fee, truth.reduce((s, f) => s.plus(f.fee), new Decimal(0)).toFixed())).toBe(true);
    expect(new Decimal(result.fee).greaterThan(0)).toBe(true);
    const listed = (await venue.trading!.fills(since)).filter((f) => f.venueOrderId === result.venueOrderId);
    expect(listed).toEqual(truth);
    await until(() => pushed.filter((f) => f.venueOrderId === result.venueOrderId).length === truth.length, 5_000, 'the pushed fills');
    expect(pushed.filter((f) => f.venueOrderId === result.venueOrderId)).toEqual(truth);
    expect(await venue.trading!.positions()).toContainEqual({ market: m.ref, outcome: 'yes', qty: '3.00' });
  });

  it('buys NO (ask at 1 − price) and sells YES back, each reported in the order\'s own terms', async () => {
    const { m, yesBid } = freshMarket();
    const noAsk = complement(yesBid[0]);
    const buyNo = await venue.trading!.placeOrder(order(m, { outcome: 'no', limitPrice: noAsk, qty: 200 as Qty }));
    expect(buyNo).toMatchObject({ status: 'filled', filledQty: 200 });
    expect(buyNo.fills).toEqual(truthFills(buyNo.venueOrderId!, 'no', 'buy'));
    expect(buyNo.fills.every((f) => f.outcome === 'no' && f.side === 'buy' && same(f.price, new Decimal(noAsk).div(10_000).toFixed()))).toBe(true);
    expect(await venue.trading!.positions()).toContainEqual({ market: m.ref, outcome: 'no', qty: '2.00' });

    // Selling NO back at the NO bid (a YES ask… the other side of the same book).
    const book = sim.truth.kalshi.book(m.id);
    const noBid = price(book.no[0]![0]);
    const sellNo = await venue.trading!.placeOrder(order(m, { outcome: 'no', side: 'sell', limitPrice: noBid, qty: 200 as Qty }));
    expect(sellNo).toMatchObject({ status: 'filled', filledQty: 200 });
    expect(sellNo.fills).toEqual(truthFills(sellNo.venueOrderId!, 'no', 'sell'));
    expect((await venue.trading!.positions()).some((p) => p.market === m.ref)).toBe(false);
  });

  it('reports an IOC that meets less than it asks for as partially filled, the rest cancelled', async () => {
    const { m, noBid } = freshMarket();
    const ask = complement(noBid[0]);
    const result = await venue.trading!.placeOrder(order(m, { limitPrice: ask, qty: (noBid[1] + 500) as Qty }));
    expect(result).toMatchObject({ status: 'partially_filled', filledQty: noBid[1] });
    expect(sim.truth.kalshi.restingOrders().some((o) => o.orderId === result.venueOrderId)).toBe(false);
    expect(result.fills).toEqual(truthFills(result.venueOrderId!, 'yes', 'buy'));
  });

  it('reports a killed FOK as unfilled, an IOC that meets nothing as unfilled, and a refusal as rejected', async () => {
    const { m, noBid, yesBid } = freshMarket();
    const fok = await venue.trading!.placeOrder(order(m, { limitPrice: complement(noBid[0]), qty: (noBid[1] + 500) as Qty, timeInForce: 'fok' }));
    expect(fok).toMatchObject({ status: 'unfilled', filledQty: 0, fills: [], rejectReason: null });
    const ioc = await venue.trading!.placeOrder(order(m, { limitPrice: yesBid[0], qty: 100 as Qty }));
    expect(ioc).toMatchObject({ status: 'unfilled', filledQty: 0, fills: [] });
    sim.faults.set('reject=kalshi:1');
    const refused = await venue.trading!.placeOrder(order(m, { limitPrice: complement(noBid[0]) }));
    expect(refused.status).toBe('rejected');
    expect(refused.rejectReason).toMatch(/trading_is_paused/);
    const bad = await venue.trading!.placeOrder(order(m, { limitPrice: 5555 as Price }));
    sim.faults.clear();
    expect(bad.status).toBe('rejected');
    const offGrid = await venue.trading!.placeOrder(order(m, { limitPrice: 5555 as Price }));
    expect(offGrid).toMatchObject({ status: 'rejected', rejectReason: expect.stringMatching(/invalid_order/) });
  });

  it('is idempotent by client order id: a resend finds the first order (409) instead of trading twice', async () => {
    const { m, noBid } = freshMarket();
    const req = order(m, { limitPrice: complement(noBid[0]), qty: 100 as Qty });
    const first = await venue.trading!.placeOrder(req);
    const again = await venue.trading!.placeOrder(req);
    expect(first.status).toBe('filled');
    expect(again).toEqual(first);
    expect(sim.truth.kalshi.orders().filter((o) => o.clientOrderId === req.clientOrderId)).toHaveLength(1);
  });

  it('reports an order whose answer never came as unknown, and findOrder resolves it later', async () => {
    const { rest, ws, keyId } = sim.endpoints.kalshi;
    const slow = venueFor(sim, {
      endpoints: { rest, ws },
      credentials: { keyId, privateKeyPem: pkcs1 },
      readAccountLimits: false,
      rest: { writeTimeoutMs: 250, readTimeoutMs: 250, maxReadRetries: 0 },
      placement: { deadlineMs: 700, maxAttempts: 2 },
    });
    try {
      const { m, noBid } = freshMarket();
      const req = order(m, { limitPrice: complement(noBid[0]), qty: 100 as Qty });
      sim.faults.set('latency=kalshi:1200ms');
      const error = await slow.trading!.placeOrder(req).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OrderOutcomeUnknownError);
      expect(error).toMatchObject({ clientOrderId: req.clientOrderId, venueOrderId: null, message: expect.stringMatching(/^Kalshi order .*outcome unknown/) });
      sim.faults.clear();
      // The first attempt did land (the venue was only slow to answer).
      await until(() => sim.truth.kalshi.orders().some((o) => o.clientOrderId === req.clientOrderId), 5_000, 'the order at the venue');
      await new Promise((r) => setTimeout(r, 1500)); // the retry's 409 lands too
      const found = await slow.trading!.findOrder({ clientOrderId: req.clientOrderId, venueOrderId: null, market: m.ref, outcome: 'yes', side: 'buy' });
      expect(found).toMatchObject({ clientOrderId: req.clientOrderId, state: 'executed', filledQty: '1.00', remainingQty: '0.00' });
      expect(sim.truth.kalshi.orders().filter((o) => o.clientOrderId === req.clientOrderId)).toHaveLength(1);
      // By venue id too; an unknown client id is null.
      expect(await slow.trading!.findOrder({ clientOrderId: req.clientOrderId, venueOrderId: found!.venueOrderId, market: m.ref })).toEqual(found);
      expect(await slow.trading!.findOrder({ clientOrderId: randomUUID(), venueOrderId: null, market: m.ref })).toBeNull();
    } finally {
      slow.dispose();
    }
  });

  it('rests GTC orders, lists them, cancels one, and the kill switch cancels the rest', async () => {
    const { m } = freshMarket();
    const gtc = (o: Partial<OrderRequest>) => venue.trading!.placeOrder(order(m, { timeInForce: 'gtc', limitPrice: 100 as Price, qty: 200 as Qty, ...o }));
    const placed = [await gtc({}), await gtc({}), await gtc({ outcome: 'no' }), await gtc({ limitPrice: 200 as Price })];
    expect(placed.map((p) => p.status)).toEqual(['resting', 'resting', 'resting', 'resting']);
    const open = await venue.trading!.openOrders();
    expect(open.filter((o) => o.market === m.ref).sort((a, b) => a.venueOrderId.localeCompare(b.venueOrderId))).toEqual(
      placed
        .map((p, i) => ({
          venueOrderId: p.venueOrderId!,
          clientOrderId: p.clientOrderId,
          market: m.ref,
          outcome: i === 2 ? 'no' : 'yes',
          side: 'buy',
          price: i === 3 ? '0.0200' : '0.0100',
          remainingQty: '2.00',
        }))
        .sort((a, b) => a.venueOrderId.localeCompare(b.venueOrderId)),
    );
    await venue.trading!.cancelOrder(placed[3]!.venueOrderId!, m.ref);
    expect(sim.truth.kalshi.orders().find((o) => o.orderId === placed[3]!.venueOrderId)?.status).toBe('canceled');

    const dir = tempDir();
    const ledger = Ledger.openInDir(dir.path, { mode: 'live', clock: systemClock });
    const breaker = new CircuitBreaker({ clock: systemClock, limits: DEFAULT_LIMITS, store: ledger.breakerStore });
    const kill = new KillSwitch({ breaker, clock: systemClock });
    try {
      kill.registerCanceller('kalshi', (signal) => venue.trading!.cancelAll(signal));
      const result = await kill.engage();
      expect(result.failed).toEqual([]);
      expect(result.cancelled.map((c) => c.orderId).sort()).toEqual(placed.slice(0, 3).map((p) => p.venueOrderId!).sort());
      expect(sim.truth.kalshi.restingOrders()).toEqual([]);
      expect(await venue.trading!.cancelAll()).toEqual({ cancelled: [], failed: [] });
    } finally {
      kill.dispose();
      breaker.dispose();
      ledger.close();
      dir.remove();
    }
  });

  it('catches up on fills pushed while the fill channel was down', async () => {
    const { m, noBid } = freshMarket();
    const req = order(m, { limitPrice: complement(noBid[0]), qty: 100 as Qty });
    sim.faults.dropConnections('kalshi');
    await until(() => !venue.trading!.fillsConnected, 2_000, 'the drop');
    const result = await venue.trading!.placeOrder(req);
    expect(result.status).toBe('filled');
    await until(() => pushed.some((f) => f.venueOrderId === result.venueOrderId), 10_000, 'the fill after reconnecting');
    expect(pushed.filter((f) => f.venueOrderId === result.venueOrderId)).toEqual(truthFills(result.venueOrderId!, 'yes', 'buy'));
    // Emitted once, however many ways it arrived.
    expect(new Set(pushed.map((f) => f.fillId)).size).toBe(pushed.length);
  });

  it('reads balance and positions as the exchange holds them', async () => {
    const balance = await venue.trading!.balance();
    expect(new Decimal(balance.available).equals(sim.truth.kalshi.balance())).toBe(true);
    const positions = await venue.trading!.positions();
    const truth = sim.truth.kalshi
      .positions()
      .filter((p) => !new Decimal(p.position).isZero())
      .map((p) => ({ market: `kalshi:${p.ticker}`, outcome: p.position.startsWith('-') ? 'no' : 'yes', qty: p.position.replace('-', '') }));
    expect(positions.sort((a, b) => a.market.localeCompare(b.market))).toEqual(truth.sort((a, b) => a.market.localeCompare(b.market)));
    expect(positions.length).toBeGreaterThan(0);
    const all = await venue.trading!.fills(null);
    expect(all.map((f) => f.fillId).sort()).toEqual(sim.truth.kalshi.fills().map((f) => f.tradeId).sort());
  });
});
