// Trading against the simulator over real sockets: API credentials created from the wallet key
// (L1) and L2 on every call; FAK and FOK orders signed V2 for the right exchange (neg-risk too),
// their results mapped exactly and their fills equal to the simulator's trades; fills pushed on the
// user channel progressing MATCHED → MINED → CONFIRMED; resting GTC orders found, listed and
// cancelled all at once; rejections with the venue's words; wrong credentials refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../../../src/shared/money';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import type { MarketInfo, OrderLookup, OrderRequest, VenueFill } from '../../../../src/engine/venues/venue';
import { PolymarketAuthError, type PolymarketVenue } from '../../../../src/engine/venues/polymarket/connector';
import { parsePrice, type Price, type Qty } from '../../../../src/shared/units';
import { until, venueFor } from './helpers';

let sim: SimulatorHandle;
let venue: PolymarketVenue;
let markets: MarketInfo[];
const pushed: VenueFill[] = [];
const orderUpdates: OrderLookup[] = [];

beforeAll(async () => {
  // A paused world: books move only when the test steps the clock, so what it reads is what it trades against.
  sim = await startSimulator({ seed: 'poly-trading', markets: 30, autoRun: false, dislocationEverySec: 0 });
  ({ venue } = venueFor(sim, { trading: true, userChannel: { pingIntervalMs: 200 } }));
  markets = (await venue.discover()).markets;
  venue.trading!.onFill((f) => pushed.push(f));
  venue.trading!.onOrderUpdate((o) => orderUpdates.push(o));
  await venue.trading!.authenticate();
  await until('the user channel open', () => venue.trading!.userChannel.state === 'open');
});
afterAll(async () => {
  venue?.dispose();
  await sim?.close();
});

const price = (text: string) => (parsePrice(text) as { value: Price }).value;
const shares = (text: string) => Math.round(Number(text) * 100) as Qty;

function order(m: MarketInfo, over: Partial<OrderRequest>): OrderRequest {
  return { clientOrderId: randomUUID(), market: m.ref, outcome: 'yes', side: 'buy', limitPrice: 5000 as Price, qty: 1000 as Qty, timeInForce: 'ioc', ...over };
}

/** A market of this kind whose token has asks, and the best ask [price, size]. */
function withAsk(kind: { negRisk: boolean }, outcome: 'yes' | 'no' = 'yes', minSize = 10): { m: MarketInfo; ask: [string, string] } {
  for (const m of markets) {
    if (m.negRisk !== kind.negRisk || m.status !== 'open') continue;
    const ask = sim.truth.polymarket.book(m.tokens![outcome]).asks[0];
    if (ask && Number(ask[1]) >= minSize && Number(ask[0]) > 0.05 && Number(ask[0]) < 0.95) return { m, ask };
  }
  throw new Error('no market with a deep enough ask');
}

describe('Polymarket trading', () => {
  it('buys YES with a FAK order: filled, fills equal the simulator’s trades, pushed until CONFIRMED', async () => {
    const { m, ask } = withAsk({ negRisk: false });
    const qty = shares(String(Math.min(20, Math.floor(Number(ask[1])))));
    const request = order(m, { limitPrice: price(ask[0]), qty, timeInForce: 'ioc' });
    const prepared = await venue.trading!.prepareOrder(request);
    expect(prepared.venueOrderId).toMatch(/^0x[0-9a-f]{64}$/);
    const result = await prepared.send();
    expect(result).toMatchObject({ clientOrderId: request.clientOrderId, venueOrderId: prepared.venueOrderId, status: 'filled', filledQty: qty, avgPrice: new Money(ask[0]).toFixed(), rejectReason: null });
    const trades = sim.truth.polymarket.trades().filter((t) => t.takerOrderId === prepared.venueOrderId);
    expect(trades).toHaveLength(1);
    expect(result.fills).toEqual([
      expect.objectContaining({ fillId: trades[0]!.id, venueOrderId: prepared.venueOrderId, clientOrderId: request.clientOrderId, market: m.ref, outcome: 'yes', side: 'buy', price: trades[0]!.price, qty: trades[0]!.size, fee: new Money(trades[0]!.fee).toFixed(), final: false }),
    ]);
    expect(result.fee).toBe(new Money(trades[0]!.fee).toFixed());

    const listed = await venue.trading!.fills(Date.now() - 60_000);
    expect(listed.filter((f) => f.venueOrderId === prepared.venueOrderId).map((f) => [f.fillId, f.qty, f.price, f.fee])).toEqual(trades.map((t) => [t.id, t.size, t.price, new Money(t.fee).toFixed()]));

    const found = await venue.trading!.findOrder({ clientOrderId: request.clientOrderId, venueOrderId: prepared.venueOrderId, market: m.ref });
    expect(found).toMatchObject({ venueOrderId: prepared.venueOrderId, clientOrderId: request.clientOrderId, state: 'executed', filledQty: trades[0]!.size });

    // The world clock moves the trade on: MATCHED → MINED (2 s) → CONFIRMED (+3 s).
    const fillId = trades[0]!.id;
    await until('the MATCHED push', () => pushed.find((f) => f.fillId === fillId));
    sim.clock.step(2_100);
    sim.clock.step(3_100);
    const confirmed = await until('the CONFIRMED push', () => pushed.find((f) => f.fillId === fillId && f.final));
    expect(confirmed).toMatchObject({ qty: trades[0]!.size, price: trades[0]!.price, final: true });
    expect(confirmed.failed).toBeUndefined();
    // Provisional first (MATCHED, MINED — the latter may be passed over when a later status is read
    // first), final last, nothing after the final one.
    const finals = pushed.filter((f) => f.fillId === fillId).map((f) => f.final);
    expect(finals[0]).toBe(false);
    expect(finals.indexOf(true)).toBe(finals.length - 1);
    expect(finals.length).toBeLessThanOrEqual(3);
    expect(sim.truth.polymarket.trades().find((t) => t.id === fillId)!.status).toBe('CONFIRMED');
  });

  it('buys NO on a neg-risk market (signed for the NegRisk exchange) and sells part of it back', async () => {
    const { m, ask } = withAsk({ negRisk: true }, 'no');
    const qty = shares('10');
    const bought = await venue.trading!.placeOrder(order(m, { outcome: 'no', limitPrice: price(ask[0]), qty }));
    expect(bought).toMatchObject({ status: 'filled', filledQty: qty });
    const noToken = m.tokens!.no;
    expect(sim.truth.polymarket.trades().find((t) => t.takerOrderId === bought.venueOrderId)).toMatchObject({ assetId: noToken, side: 'BUY' });
    const bid = sim.truth.polymarket.book(noToken).bids[0]!;
    const sold = await venue.trading!.placeOrder(order(m, { outcome: 'no', side: 'sell', limitPrice: price(bid[0]), qty: shares('5'), timeInForce: 'fok' }));
    expect(sold).toMatchObject({ status: 'filled', filledQty: 500 });
    const sale = sim.truth.polymarket.trades().filter((t) => t.takerOrderId === sold.venueOrderId);
    expect(sale.map((t) => [t.side, t.assetId])).toEqual([['SELL', noToken]]);
    expect(sold.fills.map((f) => [f.side, f.outcome, f.qty])).toEqual([['sell', 'no', '5']]);
    const positions = await venue.trading!.positions();
    expect(positions).toContainEqual({ market: m.ref, outcome: 'no', qty: '5' });
  });

  it('reports a FOK that cannot be filled as unfilled, with no fill', async () => {
    const { m } = withAsk({ negRisk: false });
    const depth = sim.truth.polymarket.book(m.tokens!.yes).asks.reduce((s, [, size]) => s + Number(size), 0);
    const before = sim.truth.polymarket.trades().length;
    const result = await venue.trading!.placeOrder(order(m, { limitPrice: 9900 as Price, qty: shares(String(Math.ceil(depth) + 100)), timeInForce: 'fok' }));
    expect(result).toMatchObject({ status: 'unfilled', filledQty: 0, fills: [], avgPrice: null });
    expect(result.rejectReason).toMatch(/fully filled/);
    expect(sim.truth.polymarket.trades().length).toBe(before);
  });

  it('fills a FAK partially when the venue gives it only part', async () => {
    const { m, ask } = withAsk({ negRisk: false }, 'yes', 40);
    sim.faults.set('partial=polymarket:1');
    try {
      const result = await venue.trading!.placeOrder(order(m, { limitPrice: price(ask[0]), qty: shares('40') }));
      expect(result.status).toBe('partially_filled');
      expect(result.filledQty).toBeGreaterThan(0);
      expect(result.filledQty).toBeLessThan(4000);
      const truth = sim.truth.polymarket.trades().filter((t) => t.takerOrderId === result.venueOrderId);
      expect(result.filledQty).toBe(truth.reduce((s, t) => s + Math.round(Number(t.size) * 100), 0));
    } finally {
      sim.faults.clear();
    }
  });

  it('passes the venue’s refusal on as rejected, and refuses locally what it cannot sign', async () => {
    const { m, ask } = withAsk({ negRisk: false });
    sim.faults.set('reject=polymarket:1');
    try {
      const r = await venue.trading!.placeOrder(order(m, { limitPrice: price(ask[0]), qty: shares('5') }));
      expect(r).toMatchObject({ status: 'rejected', filledQty: 0, venueOrderId: null });
      expect(r.rejectReason).toMatch(/cancel-only/);
    } finally {
      sim.faults.clear();
    }
    const small = await venue.trading!.placeOrder(order(m, { qty: shares('1') }));
    expect(small).toMatchObject({ status: 'rejected' });
    expect(small.rejectReason).toMatch(/minimum/);
    const offTick = await venue.trading!.placeOrder(order(m, { limitPrice: 4_955 as Price, timeInForce: 'gtc' }));
    expect(offTick.rejectReason).toMatch(/not on the market's tick/);
    const unknown = await venue.trading!.placeOrder(order(m, { market: `polymarket:0x${'ab'.repeat(32)}` }));
    expect(unknown.rejectReason).toMatch(/not discovered/);
  });

  it('rests GTC orders, lists and finds them, and cancels them all at once', async () => {
    const resting: string[] = [];
    for (const m of markets.filter((x) => x.status === 'open').slice(0, 3)) {
      const bid = sim.truth.polymarket.book(m.tokens!.yes).bids.at(-1)!;
      const low = Math.max(m.tickSize, price(bid[0]) - 3 * m.tickSize) as Price;
      const r = await venue.trading!.placeOrder(order(m, { limitPrice: low, qty: shares('6'), timeInForce: 'gtc' }));
      expect(r).toMatchObject({ status: 'resting', filledQty: 0 });
      resting.push(r.venueOrderId!);
    }
    const open = await venue.trading!.openOrders();
    expect(open.map((o) => o.venueOrderId).sort()).toEqual([...resting].sort());
    expect(open.every((o) => o.remainingQty === '6' && o.side === 'buy' && o.outcome === 'yes' && o.clientOrderId !== null)).toBe(true);
    const found = await venue.trading!.findOrder({ clientOrderId: 'x', venueOrderId: resting[0]!, market: open[0]!.market });
    expect(found).toMatchObject({ state: 'resting', filledQty: '0', remainingQty: '6' });
    const available = new Money((await venue.trading!.balance()).available);
    expect(available.plus(open.reduce((s, o) => s.plus(new Money(o.price).times(6)), new Money(0))).toFixed()).toBe(new Money(sim.truth.polymarket.balances().collateral).toFixed());

    const cancelled = await venue.trading!.cancelAll(AbortSignal.timeout(3_000));
    expect(cancelled.cancelled.sort()).toEqual([...resting].sort());
    expect(cancelled.failed).toEqual([]);
    expect(sim.truth.polymarket.restingOrders()).toEqual([]);
    expect(await venue.trading!.openOrders()).toEqual([]);
    await until('the cancellations pushed', () => resting.every((id) => orderUpdates.some((u) => u.venueOrderId === id && u.state === 'canceled')));
    expect(await venue.trading!.findOrder({ clientOrderId: 'x', venueOrderId: `0x${'12'.repeat(32)}`, market: open[0]!.market })).toBeNull();
  });

  it('cancels one resting order and says why another cannot be cancelled', async () => {
    const m = markets.find((x) => x.status === 'open')!;
    const r = await venue.trading!.placeOrder(order(m, { limitPrice: m.tickSize, qty: shares('5'), timeInForce: 'gtc' }));
    expect(r.status).toBe('resting');
    await venue.trading!.cancelOrder(r.venueOrderId!, m.ref);
    expect(sim.truth.polymarket.restingOrders()).toEqual([]);
    await expect(venue.trading!.cancelOrder(r.venueOrderId!, m.ref)).rejects.toThrow(/not live/);
  });

  it('derives the existing API credentials in a second session (create is refused once the key exists)', async () => {
    const { venue: second, logs } = venueFor(sim, { trading: true });
    try {
      await second.trading!.authenticate();
      await second.discover();
      const { m, ask } = withAsk({ negRisk: false });
      const r = await second.trading!.placeOrder(order(m, { limitPrice: price(ask[0]), qty: shares('5') }));
      expect(r.status).toBe('filled');
      expect(logs.some((l) => /API credentials ready/.test(l.message))).toBe(true);
      // Same wallet, same key: its fills are visible to the first session too.
      expect((await venue.trading!.fills(null)).some((f) => f.venueOrderId === r.venueOrderId)).toBe(true);
    } finally {
      second.dispose();
    }
  });

  it('refuses wrong API credentials: authenticate throws, orders are rejected, the user channel stops', async () => {
    const { venue: forged } = venueFor(sim, {
      credentials: { privateKey: sim.endpoints.polymarket.privateKey, apiCreds: { key: randomUUID(), secret: Buffer.alloc(32, 7).toString('base64'), passphrase: 'nope' } },
      userChannel: { reconnectBaseMs: 50 },
    });
    try {
      forged.feed.setMarkets([]);
      await expect(forged.trading!.authenticate()).rejects.toBeInstanceOf(PolymarketAuthError);
      await forged.discover();
      const { m, ask } = withAsk({ negRisk: false });
      const r = await forged.trading!.placeOrder(order(m, { limitPrice: price(ask[0]), qty: shares('5') }));
      expect(r.status).toBe('rejected');
      expect(r.rejectReason).toMatch(/401/);
      await until('the user channel refused', () => forged.trading!.userChannel.state === 'refused');
      expect(forged.trading!.userChannel.refusal).toMatch(/credentials refused/);
    } finally {
      forged.dispose();
    }
    expect(() => venueFor(sim, { credentials: { privateKey: 'not a key' } })).toThrow(/polymarket.privateKey/);
    expect(() => venueFor(sim, { credentials: { privateKey: sim.endpoints.polymarket.privateKey, signatureType: 2 } })).toThrow(/polymarket.funder/);
  });

  it('reads the trades missed while the user channel was down', async () => {
    const channel = venue.trading!.userChannel;
    const { m, ask } = withAsk({ negRisk: false });
    const r = await venue.trading!.placeOrder(order(m, { limitPrice: price(ask[0]), qty: shares('5') }));
    const id = r.fills[0]!.fillId;
    await until('the MATCHED push', () => pushed.find((f) => f.fillId === id));
    // Whether the CONFIRMED had been pushed when the channel came back: it happens while the channel
    // is down, so only the read after the reconnect can bring it (the reconnect can come within
    // 25 ms, so this is taken at the reopening itself, not after a pause).
    let finalBeforeReopen: boolean | null = null;
    const reopened = channel.onOpened(() => (finalBeforeReopen ??= pushed.some((f) => f.fillId === id && f.final)));
    channel.reconnectNow();
    await until('down', () => channel.state !== 'open');
    sim.clock.step(2_100);
    sim.clock.step(3_100);
    await until('the missed CONFIRMED read after the reconnect', () => pushed.find((f) => f.fillId === id && f.final), 10_000);
    reopened.dispose();
    expect(finalBeforeReopen).toBe(false);
  });
});
