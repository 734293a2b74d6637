// The Polymarket US connector (src/engine/venues/polymarket-us/) against the simulator: discovery,
// whole-ladder books through the decoder into a Scanner, fresh books after a dropped connection
// (and unknown in between), and trading — a NO bought as ORDER_INTENT_BUY_SHORT, its fills,
// positions, balance, open orders and a cancel that names the market; and the kill switch's
// cancel-all getting through while the key is throttled (429).
import { PolymarketUS } from 'polymarket-us';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../../../src/engine/ledger/ledger';
import { systemClock } from '../../../../src/engine/platform/clock';
import { CircuitBreaker } from '../../../../src/engine/risk/circuitBreaker';
import { KillSwitch } from '../../../../src/engine/risk/killSwitch';
import { DEFAULT_LIMITS } from '../../../../src/engine/settings/defaults';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import type { MarketFees } from '../../../../src/engine/fees/feeModel';
import { marketFees } from '../../../../src/engine/universe/universe';
import { Redacted } from '../../../../src/engine/venues/connection';
import { createPmUsVenue, type PmUsVenue } from '../../../../src/engine/venues/polymarket-us/connector';
import type { MarketInfo, VenueFill } from '../../../../src/engine/venues/venue';
import type { MarketRef } from '../../../../src/shared/ids';
import type { Price, Qty } from '../../../../src/shared/units';
import '../../../../src/engine/venues';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { tempDir } from '../../../helpers/tempDir';

let sim: SimulatorHandle;
let venue: PmUsVenue;
let markets: MarketInfo[];
const logs: string[] = [];

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 'pmus-connector', markets: 12, autoRun: true, dislocationEverySec: 0 });
  const e = sim.endpoints['polymarket-us'];
  venue = createPmUsVenue(
    { venue: 'polymarket-us', environment: 'simulator', endpoints: { gateway: e.gateway, api: e.api, ws: e.ws }, credentials: { keyId: new Redacted(e.keyId), secretKey: new Redacted(e.secretKey) } },
    { clock: systemClock, log: (m) => logs.push(m) },
  );
  markets = (await venue.discover()).markets;
});

afterAll(async () => {
  venue?.dispose();
  await sim?.close();
});

describe('Polymarket US connector against the simulator', () => {
  it('discovers every listed market with its fee coefficient, tick and minimum', () => {
    expect(markets.map((m) => m.id).sort()).toEqual(sim.polymarketUs.listings.map((l) => l.slug).sort());
    for (const m of markets) {
      expect(m).toMatchObject({ venue: 'polymarket-us', status: 'open', fee: { feeCoefficient: '0.0695' }, tickSize: 100, minOrderSize: 100 });
      expect(typeof marketFees(m, Date.now())).not.toBe('string');
    }
  });

  it('keeps the books the venue sends, marks them unknown when the socket drops, and takes fresh ones after', async () => {
    const scanner = new Scanner();
    scanner.extend({ markets: markets.map((m) => ({ venue: m.venue, id: m.id, title: m.title, fee: (marketFees(m, Date.now()) as MarketFees).taker })) });
    const invalidated: MarketRef[] = [];
    let sessions = 0;
    venue.feed.onMessage((m) => scanner.apply('polymarket-us', m.data));
    venue.feed.onBooksInvalidated((refs) => {
      invalidated.push(...refs);
      for (const r of refs) scanner.setHealth(r, 'unknown');
    });
    venue.feed.onSessionStart?.(() => sessions++);
    venue.feed.setMarkets(markets);
    const ref = markets[0]!.ref;
    await until(() => markets.every((m) => scanner.books.get(m.ref)?.yes.health === 'live'), 'every book live');
    expect(venue.feed.status().connection).toBe('connected');
    // The engine's best YES ask is the venue's best offer.
    const truth = sim.polymarketUs.book(markets[0]!.id) as { marketData: { offers: { px: { value: string } }[] } };
    expect(truth.marketData.offers.length).toBeGreaterThan(0);

    sim.polymarketUs.dropConnections();
    await until(() => invalidated.includes(ref), 'invalidation on drop');
    expect(scanner.books.get(ref)!.yes.health).toBe('unknown');
    await until(() => sessions >= 2 && scanner.books.get(ref)!.yes.health === 'live', 'a fresh book after reconnecting', 15_000);
  });

  it('buys NO at 1 − the YES bid as ORDER_INTENT_BUY_SHORT and reports the fill on the NO scale', async () => {
    const info = markets[1]!;
    const book = sim.polymarketUs.book(info.id) as { marketData: { bids: { px: { value: string } }[] } };
    const yesBid = Math.round(Number(book.marketData.bids[0]!.px.value) * 10_000);
    const noPrice = (10_000 - yesBid) as Price;
    const pushed: VenueFill[] = [];
    venue.trading!.onFill((f) => pushed.push(f));
    // The previous test dropped every connection; the venue does not replay what it pushed while
    // the private socket was down, so the order goes once the socket is back.
    await until(() => venue.trading!.pushesConnected, 'the private socket back after the drop', 15_000);
    const before = await venue.trading!.balance();
    const r = await venue.trading!.placeOrder({ clientOrderId: 'c-no-1', market: info.ref, outcome: 'no', side: 'buy', limitPrice: noPrice, qty: 300 as Qty, timeInForce: 'ioc' });
    expect(r.status).toBe('filled');
    expect(r.fills.map((f) => ({ outcome: f.outcome, side: f.side, price: f.price }))).toEqual([{ outcome: 'no', side: 'buy', price: (noPrice / 10_000).toFixed(4) }]);
    expect(r.filledQty).toBe(300);
    expect(Number(r.fee)).toBeGreaterThan(0);
    await until(() => pushed.some((f) => f.venueOrderId === r.venueOrderId), 'the fill pushed on the private socket');
    expect(pushed.find((f) => f.venueOrderId === r.venueOrderId)!.clientOrderId).toBe('c-no-1');
    expect(await venue.trading!.positions()).toContainEqual({ market: info.ref, outcome: 'no', qty: '3' });
    const after = await venue.trading!.balance();
    const paid = Number(before.available) - Number(after.available);
    expect(paid).toBeCloseTo(3 * (noPrice / 10_000) + Number(r.fee), 6);
  });

  it('refuses locally what the venue would refuse, and cancels a resting order by naming its market', async () => {
    const info = markets[2]!;
    const off = await venue.trading!.placeOrder({ clientOrderId: 'c-off', market: info.ref, outcome: 'yes', side: 'buy', limitPrice: 5_050 as Price, qty: 100 as Qty, timeInForce: 'ioc' });
    expect(off).toMatchObject({ status: 'rejected', permanent: true, venueOrderId: null });
    expect(off.rejectReason).toMatch(/not on the market's 0.0100 tick/);
    const rest = await venue.trading!.placeOrder({ clientOrderId: 'c-rest', market: info.ref, outcome: 'yes', side: 'buy', limitPrice: 200 as Price, qty: 100 as Qty, timeInForce: 'gtc' });
    expect(rest.status).toBe('resting');
    expect((await venue.trading!.openOrders()).map((o) => o.venueOrderId)).toContain(rest.venueOrderId);
    await venue.trading!.cancelOrder(rest.venueOrderId!, info.ref);
    expect(await venue.trading!.findOrder({ clientOrderId: 'c-rest', venueOrderId: rest.venueOrderId, market: info.ref })).toMatchObject({ state: 'canceled', filledQty: '0' });
  });

  it('stops at the kill switch: a guard that says no keeps the order from being sent', async () => {
    const info = markets[3]!;
    const controller = new AbortController();
    const r = await venue.trading!.placeOrder({ clientOrderId: 'c-held', market: info.ref, outcome: 'yes', side: 'buy', limitPrice: 9_000 as Price, qty: 100 as Qty, timeInForce: 'ioc', guard: { signal: controller.signal, recheck: () => 'kill switch engaged' } });
    expect(r).toMatchObject({ status: 'rejected', rejectReason: 'kill switch engaged', venueOrderId: null });
    expect(await venue.trading!.positions()).not.toContainEqual(expect.objectContaining({ market: info.ref }));
  });

  // The venue allows 20 authenticated requests a second per key and answers 429 beyond it, with
  // the body {"status": 429, "message": "Too Many Requests"} (docs api-reference/rate-limits.md,
  // next-venues.md §1.10). Another client of the same key (a script, a second window) can fill
  // that window; the kill switch must still cancel everything, backing off instead of failing.
  it('cancels every resting order at the kill switch while another client of the key has it throttled', async () => {
    const placed: string[] = [];
    for (const [i, info] of markets.slice(4, 7).entries()) {
      const r = await venue.trading!.placeOrder({ clientOrderId: `c-kill-${i}`, market: info.ref, outcome: 'yes', side: 'buy', limitPrice: 200 as Price, qty: 100 as Qty, timeInForce: 'gtc' });
      expect(r.status).toBe('resting');
      placed.push(r.venueOrderId!);
    }
    const e = sim.endpoints['polymarket-us'];
    const other = new PolymarketUS({ gatewayBaseUrl: e.gateway, apiBaseUrl: e.api, keyId: e.keyId, secretKey: e.secretKey });
    const flood = await Promise.allSettled(Array.from({ length: 30 }, () => other.account.balances()));
    const throttled = flood.filter((r) => r.status === 'rejected' && (r.reason as { status?: number }).status === 429);
    expect(throttled.length).toBeGreaterThan(0);

    const dir = tempDir();
    const ledger = Ledger.openInDir(dir.path, { mode: 'live', clock: systemClock });
    const breaker = new CircuitBreaker({ clock: systemClock, limits: DEFAULT_LIMITS, store: ledger.breakerStore });
    const kill = new KillSwitch({ breaker, clock: systemClock });
    try {
      kill.registerCanceller('polymarket-us', (signal) => venue.trading!.cancelAll(signal));
      const result = await kill.engage();
      expect(result.failed).toEqual([]);
      expect(result.cancelled.map((c) => c.orderId)).toEqual(expect.arrayContaining(placed));
      await new Promise((r) => setTimeout(r, 1_100));
      const { orders } = await other.orders.list({});
      expect((orders as { id: string }[]).filter((o) => placed.includes(o.id))).toEqual([]);
    } finally {
      kill.dispose();
      breaker.dispose();
      ledger.close();
      dir.remove();
    }
  });
});
