// Loads a scenario's books into a scanner built another way (in pieces, synced in slices).
import { BidPairBook, TokenPairBook } from '../../../../src/engine/books/marketBook';
import { scannerFromScenario, type Scenario } from '../../../../src/engine/scanner/scenario';
import type { Scanner } from '../../../../src/engine/scanner/scanner';

/** The scenario's books, loaded once per scenario (a test may load them after every step). */
const wholeScanners = new WeakMap<Scenario, Scanner>();

/** The books as the scenario gives them, loaded straight into `scanner`'s books of those markets it has (as loadScenarioInto does). */
export function loadBooks(scanner: Scanner, scenario: Scenario): void {
  const whole = wholeScanners.get(scenario) ?? scannerFromScenario(scenario, () => 1_000);
  wholeScanners.set(scenario, whole);
  for (const book of whole.books.markets()) {
    const mine = scanner.books.get(book.ref);
    if (book instanceof BidPairBook && mine instanceof BidPairBook) {
      for (const side of ['yesBids', 'noBids'] as const) {
        const levels = book[side];
        mine[side].replace(Array.from({ length: levels.length }, (_, i) => levels.priceAt(i)), Array.from({ length: levels.length }, (_, i) => levels.qtyAt(i)));
      }
    } else if (book instanceof TokenPairBook && mine instanceof TokenPairBook) {
      for (const o of ['yes', 'no'] as const) {
        for (const side of ['bids', 'asks'] as const) {
          const levels = book.token(o)[side];
          mine.token(o)[side].replace(Array.from({ length: levels.length }, (_, i) => levels.priceAt(i)), Array.from({ length: levels.length }, (_, i) => levels.qtyAt(i)));
        }
      }
    }
  }
}

