import type { BookHealth } from '../../shared/contract/primitives';

/**
 * Flat per-ask-ladder records in one Float64Array, eight slots (one cache line) per ladder id.
 * Slots 0–3 belong to the books: best (lowest) ask in $0.0001 (0 when empty), depth in 0.01
 * contracts, health (1 live, 2 stale, 0 unknown), time of the last change (NaN before any).
 * Slots 4–7 belong to the scanner's index of the baskets buying from the ladder. Book sides
 * publish into it on every change, so a message touches one line to update a ladder, and the
 * scanner finds and pre-checks the affected baskets from lines already in cache.
 */
export class LadderCache {
  static readonly STRIDE = 8;
  static readonly TOP = 0;
  static readonly DEPTH = 1;
  static readonly HEALTH = 2;
  static readonly UPDATED = 3;
  /** First of the four slots the scanner may use. */
  static readonly USER = 4;

  data = new Float64Array(64 * LadderCache.STRIDE);

  ensure(ladders: number): void {
    const need = ladders * LadderCache.STRIDE;
    if (need <= this.data.length) return;
    let size = this.data.length;
    while (size < need) size *= 2;
    const data = new Float64Array(size);
    data.set(this.data);
    this.data = data;
  }

  health(ladder: number): BookHealth {
    const h = this.data[ladder * 8 + 2];
    return h === 1 ? 'live' : h === 2 ? 'stale' : 'unknown';
  }

  setHealth(ladder: number, health: BookHealth): void {
    this.data[ladder * 8 + 2] = health === 'live' ? 1 : health === 'stale' ? 2 : 0;
  }

  isUnknown(ladder: number): boolean {
    return this.data[ladder * 8 + 2] === 0;
  }

  isStale(ladder: number): boolean {
    return this.data[ladder * 8 + 2] === 2;
  }

  /** 1 live, 2 stale, 0 unknown. */
  healthCode(ladder: number): number {
    return this.data[ladder * 8 + 2]!;
  }

  updatedAt(ladder: number): number | null {
    const t = this.data[ladder * 8 + 3]!;
    return Number.isNaN(t) ? null : t;
  }

  setUpdatedAt(ladder: number, at: number | null): void {
    this.data[ladder * 8 + 3] = at === null ? NaN : at;
  }
}
