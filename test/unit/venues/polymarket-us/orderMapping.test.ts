import { describe, expect, it } from 'vitest';
import type { MarketRef } from '../../../../src/shared/ids';
import type { Price, Qty } from '../../../../src/shared/units';
import { fillOf, lookupOf } from '../../../../src/engine/venues/polymarket-us/executions';
import { orderBody, priceText } from '../../../../src/engine/venues/polymarket-us/orderMapping';
import { pmUsLot, pmUsOrderProblem } from '../../../../src/engine/venues/polymarket-us/orderRules';
import type { OrderRequest } from '../../../../src/engine';

const order = (outcome: 'yes' | 'no', side: 'buy' | 'sell', limitPrice: number, qty = 1_000, timeInForce: 'ioc' | 'gtc' = 'ioc'): OrderRequest => ({
  clientOrderId: 'c-1', market: 'polymarket-us:aec-cbb-usc-iowa-2026-01-28' as MarketRef, outcome, side, limitPrice: limitPrice as Price, qty: qty as Qty, timeInForce,
});

describe('Polymarket US order mapping', () => {
  // Docs orders/overview.md price table: "Buy Iowa at 0.83 | ORDER_INTENT_BUY_SHORT | 0.17" (Iowa is
  // the NO side of aec-cbb-usc-iowa-2026-01-28); "Sell Iowa at 0.83 | ORDER_INTENT_SELL_SHORT | 0.17".
  it('sends every order as its YES-side intent and YES price', () => {
    expect(orderBody(order('yes', 'buy', 8_300), 'aec-cbb-usc-iowa-2026-01-28')).toMatchObject({ intent: 'ORDER_INTENT_BUY_LONG', price: { value: '0.83', currency: 'USD' } });
    expect(orderBody(order('yes', 'sell', 8_300), 's')).toMatchObject({ intent: 'ORDER_INTENT_SELL_LONG', price: { value: '0.83' } });
    expect(orderBody(order('no', 'buy', 8_300), 's')).toMatchObject({ intent: 'ORDER_INTENT_BUY_SHORT', price: { value: '0.17' } });
    expect(orderBody(order('no', 'sell', 8_300), 's')).toMatchObject({ intent: 'ORDER_INTENT_SELL_SHORT', price: { value: '0.17' } });
  });

  it('writes the body the SDK sends: limit, quantity in contracts, IOC executed synchronously, marketSlug', () => {
    const body = orderBody(order('no', 'buy', 4_450, 1_050), 'market-slug-1');
    expect(JSON.stringify(body)).toBe(JSON.stringify({
      marketSlug: 'market-slug-1', intent: 'ORDER_INTENT_BUY_SHORT', type: 'ORDER_TYPE_LIMIT', price: { value: '0.555', currency: 'USD' },
      quantity: 10.5, tif: 'TIME_IN_FORCE_IMMEDIATE_OR_CANCEL', manualOrderIndicator: 'MANUAL_ORDER_INDICATOR_AUTOMATIC', synchronousExecution: true,
    }));
    expect(orderBody(order('yes', 'buy', 5_000, 100, 'gtc'), 's')).toMatchObject({ tif: 'TIME_IN_FORCE_GOOD_TILL_CANCEL' });
    expect(orderBody(order('yes', 'buy', 5_000, 100, 'gtc'), 's').synchronousExecution).toBeUndefined();
    expect([priceText(1_700 as Price), priceText(5_550 as Price), priceText(5_551 as Price), priceText(1_000 as Price)]).toEqual(['0.17', '0.555', '0.5551', '0.10']);
  });

  it('reads an execution of a short order back as a NO fill at 1 − the YES price, with the venue\'s commission', () => {
    const e = {
      id: 'exec-456', type: 'EXECUTION_TYPE_PARTIAL_FILL', lastShares: '0.25', lastPx: { value: '0.17', currency: 'USD' }, tradeId: 'trade-789', aggressor: true,
      order: { id: 'ord-1', marketSlug: 'market-slug-1', intent: 'ORDER_INTENT_BUY_SHORT', state: 'ORDER_STATE_PARTIALLY_FILLED' },
      commissionNotionalCollected: { value: '0.01', currency: 'USD' }, transactTime: '2026-10-01T12:00:00Z',
    };
    expect(fillOf(e, 'c-1', 0)).toEqual({
      fillId: 'trade-789', venueOrderId: 'ord-1', clientOrderId: 'c-1', market: 'polymarket-us:market-slug-1', outcome: 'no', side: 'buy',
      price: '0.8300', qty: '0.25', fee: '0.01', at: Date.parse('2026-10-01T12:00:00Z'), final: true, liquidity: 'taker', reportedFee: '0.01',
    });
    // A maker's rebate is a negative commission.
    expect(fillOf({ ...e, aggressor: false, commissionNotionalCollected: { value: '-0.01' } }, null, 0)).toMatchObject({ liquidity: 'maker', fee: '-0.01' });
    expect(fillOf({ ...e, type: 'EXECUTION_TYPE_NEW' }, null, 0)).toBeNull();
    expect(fillOf({ ...e, order: { ...e.order, intent: 'ORDER_INTENT_SOMETHING' } }, null, 0)).toBeNull();
    expect(lookupOf({ id: 'ord-1', state: 'ORDER_STATE_CANCELED', cumQuantity: 3, leavesQuantity: 0 }, 'c-1')).toEqual({ venueOrderId: 'ord-1', clientOrderId: 'c-1', state: 'canceled', filledQty: '3', remainingQty: '0' });
  });
});

describe('Polymarket US order rules', () => {
  const market = { minOrderSize: 100 as Qty, tickSize: 50 as Price };
  it('refuses prices outside 0.01–0.99 YES, off the market\'s tick, and quantities off its lot', () => {
    expect(pmUsOrderProblem(order('no', 'buy', 8_300), { minOrderSize: 100 as Qty, tickSize: 100 as Price })).toBeNull();
    // NO at 0.8325 is YES at 0.1675: off a 0.005 tick.
    expect(pmUsOrderProblem(order('no', 'buy', 8_325), market)).toMatch(/YES price 0.1675 is not on the market's 0.0050 tick/);
    expect(pmUsOrderProblem(order('yes', 'buy', 9_950), market)).toMatch(/outside Polymarket US's 0.01–0.99/);
    expect(pmUsOrderProblem(order('no', 'buy', 9_950), market)).toMatch(/YES price 0.0050 is outside/);
    expect(pmUsOrderProblem(order('yes', 'buy', 5_000, 150), market)).toMatch(/whole contracts only/);
    expect(pmUsOrderProblem(order('yes', 'buy', 5_000, 50), { minOrderSize: 1 as Qty, tickSize: 10 as Price })).toBeNull();
    expect(pmUsOrderProblem(order('yes', 'buy', 5_000, 200), { minOrderSize: 500 as Qty, tickSize: 10 as Price })).toMatch(/below the market's minimum of 5.00/);
    expect([pmUsLot({ minOrderSize: 100 as Qty }), pmUsLot({ minOrderSize: 1 as Qty })]).toEqual([100, 1]);
  });
});
