// Where each row of the Opportunities table sits. A row is one line per leg (so the markets of
// every row can be read), plus one for a subject its legs share, so rows differ in height; the
// table still renders only what is visible.
export const LEG_LINE = 18;
const ROW_PADDING = 6;
export const MIN_ROW_HEIGHT = 26;

export function rowHeight(lines: number): number {
  return Math.max(MIN_ROW_HEIGHT, ROW_PADDING + LEG_LINE * lines);
}

export class RowLayout {
  /** offsets[i]: the top of row i; offsets[n]: the total height. */
  readonly offsets: number[];

  constructor(lineCounts: readonly number[]) {
    this.offsets = new Array<number>(lineCounts.length + 1);
    let y = 0;
    for (let i = 0; i < lineCounts.length; i++) {
      this.offsets[i] = y;
      y += rowHeight(lineCounts[i]!);
    }
    this.offsets[lineCounts.length] = y;
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
