import { afterEach, describe, expect, it } from 'vitest';
import type { MarketRef, VenueId } from '../../../../src/shared/ids';
import type { Price, Qty } from '../../../../src/shared/units';
import { MarketImpact } from '../../../../src/engine/execution/marketImpact';
import { PaperBroker } from '../../../../src/engine/execution/paperBroker';
import { PolymarketFeeModel } from '../../../../src/engine/venues/polymarket/feeModel';
import { Money } from '../../../../src/shared/money';
import type { Scanner } from '../../../../src/engine/scanner/scanner';
import type { OrderRequest, VenueFill } from '../../../../src/engine/venues/venue';
import { ManualClock } from '../risk/fixtures';
import { K, P, crossOpportunity, pairScanner } from './rig';
import { venueRegistry } from '../../../../src/engine/venues/registry';

let n = 0;
const order = (o: Partial<OrderRequest> & Pick<OrderRequest, 'market' | 'outcome'>): OrderRequest => ({
  clientOrderId: `c${++n}`, side: 'buy', qty: 1000 as Qty, limitPrice: 4500 as Price, timeInForce: 'ioc', ...o,
});

describe('PaperBroker', () => {
  let clock: ManualClock;
  let scanner: Scanner;
  let impact: MarketImpact;
  let changed: number[][];
  const broker = (venue: VenueId, s: Scanner = scanner, startingBalance?: string) =>
    new PaperBroker({ venue, name: venueRegistry.name(venue), rules: venueRegistry.get(venue).orders, clock, books: () => s.books, feeModel: (m) => s.market(m)?.fee, impact, onLaddersChanged: (l) => changed.push([...l]), startingBalance });

  const setup = (decayMs = 1_000) => {
    clock = new ManualClock();
    scanner = pairScanner();
    changed = [];
    impact = new MarketImpact({ clock, decayMs, stepMs: 1_000_000, onChanged: (l) => changed.push([...l]) });
  };
  afterEach(() => impact?.dispose());

  it('walks the asks up to the limit, one fill per level, Kalshi fee rounded once per order', async () => {
    setup();
    const kalshi = broker('kalshi');
    const r = await kalshi.placeOrder(order({ market: K, outcome: 'yes', qty: 6000 as Qty, limitPrice: 4700 as Price }));
    expect(r).toMatchObject({ status: 'filled', filledQty: 6000, avgPrice: '0.4533333333', fee: '1.050000', rejectReason: null });
    expect(r.fills.map((f) => [f.price, f.qty, f.fee, f.side, f.outcome, f.market])).toEqual([
      ['0.4500', '50.00', '0.870000', 'buy', 'yes', K],
      ['0.4700', '10.00', '0.180000', 'buy', 'yes', K],
    ]);
    // ceil_to_cent(0.07 × (50 × 0.45 × 0.55 + 10 × 0.47 × 0.53)) = ceil(1.04062) = $1.05, split as the fee's rise per fill.
    expect(r.fills.reduce((t, f) => t.plus(f.fee), new Money(0)).toFixed()).toBe('1.05');
    expect(await kalshi.findOrder({ clientOrderId: r.clientOrderId, venueOrderId: null, market: K })).toMatchObject({ state: 'executed', filledQty: '60.00' });
    expect(await kalshi.balance()).toEqual({ available: '9971.75' });
    expect(await kalshi.positions()).toEqual([{ market: K, outcome: 'yes', qty: '60.00' }]);
  });

  it('IOC fills what the limit allows and cancels the rest; FOK fills all or nothing', async () => {
    setup();
    const kalshi = broker('kalshi');
    const ioc = await kalshi.placeOrder(order({ market: K, outcome: 'yes', qty: 6000 as Qty, limitPrice: 4500 as Price }));
    expect(ioc).toMatchObject({ status: 'partially_filled', filledQty: 5000 });
    expect(await kalshi.findOrder({ clientOrderId: ioc.clientOrderId, venueOrderId: null, market: K })).toMatchObject({ state: 'canceled', filledQty: '50.00', remainingQty: '0' });
    const fok = await kalshi.placeOrder(order({ market: K, outcome: 'yes', qty: 6000 as Qty, limitPrice: 4700 as Price, timeInForce: 'fok' }));
    expect(fok).toMatchObject({ status: 'unfilled', filledQty: 0, fills: [] });
    const fok2 = await kalshi.placeOrder(order({ market: K, outcome: 'yes', qty: 5000 as Qty, limitPrice: 4700 as Price, timeInForce: 'fok' }));
    expect(fok2).toMatchObject({ status: 'filled', filledQty: 5000 });
  });

  it('consumes the liquidity it took: the next paper order and the Scanner do not see it again', async () => {
    setup();
    const kalshi = broker('kalshi');
    const id = crossOpportunity(scanner);
    const before = scanner.opportunity(id)!;
    await kalshi.placeOrder(order({ market: K, outcome: 'yes', qty: 5000 as Qty, limitPrice: 4500 as Price }));
    const again = await kalshi.placeOrder(order({ market: K, outcome: 'yes', qty: 5000 as Qty, limitPrice: 4500 as Price }));
    expect(again).toMatchObject({ status: 'unfilled', filledQty: 0 });
    const yesAsks = scanner.books.get(K)!.yes.asks;
    expect([yesAsks.priceAt(0), yesAsks.totalQty]).toEqual([4700, 5000]);
    expect(changed.length).toBeGreaterThan(0);
    const delta = scanner.reevaluateLadders(changed.flat());
    expect(delta.updated.map((u) => u.basket.id)).toContain(id);
    expect(scanner.opportunity(id)!.netProfit).toBeLessThan(before.netProfit);
  });

  it('gives consumed liquidity back linearly over the decay time', async () => {
    setup(1_000);
    const kalshi = broker('kalshi');
    await kalshi.placeOrder(order({ market: K, outcome: 'yes', qty: 4000 as Qty, limitPrice: 4500 as Price }));
    const asks = scanner.books.get(K)!.yes.asks;
    expect(asks.qtyAt(0)).toBe(1000);
    clock.advance(500);
    impact.decay();
    expect(asks.qtyAt(0)).toBe(3000);
    expect(impact.outstanding()).toBe(2000);
    clock.advance(499);
    impact.decay();
    expect(asks.qtyAt(0)).toBe(4996);
    clock.advance(1);
    impact.decay();
    expect(asks.qtyAt(0)).toBe(5000);
    expect(impact.outstanding()).toBe(0);
    // Back in full, it fills again.
    const r = await kalshi.placeOrder(order({ market: K, outcome: 'yes', qty: 5000 as Qty, limitPrice: 4500 as Price }));
    expect(r.filledQty).toBe(5000);
  });

  it('sells walk the bids down to the limit, and only what the paper position holds', async () => {
    setup();
    const kalshi = broker('kalshi');
    const none = await kalshi.placeOrder(order({ market: K, outcome: 'yes', side: 'sell', qty: 2000 as Qty, limitPrice: 3900 as Price }));
    expect(none).toMatchObject({ status: 'rejected', rejectReason: expect.stringMatching(/cannot sell/) });
    await kalshi.placeOrder(order({ market: K, outcome: 'yes', qty: 5000 as Qty, limitPrice: 4500 as Price }));
    const sold = await kalshi.placeOrder(order({ market: K, outcome: 'yes', side: 'sell', qty: 2000 as Qty, limitPrice: 3900 as Price }));
    // 0.07 × 20 × 0.40 × 0.60 = 0.336 → $0.34
    expect(sold).toMatchObject({ status: 'filled', filledQty: 2000, avgPrice: '0.40', fee: '0.340000' });
    expect(sold.fills[0]).toMatchObject({ side: 'sell', price: '0.4000', qty: '20.00' });
    // Selling YES took YES bids, which is also the NO ask ladder at 1 − q.
    expect(scanner.books.get(K)!.no.asks.qtyAt(0)).toBe(8000);
  });

  it('charges the Polymarket fee of the market, half up to $0.00001', async () => {
    setup();
    const feeScanner = pairScanner();
    (feeScanner.market(P) as { fee: unknown }).fee = PolymarketFeeModel.parse('0.02', 1);
    const poly = broker('polymarket', feeScanner);
    const r = await poly.placeOrder(order({ market: P, outcome: 'no', qty: 1000 as Qty, limitPrice: 5000 as Price }));
    // 0.02 × 10 × 0.5 × 0.5 = 0.05
    expect(r).toMatchObject({ status: 'filled', fee: '0.050000', avgPrice: '0.50' });
  });

  it('pushes each fill on its fill channel too, as a venue does', async () => {
    setup();
    const poly = broker('polymarket');
    const pushed: VenueFill[] = [];
    poly.onFill((f) => pushed.push(f));
    const r = await poly.placeOrder(order({ market: P, outcome: 'no', qty: 5000 as Qty, limitPrice: 5100 as Price }));
    await Promise.resolve();
    expect(pushed).toEqual(r.fills);
    expect(pushed.map((f) => [f.price, f.qty])).toEqual([['0.5000', '40.00'], ['0.5100', '10.00']]);
  });

  it('refuses what a venue would refuse, saying why', async () => {
    setup();
    const kalshi = broker('kalshi');
    const reason = async (o: OrderRequest, b = kalshi) => (await b.placeOrder(o)).rejectReason;
    expect(await reason(order({ market: K, outcome: 'yes', timeInForce: 'gtc' }))).toMatch(/immediate orders only/);
    expect(await reason(order({ market: K, outcome: 'yes', qty: 150 as Qty }))).toMatch(/whole contracts/);
    expect(await reason(order({ market: P, outcome: 'yes' }))).toMatch(/not a kalshi market/);
    expect(await reason(order({ market: 'kalshi:NOPE' as MarketRef, outcome: 'yes' }))).toMatch(/no live book/);
    expect(await reason(order({ market: K, outcome: 'yes', qty: 5000 as Qty }), broker('kalshi', scanner, '10'))).toMatch(/insufficient paper balance/);
    const used = order({ market: K, outcome: 'yes', qty: 100 as Qty });
    await kalshi.placeOrder(used);
    expect(await reason(used)).toMatch(/already used/);
    scanner.setHealth(K, 'stale');
    expect(await reason(order({ market: K, outcome: 'yes' }))).toMatch(/is stale; paper orders fill on live books only/);
  });
});
