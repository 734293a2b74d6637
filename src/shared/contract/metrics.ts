import { z } from 'zod';
import { VenueFeesSchema } from './market';
import { DecimalString, ModeSchema, Timestamp, VenueIdSchema } from './primitives';
import { TripKindSchema } from './risk';

const Count = z.number().int().nonnegative();

/** What `GET /api/metrics` reports: this session's counts and the ledger's P&L, per venue too. */
export const MetricsSchema = z.object({
  /** Counts cover the engine session since this time; P&L covers the mode's whole ledger. */
  since: Timestamp,
  mode: ModeSchema,
  opportunities: z.object({
    /** Baskets that became opportunities during the session. */
    found: Count,
    open: Count,
  }),
  executions: z.object({
    total: Count,
    filled: Count,
    completed: Count,
    flattened: Count,
    refused: Count,
    failed: Count,
  }),
  orders: z.object({
    sent: Count,
    filled: Count,
    partial: Count,
    unfilled: Count,
    rejected: Count,
    unknown: Count,
  }),
  fills: z.object({ count: Count, contracts: DecimalString }),
  pnl: z.object({
    lockedIn: DecimalString,
    realised: DecimalString,
    fees: DecimalString,
    openExposure: DecimalString,
    pnlToday: DecimalString,
  }),
  breaker: z.object({
    state: z.enum(['closed', 'open', 'half_open']),
    killSwitch: z.boolean(),
    /** Trips in the breaker's recorded history (most recent 200). */
    trips: Count,
    tripsByKind: z.partialRecord(TripKindSchema, Count),
  }),
  venues: z.array(z.object({
    venue: VenueIdSchema,
    ordersSent: Count,
    fills: Count,
    contracts: DecimalString,
    fees: DecimalString,
    realised: DecimalString,
    openExposure: DecimalString,
    /** Live fills' fees as modelled vs as charged (absent before the first live fill). */
    feeReconciliation: VenueFeesSchema.optional(),
  })),
});
export type Metrics = z.infer<typeof MetricsSchema>;
