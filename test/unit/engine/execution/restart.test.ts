import { afterEach, describe, expect, it } from 'vitest';
import type { MarketRef } from '../../../../src/shared/ids';
import type { Price, Qty } from '../../../../src/shared/units';
import { reconcilePendingOrders } from '../../../../src/engine/execution/restart';
import type { OrderLookup, VenueFill } from '../../../../src/engine/venues/venue';
import { K, P, ScriptedVenue, execRig, held, type ExecRig } from './rig';

/** Polymarket has no client order ids: it can be asked only by the venue's order id. */
class VenueWithoutClientIds extends ScriptedVenue {
  override findOrder(ref: { clientOrderId: string; venueOrderId: string | null; market: MarketRef }): Promise<OrderLookup | null> {
    return ref.venueOrderId ? super.findOrder(ref) : Promise.resolve(null);
  }
  override async fills(since: number | null): Promise<VenueFill[]> {
    return (await super.fills(since)).map((f) => ({ ...f, clientOrderId: null }));
  }
}

describe('restart reconciliation', () => {
  let rig: ExecRig;
  afterEach(() => rig?.close());

  /** A basket whose two intents were written, as if the process died right after sending. */
  function crashedBasket(id: string, qty = '10', polyLimit = '0.5') {
    rig.ledger.createBasket({
      id, strategy: 'cross_venue', size: qty, payoutPerUnit: '1',
      legs: [
        { venue: 'kalshi', market: K, title: 'K', outcome: 'yes', plannedQty: qty, limitPrice: '0.45' },
        { venue: 'polymarket', market: P, title: 'P', outcome: 'no', plannedQty: qty, limitPrice: polyLimit },
      ],
    });
    const intent = (cid: string, legIndex: number, limitPrice: string) =>
      rig.ledger.recordOrderIntent({ clientOrderId: cid, basketId: id, legIndex, side: 'buy', purpose: 'entry', timeInForce: 'ioc', qty, limitPrice });
    intent(`${id}-k`, 0, '0.45');
    intent(`${id}-p`, 1, polyLimit);
  }
  const reconcile = (venues = rig.venues as Record<string, ScriptedVenue>) => reconcilePendingOrders({
    ledger: rig.ledger, trading: (v) => venues[v] ?? null, router: rig.router, activity: rig.activity, risk: rig.breaker, timeoutMs: 200,
  });

  it('replays the fills of an order that reached the venue, closes one that never did, and shows the unequal basket', async () => {
    rig = execRig();
    crashedBasket('b1');
    // The Kalshi order reached the venue and filled; the Polymarket one never left.
    rig.venues.kalshi.mutePushes = true;
    await rig.venues.kalshi.placeOrder({ clientOrderId: 'b1-k', market: K, outcome: 'yes', side: 'buy', qty: 1000 as Qty, limitPrice: 4500 as Price, timeInForce: 'ioc' });
    expect(held(rig.ledger, 'b1')).toEqual(['0', '0']);

    const report = await reconcile();
    expect(report).toMatchObject({ checked: 2, fillsReplayed: 1, leftOpen: [] });
    expect(report.closed).toEqual([{ clientOrderId: 'b1-k', status: 'filled' }, { clientOrderId: 'b1-p', status: 'failed' }]);
    expect(held(rig.ledger, 'b1')).toEqual(['10', '0']);
    expect(rig.ledger.fillsOfOrder('b1-k').map((f) => [f.price, f.qty, f.fee])).toEqual([['0.45', '10', '0.18']]);
    expect(rig.ledger.order('b1-p')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/never placed/) });
    expect(rig.ledger.pendingOrders()).toEqual([]);
    // Nothing is traded at start: the basket is reported and the breaker trips.
    expect(rig.venues.polymarket.placed).toEqual([]);
    expect(report.unequalBaskets).toEqual([{ basketId: 'b1', legs: [{ legIndex: 0, held: '10' }, { legIndex: 1, held: '0' }], causedByReplay: true, detail: '10 YES kalshi:K0 against 0 NO polymarket:0x0', stillOpen: false }]);
    expect(rig.breaker.state()).toMatchObject({ state: 'open', trips: [expect.objectContaining({ kind: 'unhedged_exposure' })] });
    expect(rig.activity.query({ kinds: ['execution'] })[0]!.message).toMatch(/Basket b1 is unhedged .* nothing is traded at start/);
    // Running it again finds nothing left to do.
    expect(await reconcile()).toMatchObject({ checked: 0, fillsReplayed: 0 });
  });

  it('trips on an unequal basket even when the fill that made it so was recorded before the crash (point 3)', async () => {
    rig = execRig();
    crashedBasket('b6');
    // The Kalshi leg filled and its fill reached the ledger; the process died before the Polymarket leg left.
    const k = await rig.venues.kalshi.placeOrder({ clientOrderId: 'b6-k', market: K, outcome: 'yes', side: 'buy', qty: 1000 as Qty, limitPrice: 4500 as Price, timeInForce: 'ioc' });
    rig.ledger.recordAck('b6-k', { venueOrderId: k.venueOrderId });
    for (const f of k.fills) rig.router.record('kalshi', f);
    expect(rig.ledger.order('b6-k')).toMatchObject({ status: 'filled' });
    expect(held(rig.ledger, 'b6')).toEqual(['10', '0']);

    const report = await reconcile();
    expect(report.fillsReplayed).toBe(0);
    expect(report.unequalBaskets).toEqual([expect.objectContaining({ basketId: 'b6', causedByReplay: false })]);
    expect(rig.breaker.state()).toMatchObject({ state: 'open', cooldownEndsAt: null, trips: [expect.objectContaining({ kind: 'unhedged_exposure', reason: expect.stringMatching(/b6/) })] });
    // New baskets do not trade.
    expect(await rig.executor.execute({ opportunityId: rig.opportunity, size: 5 })).toMatchObject({ status: 'refused' });
    expect(rig.venues.polymarket.placed).toEqual([]);
  });

  it('finds a Polymarket order by its instrument, side, price and time when the crash came before its venue id', async () => {
    rig = execRig();
    const poly = new VenueWithoutClientIds('polymarket', rig.venues.polymarket.inner);
    crashedBasket('b2');
    rig.venues.kalshi.mutePushes = true;
    poly.mutePushes = true;
    await rig.venues.kalshi.placeOrder({ clientOrderId: 'b2-k', market: K, outcome: 'yes', side: 'buy', qty: 1000 as Qty, limitPrice: 4500 as Price, timeInForce: 'ioc' });
    await poly.placeOrder({ clientOrderId: 'venue-knows-nothing-of-this', market: P, outcome: 'no', side: 'buy', qty: 1000 as Qty, limitPrice: 5000 as Price, timeInForce: 'ioc' });

    const report = await reconcile({ kalshi: rig.venues.kalshi, polymarket: poly });
    expect(report.fillsReplayed).toBe(2);
    expect(held(rig.ledger, 'b2')).toEqual(['10', '10']);
    expect(rig.ledger.order('b2-p')).toMatchObject({ status: 'filled', venueOrderId: expect.stringMatching(/^paper-/) });
    expect(report.unequalBaskets).toEqual([]);
    expect(rig.breaker.state().state).toBe('closed');
    expect(rig.activity.query({ limit: 50 }).some((a) => /matched to polymarket order .* by its instrument/.test(a.message))).toBe(true);
  });

  it('replays only the fills the ledger lacks for an acknowledged order, and leaves orders of an absent venue open', async () => {
    rig = execRig();
    crashedBasket('b3', '50', '0.51');
    rig.venues.polymarket.mutePushes = true;
    const r = await rig.venues.polymarket.placeOrder({ clientOrderId: 'b3-p', market: P, outcome: 'no', side: 'buy', qty: 5000 as Qty, limitPrice: 5100 as Price, timeInForce: 'ioc' });
    rig.ledger.recordAck('b3-p', { venueOrderId: r.venueOrderId });
    rig.router.record('polymarket', r.fills[0]!);
    expect(rig.ledger.order('b3-p')).toMatchObject({ status: 'partially_filled', filledQty: '40' });

    const report = await reconcile({ polymarket: rig.venues.polymarket } as Record<string, ScriptedVenue>);
    expect(report.fillsReplayed).toBe(1);
    expect(rig.ledger.order('b3-p')).toMatchObject({ status: 'filled', filledQty: '50' });
    expect(report.leftOpen).toEqual([{ clientOrderId: 'b3-k', reason: 'kalshi is not connected for trading' }]);
    expect(rig.ledger.pendingOrders().map((o) => o.clientOrderId)).toEqual(['b3-k']);
  });

  it('an order whose venue id was written before sending, but which never reached the venue, is closed as never placed', async () => {
    rig = execRig();
    rig.ledger.createBasket({ id: 'b5', strategy: 'cross_venue', size: '10', payoutPerUnit: '1', legs: [{ venue: 'polymarket', market: P, title: 'P', outcome: 'no', plannedQty: '10', limitPrice: '0.5' }] });
    rig.ledger.recordOrderIntent({ clientOrderId: 'b5-p', basketId: 'b5', legIndex: 0, side: 'buy', purpose: 'entry', timeInForce: 'ioc', qty: '10', limitPrice: '0.5', venueOrderId: 'paper-b5-p' });
    const report = await reconcile();
    expect(report.closed).toEqual([{ clientOrderId: 'b5-p', status: 'failed' }]);
    expect(rig.ledger.order('b5-p')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/never placed/) });
  });

  it('an unreachable venue leaves its orders open for the next attempt', async () => {
    rig = execRig();
    crashedBasket('b4');
    rig.venues.kalshi.unreachable = true;
    rig.venues.polymarket.unreachable = true;
    const report = await reconcile();
    expect(report.leftOpen.map((l) => l.clientOrderId)).toEqual(['b4-k', 'b4-p']);
    expect(report.leftOpen[0]!.reason).toMatch(/lookup failed: connect ECONNREFUSED/);
    expect(rig.ledger.pendingOrders()).toHaveLength(2);
  });
});
