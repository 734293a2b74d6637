import { describe, expect, it } from 'vitest';
import { feeForFills } from '../../../../src/engine/fees/feeModel';
import { PmUsFeeModel } from '../../../../src/engine/venues/polymarket-us/feeModel';
import { pmUsFees } from '../../../../src/engine/venues/polymarket-us/fees';

// Docs fees.md (effective 2026-09-25; next-venues.md §1.9): Fee = Θ × C × p × (1 − p), taker
// Θ = 0.0695, "Max (p = $0.50)" $1.74 per 100 contracts; rounded to the cent, banker's rounding.
const model = () => {
  const m = PmUsFeeModel.parse('0.0695');
  if (typeof m === 'string') throw new Error(m);
  return m;
};

describe('Polymarket US fee model', () => {
  it('charges the published maximum at p = 0.50: 100 contracts cost $1.74 (exact $1.7375)', () => {
    expect(feeForFills(model(), [5_000], [10_000])).toBe(1_740_000);
  });

  it('prices buying NO at 0.83 as the YES trade at 0.17 it is: the same p(1 − p)', () => {
    // 10 × 0.17 × 0.83 × 0.0695 = 0.0980645 → $0.10
    expect(feeForFills(model(), [1_700], [1_000])).toBe(100_000);
    expect(feeForFills(model(), [8_300], [1_000])).toBe(100_000);
  });

  it('sums an order\'s levels before its one rounding, and never charges less than the venue', () => {
    // 3 × 0.40 × 0.60 × 0.0695 = 0.050040 and 1 × 0.45 × 0.55 × 0.0695 = 0.017200…: $0.067240… → $0.07
    expect(feeForFills(model(), [4_000, 4_500], [300, 100])).toBe(70_000);
    // An exact half cent: 2 contracts × 0.5 × 0.5 × Θ=0.01 = $0.005 — banker's gives $0.00, we count $0.01.
    const half = PmUsFeeModel.parse('0.01');
    if (typeof half === 'string') throw new Error(half);
    expect(feeForFills(half, [5_000], [200])).toBe(10_000);
  });

  it('reads each market\'s own coefficient, and refuses to price a market without one', () => {
    const tableTennis = pmUsFees.models({ feeCoefficient: '0.10' }, 0, 'collateral');
    if (typeof tableTennis === 'string') throw new Error(tableTennis);
    expect(tableTennis.taker.exact).toEqual({ coefficient: '0.1', exponent: 1 });
    expect(tableTennis.maker).toBeNull();
    expect(pmUsFees.models({}, 0, 'collateral')).toMatch(/fee coefficient missing/);
    expect(pmUsFees.models({ feeCoefficient: '-0.0125' }, 0, 'collateral')).toMatch(/not a non-negative decimal/);
  });
});
