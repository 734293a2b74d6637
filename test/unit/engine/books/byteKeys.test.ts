// Books are found by the bytes of their key as they sit in a message: every indexed key must be
// found, anything else must find nothing (the line then takes the parsed route).
import { describe, expect, it } from 'vitest';
import { ByteKeyIndex, hashBytes } from '../../../../src/engine/books/byteKeys';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function lookup<T>(index: ByteKeyIndex<T>, key: string, padding = 3): T | undefined {
  // The key in the middle of a longer message, as the decoder sees it.
  const bytes = ascii(`${'x'.repeat(padding)}${key}"}`);
  return index.get(bytes, padding, padding + key.length, hashBytes(bytes, padding, padding + key.length));
}

describe('ByteKeyIndex', () => {
  it('finds each of thousands of tickers and token ids by their bytes, and nothing for a key it does not hold', () => {
    const index = new ByteKeyIndex<number>();
    const keys = Array.from({ length: 5_000 }, (_, i) => (i % 2 === 0 ? `KXBENCH-${String(i).padStart(5, '0')}` : String(7_000_000_000 + i)));
    keys.forEach((k, i) => index.set(k, i));
    keys.forEach((k, i) => expect(lookup(index, k, i % 7)).toBe(i));
    for (const absent of ['KXBENCH-99999', '7000005001', '', 'KXBENCH-0000', 'KXBENCH-000000']) expect(lookup(index, absent)).toBeUndefined();
  });

  it('tells apart keys whose hashes are equal', () => {
    // Two keys of the same length whose 30-bit hashes collide, found by search.
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; pair === null; i++) {
      const key = `T${i.toString(36)}`;
      const b = ascii(key);
      const h = hashBytes(b, 0, b.length);
      const other = seen.get(h);
      if (other !== undefined && other.length === key.length) pair = [other, key];
      else seen.set(h, key);
    }
    const index = new ByteKeyIndex<string>();
    index.set(pair[0], 'first');
    expect(lookup(index, pair[1])).toBeUndefined();
    index.set(pair[1], 'second');
    expect(lookup(index, pair[0])).toBe('first');
    expect(lookup(index, pair[1])).toBe('second');
  });

  it('gives the latest value of a key indexed twice, and never holds a non-ASCII key', () => {
    const index = new ByteKeyIndex<string>();
    index.set('K0', 'old');
    index.set('K0', 'new');
    expect(lookup(index, 'K0')).toBe('new');
    index.set('K1é', 'accented');
    const bytes = new TextEncoder().encode('K1é');
    expect(index.get(bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length))).toBeUndefined();
  });
});
