import { z } from 'zod';
import { MarketNameSchema } from './explain';
import { BalanceCheckSchema } from './balance';
import {
  BookHealthSchema, DecimalString, Id, MarketRefSchema, OutcomeSchema, StrategyIdSchema, Timestamp, VenueIdSchema,
} from './primitives';

export const CapitalLockSchema = z.object({ venue: VenueIdSchema, amount: DecimalString });
export type CapitalLock = z.infer<typeof CapitalLockSchema>;

export const OpportunityLegSchema = z.object({
  market: MarketRefSchema,
  venue: VenueIdSchema,
  /** The market's human name (subject, distinguishing term, date); the ticker or id is `market`. */
  title: z.string(),
  /** The name in parts, when the engine knows the market's listing (absent for scenario files). */
  label: MarketNameSchema.optional(),
  outcome: OutcomeSchema,
  size: z.number().int().positive(),
  cost: DecimalString,
  fee: DecimalString,
  avgPrice: DecimalString,
  worstPrice: DecimalString,
  health: BookHealthSchema,
});
export type OpportunityLeg = z.infer<typeof OpportunityLegSchema>;

export const OpportunitySchema = z.object({
  id: Id,
  strategy: StrategyIdSchema,
  legs: z.array(OpportunityLegSchema).min(1),
  size: z.number().int().positive(),
  payout: DecimalString,
  cost: DecimalString,
  fees: DecimalString,
  netProfit: DecimalString,
  /** Net profit per contract of the basket. */
  edge: DecimalString,
  firstSeenAt: Timestamp,
  updatedAt: Timestamp,
  /** A leg's book went stale or unknown: shown greyed, never executed. */
  stale: z.boolean(),
  /** When every leg's market is expected to have resolved (the venues' own times); null: a leg's is unknown. */
  resolveBy: Timestamp.nullable().optional(),
  /** What the basket locks until then on each venue: its legs' cost there, fees included. */
  capital: z.array(CapitalLockSchema).optional(),
  /** Net profit ÷ capital locked, a fraction ("0.0523" is 5.23 %). */
  returnOnCapital: DecimalString.nullable().optional(),
  /** The return on capital per year: × 365 ÷ days until resolveBy (at least one day); null when resolveBy is. */
  annualisedReturn: DecimalString.nullable().optional(),
  /** A cross-venue link this basket relies on is suspended (its terms changed): greyed, never executed. */
  suspended: z.string().nullable().optional(),
});
export type Opportunity = z.infer<typeof OpportunitySchema>;

export const OpportunitiesDeltaSchema = z.object({
  upserts: z.array(OpportunitySchema),
  removed: z.array(Id),
});

export const GradeSchema = z.enum(['low', 'medium', 'high']);
export const AnalysisLegSchema = z.object({
  market: MarketRefSchema,
  outcome: OutcomeSchema,
  size: z.number().int().nonnegative(),
  topPrice: DecimalString.nullable(),
  avgPrice: DecimalString.nullable(),
  worstPrice: DecimalString.nullable(),
  /** avgPrice − topPrice. */
  slippage: DecimalString.nullable(),
  /** worstPrice − topPrice: how far the order walks the book. */
  priceImpact: DecimalString.nullable(),
  /** (bid depth − ask depth) / (bid depth + ask depth) of the outcome bought, −1…+1. */
  imbalance: z.number().min(-1).max(1).nullable(),
  depth: DecimalString,
  health: BookHealthSchema,
});
export const DataQualityCheckSchema = z.object({
  check: z.enum(['crossed', 'thin', 'stale', 'unknown']),
  ok: z.boolean(),
  market: MarketRefSchema.nullable(),
  detail: z.string(),
});
export const ConfidenceFactorSchema = z.object({
  risk: z.enum(['liquidity', 'execution', 'timing']),
  name: z.string(),
  value: z.string(),
  /** Points taken off the score by this factor. */
  penalty: z.number().nonnegative(),
  detail: z.string(),
});
export const AnalysisSchema = z.object({
  opportunityId: Id,
  targetSize: z.number().int().positive(),
  size: z.number().int().nonnegative(),
  legs: z.array(AnalysisLegSchema),
  payout: DecimalString,
  cost: DecimalString,
  fees: DecimalString,
  netProfit: DecimalString,
  dataQuality: z.array(DataQualityCheckSchema),
  /**
   * The honest worst case at this size: one leg fills alone (at its worst price, fees included)
   * and is sold straight back into the current bids (less their fees); the costliest leg's loss.
   */
  worstCase: z.object({
    /** Dollars, never negative. */
    loss: DecimalString,
    /** The leg it comes from; null when nothing can be filled. */
    legIndex: z.number().int().nonnegative().nullable(),
    /** The per-trade loss limit it is held against; null where none applies (scan). */
    limit: DecimalString.nullable(),
    /** Whether it is within the limit; an execution sends fewer contracts, or nothing, otherwise. */
    withinLimit: z.boolean().nullable(),
    /** The largest size on the books now whose worst case fits the limit (0: none); null where no limit applies. */
    maxSize: z.number().int().nonnegative().nullable(),
  }),
  /** Capital and time at this size: when it resolves, what it locks per venue, what it returns. */
  capital: z
    .object({
      resolveBy: Timestamp.nullable(),
      byVenue: z.array(CapitalLockSchema),
      returnOnCapital: DecimalString.nullable(),
      annualisedReturn: DecimalString.nullable(),
    })
    .optional(),
  /**
   * A basket across venues relies on their markets resolving alike. If they do not (one venue
   * resolves differently from what the link says), this is the loss at this size: the legs' cost
   * and fees less what the least-paying outcome of the markets taken independently pays. Null for
   * a basket on one venue.
   */
  ifVenuesDisagree: z.object({ loss: DecimalString, outcome: z.string() }).nullable().optional(),
  /** Each venue's cash against what this size needs there (execution/balanceCheck.ts). */
  balance: BalanceCheckSchema.optional(),
  confidence: z.object({
    score: z.number().min(0).max(100),
    liquidityRisk: GradeSchema,
    executionRisk: GradeSchema,
    timingRisk: GradeSchema,
    factors: z.array(ConfidenceFactorSchema),
  }),
  at: Timestamp,
});
export type Analysis = z.infer<typeof AnalysisSchema>;
