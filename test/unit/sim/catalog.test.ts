import { describe, expect, it } from 'vitest';
import { buildUniverse } from '../../../src/sim/world/catalog';

describe('the simulated catalog', () => {
  const u = buildUniverse('catalog-seed', 40);

  it('is the same for the same seed and size, and different for another seed', () => {
    const again = buildUniverse('catalog-seed', 40);
    expect(again.kalshi.markets.map((m) => [m.ticker, m.title, m.rulesPrimary])).toEqual(u.kalshi.markets.map((m) => [m.ticker, m.title, m.rulesPrimary]));
    expect(again.polymarket.markets.map((m) => [m.conditionId, m.question, m.yesTokenId])).toEqual(u.polymarket.markets.map((m) => [m.conditionId, m.question, m.yesTokenId]));
    expect(buildUniverse('other-seed', 40).polymarket.markets.map((m) => m.conditionId)).not.toEqual(u.polymarket.markets.map((m) => m.conditionId));
  });

  it('lists about the requested number of markets, with every kind of group', () => {
    expect(u.kalshi.markets.length).toBeGreaterThanOrEqual(40);
    expect(u.kalshi.markets.length).toBeLessThan(60);
    expect(new Set(u.groups.map((g) => g.kind))).toEqual(new Set(['binary', 'exclusive', 'ladder']));
    expect(u.kalshi.events.some((e) => e.mutuallyExclusive)).toBe(true);
    expect(u.polymarket.events.some((e) => e.negRisk)).toBe(true);
  });

  it('has unique identifiers in the venues’ formats', () => {
    const tickers = u.kalshi.markets.map((m) => m.ticker);
    expect(new Set(tickers).size).toBe(tickers.length);
    for (const m of u.polymarket.markets) {
      expect(m.conditionId).toMatch(/^0x[0-9a-f]{64}$/);
      expect(m.yesTokenId).toMatch(/^\d{60,78}$/);
      expect(m.noTokenId).not.toBe(m.yesTokenId);
    }
    const conditions = u.polymarket.markets.map((m) => m.conditionId);
    expect(new Set(conditions).size).toBe(conditions.length);
  });

  it('pairs equivalent markets by proposition, worded differently on each venue', () => {
    expect(u.relations.equivalent.length).toBeGreaterThan(10);
    for (const [ticker, conditionId] of u.relations.equivalent) {
      const k = u.kalshi.markets.find((m) => m.ticker === ticker)!;
      const p = u.polymarket.markets.find((m) => m.conditionId === conditionId)!;
      expect(k.propositionId).toBe(p.propositionId);
      expect(k.title).not.toBe(p.question);
      expect(k.rulesPrimary).not.toBe(p.description);
    }
  });

  it('records lookalikes that are not equivalent, exclusive sets and monotone ladders', () => {
    for (const [ticker, conditionId] of u.relations.lookalikes) {
      const k = u.kalshi.markets.find((m) => m.ticker === ticker)!;
      const p = u.polymarket.markets.find((m) => m.conditionId === conditionId)!;
      expect(k.propositionId).not.toBe(p.propositionId);
      expect(u.relations.equivalent.some(([t, c]) => t === ticker && c === conditionId)).toBe(false);
    }
    for (const set of u.relations.exclusive) {
      const groups = new Set(set.members.map((ref) => [...u.kalshi.markets, ...u.polymarket.markets].find((m) => m.key === ref)!.propositionId.split('.')[0]));
      expect(groups.size).toBe(1);
    }
    const augmented = u.polymarket.events.filter((e) => e.negRiskAugmented);
    for (const e of augmented) expect(u.polymarket.markets.filter((m) => e.conditionIds.includes(m.conditionId)).some((m) => m.isOther)).toBe(true);
    const all = [...u.kalshi.markets, ...u.polymarket.markets];
    for (const imp of u.relations.implies) {
      const a = u.propositions.get(all.find((m) => m.key === imp.if)!.propositionId)!;
      const b = u.propositions.get(all.find((m) => m.key === imp.then)!.propositionId)!;
      expect(a.groupId).toBe(b.groupId);
      expect(a.strike!).toBeGreaterThan(b.strike!);
    }
  });
});

describe('settlement sources in the simulated catalog', () => {
  it('gives true equivalents the same source on both venues, and never calls pairs on different sources equivalent', async () => {
    const { simCatalog } = await import('../../helpers/simMarkets');
    const { settlementSources } = await import('../../../src/engine/universe/marketName');
    const { sourcesAgree } = await import('../../../src/shared/sources');
    for (const seed of ['arbdesk', 's1', 's2']) {
      const c = simCatalog(seed, 60);
      const byId = new Map([...c.kalshi, ...c.polymarket].map((m) => [m.id, m]));
      const agree = ([k, p]: readonly [string, string]) => sourcesAgree(settlementSources(byId.get(k)!), settlementSources(byId.get(p)!));
      for (const pair of c.universe.relations.equivalent) expect(agree(pair)).toBe(true);
      expect(c.universe.relations.differentSource.length).toBeGreaterThan(0);
      for (const pair of c.universe.relations.differentSource) {
        expect(agree(pair)).toBe(false);
        expect(c.universe.relations.equivalent.some(([k, p]) => k === pair[0] && p === pair[1])).toBe(false);
      }
    }
  });
});
