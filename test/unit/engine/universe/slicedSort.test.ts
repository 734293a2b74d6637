// Matching sorts every scored pair (hundreds of thousands at the whole universe's scale) a piece at
// a time; whatever the pieces, the order must be Array.prototype.sort's — ties kept in the order
// they were scored — or the one-to-one suggestions would change with the slice size.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlicedSort } from '../../../../src/engine/universe/slicedSort';

interface Scored {
  score: number;
  ref: string;
  at: number;
}

/** As the matcher compares: best score first, then side a's ref; never 0, so ties rely on stability. */
const compare = (a: Scored, b: Scored) => b.score - a.score || (a.ref < b.ref ? -1 : 1);

describe('sliced sort', () => {
  it('sorts as Array.prototype.sort does, whatever the run length and however often it stops (property)', () => {
    const item = fc.record({ score: fc.integer({ min: 0, max: 5 }).map((n) => n / 10), ref: fc.constantFrom('a', 'b', 'c') });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 300 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 3 }), (drawn, run, every) => {
        const items = drawn.map((d, at) => ({ ...d, at }));
        const sort = new SlicedSort(items, compare, run);
        let asks = 0;
        let result: Scored[] | null = null;
        for (let pieces = 0; result === null; pieces++) {
          result = sort.step(() => every === 0 || ++asks % every === 0);
          expect(pieces).toBeLessThan(10_000);
        }
        expect(result).toEqual([...items].sort(compare));
        expect(items.map((x) => x.at)).toEqual(items.map((_, i) => i));
      }),
      { numRuns: 200 },
    );
  });

  it('sorts nothing to nothing at once', () => {
    expect(new SlicedSort<number>([], (a, b) => a - b).step(() => true)).toEqual([]);
  });
});
