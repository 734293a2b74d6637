import { z } from 'zod';
import { isVenueId, OUTCOMES, VENUE_ID_PATTERN } from '../ids';

/** Money, prices and sizes travel as exact decimal strings; never as binary floats. */
export const DecimalString = z.string().regex(/^-?\d{1,15}(\.\d{1,12})?$/, 'expected a decimal string such as "12.34"');
export const PositiveDecimalString = DecimalString.refine((s) => !s.startsWith('-') && /[1-9]/.test(s), 'must be greater than zero');

/**
 * A venue the engine runs (registered with the contract by the engine's registration list; any
 * well-formed id in a process that registers none, such as the renderer).
 */
export const VenueIdSchema = z
  .string()
  .regex(VENUE_ID_PATTERN, 'expected a venue id (lower-case letters, digits and dashes)')
  .refine((id) => isVenueId(id), { message: 'unknown venue' });
export const OutcomeSchema = z.enum(OUTCOMES);
/** `venue:id`, the venue's own market id after the colon. */
export const MarketRefSchema = z
  .string()
  .max(200)
  .regex(/^[a-z][a-z0-9-]{0,31}:[^\s:][^\s]*$/, 'expected a market reference such as "venue:TICKER"')
  .refine((ref) => isVenueId(ref.slice(0, ref.indexOf(':'))), { message: 'unknown venue in the market reference' });

export const STRATEGY_IDS = ['single_market', 'cross_venue', 'multi_outcome', 'conditional'] as const;
export const StrategyIdSchema = z.enum(STRATEGY_IDS);
export type StrategyId = z.infer<typeof StrategyIdSchema>;

export const ModeSchema = z.enum(['paper', 'live']);
export type Mode = z.infer<typeof ModeSchema>;

/** Milliseconds since the Unix epoch. */
export const Timestamp = z.number().int().nonnegative();
export const Id = z.string().min(1).max(128);
export const Contracts = z.number().int().positive().max(10_000_000);

/** live: fed and fresh; stale: feed down or silent past the threshold; unknown: never loaded or lost after a gap. */
export const BookHealthSchema = z.enum(['live', 'stale', 'unknown']);
export type BookHealth = z.infer<typeof BookHealthSchema>;
