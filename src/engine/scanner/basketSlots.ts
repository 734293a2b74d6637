// The scanner numbers its baskets by slot: a basket's place in its list, the index's number for it
// and the position of its per-basket flags. Retiring markets empties their baskets' slots (holes)
// instead of renumbering every basket after them; once holes are a fair share of the slots, they
// are compacted away in one pass that keeps the baskets' order.
import type { Basket } from './basket';
import type { BasketIndex } from './basketIndex';

/** Holes tolerated whatever the list's size, before compaction (a quarter of the slots beyond). */
export const COMPACT_AFTER_HOLES = 4_096;

/** The scanner's baskets by slot, and its per-basket flags. */
export interface BasketSlots {
  /** By slot; null: the hole a retired basket left. */
  list: (Basket | null)[];
  /** How many holes `list` has. */
  holes: number;
  /** Per slot: 1 while the basket is an opportunity (mirrors the scanner's open opportunities). */
  open: Uint8Array<ArrayBuffer>;
  /** Deferred sizing (`applyDeferred` → `flush`): the slots whose ladders moved since the last flush, each once. */
  readonly pending: number[];
  /** Per slot: 1 = size it, 2 = pre-check it first, 0 = not pending. */
  pendingMark: Uint8Array<ArrayBuffer>;
}

/** The slots holding a basket, in order. */
export function liveSlots(list: readonly (Basket | null)[]): number[] {
  const slots: number[] = [];
  for (let i = 0; i < list.length; i++) if (list[i] !== null) slots.push(i);
  return slots;
}

/**
 * Empties `slots` (distinct, holding baskets) — out of the index, their flags cleared — and gives
 * the baskets they held; compacts the holes once they are a fair share of the list.
 */
export function emptySlots(table: BasketSlots, index: BasketIndex, slots: number[]): Basket[] {
  slots.sort((a, b) => a - b);
  const removed: Basket[] = [];
  for (const i of slots) {
    const basket = table.list[i]!;
    index.remove(i, basket);
    table.list[i] = null;
    table.open[i] = 0;
    table.pendingMark[i] = 0;
    removed.push(basket);
  }
  table.holes += slots.length;
  if (table.holes > Math.max(COMPACT_AFTER_HOLES, table.list.length / 4)) compact(table, index);
  return removed;
}

/** Closes the holes: every basket moves down to its place among the live ones (order kept). */
function compact(table: BasketSlots, index: BasketIndex): void {
  const { list, moved } = withoutHoles(table.list);
  const mark = table.pendingMark;
  let kept = 0;
  for (const i of table.pending) if (mark[i] !== 0) table.pending[kept++] = moved[i]!;
  table.pending.length = kept;
  table.open = movedFlags(table.open, moved, list.length);
  table.pendingMark = movedFlags(mark, moved, list.length);
  table.list = list;
  table.holes = 0;
  index.renumber(moved, list);
}

/** The baskets without the holes, and per old slot its new one (−1 for a hole). */
export function withoutHoles(list: readonly (Basket | null)[]): { list: Basket[]; moved: Int32Array } {
  const live: Basket[] = [];
  const moved = new Int32Array(list.length).fill(-1);
  for (let i = 0; i < list.length; i++) {
    const basket = list[i];
    if (basket === null || basket === undefined) continue;
    moved[i] = live.length;
    live.push(basket);
  }
  return { list: live, moved };
}

function movedFlags(flags: Uint8Array, moved: Int32Array, length: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(length);
  for (let i = 0; i < moved.length; i++) if (moved[i]! >= 0) next[moved[i]!] = flags[i]!;
  return next;
}
