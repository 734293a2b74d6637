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
  /** What one contract paid when its market settled; null while the market is open. */
  settledValue: DecimalString.nullable(),
});
export const BasketPositionSchema = z.object({
  id: Id,
  strategy: StrategyIdSchema,
  openedAt: Timestamp,
  legs: z.array(PositionLegSchema),
  /** Complete baskets held (the smallest leg). */
  matched: DecimalString,
  /** Contracts held beyond the complete baskets, summed over the legs: directional risk. */
  unmatched: DecimalString,
  /** Profit locked in by the matched baskets, after fees. */
  lockedIn: DecimalString,
  realised: DecimalString,
  fees: DecimalString,
  /** Cost of contracts that are not part of a complete basket: money at directional risk. */
  openExposure: DecimalString,
  /** closed: everything held was sold (flattened); nothing is left. */
  status: z.enum(['open', 'unhedged', 'partially_settled', 'settled', 'closed']),
  settledAt: Timestamp.nullable(),
  /**
   * Once settled, how it paid against what it locked in: as_expected, short (the venues resolved
   * the linked markets differently: paid less than the matched units promised), over (paid more).
   * `capital` is what the held contracts cost, fees included: released by the settlement.
   */
  outcome: z
    .object({ kind: z.enum(['as_expected', 'short', 'over']), payout: DecimalString, expected: DecimalString, capital: DecimalString })
    .nullable()
    .optional(),
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
