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
import { LadderCache } from '../books/ladderCache';
import type { LadderId } from '../books/marketBook';
import type { Basket } from './basket';

/** Two-leg entries pack basket index × PAIR_LIMIT + other ladder into one exact double. */
const PAIR_LIMIT = 2 ** 21;
const USER = LadderCache.USER;
const LEGS_INLINE = 6;
const ONE_DOLLAR = 1_000_000;

export class BasketIndex {
  private overflowStart = new Int32Array(1);
  private overflow = new Int32Array(0);
  private records = new Float64Array(0);
  private baskets: readonly Basket[] = [];
  /** Per basket: the epoch it was last queued in (dedupes messages that move several ladders). */
  private queuedAt = new Int32Array(0);
  private epoch = 0;

  constructor(private readonly cache: LadderCache) {}

  /** Ask ladders the index covers (those of markets added since are not indexed yet). */
  get ladders(): number {
    return this.overflowStart.length - 1;
  }

  /** Rebuilds the index for `baskets` over `ladders` ask ladders. */
  build(baskets: readonly Basket[], ladders: number): void {
    this.cache.ensure(ladders);
    const data = this.cache.data;
    const records = new Float64Array(baskets.length * 8);
    const fastCount = new Int32Array(ladders);
    const slowCount = new Int32Array(ladders);
    const inRecord: boolean[][] = [];
    baskets.forEach((basket, i) => {
      records[i * 8] = basket.payout * ONE_DOLLAR;
      records[i * 8 + 1] = basket.legs.length;
      inRecord[i] = basket.legs.map((leg, k) => {
        if (k < LEGS_INLINE) records[i * 8 + 2 + k] = leg.ladder;
        const other = basket.legs.length === 2 ? basket.legs[1 - k]!.ladder : -1;
        if (other >= 0 && basket.payout === 1 && i < PAIR_LIMIT && other < PAIR_LIMIT && fastCount[leg.ladder]! < 3) {
          data[leg.ladder * 8 + USER + 1 + fastCount[leg.ladder]!] = i * PAIR_LIMIT + other;
          fastCount[leg.ladder]!++;
          return true;
        }
        slowCount[leg.ladder]!++;
        return false;
      });
    });
    const overflowStart = new Int32Array(ladders + 1);
    for (let l = 0; l < ladders; l++) {
      overflowStart[l + 1] = overflowStart[l]! + slowCount[l]!;
      data[l * 8 + USER] = fastCount[l]! + (slowCount[l]! > 0 ? 4 : 0);
    }
    const fill = overflowStart.slice(0, ladders);
    const overflow = new Int32Array(overflowStart[ladders]!);
    baskets.forEach((basket, i) => {
      basket.legs.forEach((leg, k) => {
        if (!inRecord[i]![k]) overflow[fill[leg.ladder]!++] = i;
      });
    });
    this.records = records;
    this.overflowStart = overflowStart;
    this.overflow = overflow;
    this.baskets = baskets;
    this.queuedAt = new Int32Array(baskets.length).fill(-1);
  }

  /**
   * The baskets buying from `ladders`, each once: into `evaluate` those that need sizing (open
   * ones, and two-leg ones that passed the top-of-book test, or all when `minProfit` ≤ 0), into
   * `check` those still to test with `couldNet`. Returns how many baskets were considered.
   */
  collect(ladders: readonly LadderId[], open: Uint8Array, minProfit: number, evaluate: number[], check: number[]): number {
    const data = this.cache.data;
    const known = this.overflowStart.length - 1;
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
      if ((flags & 4) !== 0) {
        for (let j = this.overflowStart[ladder]!, end = this.overflowStart[ladder + 1]!; j < end; j++) {
          const i = this.overflow[j]!;
          if (dedupe) {
            if (queuedAt[i] === epoch) continue;
            queuedAt[i] = epoch;
          }
          considered++;
          check.push(i);
        }
      }
    }
    return considered;
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
