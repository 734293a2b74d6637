// Where a taker order's liquidity comes from in our books, so paper trading can mark what it took
// (PriceLevels.consume) on the side every reader — the paper broker, the Scanner, book views —
// reads, and give it back as the impact decays. Each book shape knows its own sources
// (MarketBook.takerSource): a bid-pair book's YES asks are NO bids at 1 − p, a token's are its own.
import type { Outcome } from '../../shared/ids';
import { PRICE_ONE } from '../../shared/units';
import type { AnyMarketBook, LiquiditySource } from './marketBook';

export type { LiquiditySource } from './marketBook';

/** The levels a buy (ask side) or a sell (bid side) of `outcome` takes from. */
export function takerSource(book: AnyMarketBook, outcome: Outcome, side: 'buy' | 'sell'): LiquiditySource {
  return book.takerSource(outcome, side);
}

/** The source's own price for a price on the outcome's scale. */
export function sourcePrice(source: LiquiditySource, outcomePrice: number): number {
  return source.complement ? PRICE_ONE - outcomePrice : outcomePrice;
}
