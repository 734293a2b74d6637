// Records a live session for `arbdesk replay`: every feed message as one `{"venue", "data"}` line
// (formats.md §8), and a scenario file (§2) with every market that appeared (fee parameters, the
// book it had when recording began — empty for markets that appeared later), the exclusive sets
// and ladders among them, and the cross-venue equivalences the trader had confirmed (suggested
// links are not equivalences). Replaying the two reproduces the books message by message.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { MarketRef, VenueId } from '../../shared/ids';
import type { AnyMarketBook, BookLevels } from '../books/marketBook';
import type { Relations } from '../strategies/universe';
import { venueRegistry, type VenueRegistry } from '../venues/registry';
import type { MarketInfo } from '../venues/venue';
import { writeJsonFile } from '../platform/jsonFile';

/** A market's book levels (null when the book is unknown: nothing trustworthy to replay from). */
export function bookLevels(book: AnyMarketBook | undefined): BookLevels | null {
  if (!book || book.yes.health === 'unknown' || book.no.health === 'unknown') return null;
  return book.levels();
}

export interface RecorderSources {
  book(ref: MarketRef): AnyMarketBook | undefined;
  /** Relations in force (confirmed equivalences only), for the scenario. */
  relations(): Relations;
  /** Wall ms (default Date.now): which fee models are in force when a market is added. */
  now?(): number;
  /** Each venue's scenario adapter writes its markets (the process's registry by default). */
  venues?: VenueRegistry;
}

export class SessionRecorder {
  private readonly out: WriteStream;
  /** Each market as the scenario lists it, written when it was added (its fees then, its book then). */
  private readonly markets = new Map<MarketRef, object>();
  private count = 0;
  private failure: Error | null = null;
  private closed = false;

  constructor(
    readonly streamFile: string,
    readonly scenarioFile: string | null,
    private readonly sources: RecorderSources,
  ) {
    this.out = createWriteStream(streamFile, { flags: 'w', mode: 0o600 });
    this.out.on('error', (e) => (this.failure ??= e));
  }

  /** Lines written. */
  get lines(): number {
    return this.count;
  }

  /** Every market that may appear in the stream (the scenario's markets). */
  get marketRefs(): MarketRef[] {
    return [...this.markets.keys()];
  }

  get error(): Error | null {
    return this.failure;
  }

  /**
   * Markets that may appear in the stream; the book they have now is their initial book, the fee
   * models in force now their fees. A market its venue cannot price is left out.
   */
  addMarkets(markets: readonly MarketInfo[]): void {
    const now = this.sources.now?.() ?? Date.now();
    const venues = this.sources.venues ?? venueRegistry;
    for (const m of markets) {
      if (this.markets.has(m.ref)) continue;
      const fields = venues.find(m.venue)?.scenario.write(m, bookLevels(this.sources.book(m.ref)), now) ?? null;
      if (fields === null) continue;
      this.markets.set(m.ref, { venue: m.venue satisfies VenueId, id: m.id, title: m.title, ...fields });
    }
  }

  /** One feed message, exactly as received. */
  write(venue: VenueId, data: unknown): void {
    if (this.closed) return;
    this.out.write(`${JSON.stringify({ venue, data })}\n`);
    this.count++;
  }

  /** Writes the scenario (with the relations as they are now) and closes the stream. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.scenarioFile) writeJsonFile(this.scenarioFile, this.scenario());
    await new Promise<void>((resolve) => this.out.end(() => resolve()));
    if (this.failure) throw this.failure;
  }

  scenario(): object {
    const known = new Set(this.markets.keys());
    const relations = this.sources.relations();
    return {
      markets: [...this.markets.values()],
      equivalent: relations.equivalent.filter(([a, b]) => known.has(a) && known.has(b)),
      exclusive: relations.exclusive.filter((s) => s.members.every((m) => known.has(m))).map((s) => ({ id: s.id, members: s.members, exhaustive: s.exhaustive })),
      implies: relations.implies.filter((r) => known.has(r.if) && known.has(r.then)),
    };
  }
}
