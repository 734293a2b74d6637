// Kalshi-side state records. Prices are Price ($0.0001, YES scale), counts Qty (0.01
// contract), money Micros ($0.000001), times ms since the epoch.
import type { KeyObject } from 'node:crypto';
import type { Micros, Price, Qty } from '../../shared/units';
import type { KalshiFeeAccumulator } from '../matching/fees';
import type { LimitBook } from '../matching/book';
import type { KalshiListing } from '../world/types';

export type KalshiBookSide = 'bid' | 'ask';
export type TimeInForce = 'good_till_canceled' | 'immediate_or_cancel' | 'fill_or_kill';
export type KalshiOrderStatus = 'resting' | 'canceled' | 'executed';
export type MarketStatus = 'active' | 'inactive' | 'closed' | 'determined' | 'finalized';

/** What the book remembers about each resting order. */
export interface BookTag {
  orderId: string;
  clientOrderId: string | null;
}

export interface KalshiOrder {
  readonly orderId: string;
  readonly userId: string;
  readonly clientOrderId: string;
  readonly ticker: string;
  readonly bookSide: KalshiBookSide;
  readonly price: Price;
  readonly initial: Qty;
  filled: Qty;
  remaining: Qty;
  status: KalshiOrderStatus;
  readonly timeInForce: TimeInForce;
  readonly selfTradePrevention: 'taker_at_cross' | 'maker';
  readonly postOnly: boolean;
  readonly expirationTime: number | null; // ms
  takerFillCost: Micros;
  makerFillCost: Micros;
  takerFees: Micros;
  makerFees: Micros;
  readonly takerFee: KalshiFeeAccumulator;
  readonly makerFee: KalshiFeeAccumulator;
  readonly createdAt: number;
  updatedAt: number;
}

export interface KalshiFill {
  readonly fillId: string;
  readonly tradeId: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly ticker: string;
  readonly bookSide: KalshiBookSide;
  readonly count: Qty;
  readonly yesPrice: Price;
  readonly isTaker: boolean;
  readonly fee: Micros;
  readonly ts: number;
  /** Signed position after this fill (YES positive). */
  readonly postPosition: Qty;
}

export interface KalshiPosition {
  readonly ticker: string;
  /** Signed: positive YES, negative NO. */
  position: Qty;
  /** Cost basis of the open position. */
  cost: Micros;
  totalTraded: Micros;
  realizedPnl: Micros;
  feesPaid: Micros;
  updatedAt: number;
}

export interface KalshiSettlement {
  readonly ticker: string;
  readonly eventTicker: string;
  readonly result: 'yes' | 'no';
  readonly yesCount: Qty;
  readonly noCount: Qty;
  readonly yesCost: Micros;
  readonly noCost: Micros;
  readonly revenue: Micros;
  readonly settledAt: number;
}

export interface KalshiAccount {
  readonly userId: string;
  readonly keyId: string;
  readonly publicKey: KeyObject;
  balance: Micros;
  readonly positions: Map<string, KalshiPosition>;
  /** Every order of the account, oldest first. */
  readonly orders: Map<string, KalshiOrder>;
  readonly clientOrderIds: Map<string, string>;
  readonly fills: KalshiFill[];
  readonly settlements: KalshiSettlement[];
}

export interface KalshiMarketState {
  readonly listing: KalshiListing;
  readonly book: LimitBook<BookTag>;
  status: MarketStatus;
  result: '' | 'yes' | 'no';
  lastPrice: Price | null;
  volume: Qty;
  openInterest: Qty;
  settledAt: number | null;
  /** The maker's resting order at each price, per side. */
  readonly makerOrders: { bid: Map<number, string>; ask: Map<number, string> };
}

export interface KalshiTrade {
  readonly tradeId: string;
  readonly ticker: string;
  readonly yesPrice: Price;
  readonly count: Qty;
  readonly takerSide: KalshiBookSide;
  readonly ts: number;
}
