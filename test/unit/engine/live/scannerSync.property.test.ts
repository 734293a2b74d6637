// A venue's whole market list is brought into the scanner in slices that yield to the event loop
// (the engine shares Electron's main loop with the window). Whatever the slice size and whatever
// the scanner held before, the slices must leave exactly what syncing at once leaves: the same
// markets and books, the same baskets in the same order, the same relations and opportunities —
// and the deltas handed to the publisher on the way must add up to those opportunities.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syncScanner, syncSteps } from '../../../../src/engine/live/scannerSync';
import type { ScanDelta, Scanner } from '../../../../src/engine/scanner/scanner';
import { parseScenario, type Scenario } from '../../../../src/engine/scanner/scenario';
import { Scanner as ScannerClass } from '../../../../src/engine/scanner/scanner';
import { refOf, type Relations } from '../../../../src/engine/strategies/universe';
import type { ScannerTarget } from '../../../../src/engine/universe/universe';
import { loadBooks } from '../scanner/loadBooks';
import { scenarioArb } from '../scanner/scenarioGen';

const inOrder = (s: Scanner) => [...s.baskets()].sort((a, b) => a.order - b.order).map((b) => [b.id, b.order]);
const opportunities = (s: Scanner) => s.opportunities().map((o) => [o.basket.id, o.size, o.netProfit, o.cost, o.fees]);
const books = (s: Scanner) => s.universe().markets.map((m) => [refOf(m), s.books.get(refOf(m))!.slot]);

/** What a publisher that applied every delta in turn would show. */
function shown(deltas: readonly ScanDelta[], start: ReadonlySet<string>): string[] {
  const open = new Set(start);
  for (const d of deltas) {
    for (const b of d.closed) open.delete(b.id);
    for (const o of [...d.opened, ...d.updated]) open.add(o.basket.id);
  }
  return [...open].sort();
}

/** The scenario's universe restricted to the markets `keep` marks, with the relations among them that `keepRelation` marks. */
function targetOf(scenario: Scenario, keep: readonly boolean[], keepRelation: readonly boolean[]): ScannerTarget {
  const markets = scenario.markets.filter((_, i) => keep[i] ?? true).map((m) => m.spec);
  const present = new Set(markets.map(refOf));
  let r = 0;
  const kept = () => keepRelation[r++ % Math.max(1, keepRelation.length)] ?? true;
  const relations: Relations = {
    equivalent: scenario.relations.equivalent.filter(([a, b]) => present.has(a) && present.has(b) && kept()),
    complementary: [],
    exclusive: scenario.relations.exclusive.filter((s) => s.members.every((m) => present.has(m)) && kept()),
    implies: scenario.relations.implies.filter((x) => present.has(x.if) && present.has(x.then) && kept()),
  };
  return { markets, relations, problems: [] };
}

function scannerAt(scenario: Scenario, target: ScannerTarget): Scanner {
  const scanner = new ScannerClass({ minProfit: scenario.options.minProfit, maxSize: scenario.options.maxSize, now: () => 1_000 });
  syncScanner(scanner, target);
  loadBooks(scanner, scenario);
  scanner.refresh(1_000);
  return scanner;
}

describe('syncing the scanner in slices', () => {
  it('leaves the markets, books, baskets, relations and opportunities that syncing at once leaves', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 1, max: 4 }),
        (g, before, relationsBefore, after, slice) => {
          const scenario = parseScenario(g.json);
          const from = targetOf(scenario, before, relationsBefore);
          const to = targetOf(scenario, after, [true]);
          const atOnce = scannerAt(scenario, from);
          const sliced = scannerAt(scenario, from);
          const start = new Set(sliced.opportunities().map((o) => o.basket.id));

          const whole = syncScanner(atOnce, to);
          const deltas: ScanDelta[] = [];
          const steps = syncSteps(sliced, to, slice);
          let step = steps.next();
          let count = 0;
          while (!step.done) {
            deltas.push(...step.value);
            count++;
            step = steps.next();
          }
          // Sliced: at least one step per slice of new markets, and per slice of retired ones.
          expect(count).toBeGreaterThanOrEqual(Math.ceil(whole.added / slice) + Math.ceil(whole.retired / slice));
          expect([step.value.added, step.value.retired, step.value.relationsAdded, step.value.relationsRemoved]).toEqual([whole.added, whole.retired, whole.relationsAdded, whole.relationsRemoved]);

          expect(books(sliced)).toEqual(books(atOnce));
          expect(inOrder(sliced)).toEqual(inOrder(atOnce));
          expect(sliced.relations()).toEqual(atOnce.relations());
          expect(opportunities(sliced)).toEqual(opportunities(atOnce));
          expect(shown(deltas, start)).toEqual(sliced.opportunities().map((o) => o.basket.id).sort());

          // And once the new markets' books arrive, both size the same opportunities.
          for (const s of [sliced, atOnce]) {
            loadBooks(s, scenario);
            s.refresh(1_000);
          }
          expect(opportunities(sliced)).toEqual(opportunities(atOnce));
        },
      ),
      { numRuns: 300 },
    );
  });
});
