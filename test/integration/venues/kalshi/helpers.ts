// Shared pieces of the Kalshi connector tests: a venue wired to a simulator, a Scanner fed by the
// venue's feed exactly as the engine feeds it, and the books as the simulator's truth lists them.
import type { BidPairBook } from '../../../../src/engine/books/marketBook';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import type { MarketSpec } from '../../../../src/engine/strategies/universe';
import { KalshiVenue, type KalshiVenueOptions } from '../../../../src/engine/venues/kalshi/connector';
import type { LogLevel } from '../../../../src/engine/venues/kalshi/types';
import type { MarketInfo } from '../../../../src/engine/venues/venue';
import type { MarketRef } from '../../../../src/shared/ids';
import { marketFees } from '../../../../src/engine/universe/universe';
import { formatPrice, formatQty } from '../../../../src/shared/units';
import type { SimulatorHandle } from '../../../../src/sim/index';

export const logs: { level: LogLevel; message: string }[] = [];

export function venueFor(sim: SimulatorHandle, over: Partial<KalshiVenueOptions> = {}): KalshiVenue {
  const { rest, ws, keyId, privateKeyPem } = sim.endpoints.kalshi;
  return new KalshiVenue({
    environment: 'simulator',
    endpoints: { rest, ws },
    credentials: { keyId, privateKeyPem },
    log: (level, message) => logs.push({ level, message }),
    ...over,
  });
}

/** The market as the engine's universe prices it (the venue's relative multiplier × 0.07). */
export function specOf(m: MarketInfo): MarketSpec {
  const fees = marketFees(m, Date.now());
  if (typeof fees === 'string') throw new Error(fees);
  return { venue: 'kalshi', id: m.id, title: m.title, fee: fees.taker };
}

/** A Scanner fed by the venue's feed the way the engine wires it. */
export function wireScanner(venue: KalshiVenue, markets: readonly MarketInfo[]): { scanner: Scanner; invalidated: MarketRef[]; sessions: number[] } {
  const scanner = new Scanner();
  scanner.extend({ markets: markets.map(specOf) });
  const invalidated: MarketRef[] = [];
  const sessions: number[] = [];
  venue.feed.onMessage((m) => scanner.apply('kalshi', m.data, undefined, venue.feed.checksSequence));
  venue.feed.onBooksInvalidated((refs) => {
    invalidated.push(...refs);
    for (const r of refs) scanner.setHealth(r, 'unknown');
  });
  venue.feed.onSessionStart(() => sessions.push(Date.now()));
  return { scanner, invalidated, sessions };
}

/** The engine's book of a market as the simulator's truth lists books: bids best first. */
export function engineBook(scanner: Scanner, ticker: string): { yes: [string, string][]; no: [string, string][] } {
  const book = scanner.books.get(`kalshi:${ticker}`) as BidPairBook | undefined;
  if (!book) throw new Error(`no book for ${ticker}`);
  const side = (levels: typeof book.yesBids): [string, string][] => {
    const out: [string, string][] = [];
    for (let i = levels.length - 1; i >= 0; i--) out.push([formatPrice(levels.priceAt(i) as never), formatQty(levels.qtyAt(i) as never)]);
    return out;
  };
  return { yes: side(book.yesBids), no: side(book.noBids) };
}

export function health(scanner: Scanner, ticker: string): string {
  return scanner.books.get(`kalshi:${ticker}`)!.yes.health;
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pauses the world and waits until the feed has delivered everything already sent. */
export async function quiesce(sim: SimulatorHandle, venue: KalshiVenue): Promise<void> {
  sim.clock.pause();
  let last = -1;
  await until(
    async () => {
      const now = venue.feed.stats.messages;
      const quiet = now === last;
      last = now;
      if (!quiet) await sleep(150);
      return quiet;
    },
    10_000,
    'the feed to go quiet',
  );
}
