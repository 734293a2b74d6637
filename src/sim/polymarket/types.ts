// Polymarket-side state records. Share and pUSD amounts are integers in 10^-6 (the CTF and
// pUSD base units); prices are Price ($0.0001) on the order's own token unless noted.
import type { Micros, Price } from '../../shared/units';
import type { LimitBook } from '../matching/book';
import type { PolymarketFeeAccumulator } from '../matching/fees';
import type { PolymarketListing } from '../world/types';

export type PolySide = 'BUY' | 'SELL';
export type PolyOrderType = 'GTC' | 'GTD' | 'FOK' | 'FAK';
export type PolyOrderStatus = 'LIVE' | 'MATCHED' | 'CANCELED' | 'UNMATCHED';
export type TradeStatus = 'MATCHED' | 'MINED' | 'CONFIRMED';
export type OutcomeToken = 'yes' | 'no';

export interface ApiCreds {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
  readonly address: string;
  readonly nonce: string;
}

export interface PolyBookTag {
  readonly orderId: string;
  readonly outcome: OutcomeToken;
  readonly side: PolySide;
}

export interface PolyOrder {
  readonly id: string;
  readonly owner: string; // API key
  readonly makerAddress: string;
  readonly market: string; // conditionId
  readonly assetId: string; // tokenId
  readonly outcome: OutcomeToken;
  readonly side: PolySide;
  /** Limit price on the order's own token. */
  readonly price: Price;
  /** Shares, 10^-6. */
  readonly originalSize: number;
  sizeMatched: number;
  status: PolyOrderStatus;
  readonly orderType: PolyOrderType;
  /** Unix seconds, 0 = none. */
  readonly expiration: number;
  readonly createdAt: number;
  readonly associateTrades: string[];
  readonly fee: PolymarketFeeAccumulator;
  /** Collateral spent / received so far (for makingAmount/takingAmount). */
  collateralMatched: number;
}

export interface PolyMakerFill {
  readonly orderId: string;
  readonly owner: string;
  readonly makerAddress: string;
  readonly matchedAmount: number;
  readonly price: Price;
  readonly assetId: string;
  readonly outcome: OutcomeToken;
  readonly side: PolySide;
}

export interface PolyTrade {
  readonly id: string;
  readonly takerOrderId: string;
  readonly market: string;
  readonly assetId: string;
  readonly side: PolySide;
  readonly size: number;
  readonly price: Price;
  readonly outcome: OutcomeToken;
  readonly feeRateBps: number;
  /** The taker's fee for this match. */
  readonly fee: Micros;
  readonly takerOwner: string;
  readonly takerAddress: string;
  readonly maker: PolyMakerFill;
  status: TradeStatus;
  readonly matchTime: number;
  lastUpdate: number;
  readonly transactionHash: string;
  /** World ms at which the next status is due. */
  nextStatusAt: number;
}

export interface PolyAccount {
  readonly address: string; // checksummed
  collateral: Micros;
  /** The pUSD the exchange may draw (an ERC-20 allowance, used up by BUY fills); null: the maximum approval. */
  allowance: Micros | null;
  readonly tokens: Map<string, number>;
  readonly orders: Map<string, PolyOrder>;
  readonly trades: PolyTrade[];
}

export interface PolyMarketState {
  readonly listing: PolymarketListing;
  /** One YES-scale book: a NO buy at q rests as a YES ask at 1 − q (mint/merge matching). */
  readonly book: LimitBook<PolyBookTag>;
  tick: Price;
  acceptingOrders: boolean;
  closed: boolean;
  winner: OutcomeToken | null;
  /** Last trade, YES scale. */
  lastTradePrice: Price | null;
  readonly makerOrders: { bid: Map<number, string>; ask: Map<number, string> };
}
