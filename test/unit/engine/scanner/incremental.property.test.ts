// A universe of tens of thousands of markets arrives in pieces (a venue's discovery, then the
// other's, then links confirmed one by one), and the scanner adds each piece's baskets without
// redrawing the rest. Whatever the pieces, it must hold exactly the baskets — same ids, same
// order — and the opportunities that drawing the whole universe at once gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, scannerFromScenario, type Scenario } from '../../../../src/engine/scanner/scenario';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import { refOf } from '../../../../src/engine/strategies/universe';
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

const inOrder = (s: Scanner) => [...s.baskets()].sort((a, b) => a.order - b.order).map((b) => [b.id, b.order]);
const opportunities = (s: Scanner) => s.opportunities().map((o) => [o.basket.id, o.size, o.netProfit, o.cost, o.fees]);

describe('Scanner additions', () => {
  it('adding a universe piece by piece gives the baskets, their order and the opportunities of drawing it whole', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(12), { maxLength: 3 }), (g, cuts) => {
        const scenario = parseScenario(g.json);
        const whole = scannerFromScenario(scenario, () => 1_000);
        const inPieces = builtInPieces(scenario, cuts);
        expect(inOrder(inPieces)).toEqual(inOrder(whole));
        expect(opportunities(inPieces)).toEqual(opportunities(whole));
        // A full redraw (removing nothing) keeps every id and the order.
        const before = inOrder(inPieces);
        inPieces.removeRelations({});
        expect(inOrder(inPieces)).toEqual(before);
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
        const before = inOrder(inPieces);
        const found = opportunities(inPieces);
        inPieces.removeRelations({});
        expect(inOrder(inPieces)).toEqual(before);
        expect(opportunities(inPieces)).toEqual(found);
      }),
      { numRuns: 200 },
    );
  });
});
