import type { Decimal } from 'decimal.js';
import type { BreakerState, TripKind } from '../../shared/contract';
import type { HoldingChange, OrderRecord } from '../ledger/types';
import type { DustRule, UnequalBasket } from './unhedged';

/** What the breaker keeps across restarts (the ledger's breaker_state row). */
export interface PersistedBreaker {
  state: BreakerState['state'];
  killSwitch: boolean;
  reason: string | null;
  tripKind: TripKind | null;
  trippedAt: number | null;
  cooldownEndsAt: number | null;
  consecutiveErrors: number;
  /** Unequal baskets the trader re-armed over, knowingly: they no longer block trading. */
  acknowledgedUnhedged?: string[];
}

export type BreakerEventKind = 'trip' | 'rearm' | 'half_open' | 'probe_passed' | 'kill_switch_result' | 'limits';

export interface BreakerEvent {
  at: number;
  kind: BreakerEventKind;
  tripKind?: TripKind | null;
  reason: string;
  detail?: unknown;
}

/**
 * The breaker's persistence port, implemented by the ledger of the current mode. The breaker
 * keeps no money of its own: open holdings, pending orders and the day's realised P&L are read
 * from the ledger, the one source of truth, when it attaches.
 */
export interface BreakerStore {
  loadState(): PersistedBreaker | null;
  saveState(state: PersistedBreaker): void;
  appendEvent(event: BreakerEvent): void;
  /** Most recent first. */
  recentTrips(limit: number): { at: number; kind: TripKind; reason: string }[];
  /** Net realised P&L booked at or after `at`. */
  realisedSince(at: number): Decimal;
  /** Every basket leg holding contracts in a market that has not settled. */
  openHoldings(): HoldingChange[];
  /** Orders not yet final: their unfilled rest may still fill. */
  pendingOrders(): OrderRecord[];
  /** Baskets whose legs hold unequal amounts (beyond dust) in unsettled markets. */
  unequalBaskets(dust?: DustRule): UnequalBasket[];
}
