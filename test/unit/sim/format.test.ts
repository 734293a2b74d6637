// The simulator's wire strings: the price tables agree with the arithmetic for every price, and
// amounts are the shortest exact decimals.
import { describe, expect, it } from 'vitest';
import { isoTime, kalshiDollars, polyAmount, polyPrice, trimDecimal } from '../../../src/sim/core/format';
import { formatScaled, type Price } from '../../../src/shared/units';

describe('simulator wire formatting', () => {
  it('formats every price from 0 to $1 as the arithmetic does, and prices outside that too', () => {
    for (let p = 0; p <= 10_000; p++) {
      expect(kalshiDollars(p as Price)).toBe(formatScaled(p, 4));
      expect(polyPrice(p as Price)).toBe(Number(formatScaled(p, 4)).toString());
    }
    expect(kalshiDollars(12_345 as Price)).toBe('1.2345');
    expect(kalshiDollars(-100 as Price)).toBe('-0.0100');
    expect(polyPrice(-100 as Price)).toBe('-0.01');
    expect(polyPrice(20_000 as Price)).toBe('2');
  });

  it('trims trailing zeros and a bare point, never other zeros', () => {
    expect(polyAmount(12_500_000)).toBe('12.5');
    expect(polyAmount(100_000_000)).toBe('100');
    expect(polyAmount(1_050_000)).toBe('1.05');
    expect(polyAmount(1)).toBe('0.000001');
    expect(polyAmount(0)).toBe('0');
    expect(polyAmount(12_345_678_900_000_000n)).toBe('12345678900');
    expect(polyAmount(-2_500_000)).toBe('-2.5');
    expect(trimDecimal(1000, 2)).toBe('10');
  });

  it('gives the ISO time of each timestamp, the same one twice in a row', () => {
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoTime(1_700_000_000_123)).toBe('2023-11-14T22:13:20.123Z');
    expect(isoTime(1_700_000_000_123)).toBe('2023-11-14T22:13:20.123Z');
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
