import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { formatMoney, formatPriceTicks, formatQuotient } from '../../../../src/shared/unitText';

describe('decimal output', () => {
  it('prints money and prices exactly', () => {
    expect(formatMoney(1_300_000)).toBe('1.30');
    expect(formatMoney(2_450)).toBe('0.00245');
    expect(formatMoney(-10_000)).toBe('-0.01');
    expect(formatMoney(40_000_000)).toBe('40.00');
    expect(formatPriceTicks(4_500)).toBe('0.45');
    expect(formatPriceTicks(9_555)).toBe('0.9555');
  });

  it('prints an average exactly when it terminates, else rounded half up like decimal.js', () => {
    expect(formatQuotient(1_750_000, 5)).toBe('0.35');
    expect(formatQuotient(1_000_000, 8)).toBe('0.125');
    expect(formatQuotient(1_220_000, 3)).toBe('0.40666666666666666667');
    expect(formatQuotient(2_000_000, 3, { fraction: 12 })).toBe('0.666666666667');
    expect(formatQuotient(999_999, 1, { fraction: 2 })).toBe('1.00');
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (micros, size) => {
        expect(new Decimal(formatQuotient(micros, size)).eq(new Decimal(micros).div(1e6).div(size))).toBe(true);
        const d12 = new Decimal(micros).div(1e6).div(size).toDecimalPlaces(12, Decimal.ROUND_HALF_UP);
        expect(new Decimal(formatQuotient(micros, size, { fraction: 12 })).eq(d12)).toBe(true);
      }),
    );
  });
});
