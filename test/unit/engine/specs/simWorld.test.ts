// The simulator's world against the spec parser: no pair the world holds to be the same
// proposition is judged "different". Some do need an override, as they would on the real venues:
// Kalshi's "above 5899.99" against "5,900 or higher" is the same only on a one-cent grid, and
// "cut by more than 25 bps" against "50+ bps decrease" only because the Fed moves in 25 bp steps —
// facts the specs do not state, which the trader gives as the override's reason.
import { describe, expect, it } from 'vitest';
import { conflicts, relateSpecs } from '../../../../src/engine/specs';
import { specOfMarket } from '../../../../src/engine/universe/specCache';
import type { MarketRef } from '../../../../src/shared/ids';
import { simCatalog } from '../../../helpers/simMarkets';

describe('the simulator’s equivalent pairs', () => {
  for (const seed of ['default', 'long-30']) {
    it(`seed ${seed}: none is judged different; an override is only asked on comparator and threshold`, () => {
      const c = simCatalog(seed, 40);
      const byRef = new Map([...c.kalshi, ...c.polymarket].map((m) => [m.ref, m]));
      const pairs = (c.universe.relations.equivalent as [string, string][]).map(([k, p]) => [byRef.get(`kalshi:${k}` as MarketRef), byRef.get(`polymarket:${p}` as MarketRef)] as const);
      expect(pairs.length).toBeGreaterThan(0);
      for (const [k, p] of pairs) {
        expect(k && p).toBeTruthy();
        const a = specOfMarket(k!);
        const b = specOfMarket(p!);
        expect({ pair: `${k!.title} ⇔ ${p!.title}`, relation: relateSpecs(a, b).relation }).not.toMatchObject({ relation: 'different' });
        expect(conflicts(a, b, 'identical').filter((f) => f !== 'comparator' && f !== 'threshold')).toEqual([]);
      }
    });
  }
});
