// Fees as charged against fees as modelled, fill by fill (live fills only). The venue's own
// figure — Kalshi `fee_cost` (fill) / `taker_fees_dollars` (order), Polymarket the trade's
// `fee_rate_bps` applied to its size — is compared with what the engine's fee model in force for
// that market says for the same fill. A difference beyond the model's rounding (a cent on Kalshi,
// $0.00001 on Polymarket) is a mismatch: reported with the market and both amounts, counted per
// venue, and after `mismatchesToTrip` of them on a venue the breaker trips. The per-venue totals
// are what the Venues pane shows as "fees modelled / charged".
import Decimal from 'decimal.js';
import type { MarketRef, VenueId } from '../../shared/ids';
import type { VenueFill } from '../venues/venue';
import type { FeeModel } from '../fees/feeModel';

export interface VenueFeeSummary {
  /** Fills compared. */
  fills: number;
  /** Σ the model's fee for those fills (dollars, exact decimal text). */
  modelled: string;
  /** Σ the fee the venue reported for them. */
  charged: string;
  mismatches: number;
  /** The latest mismatch, in words. */
  lastMismatch: string | null;
}

export interface FeeModels {
  taker: FeeModel;
  maker: FeeModel | null;
}

export interface FeeReconcilerOptions {
  /** The fee models in force for a market at a wall time; a string when it cannot be priced. */
  fees(market: MarketRef, at: number): FeeModels | string | undefined;
  /** A mismatch, in words naming the market and both amounts. */
  onMismatch(venue: VenueId, market: MarketRef, message: string): void;
  /** Enough mismatches on one venue: trip the breaker. */
  trip(venue: VenueId, reason: string): void;
  /** Mismatches on a venue before a trip (default 3). */
  mismatchesToTrip?: number;
}

export type FillVerdict = { kind: 'match' | 'mismatch'; modelled: string; charged: string } | { kind: 'skipped'; reason: string };

/** One rounding unit of the model's fee, in dollars. */
export function roundingUnit(model: FeeModel): Decimal {
  return new Decimal(model.unitMicros).div(1_000_000);
}

/** An exact fee rounded as the venue rounds an order's fee (up, or half up, to its unit). */
export function roundFee(model: FeeModel, exact: Decimal): Decimal {
  const places = Math.round(6 - Math.log10(model.unitMicros));
  return exact.toDecimalPlaces(places, model.rounding === 'ceil' ? Decimal.ROUND_UP : Decimal.ROUND_HALF_UP);
}

/** The model's fee for one fill on its own, in dollars, before any rounding (exact decimals). */
export function exactFillFee(model: FeeModel, qty: string, price: string): Decimal {
  const p = new Decimal(price);
  const pq = p.times(new Decimal(1).minus(p));
  const { coefficient, exponent } = model.exact;
  return new Decimal(coefficient).times(qty).times(exponent === 1 ? pq : pq.pow(exponent));
}

/** The model's fee for one fill on its own, rounded as the venue rounds an order (e.g. up to the cent, or half up to 5 dp). */
export function modelledFillFee(model: FeeModel, qty: string, price: string): Decimal {
  return roundFee(model, exactFillFee(model, qty, price));
}

export class FeeReconciler {
  private readonly totals = new Map<VenueId, { fills: number; modelled: Decimal; charged: Decimal; mismatches: number; sinceTrip: number; lastMismatch: string | null }>();
  private readonly mismatchesToTrip: number;

  constructor(private readonly options: FeeReconcilerOptions) {
    this.mismatchesToTrip = Math.max(1, Math.floor(options.mismatchesToTrip ?? 3));
  }

  /** Compares one live fill's reported fee with the model; never throws. */
  onFill(venue: VenueId, fill: VenueFill): FillVerdict {
    if (fill.failed) return { kind: 'skipped', reason: 'the trade failed' };
    const reported = fill.reportedFee;
    if (reported === undefined) return { kind: 'skipped', reason: 'the venue reported no fee for it' };
    const fees = this.options.fees(fill.market, fill.at);
    if (fees === undefined || typeof fees === 'string') return { kind: 'skipped', reason: fees ?? `${fill.market} is not in the universe` };
    const model = fill.liquidity === 'maker' ? fees.maker : fees.taker;
    let modelled: Decimal;
    let exact: Decimal;
    let charged: Decimal;
    try {
      exact = model === null ? new Decimal(0) : exactFillFee(model, fill.qty, fill.price);
      modelled = model === null ? new Decimal(0) : modelledFillFee(model, fill.qty, fill.price);
      charged = new Decimal(reported);
    } catch {
      return { kind: 'skipped', reason: `unreadable figures (qty ${fill.qty}, price ${fill.price}, fee ${reported})` };
    }
    const t = this.total(venue);
    t.fills++;
    t.modelled = t.modelled.plus(modelled);
    t.charged = t.charged.plus(charged);
    const verdict = { modelled: modelled.toFixed(), charged: charged.toFixed() };
    // Rounding happens per order: a fill may be charged a unit less than its exact share, or a unit more than its own rounding.
    const unit = roundingUnit(model ?? fees.taker);
    if (charged.gte(exact.minus(unit)) && charged.lte(modelled.plus(unit))) return { kind: 'match', ...verdict };
    t.mismatches++;
    t.sinceTrip++;
    const role = fill.liquidity ?? 'taker';
    const message = `Fee mismatch on ${fill.market}: ${venue} charged $${verdict.charged} for ${fill.side} ${fill.qty} ${fill.outcome.toUpperCase()} @ ${fill.price} (${role}, fill ${fill.fillId}); the fee model says $${verdict.modelled}`;
    t.lastMismatch = message;
    this.options.onMismatch(venue, fill.market, message);
    if (t.sinceTrip >= this.mismatchesToTrip) {
      t.sinceTrip = 0;
      this.options.trip(venue, `${t.mismatches} fee mismatch(es) on ${venue} this session; the latest: ${message}`);
    }
    return { kind: 'mismatch', ...verdict };
  }

  summary(venue: VenueId): VenueFeeSummary | undefined {
    const t = this.totals.get(venue);
    if (!t) return undefined;
    return { fills: t.fills, modelled: t.modelled.toFixed(), charged: t.charged.toFixed(), mismatches: t.mismatches, lastMismatch: t.lastMismatch };
  }

  private total(venue: VenueId) {
    let t = this.totals.get(venue);
    if (!t) {
      t = { fills: 0, modelled: new Decimal(0), charged: new Decimal(0), mismatches: 0, sinceTrip: 0, lastMismatch: null };
      this.totals.set(venue, t);
    }
    return t;
  }
}
