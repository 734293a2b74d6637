// The scanner's per-message index, laid out for memory: a message should touch as few cache lines
// as possible, because on a busy machine each cold line costs more than the arithmetic.
//
// Each ask ladder's record in the book store's LadderCache — the line the book update has just
// written — also holds up to three two-leg baskets buying from that ladder, each packed with the
// other leg's ladder. A two-leg basket paying $1 can only net money if both legs are live, hold a
// contract, and their top asks cost less than $1 together: that test reads the other leg's record
// and nothing else. Other baskets (more legs, or a fourth basket on one ladder) are listed per
// ladder in compressed rows and tested from a per-basket record (stride 8: payout in
// micro-dollars, leg count, up to six leg ladders).
//
// Baskets are numbered by slot (their place in the scanner's list). A removed basket leaves its
// slot empty (a hole, null in the list) and is taken out of its ladders' entries in place, so
// retiring markets costs their baskets, not the universe's.
import { LadderCache } from '../books/ladderCache';
import type { LadderId } from '../books/marketBook';
import type { Basket } from './basket';

/** Two-leg entries pack basket index × PAIR_LIMIT + other ladder into one exact double. */
const PAIR_LIMIT = 2 ** 21;
const USER = LadderCache.USER;
const LEGS_INLINE = 6;
const ONE_DOLLAR = 1_000_000;

/** Per-ladder flag bits beside the two-leg count (bits 0–1): compacted rows, rows added since. */
const HAS_ROWS = 4;
const HAS_TAIL = 8;

export class BasketIndex {
  private ladderCount = 0;
  private basketCount = 0;
  /**
   * The other baskets buying from each ladder, in basket order: compressed rows for the ladders
   * and baskets indexed at the last compaction, then per ladder the baskets added since (a tail),
   * folded into the rows once they are a fair share of them — so adding a slice costs the slice.
   * Ladder l's rows are overflow[rowSpan[2l] .. rowSpan[2l + 1]) (removals shorten a span).
   */
  private rowSpan = new Int32Array(0);
  private overflow = new Int32Array(0);
  private readonly tails = new Map<LadderId, number[]>();
  private tailEntries = 0;
  private records = new Float64Array(0);
  private baskets: readonly (Basket | null)[] = [];
  /** Per basket: the epoch it was last queued in (dedupes messages that move several ladders). */
  private queuedAt = new Int32Array(0);
  private epoch = 0;

  constructor(private readonly cache: LadderCache) {}

  /** Ask ladders the index covers (those of markets added since are not indexed yet). */
  get ladders(): number {
    return this.ladderCount;
  }

  /** Rebuilds the index for `baskets` (null: an empty slot) over `ladders` ask ladders. */
  build(baskets: readonly (Basket | null)[], ladders: number): void {
    this.cache.ensure(ladders);
    const data = this.cache.data;
    for (let l = 0; l < Math.max(ladders, this.ladderCount); l++) data[l * 8 + USER] = 0;
    this.ladderCount = 0;
    this.basketCount = 0;
    this.rowSpan = new Int32Array(0);
    this.overflow = new Int32Array(0);
    this.tails.clear();
    this.tailEntries = 0;
    this.records = new Float64Array(baskets.length * 8);
    this.queuedAt = new Int32Array(0);
    this.add(baskets, ladders);
    this.compact();
  }

  /**
   * Indexes the baskets of `baskets` past those indexed already (the list grew at its end), over
   * `ladders` ask ladders (never fewer than before). Gives what `build` of the whole list gives.
   */
  add(baskets: readonly (Basket | null)[], ladders: number): void {
    this.cache.ensure(ladders);
    const data = this.cache.data;
    const first = this.basketCount;
    this.records = grown(this.records, baskets.length * 8, 0);
    this.queuedAt = grown(this.queuedAt, baskets.length, -1);
    const records = this.records;
    for (let i = first; i < baskets.length; i++) {
      const basket = baskets[i];
      if (!basket) continue;
      const legs = basket.legs;
      records[i * 8] = basket.payout * ONE_DOLLAR;
      records[i * 8 + 1] = legs.length;
      for (let k = 0; k < legs.length; k++) {
        const ladder = legs[k]!.ladder;
        if (k < LEGS_INLINE) records[i * 8 + 2 + k] = ladder;
        const at = ladder * 8 + USER;
        const flags = data[at]!;
        const fast = flags & 3;
        const other = legs.length === 2 ? legs[1 - k]!.ladder : -1;
        if (other >= 0 && basket.payout === 1 && i < PAIR_LIMIT && other < PAIR_LIMIT && fast < 3) {
          data[at + 1 + fast] = i * PAIR_LIMIT + other;
          data[at] = flags + 1;
          continue;
        }
        let tail = this.tails.get(ladder);
        if (tail === undefined) this.tails.set(ladder, (tail = []));
        tail.push(i);
        this.tailEntries++;
        data[at] = flags | HAS_TAIL;
      }
    }
    this.basketCount = baskets.length;
    this.baskets = baskets;
    this.ladderCount = Math.max(this.ladderCount, ladders);
    if (this.tailEntries > 1024 + this.overflow.length / 2) this.compact();
  }

  /** Folds every ladder's tail into the compressed rows. */
  private compact(): void {
    const data = this.cache.data;
    const ladders = this.ladderCount;
    const before = this.rowSpan;
    const rows = this.overflow;
    const rowsBefore = before.length / 2;
    const count = new Int32Array(ladders);
    for (let l = 0; l < rowsBefore; l++) count[l] = before[2 * l + 1]! - before[2 * l]!;
    for (const [l, tail] of this.tails) count[l] = count[l]! + tail.length;
    // Each ladder's span starts empty where its rows go, and its end moves as they are copied.
    const span = new Int32Array(ladders * 2);
    for (let l = 0, at = 0; l < ladders; at += count[l++]!) span[2 * l] = span[2 * l + 1] = at;
    const overflow = new Int32Array(ladders === 0 ? 0 : span[2 * ladders - 2]! + count[ladders - 1]!);
    for (let l = 0; l < rowsBefore; l++) {
      for (let j = before[2 * l]!; j < before[2 * l + 1]!; j++) overflow[span[2 * l + 1]!++] = rows[j]!;
    }
    for (const [l, tail] of this.tails) {
      for (const i of tail) overflow[span[2 * l + 1]!++] = i;
      data[l * 8 + USER] = (data[l * 8 + USER]! & 3) | HAS_ROWS;
    }
    this.rowSpan = span;
    this.overflow = overflow;
    this.tails.clear();
    this.tailEntries = 0;
  }

  /**
   * The baskets buying from `ladders`, each once: into `evaluate` those that need sizing (open
   * ones, and two-leg ones that passed the top-of-book test, or all when `minProfit` ≤ 0), into
   * `check` those still to test with `couldNet`. Returns how many baskets were considered.
   */
  collect(ladders: readonly LadderId[], open: Uint8Array, minProfit: number, evaluate: number[], check: number[]): number {
    const data = this.cache.data;
    const known = this.ladderCount;
    const dedupe = ladders.length > 1;
    const epoch = dedupe ? ++this.epoch : 0;
    const queuedAt = this.queuedAt;
    let considered = 0;
    for (let k = 0; k < ladders.length; k++) {
      const ladder = ladders[k]!;
      if (ladder >= known) continue;
      const at = ladder * 8;
      const flags = data[at + USER]!;
      const fastCount = flags & 3;
      const selfOk = data[at + 2] === 1 && data[at + 1]! >= 100;
      const selfTop = data[at]!;
      for (let j = 0; j < fastCount; j++) {
        const pair = data[at + USER + 1 + j]!;
        const i = Math.floor(pair / PAIR_LIMIT);
        if (dedupe) {
          if (queuedAt[i] === epoch) continue;
          queuedAt[i] = epoch;
        }
        considered++;
        if (open[i] === 0 && minProfit > 0) {
          if (!selfOk) continue;
          const o = (pair - i * PAIR_LIMIT) * 8;
          if (data[o + 2] !== 1 || data[o + 1]! < 100 || 100 * (selfTop + data[o]!) >= ONE_DOLLAR) continue;
        }
        evaluate.push(i);
      }
      if ((flags & HAS_ROWS) !== 0) considered += this.queue(this.overflow, this.rowSpan[2 * ladder]!, this.rowSpan[2 * ladder + 1]!, epoch, check);
      if ((flags & HAS_TAIL) !== 0) {
        const tail = this.tails.get(ladder)!;
        considered += this.queue(tail, 0, tail.length, epoch, check);
      }
    }
    return considered;
  }

  /**
   * Takes basket `slot` out of the index (before its slot in the list is emptied): its ladders no
   * longer reach it. A two-leg entry freed on a ladder goes to the first basket in that ladder's
   * rows that a fresh build would have put there, so the index stays what building it gives.
   */
  remove(slot: number, basket: Basket): void {
    const data = this.cache.data;
    for (const leg of basket.legs) {
      const ladder = leg.ladder;
      if (ladder >= this.ladderCount) continue;
      const at = ladder * 8 + USER;
      const fast = data[at]! & 3;
      let j = 0;
      while (j < fast && Math.floor(data[at + 1 + j]! / PAIR_LIMIT) !== slot) j++;
      if (j === fast) {
        this.unlist(ladder, slot);
        continue;
      }
      for (; j < fast - 1; j++) data[at + 1 + j] = data[at + 2 + j]!;
      data[at] = data[at]! - 1;
      this.promote(ladder);
    }
    this.records.fill(0, slot * 8, slot * 8 + 8);
  }

  /**
   * Renumbers the baskets once their list lost its holes: slot i is now `moved[i]` (−1: a hole),
   * in the same order, so every ladder's entries keep their order — what building the index over
   * `baskets` gives, without re-reading the baskets.
   */
  renumber(moved: Int32Array, baskets: readonly Basket[]): void {
    // Slots past PAIR_LIMIT (never reached at real scale) could now take a two-leg entry: build.
    if (this.basketCount > PAIR_LIMIT) return this.build(baskets, this.ladderCount);
    const data = this.cache.data;
    const rows = this.overflow;
    const span = this.rowSpan;
    for (let l = 0; l < this.ladderCount; l++) {
      const at = l * 8 + USER;
      for (let j = 0; j < (data[at]! & 3); j++) {
        const pair = data[at + 1 + j]!;
        const i = Math.floor(pair / PAIR_LIMIT);
        data[at + 1 + j] = moved[i]! * PAIR_LIMIT + (pair - i * PAIR_LIMIT);
      }
      if (2 * l < span.length) for (let j = span[2 * l]!; j < span[2 * l + 1]!; j++) rows[j] = moved[rows[j]!]!;
    }
    for (const tail of this.tails.values()) for (let j = 0; j < tail.length; j++) tail[j] = moved[tail[j]!]!;
    const records = this.records;
    for (let i = 0; i < this.basketCount; i++) {
      const to = moved[i]!;
      if (to >= 0 && to !== i) for (let k = 0; k < 8; k++) records[to * 8 + k] = records[i * 8 + k]!;
    }
    records.fill(0, baskets.length * 8);
    this.basketCount = baskets.length;
    this.baskets = baskets;
  }

  /** The rows or tail of `ladder` without `slot` (order kept). */
  private unlist(ladder: LadderId, slot: number): void {
    const rows = this.overflow;
    const span = this.rowSpan;
    if (ladder * 2 < span.length) {
      const end = span[2 * ladder + 1]!;
      for (let j = span[2 * ladder]!; j < end; j++) {
        if (rows[j] !== slot) continue;
        rows.copyWithin(j, j + 1, end);
        span[2 * ladder + 1] = end - 1;
        return;
      }
    }
    const tail = this.tails.get(ladder);
    const k = tail?.indexOf(slot) ?? -1;
    if (tail === undefined || k < 0) return;
    tail.splice(k, 1);
    this.tailEntries--;
    if (tail.length > 0) return;
    this.tails.delete(ladder);
    this.cache.data[ladder * 8 + USER] = this.cache.data[ladder * 8 + USER]! & ~HAS_TAIL;
  }

  /** Moves the first two-leg $1 basket of `ladder`'s rows (then tail) into its free two-leg entry. */
  private promote(ladder: LadderId): void {
    const data = this.cache.data;
    const span = this.rowSpan;
    const tail = this.tails.get(ladder) ?? [];
    const rows = ladder * 2 < span.length ? this.overflow.subarray(span[2 * ladder]!, span[2 * ladder + 1]!) : new Int32Array(0);
    for (const candidates of [rows, tail]) {
      for (const i of candidates) {
        const legs = this.baskets[i]!.legs;
        if (legs.length !== 2 || this.baskets[i]!.payout !== 1 || i >= PAIR_LIMIT) continue;
        const other = legs[legs[0]!.ladder === ladder ? 1 : 0]!.ladder;
        if (other >= PAIR_LIMIT) continue;
        this.unlist(ladder, i);
        const at = ladder * 8 + USER;
        const fast = data[at]! & 3;
        data[at + 1 + fast] = i * PAIR_LIMIT + other;
        data[at] = data[at]! + 1;
        return;
      }
    }
  }

  /** Queues `rows[from..end)` into `check`, each basket once in this epoch (0: no dedupe); how many it queued. */
  private queue(rows: Int32Array | readonly number[], from: number, end: number, epoch: number, check: number[]): number {
    const queuedAt = this.queuedAt;
    let queued = 0;
    for (let j = from; j < end; j++) {
      const i = rows[j]!;
      if (epoch !== 0) {
        if (queuedAt[i] === epoch) continue;
        queuedAt[i] = epoch;
      }
      queued++;
      check.push(i);
    }
    return queued;
  }

  /**
   * False when basket `i` cannot net anything at any size: a leg is not live or holds less than a
   * contract, or its top asks already cost the payout (every size then nets at most s × that
   * edge ≤ 0, fees being never negative).
   */
  couldNet(i: number): boolean {
    const data = this.cache.data;
    const records = this.records;
    const r = i * 8;
    let edge = records[r]!;
    const legs = records[r + 1]!;
    for (let k = 0; k < legs; k++) {
      const at = (k < LEGS_INLINE ? records[r + 2 + k]! : this.baskets[i]!.legs[k]!.ladder) * 8;
      if (data[at + 2] !== 1 || data[at + 1]! < 100) return false;
      edge -= 100 * data[at]!;
    }
    return edge > 0;
  }
}

/** `array` with room for `length` entries: itself, or a copy at least twice as long with `fill` past the old entries. */
function grown<A extends Float64Array | Int32Array>(array: A, length: number, fill: number): A {
  if (length <= array.length) return array;
  const next = new (array.constructor as new (length: number) => A)(Math.max(length, array.length * 2));
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}
