// The simulator's look-alike pairs whose rules differ (src/sim/world/variants.ts): the spec
// comparison names each difference, so no such pair is ever suggested as the same contract.
import { describe, expect, it } from 'vitest';
import { relateSpecs } from '../../../../src/engine/specs';
import { specOfMarket } from '../../../../src/engine/universe/specCache';
import type { MarketRef } from '../../../../src/shared/ids';
import { simCatalog } from '../../../helpers/simMarkets';

describe('the simulator’s look-alike pairs with different rules', () => {
  for (const seed of ['default', 'long-30', 'variants-7']) {
    it(`seed ${seed}: every world lists a different source, ≥ against >, and a time-zone shift, and the comparison names each`, () => {
      const c = simCatalog(seed, 30);
      const byRef = new Map([...c.kalshi, ...c.polymarket].map((m) => [m.ref, m]));
      const pairs = c.universe.relations.differentRules;
      const kinds = new Set(pairs.flatMap((p) => p.differs));
      for (const field of ['source', 'comparator', 'time', 'timezone']) expect(kinds.has(field)).toBe(true);
      for (const pair of pairs) {
        const k = byRef.get(`kalshi:${pair.kalshi}` as MarketRef)!;
        const p = byRef.get(`polymarket:${pair.polymarket}` as MarketRef)!;
        const r = relateSpecs(specOfMarket(k), specOfMarket(p));
        expect({ pair: `${k.title} ⇔ ${p.title}`, relation: r.relation }).not.toMatchObject({ relation: 'identical' });
        for (const field of pair.differs) expect({ pair: k.title, differing: r.differing }).toMatchObject({ differing: expect.arrayContaining([field]) });
      }
    });
  }
});
