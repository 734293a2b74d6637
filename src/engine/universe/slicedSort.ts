// A sort done a piece at a time, for work that must not hold the event loop: runs of the items are
// sorted with Array.prototype.sort, then merged pairwise a bounded number of items per piece. The
// result is the stable sort Array.prototype.sort gives: a merge takes the later run's item first
// only when it compares strictly before the earlier run's.

/** Items merged per piece of work. */
const MERGED_PER_PIECE = 4096;

export class SlicedSort<T> {
  private src: T[];
  private dst: T[];
  private width: number;
  private sortedUpTo = 0;
  /** The merge under way: the pair of runs [lo, mid) and [mid, hi), and its cursors. */
  private lo = 0;
  private mid = 0;
  private hi = 0;
  private i = 0;
  private j = 0;
  private k = 0;
  private merging = false;

  constructor(
    items: readonly T[],
    private readonly compare: (a: T, b: T) => number,
    private readonly run = 1024,
  ) {
    this.src = [...items];
    this.dst = new Array<T>(items.length);
    this.width = run;
  }

  /** Works until `timeUp` (asked between pieces) says stop: the sorted items once done, else null. */
  step(timeUp: () => boolean): T[] | null {
    const n = this.src.length;
    while (this.sortedUpTo < n) {
      const end = Math.min(n, this.sortedUpTo + this.run);
      const sorted = this.src.slice(this.sortedUpTo, end).sort(this.compare);
      for (let x = 0; x < sorted.length; x++) this.src[this.sortedUpTo + x] = sorted[x]!;
      this.sortedUpTo = end;
      if (timeUp()) return null;
    }
    while (this.width < n) {
      while (this.lo < n) {
        if (!this.merging) this.startMerge(n);
        this.mergePiece();
        if (timeUp()) return null;
      }
      [this.src, this.dst] = [this.dst, this.src];
      this.width *= 2;
      this.lo = 0;
    }
    return this.src;
  }

  private startMerge(n: number): void {
    this.mid = Math.min(n, this.lo + this.width);
    this.hi = Math.min(n, this.lo + 2 * this.width);
    this.i = this.lo;
    this.j = this.mid;
    this.k = this.lo;
    this.merging = true;
  }

  private mergePiece(): void {
    const { src, dst, mid, hi, compare } = this;
    let { i, j, k } = this;
    const until = Math.min(hi, k + MERGED_PER_PIECE);
    while (k < until) {
      if (j < hi && (i >= mid || compare(src[j]!, src[i]!) < 0)) dst[k++] = src[j++]!;
      else dst[k++] = src[i++]!;
    }
    this.i = i;
    this.j = j;
    this.k = k;
    if (k === hi) {
      this.merging = false;
      this.lo = hi;
    }
  }
}
