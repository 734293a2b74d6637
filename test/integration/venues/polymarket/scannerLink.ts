// Feeds a Scanner from the connector the way the live engine does, and compares its books with
// the simulator's own.
import { Money } from '../../../../src/shared/money';
import { PolymarketFeeModel } from '../../../../src/engine/venues/polymarket/feeModel';
import type { PolymarketFeeParams } from '../../../../src/engine/venues/polymarket/fees';
import { Scanner } from '../../../../src/engine/scanner/scanner';
import { toBookView } from '../../../../src/engine/scanner/toContract';
import type { MarketInfo } from '../../../../src/engine/venues/venue';
import type { PolymarketVenue } from '../../../../src/engine/venues/polymarket/connector';
import type { SimulatorHandle } from '../../../../src/sim/index';

export interface Link {
  scanner: Scanner;
  rejected: string[];
  messages: number;
  lastMessageAt: number;
  invalidated: string[][];
  health: { markets: readonly string[]; health: string }[];
}

export function linkScanner(venue: PolymarketVenue, markets: readonly MarketInfo[]): Link {
  const scanner = new Scanner();
  scanner.extend({
    markets: markets.map((m) => {
      if (m.fee.venue !== 'polymarket') throw new Error('not a Polymarket market');
      const params = m.fee as unknown as PolymarketFeeParams;
      const fee = PolymarketFeeModel.parse(params.rate, params.exponent);
      if (typeof fee === 'string') throw new Error(fee);
      return { venue: 'polymarket' as const, id: m.id, title: m.title, fee, tokens: m.tokens! };
    }),
  });
  const link: Link = { scanner, rejected: [], messages: 0, lastMessageAt: 0, invalidated: [], health: [] };
  venue.feed.onMessage((msg) => {
    link.messages++;
    link.lastMessageAt = Date.now();
    const r = scanner.apply('polymarket', msg.data);
    if (r.book.status === 'rejected') link.rejected.push(r.book.reason ?? '?');
  });
  venue.feed.onBooksInvalidated((refs) => {
    link.invalidated.push([...refs]);
    for (const r of refs) scanner.setHealth(r, 'unknown');
  });
  venue.feed.onBookHealth((change) => {
    link.health.push(change);
    for (const r of change.markets) scanner.setHealth(r, change.health);
  });
  return link;
}

const price = (p: string) => new Money(p).toFixed(4);
const size = (s: string) => new Money(s).toDecimalPlaces(2, Money.ROUND_DOWN).toFixed(2);
const norm = (levels: readonly (readonly [string, string])[]) => levels.map(([p, s]) => [price(p), size(s)] as const).filter(([, s]) => s !== '0.00');

/** The markets whose scanner book differs from the simulator's (empty when all agree), and why. */
export function bookDifferences(link: Link, sim: SimulatorHandle, markets: readonly MarketInfo[], options: { health?: 'live' | 'any' } = {}): string[] {
  const out: string[] = [];
  for (const m of markets) {
    const book = link.scanner.books.get(m.ref);
    if (!book) {
      out.push(`${m.ref}: no book`);
      continue;
    }
    const view = toBookView(book, 100_000);
    if (options.health !== 'any' && view.health !== 'live') out.push(`${m.ref}: health ${view.health}`);
    for (const outcome of ['yes', 'no'] as const) {
      const truth = sim.truth.polymarket.book(m.tokens![outcome]);
      const ours = view[outcome];
      for (const side of ['bids', 'asks'] as const) {
        const a = JSON.stringify(norm(ours[side]));
        const b = JSON.stringify(norm(truth[side]));
        if (a !== b) out.push(`${m.ref} ${outcome} ${side}: ours ${a.slice(0, 160)} truth ${b.slice(0, 160)}`);
      }
    }
  }
  return out;
}

/** Waits until no market data has arrived for `quietMs`. */
export async function quiet(link: Link, quietMs = 400, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (Date.now() - link.lastMessageAt >= quietMs) return;
    if (Date.now() > deadline) throw new Error('the feed never went quiet');
    await new Promise((r) => setTimeout(r, 50));
  }
}
