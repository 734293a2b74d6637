import { until } from '../../../helpers/until';
import { afterEach, describe, expect, it } from 'vitest';
import { Money } from '../../../../src/engine/positions/money';
import { DEFAULT_BOOKS, K, P, execRig, held, type ExecRig } from './rig';

describe('Executor', () => {
  let rig: ExecRig;
  afterEach(() => rig?.close());

  it('a clean two-leg fill: both legs at once, fills at their prices and fees, every step reported', async () => {
    rig = execRig();
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'filled', size: 10, mode: 'paper', reason: null, netProfit: '0.32' });
    // Typed per leg: each result names its venue, market and outcome.
    expect(r.legs).toEqual([
      expect.objectContaining({ venue: 'kalshi', market: K, outcome: 'yes', requested: 10, filled: '10', avgPrice: '0.45', fees: '0.18', status: 'filled' }),
      expect.objectContaining({ venue: 'polymarket', market: P, outcome: 'no', requested: 10, filled: '10', avgPrice: '0.5', fees: '0', status: 'filled' }),
    ]);
    // Each venue got exactly its own leg, immediate-or-cancel at the sized worst price.
    expect(rig.venues.kalshi.placed).toEqual([expect.objectContaining({ market: K, outcome: 'yes', side: 'buy', qty: 1000, limitPrice: 4500, timeInForce: 'ioc' })]);
    expect(rig.venues.polymarket.placed).toEqual([expect.objectContaining({ market: P, outcome: 'no', side: 'buy', qty: 1000, limitPrice: 5000, timeInForce: 'ioc' })]);
    const orders = rig.ledger.ordersOfBasket(r.executionId);
    expect(orders.map((o) => [o.legIndex, o.status, o.purpose, o.timeInForce, o.limitPrice, o.filledQty])).toEqual([
      [0, 'filled', 'entry', 'ioc', '0.45', '10'],
      [1, 'filled', 'entry', 'ioc', '0.5', '10'],
    ]);
    // The intent was written before the venue knew the order; the venue's id was recorded.
    for (const o of orders) {
      expect(rig.ledger.orderEvents(o.clientOrderId)[0]!.status).toBe('intent');
      expect(o.venueOrderId).toMatch(/^paper-/);
    }
    expect(r.legs.map((l) => l.orderIds)).toEqual(orders.map((o) => [o.clientOrderId]));
    expect(rig.progress.map((p) => `${p.step}:${p.status}`)).toEqual(['revalidate:running', 'revalidate:ok', 'breaker:running', 'breaker:ok', 'send:ok', 'fill:ok', 'done:ok']);
    expect(rig.activity.query({ kinds: ['fill'] })).toHaveLength(2);
    expect(rig.breaker.state()).toMatchObject({ state: 'closed', consecutiveErrors: 0 });
  });

  it('records fills at their own prices and the average, never the limit price', async () => {
    rig = execRig();
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 45 });
    // NO on Polymarket: 40 at 0.50 and 5 at 0.51; the order's limit was 0.51.
    expect(r).toMatchObject({ status: 'filled', size: 45, netProfit: '1.42' });
    const poly = rig.ledger.ordersOfBasket(r.executionId).find((o) => o.venue === 'polymarket')!;
    expect(poly.limitPrice).toBe('0.51');
    expect(rig.ledger.fillsOfOrder(poly.clientOrderId).map((f) => [f.price, f.qty])).toEqual([['0.5', '40'], ['0.51', '5']]);
    expect(r.legs[1]!.avgPrice).toBe('0.501111');
  });

  it('re-sizes on the current books: a size too deep for the books is reduced to the best size up to it', async () => {
    rig = execRig();
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 500 });
    expect(r.status).toBe('filled');
    expect(r.size).toBeLessThanOrEqual(80);
    expect(rig.progress.find((p) => p.step === 'revalidate' && p.status === 'ok')!.message).toMatch(/reduced from 500/);
  });

  it('refuses, writing and sending nothing, when a leg is stale, the basket no longer pays, or a leg is under the venue minimum', async () => {
    rig = execRig();
    rig.scanner.setHealth(P, 'stale');
    expect(await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 })).toMatchObject({ status: 'refused', reason: expect.stringMatching(/leg 2 \(NO polymarket:0x0\): its order book is stale/) });
    rig.scanner.setHealth(P, 'live');
    expect(await rig.executor.execute({ opportunityId: rig.opportunity, size: 3 })).toMatchObject({ status: 'refused', reason: expect.stringMatching(/3 contract\(s\) is below the polymarket minimum order size of 5\.00; nothing was sent/) });
    rig.scanner.applyPolymarket({ event_type: 'price_change', price_changes: [{ asset_id: 'n0', price: '0.50', size: '0', side: 'SELL' }, { asset_id: 'n0', price: '0.51', size: '0', side: 'SELL' }, { asset_id: 'n0', price: '0.56', size: '100', side: 'SELL' }] });
    expect(await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 })).toMatchObject({ status: 'refused', reason: expect.stringMatching(/No longer profitable on the current books at any size up to 10/) });
    expect(rig.ledger.basketIds()).toEqual([]);
    expect(rig.venues.kalshi.placed).toEqual([]);
    expect(rig.venues.polymarket.placed).toEqual([]);
  });

  it('refuses a second execution touching a market already in flight', async () => {
    rig = execRig();
    rig.venues.kalshi.faults.push({ kind: 'slow', ms: 100 });
    const first = rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    const second = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(second).toMatchObject({ status: 'refused', reason: expect.stringMatching(/kalshi:K0 is already being executed \(execution [0-9a-f]{8}\)/) });
    expect((await first).status).toBe('filled');
    expect(rig.executor.inFlight.size).toBe(0);
    expect((await rig.executor.execute({ opportunityId: rig.opportunity, size: 5 })).status).toBe('filled');
  });

  it('a partial fill is completed: the lagging leg is bought up while the basket still pays', async () => {
    rig = execRig();
    rig.venues.polymarket.faults.push({ kind: 'partial' });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'completed', size: 10 });
    expect(held(rig.ledger, r.executionId)).toEqual(['10', '10']);
    const complete = rig.ledger.ordersOfBasket(r.executionId).filter((o) => o.purpose === 'complete');
    expect(complete.map((o) => [o.legIndex, o.side, o.qty, o.status])).toEqual([[1, 'buy', '5', 'filled']]);
    expect(rig.progress.some((p) => p.step === 'complete' && p.status === 'ok')).toBe(true);
    // The mismatch counts towards the breaker once.
    expect(rig.breaker.state().consecutiveErrors).toBe(1);
  });

  it('a partial fill that cannot be completed is flattened with a walking price, the loss realised', async () => {
    rig = execRig();
    rig.venues.polymarket.faults.push({ kind: 'partial' });
    rig.venues.polymarket.always = { kind: 'reject', reason: 'market paused' };
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'flattened', size: 5 });
    expect(held(rig.ledger, r.executionId)).toEqual(['5', '5']);
    const flatten = rig.ledger.ordersOfBasket(r.executionId).filter((o) => o.purpose === 'flatten');
    expect(flatten.map((o) => [o.legIndex, o.side, o.qty, o.status])).toEqual([[0, 'sell', '5', 'filled']]);
    // Sold 5 YES at the 0.40 bid: 2.00 − 0.09 fee − (5 × 0.45 + half the 0.18 buy fee) = −0.43.
    const positions = rig.ledger.basketPositions(r.executionId)!;
    expect(positions.legs[0]!.state.realised.toFixed()).toBe('-0.43');
    // One failed execution is one error, however many of its orders were refused on the way.
    expect(rig.breaker.state().consecutiveErrors).toBe(1);
  });

  it('trades only what each venue accepts: whole Kalshi contracts; a remainder under one contract is dust, shown but not tripped', async () => {
    rig = execRig();
    // Polymarket fills 7.5 shares of 10: completing 2.5 is below its 5-share minimum; Kalshi sells 2 whole contracts.
    rig.venues.polymarket.faults.push({ kind: 'fills', qty: 750 });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'flattened', reason: expect.stringMatching(/0\.50 YES kalshi:K0 left unmatched: below the smallest order the venue accepts/) });
    expect(held(rig.ledger, r.executionId)).toEqual(['8', '7.5']);
    expect(rig.venues.kalshi.placed.filter((o) => o.side === 'sell').map((o) => o.qty)).toEqual([200]);
    expect(rig.breaker.state()).toMatchObject({ state: 'closed', consecutiveErrors: 1 });
  });

  it('live: refuses a basket whose legs trade in different worlds (a real venue and the simulator), sending nothing', async () => {
    rig = execRig({ live: { kalshi: 'production', polymarket: 'simulator' } });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'refused', reason: expect.stringMatching(/cannot mix real and practice venues: kalshi on production, polymarket on simulator/) });
    expect(rig.venues.kalshi.placed).toEqual([]);
    expect(rig.venues.polymarket.placed).toEqual([]);
  });

  it('live: trades a basket whose legs are all on production (or all on the simulator)', async () => {
    rig = execRig({ live: { kalshi: 'production', polymarket: 'production' } });
    expect((await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 })).status).toBe('filled');
    rig.close();
    rig = execRig({ live: { kalshi: 'simulator', polymarket: 'simulator' } });
    expect((await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 })).status).toBe('filled');
  });

  it('a rejected leg: the filled leg is flattened; every reject logged, the execution counted once', async () => {
    rig = execRig();
    rig.venues.polymarket.always = { kind: 'reject' };
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'flattened', size: 0 });
    expect(r.legs.map((l) => l.status)).toEqual(['filled', 'rejected']);
    expect(held(rig.ledger, r.executionId)).toEqual(['0', '0']);
    const orders = rig.ledger.ordersOfBasket(r.executionId);
    expect(orders.filter((o) => o.status === 'rejected').map((o) => [o.legIndex, o.purpose])).toEqual([[1, 'entry'], [1, 'complete'], [1, 'complete']]);
    expect(rig.activity.query({ kinds: ['reject'] })).toHaveLength(3);
    expect(rig.breaker.state().consecutiveErrors).toBe(1);
  });

  it('a delayed match (pending) is waited for, never read as unfilled', async () => {
    rig = execRig();
    rig.venues.polymarket.faults.push({ kind: 'pending', afterMs: 120 });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'filled', size: 10 });
    expect(rig.venues.polymarket.placed).toHaveLength(1);
  });

  it('writes the venue order id into the intent before sending, where the venue knows it in advance', async () => {
    rig = execRig();
    const seen: (string | null)[] = [];
    rig.venues.polymarket.onPlace = (req) => seen.push(rig.ledger.order(req.clientOrderId)?.venueOrderId ?? 'no intent');
    rig.venues.kalshi.onPlace = (req) => seen.push(rig.ledger.order(req.clientOrderId)?.status ?? 'no intent');
    await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(seen).toEqual(['intent', expect.stringMatching(/^paper-/)]);
  });

  it('a lost answer is an unknown outcome: the order is looked up, never read as unfilled', async () => {
    rig = execRig();
    rig.venues.kalshi.mutePushes = true;
    rig.venues.kalshi.faults.push({ kind: 'lostAnswer' });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'filled', size: 10 });
    const kalshi = rig.ledger.ordersOfBasket(r.executionId).find((o) => o.venue === 'kalshi')!;
    expect(rig.ledger.orderEvents(kalshi.clientOrderId).map((e) => e.status)).toEqual(['intent', 'unknown', 'acked', 'filled']);
    expect(rig.venues.kalshi.placed).toHaveLength(1);
  });

  it('an order that never reached the venue is closed as failed after lookups, and the other leg completed', async () => {
    rig = execRig();
    rig.venues.kalshi.faults.push({ kind: 'notSent' });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'completed', size: 10 });
    const orders = rig.ledger.ordersOfBasket(r.executionId).filter((o) => o.venue === 'kalshi');
    expect(orders.map((o) => [o.purpose, o.status])).toEqual([['entry', 'failed'], ['complete', 'filled']]);
  });

  it('a venue that cannot be reached leaves the order unknown: nothing is unwound on a guess, the breaker trips', async () => {
    rig = execRig();
    rig.venues.kalshi.faults.push({ kind: 'unreachable' });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'failed', reason: expect.stringMatching(/outcome unknown for leg 1 \(YES kalshi:K0/) });
    const kalshi = rig.ledger.ordersOfBasket(r.executionId).find((o) => o.venue === 'kalshi')!;
    expect(kalshi.status).toBe('unknown');
    expect(rig.ledger.pendingOrders().map((o) => o.clientOrderId)).toEqual([kalshi.clientOrderId]);
    expect(held(rig.ledger, r.executionId)).toEqual(['0', '10']);
    expect(rig.venues.polymarket.placed).toHaveLength(1);
    expect(rig.breaker.state()).toMatchObject({ state: 'open', trips: [expect.objectContaining({ kind: 'unhedged_exposure' })] });
  });

  it('exposure that cannot be removed stays in the ledger and trips the breaker', async () => {
    rig = execRig({ books: { ...DEFAULT_BOOKS, kalshiYesBids: [['0.02', '1']] } });
    rig.venues.polymarket.always = { kind: 'reject' };
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    // One contract found a bid at 0.02; nine are left with no bid above the floor.
    expect(r).toMatchObject({ status: 'failed', reason: expect.stringMatching(/unhedged: 9\.00 YES kalshi:K0 could not be sold or matched/) });
    expect(held(rig.ledger, r.executionId)).toEqual(['9', '0']);
    const flatten = rig.ledger.ordersOfBasket(r.executionId).filter((o) => o.purpose === 'flatten');
    // Five attempts, each at or above the floor that keeps the loss within $5.
    expect(flatten).toHaveLength(5);
    for (const o of flatten) expect(new Money(o.limitPrice).gte('0.01')).toBe(true);
    expect(rig.breaker.state()).toMatchObject({ state: 'open', reason: expect.stringMatching(/unhedged/) });
  });

  it('a fill that arrives after its order was given up is still recorded and shown', async () => {
    rig = execRig();
    // It reaches the venue only after the lookups have agreed for the whole window that it never did.
    rig.venues.kalshi.faults.push({ kind: 'ghost', afterMs: 600 });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r.status).toBe('completed');
    // The "failed" order did reach the venue: its fill is in the ledger and the basket is unequal.
    await until(() => held(rig.ledger, r.executionId).join() === '20,10', 'the ghost fill to be recorded');
  });
});

describe('Executor and the breaker', () => {
  let rig: ExecRig;
  afterEach(() => rig?.close());

  it('consecutive errors trip it; then executions are refused', async () => {
    rig = execRig({ limits: { maxConsecutiveErrors: 3 } });
    rig.venues.kalshi.always = { kind: 'reject' };
    rig.venues.polymarket.always = { kind: 'reject' };
    expect(await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 })).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^nothing filled/) });
    // Two rejected legs are one failed execution: one error.
    expect(rig.breaker.state()).toMatchObject({ state: 'closed', consecutiveErrors: 1 });
    await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(rig.breaker.state()).toMatchObject({ state: 'closed', consecutiveErrors: 2 });
    await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(rig.breaker.state()).toMatchObject({ state: 'open', trips: [expect.objectContaining({ kind: 'consecutive_errors' })] });
    expect(await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 })).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^Breaker open: /) });
  });

  it('half-open: one probe no larger than the probe size may trade; its success closes the breaker', async () => {
    rig = execRig({ limits: { cooldownSeconds: 0, probeSize: 10 } });
    rig.breaker.trip('consecutive_errors', 'test trip');
    expect(await rig.executor.execute({ opportunityId: rig.opportunity, size: 20 })).toMatchObject({ status: 'refused', reason: expect.stringMatching(/half-open: only a probe of at most 10 contracts/) });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r.status).toBe('filled');
    expect(rig.breaker.state()).toMatchObject({ state: 'closed' });
    expect(rig.progress.some((p) => p.message === 'Breaker half-open: this basket is its probe')).toBe(true);
  });

  it('half-open: a probe that fails re-opens it', async () => {
    rig = execRig({ limits: { cooldownSeconds: 0, probeSize: 10 } });
    rig.breaker.trip('consecutive_errors', 'test trip');
    rig.venues.polymarket.faults.push({ kind: 'reject' });
    rig.venues.kalshi.faults.push({ kind: 'reject' });
    await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(rig.breaker.state()).toMatchObject({ state: 'open', trips: [expect.objectContaining({ kind: 'probe_failed' }), expect.anything()] });
  });

  it('an over-fill past the per-market limit trips it; the excess is flattened while buys are blocked', async () => {
    rig = execRig({ limits: { maxPositionPerMarket: 15 } });
    rig.venues.kalshi.faults.push({ kind: 'overfill' });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(rig.breaker.state().trips[0]).toMatchObject({ kind: 'max_position_per_market' });
    expect(r.status).toBe('flattened');
    expect(held(rig.ledger, r.executionId)).toEqual(['10', '10']);
    const orders = rig.ledger.ordersOfBasket(r.executionId);
    // A completing buy beyond the basket's plan is an ordinary buy: refused by the open breaker,
    // never sent, and not retried.
    expect(orders.filter((o) => o.purpose === 'complete').map((o) => o.status)).toEqual(['refused']);
    expect(rig.venues.polymarket.placed).toHaveLength(1);
    expect(orders.filter((o) => o.purpose === 'flatten').map((o) => [o.legIndex, o.filledQty])).toEqual([[0, '10']]);
  });

  it('the position, total and loss limits refuse a basket that would break them', async () => {
    const cases: [Partial<Parameters<typeof execRig>[0] & object>['limits'], RegExp][] = [
      [{ maxPositionPerMarket: 5 }, /kalshi:K0 would hold 10 contracts, over the 5 per-market limit/],
      [{ maxTotalContracts: 15 }, /Total position would be 20 contracts, over the 15 limit/],
      [{ maxTotalDollars: '5' }, /Total position would cost \$9\.5, over the \$5 limit/],
      // The honest worst case: 10 YES bought at 0.45 + $0.18 and sold back at 0.40 less $0.17.
      [{ maxLossPerTrade: '5', maxDailyLoss: '0.5' }, /Worst-case loss \$0\.85 could take today's loss \(\$0\) past the \$0\.5 daily limit/],
    ];
    for (const [limits, reason] of cases) {
      rig = execRig({ limits });
      const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
      expect(r).toMatchObject({ status: 'refused', reason: expect.stringMatching(reason) });
      expect(rig.ledger.basketIds()).toEqual([]);
      rig.close();
    }
    rig = execRig();
  });

  it('the kill switch blocks a concurrent execution while the one in flight finishes its sent orders', async () => {
    rig = execRig();
    rig.venues.kalshi.faults.push({ kind: 'slow', ms: 120 });
    const first = rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    // The first leg is at the venue (slowly answering) when the trader hits the kill switch.
    await until(() => rig.venues.kalshi.placed.length > 0, 'the Kalshi leg to be sent', 5_000, 1);
    rig.breaker.engageKillSwitch();
    const second = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(second).toMatchObject({ status: 'refused' });
    expect(second.reason).toMatch(/already being executed|Kill switch/);
    const r = await first;
    expect(r.status).toBe('filled');
    const third = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(third).toMatchObject({ status: 'refused', reason: 'Kill switch engaged by the trader' });
  });

  it('under the kill switch even flattening sells are refused: the exposure stays in the ledger and is reported', async () => {
    rig = execRig();
    rig.venues.kalshi.faults.push({ kind: 'slow', ms: 80 });
    rig.venues.polymarket.faults.push({ kind: 'reject' });
    const pending = rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    // The first leg is at the venue (slowly answering) when the trader hits the kill switch.
    await until(() => rig.venues.kalshi.placed.length > 0, 'the Kalshi leg to be sent', 5_000, 1);
    rig.breaker.engageKillSwitch();
    const r = await pending;
    expect(r).toMatchObject({ status: 'failed', reason: expect.stringMatching(/unhedged: 10\.00 YES kalshi:K0 .*Kill switch engaged/) });
    expect(held(rig.ledger, r.executionId)).toEqual(['10', '0']);
    const later = rig.ledger.ordersOfBasket(r.executionId).filter((o) => o.purpose !== 'entry');
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((o) => o.status === 'refused')).toBe(true);
    expect(rig.venues.kalshi.placed).toHaveLength(1);
    expect(rig.breaker.state()).toMatchObject({ killSwitch: true, trips: [expect.objectContaining({ kind: 'unhedged_exposure' }), expect.objectContaining({ kind: 'kill_switch' })] });
  });
});
