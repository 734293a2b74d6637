// Where each row of the Opportunities table sits. A row is one line per leg (so the markets of
// every row can be read), so rows differ in height; the table still renders only what is visible.
export const LEG_LINE = 18;
const ROW_PADDING = 6;
export const MIN_ROW_HEIGHT = 26;

export function rowHeight(legs: number): number {
  return Math.max(MIN_ROW_HEIGHT, ROW_PADDING + LEG_LINE * legs);
}

export class RowLayout {
  /** offsets[i]: the top of row i; offsets[n]: the total height. */
  readonly offsets: number[];

  constructor(legCounts: readonly number[]) {
    this.offsets = new Array<number>(legCounts.length + 1);
    let y = 0;
    for (let i = 0; i < legCounts.length; i++) {
      this.offsets[i] = y;
      y += rowHeight(legCounts[i]!);
    }
    this.offsets[legCounts.length] = y;
  }

  get total(): number {
    return this.offsets[this.offsets.length - 1]!;
  }

  top(index: number): number {
    return this.offsets[index]!;
  }

  height(index: number): number {
    return this.offsets[index + 1]! - this.offsets[index]!;
  }

  /** The row at height y (clamped to the rows). */
  indexAt(y: number): number {
    let lo = 0;
    let hi = this.offsets.length - 2;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.offsets[mid]! <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
