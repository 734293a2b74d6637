// How a cross-venue link is trusted: its relation is computed from the two markets' contract
// specs (real rules texts from test/unit/engine/specs/corpus.ts), confirming it against a known
// differing field needs an override with a reason kept with the link, the scanner trades it as
// its relation says, and a change of either market's terms suspends it until confirmed again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarketRef } from '../../../../src/shared/ids';
import type { MarketInfo, MarketTerms } from '../../../../src/engine/venues/venue';
import { kalshiSpecInput, kalshiSpecInputFromFile } from '../../../../src/engine/venues/kalshi/contractSpec';
import { polymarketSpecInputFromFile } from '../../../../src/engine/venues/polymarket/contractSpec';
import { LinkBook, linkId, linkRelations } from '../../../../src/engine/universe/linkBook';
import { termChanges, fingerprint } from '../../../../src/engine/universe/linkTerms';
import { crossVenue } from '../../../../src/engine/strategies/cross_venue';
import { kalshiMarket, polymarketMarket } from '../../../helpers/fakeVenue';
import { tempDir } from '../../../helpers/tempDir';
import { CORPUS } from '../specs/corpus';

const base = CORPUS.kalshiBtcDaily!.payload.market as Record<string, unknown>;
const CF = [{ name: 'CF Benchmarks', url: null }];

/** The real KXBTCD market with its strike changed (as in specs/relate.test.ts). */
function btcStrike(type: string, value: number, words: string) {
  const rules = (base.rules_primary as string).replace('is above 115749.99', `is ${words} ${value}`);
  return kalshiSpecInput({ ...base, ticker: `K-${type}-${value}`, strike_type: type, floor_strike: value, cap_strike: value, rules_primary: rules }, { sources: CF });
}

const k100 = kalshiMarket('KXBTCD-A100', { rules: 'above 100', specInput: btcStrike('greater', 100, 'above') });
// The same Kalshi contract under other tickers: a market is in one confirmed link at a time.
const k100b = { ...k100, ref: 'kalshi:KXBTCD-B100' as MarketRef, id: 'KXBTCD-B100' };
const k100c = { ...k100, ref: 'kalshi:KXBTCD-C100' as MarketRef, id: 'KXBTCD-C100' };
const pSame = polymarketMarket('0xsame', '1', '2', { rules: 'above 100', specInput: btcStrike('greater', 100, 'above') });
const pOpposite = polymarketMarket('0xopp', '3', '4', { rules: 'at or below 100', specInput: btcStrike('less_or_equal', 100, 'at or below') });
const pHigher = polymarketMarket('0xhigh', '5', '6', { rules: 'above 120', specInput: btcStrike('greater', 120, 'above') });
// The trap from the issue: BRTI at 5 PM EDT on Kalshi vs a Binance 1-minute candle at noon ET on Polymarket.
const kSep18 = kalshiMarket('KXBTCD-SEP18', { specInput: kalshiSpecInputFromFile(CORPUS.kalshiBtcSep18!.payload) });
const pSep18 = polymarketMarket('0xsep18', '7', '8', { specInput: polymarketSpecInputFromFile(CORPUS.polymarketBtcSep18!.payload) });

describe('link trust', () => {
  let dir: ReturnType<typeof tempDir>;
  let listed: Map<MarketRef, MarketInfo>;
  let clock: number;
  const book = () => new LinkBook(dir.path, (ref) => listed.get(ref), () => clock);
  const suggest = (b: LinkBook, pairs: [MarketInfo, MarketInfo][]) =>
    b.setSuggestions(pairs.map(([k, p]) => ({ a: k.ref, b: p.ref, score: 0.9, reasons: ['titles alike'] })));
  beforeEach(() => {
    dir = tempDir();
    listed = new Map([k100, k100b, k100c, pSame, pOpposite, pHigher, kSep18, pSep18].map((m) => [m.ref, m]));
    clock = 1_000;
  });
  afterEach(() => dir.remove());

  it('a suggestion carries the relation its specs support, and the fields that contradict it', () => {
    const b = book();
    suggest(b, [[k100, pSame], [k100, pOpposite], [k100, pHigher], [kSep18, pSep18]]);
    const by = new Map(b.links().map((l) => [l.sides[1].market, l]));
    expect(by.get(pSame.ref)).toMatchObject({ relation: 'identical', conflicts: [], comparison: { differing: [] } });
    expect(by.get(pOpposite.ref)).toMatchObject({ relation: 'complementary', conflicts: [] });
    // K > 100 does not imply > 120; > 120 implies > 100: B ⇒ A.
    expect(by.get(pHigher.ref)).toMatchObject({ relation: 'implies_b_to_a', comparison: { differing: ['threshold'] } });
    const trap = by.get(pSep18.ref)!;
    expect(trap.relation).toBe('different');
    expect(trap.comparison.differing).toEqual(expect.arrayContaining(['source', 'time']));
    expect(trap.conflicts).toEqual(expect.arrayContaining(['source', 'time']));
    expect(trap.sides[0].spec?.venue).toBe('kalshi');
    expect(trap.sides[1].spec?.venue).toBe('polymarket');
  });

  it('confirming specs that differ in a known field is refused without an override, and nothing is saved', () => {
    const b = book();
    suggest(b, [[kSep18, pSep18]]);
    const id = linkId(kSep18.ref, pSep18.ref);
    expect(() => b.confirm(id)).toThrow(/^override: the specs differ in .*source.*needs an override with a reason/);
    expect(() => b.confirm(id, 'identical')).toThrow(/override/);
    expect(() => readFileSync(path.join(dir.path, 'links.json'))).toThrow();
    expect(b.link(id)?.status).toBe('suggested');
    expect(b.confirmed()).toEqual([]);
  });

  it('an override keeps its reason and the fields it overrode with the link, across restarts', () => {
    const b = book();
    suggest(b, [[kSep18, pSep18]]);
    const id = linkId(kSep18.ref, pSep18.ref);
    const link = b.confirm(id, 'identical', { reason: '  I hedge the source gap myself  ' });
    expect(link).toMatchObject({ status: 'confirmed', relation: 'identical', override: { reason: 'I hedge the source gap myself', at: 1_000 } });
    expect(link.override!.fields).toEqual(expect.arrayContaining(['source', 'time']));
    const reopened = book();
    expect(reopened.link(id)).toMatchObject({ status: 'confirmed', relation: 'identical', override: { reason: 'I hedge the source gap myself' } });
    expect(reopened.confirmed()).toEqual([[kSep18.ref, pSep18.ref]]);
  });

  it('a pair whose specs agree confirms as their relation, no override needed or stored', () => {
    const b = book();
    suggest(b, [[k100, pSame], [k100b, pOpposite], [k100c, pHigher]]);
    expect(b.confirm(linkId(k100.ref, pSame.ref))).toMatchObject({ relation: 'identical', override: null });
    expect(b.confirm(linkId(k100b.ref, pOpposite.ref))).toMatchObject({ relation: 'complementary', override: null });
    // Asserting the opposite of what the specs say is an override of the comparator.
    expect(() => b.confirm(linkId(k100c.ref, pHigher.ref), 'identical')).toThrow(/threshold/);
  });

  it('the scanner trades each relation its own way: identical YES+NO, complementary YES+YES and NO+NO, implications as rules', () => {
    const b = book();
    suggest(b, [[k100, pSame], [k100b, pOpposite], [k100c, pHigher]]);
    b.confirm(linkId(k100.ref, pSame.ref));
    b.confirm(linkId(k100b.ref, pOpposite.ref));
    b.confirm(linkId(k100c.ref, pHigher.ref));
    const rel = linkRelations(b.traded());
    expect(rel.equivalent).toEqual([[k100.ref, pSame.ref]]);
    expect(rel.complementary).toEqual([[k100b.ref, pOpposite.ref]]);
    expect(rel.implies).toEqual([{ if: pHigher.ref, then: k100c.ref }]);
    const baskets = [...crossVenue.baskets({ equivalent: [], complementary: rel.complementary, exclusive: [], implies: [], markets: [], market: () => undefined } as never)];
    expect(baskets.map((x) => x.legs.map((l) => l.outcome))).toEqual([['yes', 'yes'], ['no', 'no']]);
  });

  it('a confirmed link is suspended when a market\'s rules, close time or status change, and trades again only once re-confirmed', () => {
    const b = book();
    suggest(b, [[k100, pSame]]);
    const id = linkId(k100.ref, pSame.ref);
    b.confirm(id);
    let fired = 0;
    b.onDidChangeConfirmed(() => fired++);
    expect(b.watch()).toEqual([]);

    clock = 5_000;
    listed.set(pSame.ref, { ...pSame, rules: 'above 100, as read on Binance' });
    const [s] = b.watch();
    expect(s!.changes).toEqual(['Polymarket rules text changed']);
    expect(fired).toBe(1);
    expect(b.link(id)).toMatchObject({ status: 'suspended', suspension: { since: 5_000, changes: ['Polymarket rules text changed'] } });
    // Not traded as a relation, but still known (its baskets show greyed), and not suggested again.
    expect(b.confirmed()).toEqual([]);
    expect(b.traded()).toEqual([expect.objectContaining({ id, suspended: true })]);
    expect(b.watchedMarkets()).toEqual([]);
    expect(b.watch()).toEqual([]);
    // Survives a restart.
    expect(book().link(id)?.status).toBe('suspended');

    clock = 6_000;
    expect(b.confirm(id)).toMatchObject({ status: 'confirmed', suspension: null, decidedAt: 6_000 });
    expect(b.confirmed()).toEqual([[k100.ref, pSame.ref]]);
    expect(b.watch()).toEqual([]);

    listed.set(k100.ref, { ...k100, closeTime: k100.closeTime! + 86_400_000 });
    expect(b.watch()[0]!.changes).toEqual([expect.stringMatching(/^Kalshi close time moved from 2031-03-01 00:00 UTC to 2031-03-02 00:00 UTC$/)]);
  });

  it('a fresh read from the venue (the poll between discoveries) is compared too', () => {
    const b = book();
    suggest(b, [[k100, pSame]]);
    const id = linkId(k100.ref, pSame.ref);
    b.confirm(id);
    expect(b.watchedMarkets()).toEqual([k100.ref, pSame.ref]);
    const [s] = b.watch((ref) => (ref === pSame.ref ? { ref, rules: 'edited on the venue', closeTime: pSame.closeTime, status: 'open', dispute: null } : undefined));
    expect(s!.changes).toEqual(['Polymarket rules text changed']);
  });

  it('polls reading the same rules again (a new copy of the text each time) change nothing; the next edit still suspends', () => {
    const b = book();
    suggest(b, [[k100, pSame]]);
    const id = linkId(k100.ref, pSame.ref);
    b.confirm(id);
    const read = (rules: string) => (ref: MarketRef): MarketTerms | undefined => (ref === pSame.ref ? { ref, rules: [...rules].join(''), closeTime: pSame.closeTime, status: 'open', dispute: null } : undefined);
    let fired = 0;
    b.onDidChangeConfirmed(() => fired++);
    for (let i = 0; i < 3; i++) expect(b.watch(read(pSame.rules))).toEqual([]);
    expect(fired).toBe(0);
    expect(b.link(id)?.status).toBe('confirmed');
    const [s] = b.watch(read(`${pSame.rules} (amended)`));
    expect(s!.changes).toEqual(['Polymarket rules text changed']);
    expect(b.link(id)?.status).toBe('suspended');
  });

  it('a dispute state first read is learned, not a change; once seen as none, unknown and then disputed is', () => {
    // Gamma's payload had no umaResolutionStatus when the link was confirmed: the state is unknown.
    listed.set(pSame.ref, { ...pSame, specInput: { ...pSame.specInput!, dispute: null } });
    const b = book();
    suggest(b, [[k100, pSame]]);
    const id = linkId(k100.ref, pSame.ref);
    b.confirm(id);
    const read = (dispute: 'none' | 'disputed' | null) => (ref: MarketRef) => (ref === pSame.ref ? { ref, rules: pSame.rules, closeTime: pSame.closeTime, status: 'open' as const, dispute } : undefined);
    // The first read that says anything says disputed: learned, not a change.
    expect(b.watch(read('disputed'))).toEqual([]);
    expect(b.link(id)?.status).toBe('confirmed');
    // Another link confirmed while the state is unknown, first read as none.
    const c = book();
    c.reject(id);
    c.confirm(id);
    expect(c.watch(read('none'))).toEqual([]);
    // A read that does not say keeps what was known; the next one that says disputed suspends.
    expect(c.watch(read(null))).toEqual([]);
    const [s] = c.watch(read('disputed'));
    expect(s!.changes).toEqual(['Polymarket dispute state none → disputed']);
    expect(c.link(id)?.status).toBe('suspended');
  });
});

describe('what counts as a change of terms', () => {
  const t = { ref: 'polymarket:0x1' as MarketRef, rules: 'r', closeTime: 10_000_000, status: 'open' as const, dispute: 'none' as const };
  it('a market closing at its close time, or settling, is its lifecycle, not a change', () => {
    expect(termChanges('Kalshi', fingerprint(t), fingerprint({ ...t, status: 'closed' }), 10_000_000)).toEqual([]);
    expect(termChanges('Kalshi', fingerprint(t), fingerprint({ ...t, status: 'settled' }), 1)).toEqual([]);
  });
  it('closing early, a moved dispute state and an edited rules text are', () => {
    expect(termChanges('Kalshi', fingerprint(t), fingerprint({ ...t, status: 'closed' }), 1_000)).toEqual(['Kalshi status open → closed']);
    expect(termChanges('Polymarket', fingerprint(t), fingerprint({ ...t, dispute: 'disputed' }), 1)).toEqual(['Polymarket dispute state none → disputed']);
    expect(termChanges('Polymarket', fingerprint(t), fingerprint({ ...t, rules: 'r2' }), 1)).toEqual(['Polymarket rules text changed']);
  });
});
