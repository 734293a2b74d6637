import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Price } from '../../../src/shared/units';
import { KalshiFeeAccumulator, kalshiOrderFee, PolymarketFeeAccumulator, polymarketOrderFee } from '../../../src/sim/matching/fees';

const contracts = (n: number) => n * 100; // Qty units
const shares = (n: number) => Math.round(n * 1_000_000);
const dollars = (micros: number) => micros / 1_000_000;

describe('Kalshi fees (venues.md §1.10, formats.md §5)', () => {
  it.each([
    [70_000, 1, 5000, 0.02],
    [70_000, 10, 5000, 0.18],
    [70_000, 100, 5000, 1.75],
    [70_000, 100, 500, 0.34],
    [70_000, 100, 1000, 0.63],
    [70_000, 100, 9000, 0.63],
    [70_000, 100, 2500, 1.32],
    [17_500, 10, 5000, 0.05],
    [17_500, 100, 5000, 0.44],
    [17_500, 100, 500, 0.09],
    [70_000, 40, 4500, 0.7],
    [8_750, 100, 5000, 0.22], // the half-fee series' maker: 0.0175 × 0.5 × 25 = 0.21875
  ])('coefficient %i/1e6, %i contracts at %i/10000 → $%f', (m, c, price, fee) => {
    expect(dollars(kalshiOrderFee(m, [{ qty: contracts(c), price: price as Price }]))).toBe(fee);
  });

  it('rounds once per order, and the per-fill charges add up to exactly that', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.array(fc.record({ qty: fc.integer({ min: 1, max: 50_000 }), price: fc.integer({ min: 1, max: 9999 }) }), { minLength: 1, maxLength: 12 }), (m, fills) => {
        const acc = new KalshiFeeAccumulator(m);
        const charged = fills.map((f) => acc.add(f.qty, f.price as Price));
        expect(charged.every((c) => c >= 0 && c % 10_000 === 0)).toBe(true);
        const total = charged.reduce((a, b) => a + b, 0);
        expect(total).toBe(kalshiOrderFee(m, fills.map((f) => ({ qty: f.qty, price: f.price as Price }))));
        // ceil(m·Σ c·p(1−p)) computed independently in exact rationals.
        const num = fills.reduce((s, f) => s + BigInt(m) * BigInt(f.qty) * BigInt(f.price) * BigInt(10_000 - f.price), 0n);
        const cents = (num + 99_999_999_999_999n) / 100_000_000_000_000n;
        expect(BigInt(total)).toBe(cents * 10_000n);
      }),
    );
  });
});

describe('Polymarket fees (venues.md §2.10, formats.md §5)', () => {
  it.each([
    [700, 1, 100, 5000, 1.75],
    [700, 1, 100, 1000, 0.63],
    [700, 1, 7, 3300, 0.10834],
    [2500, 2, 100, 5000, 1.5625],
    [2500, 2, 100, 3000, 1.1025],
    [2500, 2, 100, 500, 0.05641],
    [2500, 2, 125.5, 5000, 1.96094],
  ])('rate %i/10000, exponent %i, %f shares at %i/10000 → $%f', (rate, e, n, price, fee) => {
    expect(dollars(polymarketOrderFee(rate, e, [{ size: shares(n), price: price as Price }]))).toBe(fee);
  });

  it('charges nothing on a fee-free market and splits an order’s fee exactly across its fills', () => {
    expect(polymarketOrderFee(0, 1, [{ size: shares(1000), price: 5000 as Price }])).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.array(fc.record({ size: fc.integer({ min: 1, max: 50_000_000 }), price: fc.integer({ min: 1, max: 9999 }) }), { minLength: 1, maxLength: 10 }), (rate, fills) => {
        const acc = new PolymarketFeeAccumulator(rate, 1);
        const total = fills.reduce((s, f) => s + acc.add(f.size, f.price as Price), 0);
        expect(total).toBe(polymarketOrderFee(rate, 1, fills.map((f) => ({ size: f.size, price: f.price as Price }))));
        expect(total % 10).toBe(0); // whole $0.00001
      }),
    );
  });
});
