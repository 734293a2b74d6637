// How a venue takes a BUY's taker fee, on a venue that may take it either way (its contribution
// says so: FeeContribution.buyFeeMayBeTakenInShares) — in cash, as Polymarket's official V2 client
// budgets it (clob-client-v2 `adjustBuyAmountForFees`: amount + fee ≤ balance), or in shares, as
// the reference says (venues.md §2.10: "you receive C − fee/p shares") — settled by the wallet:
// after final BUY fills that paid a fee, the token balance is compared with what the ledger holds.
//   wallet = ledger                     → collateral: the ledger already holds what the wallet holds
//   wallet = ledger − Σ fee / price     → shares: fills are booked net from then on, sizing prices
//                                         the fee as fee / price, and the trader is told how far the
//                                         earlier fills overstate the position
//   anything else                       → undetermined (holdings from elsewhere, fills in flight):
//                                         asked again after the next such fill
import Decimal from 'decimal.js';
import type { MarketRef, Outcome, VenueId } from '../../shared/ids';
import type { VenueFill } from '../venues/venue';
import type { FeeTakenIn } from '../fees/feeModel';

export type FeeCollection = FeeTakenIn;

/** Shares: a fill's fee/price is floored to 10^-6 share; a hundredth of a share covers many fills. */
const TOLERANCE = new Decimal('0.0001');
/** Fees worth less than this in shares say nothing either way. */
const MIN_SIGNAL = new Decimal('0.001');

export function classifyFeeCollection(wallet: Decimal.Value, ledger: Decimal.Value, feeShares: Decimal.Value): FeeCollection | null {
  const f = new Decimal(feeShares);
  if (f.lt(MIN_SIGNAL)) return null;
  const gap = new Decimal(ledger).minus(wallet);
  if (gap.abs().lte(TOLERANCE)) return 'collateral';
  if (gap.minus(f).abs().lte(TOLERANCE)) return 'shares';
  return null;
}

export interface FeeCollectionWatchOptions {
  /** The venue whose fills are watched. */
  venue: VenueId;
  /** The wallet's balance of a market's outcome token (null: unreadable now). */
  wallet(market: MarketRef, outcome: Outcome): Promise<Decimal.Value | null>;
  /** What the live ledger holds of it. */
  ledger(market: MarketRef, outcome: Outcome): Decimal.Value;
  /** Settled: how the venue takes BUY fees, with the evidence in words. */
  onSettled(collection: FeeCollection, detail: string, overstated: { market: MarketRef; outcome: Outcome; shares: string }[]): void;
  /** Wait after a final fill before reading the wallet (default 3 s). */
  delayMs?: number;
}

export class FeeCollectionWatch {
  private settled: FeeCollection | null = null;
  /** Per token: Σ fee / price of final BUY fills booked gross this session. */
  private readonly feeShares = new Map<string, { market: MarketRef; outcome: Outcome; shares: Decimal }>();
  private readonly seen = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private checking = false;

  constructor(private readonly options: FeeCollectionWatchOptions) {}

  get collection(): FeeCollection | null {
    return this.settled;
  }

  /** A live fill pushed by a venue (every status of it); only the watched venue's final taker BUYs that paid a fee count. */
  onFill(venue: VenueId, fill: VenueFill): void {
    if (this.settled !== null || venue !== this.options.venue || !fill.final || fill.failed || fill.side !== 'buy' || fill.liquidity === 'maker') return;
    if (this.seen.has(fill.fillId)) return;
    let shares: Decimal;
    try {
      const fee = new Decimal(fill.fee);
      if (!fee.gt(0)) return;
      shares = fee.div(fill.price).toDecimalPlaces(6, Decimal.ROUND_FLOOR);
    } catch {
      return;
    }
    this.seen.add(fill.fillId);
    const key = `${fill.market}|${fill.outcome}`;
    const t = this.feeShares.get(key) ?? { market: fill.market, outcome: fill.outcome, shares: new Decimal(0) };
    t.shares = t.shares.plus(shares);
    this.feeShares.set(key, t);
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), this.options.delayMs ?? 3_000);
    this.timer.unref?.();
  }

  /** Compares every token with fee-paying BUYs; the first decisive one settles the question. */
  async check(): Promise<FeeCollection | null> {
    this.timer = null;
    if (this.settled !== null || this.checking) return this.settled;
    this.checking = true;
    try {
      for (const t of this.feeShares.values()) {
        const wallet = await this.options.wallet(t.market, t.outcome).catch(() => null);
        if (wallet === null) continue;
        const ledger = this.options.ledger(t.market, t.outcome);
        const verdict = classifyFeeCollection(wallet, ledger, t.shares);
        if (verdict === null) continue;
        this.settled = verdict;
        const detail = `${t.market} ${t.outcome.toUpperCase()}: the wallet holds ${new Decimal(wallet).toFixed()}, the ledger ${new Decimal(ledger).toFixed()}, and the BUY fees were worth ${t.shares.toFixed()} shares`;
        const overstated = verdict === 'shares' ? [...this.feeShares.values()].map((x) => ({ market: x.market, outcome: x.outcome, shares: x.shares.toFixed() })) : [];
        this.options.onSettled(verdict, detail, overstated);
        return verdict;
      }
      return null;
    } finally {
      this.checking = false;
    }
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
