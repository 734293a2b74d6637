import { z } from 'zod';
import { DecimalString, Id, MarketRefSchema, ModeSchema, OutcomeSchema, StrategyIdSchema, Timestamp, VenueIdSchema } from './primitives';

export const PositionLegSchema = z.object({
  market: MarketRefSchema,
  venue: VenueIdSchema,
  title: z.string(),
  outcome: OutcomeSchema,
  contracts: DecimalString,
  avgPrice: DecimalString.nullable(),
  cost: DecimalString,
  fees: DecimalString,
});
export const BasketPositionSchema = z.object({
  id: Id,
  strategy: StrategyIdSchema,
  openedAt: Timestamp,
  legs: z.array(PositionLegSchema),
  /** Complete baskets held (the smallest leg). */
  matched: DecimalString,
  /** Profit locked in by the matched baskets, after fees. */
  lockedIn: DecimalString,
  realised: DecimalString,
  fees: DecimalString,
  /** Cost of contracts that are not part of a complete basket: money at directional risk. */
  openExposure: DecimalString,
  status: z.enum(['open', 'unhedged', 'partially_settled', 'settled']),
  settledAt: Timestamp.nullable(),
});
export const VenuePositionSchema = z.object({
  venue: VenueIdSchema,
  contracts: DecimalString,
  cost: DecimalString,
  fees: DecimalString,
  realised: DecimalString,
  openExposure: DecimalString,
});
export const PositionsViewSchema = z.object({
  mode: ModeSchema,
  baskets: z.array(BasketPositionSchema),
  venues: z.array(VenuePositionSchema),
  totals: z.object({
    lockedIn: DecimalString,
    realised: DecimalString,
    fees: DecimalString,
    openExposure: DecimalString,
    pnlToday: DecimalString,
  }),
});
export type PositionsView = z.infer<typeof PositionsViewSchema>;
