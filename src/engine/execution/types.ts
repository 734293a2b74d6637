// Typed plans and results per leg. Every order, fill and result names its venue, market, outcome
// and side explicitly: nothing is ever matched up by position in a tuple (terauss swapped legs).
import type { StrategyId } from '../../shared/contract';
import type { MarketRef, Outcome, VenueId } from '../../shared/ids';
import type { Micros, Price, Qty } from '../../shared/units';
import type { FeeModel } from '../fees/feeModel';
import type { OrderPurpose } from '../ledger/types';

/** One leg of a basket as the executor will send it. */
export interface LegPlan {
  readonly legIndex: number;
  readonly venue: VenueId;
  readonly market: MarketRef;
  readonly outcome: Outcome;
  readonly title: string;
  /** Contracts to buy (0.01-contract units, whole contracts). */
  readonly qty: Qty;
  /** The worst price the entry order may fill at: the sized worst price (+ slippage), on the tick grid. */
  readonly limitPrice: Price;
  /** Cost and fee of the sized fill on the books the plan was made from. */
  readonly expectedCost: Micros;
  readonly expectedFee: Micros;
  readonly tick: Price;
  readonly minOrderSize: Qty;
  /** The quantity step the venue trades in: a whole contract on Kalshi (unless fractional), 0.01 elsewhere. */
  readonly lot: Qty;
  readonly fee: FeeModel;
}

export interface ExecutionPlan {
  readonly opportunityId: string;
  readonly strategy: StrategyId;
  readonly label: string;
  /** Whole complete units (contracts per leg). */
  readonly size: number;
  /** Micro-dollars one complete unit pays whatever happens. */
  readonly payoutPerUnit: Micros;
  readonly legs: readonly LegPlan[];
  /** Net profit of the sized basket on the books it was planned from, micro-dollars. */
  readonly expectedNet: Micros;
  /** Net profit if every leg fills entirely at its limit price (the worst the entry can do). */
  readonly worstNet: Micros;
  /** The honest worst case (worstCase.ts): one leg filling alone, sold back into the current bids. */
  readonly worstCase: { readonly loss: Micros; readonly legIndex: number };
  /** The per-trade loss limit it was sized against. */
  readonly maxLoss: Micros;
  /** The requested size, when the trader gave one and it had to be reduced. */
  readonly reducedFrom: number | null;
  /** When a venue's cash (balance or allowance) is what limits the size: which, and to what. */
  readonly balanceLimit: {
    readonly venue: VenueId;
    readonly limitedBy: 'balance' | 'allowance';
    readonly spendable: Micros;
    readonly maxSize: number;
    /** "the Kalshi balance is $12.00: it pays for 26 contract(s), fees included". */
    readonly text: string;
  } | null;
}

/** An order the executor sends, fully described: never positional. */
export interface OrderSpec {
  readonly basketId: string;
  readonly legIndex: number;
  readonly venue: VenueId;
  readonly market: MarketRef;
  readonly outcome: Outcome;
  readonly side: 'buy' | 'sell';
  readonly purpose: OrderPurpose;
  readonly qty: Qty;
  readonly limitPrice: Price;
  readonly worstCaseLoss?: Micros;
}

/**
 * What became of one order once nothing more is expected from it.
 * refused: our gate refused it (never sent). failed: it never reached the venue.
 * unknown: its outcome could not be established within the bounds (it stays pending in the ledger).
 */
export type OrderEnd = 'filled' | 'partial' | 'unfilled' | 'rejected' | 'refused' | 'failed' | 'unknown';

export interface OrderOutcome {
  readonly spec: OrderSpec;
  readonly clientOrderId: string;
  readonly venueOrderId: string | null;
  readonly end: OrderEnd;
  /** Contracts filled, as the ledger recorded them. */
  readonly filledQty: Qty;
  readonly reason: string | null;
  /** Refused or rejected for a reason that retrying the same order cannot change. */
  readonly permanent?: boolean;
}
