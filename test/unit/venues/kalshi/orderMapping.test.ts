import { describe, expect, it } from 'vitest';
import { averagePrice, orient, outcomePrice, toOpenOrder, toOrderLookup, toVenueFill, v2OrderBody, type Intent } from '../../../../src/engine/venues/kalshi/orderMapping';
import type { Price, Qty } from '../../../../src/shared/units';
import type { OrderRequest } from '../../../../src/engine/venues/venue';

function order(over: Partial<OrderRequest>): OrderRequest {
  return { clientOrderId: 'c-1', market: 'kalshi:T', outcome: 'yes', side: 'buy', limitPrice: 5600 as Price, qty: 1000 as Qty, timeInForce: 'ioc', ...over };
}

describe('V2 order bodies (venues.md §1.4.1)', () => {
  it('maps buy/sell × yes/no onto bid/ask at a YES price, counts and prices as fixed-point strings', () => {
    const body = (o: Partial<OrderRequest>) => v2OrderBody(order(o), 'T');
    expect(body({})).toEqual({
      ticker: 'T', client_order_id: 'c-1', side: 'bid', count: '10.00', price: '0.5600', time_in_force: 'immediate_or_cancel', self_trade_prevention_type: 'taker_at_cross',
    });
    expect(body({ outcome: 'no', limitPrice: 4000 as Price })).toMatchObject({ side: 'ask', price: '0.6000' }); // buy NO at 0.40
    expect(body({ side: 'sell', limitPrice: 5600 as Price })).toMatchObject({ side: 'ask', price: '0.5600' });
    expect(body({ outcome: 'no', side: 'sell', limitPrice: 4000 as Price })).toMatchObject({ side: 'bid', price: '0.6000' });
    expect(body({ timeInForce: 'fok', qty: 1 as Qty, limitPrice: 55 as Price })).toMatchObject({ time_in_force: 'fill_or_kill', count: '0.01', price: '0.0055' });
    expect(body({ timeInForce: 'gtc' })).toMatchObject({ time_in_force: 'good_till_canceled' });
  });

  it('refuses what cannot be sent, saying why', () => {
    expect(v2OrderBody(order({ qty: 0 as Qty }), 'T')).toMatch(/qty/);
    expect(v2OrderBody(order({ limitPrice: 10_000 as Price }), 'T')).toMatch(/limitPrice/);
    expect(v2OrderBody(order({ limitPrice: 0.5 as Price }), 'T')).toMatch(/limitPrice/);
    expect(v2OrderBody(order({ clientOrderId: '' }), 'T')).toMatch(/clientOrderId/);
    expect(v2OrderBody(order({ timeInForce: 'day' as never }), 'T')).toMatch(/timeInForce/);
  });
});

describe('fills and orders in the trader\'s terms', () => {
  const restFill = {
    fill_id: 'f-1', trade_id: 't-1', order_id: 'o-1', client_order_id: 'c-1', ticker: 'T', market_ticker: 'T', outcome_side: 'no', book_side: 'ask',
    count_fp: '3.00', yes_price_dollars: '0.5600', no_price_dollars: '0.4400', is_taker: true, fee_cost: '0.0600', created_time: '2031-01-02T03:04:05.678Z', ts: 1925002245,
  };

  it('orients a fill by the order\'s intent when known, else canonically as a buy', () => {
    const intents = new Map<string, Intent>([['c-1', { outcome: 'yes', side: 'sell' }]]);
    expect(toVenueFill(restFill, (c) => intents.get(c))).toEqual({
      fillId: 't-1', venueOrderId: 'o-1', clientOrderId: 'c-1', market: 'kalshi:T', outcome: 'yes', side: 'sell', price: '0.5600', qty: '3.00', fee: '0.0600',
      at: Date.parse('2031-01-02T03:04:05.678Z'), final: true, liquidity: 'taker', reportedFee: '0.0600',
    });
    expect(toVenueFill(restFill, () => undefined)).toMatchObject({ outcome: 'no', side: 'buy', price: '0.4400' });
    // An intent that contradicts the book side is not trusted.
    expect(toVenueFill(restFill, () => ({ outcome: 'yes', side: 'buy' }))).toMatchObject({ outcome: 'no', side: 'buy' });
    expect(toVenueFill({ ...restFill, book_side: 'bid', outcome_side: 'yes', yes_price_dollars: '0.0555' }, () => ({ outcome: 'no', side: 'sell' }))).toMatchObject({ outcome: 'no', side: 'sell', price: '0.9445' });
  });

  it('reads the pushed fill message (ts_ms, no fill_id) with the same id as the REST fill', () => {
    const pushed = { trade_id: 't-1', order_id: 'o-1', client_order_id: 'c-1', market_ticker: 'T', book_side: 'ask', yes_price_dollars: '0.5600', count_fp: '3.00', fee_cost: '0.0600', ts: 1, ts_ms: 1234 };
    expect(toVenueFill(pushed, () => undefined)).toMatchObject({ fillId: 't-1', at: 1234, price: '0.4400' });
  });

  // ../shared/reference/upstream/kalshi.asyncapi.yaml, components.messages.fill.examples[0].payload
  // (userFill): side / action / purchased_side, no book_side or outcome_side.
  const asyncApiFill = {
    trade_id: 'd91bc706-ee49-470d-82d8-11418bda6fed', order_id: 'ee587a1c-8b87-4dcf-b721-9f6f790619fa', market_ticker: 'HIGHNY-22DEC23-B53.5',
    is_taker: true, side: 'yes', yes_price_dollars: '0.750', count_fp: '278.00', action: 'buy', ts: 1671899397, ts_ms: 1671899397000,
    post_position_fp: '500.00', purchased_side: 'yes', subaccount: 3,
  };

  it('reads the AsyncAPI fill (side, action, purchased_side; no book_side) — and wants the fee the schema requires', () => {
    // The published example omits fee_cost although fillPayload.msg lists it as required: unreadable, by name.
    expect(toVenueFill(asyncApiFill, () => undefined)).toMatch(/fee_cost/);
    expect(toVenueFill({ ...asyncApiFill, fee_cost: '14.6400' }, () => undefined)).toEqual({
      fillId: 'd91bc706-ee49-470d-82d8-11418bda6fed', venueOrderId: 'ee587a1c-8b87-4dcf-b721-9f6f790619fa', clientOrderId: null, market: 'kalshi:HIGHNY-22DEC23-B53.5',
      outcome: 'yes', side: 'buy', price: '0.7500', qty: '278.00', fee: '14.6400', reportedFee: '14.6400', at: 1671899397000, final: true, liquidity: 'taker',
    });
    // "If user submitted a sell NO, this field [purchased_side] will be yes": a bid, reported as that sell.
    const sellNo = { ...asyncApiFill, side: 'no', action: 'sell', purchased_side: 'yes', client_order_id: 'c-2', fee_cost: '0.0000' };
    expect(toVenueFill(sellNo, () => ({ outcome: 'no', side: 'sell' }))).toMatchObject({ outcome: 'no', side: 'sell', price: '0.2500' });
    // Buying NO is an ask: purchased_side no.
    expect(toVenueFill({ ...asyncApiFill, side: 'no', purchased_side: 'no', fee_cost: '0.01' }, () => undefined)).toMatchObject({ outcome: 'no', side: 'buy', price: '0.2500' });
  });

  it('reads the REST Fill of openapi 3.15 (side + action) and of kalshi-typescript 3.30 (outcome_side + book_side)', () => {
    // ../shared/reference/upstream/kalshi.openapi.yaml components.schemas.Fill: no book_side.
    const v315 = { fill_id: 'f-2', trade_id: 't-2', order_id: 'o-2', ticker: 'T', market_ticker: 'T', side: 'no', action: 'buy', count_fp: '2.00', yes_price_dollars: '0.3000', no_price_dollars: '0.7000', is_taker: false, fee_cost: '0.0000', created_time: '2031-01-02T03:04:05Z' };
    expect(toVenueFill(v315, () => undefined)).toMatchObject({ outcome: 'no', side: 'buy', price: '0.7000', liquidity: 'maker' });
    // node_modules/kalshi-typescript/models/fill.ts: side/action optional (deprecated), outcome_side + book_side.
    const v330 = { fill_id: 'f-3', trade_id: 't-3', order_id: 'o-3', ticker: 'T', market_ticker: 'T', outcome_side: 'yes', book_side: 'bid', count_fp: '2.00', yes_price_dollars: '0.3000', no_price_dollars: '0.7000', is_taker: true, fee_cost: '0.0300', ts: 1925002245 };
    expect(toVenueFill(v330, () => undefined)).toMatchObject({ outcome: 'yes', side: 'buy', price: '0.3000', at: 1925002245000 });
    // Fields that contradict each other are never guessed between.
    expect(toVenueFill({ ...v330, outcome_side: 'no' }, () => undefined)).toMatch(/book_side says bid but outcome_side says ask/);
    expect(toVenueFill({ ...v330, book_side: undefined, outcome_side: undefined }, () => undefined)).toMatch(/no book_side, outcome_side, purchased_side or side\+action/);
  });

  it('names what is wrong with a malformed fill', () => {
    expect(toVenueFill({ ...restFill, count_fp: '3' + '.001' }, () => undefined)).toMatch(/count_fp/);
    expect(toVenueFill({ ...restFill, fee_cost: 0.06 }, () => undefined)).toMatch(/fee_cost/);
    expect(toVenueFill({ ...restFill, book_side: 'buy' }, () => undefined)).toMatch(/book_side/);
    expect(toVenueFill({ ...restFill, yes_price_dollars: '1.5' }, () => undefined)).toMatch(/yes_price_dollars/);
    expect(toVenueFill({ ...restFill, trade_id: undefined }, () => undefined)).toMatch(/trade_id/);
    expect(toVenueFill(null, () => undefined)).toMatch(/not an object/);
  });

  it('maps orders for lookups and open orders', () => {
    const o = { order_id: 'o-9', client_order_id: 'c-9', ticker: 'T', book_side: 'bid', status: 'resting', yes_price_dollars: '0.0100', fill_count_fp: '0.00', remaining_count_fp: '5.00' };
    expect(toOrderLookup(o)).toEqual({ venueOrderId: 'o-9', clientOrderId: 'c-9', state: 'resting', filledQty: '0.00', remainingQty: '5.00' });
    expect(toOpenOrder(o, () => undefined)).toEqual({ venueOrderId: 'o-9', clientOrderId: 'c-9', market: 'kalshi:T', outcome: 'yes', side: 'buy', price: '0.0100', remainingQty: '5.00' });
    expect(toOpenOrder(o, () => ({ outcome: 'no', side: 'sell' }))).toMatchObject({ outcome: 'no', side: 'sell', price: '0.9900' });
    expect(toOrderLookup({ ...o, status: 'pending' })).toMatch(/status/);
  });

  it('averages exactly and complements prices exactly', () => {
    expect(averagePrice([{ qty: '1.00', price: '0.40' }, { qty: '2.00', price: '0.43' }])).toBe('0.42');
    expect(averagePrice([{ qty: '3.00', price: '0.1' }, { qty: '0.00', price: '0.9' }])).toBe('0.1');
    expect(averagePrice([{ qty: '1.00', price: '0.1' }, { qty: '2.00', price: '0.2' }])).toBe('0.166667');
    expect(averagePrice([])).toBeNull();
    expect(outcomePrice('0.056123', 'no')).toBe('0.943877');
    expect(orient('bid', undefined)).toEqual({ outcome: 'yes', side: 'buy' });
  });
});
