// Calendar days in a chosen time zone, for the daily loss limit. A day starts at local midnight
// (or the first instant after it, where a DST jump skips midnight) and lasts 23 to 25 hours.

const HOUR = 3_600_000;
/** Longest possible distance from an instant to its day's start, or to the next day's start. */
const MAX_DAY = 27 * HOUR;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export class TradingDay {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone "${timeZone}"`);
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  /** The local calendar date of `at`, "YYYY-MM-DD" (sorts like the dates it names). */
  key(at: number): string {
    return this.format.format(at);
  }

  /** The first millisecond of the day that contains `at`. */
  startOf(at: number): number {
    const day = this.key(at);
    // The day's start is the first instant whose date is `day`: search the 27 hours before.
    return this.firstAtOrAfter(at - MAX_DAY, at, (t) => this.key(t) >= day);
  }

  /** The first millisecond of the next day. */
  nextStart(at: number): number {
    const day = this.key(at);
    return this.firstAtOrAfter(at, at + MAX_DAY, (t) => this.key(t) > day);
  }

  /** Binary search for the first t in (lo, hi] where `reached` holds; it holds at hi and stays true. */
  private firstAtOrAfter(lo: number, hi: number, reached: (t: number) => boolean): number {
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (reached(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}
