// `arbdesk replay` (spec §8), line by line: each line is `{"venue", "data"}` with `data` one
// market WebSocket message exactly as the venue sends it.
import { WireDecoder } from '../books/wireDecoder';
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

function isBlank(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = bytes[i];
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
  private readonly decoder: WireDecoder;
  private readonly encoder = new TextEncoder();
  // A BOM is kept, as the stream's own text (a line that starts with one is not JSON).
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  private scratch = new Uint8Array(4096);

  constructor(
    readonly scanner: Scanner,
    private readonly now: () => number = Date.now,
  ) {
    this.decoder = new WireDecoder(scanner.wireReaders());
  }

  /** Non-empty lines fed so far: the number of the last one. */
  get lines(): number {
    return this.counts.lines;
  }

  /**
   * Feeds one raw line. Returns null for an empty line (ignored, not counted); otherwise the
   * baskets that became opportunities on this line (line number `lines`), best net profit first.
   */
  feed(line: string): readonly SizedBasket[] | null {
    if (this.scratch.length < line.length * 3) this.scratch = new Uint8Array(line.length * 3);
    const { written } = this.encoder.encodeInto(line, this.scratch);
    return this.feedBytes(this.scratch, 0, written, line);
  }

  /**
   * Feeds one raw line given as its UTF-8 bytes, `bytes[from, to)` (no newline): as `feed`. Most
   * lines are a venue's commonest message, read straight from the bytes by its reader; the
   * rest are parsed (the same result either way, see wireDecoder.ts).
   */
  feedBytes(bytes: Uint8Array, from: number, to: number, text?: string): readonly SizedBasket[] | null {
    if (isBlank(bytes, from, to)) return null;
    const counts = this.counts;
    counts.lines++;
    const now = this.now();
    const decoded = this.decoder.decodeLine(bytes, from, to);
    let result = decoded === null ? null : this.scanner.applyDecoded(decoded, now);
    if (result === null) {
      let envelope: unknown;
      try {
        envelope = JSON.parse(text ?? this.utf8.decode(bytes.subarray(from, to)));
      } catch {
        counts.skipped++;
        return NONE;
      }
      result = applyEnvelope(this.scanner, envelope, now);
    }
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
