export { BookStore, type BookUpdate, type KalshiSubscription } from './bookStore';
export { applyKalshiMessage, loadKalshiOrderbook } from './kalshiFeed';
export { applyPolymarketMessage, loadPolymarketBook } from './polymarketFeed';
export type { AskLadder, BidLadder } from './ladders';
export {
  KalshiBook, ladderId, ladderOutcome, ladderSlot, MarketBook, OutcomeBook, PolymarketBook, TokenBook,
  type AnyMarketBook, type LadderId,
} from './marketBook';
export { MAX_LEVEL_QTY, PriceLevels } from './priceLevels';
export { sourcePrice, takerSource, type LiquiditySource } from './liquidity';
