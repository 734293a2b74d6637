// Compares the engine's books with the simulator's own (sim.truth), level by level, in integer
// units. Used once the world is paused and the feeds have gone quiet.
import type { BookStore } from '../../../src/engine/books/bookStore';
import type { PriceLevels } from '../../../src/engine/books/priceLevels';
import type { SimulatorHandle } from '../../../src/sim/index';
import { parsePrice, parseQty } from '../../../src/shared/units';

type Level = [number, number];

function fromTruth(levels: [string, string][]): Level[] {
  return levels
    .map(([p, q]) => {
      const price = parsePrice(p);
      const qty = parseQty(q);
      if (!price.ok || !qty.ok) throw new Error(`truth level [${p}, ${q}] does not parse`);
      return [price.value, qty.value] as Level;
    })
    .sort((a, b) => a[0] - b[0]);
}

function fromEngine(levels: PriceLevels): Level[] {
  const out: Level[] = [];
  for (let i = 0; i < levels.length; i++) out.push([levels.priceAt(i), levels.qtyAt(i)]);
  return out.sort((a, b) => a[0] - b[0]);
}

export interface BookMismatch {
  market: string;
  side: string;
  engine: Level[];
  truth: Level[];
}

/** Every market of the store that the simulator lists: where the engine's levels differ from the truth. */
export function compareBooks(store: BookStore, sim: SimulatorHandle, refs: readonly string[]): { compared: number; mismatches: BookMismatch[] } {
  const mismatches: BookMismatch[] = [];
  let compared = 0;
  const check = (market: string, side: string, engine: Level[], truth: Level[]) => {
    if (JSON.stringify(engine) !== JSON.stringify(truth)) mismatches.push({ market, side, engine, truth });
  };
  for (const ref of refs) {
    const book = store.get(ref);
    if (!book) continue;
    compared++;
    if (book.shape === 'bid_pair') {
      const truth = sim.truth.kalshi.book(book.id);
      check(ref, 'yes bids', fromEngine(book.yesBids), fromTruth(truth.yes));
      check(ref, 'no bids', fromEngine(book.noBids), fromTruth(truth.no));
    } else if (book.shape === 'token_pair') {
      for (const outcome of ['yes', 'no'] as const) {
        const token = book.token(outcome);
        const truth = sim.truth.polymarket.book(token.tokenId);
        check(ref, `${outcome} bids`, fromEngine(token.bids), fromTruth(truth.bids));
        check(ref, `${outcome} asks`, fromEngine(token.asks), fromTruth(truth.asks));
      }
    }
  }
  return { compared, mismatches };
}
