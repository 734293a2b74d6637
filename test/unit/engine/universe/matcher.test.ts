import { describe, expect, it } from 'vitest';
import type { MarketRef } from '../../../../src/shared/ids';
import { scoreOf, suggestLinks, suggestLinksInSlices, DEFAULT_SUGGEST_THRESHOLD } from '../../../../src/engine/universe/matcher';
import { extractDates, extractNames, extractNumbers, foldRateSteps } from '../../../../src/engine/universe/marketText';
import { kalshiMarket, polymarketMarket } from '../../../helpers/fakeVenue';
import { simCatalog } from '../../../helpers/simMarkets';

const SEEDS = ['arbdesk', 's1', 's2', 's3', 's4', 'matcher-7'];

describe('reading market wording', () => {
  it('finds the numbers a title is about, not its dates or times', () => {
    expect(extractNumbers('Will Bitcoin be above $105,000 on March 5, 2031 at 5pm EDT?')).toEqual([105000]);
    expect(extractNumbers('Will annual inflation be above 2.8% in March?')).toEqual([2.8]);
    expect(extractNumbers('Will the highest temperature in Lakeport be 76°F or higher on June 5?')).toEqual([76]);
    expect(extractNumbers(foldRateSteps('Will the Fed cut rates by more than 25 bps?'))).toEqual([50]);
  });

  it('reads dates with and without a day, and not "may" the verb', () => {
    expect(extractDates('before Feb 1, 2031')).toEqual([{ month: 1, day: 1, year: 2031 }]);
    expect(extractDates('in March')).toEqual([{ month: 2, day: null, year: null }]);
    expect(extractDates('Prices may rise')).toEqual([]);
  });

  it('finds proper names, accents included, and skips sentence boilerplate', () => {
    expect([...extractNames('Will Emerson Valdés win the 2031 Port Ellery mayoral election?')].sort()).toEqual(['ellery', 'emerson', 'port', 'valdés']);
  });
});

describe('the cross-venue matcher on the simulator’s worlds', () => {
  for (const seed of SEEDS) {
    it(`${seed}: scores every true pair above every lookalike, and suggests all true pairs and no lookalike`, () => {
      const c = simCatalog(seed, 60);
      const all = [...c.kalshi, ...c.polymarket];
      const byRef = new Map(all.map((m) => [m.ref, m]));
      const pair = ([k, p]: readonly [string, string]) => scoreOf(byRef.get(`kalshi:${k}` as MarketRef)!, byRef.get(`polymarket:${p}` as MarketRef)!, all);
      const trueScores = c.universe.relations.equivalent.map(pair).map((s) => s.score);
      const lookalikeScores = c.universe.relations.lookalikes.map(pair).map((s) => s.score);
      expect(trueScores.length).toBeGreaterThan(10);
      expect(lookalikeScores.length).toBeGreaterThan(0);
      expect(Math.min(...trueScores)).toBeGreaterThan(Math.max(...lookalikeScores));
      expect(Math.min(...trueScores)).toBeGreaterThanOrEqual(DEFAULT_SUGGEST_THRESHOLD);
      expect(Math.max(...lookalikeScores)).toBeLessThan(DEFAULT_SUGGEST_THRESHOLD);

      const suggested = new Set(suggestLinks(c.kalshi, c.polymarket).map((s) => `${s.a}|${s.b}`));
      for (const [k, p] of c.universe.relations.equivalent) expect(suggested.has(`kalshi:${k}|polymarket:${p}`)).toBe(true);
      for (const [k, p] of c.universe.relations.lookalikes) expect(suggested.has(`kalshi:${k}|polymarket:${p}`)).toBe(false);
    });
  }

  it('pairs each outcome of an exclusive event with its own counterpart, never with a rival', () => {
    const c = simCatalog('arbdesk', 60);
    const truth = new Map(c.universe.relations.equivalent.map(([k, p]) => [`kalshi:${k}`, `polymarket:${p}`]));
    const exclusiveKalshi = new Set(c.universe.relations.exclusive.filter((s) => s.members[0]!.startsWith('kalshi:')).flatMap((s) => s.members));
    const suggestions = suggestLinks(c.kalshi, c.polymarket).filter((s) => exclusiveKalshi.has(s.a));
    expect(suggestions.length).toBeGreaterThan(5);
    for (const s of suggestions) expect(s.b).toBe(truth.get(s.a));
  });

  it('explains a score in plain words, and keeps taken and rejected pairs out', () => {
    const close = Date.UTC(2031, 4, 31, 23, 59);
    const k = kalshiMarket('KXBTCMAX-31MAY', { title: 'Will Bitcoin reach $170,000 before Jun 1, 2031?', eventTitle: 'Bitcoin highs', closeTime: close, category: 'Crypto' });
    const same = polymarketMarket('0x1', '1', '2', { title: 'Will Bitcoin hit $170,000 by May 31?', eventTitle: 'Will Bitcoin hit $170,000 by May 31?', closeTime: close + 3_600_000, category: 'Crypto' });
    const higher = polymarketMarket('0x2', '3', '4', { title: 'Will Bitcoin hit $180,000 by May 31?', eventTitle: 'Will Bitcoin hit $180,000 by May 31?', closeTime: close + 3_600_000, category: 'Crypto' });
    const later = polymarketMarket('0x3', '5', '6', { title: 'Will Bitcoin hit $170,000 by July 31?', eventTitle: 'Will Bitcoin hit $170,000 by July 31?', closeTime: Date.UTC(2031, 6, 31, 23, 59), category: 'Crypto' });
    const all = [k, same, higher, later];
    const good = scoreOf(k, same, all);
    expect(good.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^close times 1 h apart/), 'same numbers: 170,000', 'same names: bitcoin']));
    expect(scoreOf(k, higher, all).reasons).toContain('numbers differ: Kalshi 170,000, Polymarket 180,000');
    expect(scoreOf(k, later, all).reasons.join(' ')).toMatch(/likely different dates/);
    expect(suggestLinks([k], [same, higher, later]).map((s) => s.b)).toEqual([same.ref]);
    expect(suggestLinks([k], [same, higher, later], { exclude: (a, b) => a === k.ref && b === same.ref })).toEqual([]);
    expect(suggestLinks([k], [same], { taken: new Set([same.ref]) })).toEqual([]);
  });

  it('tells a cut from a hike', () => {
    const close = Date.UTC(2031, 2, 18);
    const cut = kalshiMarket('KXFED-C25', { title: 'Will the Fed cut rates by 25 bps at the March 2031 meeting?', eventTitle: 'Fed decision in Mar 2031', closeTime: close });
    const hike = polymarketMarket('0xh', '1', '2', { title: 'Fed increases interest rates by 25 bps after March 2031 meeting?', eventTitle: 'Fed decision in March?', closeTime: close });
    const decrease = polymarketMarket('0xd', '3', '4', { title: 'Fed decreases interest rates by 25 bps after March 2031 meeting?', eventTitle: 'Fed decision in March?', closeTime: close });
    const all = [cut, hike, decrease];
    expect(scoreOf(cut, hike, all).reasons).toContain('opposite directions: cut on Kalshi, hike on Polymarket');
    expect(scoreOf(cut, decrease, all).score).toBeGreaterThan(scoreOf(cut, hike, all).score * 5);
  });

  it('matches in slices, letting the event loop turn, to the same suggestions; a superseded run stops', async () => {
    const c = simCatalog('slices', 120);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const sliced = await suggestLinksInSlices(c.kalshi, c.polymarket, {}, 1);
    clearInterval(ticker);
    expect(sliced).toEqual(suggestLinks(c.kalshi, c.polymarket));
    expect(turns).toBeGreaterThan(0);
    expect(await suggestLinksInSlices(c.kalshi, c.polymarket, {}, 1, () => true)).toBeNull();
  });

  it('stopped after every piece of work (a market prepared, ranked or a candidate scored), still finds the same suggestions', async () => {
    const c = simCatalog('slices', 60);
    expect(await suggestLinksInSlices(c.kalshi, c.polymarket, {}, 0)).toEqual(suggestLinks(c.kalshi, c.polymarket));
  });
});

describe('settlement sources', () => {
  it('never scores a pair settled on different sources green, and says why (CF Benchmarks vs Binance)', () => {
    for (const seed of SEEDS) {
      const c = simCatalog(seed, 60);
      const all = [...c.kalshi, ...c.polymarket];
      const byRef = new Map(all.map((m) => [m.ref, m]));
      for (const [k, p] of c.universe.relations.differentSource) {
        const s = scoreOf(byRef.get(`kalshi:${k}` as MarketRef)!, byRef.get(`polymarket:${p}` as MarketRef)!, all);
        expect(s.score).toBeLessThan(0.85);
        expect(s.reasons.join(' ')).toMatch(/settlement sources differ: CF Benchmarks.* \/ Binance/);
      }
    }
  });
});
