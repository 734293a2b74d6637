import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CancelAllResult, KillSwitch } from '../../../../src/engine/risk/killSwitch';
import type { OrderCheck } from '../../../../src/engine/risk/gateTypes';
import { PM, crossBasket, fillLeg, price, qty, riskRig, type RiskRig } from './fixtures';

describe('kill switch', () => {
  let rig: RiskRig;
  let kill: KillSwitch;
  let n = 0;

  beforeEach(() => {
    rig = riskRig();
    rig.ledger.createBasket(crossBasket('b1'));
    kill = new KillSwitch({ breaker: rig.breaker, clock: rig.clock, cancelTimeoutMs: 50 });
  });
  afterEach(() => {
    kill.dispose();
    rig.remove();
  });

  const order = (side: 'buy' | 'sell' = 'buy'): OrderCheck => ({
    clientOrderId: `o${++n}`, basketId: 'b1', legIndex: 0, venue: 'polymarket', market: PM, outcome: 'yes', side, qty: qty(1), price: price('0.40'),
  });
  const answered = (r: CancelAllResult) => () => Promise.resolve(r);

  it('blocks the order path before it does anything else, then reports what it cancelled', async () => {
    kill.registerCanceller('kalshi', answered({ cancelled: ['k-1', 'k-2'], failed: [] }));
    kill.registerCanceller('polymarket', answered({ cancelled: ['0xa'], failed: [{ orderId: '0xb', reason: 'order not found' }] }));
    const pending = kill.engage();
    // Synchronously after the call: no await has happened yet.
    expect(rig.breaker.authorizeOrder(order())).toEqual({ ok: false, kind: 'kill_switch', reason: 'Kill switch engaged by the trader' });
    const result = await pending;
    expect(result.blockedInMs).toBeGreaterThanOrEqual(0);
    expect(result.cancelledInMs).toBeGreaterThanOrEqual(result.blockedInMs);
    expect(result.cancelled).toEqual([{ venue: 'kalshi', orderId: 'k-1' }, { venue: 'kalshi', orderId: 'k-2' }, { venue: 'polymarket', orderId: '0xa' }]);
    expect(result.failed).toEqual([{ venue: 'polymarket', orderId: '0xb', reason: 'order not found' }]);
    expect(rig.breaker.state()).toMatchObject({ state: 'open', killSwitch: true, cooldownEndsAt: null });
    expect(rig.breaker.state().trips[0]).toMatchObject({ kind: 'kill_switch' });
    const recorded = rig.ledger.breakerStore.events().find((e) => e.kind === 'kill_switch_result');
    expect(recorded?.detail).toMatchObject({ cancelled: result.cancelled, failed: result.failed });
  });

  it('refuses an execution that was already under way when the switch was pressed', async () => {
    let revalidated!: () => void;
    const sent: string[] = [];
    // An execution awaiting its revalidation; it calls the gate right before sending.
    const execution = (async () => {
      await new Promise<void>((resolve) => (revalidated = resolve));
      const o = order();
      const verdict = rig.breaker.authorizeOrder(o);
      if (verdict.ok) sent.push(o.clientOrderId);
      return verdict;
    })();
    const killed = kill.engage();
    revalidated();
    expect(await execution).toMatchObject({ ok: false, kind: 'kill_switch' });
    expect(sent).toEqual([]);
    await killed;
  });

  it('refuses sells too: after the kill switch the trader, not the executor, decides', async () => {
    fillLeg(rig.ledger, 'b1', 0, 'buy', '5', '0.40');
    await kill.engage();
    expect(rig.breaker.authorizeOrder(order('sell'))).toMatchObject({ ok: false, kind: 'kill_switch' });
  });

  it('reports a venue whose cancel-all fails or hangs, bounded by the timeout, and still reports the others', async () => {
    let aborted = false;
    kill.registerCanceller('kalshi', () => Promise.reject(new Error('503 Service Unavailable')));
    kill.registerCanceller('polymarket', (signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise<CancelAllResult>(() => undefined);
    });
    const started = performance.now();
    const result = await kill.engage();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(aborted).toBe(true);
    expect(result.cancelled).toEqual([]);
    expect(result.failed).toEqual([
      { venue: 'kalshi', orderId: null, reason: 'cancel-all failed: 503 Service Unavailable' },
      { venue: 'polymarket', orderId: null, reason: 'cancel-all did not answer within 50 ms; its answer, if one comes, will show in Activity' },
    ]);
    expect(rig.breaker.state().killSwitch).toBe(true);
  });

  it('records a cancel-all that answers after the wait (a venue retrying a 429), and says what it cancelled', async () => {
    let answer!: (r: CancelAllResult) => void;
    kill.registerCanceller('polymarket', () => new Promise<CancelAllResult>((resolve) => (answer = resolve)));
    const late: unknown[] = [];
    kill.onDidSweep((s) => late.push(s));
    const result = await kill.engage();
    expect(result.failed).toEqual([{ venue: 'polymarket', orderId: null, reason: expect.stringMatching(/^cancel-all did not answer within 50 ms/) }]);
    expect(late).toEqual([]);
    answer({ cancelled: ['0xa', '0xb'], failed: [] });
    await new Promise((r) => setTimeout(r, 0));
    expect(late).toEqual([{ venue: 'polymarket', when: 'late', result: { cancelled: [{ venue: 'polymarket', orderId: '0xa' }, { venue: 'polymarket', orderId: '0xb' }], failed: [] } }]);
    const recorded = rig.ledger.breakerStore.events().filter((e) => e.kind === 'kill_switch_result').map((e) => e.detail);
    expect(recorded).toContainEqual({ venue: 'polymarket', sweep: 'late', cancelled: [{ venue: 'polymarket', orderId: '0xa' }, { venue: 'polymarket', orderId: '0xb' }], failed: [] });
  });

  it('still blocks and cancels when the ledger cannot record it, and says so', async () => {
    const problems: string[] = [];
    rig.breaker.onDidFailLedgerAccess((p) => problems.push(p));
    kill.registerCanceller('kalshi', answered({ cancelled: ['k-1'], failed: [] }));
    rig.ledger.close();
    const result = await kill.engage();
    expect(result.cancelled).toEqual([{ venue: 'kalshi', orderId: 'k-1' }]);
    expect(rig.breaker.authorizeOrder(order())).toMatchObject({ ok: false, kind: 'kill_switch' });
    expect(problems[0]).toMatch(/^breaker trip not recorded: .*not open/);
  });

  it('treats a malformed answer as a failure, never as nothing to cancel', async () => {
    kill.registerCanceller('kalshi', () => Promise.resolve(undefined as unknown as CancelAllResult));
    const result = await kill.engage();
    expect(result.failed).toEqual([{ venue: 'kalshi', orderId: null, reason: 'cancel-all returned no result; resting orders may remain' }]);
  });

  it('is not undone by the cooldown, a new day or a restart: only a manual re-arm', async () => {
    await kill.engage();
    rig.clock.advance(3 * 24 * 3_600_000);
    rig.breaker.refresh();
    expect(rig.breaker.state()).toMatchObject({ state: 'open', killSwitch: true });
    kill.dispose();
    rig = rig.restart();
    kill = new KillSwitch({ breaker: rig.breaker, clock: rig.clock, cancelTimeoutMs: 50 });
    expect(rig.breaker.state()).toMatchObject({ state: 'open', killSwitch: true });
    expect(rig.breaker.authorizeOrder(order())).toMatchObject({ ok: false, kind: 'kill_switch' });
    expect(rig.breaker.rearm()).toMatchObject({ state: 'closed', killSwitch: false });
    expect(rig.breaker.authorizeOrder(order())).toEqual({ ok: true });
  });

  it("asks every venue to cancel before it waits for the ledger's commit, and answers only once the trip is on disk", async () => {
    // The commit is an fsync (milliseconds on a real disk): the cancel-alls must not queue behind it.
    const happened: string[] = [];
    const store = rig.ledger.breakerStore;
    const saveState = store.saveState.bind(store);
    store.saveState = (state) => {
      happened.push(`saved killSwitch=${state.killSwitch}`);
      saveState(state);
    };
    kill.registerCanceller('kalshi', () => {
      happened.push('kalshi cancel-all');
      return Promise.resolve({ cancelled: [], failed: [] });
    });
    kill.registerCanceller('polymarket', () => new Promise((resolve) => {
      happened.push('polymarket cancel-all');
      setTimeout(() => resolve({ cancelled: [], failed: [] }), 20);
    }));
    const result = kill.engage();
    expect(happened).toEqual([]);
    await result;
    expect(happened.slice(0, 3)).toEqual(['kalshi cancel-all', 'polymarket cancel-all', 'saved killSwitch=true']);
    const kinds = store.events().map((e) => e.kind);
    expect(kinds.indexOf('trip')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('trip')).toBeLessThan(kinds.indexOf('kill_switch_result'));
  });

  it('keeps the kill switch across a restart that comes before the next loop turn', () => {
    rig.breaker.engageKillSwitch();
    // The engine shutting down in the same turn: closing the breaker writes what was pending.
    rig = rig.restart();
    kill = new KillSwitch({ breaker: rig.breaker, clock: rig.clock, cancelTimeoutMs: 50 });
    expect(rig.breaker.state()).toMatchObject({ state: 'open', killSwitch: true });
    expect(rig.ledger.breakerStore.events().filter((e) => e.kind === 'trip')).toHaveLength(1);
  });

  it('records both presses when the trader presses twice in one loop turn', async () => {
    await Promise.all([kill.engage(), kill.engage()]);
    const trips = rig.ledger.breakerStore.events().filter((e) => e.kind === 'trip' && e.tripKind === 'kill_switch');
    expect(trips).toHaveLength(2);
  });

  it('sweeps a venue that connects while the switch is engaged', async () => {
    await kill.engage();
    const swept = new Promise((resolve) => kill.onDidSweep(resolve));
    kill.registerCanceller('kalshi', answered({ cancelled: ['k-9'], failed: [] }));
    expect(await swept).toEqual({ venue: 'kalshi', when: 'on register', result: { cancelled: [{ venue: 'kalshi', orderId: 'k-9' }], failed: [] } });
  });

  it('forgets a venue whose registration was disposed', async () => {
    let calls = 0;
    const registration = kill.registerCanceller('kalshi', () => {
      calls++;
      return Promise.resolve({ cancelled: [], failed: [] });
    });
    expect(kill.venues()).toEqual(['kalshi']);
    registration.dispose();
    await kill.engage();
    expect(calls).toBe(0);
    expect(kill.venues()).toEqual([]);
  });
});
