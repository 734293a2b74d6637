// The engine's books against the simulator's own (sim.truth), level by level in integer units.
// Meaningful once the world is paused and the feeds have gone quiet. Polymarket sizes can carry
// more decimals than the engine keeps: the engine floors them to 0.01, and so does this check.
import type { BookStore } from '../engine/tools';
import type { SimulatorHandle } from '../sim/index';
import { parsePrice, parseQty } from '../shared/units';

type Level = [number, number];

interface Levels {
  readonly length: number;
  priceAt(i: number): number;
  qtyAt(i: number): number;
}

function fromTruth(levels: [string, string][]): Level[] {
  return levels
    .map(([p, q]) => {
      const price = parsePrice(p);
      // The engine keeps sizes in 0.01 contract, floored (never more depth than the venue shows).
      const qty = parseQty(q, 'floor');
      if (!price.ok || !qty.ok) throw new Error(`simulator book level [${p}, ${q}] does not parse`);
      return [price.value, qty.value] as Level;
    })
    .sort((a, b) => a[0] - b[0]);
}

function fromEngine(levels: Levels): Level[] {
  const out: Level[] = [];
  for (let i = 0; i < levels.length; i++) out.push([levels.priceAt(i), levels.qtyAt(i)]);
  return out.sort((a, b) => a[0] - b[0]);
}

export interface BookComparison {
  compared: number;
  /** Books whose levels differ on any side, or that are not live. */
  differingBooks: number;
  /** Each differing side (or book not live), with the first level where the two part. */
  differing: string[];
}

/** The first level where the two ladders part, e.g. `at 3: engine 5400×1200 vs simulator 5400×900 (12 vs 12 levels)`. */
function firstDifference(engine: Level[], truth: Level[]): string {
  let i = 0;
  while (i < engine.length && i < truth.length && engine[i]![0] === truth[i]![0] && engine[i]![1] === truth[i]![1]) i++;
  const at = (l: Level | undefined) => (l ? `${l[0]}×${l[1]}` : 'none');
  return `at ${i}: engine ${at(engine[i])} vs simulator ${at(truth[i])} (${engine.length} vs ${truth.length} levels)`;
}

export function compareBooks(store: BookStore, sim: SimulatorHandle, refs: readonly string[]): BookComparison {
  const differing: string[] = [];
  const books = new Set<string>();
  let compared = 0;
  const check = (ref: string, side: string, engine: Level[], truth: Level[]) => {
    if (JSON.stringify(engine) === JSON.stringify(truth)) return;
    differing.push(`${ref} ${side} ${firstDifference(engine, truth)}`);
    books.add(ref);
  };
  for (const ref of refs) {
    const book = store.get(ref);
    if (!book) continue;
    compared++;
    if (book.yes.health !== 'live' || book.no.health !== 'live') {
      differing.push(`${ref} (${book.yes.health})`);
      books.add(ref);
      continue;
    }
    if (book.shape === 'bid_pair') {
      const truth = sim.truth.kalshi.book(book.id);
      check(ref, 'yes bids', fromEngine(book.yesBids), fromTruth(truth.yes));
      check(ref, 'no bids', fromEngine(book.noBids), fromTruth(truth.no));
    } else if (book.shape === 'yes_book' && book.venue === 'polymarket-us') {
      const truth = (sim.polymarketUs.book(book.id) as { marketData: { bids: { px: { value: string }; qty: string }[]; offers: { px: { value: string }; qty: string }[] } }).marketData;
      const pairs = (levels: { px: { value: string }; qty: string }[]): [string, string][] => levels.map((l) => [l.px.value, l.qty]);
      check(ref, 'bids', fromEngine(book.bids), fromTruth(pairs(truth.bids)));
      check(ref, 'offers', fromEngine(book.asks), fromTruth(pairs(truth.offers)));
    } else if (book.shape === 'token_pair') {
      for (const outcome of ['yes', 'no'] as const) {
        const token = book.token(outcome);
        const truth = sim.truth.polymarket.book(token.tokenId);
        check(ref, `${outcome} bids`, fromEngine(token.bids), fromTruth(truth.bids));
        check(ref, `${outcome} asks`, fromEngine(token.asks), fromTruth(truth.asks));
      }
    }
  }
  return { compared, differingBooks: books.size, differing };
}
