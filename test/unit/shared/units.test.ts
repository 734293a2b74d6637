import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  complement, formatMicros, formatPrice, formatQty, notional, parsePrice, parseQty, parseScaled, parseSignedQty,
  type Price, type Qty,
} from '../../../src/shared/units';

describe('units', () => {
  it('parses venue price strings exactly onto the $0.0001 grid', () => {
    expect(parsePrice('0.4500')).toEqual({ ok: true, value: 4500 });
    expect(parsePrice('0.45')).toEqual({ ok: true, value: 4500 });
    expect(parsePrice('.48')).toEqual({ ok: true, value: 4800 });
    expect(parsePrice('0.960')).toEqual({ ok: true, value: 9600 });
    expect(parsePrice('0.0056')).toEqual({ ok: true, value: 56 });
    expect(parsePrice('0.450000')).toEqual({ ok: true, value: 4500 });
  });

  it('refuses prices that are not on the grid or not numbers, saying why', () => {
    expect(parsePrice('0.12345')).toEqual({ ok: false, reason: 'more than 4 decimal places' });
    expect(parsePrice('-0.5')).toEqual({ ok: false, reason: 'negative' });
    for (const bad of ['', 'abc', '1e-2', '0.5.1', ' 0.5', '.', '0,5']) expect(parsePrice(bad).ok).toBe(false);
  });

  it('parses Kalshi fixed-point counts and floors finer book sizes', () => {
    expect(parseQty('10.00')).toEqual({ ok: true, value: 1000 });
    expect(parseQty('40')).toEqual({ ok: true, value: 4000 });
    expect(parseQty('0.01')).toEqual({ ok: true, value: 1 });
    expect(parseQty('12.8205').ok).toBe(false);
    expect(parseQty('12.8205', 'floor')).toEqual({ ok: true, value: 1282 });
    expect(parseSignedQty('-54.00')).toEqual({ ok: true, value: -5400 });
    expect(parseSignedQty('5.00')).toEqual({ ok: true, value: 500 });
  });

  it('formats back to the exact decimal', () => {
    expect(formatPrice(4500 as Price)).toBe('0.4500');
    expect(formatQty(1282 as Qty)).toBe('12.82');
    expect(formatMicros(notional(4500 as Price, 4000 as Qty))).toBe('18.000000');
    expect(formatMicros(-1_300_000 as never)).toBe('-1.300000');
  });

  it('derives the binary complement', () => {
    expect(complement(5500 as Price)).toBe(4500);
  });

  it('round-trips every scaled integer through format and parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        const text = formatMicros(n as never).replace(/0+$/, '').replace(/\.$/, '');
        const back = parseScaled(text, 6);
        return back.ok && back.value === n;
      }),
    );
  });
});
