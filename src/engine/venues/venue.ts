// A running venue: what its connector (built by the venue's contribution, contribution.ts) gives
// the engine. Market data, discovery and trading all go through this interface, so the engine, the
// executor and paper trading never know which venue (or whether the simulator) is behind it.
import type { VenueEnvironment } from '../../shared/contract';
import type { MarketRef, Outcome, VenueId } from '../../shared/ids';
import type { Event, IDisposable } from '../../shared/lifecycle';
import type { Price, Qty } from '../../shared/units';
import type { DisputeState } from '../../shared/contract/spec';
import type { SpecInput } from '../specs/model';
import type { Resolution } from './contribution';

/**
 * Fee parameters as the venue publishes them (exact decimal strings, numbers, flags), read only by
 * the venue's own fee contribution (FeeContribution.models). Kept as listed, so a discovery cache
 * round-trips them.
 */
export type FeeParams = Readonly<Record<string, string | number | boolean | null | undefined>>;

export type MarketStatus = 'open' | 'paused' | 'closed' | 'settled';

export interface MarketInfo {
  ref: MarketRef;
  venue: VenueId;
  /** The venue's own id of the market (a ticker, a condition id). */
  id: string;
  title: string;
  /** The resolution rules as the venue states them (shown when confirming a cross-venue link). */
  rules: string;
  eventId: string;
  eventTitle: string;
  /** The venue's series (a series ticker, an event slug), for the watchlist. */
  seriesId: string | null;
  category: string;
  status: MarketStatus;
  closeTime: number | null;
  fee: FeeParams;
  tickSize: Price;
  minOrderSize: Qty;
  /** Outcome token ids, on a venue whose outcomes trade as tokens (`token_pair` books). */
  tokens?: { yes: string; no: string };
  /** A venue-specific flag its connector signs with (a negative-risk market). */
  negRisk?: boolean;
  /** The outcome this market names inside its event, when the venue gives one. */
  outcomeLabel?: string;
  /** The official sources the venue names for settling it. */
  sources?: { name: string; url: string | null }[];
  /** Strike of a ladder member (floor/cap strikes), as decimal strings; an event's ladder implies along it. */
  strike?: { type: string; floor: string | null; cap: string | null };
  /** Set once the market has resolved. */
  result?: Outcome | null;
  /** The venue's fields in the spec parser's neutral terms (its contractSpec.ts); absent: read from the fields above. */
  specInput?: SpecInput;
}

/** What a confirmed cross-venue link is watched on: a change of any of these suspends it. */
export interface MarketTerms {
  ref: MarketRef;
  /** The rules text as the venue publishes it now. */
  rules: string;
  closeTime: number | null;
  status: MarketStatus;
  /** null: the venue does not say. */
  dispute: DisputeState | null;
}

export interface ExclusiveSet {
  id: string;
  members: MarketRef[];
  /** Exactly one member resolves YES (false when an unnamed "Other" outcome exists). */
  exhaustive: boolean;
}

export interface Implication {
  if: MarketRef;
  then: MarketRef;
}

export interface Discovery {
  markets: MarketInfo[];
  exclusiveSets: ExclusiveSet[];
  implications: Implication[];
}

export interface DiscoveryFilter {
  /** Categories and series the trader chose to watch; empty means all. */
  categories?: readonly string[];
  series?: readonly string[];
}

export type FeedConnection = 'connected' | 'connecting' | 'reconnecting' | 'down' | 'disabled';

export interface FeedStatus {
  connection: FeedConnection;
  /** Messages per second over the last few seconds. */
  messageRate: number;
  /** Monotonic ms (Clock.monotonic) of the last market-data message, like RawVenueMessage.receivedAt. */
  lastMessageAt: number | null;
  /** Receipt wall time minus the venue's own timestamp of the latest message that carried one. */
  lagMs: number | null;
  detail: string | null;
}

/** One market-data message exactly as the venue sent it, to be applied by the books layer. */
export interface RawVenueMessage {
  venue: VenueId;
  data: unknown;
  /** Local receipt time, monotonic clock ms. */
  receivedAt: number;
}

/**
 * A feed went silent (connection alive, no market data) or recovered: the engine marks the books
 * stale, then live again. A silent book is not invalid (nothing was missed that a later message
 * will not correct), only unconfirmed.
 */
export interface BookHealthChange {
  markets: readonly MarketRef[];
  health: 'stale' | 'live';
  reason: string;
}

/** Market lifecycle facts a feed learns from the venue, typed so the engine need not parse raw messages. */
export type VenueMarketEvent =
  /** The market resolved; `result` null when the venue named no winner the connector understands. */
  | { kind: 'resolved'; market: MarketRef; result: Outcome | null; at: number }
  /** The minimum tick changed (e.g. near 0.04 / 0.96); orders must use the new grid. */
  | { kind: 'tick_size'; market: MarketRef; tickSize: Price; at: number };

export interface MarketFeed extends IDisposable {
  readonly onMessage: Event<RawVenueMessage>;
  readonly onStatus: Event<FeedStatus>;
  /**
   * The books of these markets can no longer be trusted (disconnect, sequence gap) until the next
   * snapshot arrives; the engine marks them unknown.
   */
  readonly onBooksInvalidated: Event<readonly MarketRef[]>;
  /**
   * The feed checks the venue's sequence numbers itself and invalidates what a gap breaks: the
   * decoder then applies its messages without a second tracker (MarketDataDecoder.apply).
   */
  readonly checksSequence?: boolean;
  /** Optional: silence and recovery of a live connection (see BookHealthChange). */
  readonly onBookHealth?: Event<BookHealthChange>;
  /** Optional: resolutions and tick-size changes. */
  readonly onMarketEvent?: Event<VenueMarketEvent>;
  /** The markets to stream; the feed diffs against what it already has. */
  setMarkets(markets: readonly MarketInfo[]): void;
  /**
   * Optional: fetch these markets' books afresh (the engine found one it cannot believe, e.g. a
   * crossed book); until the new snapshot they stay unknown.
   */
  resync?(markets: readonly MarketRef[], reason: string): void;
  status(): FeedStatus;
  /** Optional. Fires when a new connection starts, before its first message. */
  readonly onSessionStart?: Event<void>;
}

export type TimeInForce = 'ioc' | 'fok' | 'gtc';

/**
 * What every order of the executor carries into the connector (risk/ORDER_PATH.md): the kill
 * switch reaches it there. `signal` aborts every wait on the way to the venue (rate limiter, 429
 * back-off) — it never cuts a request whose bytes are already written; `recheck` is called
 * immediately before they are written, and a reason it returns keeps the order from being sent.
 */
export interface OrderGuard {
  readonly signal: AbortSignal;
  recheck(): string | null;
}

export interface OrderRequest {
  /** UUID, written to the ledger before the order is sent. */
  clientOrderId: string;
  market: MarketRef;
  outcome: Outcome;
  side: 'buy' | 'sell';
  /** Worst acceptable price on the outcome's own scale (what one contract of `outcome` costs). */
  limitPrice: Price;
  qty: Qty;
  timeInForce: TimeInForce;
  /** The kill switch's hold on the order while it is in the connector; absent: nothing can stop it. */
  guard?: OrderGuard;
}

/** An order's terms, before it has an id: what planning asks a venue whether it can express. */
export type OrderShape = Pick<OrderRequest, 'market' | 'outcome' | 'side' | 'limitPrice' | 'qty' | 'timeInForce'>;

export interface VenueFill {
  fillId: string;
  venueOrderId: string;
  clientOrderId: string | null;
  market: MarketRef;
  outcome: Outcome;
  side: 'buy' | 'sell';
  /** Decimal strings as the venue reports them. */
  price: string;
  qty: string;
  fee: string;
  at: number;
  /** False while the venue may still reverse it (a Polymarket trade before CONFIRMED). */
  final: boolean;
  /**
   * True when the venue reports that this fill did not happen after all (a Polymarket trade that
   * ended FAILED): `final` is true and the fill must be undone. Absent means false.
   */
  failed?: boolean;
  /** Whether our order took liquidity (taker) or rested (maker), when the venue says. */
  liquidity?: 'taker' | 'maker';
  /**
   * The fee as the venue's own figures give it (Kalshi `fee_cost`; Polymarket the trade's
   * `fee_rate_bps` applied to the fill), for reconciling against the fee model; absent when the
   * venue said nothing about this fill's fee.
   */
  reportedFee?: string;
}

/**
 * - filled / partially_filled / unfilled: the order is done (IOC/FOK) with that much traded;
 * - resting: a GTC order rests on the book (it may already have traded some);
 * - pending: accepted but not yet matched or killed (Polymarket's sports delay); the outcome comes
 *   later through onFill / onOrderUpdate / findOrder — it is not "unfilled";
 * - rejected: the venue refused it (or the connector refused it before sending); nothing exists.
 */
export type OrderStatus = 'filled' | 'partially_filled' | 'unfilled' | 'resting' | 'pending' | 'rejected';

export interface OrderResult {
  clientOrderId: string;
  venueOrderId: string | null;
  status: OrderStatus;
  filledQty: Qty;
  /** Decimal strings; null when nothing filled. */
  avgPrice: string | null;
  fee: string;
  rejectReason: string | null;
  fills: VenueFill[];
  /**
   * A rejection for a reason that cannot change by retrying the same order (its amounts cannot be
   * expressed, it is under the minimum, the market is closed, the balance is short). Absent: it may.
   */
  permanent?: boolean;
}

export interface OpenOrder {
  venueOrderId: string;
  clientOrderId: string | null;
  market: MarketRef;
  outcome: Outcome;
  side: 'buy' | 'sell';
  price: string;
  remainingQty: string;
}

export interface OrderLookup {
  venueOrderId: string;
  clientOrderId: string | null;
  state: 'resting' | 'canceled' | 'executed';
  filledQty: string;
  remainingQty: string;
}

export interface CancelAllResult {
  cancelled: string[];
  failed: { orderId: string | null; reason: string }[];
}

/** An order built (and signed) but not yet sent, so its venue id can be written to the ledger first. */
export interface PreparedOrder {
  readonly request: OrderRequest;
  /** Known before sending on venues whose order id is derived from the order (Polymarket: the order hash). */
  readonly venueOrderId: string | null;
  /** Sends it; call at most once. Resolves or throws exactly as `placeOrder`. */
  send(): Promise<OrderResult>;
}

/**
 * Thrown by `placeOrder` / `PreparedOrder.send` when the venue may or may not have accepted the
 * order (timeout, connection lost mid-request, an answer that cannot be read): mark the order
 * unknown and resolve it with `findOrder`.
 */
export class OrderOutcomeUnknownError extends Error {
  override readonly name = 'OrderOutcomeUnknownError';
  constructor(
    message: string,
    readonly clientOrderId: string,
    readonly venueOrderId: string | null,
  ) {
    super(message);
  }
}

/**
 * Thrown by `prepareOrder` when the connector itself refuses the order before anything is sent
 * (it cannot be expressed, the market is closed, credentials are missing).
 */
export class OrderRefusedError extends Error {
  override readonly name = 'OrderRefusedError';
  constructor(
    message: string,
    /** The same order can never be accepted (see OrderResult.permanent). */
    readonly permanent = true,
  ) {
    super(message);
  }
}

/** Cash on a venue account, in dollars (exact decimal strings). */
export interface AccountBalance {
  /** Spendable now. */
  available: string;
  /**
   * What the venue's exchange may draw from the wallet (an ERC-20 allowance), "unlimited" for the
   * maximum approval; absent on a venue that has none.
   */
  allowance?: string | null;
  /** What the positions are worth, when the venue says. */
  portfolioValue?: string | null;
}

/** Authenticated trading; null on a venue without keys. */
export interface TradingApi {
  placeOrder(order: OrderRequest): Promise<OrderResult>;
  /** Optional two-step form of placeOrder (see PreparedOrder). Throws OrderRefusedError on a local refusal. */
  prepareOrder?(order: OrderRequest): Promise<PreparedOrder>;
  /**
   * Optional, synchronous and local: why the venue cannot express this order in `market` (amount
   * precision at the tick, lot, minimum size or notional), or null. Planning sizes baskets with it.
   */
  orderProblem?(order: OrderShape, market: MarketInfo): string | null;
  /**
   * Optional: everything the venue would refuse about this order — orderProblem, the market's
   * status, credentials, the available balance — checked before any order of its basket is sent.
   * Null when it may be sent. Never throws.
   */
  preflight?(order: OrderRequest, market: MarketInfo): Promise<string | null>;
  /**
   * Optional: resolves true once `qty` of the outcome can be sold (shares just bought may not be
   * until their trade settles), false after `timeoutMs` or when `signal` aborts.
   */
  awaitSellable?(market: MarketRef, outcome: Outcome, qty: Qty, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  cancelOrder(venueOrderId: string, market: MarketRef): Promise<void>;
  /** The signal aborts when the caller (the kill switch) stops waiting. */
  cancelAll(signal?: AbortSignal): Promise<CancelAllResult>;
  openOrders(): Promise<OpenOrder[]>;
  /** For reconciliation after a restart: the order sent with this client id, or the venue id recorded for it. */
  findOrder(ref: OrderRef): Promise<OrderLookup | null>;
  fills(since: number | null): Promise<VenueFill[]>;
  positions(): Promise<{ market: MarketRef; outcome: Outcome; qty: string }[]>;
  balance(): Promise<AccountBalance>;
  /**
   * Optional: markets this account held that the venue has settled, most recent first (Kalshi
   * GET /portfolio/settlements): a settlement the market feed does not carry still reaches the ledger.
   */
  settlements?(): Promise<Resolution[]>;
  /** Fills pushed by the venue (Kalshi fill channel, Polymarket user channel). */
  readonly onFill: Event<VenueFill>;
  /** Optional: order state changes pushed by the venue (placement, partial fill, cancellation). */
  readonly onOrderUpdate?: Event<OrderLookup>;
  /**
   * Optional (Polymarket): the venue was seen to take a BUY's taker fee in shares. From now on
   * such fills are reported net of those shares, so the ledger holds what the wallet holds.
   */
  setFeeTakenIn?(takenIn: 'collateral' | 'shares'): void;
}

/**
 * An order to look up. `outcome` and `side`, when given, are the order's intent: a venue that nets
 * positions (Kalshi: a bid is both "buy YES" and "sell NO") then reports that order's fills and
 * open orders in those terms rather than canonically as buys.
 */
export interface OrderRef {
  clientOrderId: string;
  venueOrderId: string | null;
  market: MarketRef;
  outcome?: Outcome;
  side?: 'buy' | 'sell';
}

export interface Venue extends IDisposable {
  readonly environment: VenueEnvironment;
  discover(filter?: DiscoveryFilter): Promise<Discovery>;
  readonly feed: MarketFeed;
  readonly trading: TradingApi | null;
  /** Optional: these markets' terms read afresh (a confirmed link's watch polls it between discoveries). */
  watchMarkets?(refs: readonly MarketRef[]): Promise<MarketTerms[]>;
}
