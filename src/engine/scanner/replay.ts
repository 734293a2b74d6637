// `arbdesk replay` (spec §8), line by line: each line is `{"venue", "data"}` with `data` one
// market WebSocket message exactly as the venue sends it.
import type { SizedBasket } from './basket';
import { byProfitThenOrder, type Scanner, type ScanResult } from './scanner';

export interface ReplaySummary {
  /** Non-empty lines read. */
  lines: number;
  /** Lines that could not be parsed or applied. */
  skipped: number;
  /** Times a basket became an opportunity. */
  opened: number;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) return false;
  }
  return true;
}

/** Applies one already-parsed envelope to the scanner; null when the envelope itself is unusable. */
export function applyEnvelope(scanner: Scanner, envelope: unknown, now: number): ScanResult | null {
  if (typeof envelope !== 'object' || envelope === null) return null;
  const { venue, data } = envelope as { venue?: unknown; data?: unknown };
  if (data === undefined || !scanner.knowsVenue(venue)) return null;
  return scanner.apply(venue, data, now);
}

const NONE: readonly SizedBasket[] = Object.freeze([]);

export class Replay {
  private readonly counts: ReplaySummary = { lines: 0, skipped: 0, opened: 0 };

  constructor(
    readonly scanner: Scanner,
    private readonly now: () => number = Date.now,
  ) {}

  /** Non-empty lines fed so far: the number of the last one. */
  get lines(): number {
    return this.counts.lines;
  }

  /**
   * Feeds one raw line. Returns null for an empty line (ignored, not counted); otherwise the
   * baskets that became opportunities on this line (line number `lines`), best net profit first.
   */
  feed(line: string): readonly SizedBasket[] | null {
    if (isBlank(line)) return null;
    const counts = this.counts;
    counts.lines++;
    let envelope: unknown;
    try {
      envelope = JSON.parse(line);
    } catch {
      counts.skipped++;
      return NONE;
    }
    const result = applyEnvelope(this.scanner, envelope, this.now());
    if (result === null || result.book.status === 'rejected') counts.skipped++;
    if (result === null || result.delta.opened.length === 0) return NONE;
    const opened = result.delta.opened.length > 1 ? [...result.delta.opened].sort(byProfitThenOrder) : result.delta.opened;
    counts.opened += opened.length;
    return opened;
  }

  summary(): ReplaySummary {
    return { ...this.counts };
  }
}
