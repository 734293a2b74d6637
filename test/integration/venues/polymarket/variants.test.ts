// The Polymarket connector against the simulator speaking the shapes others have seen from the
// real venue (`--faults variants=…`): markets without negRisk and /clob-markets without `nr`
// (polymarket-clob.openapi.yaml ClobMarketDetails lists none), `book` events without event_type
// and frames mixing an undocumented event and a change for a token nobody subscribed
// (nautilus_trader test_data), POST /order answers with trades but no status, or with amounts in
// 6-decimal fixed math (the CLOB OpenAPI example), killed FOKs announced with size_matched ""
// (test_data/ws_user_order_fok_killed.json), REST trades with ISO times (test_data/http_trade_report.json).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../../../src/shared/money';
import type { PolymarketVenue } from '../../../../src/engine/venues/polymarket/connector';
import type { MarketInfo, OrderLookup, OrderRequest, VenueFill } from '../../../../src/engine/venues/venue';
import { parsePrice, type Price, type Qty } from '../../../../src/shared/units';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { buildUniverse } from '../../../../src/sim/world/catalog';
import { sleep, until, venueFor } from './helpers';
import { bookDifferences, linkScanner } from './scannerLink';

let sim: SimulatorHandle;
const venues: PolymarketVenue[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'poly-variants', markets: 24, speed: 10, dislocationEverySec: 0, faults: 'variants=polymarket:1' });
});
afterAll(async () => {
  for (const v of venues) v.dispose();
  await sim?.close();
});

describe('Polymarket connector with the venue’s variant shapes on', () => {
  it('discovers every market (neg-risk from /neg-risk) and keeps exact books through mixed frames and books without event_type', async () => {
    const { venue, logs } = venueFor(sim);
    venues.push(venue);
    const d = await venue.discover();
    const world = buildUniverse('poly-variants', 24).polymarket.markets;
    expect(d.skipped).toEqual([]);
    expect(d.markets.length).toBe(world.length);
    // Markets without negRisk (Gamma) and without `nr` (/clob-markets): the flag comes from /neg-risk, right.
    for (const m of d.markets) expect(m.negRisk, m.id).toBe(world.find((l) => l.conditionId === m.id)!.negRisk);
    const markets = d.markets.filter((m) => m.status === 'open');
    const link = linkScanner(venue, markets);
    venue.feed.setMarkets(markets);
    await until('every book live', () => markets.every((m) => link.scanner.books.get(m.ref)!.yes.health === 'live' && link.scanner.books.get(m.ref)!.no.health === 'live'), 20_000);
    await sleep(2_000);
    sim.clock.pause();
    await sleep(500);
    expect(bookDifferences(link, sim, markets)).toEqual([]);
    // The undocumented elements and the foreign change were skipped on their own, never with the frame.
    expect(link.messages).toBeGreaterThan(20);
    expect(logs.filter((l) => /malformed/.test(l.message))).toEqual([]);
    sim.clock.resume();
  });

  it('trades through async and fixed-math answers, hears killed FOKs, and reads ISO trade times', async () => {
    sim.clock.pause();
    const { venue } = venueFor(sim, { trading: true, userChannel: { pingIntervalMs: 200 } });
    venues.push(venue);
    const markets = (await venue.discover()).markets.filter((m) => m.status === 'open' && !m.negRisk);
    const updates: OrderLookup[] = [];
    const pushed: VenueFill[] = [];
    venue.trading!.onOrderUpdate((o) => updates.push(o));
    venue.trading!.onFill((f) => pushed.push(f));
    await venue.trading!.authenticate();
    await until('the user channel open', () => venue.trading!.userChannel.state === 'open');
    const order = (m: MarketInfo, over: Partial<OrderRequest>): OrderRequest => ({ clientOrderId: randomUUID(), market: m.ref, outcome: 'yes', side: 'buy', limitPrice: 5000 as Price, qty: 1000 as Qty, timeInForce: 'ioc', ...over });

    // Half the answers in a variant shape: async (trades, no status) and fixed-math amounts both come up.
    sim.faults.set('variants=polymarket:0.5');
    let traded = 0;
    for (const m of markets) {
      const ask = sim.truth.polymarket.book(m.tokens!.yes).asks[0];
      if (!ask || Number(ask[1]) < 10 || Number(ask[0]) < 0.05 || Number(ask[0]) > 0.95) continue;
      const request = order(m, { limitPrice: (parsePrice(ask[0]) as { value: Price }).value, qty: 1000 as Qty });
      const result = await venue.trading!.placeOrder(request);
      const trades = sim.truth.polymarket.trades().filter((t) => t.takerOrderId === result.venueOrderId);
      const size = trades.reduce((s, t) => s.plus(t.size), new Money(0));
      // Whatever shape the answer took, the result is the venue's own: 10 shares, never 10,000,000.
      expect(result.status, `${m.ref}: ${result.rejectReason ?? ''}`).toBe('filled');
      expect(result.filledQty).toBe(1000);
      expect(size.toFixed()).toBe('10');
      if (++traded === 8) break;
    }
    expect(traded).toBe(8);
    sim.faults.set('variants=polymarket:1');

    // A FOK that cannot fill: unfilled, and its killed-order event (size_matched "") is heard, not dropped.
    const m = markets[0]!;
    const depth = sim.truth.polymarket.book(m.tokens!.yes).asks.reduce((s, [, x]) => s + Number(x), 0);
    const killed = await venue.trading!.placeOrder(order(m, { limitPrice: 9900 as Price, qty: Math.round((Math.ceil(depth) + 100) * 100) as Qty, timeInForce: 'fok' }));
    expect(killed.status).toBe('unfilled');
    await until('the killed FOK’s cancellation', () => updates.find((u) => u.venueOrderId === killed.venueOrderId));
    expect(updates.find((u) => u.venueOrderId === killed.venueOrderId)).toMatchObject({ state: 'canceled', filledQty: '0', remainingQty: '0' });

    // REST trades with ISO match_time are read, with their time.
    const listed = await venue.trading!.fills(Date.now() - 120_000);
    const ours = sim.truth.polymarket.trades().filter((t) => listed.some((f) => f.fillId === t.id));
    expect(ours.length).toBeGreaterThanOrEqual(8);
    for (const f of listed) expect(Math.abs(f.at - Date.now())).toBeLessThan(120_000);
    sim.clock.resume();
  });
});
