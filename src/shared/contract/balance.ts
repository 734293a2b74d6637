import { z } from 'zod';
import { DecimalString, Timestamp, VenueIdSchema } from './primitives';

/**
 * Cash a venue account can spend, as last read from the venue (live) or the paper account.
 * Dollars as exact decimal strings. `available` null: never read (unknown, not zero).
 */
export const VenueBalanceSchema = z.object({
  /** Spendable cash: Kalshi `balance` (cents), Polymarket pUSD collateral less open BUY orders. */
  available: DecimalString.nullable(),
  /**
   * Polymarket: what the exchange contracts may draw from the wallet (the smallest ERC-20
   * allowance to them); "unlimited" for the maximum approval. Absent where the venue has none.
   */
  allowance: z.union([DecimalString, z.literal('unlimited')]).nullable().optional(),
  /** Kalshi `portfolio_value`: what the positions are worth, when the venue says. */
  portfolioValue: DecimalString.nullable().optional(),
  source: z.enum(['venue', 'paper']),
  /** When it was last read successfully. */
  readAt: Timestamp.nullable(),
  /** Older than the polling cadence allows, or the last read failed: shown as stale. */
  stale: z.boolean(),
  /** Why the last read failed, when it did. */
  error: z.string().nullable(),
});
export type VenueBalance = z.infer<typeof VenueBalanceSchema>;

/** The confirmation's view of cash: what each venue holds against what this basket needs. */
export const BalanceCheckSchema = z.object({
  /** The largest size the balances pay for, fees included (null: a balance is unknown). */
  maxSize: z.number().int().nonnegative().nullable(),
  /** The venue whose cash limits the size below the target, when one does. */
  limitedBy: VenueIdSchema.nullable(),
  byVenue: z.array(
    z.object({
      venue: VenueIdSchema,
      /** Spendable now (the smaller of balance and allowance); null: unknown. */
      spendable: DecimalString.nullable(),
      /** What this size needs on the venue at the legs' limit prices, fees included. */
      needed: DecimalString,
      enough: z.boolean().nullable(),
    }),
  ),
});
export type BalanceCheck = z.infer<typeof BalanceCheckSchema>;

/** Paper trading's starting cash per venue, dollars: at most $1,000,000,000, cents at most. */
export const PaperBalancesSchema = z.record(
  VenueIdSchema,
  z
    .string()
    .regex(/^\d{1,10}(\.\d{1,2})?$/, 'expected dollars such as "10000" or "2500.50"')
    .refine((s) => Number(s) <= 1_000_000_000, 'at most $1,000,000,000'),
);
export type PaperBalances = z.infer<typeof PaperBalancesSchema>;
