import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_LEG, type LegState, applyBuy, applySell, averagePrice, basketFigures, readyToSettle, realiseSettlement, settledValueFor,
} from '../../../../src/engine/ledger/accounting';
import { Money, dec, toText } from '../../../../src/shared/money';

const d = (s: string) => new Money(s);
const buy = (leg: LegState, q: string, p: string, fee = '0') => applyBuy(leg, d(q), d(p), d(fee));
const text = (x: Parameters<typeof toText>[0]) => toText(x);

describe('basket P&L (terauss vectors)', () => {
  it('10 YES @ 0.40 + 10 NO @ 0.50 + $0.18 fees costs 9.18 and locks in 0.82', () => {
    const yes = buy(EMPTY_LEG, '10', '0.40');
    const no = buy(EMPTY_LEG, '10', '0.50', '0.18');
    const f = basketFigures(d('1'), [yes, no], false);
    const totalCost = yes.heldCost.plus(yes.heldFees).plus(no.heldCost).plus(no.heldFees);
    expect(text(totalCost)).toBe('9.18');
    expect(text(f.matched)).toBe('10');
    expect(text(f.lockedIn)).toBe('0.82');
    expect(text(f.openExposure)).toBe('0');
    expect(text(f.fees)).toBe('0.18');
    expect(f.status).toBe('open');
  });

  it('a partial fill of 10 against 7 matches 7 and leaves 3 contracts ($1.20) exposed', () => {
    const yes = buy(EMPTY_LEG, '10', '0.40');
    const no = buy(EMPTY_LEG, '7', '0.50', '0.13');
    const f = basketFigures(d('1'), [yes, no], false);
    expect(text(f.matched)).toBe('7');
    expect(text(f.unmatched)).toBe('3');
    expect(text(f.openExposure)).toBe('1.2');
    // 7 × $1 − (7 × 0.40) − (7 × 0.50 + 0.13)
    expect(text(f.lockedIn)).toBe('0.57');
    expect(f.status).toBe('unhedged');
  });

  it('averages fills at different prices: 5 @ 0.40 + 5 @ 0.44 is 10 @ 0.42, cost 4.20', () => {
    const leg = buy(buy(EMPTY_LEG, '5', '0.40'), '5', '0.44', '0.20');
    expect(text(averagePrice(leg)!)).toBe('0.42');
    expect(text(leg.heldCost)).toBe('4.2');
    expect(text(leg.held)).toBe('10');
    expect(text(leg.fees)).toBe('0.2');
  });

  it('realises a sale at average cost, buy fees included', () => {
    const leg = buy(EMPTY_LEG, '10', '0.40', '0.10');
    const sale = applySell(leg, d('3'), d('0.35'), d('0.02'));
    // proceeds 1.05 − sell fee 0.02 − cost 1.20 − buy fees 0.03
    expect(text(sale.realised)).toBe('-0.2');
    expect(text(sale.leg.held)).toBe('7');
    expect(text(sale.leg.heldCost)).toBe('2.8');
    expect(text(sale.leg.heldFees)).toBe('0.07');
    expect(text(sale.leg.fees)).toBe('0.12');
    expect(text(sale.oversold)).toBe('0');
  });

  it('never sells below zero: an oversell is reported, not held as a short', () => {
    const sale = applySell(buy(EMPTY_LEG, '2', '0.40'), d('5'), d('0.30'), d('0'));
    expect(text(sale.leg.held)).toBe('0');
    expect(text(sale.oversold)).toBe('3');
    expect(text(sale.realised)).toBe('-0.2');
  });

  it('flattening the excess of a partial fill closes the exposure and books the loss', () => {
    const yes = buy(EMPTY_LEG, '10', '0.40');
    const no = buy(EMPTY_LEG, '7', '0.50');
    const sale = applySell(yes, d('3'), d('0.30'), d('0'));
    const f = basketFigures(d('1'), [sale.leg, no], false);
    expect(text(sale.realised)).toBe('-0.3');
    expect(text(f.matched)).toBe('7');
    expect(text(f.openExposure)).toBe('0');
    expect(f.status).toBe('open');
    expect(text(f.realised)).toBe('-0.3');
  });

  it('a fully flattened basket is closed, with nothing locked in or exposed', () => {
    const yes = applySell(buy(EMPTY_LEG, '4', '0.40'), d('4'), d('0.38'), d('0')).leg;
    const f = basketFigures(d('1'), [yes, EMPTY_LEG], false);
    expect(f.status).toBe('closed');
    expect(text(f.lockedIn)).toBe('0');
    expect(text(f.openExposure)).toBe('0');
    expect(text(f.realised)).toBe('-0.08');
  });
});

describe('settlement', () => {
  it('pays $1 per winning contract: the arbitrage basket realises its locked-in 0.82', () => {
    const yes = { ...buy(EMPTY_LEG, '10', '0.40'), settledValue: settledValueFor('yes', d('1')) };
    const no = { ...buy(EMPTY_LEG, '10', '0.50', '0.18'), settledValue: settledValueFor('no', d('1')) };
    expect(readyToSettle([yes, no])).toBe(true);
    const y = realiseSettlement(yes);
    const n = realiseSettlement(no);
    expect(text(y.payout)).toBe('10');
    expect(text(y.realised)).toBe('6');
    expect(text(n.payout)).toBe('0');
    expect(text(n.realised)).toBe('-5.18');
    expect(text(y.realised.plus(n.realised))).toBe('0.82');
    expect(basketFigures(d('1'), [y.leg, n.leg], true).status).toBe('settled');
  });

  it('NO on every member of an exclusive set of 3 pays n − 1 = 2 per unit', () => {
    const legs = ['0.60', '0.65', '0.70'].map((p) => buy(EMPTY_LEG, '10', p, '0.05'));
    const open = basketFigures(d('2'), legs, false);
    // 10 × 2 − (6.00 + 6.50 + 7.00) − 0.15
    expect(text(open.lockedIn)).toBe('0.35');
    // Member 2 wins: its NO pays 0, the other two NOs pay $1.
    const settled = legs.map((l, i) => realiseSettlement({ ...l, settledValue: settledValueFor('no', d(i === 1 ? '1' : '0')) }));
    expect(text(settled.reduce((a, s) => a.plus(s.payout), d('0')))).toBe('20');
    expect(text(settled.reduce((a, s) => a.plus(s.realised), d('0')))).toBe('0.35');
  });

  it('waits for every held leg: one settled leg leaves the basket partially settled, still locked in', () => {
    const yes = { ...buy(EMPTY_LEG, '10', '0.40'), settledValue: d('0') };
    const no = buy(EMPTY_LEG, '10', '0.50', '0.18');
    expect(readyToSettle([yes, no])).toBe(false);
    const f = basketFigures(d('1'), [yes, no], false);
    expect(f.status).toBe('partially_settled');
    expect(text(f.lockedIn)).toBe('0.82');
    expect(text(f.realised)).toBe('0');
  });

  it('a voided market settling at a fair price pays that price per contract', () => {
    const yes = { ...buy(EMPTY_LEG, '10', '0.40'), settledValue: settledValueFor('yes', d('0.55')) };
    expect(text(realiseSettlement(yes).payout)).toBe('5.5');
    expect(text(settledValueFor('no', d('0.55')))).toBe('0.45');
  });
});

describe('money input', () => {
  it('refuses binary floats and malformed strings, naming the field', () => {
    expect(() => dec(0.1, 'fill.qty')).toThrow(/fill\.qty: .*the number 0\.1/);
    expect(() => dec('1e3', 'fill.price')).toThrow(/fill\.price/);
    expect(() => dec(' 1', 'fill.price')).toThrow(/fill\.price/);
    expect(() => dec('-1', 'fill.fee')).toThrow(/fill\.fee: must not be negative/);
    expect(() => dec('1.5', 'fill.price', { max: '1' })).toThrow(/at most 1/);
    expect(dec('0.4000', 'x').eq(d('0.4'))).toBe(true);
  });
});

describe('accounting invariants (property)', () => {
  const amount = (max: number, places: number) => fc.integer({ min: 1, max: max * 10 ** places }).map((n) => (n / 10 ** places).toFixed(places));
  const trade = fc.record({ side: fc.constantFrom('buy', 'sell'), qty: amount(500, 2), price: amount(1, 4).filter((p) => Number(p) < 1), fee: fc.integer({ min: 0, max: 500 }).map((c) => (c / 100).toFixed(2)) });

  it('realised − held cost basis always equals the cash that moved; nothing is held below zero', () => {
    fc.assert(
      fc.property(fc.array(trade, { maxLength: 40 }), (trades) => {
        let leg = EMPTY_LEG;
        let cash = d('0');
        for (const t of trades) {
          if (t.side === 'buy') {
            leg = buy(leg, t.qty, t.price, t.fee);
            cash = cash.minus(d(t.qty).times(t.price)).minus(t.fee);
          } else {
            // Sell no more than is held (an oversell is an anomaly, tested above).
            const q = Money.min(d(t.qty), leg.held);
            if (q.isZero()) continue;
            const sale = applySell(leg, q, d(t.price), d(t.fee));
            leg = sale.leg;
            cash = cash.plus(q.times(t.price)).minus(t.fee);
          }
          expect(leg.held.gte(0)).toBe(true);
          expect(leg.heldCost.gte(0)).toBe(true);
          expect(leg.heldFees.gte(0)).toBe(true);
        }
        expect(leg.realised.minus(leg.heldCost).minus(leg.heldFees).eq(cash)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('what a basket cost is exactly its guaranteed payout − locked-in profit + open exposure', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amount(100, 2), amount(1, 4), amount(1, 2)), { minLength: 2, maxLength: 4 }), (fills) => {
        const legs = fills.map(([q, p, fee]) => buy(EMPTY_LEG, q, p, fee));
        const f = basketFigures(d('1'), legs, false);
        const cost = legs.reduce((a, l) => a.plus(l.heldCost).plus(l.heldFees), d('0'));
        // Exact up to decimal.js's 40 significant digits (the pro-rata split divides).
        expect(cost.minus(f.matched.minus(f.lockedIn).plus(f.openExposure)).abs().lt('1e-30')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
