// Both specs side by side in the opportunity detail: a field the two venues state differently is
// marked, one the parser could not read says "unknown", and the comparator is spelled out so
// "above" and "at or above" cannot be mistaken. Specs from the simulator's "above 4.3%" against
// "4.3% or higher" pair, parsed and compared by the engine's own code.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MarketLink } from '../../../src/shared/contract';
import { relateSpecs } from '../../../src/engine/specs';
import { specOfMarket } from '../../../src/engine/universe/specCache';
import { SpecsSideBySide } from '../../../src/renderer/src/trade/SpecsSideBySide';
import { linkOfOpportunity } from '../../../src/renderer/src/trade/specText';
import type { MarketRef } from '../../../src/shared/ids';
import { simCatalog } from '../../helpers/simMarkets';

function comparatorPair(): MarketLink {
  const c = simCatalog('default', 30);
  const pair = c.universe.relations.differentRules.find((p) => p.differs.includes('comparator'))!;
  const k = c.kalshi.find((m) => m.ref === (`kalshi:${pair.kalshi}` as MarketRef))!;
  const p = c.polymarket.find((m) => m.ref === (`polymarket:${pair.polymarket}` as MarketRef))!;
  const [a, b] = [specOfMarket(k), specOfMarket(p)];
  const comparison = relateSpecs(a, b);
  const side = (m: typeof k, spec: typeof a) => ({ market: m.ref, venue: m.venue, title: m.title, rules: m.rules, closeTime: m.closeTime, spec });
  return {
    id: 'L1', sides: [side(k, a), side(p, b)], score: 0.5, reasons: [], status: 'confirmed', decidedAt: 1, relation: 'implies_a_to_b',
    comparison: { relation: comparison.relation, differing: comparison.differing, unknown: comparison.unknown }, conflicts: [],
    override: null, suspension: null,
  } as MarketLink;
}

describe('contract specs side by side', () => {
  it('marks the differing comparator, spells both out, and names the relation', () => {
    const link = comparatorPair();
    const html = renderToStaticMarkup(createElement(SpecsSideBySide, { link }));
    expect(html).toMatch(/<tr class="spec-differs" data-field="Comparator"><th scope="row">Comparator<\/th><td>&gt; \(above\)<\/td><td>≥ \(at or above\)<\/td><\/tr>/);
    expect(html).toMatch(/<tr class="" data-field="Threshold"><th scope="row">Threshold<\/th><td>4\.\d %<\/td><td>4\.\d %<\/td><\/tr>/);
    expect(html).toContain('differs in comparator');
    // Venue names come from the engine's manifests in the app; here the ids stand in.
    expect(html).toMatch(/Link confirmed as <b>kalshi ⇒ polymarket<\/b>/i);
  });

  it('shows an unreadable field as unknown, and says when the specs are not there', () => {
    const link = comparatorPair();
    const unknownDispute = { ...link, sides: [link.sides[0], { ...link.sides[1], spec: { ...link.sides[1].spec!, dispute: 'unknown' as const } }] } as MarketLink;
    expect(renderToStaticMarkup(createElement(SpecsSideBySide, { link: unknownDispute }))).toMatch(/<tr class="spec-unknown" data-field="Dispute">.*<td>unknown · status /);
    const unlisted = { ...link, sides: [{ ...link.sides[0], spec: undefined }, link.sides[1]] } as MarketLink;
    expect(renderToStaticMarkup(createElement(SpecsSideBySide, { link: unlisted }))).toContain('The specs show once both markets are listed again.');
  });

  it('finds the link a basket relies on: both its markets among the legs, a confirmed one first', () => {
    const link = comparatorPair();
    const legs = link.sides.map((s) => ({ market: s.market }));
    const suggested = { ...link, id: 'L0', status: 'suggested' as const };
    expect(linkOfOpportunity([suggested, link], { legs } as never)?.id).toBe('L1');
    expect(linkOfOpportunity([link], { legs: [legs[0]] } as never)).toBeNull();
    expect(linkOfOpportunity([link], { legs: [legs[0], { market: 'kalshi:OTHER' }] } as never)).toBeNull();
  });
});
