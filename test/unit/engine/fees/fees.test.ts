import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { feeForFills, type FeeModel } from '../../../../src/engine/fees/feeModel';
import { KalshiFeeModel } from '../../../../src/engine/venues/kalshi/feeModel';
import { PolymarketFeeModel } from '../../../../src/engine/venues/polymarket/feeModel';
import { parseRatio, ratioToString } from '../../../../src/engine/fees/exact';

const kalshi = (m = '0.07') => KalshiFeeModel.parse(m) as FeeModel;
const poly = (rate: string, exponent = 1) => PolymarketFeeModel.parse(rate, exponent) as FeeModel;

/** Fee in dollars (as an exact decimal string) for fills given as [price, contracts] strings. */
function fee(model: FeeModel, ...fills: [string, string][]): string {
  const prices = fills.map(([p]) => new Decimal(p).times(10_000).toNumber());
  const qtys = fills.map(([, c]) => new Decimal(c).times(100).toNumber());
  return new Decimal(feeForFills(model, prices, qtys)).div(1_000_000).toFixed();
}

describe('Kalshi taker fee: ceil_to_cent(m × Σ c·p·(1−p)) per order', () => {
  it('matches the worked examples of venues.md §1.10', () => {
    expect(fee(kalshi(), ['0.50', '1'])).toBe('0.02');
    expect(fee(kalshi(), ['0.50', '10'])).toBe('0.18');
    expect(fee(kalshi(), ['0.50', '100'])).toBe('1.75');
    expect(fee(kalshi(), ['0.05', '100'])).toBe('0.34');
    expect(fee(kalshi(), ['0.10', '100'])).toBe('0.63');
    expect(fee(kalshi(), ['0.90', '100'])).toBe('0.63');
    expect(fee(kalshi(), ['0.25', '100'])).toBe('1.32');
  });

  it('matches the maker-rate examples with multiplier 0.0175', () => {
    expect(fee(kalshi('0.0175'), ['0.50', '10'])).toBe('0.05');
    expect(fee(kalshi('0.0175'), ['0.50', '100'])).toBe('0.44');
    expect(fee(kalshi('0.0175'), ['0.05', '100'])).toBe('0.09');
  });

  it('matches terauss-lessons §10.4 and the spec worked example', () => {
    expect(fee(kalshi(), ['0.40', '10'])).toBe('0.17');
    expect(fee(kalshi(), ['0.45', '40'])).toBe('0.7');
    // Per single contract the ceiling is 1¢ for p in [0.01, 0.17] ∪ [0.83, 0.99] and 2¢ in [0.18, 0.82].
    for (let c = 1; c <= 99; c++) {
      const expected = c <= 17 || c >= 83 ? '0.01' : '0.02';
      expect(fee(kalshi(), [(c / 100).toFixed(2), '1'])).toBe(expected);
    }
  });

  it('applies the series multiplier (0.035 on index series)', () => {
    expect(fee(kalshi('0.035'), ['0.50', '100'])).toBe('0.88'); // 0.875 → 0.88
    expect(fee(kalshi('0.035'), ['0.50', '10'])).toBe('0.09'); // 0.0875 → 0.09
  });

  it('rounds once per order over every level filled, not per level', () => {
    // 0.003325 + 0.003948 = 0.007273 → one cent; per-level rounding would charge two.
    expect(fee(kalshi(), ['0.05', '1'], ['0.06', '1'])).toBe('0.01');
  });

  it('handles sub-penny prices and fractional contracts exactly', () => {
    expect(fee(kalshi(), ['0.955', '100'])).toBe('0.31'); // 0.300825
    expect(fee(kalshi(), ['0.50', '0.30'])).toBe('0.01'); // 0.00525
    expect(fee(kalshi(), ['0.0001', '0.01'])).toBe('0.01'); // any positive fee is at least a cent
    expect(fee(kalshi('0'), ['0.50', '100'])).toBe('0');
  });

  it('stays exact for sizes whose products pass 2^53', () => {
    // 0.07 × 123456789.01 × 0.4321 × 0.5679 in exact decimals, rounded up to the cent.
    const raw = new Decimal('0.07').times('123456789.01').times('0.4321').times('0.5679');
    expect(fee(kalshi(), ['0.4321', '123456789.01'])).toBe(raw.times(100).ceil().div(100).toFixed());
  });
});

describe('Polymarket taker fee: round_half_up_5dp(Σ c × r × (p(1−p))^e)', () => {
  it('matches clob-client-v2 feeCalculations (rate 0.25, exponent 2), rounded to 5 dp', () => {
    const m = poly('0.25', 2);
    expect(fee(m, ['0.5', '100'])).toBe('1.5625');
    expect(fee(m, ['0.3', '100'])).toBe('1.1025');
    expect(fee(m, ['0.1', '100'])).toBe('0.2025');
    expect(fee(m, ['0.05', '100'])).toBe('0.05641'); // 0.05640625
    expect(fee(m, ['0.01', '100'])).toBe('0.00245'); // 0.00245025
    expect(fee(m, ['0.5', '125.5'])).toBe('1.96094'); // 1.9609375
  });

  it('matches the exponent-1 examples of venues.md §2.10', () => {
    const m = poly('0.07', 1);
    expect(fee(m, ['0.50', '100'])).toBe('1.75');
    expect(fee(m, ['0.10', '100'])).toBe('0.63');
    expect(fee(m, ['0.01', '100'])).toBe('0.0693');
    expect(fee(m, ['0.33', '7'])).toBe('0.10834'); // 0.108339
  });

  it('rounds exactly half up at the fifth decimal', () => {
    expect(fee(poly('0.00002'), ['0.5', '1'])).toBe('0.00001'); // 0.000005 exactly
    expect(fee(poly('0.0000199'), ['0.5', '1'])).toBe('0'); // 0.000004975
    expect(fee(poly('0'), ['0.5', '1000'])).toBe('0');
  });

  it('stays exact at exponent 2 for sizes far past 2^53 in the finest unit', () => {
    const raw = new Decimal('12345678.91').times('0.25').times(new Decimal('0.3217').times('0.6783').pow(2));
    expect(fee(poly('0.25', 2), ['0.3217', '12345678.91'])).toBe(raw.toDecimalPlaces(5, Decimal.ROUND_HALF_UP).toFixed());
  });

  it('agrees with a decimal.js computation on random multi-level fills', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 9_999 }), fc.integer({ min: 1, max: 10_000_000 })), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.constantFrom(0, 1, 2, 3),
        (levels, rateMicros, e) => {
          const rate = new Decimal(rateMicros).div(1_000_000).toFixed();
          let raw = new Decimal(0);
          for (const [p, q] of levels) raw = raw.plus(new Decimal(q).div(100).times(rate).times(new Decimal(p).div(10_000).times(new Decimal(1).minus(new Decimal(p).div(10_000))).pow(e)));
          const got = feeForFills(poly(rate, e), levels.map(([p]) => p), levels.map(([, q]) => q));
          expect(new Decimal(got).div(1_000_000).toFixed()).toBe(raw.toDecimalPlaces(5, Decimal.ROUND_HALF_UP).toFixed());
        },
      ),
    );
  });
});

describe('fee parameters', () => {
  it('parses decimals into exact ratios and refuses anything else', () => {
    expect(parseRatio('0.07')).toEqual({ num: 7n, den: 100n });
    expect(parseRatio('0.0175')).toEqual({ num: 7n, den: 400n });
    expect(parseRatio('.25')).toEqual({ num: 1n, den: 4n });
    expect(ratioToString(parseRatio('0.0350') as never)).toBe('0.035');
    for (const bad of ['-0.07', '7e-2', 'abc', '', ' 0.07', '0.07.1']) expect(typeof parseRatio(bad)).toBe('string');
    expect(typeof PolymarketFeeModel.parse('0.07', 1.5)).toBe('string');
    expect(typeof PolymarketFeeModel.parse('0.07', -1)).toBe('string');
  });
});
