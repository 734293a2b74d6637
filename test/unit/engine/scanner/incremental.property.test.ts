// A universe of tens of thousands of markets arrives in pieces (a venue's discovery, then the
// other's, then links confirmed one by one), and loses markets as they close; the scanner adds
// each piece's baskets and drops the closed markets' baskets without redrawing the rest. Whatever
// the pieces, it must hold exactly the baskets — same ids, same order — and the opportunities
// that drawing the remaining universe at once gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, scannerFromScenario, type Scenario } from '../../../../src/engine/scanner/scenario';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import { ladderId } from '../../../../src/engine/books/marketBook';
import type { MarketRef } from '../../../../src/shared/ids';
import { refOf, type Equivalence, type ExclusiveSet, type Implication, type MarketSpec } from '../../../../src/engine/strategies/universe';
import { loadBooks } from './loadBooks';
import { scenarioArb } from './scenarioGen';

function pieces<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const at = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let from = 0;
  for (const c of [...at, items.length]) {
    out.push(items.slice(from, c));
    from = c;
  }
  return out;
}

/**
 * The scenario added piece by piece: markets in a few extends, then the books loaded and sized,
 * then relations in a few extends — so the baskets those add are sized by the extend itself, as
 * links confirmed while books stream are.
 */
function builtInPieces(scenario: Scenario, cuts: readonly number[], linksAs: 'equivalent' | 'complementary' = 'equivalent'): Scanner {
  const scanner = new Scanner({ minProfit: scenario.options.minProfit, maxSize: scenario.options.maxSize, now: () => 1_000 });
  for (const markets of pieces(scenario.markets, cuts)) scanner.extend({ markets: markets.map((m) => m.spec) }, 'live');
  loadBooks(scanner, scenario);
  scanner.refresh(1_000);
  const { equivalent, exclusive, implies } = scenario.relations;
  const eq = pieces(equivalent, cuts);
  const ex = pieces(exclusive, cuts);
  const im = pieces(implies, cuts);
  for (let k = 0; k < Math.max(eq.length, ex.length, im.length); k++) scanner.extend({ relations: { equivalent: [], [linksAs]: eq[k] ?? [], exclusive: ex[k] ?? [], implies: im[k] ?? [] } });
  return scanner;
}

const numbered = (s: Scanner) => [...s.baskets()].sort((a, b) => a.order - b.order).map((b) => [b.id, b.order]);
/**
 * The baskets in the order that breaks ties between opportunities. Retiring leaves the numbers of
 * the baskets that stay as they were (gaps where retired ones were): their sequence is what counts.
 */
const inOrder = (s: Scanner) => [...s.baskets()].sort((a, b) => a.order - b.order).map((b) => b.id);
const opportunities = (s: Scanner) => s.opportunities().map((o) => [o.basket.id, o.size, o.netProfit, o.cost, o.fees]);

describe('Scanner additions', () => {
  it('adding a universe piece by piece gives the baskets, their order and the opportunities of drawing it whole', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(12), { maxLength: 3 }), (g, cuts) => {
        const scenario = parseScenario(g.json);
        const whole = scannerFromScenario(scenario, () => 1_000);
        const inPieces = builtInPieces(scenario, cuts);
        expect(numbered(inPieces)).toEqual(numbered(whole));
        expect(opportunities(inPieces)).toEqual(opportunities(whole));
        // A full redraw (removing nothing) keeps every id and the order.
        const before = numbered(inPieces);
        inPieces.removeRelations({});
        expect(numbered(inPieces)).toEqual(before);
        expect(opportunities(inPieces)).toEqual(opportunities(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('taking markets out after adding the universe piece by piece leaves what building the rest whole gives', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(12), { maxLength: 3 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), (g, cuts, retire) => {
        const scenario = parseScenario(g.json);
        const inPieces = builtInPieces(scenario, cuts);
        const gone = new Set(scenario.markets.map((m) => refOf(m.spec)).filter((_, i) => retire[i % retire.length]));
        inPieces.retire([...gone]);
        const { equivalent, exclusive, implies } = scenario.relations;
        const rest = new Scanner({ minProfit: scenario.options.minProfit, maxSize: scenario.options.maxSize, now: () => 1_000 });
        rest.extend({
          markets: scenario.markets.map((m) => m.spec).filter((m) => !gone.has(refOf(m))),
          relations: {
            equivalent: equivalent.filter(([a, b]) => !gone.has(a) && !gone.has(b)),
            exclusive: exclusive.filter((set) => set.members.every((m) => !gone.has(m))),
            implies: implies.filter((r) => !gone.has(r.if) && !gone.has(r.then)),
          },
        }, 'live');
        loadBooks(rest, scenario);
        rest.refresh(1_000);
        expect(inOrder(inPieces)).toEqual(inOrder(rest));
        expect(opportunities(inPieces)).toEqual(opportunities(rest));
      }),
      { numRuns: 200 },
    );
  });

  it('links confirmed as complementary (YES on one is NO on the other) added piece by piece give the baskets a redraw gives', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(12), { maxLength: 3 }), (g, cuts) => {
        const inPieces = builtInPieces(parseScenario(g.json), cuts, 'complementary');
        const before = numbered(inPieces);
        const found = opportunities(inPieces);
        inPieces.removeRelations({});
        expect(numbered(inPieces)).toEqual(before);
        expect(opportunities(inPieces)).toEqual(found);
      }),
      { numRuns: 200 },
    );
  });

  it('any interleaving of market slices, relation slices and retirements leaves what building the remaining universe whole gives', () => {
    const step = fc.record({ kind: fc.constantFrom('markets', 'relations', 'retire'), count: fc.integer({ min: 1, max: 4 }), pick: fc.nat() });
    fc.assert(
      fc.property(scenarioArb, fc.array(step, { maxLength: 12 }), (g, steps) => {
        const scenario = parseScenario(g.json);
        const scanner = new Scanner({ minProfit: scenario.options.minProfit, maxSize: scenario.options.maxSize, now: () => 1_000 });
        const universe = new InterleavedUniverse(scenario);
        for (const { kind, count, pick } of steps) {
          if (kind === 'markets') {
            const markets = universe.addMarkets(count);
            scanner.extend({ markets }, 'live');
            // The new markets' books arrive after them, as a feed's snapshots do.
            loadBooks(scanner, scenario);
            scanner.reevaluateLadders(markets.flatMap((m) => [ladderId(scanner.books.get(refOf(m))!.slot, 'yes'), ladderId(scanner.books.get(refOf(m))!.slot, 'no')]));
          } else if (kind === 'relations') scanner.extend({ relations: universe.addRelations(count) });
          else scanner.retire(universe.retire(count, pick));
        }
        const whole = new Scanner({ minProfit: scenario.options.minProfit, maxSize: scenario.options.maxSize, now: () => 1_000 });
        whole.extend(universe.remaining(), 'live');
        loadBooks(whole, scenario);
        whole.refresh(1_000);
        expect(inOrder(scanner)).toEqual(inOrder(whole));
        expect(opportunities(scanner)).toEqual(opportunities(whole));
        expect(scanner.relations()).toEqual(whole.relations());
        for (const b of whole.baskets()) expect(scanner.basket(b.id)?.key).toBe(b.key);
        // Books moving afterwards reach the same baskets.
        loadBooks(scanner, scenario);
        const everything = scanner.universe().markets.flatMap((m) => [ladderId(scanner.books.get(refOf(m))!.slot, 'yes'), ladderId(scanner.books.get(refOf(m))!.slot, 'no')]);
        scanner.reevaluateLadders(everything);
        expect(opportunities(scanner)).toEqual(opportunities(whole));
      }),
      { numRuns: 400 },
    );
  });
});

/** A universe of `n` Kalshi markets with books near a price, linked in pairs and chained by implications. */
function largeScenario(n: number, seed: number): Scenario {
  let x = seed;
  const next = (m: number) => ((x = (x * 1_103_515_245 + 12_345) % 2_147_483_648), x % m);
  const level = (center: number) => [[(Math.min(9_900, Math.max(100, center + next(2_000) - 1_000)) / 10_000).toFixed(4), String(1 + next(50))]];
  const markets = Array.from({ length: n }, (_, i) => ({ venue: 'kalshi', id: `K${i}`, title: `K ${i}`, orderbook_fp: { yes_dollars: level(4_500), no_dollars: level(4_500) } }));
  const ref = (i: number) => `kalshi:K${i}`;
  const equivalent = Array.from({ length: n / 2 }, (_, i) => [ref(2 * i), ref(2 * i + 1)]);
  const implies = Array.from({ length: n - 1 }, (_, i) => ({ if: ref(i + 1), then: ref(i) }));
  return parseScenario({ markets, equivalent, exclusive: [], implies, options: { minProfit: '0', maxSize: 50 } });
}

describe('Scanner retirements at scale', () => {
  it('retiring most of a large universe in slices, between additions (its baskets compacted on the way), leaves what building the rest whole gives', () => {
    const scenario = largeScenario(3_000, 19);
    const scanner = new Scanner({ minProfit: scenario.options.minProfit, maxSize: scenario.options.maxSize, now: () => 1_000 });
    const universe = new InterleavedUniverse(scenario);
    scanner.extend({ markets: universe.addMarkets(2_600) }, 'live');
    loadBooks(scanner, scenario);
    scanner.refresh(1_000);
    scanner.extend({ relations: universe.addRelations(Infinity) });
    for (let k = 0; k < 12; k++) {
      scanner.retire(universe.retire(200, k * 37));
      if (k % 4 === 3) {
        const markets = universe.addMarkets(100, false);
        scanner.extend({ markets }, 'live');
        loadBooks(scanner, scenario);
        scanner.reevaluateLadders(markets.flatMap((m) => [ladderId(scanner.books.get(refOf(m))!.slot, 'yes'), ladderId(scanner.books.get(refOf(m))!.slot, 'no')]));
        scanner.extend({ relations: universe.addRelations(Infinity) });
      }
    }
    const whole = new Scanner({ minProfit: scenario.options.minProfit, maxSize: scenario.options.maxSize, now: () => 1_000 });
    whole.extend(universe.remaining(), 'live');
    loadBooks(whole, scenario);
    whole.refresh(1_000);
    expect(whole.opportunities().length).toBeGreaterThan(10);
    expect(inOrder(scanner)).toEqual(inOrder(whole));
    expect(opportunities(scanner)).toEqual(opportunities(whole));
    loadBooks(scanner, scenario);
    scanner.refresh(1_000);
    expect(opportunities(scanner)).toEqual(opportunities(whole));
  });
});

/**
 * What the test's scanner should hold: markets in the order first added (a returning market keeps
 * its place), and the relations added among present markets (an equivalence may also come
 * reversed: the same baskets drawn twice), those naming a retired market dropped.
 */
class InterleavedUniverse {
  private readonly order: MarketSpec[] = [];
  private readonly added = new Set<MarketSpec>();
  private readonly present = new Set<MarketRef>();
  private equivalent: Equivalence[] = [];
  private exclusive: ExclusiveSet[] = [];
  private implies: Implication[] = [];
  private readonly candidates: (Equivalence | ExclusiveSet | Implication)[];

  constructor(private readonly scenario: Scenario) {
    const { equivalent, exclusive, implies } = scenario.relations;
    this.candidates = [...equivalent, ...exclusive, ...implies, ...equivalent.map(([a, b]) => [b, a] as const)];
  }

  /** The next `count` markets not in the universe, in the scenario's order: retired ones too unless `returning` is false. */
  addMarkets(count: number, returning = true): MarketSpec[] {
    const markets = this.scenario.markets.map((m) => m.spec).filter((m) => !this.present.has(refOf(m)) && (returning || !this.added.has(m))).slice(0, count);
    for (const m of markets) {
      this.present.add(refOf(m));
      if (this.added.has(m)) continue;
      this.added.add(m);
      this.order.push(m);
    }
    return markets;
  }

  addRelations(count: number): { equivalent: Equivalence[]; exclusive: ExclusiveSet[]; implies: Implication[] } {
    const added = { equivalent: [] as Equivalence[], exclusive: [] as ExclusiveSet[], implies: [] as Implication[] };
    const held = new Set<unknown>([...this.equivalent, ...this.exclusive, ...this.implies]);
    for (const r of this.candidates) {
      if (count === 0) break;
      if (held.has(r) || !this.members(r).every((m) => this.present.has(m))) continue;
      count--;
      if (Array.isArray(r)) added.equivalent.push(r as Equivalence);
      else if ('members' in r) added.exclusive.push(r);
      else added.implies.push(r as Implication);
    }
    this.equivalent = [...this.equivalent, ...added.equivalent];
    this.exclusive = [...this.exclusive, ...added.exclusive];
    this.implies = [...this.implies, ...added.implies];
    return added;
  }

  retire(count: number, pick: number): MarketRef[] {
    const present = this.order.map(refOf).filter((r) => this.present.has(r));
    const gone = new Set(Array.from({ length: Math.min(count, present.length) }, (_, k) => present[(pick + k * 7) % present.length]!));
    for (const r of gone) this.present.delete(r);
    const kept = (r: Equivalence | ExclusiveSet | Implication) => this.members(r).every((m) => !gone.has(m));
    this.equivalent = this.equivalent.filter(kept);
    this.exclusive = this.exclusive.filter(kept);
    this.implies = this.implies.filter(kept);
    return [...gone];
  }

  remaining(): { markets: MarketSpec[]; relations: { equivalent: Equivalence[]; exclusive: ExclusiveSet[]; implies: Implication[] } } {
    return { markets: this.order.filter((m) => this.present.has(refOf(m))), relations: { equivalent: this.equivalent, exclusive: this.exclusive, implies: this.implies } };
  }

  private members(r: Equivalence | ExclusiveSet | Implication): readonly MarketRef[] {
    if (Array.isArray(r)) return r as Equivalence;
    return 'members' in r ? r.members : [(r as Implication).if, (r as Implication).then];
  }
}
