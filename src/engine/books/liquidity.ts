// Where a taker order's liquidity comes from in our books, so paper trading can mark what it took
// (PriceLevels.consume) on the side every reader — the paper broker, the Scanner, book views —
// reads, and give it back as the impact decays.
import { otherOutcome, type Outcome } from '../../shared/ids';
import { PRICE_ONE } from '../../shared/units';
import { ladderId, type AnyMarketBook, type LadderId } from './marketBook';
import type { PriceLevels } from './priceLevels';

export interface LiquiditySource {
  /** The levels a taker of this side trades against. */
  readonly levels: PriceLevels;
  /** Kalshi publishes bids only: YES asks are NO bids at 1 − price, and the other way round. */
  readonly complement: boolean;
  /** The ask ladder whose view changes when these levels do (baskets buy from it); null if none. */
  readonly ladder: LadderId | null;
}

/**
 * The levels a buy (ask side) or a sell (bid side) of `outcome` takes from.
 * - Kalshi buy YES at p takes a NO bid at 1 − p; sell YES at q takes a YES bid at q, which is also
 *   the NO ask ladder read at 1 − q.
 * - Polymarket: the outcome token's own asks (buy) or bids (sell).
 */
export function takerSource(book: AnyMarketBook, outcome: Outcome, side: 'buy' | 'sell'): LiquiditySource {
  if (book.venue === 'kalshi') {
    return side === 'buy'
      ? { levels: book.bidsFor(otherOutcome(outcome)), complement: true, ladder: ladderId(book.slot, outcome) }
      : { levels: book.bidsFor(outcome), complement: false, ladder: ladderId(book.slot, otherOutcome(outcome)) };
  }
  const token = book.token(outcome);
  return side === 'buy'
    ? { levels: token.asks, complement: false, ladder: ladderId(book.slot, outcome) }
    : { levels: token.bids, complement: false, ladder: null };
}

/** The source's own price for a price on the outcome's scale. */
export function sourcePrice(source: LiquiditySource, outcomePrice: number): number {
  return source.complement ? PRICE_ONE - outcomePrice : outcomePrice;
}
