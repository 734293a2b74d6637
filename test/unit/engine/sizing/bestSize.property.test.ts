import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { KalshiFeeModel } from '../../../../src/engine/venues/kalshi/feeModel';
import { PolymarketFeeModel } from '../../../../src/engine/venues/polymarket/feeModel';
import type { FeeModel } from '../../../../src/engine/fees/feeModel';
import { bestSize, type SizingLeg } from '../../../../src/engine/sizing/bestSize';
import { ladderOf } from './ladder';
import { oracleBestSize, type OracleFee, type OracleLeg } from './oracle';

function feeModel(fee: OracleFee): FeeModel {
  const m = fee.venue === 'kalshi' ? KalshiFeeModel.parse(fee.multiplier) : PolymarketFeeModel.parse(fee.rate, fee.exponent);
  if (typeof m === 'string') throw new Error(m);
  return m;
}

function engineLegs(legs: OracleLeg[]): SizingLeg[] {
  return legs.map((l) => ({ asks: ladderOf(l.asks), fee: feeModel(l.fee) }));
}

function dollars(micros: number): Decimal {
  return new Decimal(micros).div(1_000_000);
}

const decimalString = (scaled: number, decimals: number): string => new Decimal(scaled).div(10 ** decimals).toFixed();

const feeArb: fc.Arbitrary<OracleFee> = fc.oneof(
  fc.record({
    venue: fc.constant('kalshi' as const),
    multiplier: fc.oneof(
      fc.constantFrom('0.07', '0.035', '0.0175', '0'),
      fc.integer({ min: 1, max: 2000 }).map((n) => decimalString(n, 4)),
    ),
  }),
  fc.record({
    venue: fc.constant('polymarket' as const),
    rate: fc.oneof(fc.constantFrom('0', '0.02', '0.04', '0.07', '0.25'), fc.integer({ min: 1, max: 300_000 }).map((n) => decimalString(n, 6))),
    exponent: fc.constantFrom(1, 2),
  }),
);

/** A price grid: cents, tenths of a cent (Kalshi deci_cent) or $0.0001. */
const gridArb = fc.constantFrom(100, 10, 1);

/** Sizes: whole contracts, Kalshi's 0.01 fractions, or finer (floored to 0.01 by the books). */
const sizeArb = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map(String),
  fc.integer({ min: 1, max: 6000 }).map((n) => decimalString(n, 2)),
  fc.integer({ min: 1, max: 600_000 }).map((n) => decimalString(n, 4)),
);

/**
 * A basket whose top-of-book prices sum near the payout (some arbitrage, some not), with ask
 * ladders ascending from there in random steps.
 */
const basketArb = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    payoutNminus1: fc.boolean(),
    edgeBp: fc.integer({ min: -300, max: 900 }),
    grid: gridArb,
    seedShares: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 4, maxLength: 4 }),
    steps: fc.array(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 }), { minLength: 4, maxLength: 4 }),
    sizes: fc.array(fc.array(sizeArb, { minLength: 6, maxLength: 6 }), { minLength: 4, maxLength: 4 }),
    fees: fc.array(feeArb, { minLength: 4, maxLength: 4 }),
    maxSize: fc.integer({ min: 1, max: 250 }),
  })
  .map(({ n, payoutNminus1, edgeBp, grid, seedShares, steps, sizes, fees, maxSize }) => {
    const payout = payoutNminus1 && n >= 2 ? n - 1 : 1;
    const target = payout * 10_000 - edgeBp; // sum of top prices, in $0.0001
    const shares = seedShares.slice(0, n);
    const total = shares.reduce((a, b) => a + b, 0);
    const legs: OracleLeg[] = [];
    for (let j = 0; j < n; j++) {
      let p = Math.round((target * shares[j]!) / total / grid) * grid;
      p = Math.min(9_999 - (9_999 % grid), Math.max(grid, p));
      const asks = steps[j]!.map((step, i) => {
        p = Math.min(9_999, p + (i === 0 ? 0 : Math.round(step / grid) * grid));
        return { price: decimalString(p, 4), size: sizes[j]![i]! };
      });
      legs.push({ asks: dedupeByPrice(asks), fee: fees[j]! });
    }
    return { legs, payout, maxSize };
  });

function dedupeByPrice(levels: { price: string; size: string }[]): { price: string; size: string }[] {
  const seen = new Set<string>();
  return levels.filter((l) => (seen.has(l.price) ? false : (seen.add(l.price), true)));
}

describe('bestSize against a brute-force decimal oracle', () => {
  it('finds the exact profit-maximising size (ties to the smaller) for random baskets, with number and BigInt fee arithmetic', () => {
    fc.assert(
      fc.property(basketArb, fc.boolean(), ({ legs, payout, maxSize }, exact) => {
        const expected = oracleBestSize(legs, payout, maxSize);
        const got = bestSize(engineLegs(legs), payout * 1_000_000, maxSize, -Infinity, exact);
        if (expected === null) return got === null;
        expect(got).not.toBeNull();
        expect(dollars(got!.netProfit).toFixed()).toBe(expected.netProfit.toFixed());
        expect(got!.size).toBe(expected.size);
        return true;
      }),
      { numRuns: 600 },
    );
  });

  it('with a profit floor, returns the same answer when it reaches the floor and null otherwise', () => {
    fc.assert(
      fc.property(basketArb, fc.integer({ min: -50_000, max: 2_000_000 }), fc.boolean(), ({ legs, payout, maxSize }, floor, exact) => {
        const expected = oracleBestSize(legs, payout, maxSize);
        const got = bestSize(engineLegs(legs), payout * 1_000_000, maxSize, floor, exact);
        if (expected === null || expected.netProfit.lt(dollars(floor))) return got === null;
        expect(got).toEqual({ size: expected.size, netProfit: expected.netProfit.times(1_000_000).toNumber() });
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('bestSize on deep books', () => {
  const cases: { name: string; legs: OracleLeg[]; payout: number; maxSize: number }[] = [
    {
      name: 'one deep level each, Kalshi fee steps every few contracts',
      legs: [
        { asks: [{ price: '0.45', size: '3000' }, { price: '0.47', size: '5000' }], fee: { venue: 'kalshi', multiplier: '0.07' } },
        { asks: [{ price: '0.5', size: '2500.5' }, { price: '0.51', size: '900' }], fee: { venue: 'polymarket', rate: '0.02', exponent: 1 } },
      ],
      payout: 1,
      maxSize: 4000,
    },
    {
      name: 'pre-fee edge almost exactly eaten by the unrounded fee (σ′ ≈ 0)',
      legs: [
        { asks: [{ price: '0.50', size: '2000' }], fee: { venue: 'kalshi', multiplier: '0.07' } },
        { asks: [{ price: '0.4825', size: '2000' }], fee: { venue: 'polymarket', rate: '0', exponent: 1 } },
      ],
      payout: 1,
      maxSize: 2000,
    },
    {
      name: 'exponent 2 on a sub-penny grid with fractional sizes',
      legs: [
        { asks: [{ price: '0.3001', size: '1234.56' }, { price: '0.3107', size: '800.01' }], fee: { venue: 'polymarket', rate: '0.25', exponent: 2 } },
        { asks: [{ price: '0.6512', size: '999.99' }, { price: '0.6600', size: '3000' }], fee: { venue: 'kalshi', multiplier: '0.035' } },
      ],
      payout: 1,
      maxSize: 2500,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const expected = oracleBestSize(c.legs, c.payout, c.maxSize)!;
      const got = bestSize(engineLegs(c.legs), c.payout * 1_000_000, c.maxSize)!;
      expect(got.size).toBe(expected.size);
      expect(dollars(got.netProfit).toFixed()).toBe(expected.netProfit.toFixed());
    });
  }

  it('does not walk size by size: a 10-million-contract level is sized in a handful of steps', () => {
    let reads = 0;
    const counted = (price: number, qty: number) => ({
      levelCount: 1,
      priceAt: () => (reads++, price),
      qtyAt: () => (reads++, qty),
      totalQty: qty,
    });
    const kalshi = KalshiFeeModel.parse('0.07') as FeeModel;
    const got = bestSize(
      [
        { asks: counted(4_000, 1_000_000_000), fee: kalshi },
        { asks: counted(5_000, 1_000_000_000), fee: kalshi },
      ],
      1_000_000,
      10_000_000,
    );
    // Pre-fee 0.10/contract, fees ceil(0.07·s·0.24) + ceil(0.07·s·0.25) cents: the fees are linear
    // in s up to rounding and the largest size wins.
    expect(got).toEqual({ size: 10_000_000, netProfit: 1_000_000_000_000 - 168_000_000_000 - 175_000_000_000 });
    expect(reads).toBeLessThan(50);
  });
});
