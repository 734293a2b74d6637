// The breaker never forgets unhedged exposure, and the kill switch reaches orders in flight.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import { RearmRefusedError } from '../../../../src/engine/risk/circuitBreaker';
import { unequalOf } from '../../../../src/engine/risk/unhedged';
import { crossBasket, fillLeg, riskRig, type RiskRig } from './fixtures';

describe('unhedged exposure in the breaker', () => {
  let rig: RiskRig;
  beforeEach(() => {
    rig = riskRig({ cooldownSeconds: 60 });
    rig.ledger.createBasket(crossBasket('b1', '10'));
  });
  afterEach(() => rig.remove());

  it('a restart finds a basket left unequal (nothing of it pending) and trips with no cooldown', () => {
    fillLeg(rig.ledger, 'b1', 0, 'buy', '10', '0.40');
    rig = rig.restart();
    expect(rig.breaker.state()).toMatchObject({
      state: 'open',
      cooldownEndsAt: null,
      unhedged: [{ basketId: 'b1', detail: '10 YES polymarket:0xabc against 0 NO kalshi:KXFED-26DEC-H0' }],
      trips: [expect.objectContaining({ kind: 'unhedged_exposure' })],
    });
    rig.clock.advance(24 * 3_600_000);
    rig.breaker.refresh();
    expect(rig.breaker.state().state).toBe('open');
  });

  it('dust (under one contract) does not count as unequal', () => {
    fillLeg(rig.ledger, 'b1', 0, 'buy', '10', '0.40');
    fillLeg(rig.ledger, 'b1', 1, 'buy', '9.5', '0.50');
    rig = rig.restart();
    expect(rig.breaker.state()).toMatchObject({ state: 'closed', unhedged: [] });
  });

  it('an excess under the venue\'s minimum order is dust too: no order can sell it, nor buy the other leg up to it', () => {
    // 2.88 Polymarket shares against a 5-share minimum (Polymarket/py-clob-client#301: "Size (1.08) lower than the minimum: 5").
    fillLeg(rig.ledger, 'b1', 0, 'buy', '2.88', '0.40');
    const p = rig.ledger.basketPositions('b1')!;
    expect(unequalOf(p)).toMatchObject({ basketId: 'b1' });
    expect(unequalOf(p, (leg) => new Decimal(leg.venue === 'polymarket' ? 5 : 1))).toBeNull();
  });

  it('re-arm names every unequal basket; an acknowledgement survives a restart', () => {
    fillLeg(rig.ledger, 'b1', 0, 'buy', '10', '0.40');
    rig.breaker.markUnhedged('b1', 'test', 'flatten gave up');
    let refusal: unknown;
    try {
      rig.breaker.rearm();
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(RearmRefusedError);
    expect((refusal as RearmRefusedError).unhedged.map((u) => u.basketId)).toEqual(['b1']);
    expect(rig.breaker.rearm({ acknowledgeUnhedged: ['b1'] })).toMatchObject({ state: 'closed', unhedged: [] });
    rig = rig.restart();
    expect(rig.breaker.state().state).toBe('closed');
    // The basket trips again if its exposure changes hands again (a new failure on it).
    rig.breaker.markUnhedged('b1', 'test', 'again');
    expect(() => rig.breaker.rearm()).toThrow(RearmRefusedError);
  });

  it('the kill switch aborts the order signal at once and the recheck refuses; re-arm gives a fresh signal', () => {
    const signal = rig.breaker.orderSignal();
    let abortedAt = -1;
    let blocked = false;
    signal.addEventListener('abort', () => {
      abortedAt = performance.now();
      blocked = rig.breaker.recheck() !== null;
    });
    expect(rig.breaker.recheck()).toBeNull();
    rig.breaker.engageKillSwitch();
    expect(signal.aborted).toBe(true);
    expect(abortedAt).toBeGreaterThan(0);
    // By the time anything waiting on the signal runs, the recheck already refuses.
    expect(blocked).toBe(true);
    rig.breaker.rearm();
    expect(rig.breaker.orderSignal().aborted).toBe(false);
    expect(rig.breaker.recheck()).toBeNull();
  });

  it('re-arm under the kill switch with an unequal basket lifts the kill switch only: unwinding can trade, nothing new can', () => {
    fillLeg(rig.ledger, 'b1', 0, 'buy', '10', '0.40');
    rig.breaker.engageKillSwitch();
    expect(rig.breaker.rearm()).toMatchObject({ state: 'open', killSwitch: false, cooldownEndsAt: null, unhedged: [{ basketId: 'b1' }], reason: expect.stringMatching(/kill switch is released/) });
    expect(rig.breaker.orderSignal().aborted).toBe(false);
    rig.ledger.createBasket(crossBasket('b2', '1'));
    expect(rig.breaker.checkBasket({ basketId: 'b2', size: 1, legs: [{ venue: 'kalshi', market: crossBasket('x').legs[1]!.market, outcome: 'no', qty: 100 as never, price: 5000 as never }], worstCaseLoss: 0 as never })).toMatchObject({ ok: false });
    rig.clock.advance(3_600_000);
    rig.breaker.refresh();
    expect(rig.breaker.state().state).toBe('open');
  });

  it('a kill switch engaged before a restart comes back with an aborted signal', () => {
    rig.breaker.engageKillSwitch();
    rig = rig.restart();
    expect(rig.breaker.orderSignal().aborted).toBe(true);
  });
});
