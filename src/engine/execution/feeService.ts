// Fees after the fact, for live trading: every live fill's reported fee against the model
// (reconcile.ts), and — on a venue that may take a BUY's fee in shares — how it takes it, from the
// wallet (feeCollection.ts). Built by the composition root with the narrow ports it needs; paper
// fills are the model itself and never compared.
import Decimal from 'decimal.js';
import { venueOf, type MarketRef, type Outcome, type VenueId } from '../../shared/ids';
import type { IDisposable } from '../../shared/lifecycle';
import type { TradingApi, VenueFill } from '../venues/venue';
import { FeeCollectionWatch, type FeeCollection } from './feeCollection';
import { FeeReconciler, type FeeModels, type VenueFeeSummary } from './feeReconciler';

export interface FeeServicePorts {
  /** Venues that may take a BUY's fee in shares (watched from the wallet), with the name of their cash. */
  sharesVenues: readonly { venue: VenueId; cash: string }[];
  name(venue: VenueId): string;
  /** Live trading now (paper fills are not compared). */
  isLive(): boolean;
  fees(market: MarketRef, at: number): FeeModels | string | undefined;
  warn(venue: VenueId, message: string): void;
  trip(reason: string): void;
  /** What the live ledger holds of a market's outcome. */
  ledgerHolding(market: MarketRef, outcome: Outcome): Decimal.Value;
  trading(venue: VenueId): TradingApi | null;
  /** The venue takes its BUY fee in shares: price it so, and book such fills net. */
  onFeeTakenIn(venue: VenueId, collection: FeeCollection): void;
  mismatchesToTrip?: number;
  walletDelayMs?: number;
}

export interface VenueFeeView extends VenueFeeSummary {
  /** How BUY fees are taken, once the wallet has shown it (venues that may take them in shares). */
  takenIn?: FeeCollection | null;
}

export class FeeService implements IDisposable {
  readonly reconciler: FeeReconciler;
  private readonly watches = new Map<VenueId, FeeCollectionWatch>();
  private readonly cash = new Map<VenueId, string>();

  constructor(private readonly ports: FeeServicePorts) {
    this.reconciler = new FeeReconciler({
      fees: ports.fees,
      onMismatch: (venue, _market, message) => ports.warn(venue, message),
      trip: (_venue, reason) => ports.trip(reason),
      ...(ports.mismatchesToTrip !== undefined ? { mismatchesToTrip: ports.mismatchesToTrip } : {}),
    });
    for (const { venue, cash } of ports.sharesVenues) {
      this.cash.set(venue, cash);
      this.watches.set(venue, new FeeCollectionWatch({
        venue,
        wallet: async (market, outcome) => {
          const api = ports.trading(venueOf(market));
          if (!api) return null;
          const held = (await api.positions()).filter((p) => p.market === market && p.outcome === outcome);
          return held.reduce((sum, p) => sum.plus(p.qty), new Decimal(0));
        },
        ledger: ports.ledgerHolding,
        onSettled: (collection, detail, overstated) => this.settled(venue, collection, detail, overstated),
        ...(ports.walletDelayMs !== undefined ? { delayMs: ports.walletDelayMs } : {}),
      }));
    }
  }

  /** How a venue takes BUY fees, once settled (null: not yet, or not a venue that may take shares). */
  takenIn(venue: VenueId): FeeCollection | null {
    return this.watches.get(venue)?.collection ?? null;
  }

  /** A fill newly recorded in the ledger. */
  onRecorded(venue: VenueId, fill: VenueFill): void {
    if (this.ports.isLive()) this.reconciler.onFill(venue, fill);
  }

  /** Every status of a fill a live venue pushes. */
  onPushed(venue: VenueId, fill: VenueFill): void {
    if (this.ports.isLive()) this.watches.get(venue)?.onFill(venue, fill);
  }

  summary(venue: VenueId): VenueFeeView | undefined {
    const s = this.reconciler.summary(venue);
    const takenIn = this.watches.get(venue)?.collection ?? undefined;
    if (!s && !takenIn) return undefined;
    return { ...(s ?? { fills: 0, modelled: '0', charged: '0', mismatches: 0, lastMismatch: null }), ...(takenIn ? { takenIn } : {}) };
  }

  dispose(): void {
    for (const w of this.watches.values()) w.dispose();
  }

  private settled(venue: VenueId, collection: FeeCollection, detail: string, overstated: { market: MarketRef; outcome: Outcome; shares: string }[]): void {
    const name = this.ports.name(venue);
    if (collection === 'collateral') {
      this.ports.warn(venue, `${name} takes BUY fees in ${this.cash.get(venue) ?? 'cash'}, as modelled (${detail})`);
      return;
    }
    this.ports.onFeeTakenIn(venue, 'shares');
    const off = overstated.map((o) => `${o.shares} ${o.outcome.toUpperCase()} ${o.market}`).join(', ');
    this.ports.warn(venue, `${name} takes BUY fees in shares (${detail}); later fills are booked net of them and sizing prices the fee as fee / price`);
    this.ports.trip(`${name} took BUY fees in shares: the ledger holds more than the wallet (${off}); check Positions`);
  }
}
