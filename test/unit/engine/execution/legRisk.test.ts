// Leg risk (issue 12): what a failed leg may leave behind. Each case reproduces a way the order
// path used to leave more naked exposure than the trader allowed, or forget it, against the real
// executor, breaker, ledger and paper fills; only the venues' answers are scripted (rig.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { Qty } from '../../../../src/shared/units';
import { Money } from '../../../../src/engine/positions/money';
import { DEFAULT_BOOKS, K, P, createPairBasket, execRig, held, loadBooks, type ExecRig, type PairBooks } from './rig';

/**
 * A deep cross-venue basket: YES K0 at 0.46 (2,000) + NO 0x0 at 0.50 (2,000) pays 1, ≈ $0.022 a
 * contract after the Kalshi fee. What would buy the YES back is thin: 60 at 0.45, 40 at 0.40, then
 * 2,000 at 0.20 — a basket of 1,000 whose Polymarket leg fails cannot be flattened within $5.
 */
const DEEP: PairBooks = {
  kalshiYesBids: [['0.20', '2000'], ['0.40', '40'], ['0.45', '60']],
  kalshiNoBids: [['0.54', '2000']],
  polyYes: { bids: [['0.48', '100']], asks: [['0.52', '100']] },
  polyNo: { bids: [['0.48', '2000']], asks: [['0.50', '2000']] },
};

const realised = (rig: ExecRig, basketId: string) => rig.ledger.basketPositions(basketId)!.legs.reduce((t, l) => t.plus(l.state.realised), new Money(0));

describe('leg risk: the honest worst case (point 1)', () => {
  let rig: ExecRig;
  afterEach(() => rig?.close());

  it('sizes a 1,000-contract basket down to what its failed leg can be sold back within the per-trade limit', async () => {
    rig = execRig({ books: DEEP });
    rig.venues.polymarket.always = { kind: 'reject', reason: 'market paused' };
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 1000 });
    const revalidated = rig.progress.find((p) => p.step === 'revalidate' && p.status === 'ok')!.message;
    expect(revalidated).toMatch(/reduced from 1000/);
    expect(revalidated).toMatch(/worst case \$\d+\.\d+ of the \$5 per-trade limit/);
    // Sized to what 60 at 0.45 and 40 at 0.40 can take back: 84 contracts (0.46 + fees, sold at 0.45 / 0.40).
    expect(r.legs[0]!.requested).toBe(84);
    // The Polymarket leg failed; the YES bought on Kalshi was sold back, nothing is left naked.
    expect(r.status).toBe('flattened');
    expect(held(rig.ledger, r.executionId)).toEqual(['0', '0']);
    const loss = realised(rig, r.executionId).neg();
    expect(loss.gt(0)).toBe(true);
    expect(loss.lte(5)).toBe(true);
    expect(rig.breaker.state().trips).toEqual([]);
  });

  it('analyze says, before anything is sent, the largest size whose worst case fits the limit: the size the plan sends', async () => {
    rig = execRig({ books: DEEP });
    const a = rig.scanner.analyze(rig.opportunity, 1000, undefined, 5_000_000)!;
    expect(a.worstCase).toMatchObject({ limit: '5.00', withinLimit: false, maxSize: 84 });
    expect(rig.scanner.analyze(rig.opportunity, 84, undefined, 5_000_000)!.worstCase.withinLimit).toBe(true);
    expect(rig.scanner.analyze(rig.opportunity, 85, undefined, 5_000_000)!.worstCase.withinLimit).toBe(false);
    rig.venues.polymarket.always = { kind: 'reject', reason: 'market paused' };
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 1000 });
    expect(r.legs[0]!.requested).toBe(a.worstCase.maxSize);
  });

  it('refuses, sending nothing, when even the smallest basket could lose more than the limit', async () => {
    rig = execRig({ books: { ...DEEP, kalshiYesBids: [['0.05', '2000']] }, limits: { maxLossPerTrade: '1' } });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 1000 });
    // 5 contracts (Polymarket's minimum): 2.30 + 0.09 fee paid, 0.25 − 0.02 fee back = $2.16 at worst.
    expect(r).toMatchObject({ status: 'refused', reason: expect.stringMatching(/worst case \$2\.16 .*over the \$1 per-trade limit at the smallest size/) });
    expect(rig.venues.kalshi.placed).toEqual([]);
    expect(rig.venues.polymarket.placed).toEqual([]);
    expect(rig.ledger.basketIds()).toEqual([]);
  });

  it('holds the uncapped worst case against the limit at the gate', async () => {
    rig = execRig({ books: DEEP });
    const checked: number[] = [];
    const check = rig.breaker.checkBasket.bind(rig.breaker);
    rig.breaker.checkBasket = (b) => {
      checked.push(b.worstCaseLoss);
      return check(b);
    };
    await rig.executor.execute({ opportunityId: rig.opportunity, size: 80 });
    // 80 YES at 0.46 plus a $1.40 fee (0.07 × 80 × 0.46 × 0.54, up to the cent), sold back 60 at
    // 0.45 and 20 at 0.40 less a $1.38 fee: 36.80 + 1.40 − 35.00 + 1.38 = $4.58, held uncapped.
    expect(checked).toEqual([4_580_000]);
  });

  it('a requested size above the scanner\'s largest basket is reduced to it (point 9)', async () => {
    rig = execRig({ maxSize: 20 });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 45 });
    expect(r).toMatchObject({ status: 'filled', size: 20 });
    expect(rig.venues.kalshi.placed.map((o) => o.qty)).toEqual([2000]);
    expect(rig.progress.find((p) => p.step === 'revalidate' && p.status === 'ok')!.message).toMatch(/reduced from 45/);
  });
});

describe('leg risk: pre-flight before anything is sent (point 4)', () => {
  let rig: ExecRig;
  afterEach(() => rig?.close());

  /**
   * NO 0x0 at 0.965 on a 0.001 tick (Polymarket narrows the tick above 0.96: venues.md §2.4). A
   * marketable BUY's maker amount (pUSD) has 2 decimals, its taker amount (shares) 4
   * (clob-client-v2 ROUNDING_CONFIG / getMarketOrderRawAmounts; the venue's "invalid amounts"
   * error): 5 × 0.965 = 4.825 must round up to 4.83, which is 0.966 a share — past the limit.
   */
  const NEAR_ONE: PairBooks = {
    kalshiYesBids: [['0.01', '100']],
    kalshiNoBids: [['0.98', '100']],
    polyYes: { bids: [['0.03', '100']], asks: [['0.035', '100']] },
    polyNo: { bids: [['0.96', '100']], asks: [['0.965', '5']] },
  };

  it('refuses the whole basket, nothing sent, when the Polymarket leg cannot be expressed at the tick', async () => {
    rig = execRig({ books: NEAR_ONE, infos: { polymarket: { tickSize: 10 as never } } });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 5 });
    expect(r).toMatchObject({ status: 'refused', reason: expect.stringMatching(/leg 2 \(NO polymarket:0x0\).*cannot be expressed/) });
    expect(rig.venues.kalshi.placed).toEqual([]);
    expect(rig.venues.polymarket.placed).toEqual([]);
    expect(rig.ledger.basketIds()).toEqual([]);
  });

  it('refuses the whole basket when a venue would refuse a leg (its market closed since the plan)', async () => {
    rig = execRig();
    rig.venues.polymarket.refuseWith = 'market 0x0 is closed';
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'refused', reason: expect.stringMatching(/leg 2 \(NO polymarket:0x0\): market 0x0 is closed; nothing was sent/) });
    expect(rig.venues.kalshi.placed).toEqual([]);
    expect(rig.ledger.basketIds()).toEqual([]);
  });

  it('a completing buy its venue can never accept is not retried: one error for the whole execution', async () => {
    rig = execRig({ books: { ...NEAR_ONE, polyNo: { bids: [['0.96', '100']], asks: [['0.965', '10']] } }, infos: { polymarket: { tickSize: 10 as never } } });
    // 10 × 0.965 is exact; the venue fills 5 and the 5 left over cannot be bought at 0.965.
    rig.venues.polymarket.faults.push({ kind: 'fills', qty: 500 });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(rig.venues.polymarket.placed).toHaveLength(1);
    expect(rig.ledger.ordersOfBasket(r.executionId).filter((o) => o.purpose === 'complete')).toEqual([]);
    expect(rig.progress.some((p) => p.step === 'complete' && /cannot be expressed/.test(p.message))).toBe(true);
    expect(r.status).toBe('flattened');
    expect(rig.breaker.state().consecutiveErrors).toBe(1);
  });
});

describe('leg risk: completion survives the trip it causes (point 5)', () => {
  let rig: ExecRig;
  afterEach(() => rig?.close());

  it('the reject being the 5th error still lets the basket be completed; the trip comes after', async () => {
    rig = execRig();
    for (let i = 0; i < 4; i++) rig.breaker.recordError(`earlier error ${i + 1}`);
    rig.venues.polymarket.faults.push({ kind: 'reject', reason: 'try again' });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'completed', size: 10 });
    expect(held(rig.ledger, r.executionId)).toEqual(['10', '10']);
    expect(new Money(r.netProfit!).gt(0)).toBe(true);
    // Exactly one error for the failed leg, recorded once the unwind had decided: the 5th.
    expect(rig.breaker.state()).toMatchObject({ state: 'open', trips: [expect.objectContaining({ kind: 'consecutive_errors' })] });
  });

  it('a failing half-open probe completes its basket before the breaker re-opens', async () => {
    rig = execRig({ limits: { cooldownSeconds: 0, probeSize: 10 } });
    rig.breaker.trip('consecutive_errors', 'test trip');
    rig.venues.polymarket.faults.push({ kind: 'reject', reason: 'try again' });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'completed', size: 10 });
    expect(rig.breaker.state()).toMatchObject({ state: 'open', trips: [expect.objectContaining({ kind: 'probe_failed' }), expect.anything()] });
  });

  it('completing buys of an authorised basket pass an open breaker, up to its planned quantity only', async () => {
    rig = execRig();
    const ledger = rig.ledger;
    createPairBasket(ledger, 'b');
    const legs = [{ venue: 'kalshi', market: K, outcome: 'yes', qty: 1000, price: 4500 }, { venue: 'polymarket', market: P, outcome: 'no', qty: 1000, price: 5000 }] as const;
    expect(rig.breaker.checkBasket({ basketId: 'b', size: 10, legs: legs as never, worstCaseLoss: 1_000_000 as never })).toMatchObject({ ok: true });
    rig.breaker.trip('consecutive_errors', 'test trip');
    const complete = (cid: string, contracts: number, worstCaseLoss = 0) => {
      ledger.recordOrderIntent({ clientOrderId: cid, basketId: 'b', legIndex: 1, side: 'buy', purpose: 'complete', timeInForce: 'ioc', qty: String(contracts), limitPrice: '0.5' });
      return rig.breaker.authorizeOrder({ clientOrderId: cid, basketId: 'b', legIndex: 1, venue: 'polymarket', market: P, outcome: 'no', side: 'buy', purpose: 'complete', qty: (contracts * 100) as Qty, price: 5000 as never, worstCaseLoss: worstCaseLoss as never });
    };
    expect(complete('c1', 6)).toEqual({ ok: true });
    // 6 reserved of 10 planned: 5 more would overshoot the plan.
    expect(complete('c2', 5)).toMatchObject({ ok: false, kind: 'breaker_open' });
    // Over the loss bound: refused.
    expect(complete('c3', 4, 6_000_000)).toMatchObject({ ok: false });
    expect(complete('c4', 4)).toEqual({ ok: true });
    // Never under the kill switch.
    rig.breaker.engageKillSwitch();
    expect(complete('c5', 1)).toMatchObject({ ok: false, kind: 'kill_switch' });
    // An entry buy of the same basket is not a completion: refused while open.
  });
});

describe('leg risk: unhedged exposure is sticky (point 2)', () => {
  let rig: ExecRig;
  afterEach(() => rig?.close());

  /** The Polymarket leg is rejected and, as it is, every bid for the Kalshi YES vanishes. */
  async function strand(): Promise<string> {
    rig.venues.polymarket.always = { kind: 'reject', reason: 'market paused' };
    rig.venues.polymarket.onPlace = () => loadBooks(rig.scanner, { ...DEFAULT_BOOKS, kalshiYesBids: [] });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r.status).toBe('failed');
    expect(held(rig.ledger, r.executionId)).toEqual(['10', '0']);
    return r.executionId;
  }

  it('never turns half-open by itself, whatever trips after it', async () => {
    rig = execRig({ limits: { cooldownSeconds: 1 } });
    await strand();
    expect(rig.breaker.state()).toMatchObject({ state: 'open', cooldownEndsAt: null, trips: [expect.objectContaining({ kind: 'unhedged_exposure' })] });
    rig.breaker.refresh(Date.now() + 3_600_000);
    expect(rig.breaker.state().state).toBe('open');
    // A later trip with a cooldown of its own does not make it forget.
    rig.breaker.trip('consecutive_errors', 'later errors');
    rig.breaker.refresh(Date.now() + 7_200_000);
    expect(rig.breaker.state()).toMatchObject({ state: 'open', reason: expect.stringMatching(/unhedged/i) });
    expect(await rig.executor.execute({ opportunityId: rig.opportunity, size: 5 })).toMatchObject({ status: 'refused' });
  });

  it('re-arm is refused, naming the exposure, while the basket is unequal; allowed once it is unwound or explicitly acknowledged', async () => {
    rig = execRig();
    const basket = await strand();
    expect(() => rig.breaker.rearm()).toThrow(new RegExp(`basket ${basket.slice(0, 8)}.*10 YES kalshi:K0`));
    expect(rig.breaker.state().state).toBe('open');
    // The bids come back; the trader unwinds it: the completing... or flattening orders pass the open breaker.
    loadBooks(rig.scanner, DEFAULT_BOOKS);
    rig.venues.polymarket.always = null;
    rig.venues.polymarket.onPlace = null;
    const unwound = await rig.executor.unwindBasket(basket);
    expect(['completed', 'flattened']).toContain(unwound.status);
    expect(rig.breaker.rearm()).toMatchObject({ state: 'closed' });
  });

  it('an acknowledged basket no longer blocks re-arm', async () => {
    rig = execRig();
    const basket = await strand();
    expect(rig.breaker.rearm({ acknowledgeUnhedged: [basket] })).toMatchObject({ state: 'closed' });
  });
});

describe('leg risk: when the book moves after the plan', () => {
  let rig: ExecRig;
  afterEach(() => rig?.close());

  /** Polymarket refuses; as it does, the YES bids on Kalshi fall from 0.40 to 0.10. */
  async function bidsCollapse(config: { stopLossPastLimit?: boolean } = {}) {
    rig = execRig({ config });
    rig.venues.polymarket.always = { kind: 'reject', reason: 'market paused' };
    rig.venues.polymarket.onPlace = () => loadBooks(rig.scanner, { ...DEFAULT_BOOKS, kalshiYesBids: [['0.10', '100']] });
    return rig.executor.execute({ opportunityId: rig.opportunity, size: 20 });
  }

  it('sells a failed leg into the bids there are (a stop-loss) rather than leave it naked; the loss past the limit trips the breaker', async () => {
    const r = await bidsCollapse();
    // 20 YES cost 0.45 × 20 + $0.35; 0.10 × 20 − $0.13 back: $7.48, past the $5 no price within the limit could avoid.
    expect(r.status).toBe('flattened');
    expect(held(rig.ledger, r.executionId)).toEqual(['0', '0']);
    expect(realised(rig, r.executionId).toFixed()).toBe('-7.48');
    expect(rig.progress.some((p) => p.step === 'flatten' && /Stop-loss: no price within the per-trade limit sells/.test(p.message))).toBe(true);
    expect(rig.breaker.state()).toMatchObject({ state: 'open', trips: [expect.objectContaining({ kind: 'max_loss_per_trade' })] });
  });

  it('with the stop-loss off the leg stays naked, shown and tripped on', async () => {
    const r = await bidsCollapse({ stopLossPastLimit: false });
    expect(r.status).toBe('failed');
    expect(held(rig.ledger, r.executionId)[0]).not.toBe('0');
    expect(rig.breaker.state().trips[0]).toMatchObject({ kind: 'unhedged_exposure' });
  });
});

describe('never placed only when the venue agrees over the window (point 9)', () => {
  let rig: ExecRig;
  afterEach(() => rig?.close());

  it('an order whose listing lags the failed send is found, not taken as never placed', async () => {
    rig = execRig({ config: { absentConfirmMs: 1_000 } });
    // The send fails at once; the order reaches the venue 300 ms later and fills.
    rig.venues.kalshi.faults.push({ kind: 'ghost', afterMs: 300 });
    const r = await rig.executor.execute({ opportunityId: rig.opportunity, size: 10 });
    expect(r).toMatchObject({ status: 'filled', size: 10 });
    const kalshi = rig.ledger.ordersOfBasket(r.executionId).filter((o) => o.venue === 'kalshi');
    expect(kalshi.map((o) => [o.purpose, o.status])).toEqual([['entry', 'filled']]);
  });
});
