// The Kalshi connector against the simulator speaking the shapes others have seen from the real
// venue (`--faults variants=…`): `ok` replies that spend a seq (kalshi.asyncapi.yaml
// okResponsePayload carries one), a refused `use_yes_price` (not in the subscribe schema), errors
// without a command id, and fills without book_side — the AsyncAPI `fill` (side, action,
// purchased_side), sometimes without fee_cost as its published example — over the fill channel
// and REST. Books stay exact, no ok reply reads as a gap, every fill arrives as the exchange made it.
import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KalshiVenue } from '../../../../src/engine/venues/kalshi/connector';
import type { MarketInfo, VenueFill } from '../../../../src/engine/venues/venue';
import { complement, parsePrice, type Price, type Qty } from '../../../../src/shared/units';
import { startSimulator, type SimulatorHandle } from '../../../../src/sim/index';
import { engineBook, health, logs, quiesce, sleep, until, venueFor, wireScanner } from './helpers';

let sim: SimulatorHandle;
let markets: MarketInfo[];
const venues: KalshiVenue[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'kalshi-variants', markets: 16, speed: 20, dislocationEverySec: 0, faults: 'variants=kalshi:1' });
  const probe = venueFor(sim);
  markets = (await probe.discover()).markets;
  probe.dispose();
});
afterAll(async () => {
  for (const v of venues) v.dispose();
  await sim?.close();
});

describe('Kalshi connector with the venue’s variant shapes on', () => {
  it('keeps exact books: ok replies that take a seq are no gaps, a refused use_yes_price is dropped, id-less errors resubscribe', async () => {
    const venue = venueFor(sim, { feed: { batchSize: 100 } });
    venues.push(venue);
    const { scanner } = wireScanner(venue, markets);
    // Half first, then all: the rest go in by add_markets (ok replies), not new subscriptions.
    venue.feed.setMarkets(markets.slice(0, 8));
    await until(() => markets.slice(0, 8).every((m) => health(scanner, m.id) === 'live'), 15_000, 'the first books');
    venue.feed.setMarkets(markets);
    await until(() => markets.every((m) => health(scanner, m.id) === 'live') && venue.feed.stats.okReplies > 0, 20_000, 'every book live');
    expect(logs.some((l) => /refused use_yes_price/.test(l.message))).toBe(true);
    expect(venue.feed.subscribedTickers().sort()).toEqual(markets.map((m) => m.id).sort());
    await sleep(3_000);
    await quiesce(sim, venue);
    sim.clock.resume();
    // Every ok reply took a seq: none of them was read as a gap.
    expect(venue.feed.stats.gaps).toBe(0);
    await until(() => markets.every((m) => health(scanner, m.id) === 'live'), 20_000, 'books live after resubscribes');
    sim.clock.pause();
    await sleep(500);
    for (const m of markets) expect({ ticker: m.id, health: health(scanner, m.id), ...engineBook(scanner, m.id) }).toEqual({ ticker: m.id, health: 'live', ...sim.truth.kalshi.book(m.id) });
    sim.clock.resume();
  });

  it('reads fills without book_side (and without fee_cost) from the fill channel and REST, as the exchange made them', async () => {
    sim.clock.pause();
    const venue = venueFor(sim);
    venues.push(venue);
    const pushed: VenueFill[] = [];
    venue.trading!.onFill((f) => pushed.push(f));
    await until(() => venue.trading!.fillsConnected, 5_000, 'the fill channel');
    const orders: { id: string; outcome: 'yes' | 'no' }[] = [];
    for (const m of markets.filter((x) => x.tickSize === 100).slice(0, 6)) {
      const book = sim.truth.kalshi.book(m.id);
      if (book.yes.length === 0 || book.no.length === 0) continue;
      const outcome = orders.length % 2 === 0 ? 'yes' : 'no';
      const bid = (parsePrice((outcome === 'yes' ? book.no : book.yes)[0]![0]) as { value: Price }).value;
      const r = await venue.trading!.placeOrder({ clientOrderId: randomUUID(), market: m.ref, outcome, side: 'buy', limitPrice: complement(bid), qty: 100 as Qty, timeInForce: 'ioc' });
      expect(r.status).toBe('filled');
      orders.push({ id: r.venueOrderId!, outcome });
    }
    expect(orders.length).toBeGreaterThan(3);
    const truth = sim.truth.kalshi.fills().filter((f) => orders.some((o) => o.id === f.orderId));
    await until(() => truth.every((t) => pushed.some((p) => p.fillId === t.tradeId)), 10_000, 'every fill pushed or caught up');
    for (const t of truth) {
      const f = pushed.find((p) => p.fillId === t.tradeId)!;
      const o = orders.find((x) => x.id === t.orderId)!;
      expect([f.outcome, f.side, new Decimal(f.fee).toFixed(4), new Decimal(f.qty).toFixed(2)]).toEqual([o.outcome, 'buy', new Decimal(t.fee).toFixed(4), t.count]);
    }
    // REST answers in the openapi 3.15 shape too: still every fill, none refused.
    const listed = await venue.trading!.fills(Date.now() - 60_000);
    for (const t of truth) expect(listed.some((f) => f.fillId === t.tradeId)).toBe(true);
    expect(logs.some((l) => /a fill could not be read and is not recorded/.test(l.message))).toBe(false);
    sim.clock.resume();
  });
});
