// The simulated world's static shape: propositions (what is true or false at resolution), the
// groups they belong to, and how each venue lists them. Built once from the seed by catalog.ts.
import type { Price } from '../../shared/units';

export type GroupKind = 'binary' | 'exclusive' | 'ladder';

export interface Proposition {
  readonly id: string;
  readonly groupId: string;
  /** Outcome name inside its group ("Cut 25 bps", "Above $105,000"); the question for binaries. */
  readonly label: string;
  readonly index: number;
  /** Ladders: the strike this proposition is "above". */
  readonly strike?: number;
  /** Augmented neg-risk placeholder ("Other"): listed on Polymarket only. */
  readonly isOther?: boolean;
}

export interface Group {
  readonly id: string;
  readonly kind: GroupKind;
  readonly category: string;
  readonly title: string;
  readonly propositions: readonly Proposition[];
  /** Exclusive groups: exactly one proposition resolves YES. */
  readonly exhaustive: boolean;
  readonly closeTime: number;
  /** Ladders: the underlying's unit and strikes, for the fair-value model. */
  readonly ladder?: { readonly strikes: readonly number[]; readonly start: number; readonly width: number; readonly vol: number };
}

export interface KalshiSeries {
  readonly ticker: string;
  readonly title: string;
  readonly category: string;
  readonly frequency: string;
  readonly feeType: 'quadratic' | 'quadratic_with_maker_fees';
  /**
   * The series' relative fee multiplier as `GET /series` publishes it, in 1/10_000: 10_000 (1) on
   * a standard series, 5_000 (0.5) on the half-fee index series. The fee coefficient is 0.07 × it.
   */
  readonly feeMultiplier: number;
  /** Kalshi `settlement_sources`: what the series settles on. */
  readonly settlementSources: readonly { readonly name: string; readonly url: string }[];
}

export interface KalshiEvent {
  readonly eventTicker: string;
  readonly seriesTicker: string;
  readonly title: string;
  readonly subTitle: string;
  readonly category: string;
  readonly mutuallyExclusive: boolean;
  readonly groupId: string;
  readonly strikeDate: number;
  readonly marketTickers: string[];
}

export interface KalshiListing {
  readonly venue: 'kalshi';
  readonly key: string; // "kalshi:<ticker>"
  readonly propositionId: string;
  readonly ticker: string;
  readonly eventTicker: string;
  readonly seriesTicker: string;
  readonly title: string;
  readonly subtitle: string;
  readonly yesSubTitle: string;
  readonly noSubTitle: string;
  /** Mutable: the simulator can amend a market's rules after listing (World.amendRules). */
  rulesPrimary: string;
  readonly rulesSecondary: string;
  readonly closeTime: number;
  readonly openTime: number;
  /** The price grid: $0.01 (linear_cent) or $0.001 (deci_cent). */
  readonly tick: Price;
  readonly priceLevelStructure: 'linear_cent' | 'deci_cent';
  readonly strikeType?: 'greater';
  readonly floorStrike?: number;
  /** Market-maker profile. */
  readonly liquidity: number; // contracts at the best level, typical
  readonly halfSpreadTicks: number;
}

export interface PolymarketEvent {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly negRisk: boolean;
  readonly negRiskAugmented: boolean;
  readonly negRiskMarketId: string | null;
  readonly groupId: string;
  readonly endDate: number;
  readonly conditionIds: string[];
}

export interface PolymarketListing {
  readonly venue: 'polymarket';
  readonly key: string; // "polymarket:<conditionId>"
  readonly propositionId: string;
  readonly gammaId: string;
  readonly eventId: string;
  readonly conditionId: string;
  readonly questionId: string;
  readonly yesTokenId: string;
  readonly noTokenId: string;
  readonly question: string;
  readonly slug: string;
  /** Mutable: the simulator can amend a market's rules after listing (World.amendRules). */
  description: string;
  readonly groupItemTitle: string;
  readonly category: string;
  readonly negRisk: boolean;
  readonly negRiskMarketId: string | null;
  readonly negRiskRequestId: string | null;
  readonly isOther: boolean;
  readonly endDate: number;
  readonly startDate: number;
  /** Base tick; it narrows to $0.001 near the edges (tick_size_change). */
  readonly tick: Price;
  /** Minimum order size in whole shares. */
  readonly minOrderSize: number;
  /** Taker fee rate in 1/10_000, and its exponent. */
  readonly feeRate: number;
  readonly feeExponent: number;
  readonly liquidity: number; // shares at the best level, typical
  readonly halfSpreadTicks: number;
}

export type Listing = KalshiListing | PolymarketListing;

/** Ground truth for the engine's universe work (matching, exclusive sets, implications). */
export interface Relations {
  /** [kalshi ticker, polymarket conditionId]: the same proposition, same rules. */
  readonly equivalent: ReadonlyArray<readonly [string, string]>;
  /** Exclusive sets as market refs ("kalshi:T", "polymarket:0x…"); exhaustive when exactly one wins. */
  readonly exclusive: ReadonlyArray<{ readonly id: string; readonly members: readonly string[]; readonly exhaustive: boolean }>;
  /** Ladder implications as market refs: if `if` resolves YES then `then` does. */
  readonly implies: ReadonlyArray<{ readonly if: string; readonly then: string }>;
  /** Similar-looking cross-venue pairs that are NOT the same proposition (a matcher must not link them). */
  readonly lookalikes: ReadonlyArray<readonly [string, string]>;
  /**
   * The same question on both venues settled on different sources (Kalshi: CF Benchmarks' index;
   * Polymarket: a Binance candle): NOT equivalent — they can resolve differently. A matcher may
   * suggest them, but must say the sources differ.
   */
  readonly differentSource: ReadonlyArray<readonly [string, string]>;
  /**
   * Every look-alike cross-venue pair of one proposition whose rules differ (a different source,
   * ≥ against >, an observation time in another time zone), with the spec fields that differ: a
   * spec comparison must name at least these. Includes the `differentSource` pairs.
   */
  readonly differentRules: ReadonlyArray<{ readonly kalshi: string; readonly polymarket: string; readonly differs: readonly string[] }>;
}

export interface Universe {
  readonly groups: readonly Group[];
  readonly propositions: ReadonlyMap<string, Proposition>;
  readonly kalshi: {
    readonly series: readonly KalshiSeries[];
    readonly events: readonly KalshiEvent[];
    readonly markets: readonly KalshiListing[];
  };
  readonly polymarket: {
    readonly events: readonly PolymarketEvent[];
    readonly markets: readonly PolymarketListing[];
  };
  readonly relations: Relations;
}
