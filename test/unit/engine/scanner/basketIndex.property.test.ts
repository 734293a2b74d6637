// The index from each ask ladder to the baskets buying from it grows a slice at a time while a
// venue's whole universe arrives, and loses baskets in place when markets are retired (their
// slots become holes). Whatever the slices and removals, every book change must then reach
// exactly the baskets — in the same order, pre-checked the same way — that an index built from
// scratch over the same baskets (holes included) reaches.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LadderCache } from '../../../../src/engine/books/ladderCache';
import type { LadderId } from '../../../../src/engine/books/marketBook';
import type { Basket } from '../../../../src/engine/scanner/basket';
import { BasketIndex } from '../../../../src/engine/scanner/basketIndex';
import { withoutHoles } from '../../../../src/engine/scanner/basketSlots';

/** A small deterministic generator, so one fast-check seed draws thousands of baskets. */
function random(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

/** Only what the index reads of a basket: its legs' ladders and its payout. */
function basketOver(ladders: readonly number[], payout: number): Basket {
  return { payout, legs: ladders.map((ladder) => ({ ladder })) } as unknown as Basket;
}

/** Two-leg $1 baskets (most of a universe) and exclusive-set baskets of up to eight legs, over `ladders` ladders. */
function baskets(seed: number, count: number, ladders: number): Basket[] {
  const pick = random(seed);
  return Array.from({ length: count }, () => {
    if (pick(4) > 0) {
      const a = pick(ladders);
      return basketOver([a, (a + 1 + pick(ladders - 1)) % ladders], 1);
    }
    const legs = [...new Set(Array.from({ length: 1 + pick(8) }, () => pick(ladders)))];
    return basketOver(legs, pick(2) === 0 ? 1 : Math.max(1, legs.length - 1));
  });
}

/** Books on every ladder: some live with a contract or more at a random top ask, others not. */
function booksFor(ladders: number, seed: number): LadderCache {
  const cache = new LadderCache();
  cache.ensure(ladders);
  const pick = random(seed ^ 0x5bd1e995);
  for (let l = 0; l < ladders; l++) {
    cache.data[l * 8] = 1 + pick(9_999);
    cache.data[l * 8 + 1] = pick(3) * 100;
    cache.data[l * 8 + 2] = pick(3);
  }
  return cache;
}

/** Everything the per-message path reads from the index: what a move of each ladder (and of several at once) queues, and each basket's pre-check. */
function reached(index: BasketIndex, ladders: number, count: number, minProfit: number, open: Uint8Array, live: (i: number) => boolean = () => true): unknown {
  const moves: LadderId[][] = Array.from({ length: ladders }, (_, l) => [l as LadderId]);
  moves.push(Array.from({ length: ladders }, (_, l) => l as LadderId));
  const queued = moves.map((move) => {
    const evaluate: number[] = [];
    const check: number[] = [];
    const considered = index.collect(move, open, minProfit, evaluate, check);
    return { considered, evaluate, check };
  });
  return { queued, couldNet: Array.from({ length: count }, (_, i) => live(i) && index.couldNet(i)) };
}

/** The index grown by slices of `list`, each over the ladders its baskets so far buy from (the books grow with them), then over all `ladders`. */
function inSlices(list: readonly Basket[], cuts: readonly number[], ladders: number, cache: LadderCache): BasketIndex {
  const index = new BasketIndex(cache);
  const at = [...new Set(cuts.map((c) => c % (list.length + 1)))].sort((a, b) => a - b);
  let covered = 0;
  let from = 0;
  for (const end of [...at, list.length]) {
    for (const basket of list.slice(from, end)) for (const leg of basket.legs) covered = Math.max(covered, leg.ladder + 1);
    index.add(list.slice(0, end), covered);
    from = end;
  }
  index.add(list, ladders);
  return index;
}

describe('BasketIndex', () => {
  it('added to a slice at a time reaches from every ladder the baskets that building it whole reaches, and a rebuild after removals equals a fresh build', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 3_000 }),
        fc.integer({ min: 2, max: 400 }),
        fc.array(fc.nat(3_000), { maxLength: 12 }),
        fc.constantFrom(0, 10_000),
        (seed, count, ladders, cuts, minProfit) => {
          const list = baskets(seed, count, ladders);
          const open = Uint8Array.from(list, (_, i) => (i % 3 === 0 ? 1 : 0));
          const whole = new BasketIndex(booksFor(ladders, seed));
          whole.build(list, ladders);
          const sliced = inSlices(list, cuts, ladders, booksFor(ladders, seed));
          expect(sliced.ladders).toBe(ladders);
          expect(reached(sliced, ladders, list.length, minProfit, open)).toEqual(reached(whole, ladders, list.length, minProfit, open));

          const kept = list.filter((_, i) => i % 4 !== 1);
          sliced.build(kept, ladders);
          const fresh = new BasketIndex(booksFor(ladders, seed));
          fresh.build(kept, ladders);
          expect(reached(sliced, ladders, kept.length, minProfit, open)).toEqual(reached(fresh, ladders, kept.length, minProfit, open));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('BasketIndex removals', () => {
  it('baskets taken out between slices of additions leave what building the index over the remaining slots gives, and renumbered without the holes, what building it over the rest gives', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer(),
          count: fc.integer({ min: 1, max: 2_000 }),
          ladders: fc.integer({ min: 2, max: 300 }),
          // Each step: the list grown to `end`, then the baskets at `removals` (where any) taken out.
          steps: fc.array(fc.record({ end: fc.nat(2_000), removals: fc.array(fc.nat(2_000), { maxLength: 300 }) }), { minLength: 1, maxLength: 8 }),
          minProfit: fc.constantFrom(0, 10_000),
        }),
        ({ seed, count, ladders, steps, minProfit }) => {
          const all = baskets(seed, count, ladders);
          const list: (Basket | null)[] = [];
          const index = new BasketIndex(booksFor(ladders, seed));
          for (const step of [...steps, { end: count, removals: [] }]) {
            list.push(...all.slice(list.length, Math.max(list.length, step.end % (count + 1))));
            index.add(list, ladders);
            for (const r of step.removals) {
              const i = r % Math.max(1, list.length);
              const basket = list[i];
              if (!basket) continue;
              index.remove(i, basket);
              list[i] = null;
            }
          }
          const open = Uint8Array.from(list, (_, i) => (i % 3 === 0 ? 1 : 0));
          const fresh = new BasketIndex(booksFor(ladders, seed));
          fresh.build(list, ladders);
          const live = (i: number) => list[i] !== null;
          expect(reached(index, ladders, list.length, minProfit, open, live)).toEqual(reached(fresh, ladders, list.length, minProfit, open, live));

          // The holes compacted away: the index renumbered is the index built over the baskets left.
          const compacted = withoutHoles(list);
          index.renumber(compacted.moved, compacted.list);
          const dense = new BasketIndex(booksFor(ladders, seed));
          dense.build(compacted.list, ladders);
          const openNow = Uint8Array.from(compacted.list, (_, i) => i % 2);
          expect(reached(index, ladders, compacted.list.length, minProfit, openNow)).toEqual(reached(dense, ladders, compacted.list.length, minProfit, openNow));
        },
      ),
      { numRuns: 150 },
    );
  });
});
