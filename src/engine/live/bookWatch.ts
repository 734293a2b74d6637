// Books the UI is looking at (a depth chart per leg): `watchMarket` answers the current view, then
// every change is pushed as a `book` event, coalesced per market to at most one per interval.
import type { BookView } from '../../shared/contract';
import type { MarketRef } from '../../shared/ids';
import { Disposable, Emitter } from '../../shared/lifecycle';
import type { BookStore } from '../books/bookStore';
import { toBookView } from '../scanner/toContract';

export const DEFAULT_BOOK_INTERVAL_MS = 200;
/** Watches beyond this drop the oldest: a UI that forgets to unwatch cannot grow the work without bound. */
export const MAX_WATCHED = 64;

export class BookWatch extends Disposable {
  /** Watched market slots → how many watches (UIs may watch the same market). */
  private readonly watched = new Map<number, number>();
  /** Flags by slot, for the per-message check. */
  private flags = new Uint8Array(0);
  private readonly dirty = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly onDidChangeEmitter = this.register(new Emitter<BookView>());
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(
    private readonly books: BookStore,
    private readonly intervalMs = DEFAULT_BOOK_INTERVAL_MS,
  ) {
    super();
  }

  get count(): number {
    return this.watched.size;
  }

  /** Starts (or adds to) a watch; null when the market has no book. */
  watch(ref: MarketRef): BookView | null {
    const book = this.books.get(ref);
    if (!book) return null;
    this.watched.set(book.slot, (this.watched.get(book.slot) ?? 0) + 1);
    if (this.watched.size > MAX_WATCHED) {
      const oldest = this.watched.keys().next().value!;
      this.watched.delete(oldest);
      this.setFlag(oldest, 0);
    }
    this.setFlag(book.slot, 1);
    return toBookView(book);
  }

  unwatch(ref: MarketRef): void {
    const book = this.books.get(ref);
    if (!book) return;
    const n = (this.watched.get(book.slot) ?? 0) - 1;
    if (n > 0) {
      this.watched.set(book.slot, n);
      return;
    }
    this.watched.delete(book.slot);
    this.setFlag(book.slot, 0);
    this.dirty.delete(book.slot);
  }

  /** Books of these slots changed (hot path: a flag test per slot). */
  touched(slots: readonly number[]): void {
    if (this.watched.size === 0) return;
    const flags = this.flags;
    let any = false;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (slot < flags.length && flags[slot] === 1) {
        this.dirty.add(slot);
        any = true;
      }
    }
    if (any && this.timer === null) this.timer = setTimeout(() => this.push(), this.intervalMs);
  }

  /** A market's health changed (stale, unknown, live again). */
  touchedRef(ref: MarketRef): void {
    const book = this.books.get(ref);
    if (book) this.touched([book.slot]);
  }

  override dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    super.dispose();
  }

  private setFlag(slot: number, value: 0 | 1): void {
    if (slot >= this.flags.length) {
      const grown = new Uint8Array(Math.max(slot + 1, this.flags.length * 2, 64));
      grown.set(this.flags);
      this.flags = grown;
    }
    this.flags[slot] = value;
  }

  private push(): void {
    this.timer = null;
    const slots = [...this.dirty];
    this.dirty.clear();
    for (const slot of slots) {
      if (!this.watched.has(slot)) continue;
      this.onDidChangeEmitter.fire(toBookView(this.books.bySlot(slot)));
    }
  }
}
