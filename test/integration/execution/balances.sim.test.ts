// Balances, sizing within them and settlement booking, against the simulator over real sockets:
// the connectors read each venue's cash (Kalshi GET /portfolio/balance, Polymarket GET
// /balance-allowance), a live fill moves it by exactly what the ledger booked, a small Polymarket
// allowance limits the size (and a zero one refuses, naming the venue), and a group the simulator
// resolves settles the basket in the ledger — P&L realised, capital released, cash back — once,
// even when the engine restarts and hears the result again.
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../src/shared/contract';
import { Money, sum } from '../../../src/shared/money';
import { startSimulator, type SimulatorHandle } from '../../../src/sim';
import { tempDir } from '../../helpers/tempDir';
import { until } from '../../helpers/until';
import { executeNextCrossVenue, liveRig, type LiveRig } from './liveRig';

describe('balances and settlement against the simulator', () => {
  let sim: SimulatorHandle;
  let rig: LiveRig | null = null;
  let dir: ReturnType<typeof tempDir>;

  const open = async () => {
    rig = await liveRig(sim.endpoints, dir.path, { execution: { config: { orderTimeoutMs: 4_000, lookupTimeoutMs: 6_000, unknownResolveMs: 10_000 } } });
    // As the engine's market-data pump does: each venue's settlement reader over its feed's messages.
    const r = rig;
    for (const [id, venue] of [['kalshi', r.kalshi], ['polymarket', r.polymarket]] as const) {
      venue.feed.onMessage((m) => {
        for (const resolution of r.scanner.decoder(id).resolutions(m.data, Date.now())) r.engine.services.settlements.record(resolution);
      });
    }
    return rig;
  };
  afterEach(async () => {
    rig?.dispose();
    rig = null;
    await sim?.close();
    dir?.remove();
  });

  const executeNext = executeNextCrossVenue;

  /** What the ledger booked on a venue for a basket: cost plus fees of its buys. */
  const spent = (r: LiveRig, basketId: string, venue: string) =>
    sum(r.engine.services.ledger.basketPositions(basketId)!.legs.filter((l) => l.leg.venue === venue).map((l) => l.state.buyCost.plus(l.state.fees)));

  it('reads each venue\'s cash, moves it by the booked fills, settles the basket once across a restart', async () => {
    dir = tempDir();
    sim = await startSimulator({ seed: 'balances-1', markets: 10, dislocationEverySec: 2 });
    let r = await open();
    const balances = r.engine.services.execution.balances;
    await balances.refreshAll();
    const k0 = balances.view('kalshi')!;
    const p0 = balances.view('polymarket')!;
    expect(k0).toMatchObject({ source: 'venue', stale: false, error: null });
    expect(new Money(k0.available!).eq(10_000)).toBe(true);
    expect(p0).toMatchObject({ source: 'venue', available: '10000', allowance: 'unlimited', stale: false });

    const result = await executeNext(r, 5);
    expect(result).toMatchObject({ status: 'filled', size: 5 });
    const basketId = result.executionId;
    await balances.refreshAll();
    const k1 = new Money(balances.view('kalshi')!.available!);
    const p1 = new Money(balances.view('polymarket')!.available!);
    // The venue's own figure moved by what the ledger booked (Kalshi fees round per order to the cent).
    expect(new Money(k0.available!).minus(k1).toFixed()).toBe(spent(r, basketId, 'kalshi').toFixed());
    expect(new Money(p0.available!).minus(p1).toFixed()).toBe(spent(r, basketId, 'polymarket').toFixed());
    expect(k1.toFixed(6)).toBe(new Money(sim.truth.kalshi.balance()).toFixed(6));

    // The simulator resolves the group both markets belong to.
    const legs = r.engine.services.ledger.basket(basketId)!.legs;
    const kalshiTicker = legs.find((l) => l.venue === 'kalshi')!.market.slice('kalshi:'.length);
    const group = sim.truth.catalog().groups.find((g) => g.propositions.some((p) => p.kalshi === kalshiTicker))!;
    sim.resolve(group.id);
    // Polymarket's market channel reports it; Kalshi's account reports it in GET /portfolio/settlements.
    await until(async () => {
      await balances.refreshAll();
      return r.engine.services.ledger.basketOutcome(basketId) !== null;
    }, 'the basket to settle in the ledger', 30_000, 250);
    const outcome = r.engine.services.ledger.basketOutcome(basketId)!;
    expect(outcome.outcome).toBe('as_expected');
    expect(outcome.payout).toBe('5');
    expect(outcome.capital).toBe(spent(r, basketId, 'kalshi').plus(spent(r, basketId, 'polymarket')).toFixed());
    expect(new Money(outcome.realised).eq(new Money(5).minus(outcome.capital))).toBe(true);
    const view = r.engine.services.positions.view().baskets.find((b) => b.id === basketId)!;
    expect(view).toMatchObject({ status: 'settled', outcome: { kind: 'as_expected', payout: '5', capital: outcome.capital } });
    expect(r.engine.services.ledger.openHoldings().filter((h) => h.basketId === basketId)).toEqual([]);
    expect(r.engine.services.activity.query({ limit: 50 }).some((e) => e.ref === basketId && /settled as locked in/.test(e.message))).toBe(true);
    // The winning venue paid out: its cash rose by the winning leg's payout.
    await balances.refreshAll();
    const paid = (venue: 'kalshi' | 'polymarket') => sum(r.engine.services.ledger.basketPositions(basketId)!.legs.filter((l) => l.leg.venue === venue).map((l) => l.state.held.times(l.state.settledValue!)));
    expect(new Money(balances.view('kalshi')!.available!).minus(k1).toFixed()).toBe(paid('kalshi').toFixed());
    expect(new Money(balances.view('polymarket')!.available!).minus(p1).toFixed()).toBe(paid('polymarket').toFixed());

    // Restart: the same results heard again book nothing twice.
    const realised = r.engine.services.ledger.realisedSince(0).toFixed();
    r.dispose();
    rig = null;
    r = await open();
    for (const l of legs) {
      const s = r.engine.services.ledger.settlement(l.market)!;
      r.engine.services.settlements.record({ venue: l.venue, market: l.market, result: new Money(s.yesValue).eq(1) ? 'yes' : 'no', settledAt: s.settledAt, source: 'again' });
    }
    expect(r.engine.services.ledger.realisedSince(0).toFixed()).toBe(realised);
    expect(r.engine.services.ledger.basketOutcome(basketId)).toEqual(outcome);
  }, 240_000);

  it('sizes within a small Polymarket allowance, and refuses naming the venue when it is zero', async () => {
    dir = tempDir();
    sim = await startSimulator({ seed: 'balances-2', markets: 10, dislocationEverySec: 2 });
    const r = await open();
    const balances = r.engine.services.execution.balances;
    sim.approvePolymarket(sim.endpoints.polymarket.address, '0');
    await balances.refreshAll();
    expect(balances.view('polymarket')).toMatchObject({ available: '10000', allowance: '0' });
    const refused = await executeNext(r, 5);
    expect(refused).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^the Polymarket allowance is \$0\.00; even \d+ contract\(s\) need \$\d+\.\d\d there/) });

    sim.approvePolymarket(sim.endpoints.polymarket.address, '4');
    await balances.refreshAll();
    expect(balances.view('polymarket')!.allowance).toBe('4');
    let sized: ExecutionResult | null = null;
    for (let attempt = 0; attempt < 20 && sized === null; attempt++) {
      const o = await r.waitForOpportunity({ minSize: 20, strategy: 'cross_venue' });
      const res = (await r.call('execute', { opportunityId: o.basket.id, size: 20 })).result as ExecutionResult;
      if (res.status === 'filled' || res.status === 'completed') sized = res;
      else await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(sized).not.toBeNull();
    expect(sized!.size).toBeLessThan(20);
    expect(sized!.sizedBy).toMatch(/^the Polymarket allowance is \$4\.00: it pays for \d+ contract\(s\), fees included$/);
    // What the allowance let through is what it covered: the venue's allowance went down by as much.
    const usedUp = spent(r, sized!.executionId, 'polymarket');
    expect(usedUp.lte(4)).toBe(true);
    expect(new Money(sim.truth.polymarket.balances().allowance!).toFixed()).toBe(new Money(4).minus(usedUp).toFixed());
  }, 240_000);
});
