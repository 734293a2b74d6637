// Market references are made once per market and handed out again: whatever the id (a numeric
// one, one that looks like an object key, a long hex condition id), the reference is the venue,
// a colon and the id, and reads back as both.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marketRef, parseMarketRef, venueOf } from '../../../src/shared/ids';

describe('a market reference', () => {
  it('is the venue, a colon and the id, every time it is made', () => {
    const id = `0x${'ab'.repeat(32)}`;
    const first = marketRef('polymarket', id);
    expect(first).toBe(`polymarket:${id}`);
    expect(marketRef('polymarket', `0x${'ab'.repeat(32)}`)).toBe(first);
    expect(marketRef('kalshi', id)).toBe(`kalshi:${id}`);
  });

  it('keeps ids that look like numbers or object keys as they are', () => {
    for (const id of ['123', '007', '__proto__', 'constructor', 'toString', '1e3', '-1', ' spaced ']) {
      expect(marketRef('kalshi', id)).toBe(`kalshi:${id}`);
      expect(parseMarketRef(marketRef('kalshi', id))).toEqual({ venue: 'kalshi', id });
    }
  });

  it('reads back as its venue and id, for any id (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (id) => {
        const ref = marketRef('polymarket', id);
        expect(ref).toBe(`polymarket:${id}`);
        expect(venueOf(ref)).toBe('polymarket');
        expect(parseMarketRef(ref)).toEqual({ venue: 'polymarket', id });
      }),
    );
  });
});
