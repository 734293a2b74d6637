// POST /order answers and failures → OrderResult, one case per row of orderResult.ts: what is
// filled, resting, pending (sports delay), unfilled (a kill), rejected (the venue's words), and
// what is unknown (thrown, with the order hash to look it up).
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../../src/engine/venues/polymarket/http';
import { averagePrice, fromPostAnswer, fromPostError, orderFee } from '../../../../src/engine/venues/polymarket/orderResult';
import { OrderOutcomeUnknownError, type OrderRequest } from '../../../../src/engine/venues/venue';
import type { Price, Qty } from '../../../../src/shared/units';

const request: OrderRequest = { clientOrderId: 'cid-1', market: `polymarket:0x${'ab'.repeat(32)}`, outcome: 'yes', side: 'buy', limitPrice: 5600 as Price, qty: 2104 as Qty, timeInForce: 'ioc' };
const HASH = `0x${'cd'.repeat(32)}`;
const buy = { request, hash: HASH, side: 'BUY' as const };
const sell = { request: { ...request, side: 'sell' as const }, hash: HASH, side: 'SELL' as const };

const answer = (over: Record<string, unknown>) => ({ success: true, errorMsg: '', orderID: HASH, status: 'matched', makingAmount: '11.7824', takingAmount: '21.04', transactionsHashes: ['0x1'], tradeIDs: ['t1'], ...over });
const http = (status: number, body: unknown) => new HttpError('http', 'POST', '/order', status, body, `HTTP ${status}`);

describe('the answer to POST /order', () => {
  it('matched in full: filled, with the average price from the amounts', () => {
    const r = fromPostAnswer(answer({}), buy);
    expect(r.result).toEqual({ clientOrderId: 'cid-1', venueOrderId: HASH, status: 'filled', filledQty: 2104, avgPrice: '0.56', fee: '0', rejectReason: null, fills: [] });
    expect(r.tradeIds).toEqual(['t1']);
  });

  it('matched in part (a FAK): partially_filled; a SELL reads its shares from makingAmount', () => {
    expect(fromPostAnswer(answer({ makingAmount: '5.6', takingAmount: '10' }), buy).result).toMatchObject({ status: 'partially_filled', filledQty: 1000, avgPrice: '0.56' });
    expect(fromPostAnswer(answer({ makingAmount: '10', takingAmount: '5.5' }), sell).result).toMatchObject({ status: 'partially_filled', filledQty: 1000, avgPrice: '0.55' });
  });

  it('live: resting; delayed: pending — not unfilled; unmatched: unfilled', () => {
    expect(fromPostAnswer(answer({ status: 'live', makingAmount: '0', takingAmount: '0', tradeIDs: [] }), buy).result).toMatchObject({ status: 'resting', filledQty: 0, avgPrice: null });
    expect(fromPostAnswer(answer({ status: 'delayed', makingAmount: '', takingAmount: '', tradeIDs: [] }), buy).result).toMatchObject({ status: 'pending', venueOrderId: HASH, filledQty: 0 });
    expect(fromPostAnswer(answer({ status: 'unmatched', makingAmount: '0', takingAmount: '0' }), buy).result).toMatchObject({ status: 'unfilled', filledQty: 0 });
  });

  it('success false: a kill is unfilled, anything else rejected with the venue’s message', () => {
    expect(fromPostAnswer({ success: false, errorMsg: 'FOK_ORDER_NOT_FILLED_ERROR' }, buy).result).toMatchObject({ status: 'unfilled', rejectReason: 'FOK_ORDER_NOT_FILLED_ERROR' });
    expect(fromPostAnswer({ success: false, errorMsg: 'not enough balance / allowance' }, buy).result).toMatchObject({ status: 'rejected', rejectReason: 'not enough balance / allowance', venueOrderId: null });
  });

  it('an answer that cannot be read is an unknown outcome carrying the hash', () => {
    for (const body of [null, [], 'OK', { status: 'matched' }, answer({ status: 'teleported' }), answer({ makingAmount: '1.2345678' })]) {
      let thrown: unknown;
      try {
        fromPostAnswer(body, buy);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(OrderOutcomeUnknownError);
      expect(thrown).toMatchObject({ clientOrderId: 'cid-1', venueOrderId: HASH });
    }
  });
});

describe('a failed POST /order', () => {
  it('HTTP 400 with a kill message: unfilled', () => {
    expect(fromPostError(http(400, { error: "order couldn't be fully filled. FOK orders are fully filled or killed." }), buy)).toMatchObject({ status: 'unfilled', venueOrderId: HASH, filledQty: 0 });
    expect(fromPostError(http(400, { error: 'no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.' }), buy).status).toBe('unfilled');
  });

  it('HTTP 4xx otherwise, 401 and 503 (cancel-only): rejected with the venue’s words', () => {
    expect(fromPostError(http(400, { error: 'order 0x… is invalid. Price (0.563) breaks minimum tick size rule: 0.01' }), buy)).toMatchObject({ status: 'rejected', rejectReason: expect.stringMatching(/breaks minimum tick size rule.*HTTP 400/) });
    expect(fromPostError(http(401, { error: 'Unauthorized/Invalid api key' }), buy)).toMatchObject({ status: 'rejected', rejectReason: 'Unauthorized/Invalid api key (HTTP 401)' });
    expect(fromPostError(http(503, { error: 'Trading is currently cancel-only.' }), buy).status).toBe('rejected');
    expect(fromPostError(http(429, 'Too Many Requests'), buy).status).toBe('rejected');
  });

  it('a 503 that is not the venue\'s own (a proxy\'s page) is an unknown outcome, never a reject (point 9)', () => {
    // The CLOB documents its 503s for POST /order as JSON errors: "Trading is currently disabled.
    // Check polymarket.com for updates" and "Trading is currently cancel-only. …"
    // (polymarket-clob.openapi.yaml). A load balancer's 503 says nothing about the order.
    expect(fromPostError(http(503, { error: 'Trading is currently disabled. Check polymarket.com for updates' }), buy).status).toBe('rejected');
    for (const body of ['<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>', null, { message: 'upstream connect error' }]) {
      expect(() => fromPostError(http(503, body), buy)).toThrow(OrderOutcomeUnknownError);
    }
  });

  it('held by the kill switch before anything was written: rejected, not sent', () => {
    const held = new HttpError('held', 'POST', '/order', null, null, 'POST /order: not sent: Kill switch engaged by the trader');
    expect(held.notSent).toBe(true);
    expect(fromPostError(held, buy)).toMatchObject({ status: 'rejected', rejectReason: expect.stringMatching(/Kill switch/) });
  });

  it('never connected: rejected; lost after sending or a 5xx: unknown', () => {
    expect(fromPostError(new HttpError('unreachable', 'POST', '/order', null, null, 'venue unreachable (ECONNREFUSED)'), buy)).toMatchObject({ status: 'rejected', rejectReason: expect.stringMatching(/ECONNREFUSED/) });
    for (const e of [http(500, { error: 'internal' }), http(502, '<html>'), new HttpError('timeout', 'POST', '/order', null, null, 'no answer'), new HttpError('network', 'POST', '/order', null, null, 'reset'), new Error('weird')]) {
      expect(() => fromPostError(e, buy)).toThrow(OrderOutcomeUnknownError);
    }
  });
});

describe('figures', () => {
  it('average price to 6 decimals; the fee exact from fills, else the given bound', () => {
    expect(averagePrice(100_000_000n, 178_571_400n)).toBe('0.56');
    expect(averagePrice(2_000_000n, 3_000_000n)).toBe('0.666667');
    expect(averagePrice(11_782_400n, 21_040_000n)).toBe('0.56');
    const fills = [{ fee: '0.10834' }, { fee: '0.00001' }] as unknown as Parameters<typeof orderFee>[0];
    expect(orderFee(fills, true, () => 'bound')).toBe('0.10835');
    expect(orderFee(fills, false, () => 'bound')).toBe('bound');
  });
});
