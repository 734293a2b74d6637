import { z } from 'zod';
import { DecimalString, Id, MarketRefSchema, OutcomeSchema, PositiveDecimalString, Timestamp, VenueIdSchema } from './primitives';

export const LimitsSchema = z.strictObject({
  /** Contracts held in one market, across outcomes and venues. */
  maxPositionPerMarket: z.number().int().positive().max(10_000_000),
  maxTotalContracts: z.number().int().positive().max(100_000_000),
  maxTotalDollars: PositiveDecimalString,
  maxDailyLoss: PositiveDecimalString,
  maxLossPerTrade: PositiveDecimalString,
  maxConsecutiveErrors: z.number().int().positive().max(1000),
  cooldownSeconds: z.number().int().nonnegative().max(86_400),
  /** Largest basket allowed while half-open. */
  probeSize: z.number().int().positive().max(1_000_000),
  /** IANA time zone whose midnight starts a new day for the daily loss limit. */
  tradingDayTimeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, 'expected an IANA time zone such as "UTC" or "America/New_York"')
    .default('UTC'),
});
export type Limits = z.infer<typeof LimitsSchema>;

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const TripKindSchema = z.enum([
  'kill_switch', 'max_position_per_market', 'max_total_contracts', 'max_total_dollars', 'max_daily_loss',
  'max_loss_per_trade', 'consecutive_errors', 'probe_failed', 'unhedged_exposure', 'fee_mismatch',
]);
export type TripKind = z.infer<typeof TripKindSchema>;

export const TripRecordSchema = z.object({
  at: Timestamp,
  kind: TripKindSchema,
  reason: z.string(),
});
export const BreakerStateSchema = z.object({
  state: z.enum(['closed', 'open', 'half_open']),
  /** Engaged kill switch: the order path is blocked until a manual re-arm. */
  killSwitch: z.boolean(),
  reason: z.string().nullable(),
  trippedAt: Timestamp.nullable(),
  cooldownEndsAt: Timestamp.nullable(),
  consecutiveErrors: z.number().int().nonnegative(),
  dailyLoss: DecimalString,
  /** Most recent first. */
  trips: z.array(TripRecordSchema),
  /** Baskets left holding unequal legs: trading stays blocked until they are unwound or acknowledged. */
  unhedged: z.array(z.object({ basketId: Id, detail: z.string() })).optional(),
});
export type BreakerState = z.infer<typeof BreakerStateSchema>;

export const KillSwitchResultSchema = z.object({
  engagedAt: Timestamp,
  /** Time from the command to the order path being blocked. */
  blockedInMs: z.number().nonnegative(),
  /** Time from the command to every venue's cancel-all having answered or timed out. */
  cancelledInMs: z.number().nonnegative(),
  cancelled: z.array(z.object({ venue: VenueIdSchema, orderId: z.string() })),
  failed: z.array(z.object({ venue: VenueIdSchema, orderId: z.string().nullable(), reason: z.string() })),
});
export type KillSwitchResult = z.infer<typeof KillSwitchResultSchema>;

export const ExecutionLegResultSchema = z.object({
  market: MarketRefSchema,
  venue: VenueIdSchema,
  outcome: OutcomeSchema,
  requested: z.number().int().nonnegative(),
  filled: DecimalString,
  avgPrice: DecimalString.nullable(),
  fees: DecimalString,
  orderIds: z.array(z.string()),
  status: z.enum(['filled', 'partial', 'unfilled', 'rejected', 'failed']),
});
export const ExecutionResultSchema = z.object({
  executionId: Id,
  opportunityId: Id,
  mode: z.enum(['paper', 'live']),
  /**
   * filled: every leg filled. completed: a lagging leg was completed. flattened: excess unwound.
   * refused: nothing was sent. failed: something went wrong; positions show any exposure left.
   */
  status: z.enum(['filled', 'completed', 'flattened', 'refused', 'failed']),
  reason: z.string().nullable(),
  size: z.number().int().nonnegative(),
  legs: z.array(ExecutionLegResultSchema),
  netProfit: DecimalString.nullable(),
  startedAt: Timestamp,
  finishedAt: Timestamp,
  /** When a venue's cash (balance or allowance) limited the size: "the Kalshi balance is $12.00: it pays for 26 contract(s), fees included". */
  sizedBy: z.string().nullable().optional(),
});
export type ExecutionResult = z.infer<typeof ExecutionResultSchema>;

export const ExecutionProgressSchema = z.object({
  executionId: Id,
  opportunityId: Id,
  at: Timestamp,
  step: z.enum(['revalidate', 'breaker', 'send', 'fill', 'complete', 'flatten', 'reconcile', 'done']),
  status: z.enum(['running', 'ok', 'failed']),
  message: z.string(),
});
export type ExecutionProgress = z.infer<typeof ExecutionProgressSchema>;
