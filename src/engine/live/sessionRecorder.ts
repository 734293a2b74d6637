// Records a live session for `arbdesk replay`: every feed message as one `{"venue", "data"}` line
// (formats.md §8), and a scenario file (§2) with every market that appeared (fee parameters, the
// book it had when recording began — empty for markets that appeared later), the exclusive sets
// and ladders among them, and the cross-venue equivalences the trader had confirmed (suggested
// links are not equivalences). Replaying the two reproduces the books message by message.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { MarketRef, VenueId } from '../../shared/ids';
import { kalshiPricing } from '../fees/kalshiSchedule';
import type { AnyMarketBook } from '../books/marketBook';
import type { PriceLevels } from '../books/priceLevels';
import { formatContracts, formatPriceTicks } from '../scanner/format';
import type { Relations } from '../strategies/universe';
import type { MarketInfo } from '../venues/venue';
import { writeJsonFile } from '../platform/jsonFile';

type Levels = [string, string][];

/** Levels best last (as stored), as [price, size] strings. */
function levels(l: PriceLevels): Levels {
  const out: Levels = [];
  for (let i = 0; i < l.length; i++) out.push([formatPriceTicks(l.priceAt(i)), formatContracts(l.qtyAt(i))]);
  return out;
}

const asObjects = (l: Levels) => l.map(([price, size]) => ({ price, size }));

/** A market's book as scenario JSON levels (empty when the book is unknown: nothing trustworthy to replay from). */
export function bookLevels(book: AnyMarketBook | undefined): { kalshi?: { yes: Levels; no: Levels }; polymarket?: { yes: { bids: Levels; asks: Levels }; no: { bids: Levels; asks: Levels } } } {
  if (!book || book.yes.health === 'unknown' || book.no.health === 'unknown') return {};
  if (book.venue === 'kalshi') return { kalshi: { yes: levels(book.yesBids), no: levels(book.noBids) } };
  return {
    polymarket: {
      yes: { bids: levels(book.yesToken.bids), asks: levels(book.yesToken.asks) },
      no: { bids: levels(book.noToken.bids), asks: levels(book.noToken.asks) },
    },
  };
}

export interface RecorderSources {
  book(ref: MarketRef): AnyMarketBook | undefined;
  /** Relations in force (confirmed equivalences only), for the scenario. */
  relations(): Relations;
  /** Wall ms (default Date.now): which fee models are in force when a market is added. */
  now?(): number;
}

interface Recorded {
  info: MarketInfo;
  initial: ReturnType<typeof bookLevels>;
  /** Kalshi: the taker coefficient in force when the market was added (formats.md `feeMultiplier`). */
  kalshiCoefficient: string | null;
}

export class SessionRecorder {
  private readonly out: WriteStream;
  private readonly markets = new Map<MarketRef, Recorded>();
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

  /** Markets that may appear in the stream; the book they have now is their initial book. */
  addMarkets(markets: readonly MarketInfo[]): void {
    const now = this.sources.now?.() ?? Date.now();
    for (const m of markets) {
      if (this.markets.has(m.ref)) continue;
      // The venue publishes a relative multiplier; the scenario carries the coefficient the engine priced with.
      const pricing = m.fee.venue === 'kalshi' ? kalshiPricing(m.fee, now) : null;
      if (pricing && !pricing.ok) continue;
      this.markets.set(m.ref, { info: m, initial: bookLevels(this.sources.book(m.ref)), kalshiCoefficient: pricing ? String(pricing.taker.params.feeMultiplier) : null });
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
      markets: [...this.markets.values()].map(marketJson),
      equivalent: relations.equivalent.filter(([a, b]) => known.has(a) && known.has(b)),
      exclusive: relations.exclusive.filter((s) => s.members.every((m) => known.has(m))).map((s) => ({ id: s.id, members: s.members, exhaustive: s.exhaustive })),
      implies: relations.implies.filter((r) => known.has(r.if) && known.has(r.then)),
    };
  }
}

function marketJson({ info, initial, kalshiCoefficient }: Recorded): object {
  if (info.fee.venue === 'kalshi') {
    return {
      venue: 'kalshi',
      id: info.id,
      title: info.title,
      feeMultiplier: kalshiCoefficient,
      orderbook_fp: { yes_dollars: initial.kalshi?.yes ?? [], no_dollars: initial.kalshi?.no ?? [] },
    };
  }
  const side = (o: 'yes' | 'no') => ({
    token_id: info.tokens![o],
    bids: asObjects(initial.polymarket?.[o].bids ?? []),
    asks: asObjects(initial.polymarket?.[o].asks ?? []),
  });
  return { venue: 'polymarket', id: info.id, title: info.title, feeRate: info.fee.rate, feeExponent: info.fee.exponent, tokens: { yes: side('yes'), no: side('no') } };
}
