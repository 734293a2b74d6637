// The Kalshi exchange's ledger checked against an independent replay of its own fills: cash,
// netted positions, per-order fees (one rounding per order) and resting orders must all agree,
// whatever sequence of orders a trader sends while the market moves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRICE_ONE, type Price, type Qty } from '../../../src/shared/units';
import { HttpError } from '../../../src/sim/core/http';
import type { KalshiOrderRequest } from '../../../src/sim/kalshi/exchange';
import { kalshiOrderFee } from '../../../src/sim/matching/fees';
import { makeVenues } from './fixtures';

const START = 10_000_000_000;

function request(ticker: string, over: Partial<KalshiOrderRequest>): KalshiOrderRequest {
  return {
    ticker,
    side: 'bid',
    count: 100 as Qty,
    price: 5000 as Price,
    timeInForce: 'immediate_or_cancel',
    selfTradePrevention: 'taker_at_cross',
    clientOrderId: null,
    postOnly: false,
    reduceOnly: false,
    expirationTime: null,
    ...over,
  };
}

describe('Kalshi exchange ledger', () => {
  it('agrees with an independent replay of its fills for any order flow', () => {
    const order = fc.record({
      market: fc.nat(3),
      side: fc.constantFrom<'bid' | 'ask'>('bid', 'ask'),
      offset: fc.integer({ min: -3, max: 3 }),
      contracts: fc.integer({ min: 1, max: 60 }),
      tif: fc.constantFrom<KalshiOrderRequest['timeInForce']>('immediate_or_cancel', 'good_till_canceled', 'fill_or_kill'),
      steps: fc.integer({ min: 0, max: 6 }),
      cancel: fc.boolean(),
    });
    let fillsSeen = 0;
    let makerFillsSeen = 0;
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 25 }), (orders) => {
        const v = makeVenues('kalshi-ledger', { markets: 6 });
        try {
          const tickers = [...v.kalshi.markets.keys()].slice(0, 4);
          for (const o of orders) {
            const m = v.kalshi.markets.get(tickers[o.market]!)!;
            const tick = m.listing.tick;
            const touch = o.side === 'bid' ? m.book.best('ask')?.price : m.book.best('bid')?.price;
            if (touch === undefined) continue;
            const price = Math.min(PRICE_ONE - tick, Math.max(tick, touch + o.offset * tick)) as Price;
            try {
              const { order: placed } = v.kalshi.placeOrder(v.account, request(m.listing.ticker, { side: o.side, price, count: (o.contracts * 100) as Qty, timeInForce: o.tif }));
              if (o.cancel && placed.status === 'resting') v.kalshi.cancelOrder(v.account, placed.orderId);
            } catch (e) {
              expect(e).toBeInstanceOf(HttpError);
              expect((e as HttpError).code).toBe('fill_or_kill_insufficient_resting_volume');
            }
            for (let i = 0; i < o.steps; i++) v.step();
          }

          // Replay.
          let cash = START;
          const position = new Map<string, number>();
          const byOrder = new Map<string, { taker: { qty: number; price: Price }[]; maker: { qty: number; price: Price }[]; fees: number }>();
          for (const f of v.account.fills) {
            const cost = f.count * (f.bookSide === 'bid' ? f.yesPrice : PRICE_ONE - f.yesPrice);
            const pos = position.get(f.ticker) ?? 0;
            const signed = f.bookSide === 'bid' ? f.count : -f.count;
            const netted = Math.sign(pos) === -Math.sign(signed) ? Math.min(f.count, Math.abs(pos)) : 0;
            cash += -cost - f.fee + netted * 10_000;
            position.set(f.ticker, pos + signed);
            expect(f.postPosition).toBe(pos + signed);
            const o = byOrder.get(f.orderId) ?? { taker: [], maker: [], fees: 0 };
            (f.isTaker ? o.taker : o.maker).push({ qty: f.count, price: f.yesPrice });
            o.fees += f.fee;
            byOrder.set(f.orderId, o);
          }
          fillsSeen += v.account.fills.length;
          makerFillsSeen += v.account.fills.filter((f) => !f.isTaker).length;
          expect(v.account.balance).toBe(cash);
          for (const [ticker, pos] of position) expect(v.account.positions.get(ticker)!.position).toBe(pos);
          for (const [id, o] of byOrder) {
            const placed = v.account.orders.get(id)!;
            const m = v.kalshi.feeMultipliers(v.kalshi.markets.get(placed.ticker)!.listing);
            expect(placed.takerFees).toBe(kalshiOrderFee(m.taker, o.taker));
            expect(placed.makerFees).toBe(kalshiOrderFee(m.maker, o.maker));
            expect(o.fees).toBe(placed.takerFees + placed.makerFees);
            expect(placed.filled).toBe([...o.taker, ...o.maker].reduce((s, x) => s + x.qty, 0));
          }
          for (const placed of v.account.orders.values()) {
            expect(placed.filled + placed.remaining).toBeLessThanOrEqual(placed.initial);
            const resting = v.kalshi.markets.get(placed.ticker)!.book.get(placed.orderId);
            if (placed.status === 'resting') expect(resting?.remaining).toBe(placed.remaining);
            else expect(resting).toBeUndefined();
          }
        } finally {
          v.dispose();
        }
      }),
      // A fixed seed: the closing check that the flows traded as maker must not depend on luck.
      { numRuns: 25, seed: 20261122 },
    );
    // The flows really traded, as taker and as maker.
    expect(fillsSeen).toBeGreaterThan(50);
    expect(makerFillsSeen).toBeGreaterThan(0);
  });

  it('is idempotent on client_order_id, refuses a thin FOK and an unaffordable order without side effects', () => {
    const v = makeVenues('kalshi-rules', { markets: 4 });
    try {
      const m = [...v.kalshi.markets.values()][0]!;
      const ask = m.book.best('ask')!;
      v.kalshi.placeOrder(v.account, request(m.listing.ticker, { price: ask.price, clientOrderId: 'c1' }));
      expect(() => v.kalshi.placeOrder(v.account, request(m.listing.ticker, { price: ask.price, clientOrderId: 'c1' }))).toThrow(expect.objectContaining({ status: 409, code: 'order_already_exists' }));
      const before = { balance: v.account.balance, orders: v.account.orders.size, book: m.book.levels('ask') };
      const depth = m.book.levels('ask').reduce((s, l) => s + l.total, 0);
      expect(() => v.kalshi.placeOrder(v.account, request(m.listing.ticker, { price: (PRICE_ONE - m.listing.tick) as Price, count: (depth + 100) as Qty, timeInForce: 'fill_or_kill' }))).toThrow(
        expect.objectContaining({ status: 409, code: 'fill_or_kill_insufficient_resting_volume' }),
      );
      const poor = v.kalshi.addAccount('poor', v.account.publicKey, 1_000_000 as never);
      expect(() => v.kalshi.placeOrder(poor, request(m.listing.ticker, { price: ask.price, count: 10_000 as Qty }))).toThrow(expect.objectContaining({ code: 'insufficient_balance' }));
      expect({ balance: v.account.balance, orders: v.account.orders.size, book: m.book.levels('ask') }).toEqual(before);
    } finally {
      v.dispose();
    }
  });

  it('nets YES against NO at $1 a pair and settles what is left', () => {
    const v = makeVenues('kalshi-net', { markets: 4 });
    try {
      const m = [...v.kalshi.markets.values()][0]!;
      const buyYes = v.kalshi.placeOrder(v.account, request(m.listing.ticker, { price: m.book.best('ask')!.price, count: 500 as Qty }));
      expect(v.account.positions.get(m.listing.ticker)!.position).toBe(buyYes.order.filled);
      const bid = m.book.best('bid')!.price;
      const balance = v.account.balance;
      const sell = v.kalshi.placeOrder(v.account, request(m.listing.ticker, { side: 'ask', price: bid, count: 200 as Qty }));
      const fill = sell.fills[0]!;
      // Buying 2 NO at (1 − bid) then netting 2 pairs = selling 2 YES at bid.
      expect(v.account.balance - balance).toBe(200 * bid - fill.fee);
      const group = v.world.groupOf(m.listing);
      const yesWins = v.world.resolveGroup(group.id, { result: 'yes', winner: m.listing.propositionId, level: Number.POSITIVE_INFINITY });
      const held = v.account.positions.get(m.listing.ticker)!;
      expect(held.position).toBe(0);
      const result = yesWins[m.listing.propositionId];
      const settlement = v.account.settlements.find((s) => s.ticker === m.listing.ticker)!;
      expect(settlement.result).toBe(result);
      expect(settlement.revenue).toBe(result === 'yes' ? 300 * 10_000 : 0);
      expect(v.kalshi.markets.get(m.listing.ticker)!.book.levels('bid')).toEqual([]);
    } finally {
      v.dispose();
    }
  });

  it('cancels a GTC order at its expiration_time', () => {
    const v = makeVenues('kalshi-expiry', { markets: 4 });
    try {
      const m = [...v.kalshi.markets.values()][0]!;
      const now = v.advanceWall(0);
      const { order } = v.kalshi.placeOrder(v.account, request(m.listing.ticker, { price: m.listing.tick, timeInForce: 'good_till_canceled', expirationTime: now + 5000 }));
      expect(order.status).toBe('resting');
      v.advanceWall(4000);
      v.kalshi.sweepExpired();
      expect(order.status).toBe('resting');
      v.advanceWall(2000);
      v.kalshi.sweepExpired();
      expect(order.status).toBe('canceled');
      expect(m.book.get(order.orderId)).toBeUndefined();
    } finally {
      v.dispose();
    }
  });
});
