// Trades → fills: our taker side and our maker orders (on either token), MATCHED/MINED provisional,
// CONFIRMED final, FAILED final and failed; fees from the schedule (T8 and the 5-decimal example),
// and a trade that cannot be read skipped whole with the field named. Orders → lookups.
import { describe, expect, it } from 'vitest';
import { fillsFromTrade, polymarketFillFee, type FillContext } from '../../../../src/engine/venues/polymarket/fills';
import { orderLookupOf, orderState } from '../../../../src/engine/venues/polymarket/orderViews';
import { MarketRegistry } from '../../../../src/engine/venues/polymarket/registry';
import { Backoff } from '../../../../src/engine/venues/polymarket/backoff';
import type { Price, Qty } from '../../../../src/shared/units';

const CID = `0x${'ab'.repeat(32)}`;
const ME = '0x1111111111111111111111111111111111111111';
const KEY = 'my-api-key';

function context(rate = '0.07'): FillContext {
  const registry = new MarketRegistry();
  registry.upsert({
    ref: `polymarket:${CID}`,
    venue: 'polymarket',
    id: CID,
    title: 'T',
    rules: '',
    eventId: 'e',
    eventTitle: 'E',
    seriesId: null,
    category: 'Crypto',
    status: 'open',
    closeTime: null,
    fee: { venue: 'polymarket', rate, exponent: 1, takerOnly: true },
    tickSize: 100 as Price,
    minOrderSize: 500 as Qty,
    tokens: { yes: '111', no: '222' },
    negRisk: false,
  });
  return { registry, apiKey: KEY, makerAddress: ME, clientOrderIdOf: (id) => (id === '0xmine' ? 'cid-7' : null) };
}

const trade = (over: Record<string, unknown> = {}) => ({
  id: 'trade-1',
  taker_order_id: '0xmine',
  market: CID,
  asset_id: '111',
  side: 'BUY',
  size: '7',
  price: '0.33',
  status: 'MATCHED',
  match_time: '1700000000',
  outcome: 'Yes',
  owner: KEY,
  maker_address: ME,
  trader_side: 'TAKER',
  fee_rate_bps: '700',
  maker_orders: [{ order_id: '0xtheirs', owner: 'someone', maker_address: '0x2222222222222222222222222222222222222222', matched_amount: '7', price: '0.67', asset_id: '222', outcome: 'No', side: 'BUY' }],
  ...over,
});

describe('trades → fills', () => {
  it('our taker side: the trade’s own fields, the fee from the schedule, provisional until CONFIRMED', () => {
    const { fills, problem } = fillsFromTrade(trade(), context());
    expect(problem).toBeNull();
    expect(fills.map((f) => f.fill)).toEqual([
      // fee_rate_bps 700 applied to the fill: the venue's own figure, for reconciling against the schedule.
      { fillId: 'trade-1', venueOrderId: '0xmine', clientOrderId: 'cid-7', market: `polymarket:${CID}`, outcome: 'yes', side: 'buy', price: '0.33', qty: '7', fee: '0.10834', reportedFee: '0.10834', at: 1_700_000_000_000, final: false, liquidity: 'taker' },
    ]);
    expect(fillsFromTrade(trade({ fee_rate_bps: '1000' }), context()).fills[0]!.fill).toMatchObject({ fee: '0.10834', reportedFee: '0.15477' });
    expect(fillsFromTrade(trade({ fee_rate_bps: undefined }), context()).fills[0]!.fill).not.toHaveProperty('reportedFee');
    expect(fillsFromTrade(trade({ status: 'MINED' }), context()).fills[0]!.fill.final).toBe(false);
    expect(fillsFromTrade(trade({ status: 'CONFIRMED' }), context()).fills[0]).toMatchObject({ rank: 2, fill: { final: true } });
    expect(fillsFromTrade(trade({ status: 'FAILED' }), context()).fills[0]!.fill).toMatchObject({ final: true, failed: true });
  });

  it('our maker order: its own token, side and price (a mint match fills us on the other token)', () => {
    const maker = trade({
      trader_side: 'MAKER',
      owner: 'someone',
      maker_address: '0x2222222222222222222222222222222222222222',
      taker_order_id: '0xtheirs',
      maker_orders: [{ order_id: '0xmine', owner: KEY, maker_address: ME, matched_amount: '7', price: '0.67', asset_id: '222', outcome: 'No', side: 'BUY' }],
    });
    expect(fillsFromTrade(maker, context()).fills.map((f) => f.fill)).toEqual([
      { fillId: 'trade-1:0xmine', venueOrderId: '0xmine', clientOrderId: 'cid-7', market: `polymarket:${CID}`, outcome: 'no', side: 'buy', price: '0.67', qty: '7', fee: '0', at: 1_700_000_000_000, final: false, liquidity: 'maker' },
    ]);
  });

  it('skips a trade it cannot read whole, naming the field', () => {
    expect(fillsFromTrade(trade({ status: 'LOST' }), context()).problem).toMatch(/status "LOST"/);
    expect(fillsFromTrade(trade({ size: '7.0000001' }), context())).toEqual({ fills: [], problem: 'trade trade-1: size "7.0000001"' });
    expect(fillsFromTrade(trade({ asset_id: '999', outcome: 'Up' }), context()).problem).toMatch(/asset 999/);
    expect(fillsFromTrade(trade({ market: 'm' }), context()).problem).toMatch(/market/);
    expect(fillsFromTrade(null, context()).problem).toBe('trade is not an object');
  });

  it('T8 fees (rate 0.25, exponent 2, 100 shares) rounded half up to $0.00001', () => {
    const f = { rate: '0.25', exponent: 2, takerOnly: true };
    expect(['0.5', '0.3', '0.1', '0.05', '0.01'].map((p) => polymarketFillFee(f, '100', p))).toEqual(['1.5625', '1.1025', '0.2025', '0.05641', '0.00245']);
    expect(polymarketFillFee(f, '125.5', '0.5')).toBe('1.96094');
    expect(polymarketFillFee({ rate: '0.07', exponent: 1, takerOnly: true }, '100', '0.5')).toBe('1.75');
    expect(polymarketFillFee({ rate: '0', exponent: 1, takerOnly: true }, '100', '0.5')).toBe('0');
  });
});

describe('orders → lookups', () => {
  it('maps the venue’s states', () => {
    expect(['LIVE', 'ORDER_STATUS_LIVE', 'delayed', 'MATCHED', 'CANCELED', 'UNMATCHED', 'CANCELED_MARKET_RESOLVED'].map((s) => orderState(s))).toEqual(['resting', 'resting', 'resting', 'executed', 'canceled', 'canceled', 'canceled']);
    expect(orderState('LIVE', 'CANCELLATION')).toBe('canceled');
    expect(orderState('WHAT')).toBeNull();
  });

  it('reads remaining size only while the order rests', () => {
    expect(orderLookupOf({ id: '0xa', status: 'LIVE', original_size: '10', size_matched: '2.5' }, () => 'c')).toEqual({ ok: true, value: { venueOrderId: '0xa', clientOrderId: 'c', state: 'resting', filledQty: '2.5', remainingQty: '7.5' } });
    expect(orderLookupOf({ id: '0xa', status: 'CANCELED', original_size: '10', size_matched: '2.5' }, () => null)).toMatchObject({ ok: true, value: { state: 'canceled', remainingQty: '0' } });
    expect(orderLookupOf({ id: '0xa', status: 'LIVE', original_size: 'ten' }, () => null)).toMatchObject({ ok: false, reason: expect.stringMatching(/original_size/) });
  });
});

describe('reconnect backoff', () => {
  it('doubles up to the cap with jitter between half and all of it, and resets', () => {
    const seq = [0, 1, 0.5, 1, 1, 1, 1, 1];
    let i = 0;
    const b = new Backoff(100, 1_000, () => seq[i++]!);
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([50, 200, 300, 800, 1_000, 1_000]);
    b.reset();
    expect(b.next()).toBe(100);
  });
});

describe('shapes others recorded (nautechsystems/nautilus_trader crates/adapters/polymarket/test_data)', () => {
  it('a killed FOK on the user channel (size_matched "") is a cancelled order with nothing matched', () => {
    // test_data/ws_user_order_fok_killed.json, verbatim.
    const killed = {
      id: '0x78xx', owner: '00000000-0000-0000-0000-000000000001', market: '0x0014', asset_id: '256', side: 'BUY',
      order_owner: '00000000-0000-0000-0000-000000000001', original_size: '12', size_matched: '', price: '0.6', associate_trades: [],
      outcome: '', type: 'CANCELLATION', created_at: '', expiration: '0', order_type: 'FOK',
      status: "CANCELED_order couldn't be fully filled. FOK orders are fully filled or killed.",
      maker_address: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266', timestamp: '1777824065000', event_type: 'order',
    };
    expect(orderLookupOf(killed, () => 'cid-9')).toEqual({ ok: true, value: { venueOrderId: '0x78xx', clientOrderId: 'cid-9', state: 'canceled', filledQty: '0', remainingQty: '0' } });
  });

  it('a REST trade with an ISO match_time is read at that time', () => {
    // test_data/http_trade_report.json: match_time "2024-01-01T00:00:00Z", last_update ISO too.
    const ctx = { ...context(), apiKey: '00000000-0000-0000-0000-000000000001' };
    const report = trade({ match_time: '2024-01-01T00:00:00Z', last_update: '2024-01-01T00:01:00Z', status: 'CONFIRMED', owner: '00000000-0000-0000-0000-000000000001', size: '25.0000', price: '0.5000', fee_rate_bps: '0' });
    const { fills, problem } = fillsFromTrade(report, ctx);
    expect(problem).toBeNull();
    expect(fills[0]!.fill).toMatchObject({ fillId: 'trade-1', at: Date.UTC(2024, 0, 1), qty: '25.0000', final: true });
    // The user channel's numeric-string seconds (polymarket-user.asyncapi.json trade example: matchtime "1672290701").
    expect(fillsFromTrade(trade({ match_time: undefined, matchtime: '1672290701' }), context()).fills[0]!.fill.at).toBe(1_672_290_701_000);
    expect(fillsFromTrade(trade({ match_time: 'yesterday', timestamp: undefined, last_update: undefined }), context()).problem).toMatch(/match_time/);
  });
});

