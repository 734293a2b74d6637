import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimal, isPositiveDecimal } from '../../../src/renderer/src/lib/decimal';

/** Exact reference: scale both to a common number of decimals as BigInt. */
function reference(a: string, b: string): number {
  const scale = 12;
  const toBig = (s: string) => {
    const neg = s.startsWith('-');
    const [w, f = ''] = s.replace('-', '').split('.');
    const v = BigInt(w! + f.padEnd(scale, '0'));
    return neg ? -v : v;
  };
  const x = toBig(a);
  const y = toBig(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }), fc.nat(3))
  .map(([neg, whole, frac, zeros]) => `${neg ? '-' : ''}${'0'.repeat(zeros)}${whole}${frac === undefined ? '' : `.${frac}`}`);

describe('compareDecimal', () => {
  it('orders decimal strings exactly as their values, whatever the padding and sign', () => {
    fc.assert(fc.property(decimal, decimal, (a, b) => compareDecimal(a, b) === reference(a, b)));
  });

  it('treats -0, 0.000 and 0 as equal, and tells apart values a float would merge', () => {
    expect(compareDecimal('-0', '0.000')).toBe(0);
    expect(compareDecimal('0.1000000000001', '0.1')).toBe(1);
    expect(compareDecimal('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimal('-2.5', '-2.45')).toBe(-1);
  });

  it('refuses what is not a decimal string rather than guessing', () => {
    expect(() => compareDecimal('1e3', '1')).toThrow(/not a decimal/);
    expect(() => compareDecimal('1', '')).toThrow(/not a decimal/);
    expect(isPositiveDecimal('0.0001')).toBe(true);
    expect(isPositiveDecimal('0')).toBe(false);
    expect(isPositiveDecimal('-1')).toBe(false);
  });
});
