import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarketRef } from '../../../../src/shared/ids';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import { buildCatalog, WatchFilter } from '../../../../src/engine/universe/catalog';
import { ladderImplications } from '../../../../src/engine/universe/ladders';
import { joinName, marketName } from '../../../../src/engine/universe/marketName';
import { LinkBook, linkId } from '../../../../src/engine/universe/linkBook';
import { syncScanner } from '../../../../src/engine/live/scannerSync';
import { MarketUniverse } from '../../../../src/engine/universe/universe';
import { kalshiMarket, kalshiWs, polymarketMarket } from '../../../helpers/fakeVenue';
import { simCatalog } from '../../../helpers/simMarkets';
import { tempDir } from '../../../helpers/tempDir';

const ALL = new WatchFilter({ categories: [], series: [] });

describe('the market universe', () => {
  it('gives the scanner the simulator’s exclusive sets and ladders, and no cross-venue equivalence until one is confirmed', () => {
    const c = simCatalog('arbdesk', 40);
    const u = new MarketUniverse();
    u.setDiscovery('kalshi', c.discovery.kalshi);
    u.setDiscovery('polymarket', c.discovery.polymarket);
    const target = u.scannerTarget(ALL, []);
    expect(target.problems).toEqual([]);
    expect(target.markets).toHaveLength(c.kalshi.length + c.polymarket.length);
    const sets = target.relations.exclusive.map((s) => [...s.members].sort().join(',')).sort();
    expect(sets).toEqual(c.universe.relations.exclusive.map((s) => [...s.members].sort().join(',')).sort());
    // Ladders: every truth implication on Kalshi is there (derived from the strikes too).
    const rules = new Set(target.relations.implies.map((r) => `${r.if}>${r.then}`));
    for (const r of c.universe.relations.implies.filter((x) => x.if.startsWith('kalshi:'))) expect(rules.has(`${r.if}>${r.then}`)).toBe(true);
    expect(target.relations.equivalent).toEqual([]);
    const [k, p] = c.universe.relations.equivalent[0]!;
    const linked = u.scannerTarget(ALL, [[`kalshi:${k}`, `polymarket:${p}`]]);
    expect(linked.relations.equivalent).toEqual([[`kalshi:${k}`, `polymarket:${p}`]]);
  });

  it('takes a tick size change from the feed: the market and its venue list read the new grid, once', () => {
    const c = simCatalog('arbdesk', 10);
    const u = new MarketUniverse();
    u.setDiscovery('polymarket', c.discovery.polymarket);
    const m = u.markets('polymarket')[3]!;
    const narrower = (m.tickSize / 10) as typeof m.tickSize;
    expect(u.setTickSize(m.ref, narrower)).toBe(true);
    expect(u.market(m.ref)?.tickSize).toBe(narrower);
    expect(u.markets('polymarket').filter((x) => x.ref === m.ref).map((x) => x.tickSize)).toEqual([narrower]);
    expect(u.markets('polymarket')).toHaveLength(c.discovery.polymarket.markets.length);
    expect(u.markets().find((x) => x.ref === m.ref)?.tickSize).toBe(narrower);
    expect(u.setTickSize(m.ref, narrower)).toBe(false);
    expect(u.setTickSize('polymarket:0xunknown' as MarketRef, narrower)).toBe(false);
  });

  it('derives ladders from strikes alone: a higher "above" strike implies the lower one', () => {
    const m = (t: string, floor: string) => kalshiMarket(`KXBTCD-31MAR05-${t}`, { eventId: 'KXBTCD-31MAR05', strike: { type: 'greater', floor, cap: null } });
    const rules = ladderImplications([m('T110', '110000'), m('T100', '100000'), m('T105', '105000'), kalshiMarket('KXOTHER-1', { eventId: 'KXBTCD-31MAR05' })]);
    expect(rules).toEqual([
      { if: 'kalshi:KXBTCD-31MAR05-T105', then: 'kalshi:KXBTCD-31MAR05-T100' },
      { if: 'kalshi:KXBTCD-31MAR05-T110', then: 'kalshi:KXBTCD-31MAR05-T105' },
    ]);
  });

  it('an exclusive set with a member left out is no longer exhaustive; one with a single member is dropped', () => {
    const u = new MarketUniverse();
    const a = kalshiMarket('EV-A', { eventId: 'EV', category: 'Politics' });
    const b = kalshiMarket('EV-B', { eventId: 'EV', category: 'Politics' });
    const c = kalshiMarket('EV-C', { eventId: 'EV', category: 'Politics', status: 'closed' });
    u.setDiscovery('kalshi', { markets: [a, b, c], exclusiveSets: [{ id: 'EV', members: [a.ref, b.ref, c.ref], exhaustive: true }], implications: [] });
    expect(u.scannerTarget(ALL, []).relations.exclusive).toEqual([{ id: 'kalshi:EV', members: [a.ref, b.ref], exhaustive: false }]);
    u.setDiscovery('kalshi', { markets: [a, { ...b, status: 'closed' }, c], exclusiveSets: [{ id: 'EV', members: [a.ref, b.ref, c.ref], exhaustive: true }], implications: [] });
    expect(u.scannerTarget(ALL, []).relations.exclusive).toEqual([]);
  });

  it('reports what a refresh opened, closed and settled', () => {
    const u = new MarketUniverse();
    const a = kalshiMarket('A-1');
    const b = kalshiMarket('B-1');
    u.setDiscovery('kalshi', { markets: [a], exclusiveSets: [], implications: [] });
    const diff = u.setDiscovery('kalshi', { markets: [{ ...a, status: 'settled', result: 'no' }, b], exclusiveSets: [], implications: [] });
    expect(diff.opened.map((m) => m.ref)).toEqual([b.ref]);
    expect(diff.closed.map((m) => m.ref)).toEqual([a.ref]);
    expect(diff.settled.map((m) => [m.ref, m.result])).toEqual([[a.ref, 'no']]);
    const gone = u.setDiscovery('kalshi', { markets: [], exclusiveSets: [], implications: [] });
    expect(gone.closed.map((m) => m.ref)).toEqual([b.ref]);
    expect(u.market(b.ref)).toBeUndefined();
  });

  it('leaves out a market whose fee it cannot read, saying why', () => {
    const u = new MarketUniverse();
    u.setDiscovery('kalshi', { markets: [kalshiMarket('X-1', { fee: { venue: 'kalshi', feeType: 'quadratic', multiplier: 'lots' } })], exclusiveSets: [], implications: [] });
    const t = u.scannerTarget(ALL, []);
    expect(t.markets).toEqual([]);
    expect(t.problems[0]).toMatch(/^kalshi:X-1: fee: /);
  });

  it('lists every category and series, and what the watchlist selects', () => {
    const markets = [
      kalshiMarket('KXBTC-1', { category: 'Crypto', seriesId: 'KXBTC', eventTitle: 'Bitcoin' }),
      kalshiMarket('KXFED-1', { category: 'Economics', seriesId: 'KXFED', eventTitle: 'Fed' }),
      polymarketMarket('0x1', '1', '2', { category: 'crypto ', seriesId: 'btc-above', eventTitle: 'BTC above' }),
      kalshiMarket('KXOLD-1', { category: 'Sports', status: 'closed' }),
    ];
    const filter = new WatchFilter({ categories: ['CRYPTO'], series: ['kalshi:KXFED'] });
    const catalog = buildCatalog(markets, filter, { kalshi: 5, polymarket: null }, ['kalshi', 'polymarket']);
    expect(catalog.categories).toEqual([
      { name: 'Crypto', venues: ['kalshi', 'polymarket'], markets: 2, watched: true },
      { name: 'Economics', venues: ['kalshi'], markets: 1, watched: false },
    ]);
    expect(catalog.series.map((s) => [s.id, s.watched])).toEqual([
      ['kalshi:KXBTC', true],
      ['polymarket:btc-above', true],
      ['kalshi:KXFED', true],
    ]);
    expect([catalog.marketsListed, catalog.marketsWatched]).toEqual([3, 3]);
  });
});

describe('link decisions', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());
  const k = kalshiMarket('K-1', { title: 'Kalshi title', rules: 'Kalshi rules' });
  const p = polymarketMarket('0xp', '1', '2', { title: 'Poly title', rules: 'Poly rules' });
  const lookup = (ref: MarketRef) => ({ [k.ref]: k, [p.ref]: p })[ref];
  const suggestion = { a: k.ref, b: p.ref, score: 0.9, reasons: ['close times 1 h apart'] };

  it('shows suggestions with both titles, names and rules, persists confirmations and rejections across restarts', () => {
    const book = new LinkBook(dir.path, lookup, () => 1000);
    book.setSuggestions([suggestion]);
    const [link] = book.links();
    const named = (m: typeof k) => ({ name: joinName(marketName(m)), label: marketName(m), sources: [] });
    // Neither rules text states a contract the parser can read: the relation is unknown, nothing conflicts.
    expect(link).toMatchObject({
      id: linkId(k.ref, p.ref),
      sides: [
        { market: k.ref, venue: 'kalshi', title: 'Kalshi title', rules: 'Kalshi rules', closeTime: k.closeTime, ...named(k) },
        { market: p.ref, venue: 'polymarket', title: 'Poly title', rules: 'Poly rules', closeTime: p.closeTime, ...named(p) },
      ],
      score: 0.9,
      reasons: ['close times 1 h apart'],
      status: 'suggested',
      decidedAt: null,
      relation: 'unknown',
      conflicts: [],
      override: null,
      suspension: null,
    });
    expect(book.confirmed()).toEqual([]);
    let fired = 0;
    book.onDidChangeConfirmed(() => fired++);
    expect(book.confirm(link!.id)).toMatchObject({ status: 'confirmed', decidedAt: 1000 });
    expect(fired).toBe(1);

    const reopened = new LinkBook(dir.path, () => undefined, () => 2000);
    expect(reopened.confirmed()).toEqual([[k.ref, p.ref]]);
    // Without the markets listed, the link still shows what the trader confirmed.
    expect(reopened.links()[0]).toMatchObject({ status: 'confirmed', sides: [{ title: 'Kalshi title', rules: 'Kalshi rules' }, {}] });
    reopened.reject(link!.id);
    const again = new LinkBook(dir.path, lookup, () => 3000);
    again.setSuggestions([suggestion]);
    expect(again.isRejected(k.ref, p.ref)).toBe(true);
    expect(again.links().map((l) => l.status)).toEqual(['rejected']);
    expect(again.confirmed()).toEqual([]);
  });

  it('refuses an unknown link id and keeps a corrupt file aside', () => {
    const book = new LinkBook(dir.path, lookup, () => 1);
    expect(() => book.confirm('nope')).toThrow(/linkId: no market link "nope"/);
    writeFileSync(path.join(dir.path, 'links.json'), '{"version":1,"decisions":[{"status":"maybe"}]}');
    const broken = new LinkBook(dir.path, lookup, () => 1);
    expect(broken.loadProblem).toMatch(/^links\.decisions\.0\.kalshi/);
    expect(broken.confirmed()).toEqual([]);
    expect(() => readFileSync(path.join(dir.path, 'links.json'))).toThrow();
  });
});

describe('keeping the scanner in step with the universe', () => {
  it('retires markets that left (their baskets close, books go unknown) and brings them back on the same book', () => {
    const scanner = new Scanner();
    const a = kalshiMarket('A-1');
    const b = kalshiMarket('B-1');
    const u = new MarketUniverse();
    u.setDiscovery('kalshi', { markets: [a, b], exclusiveSets: [{ id: 'E', members: [a.ref, b.ref], exhaustive: true }], implications: [] });
    let sync = syncScanner(scanner, u.scannerTarget(ALL, []));
    expect([sync.added, sync.retired, sync.relationsAdded]).toEqual([2, 0, 1]);
    const slot = scanner.books.get(b.ref)!.slot;
    expect(scanner.baskets().length).toBeGreaterThan(2);

    u.setDiscovery('kalshi', { markets: [a, { ...b, status: 'closed' }], exclusiveSets: [{ id: 'E', members: [a.ref, b.ref], exhaustive: true }], implications: [] });
    sync = syncScanner(scanner, u.scannerTarget(ALL, []));
    expect([sync.added, sync.retired]).toEqual([0, 1]);
    expect(scanner.has(b.ref)).toBe(false);
    expect(scanner.relations().exclusive).toEqual([]);
    expect(scanner.baskets().every((bk) => bk.legs.every((l) => l.market === a.ref))).toBe(true);
    expect(scanner.books.get(b.ref)!.yes.health).toBe('unknown');

    u.setDiscovery('kalshi', { markets: [a, b], exclusiveSets: [{ id: 'E', members: [a.ref, b.ref], exhaustive: true }], implications: [] });
    sync = syncScanner(scanner, u.scannerTarget(ALL, []));
    expect([sync.added, sync.retired, sync.relationsAdded]).toEqual([1, 0, 1]);
    expect(scanner.books.get(b.ref)!.slot).toBe(slot);
    // Nothing changes when nothing changed.
    sync = syncScanner(scanner, u.scannerTarget(ALL, []));
    expect(sync.deltas).toEqual([]);
  });

  it('re-prices a market in place when its fee changes: same basket, same book, new fee', () => {
    const scanner = new Scanner();
    const u = new MarketUniverse();
    const a = kalshiMarket('A-1');
    u.setDiscovery('kalshi', { markets: [a], exclusiveSets: [], implications: [] });
    syncScanner(scanner, u.scannerTarget(ALL, []));
    // YES ask 0.48 and NO ask 0.48: $0.04 a pair gross; the standard fee takes ~$0.0175 a leg.
    scanner.apply('kalshi', kalshiWs.snapshot(1, 1, 'A-1', [['0.5200', '100.00']], [['0.5200', '100.00']]));
    const before = scanner.opportunities()[0]!;
    expect([before.size, before.fees, before.netProfit]).toEqual([99, 3_460_000, 500_000]); // 2 × ceil(0.07 × 99 × 0.2496)

    // The venue halves the series fee: the opportunity is re-priced, not lost, and its book stays live.
    u.setDiscovery('kalshi', { markets: [{ ...a, fee: { venue: 'kalshi', feeType: 'quadratic', multiplier: '0.5' } }], exclusiveSets: [], implications: [] });
    const sync = syncScanner(scanner, u.scannerTarget(ALL, []));
    expect([sync.added, sync.retired, sync.repriced]).toEqual([0, 0, 1]);
    const after = scanner.opportunities()[0]!;
    expect(after.basket.id).toBe(before.basket.id);
    expect([after.size, after.fees, after.netProfit]).toEqual([100, 1_760_000, 2_240_000]); // 2 × ceil(0.035 × 100 × 0.2496)
    expect(scanner.books.get(a.ref)!.yes.health).toBe('live');
    // Doubled: no longer an opportunity.
    u.setDiscovery('kalshi', { markets: [{ ...a, fee: { venue: 'kalshi', feeType: 'quadratic', multiplier: '2' } }], exclusiveSets: [], implications: [] });
    const closed = syncScanner(scanner, u.scannerTarget(ALL, []));
    expect(closed.deltas.flatMap((d) => d.closed).map((b) => b.id)).toContain(before.basket.id);
    expect(scanner.opportunities()).toEqual([]);
  });
});
