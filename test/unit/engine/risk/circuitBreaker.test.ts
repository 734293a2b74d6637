import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Limits } from '../../../../src/shared/contract';
import type { Micros } from '../../../../src/shared/units';
import type { GateVerdict } from '../../../../src/engine/risk/gateTypes';
import { Money, toMicros } from '../../../../src/engine/positions/money';
import { KX, PM, T0, crossBasket, fillLeg, price, qty, riskRig, type RiskRig } from './fixtures';

const LIMITS: Partial<Limits> = {
  maxPositionPerMarket: 12,
  maxTotalContracts: 30,
  maxTotalDollars: '100',
  maxDailyLoss: '10',
  maxLossPerTrade: '5',
  maxConsecutiveErrors: 3,
  cooldownSeconds: 60,
  probeSize: 5,
};

describe('circuit breaker', () => {
  let rig: RiskRig;
  let seq = 0;

  beforeEach(() => {
    rig = riskRig(LIMITS);
    rig.ledger.createBasket(crossBasket('b1', '10'));
    rig.ledger.createBasket(crossBasket('b2', '10'));
  });
  afterEach(() => rig.remove());

  /** What the executor does for one order: intent in the ledger, then the gate; a refusal is recorded. */
  function send(basketId: string, legIndex: number, contracts: number, px = '0.40', side: 'buy' | 'sell' = 'buy', worstCaseLoss?: string): GateVerdict & { cid: string } {
    const cid = `c${++seq}`;
    rig.ledger.recordOrderIntent({ clientOrderId: cid, basketId, legIndex, side, purpose: side === 'buy' ? 'entry' : 'flatten', timeInForce: 'ioc', qty: String(contracts), limitPrice: px });
    const leg = rig.ledger.basket(basketId)!.legs[legIndex]!;
    const verdict = rig.breaker.authorizeOrder({
      clientOrderId: cid, basketId, legIndex, venue: leg.venue, market: leg.market, outcome: leg.outcome, side,
      qty: qty(contracts), price: price(px),
      worstCaseLoss: worstCaseLoss === undefined ? undefined : toMicros(new Money(worstCaseLoss), 'up'),
    });
    if (!verdict.ok) rig.ledger.markOrderFinal(cid, 'refused', verdict.reason);
    return { ...verdict, cid };
  }
  const fill = (cid: string, contracts: string, px = '0.40', fee = '0') => {
    const o = rig.ledger.order(cid)!;
    return rig.ledger.recordFill({ venue: o.venue, venueFillId: `f-${cid}-${contracts}-${px}`, clientOrderId: cid, qty: contracts, price: px, fee });
  };
  const state = () => rig.breaker.state();

  describe('the gate, closed', () => {
    it('reserves what an order may fill, so two racing orders cannot both take the last of a limit', () => {
      const a = send('b1', 1, 10);
      expect(a.ok).toBe(true);
      const b = send('b2', 1, 5);
      expect(b).toMatchObject({ ok: false, kind: 'max_position_per_market' });
      expect(!b.ok && b.reason).toBe(`${KX} would hold 15 contracts, over the 12 per-market limit`);
      // The first order fills 4 and its IOC rest is cancelled: 8 contracts of room again.
      fill(a.cid, '4');
      rig.ledger.markOrderFinal(a.cid, 'cancelled');
      expect(send('b2', 1, 8).ok).toBe(true);
      expect(send('b2', 1, 1)).toMatchObject({ ok: false, kind: 'max_position_per_market' });
      expect(state().state).toBe('closed');
    });

    it('counts a basket\'s legs in the same market together', () => {
      rig.ledger.createBasket({ ...crossBasket('s1'), strategy: 'single_market', legs: [crossBasket('x').legs[1]!, { ...crossBasket('x').legs[1]!, outcome: 'yes' }] });
      const verdict = rig.breaker.checkBasket({
        basketId: 's1', size: 7, worstCaseLoss: 0 as Micros,
        legs: [{ venue: 'kalshi', market: KX, outcome: 'no', qty: qty(7), price: price('0.5') }, { venue: 'kalshi', market: KX, outcome: 'yes', qty: qty(7), price: price('0.45') }],
      });
      expect(verdict).toMatchObject({ ok: false, kind: 'max_position_per_market' });
    });

    it('refuses what would break the total contracts or dollars, without tripping', () => {
      rig.breaker.setLimits({ ...rig.breaker.limits(), maxPositionPerMarket: 1000 });
      expect(send('b1', 0, 12).ok).toBe(true);
      expect(send('b1', 1, 12, '0.50').ok).toBe(true);
      const third = send('b2', 0, 7);
      expect(third).toMatchObject({ ok: false, kind: 'max_total_contracts' });
      expect(!third.ok && third.reason).toBe('Total position would be 31 contracts, over the 30 limit');
      rig.breaker.setLimits({ ...rig.breaker.limits(), maxTotalContracts: 1000, maxTotalDollars: '15' });
      // Reserved so far: 12 × 0.40 + 12 × 0.50 = $10.80; 14 more at 0.40 is $5.60.
      const dollars = send('b2', 0, 14);
      expect(dollars).toMatchObject({ ok: false, kind: 'max_total_dollars' });
      expect(!dollars.ok && dollars.reason).toBe('Total position would cost $16.4, over the $15 limit');
      expect(state()).toMatchObject({ state: 'closed', trips: [] });
    });

    it('refuses a trade whose worst case loses more than the per-trade limit or the day has left', () => {
      expect(send('b1', 0, 1, '0.40', 'buy', '5.01')).toMatchObject({ ok: false, kind: 'max_loss_per_trade', reason: 'Worst-case loss $5.01 is over the $5 per-trade limit' });
      expect(send('b1', 0, 1, '0.40', 'buy', '5').ok).toBe(true);
      rig.breaker.setLimits({ ...rig.breaker.limits(), maxDailyLoss: '6' });
      fillLeg(rig.ledger, 'b2', 0, 'buy', '10', '0.40');
      fillLeg(rig.ledger, 'b2', 0, 'sell', '10', '0.20');
      expect(state()).toMatchObject({ state: 'closed', dailyLoss: '2' });
      expect(send('b1', 0, 1, '0.40', 'buy', '4.5')).toMatchObject({
        ok: false, kind: 'max_daily_loss', reason: "Worst-case loss $4.5 could take today's loss ($2) past the $6 daily limit",
      });
      expect(send('b1', 0, 1, '0.40', 'buy', '4').ok).toBe(true);
    });

    it('lets a sell only reduce what the basket leg holds, even with two sells in flight', () => {
      const buy = send('b1', 0, 10);
      fill(buy.cid, '10');
      expect(send('b1', 0, 11, '0.30', 'sell')).toMatchObject({ ok: false, kind: 'exceeds_position' });
      expect(send('b1', 0, 6, '0.30', 'sell').ok).toBe(true);
      expect(send('b1', 0, 5, '0.30', 'sell')).toMatchObject({ ok: false, kind: 'exceeds_position', reason: `Sell of 5 YES ${PM} exceeds the 4 this basket leg holds` });
      expect(send('b1', 0, 4, '0.30', 'sell').ok).toBe(true);
    });

    it('refuses malformed and repeated orders with a reason', () => {
      const v = rig.breaker.authorizeOrder({ clientOrderId: 'z', basketId: 'b1', legIndex: 0, venue: 'polymarket', market: PM, outcome: 'yes', side: 'buy', qty: qty(0), price: price('0.4') });
      expect(v).toMatchObject({ ok: false, kind: 'invalid_order' });
      const over = rig.breaker.authorizeOrder({ clientOrderId: 'z', basketId: 'b1', legIndex: 0, venue: 'polymarket', market: PM, outcome: 'yes', side: 'buy', qty: qty(1), price: 10_001 as never });
      expect(over).toMatchObject({ ok: false, kind: 'invalid_order' });
      const ok = send('b1', 0, 1);
      const again = rig.breaker.authorizeOrder({ clientOrderId: ok.cid, basketId: 'b1', legIndex: 0, venue: 'polymarket', market: PM, outcome: 'yes', side: 'buy', qty: qty(1), price: price('0.4') });
      expect(again).toMatchObject({ ok: false, kind: 'duplicate_order' });
    });
  });

  describe('a trip on each limit', () => {
    it('max position per market: a venue over-fill beyond the limit trips it', () => {
      const a = send('b1', 1, 10, '0.50');
      fill(a.cid, '13', '0.50');
      expect(state()).toMatchObject({ state: 'open', reason: `13 contracts held in ${KX}, over the 12 limit` });
      expect(state().trips[0]).toMatchObject({ kind: 'max_position_per_market', at: T0 });
    });

    it('max total contracts: positions found beyond the limit (say, after reconciliation) trip it', () => {
      rig.breaker.setLimits({ ...rig.breaker.limits(), maxPositionPerMarket: 1000 });
      fillLeg(rig.ledger, 'b1', 0, 'buy', '20', '0.40');
      expect(state().state).toBe('closed');
      fillLeg(rig.ledger, 'b1', 1, 'buy', '11', '0.50');
      expect(state().trips[0]).toMatchObject({ kind: 'max_total_contracts', reason: '31 contracts held in total, over the 30 limit' });
    });

    it('max total dollars: counted at the prices paid, fees apart', () => {
      rig.breaker.setLimits({ ...rig.breaker.limits(), maxPositionPerMarket: 1000, maxTotalContracts: 1000, maxTotalDollars: '8' });
      fillLeg(rig.ledger, 'b1', 0, 'buy', '20', '0.40', '0.05');
      expect(state().state).toBe('closed');
      fillLeg(rig.ledger, 'b1', 1, 'buy', '1', '0.01');
      expect(state().trips[0]).toMatchObject({ kind: 'max_total_dollars', reason: '$8.01 held in total, over the $8 limit' });
    });

    it('max daily loss: realised losses today reaching the limit trip it', () => {
      rig.breaker.setLimits({ ...rig.breaker.limits(), maxDailyLoss: '1' });
      fillLeg(rig.ledger, 'b1', 0, 'buy', '10', '0.40');
      fillLeg(rig.ledger, 'b1', 0, 'sell', '5', '0.28');
      expect(state()).toMatchObject({ state: 'closed', dailyLoss: '0.6' });
      fillLeg(rig.ledger, 'b1', 0, 'sell', '5', '0.32');
      expect(state()).toMatchObject({ state: 'open', dailyLoss: '1' });
      expect(state().trips[0]).toMatchObject({ kind: 'max_daily_loss', reason: 'Realised loss today $1 reached the $1 daily limit' });
    });

    it('max loss per trade: one basket losing more than the limit trips it', () => {
      rig.breaker.setLimits({ ...rig.breaker.limits(), maxLossPerTrade: '0.5', maxPositionPerMarket: 100 });
      fillLeg(rig.ledger, 'b1', 0, 'buy', '10', '0.40');
      fillLeg(rig.ledger, 'b1', 0, 'sell', '10', '0.34');
      expect(state().trips[0]).toMatchObject({ kind: 'max_loss_per_trade', reason: 'Basket b1 lost $0.6, over the $0.5 per-trade limit' });
      expect(state().dailyLoss).toBe('0.6');
    });

    it('consecutive errors: the third in a row trips it; a success in between resets the count', () => {
      rig.breaker.recordError('kalshi rejected: insufficient balance');
      rig.breaker.recordError('polymarket timeout');
      rig.breaker.recordSuccess();
      rig.breaker.recordError('a');
      rig.breaker.recordError('b');
      expect(state()).toMatchObject({ state: 'closed', consecutiveErrors: 2 });
      rig.breaker.recordError('leg mismatch on b2');
      expect(state()).toMatchObject({ state: 'open', consecutiveErrors: 3 });
      expect(state().trips[0]).toMatchObject({ kind: 'consecutive_errors', reason: '3 consecutive errors (limit 3); last: leg mismatch on b2' });
    });

    it('unhedged exposure, when the executor gives up flattening', () => {
      rig.breaker.trip('unhedged_exposure', 'Could not flatten 3 YES after 3 attempts');
      expect(state()).toMatchObject({ state: 'open', reason: 'Could not flatten 3 YES after 3 attempts' });
    });

    it('records every trip in the ledger with its kind, reason and time', () => {
      rig.breaker.recordError('a');
      rig.breaker.recordError('b');
      rig.breaker.recordError('c');
      const events = rig.ledger.breakerStore.events().filter((e) => e.kind === 'trip');
      expect(events).toEqual([{ at: T0, kind: 'trip', tripKind: 'consecutive_errors', reason: '3 consecutive errors (limit 3); last: c', detail: null }]);
    });
  });

  describe('open, half-open, closed', () => {
    beforeEach(() => {
      rig.breaker.setLimits({ ...rig.breaker.limits(), maxPositionPerMarket: 1000 });
      const a = send('b1', 0, 10);
      fill(a.cid, '10');
      const b = send('b1', 1, 10, '0.50');
      fill(b.cid, '10', '0.50');
      rig.breaker.trip('max_position_per_market', 'test trip');
    });

    it('open: refuses buys with the reason, still lets a held leg be sold', () => {
      expect(send('b2', 0, 1)).toMatchObject({ ok: false, kind: 'breaker_open', reason: 'Breaker open: test trip' });
      expect(rig.breaker.checkBasket({ basketId: 'b2', size: 1, legs: [{ venue: 'kalshi', market: KX, outcome: 'no', qty: qty(1), price: price('0.5') }], worstCaseLoss: 0 as Micros })).toMatchObject({ ok: false, kind: 'breaker_open' });
      expect(send('b1', 0, 10, '0.35', 'sell').ok).toBe(true);
      expect(rig.breaker.isOrderPathOpen()).toBe(false);
    });

    it('turns half-open after the cooldown, by itself, and says so', () => {
      expect(state().cooldownEndsAt).toBe(T0 + 60_000);
      expect(rig.timers.pending()?.ms).toBe(60_000);
      rig.clock.advance(59_999);
      expect(send('b2', 0, 1).ok).toBe(false);
      rig.clock.advance(1);
      const transitions: string[] = [];
      rig.breaker.onDidTransition((t) => transitions.push(t.to));
      rig.timers.pending()!.fn();
      expect(state().state).toBe('half_open');
      expect(transitions).toEqual(['half_open']);
      expect(rig.ledger.breakerStore.events().map((e) => e.kind)).toContain('half_open');
    });

    it('half-open: only one probe no larger than the probe size; its success closes the breaker', () => {
      rig.clock.advance(60_000);
      const big = rig.breaker.checkBasket({ basketId: 'b2', size: 6, legs: [{ venue: 'kalshi', market: KX, outcome: 'no', qty: qty(6), price: price('0.5') }], worstCaseLoss: 0 as Micros });
      expect(big).toMatchObject({ ok: false, kind: 'half_open', reason: 'Breaker half-open: only a probe of at most 5 contracts may trade; this basket is 6' });
      const probe = rig.breaker.checkBasket({ basketId: 'b2', size: 5, legs: [{ venue: 'polymarket', market: PM, outcome: 'yes', qty: qty(5), price: price('0.4') }, { venue: 'kalshi', market: KX, outcome: 'no', qty: qty(5), price: price('0.5') }], worstCaseLoss: 0 as Micros });
      expect(probe).toEqual({ ok: true, probe: true });
      rig.ledger.createBasket(crossBasket('b3', '1'));
      expect(rig.breaker.checkBasket({ basketId: 'b3', size: 1, legs: [{ venue: 'kalshi', market: KX, outcome: 'no', qty: qty(1), price: price('0.5') }], worstCaseLoss: 0 as Micros })).toMatchObject({ ok: false, reason: 'Breaker half-open: a probe basket is already trading' });
      expect(send('b3', 0, 1)).toMatchObject({ ok: false, kind: 'half_open' });
      expect(send('b2', 0, 6)).toMatchObject({ ok: false, kind: 'half_open' });
      const leg0 = send('b2', 0, 5);
      const leg1 = send('b2', 1, 5, '0.50');
      expect([leg0.ok, leg1.ok]).toEqual([true, true]);
      fill(leg0.cid, '5');
      fill(leg1.cid, '5', '0.50');
      rig.breaker.recordSuccess({ basketId: 'b2' });
      expect(state()).toMatchObject({ state: 'closed', reason: null, cooldownEndsAt: null });
      expect(rig.ledger.breakerStore.events().at(-1)).toMatchObject({ kind: 'probe_passed' });
    });

    it('half-open: a failed probe re-opens it, with a new cooldown', () => {
      rig.clock.advance(60_000);
      expect(rig.breaker.checkBasket({ basketId: 'b2', size: 2, legs: [{ venue: 'kalshi', market: KX, outcome: 'no', qty: qty(2), price: price('0.5') }], worstCaseLoss: 0 as Micros }).ok).toBe(true);
      rig.clock.advance(1000);
      rig.breaker.recordError('kalshi leg rejected', { basketId: 'b2' });
      expect(state()).toMatchObject({ state: 'open', cooldownEndsAt: T0 + 61_000 + 60_000 });
      expect(state().trips[0]).toMatchObject({ kind: 'probe_failed', reason: 'Probe failed (probe basket b2): kalshi leg rejected' });
    });

    it('half-open: a probe that was not executed frees the slot for another', () => {
      rig.clock.advance(60_000);
      const legs = [{ venue: 'kalshi' as const, market: KX, outcome: 'no' as const, qty: qty(1), price: price('0.5') }];
      expect(rig.breaker.checkBasket({ basketId: 'b2', size: 1, legs, worstCaseLoss: 0 as Micros }).ok).toBe(true);
      rig.breaker.releaseBasket('b2');
      expect(rig.breaker.checkBasket({ basketId: 'b3', size: 1, legs, worstCaseLoss: 0 as Micros })).toEqual({ ok: true, probe: true });
    });

    it('a manual re-arm closes it at once and clears the error count', () => {
      rig.breaker.recordError('x');
      expect(rig.breaker.rearm()).toMatchObject({ state: 'closed', killSwitch: false, reason: null, consecutiveErrors: 0 });
      expect(send('b2', 0, 1).ok).toBe(true);
      expect(state().trips).toHaveLength(1);
    });
  });

  describe('the trading day', () => {
    it('a daily-loss trip lasts until the next day in the chosen time zone, then the loss resets', () => {
      rig.breaker.setLimits({ ...rig.breaker.limits(), maxDailyLoss: '1', tradingDayTimeZone: 'America/New_York' });
      fillLeg(rig.ledger, 'b1', 0, 'buy', '10', '0.40');
      fillLeg(rig.ledger, 'b1', 0, 'sell', '10', '0.30');
      expect(state()).toMatchObject({ state: 'open', dailyLoss: '1' });
      // 14:00 UTC on 2 June is 10:00 in New York (EDT): the next day starts at 04:00 UTC on 3 June.
      const nextDay = Date.UTC(2025, 5, 3, 4, 0, 0);
      expect(state().cooldownEndsAt).toBe(nextDay);
      rig.clock.set(nextDay - 1);
      rig.breaker.refresh();
      expect(state()).toMatchObject({ state: 'open', dailyLoss: '1' });
      rig.clock.set(nextDay);
      rig.breaker.refresh();
      expect(state()).toMatchObject({ state: 'half_open', dailyLoss: '0' });
    });

    it('counts a loss booked just after midnight in the new day only', () => {
      rig.breaker.setLimits({ ...rig.breaker.limits(), maxPositionPerMarket: 100 });
      fillLeg(rig.ledger, 'b1', 0, 'buy', '20', '0.40');
      fillLeg(rig.ledger, 'b1', 0, 'sell', '10', '0.30');
      expect(state().dailyLoss).toBe('1');
      // Nothing touches the breaker until a sale five minutes into the next day.
      rig.clock.set(Date.UTC(2025, 5, 3, 0, 5));
      fillLeg(rig.ledger, 'b1', 0, 'sell', '5', '0.30');
      expect(state().dailyLoss).toBe('0.5');
    });

    it('fails closed when it cannot read the day\'s P&L', () => {
      rig.ledger.close();
      rig.clock.set(Date.UTC(2025, 5, 3, 0, 5));
      const v = rig.breaker.authorizeOrder({ clientOrderId: 'late', basketId: 'b1', legIndex: 0, venue: 'polymarket', market: PM, outcome: 'yes', side: 'buy', qty: qty(1), price: price('0.4') });
      expect(v).toMatchObject({ ok: false, kind: 'risk_unavailable' });
    });

    it('in UTC by default', () => {
      expect(rig.breaker.limits().tradingDayTimeZone).toBe('UTC');
      expect(rig.breaker.dayStart()).toBe(Date.UTC(2025, 5, 2));
    });
  });

  describe('across a restart', () => {
    it('keeps the state, the trip history and the error count', () => {
      rig.breaker.recordError('a');
      rig.breaker.trip('unhedged_exposure', 'stranded leg');
      rig.breaker.recordError('b');
      const before = state();
      rig = rig.restart();
      expect(rig.breaker.state()).toEqual(before);
      expect(rig.breaker.state()).toMatchObject({ state: 'open', consecutiveErrors: 2, reason: 'stranded leg' });
    });

    it('keeps the day\'s realised loss, read back from the ledger', () => {
      fillLeg(rig.ledger, 'b1', 0, 'buy', '10', '0.40');
      fillLeg(rig.ledger, 'b1', 0, 'sell', '4', '0.30');
      rig = rig.restart();
      expect(rig.breaker.state().dailyLoss).toBe('0.4');
    });

    it('counts holdings and the unfilled rest of orders still pending, until they end', () => {
      const a = send('b1', 1, 10, '0.50');
      fill(a.cid, '3', '0.50');
      rig = rig.restart();
      // 3 held + 7 that may still fill: only 2 more fit under 12.
      expect(send('b2', 1, 3, '0.50')).toMatchObject({ ok: false, kind: 'max_position_per_market' });
      rig.ledger.markOrderFinal(a.cid, 'cancelled', 'reconciled: IOC rest cancelled');
      expect(send('b2', 1, 9, '0.50').ok).toBe(true);
    });

    it('turns half-open on restart if the cooldown ended while it was down', () => {
      rig.breaker.trip('consecutive_errors', 'x');
      rig.clock.advance(120_000);
      rig = rig.restart();
      expect(rig.breaker.state().state).toBe('half_open');
    });
  });
});
