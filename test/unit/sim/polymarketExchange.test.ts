// The Polymarket exchange's wallets checked against a replay of its trades: pUSD (buyers' cost
// rounded up, sellers' proceeds down, taker fees per order rounded to 5 dp), token balances
// per outcome, and mint/merge matching between the two tokens of one market.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRICE_ONE, type Price } from '../../../src/shared/units';
import { HttpError } from '../../../src/sim/core/http';
import type { PolyOrderRequest } from '../../../src/sim/polymarket/exchange';
import type { PolyOrderType, PolySide } from '../../../src/sim/polymarket/types';
import { tokenBook } from '../../../src/sim/polymarket/wire';
import { polymarketOrderFee } from '../../../src/sim/matching/fees';
import { makeVenues } from './fixtures';

const START = 10_000_000_000;
let ids = 0;

/** A limit order of `shares` (whole 0.01s) at `price` ($0.0001 units), as the SDK would sign it. */
function limit(wallet: string, tokenId: string, side: PolySide, price: number, shares: number, orderType: PolyOrderType): PolyOrderRequest {
  const size = BigInt(Math.round(shares * 100)) * 10_000n;
  const collateral = (size * BigInt(price)) / 10_000n;
  return {
    id: `0x${(++ids).toString(16).padStart(64, '0')}`,
    apiKey: 'k',
    maker: wallet,
    tokenId,
    side,
    makerAmount: side === 'BUY' ? collateral : size,
    takerAmount: side === 'BUY' ? size : collateral,
    orderType,
    expiration: 0,
    postOnly: false,
  };
}

describe('Polymarket exchange wallets', () => {
  it('agree with a replay of the trades for any order flow', () => {
    const order = fc.record({
      market: fc.nat(2),
      outcome: fc.constantFrom<'yes' | 'no'>('yes', 'no'),
      side: fc.constantFrom<PolySide>('BUY', 'BUY', 'SELL'),
      offset: fc.integer({ min: -2, max: 2 }),
      shares: fc.integer({ min: 500, max: 8000 }).map((c) => c / 100),
      type: fc.constantFrom<PolyOrderType>('FAK', 'GTC', 'FOK'),
      steps: fc.integer({ min: 0, max: 5 }),
    });
    let trades = 0;
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 20 }), (orders) => {
        const v = makeVenues('poly-ledger', { markets: 6 });
        try {
          const markets = [...v.poly.markets.values()].slice(0, 3);
          const account = v.poly.account(v.wallet);
          for (const o of orders) {
            const m = markets[o.market]!;
            const tokenId = o.outcome === 'yes' ? m.listing.yesTokenId : m.listing.noTokenId;
            const b = tokenBook(m, o.outcome);
            const touch = o.side === 'BUY' ? b.asks[0]?.price : b.bids[0]?.price;
            if (touch === undefined) continue;
            const price = Math.min(PRICE_ONE - m.tick, Math.max(m.tick, touch + o.offset * m.tick));
            let shares = o.shares;
            if (o.side === 'SELL') shares = Math.min(shares, Math.floor((account.tokens.get(tokenId) ?? 0) / 10_000) / 100);
            if (shares < 5) continue;
            try {
              v.poly.placeOrder(limit(v.wallet, tokenId, o.side, price, shares, o.type));
            } catch (e) {
              expect(e).toBeInstanceOf(HttpError);
              expect((e as HttpError).message).toMatch(/FOK|FAK|balance/);
            }
            for (let i = 0; i < o.steps; i++) v.step();
          }
          let cash = START;
          const tokens = new Map<string, number>();
          const fills = new Map<string, { size: number; price: Price }[]>();
          for (const t of account.trades) {
            const taker = t.takerAddress === account.address;
            const [side, asset, price] = taker ? [t.side, t.assetId, t.price] : [t.maker.side, t.maker.assetId, t.maker.price];
            const value = t.size * price;
            cash += side === 'BUY' ? -Math.ceil(value / 10_000) : Math.floor(value / 10_000);
            if (taker) cash -= t.fee;
            tokens.set(asset, (tokens.get(asset) ?? 0) + (side === 'BUY' ? t.size : -t.size));
            if (taker) fills.set(t.takerOrderId, [...(fills.get(t.takerOrderId) ?? []), { size: t.size, price }]);
          }
          trades += account.trades.length;
          expect(account.collateral).toBe(cash);
          for (const [asset, n] of tokens) {
            expect(account.tokens.get(asset) ?? 0).toBe(n);
            expect(n).toBeGreaterThanOrEqual(0);
          }
          for (const [orderId, f] of fills) {
            const placed = account.orders.get(orderId)!;
            const m = v.poly.markets.get(placed.market)!;
            const charged = account.trades.filter((t) => t.takerOrderId === orderId).reduce((s, t) => s + t.fee, 0);
            expect(charged).toBe(polymarketOrderFee(m.listing.feeRate, m.listing.feeExponent, f));
          }
          for (const o of account.orders.values()) {
            const resting = v.poly.markets.get(o.market)!.book.get(o.id);
            expect(o.status === 'LIVE').toBe(resting !== undefined);
            if (resting) expect(resting.remaining).toBe(o.originalSize - o.sizeMatched);
          }
        } finally {
          v.dispose();
        }
      }),
      // A fixed seed: the closing check that the flows traded must not depend on luck.
      { numRuns: 25, seed: 20261122 },
    );
    expect(trades).toBeGreaterThan(40);
  });

  it('mints: a YES buyer and a NO buyer trade with each other, together paying $1 a pair', () => {
    const v = makeVenues('poly-mint', { markets: 4 });
    try {
      const m = [...v.poly.markets.values()].find((x) => x.listing.feeRate === 0) ?? [...v.poly.markets.values()][0]!;
      const alice = '0x00000000000000000000000000000000000000B1';
      const bob = '0x00000000000000000000000000000000000000B2';
      v.poly.fund(alice, 1_000_000_000);
      v.poly.fund(bob, 1_000_000_000);
      // Alice bids for NO inside the spread; on the YES book that is an ask at 1 − q.
      const yesBid = tokenBook(m, 'yes').bids[0]!.price;
      const noPrice = PRICE_ONE - yesBid - m.tick; // YES ask at yesBid + tick: inside the spread
      const rest = v.poly.placeOrder(limit(alice, m.listing.noTokenId, 'BUY', noPrice, 10, 'GTC'));
      expect(rest.status).toBe('live');
      expect(tokenBook(m, 'yes').asks[0]).toEqual({ price: PRICE_ONE - noPrice, total: 10_000_000 });
      const take = v.poly.placeOrder(limit(bob, m.listing.yesTokenId, 'BUY', PRICE_ONE - noPrice, 10, 'FOK'));
      expect(take.status).toBe('matched');
      const a = v.poly.account(alice);
      const b = v.poly.account(bob);
      expect(a.tokens.get(m.listing.noTokenId)).toBe(10_000_000);
      expect(b.tokens.get(m.listing.yesTokenId)).toBe(10_000_000);
      const fee = take.trades.reduce((s, t) => s + t.fee, 0);
      expect(2_000_000_000 - a.collateral - b.collateral).toBe(10_000_000 + fee);
    } finally {
      v.dispose();
    }
  });

  it('refuses orders it cannot accept, with the CLOB’s messages', () => {
    const v = makeVenues('poly-rules', { markets: 4 });
    try {
      const m = [...v.poly.markets.values()][0]!;
      const ask = tokenBook(m, 'yes').asks[0]!.price;
      expect(() => v.poly.placeOrder(limit(v.wallet, m.listing.yesTokenId, 'BUY', ask, 4, 'GTC'))).toThrow(/lower than the minimum: 5/);
      expect(() => v.poly.placeOrder(limit(v.wallet, m.listing.yesTokenId, 'BUY', ask + 5, 10, 'GTC'))).toThrow(/breaks minimum tick size rule: 0.01/);
      expect(() => v.poly.placeOrder(limit(v.wallet, m.listing.yesTokenId, 'SELL', ask, 10, 'GTC'))).toThrow('not enough balance / allowance');
      expect(() => v.poly.placeOrder(limit(v.wallet, m.listing.yesTokenId, 'BUY', m.tick, 10, 'FAK'))).toThrow(/no orders found to match with FAK order/);
      v.poly.fund(v.wallet, 200_000_000_000);
      expect(() => v.poly.placeOrder(limit(v.wallet, m.listing.yesTokenId, 'BUY', ask, 200_000, 'FOK'))).toThrow(/FOK orders are fully filled or killed/);
      expect(() => v.poly.placeOrder(limit(v.wallet, m.listing.yesTokenId, 'BUY', ask, 2_000_000, 'FOK'))).toThrow(/amounts too large/);
      const once = limit(v.wallet, m.listing.yesTokenId, 'BUY', m.tick, 10, 'GTC');
      v.poly.placeOrder(once);
      expect(() => v.poly.placeOrder(once)).toThrow(/Duplicated/);
    } finally {
      v.dispose();
    }
  });

  it('expires a GTD order, and refuses one that would expire within the minute', () => {
    const v = makeVenues('poly-gtd', { markets: 4 });
    try {
      const m = [...v.poly.markets.values()][0]!;
      const nowSec = Math.floor(v.advanceWall(0) / 1000);
      const soon = { ...limit(v.wallet, m.listing.yesTokenId, 'BUY', m.tick, 10, 'GTD'), expiration: nowSec + 30 };
      expect(() => v.poly.placeOrder(soon)).toThrow('invalid expiration');
      const gtd = { ...limit(v.wallet, m.listing.yesTokenId, 'BUY', m.tick, 10, 'GTD'), expiration: nowSec + 90 };
      const placed = v.poly.placeOrder(gtd);
      expect(placed.status).toBe('live');
      v.advanceWall(60_000);
      v.poly.sweepExpired();
      expect(placed.order.status).toBe('LIVE');
      v.advanceWall(31_000);
      v.poly.sweepExpired();
      expect(placed.order.status).toBe('CANCELED');
      expect(m.book.get(placed.order.id)).toBeUndefined();
    } finally {
      v.dispose();
    }
  });
});
