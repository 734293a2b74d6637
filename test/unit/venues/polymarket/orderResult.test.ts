// POST /order answers and failures → OrderResult, one case per row of orderResult.ts: what is
// filled, resting, pending (sports delay), unfilled (a kill), rejected (the venue's words), and
// what is unknown (thrown, with the order hash to look it up).
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../../src/engine/venues/polymarket/http';
import { averagePrice, fromPostAnswer, fromPostError, fromTrades, orderFee, readAmounts } from '../../../../src/engine/venues/polymarket/orderResult';
import { OrderOutcomeUnknownError, type OrderRequest, type VenueFill } from '../../../../src/engine/venues/venue';
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

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('the units of makingAmount / takingAmount, read against the order we signed', () => {
  // BUY 200 shares at 0.50 as signed: makerAmount $100 (100000000), takerAmount 200 shares (200000000).
  const buy200 = { request: { ...request, limitPrice: 5000 as Price, qty: 20_000 as Qty, timeInForce: 'fok' as const }, hash: HASH, side: 'BUY' as const, signed: { makerAmount: 100_000_000n, takerAmount: 200_000_000n } };

  it('reads the CLOB OpenAPI example as 6-decimal fixed math: 200 shares, never 200,000,000', () => {
    // ../shared/reference/upstream/polymarket-clob.openapi.yaml, paths./order.post.responses.200
    // examples.matched_order: {"success":true,"status":"matched","makingAmount":"100000000","takingAmount":"200000000",
    // "transactionsHashes":[...],"tradeIDs":["trade-123"],"errorMsg":""}; SendOrderResponse.makingAmount:
    // "Amount the maker is providing in fixed-math with 6 decimals".
    const example = { success: true, orderID: '0xabcdef1234567890abcdef1234567890abcdef12', status: 'matched', makingAmount: '100000000', takingAmount: '200000000', transactionsHashes: ['0x1234567890abcdef1234567890abcdef12345678'], tradeIDs: ['trade-123'], errorMsg: '' };
    const r = fromPostAnswer(example, buy200);
    expect(r.result).toMatchObject({ status: 'filled', filledQty: 20_000, avgPrice: '0.5' });
    expect([r.shares, r.collateral]).toEqual([200_000_000n, 100_000_000n]);
  });

  it('reads decimal answers as decimals (a live market BUY: $0.999999 for 6.666665 shares)', () => {
    // A live answer quoted in a public Polymarket bot's regression test (making 0.999999, taking 6.666665,
    // "real price 0.15"; found by code search, repository not resolvable) and the shape.
    const ctx = { request: { ...request, limitPrice: 1600 as Price, qty: 667 as Qty }, hash: HASH, side: 'BUY' as const, signed: { makerAmount: 1_070_000n, takerAmount: 6_670_000n } };
    expect(readAmounts('0.999999', '6.666665', ctx)).toEqual({ collateral: 999_999n, shares: 6_666_665n });
    const r = fromPostAnswer(answer({ makingAmount: '0.999999', takingAmount: '6.666665' }), ctx);
    expect(r.result).toMatchObject({ status: 'partially_filled', filledQty: 666, avgPrice: '0.15' });
    // The same whole numbers mean different things against different orders.
    expect(readAmounts('50', '100', buy200)).toEqual({ collateral: 50_000_000n, shares: 100_000_000n }); // 0.0001 shares is no fill
    expect(readAmounts('50000000', '100000000', buy200)).toEqual({ collateral: 50_000_000n, shares: 100_000_000n }); // $50M is more than we signed
  });

  it('an answer that fits in neither unit, or in both, is an unknown outcome to be looked up', () => {
    // More pUSD than the order gives, in either reading.
    expect(readAmounts('250.5', '200', buy200)).toMatch(/fit the signed order in no unit/);
    // 20,000 shares at 0.50: "10000"/"20000" is $10,000 for 20,000 shares, or $0.01 for 0.02 shares.
    const big = { ...buy200, signed: { makerAmount: 10_000_000_000n, takerAmount: 20_000_000_000n } };
    expect(readAmounts('10000', '20000', big)).toMatch(/both as decimals and as 6-decimal fixed math/);
    const e = thrown(() => fromPostAnswer(answer({ makingAmount: '10000', takingAmount: '20000' }), big));
    expect(e).toBeInstanceOf(OrderOutcomeUnknownError);
    expect(e).toMatchObject({ venueOrderId: HASH });
    // A SELL never gives more shares than it signed.
    const sell10 = { ...sell, signed: { makerAmount: 10_000_000n, takerAmount: 5_500_000n } };
    expect(readAmounts('10', '5.5', sell10)).toEqual({ shares: 10_000_000n, collateral: 5_500_000n });
    expect(readAmounts('10000000', '5500000', sell10)).toEqual({ shares: 10_000_000n, collateral: 5_500_000n });
    expect(readAmounts('11', '6', sell10)).toMatch(/no unit/);
  });
});

describe('an answer with trades but no status (asynchronous execution)', () => {
  const fill = (id: string, qty: string, price: string): VenueFill => ({ fillId: id, venueOrderId: HASH, clientOrderId: 'cid-1', market: request.market, outcome: 'yes', side: 'buy', price, qty, fee: '0', at: 1, final: false });

  it('is followed through its trades, not thrown as unknown', () => {
    // The 2026 shape: success and tradeIDs, no status (and amounts that may be absent).
    const async = { success: true, orderID: HASH, tradeIDs: ['t-1', 't-2'], transactionsHashes: [], errorMsg: '' };
    const r = fromPostAnswer(async, buy);
    expect(r.awaitTrades).toBe(true);
    expect(r.tradeIds).toEqual(['t-1', 't-2']);
    expect(r.result).toMatchObject({ status: 'pending', venueOrderId: HASH });
    // nautilus_trader crates/adapters/polymarket/test_data/http_order_response_ok.json: success + orderID, nothing else.
    const bare = fromPostAnswer({ success: true, orderID: HASH, errorMsg: null }, buy);
    expect([bare.result.status, bare.awaitTrades]).toEqual(['pending', false]);
  });

  it('takes its result from the order\'s fills once every trade is read', () => {
    expect(fromTrades(buy, HASH, [fill('t-1', '15', '0.55'), fill('t-2', '6.04', '0.56')], true)).toMatchObject({ status: 'filled', filledQty: 2104, avgPrice: '0.552871' });
    expect(fromTrades(buy, HASH, [fill('t-1', '10', '0.55')], true)).toMatchObject({ status: 'partially_filled', filledQty: 1000 });
    // A trade not read yet: the outcome is still coming (user channel, findOrder).
    expect(fromTrades(buy, HASH, [fill('t-1', '10', '0.55')], false)).toMatchObject({ status: 'pending', filledQty: 1000 });
    // Fills that give more than the order signed: looked up, never booked.
    expect(thrown(() => fromTrades(buy, HASH, [fill('t-1', '2104', '0.56')], true))).toBeInstanceOf(OrderOutcomeUnknownError);
  });
});

