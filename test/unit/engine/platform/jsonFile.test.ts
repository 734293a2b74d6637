// The discovery cache of a whole universe is tens of megabytes: written piecewise, it must still be
// exactly the JSON a single JSON.stringify writes (it is read back with JSON.parse and a schema).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeLargeJsonFile } from '../../../../src/engine/platform/jsonFile';
import { tempDir } from '../../../helpers/tempDir';

describe('writeLargeJsonFile', () => {
  it('writes what JSON.stringify writes, for long arrays and nested objects alike', async () => {
    const dir = tempDir();
    try {
      const file = path.join(dir.path, 'cache.json');
      const leaf = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(undefined));
      const market = fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), leaf)));
      const value = fc.record({ version: fc.integer(), entries: fc.array(fc.record({ venue: fc.string(), skip: fc.constant(undefined), discovery: fc.record({ markets: fc.array(market, { minLength: 0, maxLength: 700 }), sets: fc.array(leaf, { maxLength: 300 }) }) }), { maxLength: 3 }) });
      await fc.assert(
        fc.asyncProperty(value, async (v) => {
          await writeLargeJsonFile(file, v);
          expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(v)}\n`);
        }),
        { numRuns: 40 },
      );
    } finally {
      dir.remove();
    }
  });
});
