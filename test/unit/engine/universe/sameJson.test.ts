// A relisted market keeps its spec and its link entries only when its data is the same: equality
// of plain data must agree with node:util's deep strict equality on everything JSON can hold.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameJson } from '../../../../src/engine/universe/sameJson';

describe('sameJson', () => {
  it('agrees with deep strict equality on plain data, and on a copy of it (property)', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(isDeepStrictEqual(a, b));
        expect(sameJson(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('tells a missing field from one that is there', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(sameJson([1, [2, { x: 'y' }]], [1, [2, { x: 'y' }]])).toBe(true);
    expect(sameJson({ rules: [{ field: 'rules', text: 'A' }] }, { rules: [{ field: 'rules', text: 'B' }] })).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});
