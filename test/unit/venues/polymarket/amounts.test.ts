// Order amounts: the official client's limit-order vectors (T5, T6) reproduced exactly; its
// market-order vectors (T7) checked on the client itself and against ours where both express the
// same order; and, over random orders, the venue's precision rules and the worst-price guarantee.
import { OrderBuilder, Side } from '@polymarket/clob-client-v2';
import fc from 'fast-check';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { formatAmount, orderAmounts, parseAmount, type PolySide } from '../../../../src/engine/venues/polymarket/amounts';
import { localSigner } from '../../../../src/engine/venues/polymarket/clob';
import { parsePrice, parseQty, type Price, type Qty } from '../../../../src/shared/units';

const DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const price = (t: string) => (parsePrice(t) as { value: Price }).value;
/** The client rounds sizes down to 0.01 share: so does parseQty in floor mode. */
const size = (t: string) => (parseQty(t, 'floor') as { value: Qty }).value;

const T5: [PolySide, string, string, string, string, string][] = [
  ['BUY', '21.04', '0.5', '0.1', '10520000', '21040000'],
  ['BUY', '21.04', '0.56', '0.01', '11782400', '21040000'],
  ['BUY', '21.04', '0.056', '0.001', '1178240', '21040000'],
  ['BUY', '21.04', '0.0056', '0.0001', '117824', '21040000'],
  ['SELL', '21.04', '0.5', '0.1', '21040000', '10520000'],
  ['SELL', '21.04', '0.56', '0.01', '21040000', '11782400'],
  ['SELL', '21.04', '0.056', '0.001', '21040000', '1178240'],
  ['SELL', '21.04', '0.0056', '0.0001', '21040000', '117824'],
];

const T6: [PolySide, string, string, string, string][] = [
  ['BUY', '15', '0.24', '3600000', '15000000'],
  ['SELL', '15', '0.24', '15000000', '3600000'],
  ['BUY', '101', '0.82', '82820000', '101000000'],
  ['SELL', '101', '0.82', '101000000', '82820000'],
  ['BUY', '12.8205', '0.78', '9999600', '12820000'],
  ['SELL', '12.8205', '0.78', '12820000', '9999600'],
  ['SELL', '2435.89', '0.39', '2435890000', '949997100'],
  ['SELL', '19.1', '0.43', '19100000', '8213000'],
  ['BUY', '18233.33', '0.58', '10575331400', '18233330000'],
];

describe('limit (GTC) order amounts', () => {
  it.each(T5)('T5 %s %s @ %s (tick %s)', (side, s, p, tick, maker, taker) => {
    const r = orderAmounts({ side, type: 'GTC', price: price(p), qty: size(s), tick: price(tick) });
    expect(r).toEqual({ ok: true, value: { side, makerAmount: BigInt(maker), takerAmount: BigInt(taker), price: price(p) } });
  });

  it.each(T6)('T6 %s %s @ %s', (side, s, p, maker, taker) => {
    const r = orderAmounts({ side, type: 'GTC', price: price(p), qty: size(s), tick: 100 as Price });
    expect(r.ok && [r.value.makerAmount.toString(), r.value.takerAmount.toString()]).toEqual([maker, taker]);
  });

  it('agrees with the official client’s own order builder', async () => {
    const builder = new OrderBuilder(localSigner(privateKeyToAccount(DEV_KEY)), 137);
    for (const [side, s, p, tick] of T5) {
      const sdk = await builder.buildOrder({ tokenID: '1234', price: Number(p), size: Number(s), side: side === 'BUY' ? Side.BUY : Side.SELL }, { tickSize: tick as '0.1', negRisk: false }, 2);
      const ours = orderAmounts({ side, type: 'GTC', price: price(p), qty: size(s), tick: price(tick) });
      expect(ours.ok && [ours.value.makerAmount.toString(), ours.value.takerAmount.toString()]).toEqual([sdk.makerAmount, sdk.takerAmount]);
    }
  });

  it('refuses a price off the tick or outside [tick, 1 − tick]', () => {
    expect(orderAmounts({ side: 'BUY', type: 'GTC', price: 5_650 as Price, qty: 1_000 as Qty, tick: 100 as Price })).toMatchObject({ ok: false, reason: expect.stringMatching(/not on the market's tick 0.0100/) });
    expect(orderAmounts({ side: 'BUY', type: 'GTC', price: 9_950 as Price, qty: 1_000 as Qty, tick: 100 as Price }).ok).toBe(false);
    expect(orderAmounts({ side: 'SELL', type: 'FAK', price: 0 as Price, qty: 1_000 as Qty, tick: 100 as Price }).ok).toBe(false);
    expect(orderAmounts({ side: 'SELL', type: 'FAK', price: 5_000 as Price, qty: 0 as Qty, tick: 100 as Price }).ok).toBe(false);
  });
});

describe('marketable (FAK/FOK) order amounts', () => {
  it('T7: the official client’s market builder gives the documented amounts', async () => {
    const builder = new OrderBuilder(localSigner(privateKeyToAccount(DEV_KEY)), 137);
    const T7: [PolySide, number, string, string, string, string][] = [
      ['BUY', 100, '0.5', '0.1', '100000000', '200000000'],
      ['BUY', 100, '0.56', '0.01', '100000000', '178571400'],
      ['BUY', 100, '0.056', '0.001', '100000000', '1785714280'],
      ['BUY', 100, '0.0056', '0.0001', '100000000', '17857142857'],
      ['SELL', 100, '0.5', '0.1', '100000000', '50000000'],
      ['SELL', 100, '0.56', '0.01', '100000000', '56000000'],
      ['SELL', 100, '0.056', '0.001', '100000000', '5600000'],
      ['SELL', 100, '0.0056', '0.0001', '100000000', '560000'],
    ];
    for (const [side, amount, p, tick, maker, taker] of T7) {
      const sdk = await builder.buildMarketOrder({ tokenID: '1234', amount, price: Number(p), side: side === 'BUY' ? Side.BUY : Side.SELL }, { tickSize: tick as '0.1', negRisk: false }, 2);
      expect([sdk.makerAmount, sdk.takerAmount]).toEqual([maker, taker]);
    }
    // Ours, for the same orders where a share count of 0.01 expresses them: identical.
    expect(orderAmounts({ side: 'BUY', type: 'FAK', price: price('0.5'), qty: size('200'), tick: price('0.1') })).toMatchObject({ ok: true, value: { makerAmount: 100_000_000n, takerAmount: 200_000_000n } });
    for (const [p, tick, taker] of [['0.5', '0.1', 50_000_000n], ['0.56', '0.01', 56_000_000n], ['0.056', '0.001', 5_600_000n], ['0.0056', '0.0001', 560_000n]] as const) {
      expect(orderAmounts({ side: 'SELL', type: 'FOK', price: price(p), qty: size('100'), tick: price(tick) })).toMatchObject({ ok: true, value: { makerAmount: 100_000_000n, takerAmount: taker } });
    }
    // The client's 0.001-tick BUY carries 5 decimals of shares, which the venue refuses for market
    // orders ("taker amount a max of 4 decimals"); ours never does.
    expect(1785714280n % 100n).not.toBe(0n);
  });

  it('buys q at worst p with cents of pUSD and q shares; sells q for pUSD to 4 decimals', () => {
    expect(orderAmounts({ side: 'BUY', type: 'FAK', price: price('0.56'), qty: size('21.04'), tick: price('0.01') })).toEqual({
      ok: true,
      value: { side: 'BUY', makerAmount: 11_790_000n, takerAmount: 21_040_000n, price: price('0.56') },
    });
    expect(orderAmounts({ side: 'SELL', type: 'FOK', price: price('0.56'), qty: size('21.04'), tick: price('0.01') })).toEqual({
      ok: true,
      value: { side: 'SELL', makerAmount: 21_040_000n, takerAmount: 11_782_400n, price: price('0.56') },
    });
    // An off-grid worst price is snapped the safe way: a BUY never pays more, a SELL never takes less.
    expect(orderAmounts({ side: 'BUY', type: 'FAK', price: 5_630 as Price, qty: 1_000 as Qty, tick: 100 as Price })).toMatchObject({ ok: true, value: { price: 5_600 } });
    expect(orderAmounts({ side: 'SELL', type: 'FAK', price: 5_630 as Price, qty: 1_000 as Qty, tick: 100 as Price })).toMatchObject({ ok: true, value: { price: 5_700 } });
    // Too small to stay within one tick at a fine tick: refused with the size that works.
    expect(orderAmounts({ side: 'BUY', type: 'FAK', price: price('0.973'), qty: size('5'), tick: price('0.001') })).toMatchObject({ ok: false, reason: expect.stringMatching(/at least 10 shares/) });
  });

  it('always respects the venue’s precision and never reaches past the worst price (property)', () => {
    const ticks = [1000, 100, 10, 1] as Price[];
    fc.assert(
      fc.property(fc.constantFrom(...ticks), fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 5_000_000 }), fc.constantFrom<PolySide>('BUY', 'SELL'), (tick, k, qty, side) => {
        const p = ((k % (10_000 / tick - 1)) + 1) * tick;
        const r = orderAmounts({ side, type: 'FAK', price: p as Price, qty: qty as Qty, tick });
        // Refused only when q·tick is below the rounding unit ($0.01 for a BUY, $0.0001 for a SELL).
        if (!r.ok) return /cannot be expressed within one tick/.test(r.reason) && qty * tick < (side === 'BUY' ? 10_000 : 101);
        const { makerAmount: maker, takerAmount: taker } = r.value;
        const shares = side === 'BUY' ? taker : maker;
        const cash = side === 'BUY' ? maker : taker;
        const P = BigInt(p);
        const T = BigInt(tick);
        if (shares !== BigInt(qty) * 10_000n) return false;
        // BUY: pUSD to the cent, shares to 4 dp; SELL: shares to the cent, pUSD to 4 dp.
        if (side === 'BUY' && (maker % 10_000n !== 0n || taker % 100n !== 0n)) return false;
        if (side === 'SELL' && (maker % 10_000n !== 0n || taker % 100n !== 0n)) return false;
        // Implied price cash/shares within one tick of p, on the safe side.
        const scaled = cash * 10_000n;
        return side === 'BUY' ? scaled >= P * shares && scaled < (P + T) * shares : scaled <= P * shares && scaled > (P - T) * shares;
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('amount text', () => {
  it('formats and parses 6-decimal amounts exactly', () => {
    expect(formatAmount(11_782_400n)).toBe('11.7824');
    expect(formatAmount(5_000_000n)).toBe('5');
    expect(formatAmount(1n)).toBe('0.000001');
    expect(parseAmount('11.7824')).toBe(11_782_400n);
    expect(parseAmount('0')).toBe(0n);
    expect(parseAmount('1.0000001')).toBeNull();
    expect(parseAmount('-1')).toBeNull();
    expect(parseAmount('1e3')).toBeNull();
  });
});
