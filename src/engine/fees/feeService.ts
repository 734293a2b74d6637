// Fees after the fact, for live trading: every live fill's reported fee against the model
// (reconcile.ts), and how Polymarket takes a BUY's fee, from the wallet (feeCollection.ts). Built
// by the engine with the narrow ports it needs; paper fills are the model itself and never
// compared.
import Decimal from 'decimal.js';
import type { MarketRef, Outcome, VenueId } from '../../shared/ids';
import type { IDisposable } from '../../shared/lifecycle';
import type { TradingApi, VenueFill } from '../venues/venue';
import { FeeCollectionWatch, type FeeCollection } from './feeCollection';
import { FeeReconciler, type FeeModels, type VenueFeeSummary } from './reconcile';

export interface FeeServicePorts {
  /** Live trading now (paper fills are not compared). */
  isLive(): boolean;
  fees(market: MarketRef, at: number): FeeModels | string | undefined;
  warn(venue: VenueId, message: string): void;
  trip(reason: string): void;
  /** What the live ledger holds of a market's outcome. */
  ledgerHolding(market: MarketRef, outcome: Outcome): Decimal.Value;
  trading(venue: VenueId): TradingApi | null;
  /** The Polymarket BUY fee is taken in shares: price it so, and book such fills net. */
  onFeeTakenIn(collection: FeeCollection): void;
  mismatchesToTrip?: number;
  walletDelayMs?: number;
}

export interface VenueFeeView extends VenueFeeSummary {
  /** Polymarket: how BUY fees are taken, once the wallet has shown it. */
  takenIn?: FeeCollection | null;
}

export class FeeService implements IDisposable {
  readonly reconciler: FeeReconciler;
  readonly collection: FeeCollectionWatch;

  constructor(private readonly ports: FeeServicePorts) {
    this.reconciler = new FeeReconciler({
      fees: ports.fees,
      onMismatch: (venue, _market, message) => ports.warn(venue, message),
      trip: (_venue, reason) => ports.trip(reason),
      ...(ports.mismatchesToTrip !== undefined ? { mismatchesToTrip: ports.mismatchesToTrip } : {}),
    });
    this.collection = new FeeCollectionWatch({
      wallet: async (market, outcome) => {
        const api = ports.trading('polymarket');
        if (!api) return null;
        const held = (await api.positions()).filter((p) => p.market === market && p.outcome === outcome);
        return held.reduce((sum, p) => sum.plus(p.qty), new Decimal(0));
      },
      ledger: ports.ledgerHolding,
      onSettled: (collection, detail, overstated) => this.settled(collection, detail, overstated),
      ...(ports.walletDelayMs !== undefined ? { delayMs: ports.walletDelayMs } : {}),
    });
  }

  /** A fill newly recorded in the ledger. */
  onRecorded(venue: VenueId, fill: VenueFill): void {
    if (this.ports.isLive()) this.reconciler.onFill(venue, fill);
  }

  /** Every status of a fill a live venue pushes. */
  onPushed(venue: VenueId, fill: VenueFill): void {
    if (this.ports.isLive()) this.collection.onFill(venue, fill);
  }

  summary(venue: VenueId): VenueFeeView | undefined {
    const s = this.reconciler.summary(venue);
    const takenIn = venue === 'polymarket' ? this.collection.collection : undefined;
    if (!s && !takenIn) return undefined;
    return { ...(s ?? { fills: 0, modelled: '0', charged: '0', mismatches: 0, lastMismatch: null }), ...(takenIn ? { takenIn } : {}) };
  }

  dispose(): void {
    this.collection.dispose();
  }

  private settled(collection: FeeCollection, detail: string, overstated: { market: MarketRef; outcome: Outcome; shares: string }[]): void {
    if (collection === 'collateral') {
      this.ports.warn('polymarket', `Polymarket takes BUY fees in pUSD, as modelled (${detail})`);
      return;
    }
    this.ports.onFeeTakenIn('shares');
    const off = overstated.map((o) => `${o.shares} ${o.outcome.toUpperCase()} ${o.market}`).join(', ');
    this.ports.warn('polymarket', `Polymarket takes BUY fees in shares (${detail}); later fills are booked net of them and sizing prices the fee as fee / price`);
    this.ports.trip(`Polymarket took BUY fees in shares: the ledger holds more than the wallet (${off}); check Positions`);
  }
}
