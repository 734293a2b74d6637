import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { feeForFills, type FeeModel } from '../../../../src/engine/fees/feeModel';
import { fillLadder } from '../../../../src/engine/sizing/fill';
import { SMALL_NUMERATOR } from '../../../../src/engine/sizing/roundedLinear';
import { KalshiFeeModel } from '../../../../src/engine/venues/kalshi/feeModel';
import type { AskLadder } from '../../../../src/engine/books/ladders';

/** A fee whose weight per 0.01 contract is `perPrice(p)`, any size: to put sums at the edge of 2^53. */
function feeOf(perPrice: (p: number) => bigint, num: bigint, den: bigint, rounding: 'ceil' | 'half_up'): FeeModel {
  return {
    rounding,
    unitMicros: rounding === 'ceil' ? 10_000 : 10,
    num,
    den,
    weight: perPrice,
    weightNumber: (p) => {
      const w = perPrice(p);
      return w <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(w) : Infinity;
    },
    description: 'test fee',
    params: {},
    exact: { coefficient: '1', exponent: 1 },
  };
}

function ladder(levels: [number, number][]): AskLadder {
  return { levelCount: levels.length, priceAt: (i) => levels[i]![0], qtyAt: (i) => levels[i]![1], totalQty: levels.reduce((t, [, q]) => t + q, 0) };
}

/** What the fill must charge: every product and sum in BigInt. */
function expectedFee(asks: [number, number][], fee: FeeModel, size: number): number {
  const prices: number[] = [];
  const qtys: number[] = [];
  let left = size * 100;
  for (const [p, q] of asks) {
    if (left === 0) break;
    const take = Math.min(left, q);
    prices.push(p);
    qtys.push(take);
    left -= take;
  }
  return feeForFills(fee, prices, qtys);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

describe('fillLadder fees stay exact', () => {
  it('charges the BigInt fee when the weight sum ends just below, at and just past 2^53', () => {
    // 0.99 contract at w1, then 0.01 at w2: the weight sum is exactly W. Past 2^53 an odd W has no
    // double; W ≡ 1 (mod den) puts the rounded-up fee one unit above what W − 1 would give.
    const den = 1_000n;
    const base = 2n ** 53n - (2n ** 53n % den) + 1n;
    for (const W of [MAX_SAFE - 2n, MAX_SAFE - 1n, MAX_SAFE, MAX_SAFE + 1n, base, base + den, base + 2n * den, base + 3n * den, base + 4n * den]) {
      const w1 = 2n ** 52n / 99n;
      const w2 = W - 99n * w1;
      for (const rounding of ['ceil', 'half_up'] as const) {
        const fee = feeOf((p) => (p === 5_000 ? w1 : w2), 1n, den, rounding);
        const asks: [number, number][] = [
          [5_000, 99],
          [5_001, 500],
        ];
        expect(fillLadder(ladder(asks), fee, 1)!.fee).toBe(expectedFee(asks, fee, 1));
      }
    }
  });

  it('charges the BigInt fee when num × weight ends around the plain-number limit and past 2^53', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 2n ** 12n }),
        fc.bigInt({ min: 2n ** 38n, max: 2n ** 45n }),
        fc.bigInt({ min: 1_000n, max: 4_000n }),
        fc.constantFrom('ceil' as const, 'half_up' as const),
        (num, w, den, rounding) => {
          // One whole contract: W = 100 × w, so num × W spans 2^50 (the limit) to far past 2^53.
          const fee = feeOf(() => w, num, den, rounding);
          const asks: [number, number][] = [[4_000, 100]];
          expect(fillLadder(ladder(asks), fee, 1)!.fee).toBe(expectedFee(asks, fee, 1));
        },
      ),
      { numRuns: 3_000 },
    );
    // num × W = 100 × (⌊2^50 / 100⌋ + d): either side of the limit.
    for (const d of [-1, 0, 1, 2]) {
      const fee = feeOf(() => BigInt(Math.floor(SMALL_NUMERATOR / 100) + d), 1n, 7n, 'ceil');
      expect(fillLadder(ladder([[4_000, 100]]), fee, 1)!.fee).toBe(expectedFee([[4_000, 100]], fee, 1));
    }
  });

  it('matches the BigInt fee for random ladders and weights of any magnitude', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 9_999 }), fc.integer({ min: 1, max: 1_000_000 })), { minLength: 1, maxLength: 8 }),
        fc.bigInt({ min: 0n, max: 2n ** 60n }),
        fc.bigInt({ min: 0n, max: 2n ** 52n }),
        fc.bigInt({ min: 1n, max: 2n ** 45n }),
        fc.constantFrom('ceil' as const, 'half_up' as const),
        fc.integer({ min: 1, max: 100 }),
        (levels, scale, num, den, rounding, share) => {
          const asks = [...new Map(levels).entries()].sort((a, b) => a[0] - b[0]);
          const fee = feeOf((p) => (scale * BigInt(p)) / 9_999n, num, den, rounding);
          const total = asks.reduce((t, [, q]) => t + q, 0);
          const size = Math.max(1, Math.floor((total / 100) * (share / 100)));
          const fill = fillLadder(ladder(asks), fee, size);
          if (fill === null) return;
          expect(fill.fee).toBe(expectedFee(asks, fee, size));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("charges a venue's own fee model what the BigInt sum gives, and refuses a size the ladder cannot fill", () => {
    const fee = KalshiFeeModel.parse('0.07');
    if (typeof fee === 'string') throw new Error(fee);
    const asks: [number, number][] = [
      [4_500, 1_050],
      [4_600, 20_000],
    ];
    const fill = fillLadder(ladder(asks), fee, 100)!;
    expect(fill).toMatchObject({ size: 100, cost: 4_500 * 1_050 + 4_600 * 8_950, topPrice: 4_500, worstPrice: 4_600, levels: 2 });
    expect(fill.fee).toBe(expectedFee(asks, fee, 100));
    expect(fillLadder(ladder(asks), fee, 211)).toBeNull();
    expect(fillLadder(ladder(asks), fee, 0)).toBeNull();
  });
});
