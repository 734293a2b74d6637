import { z } from 'zod';
import { BookHealthSchema, DecimalString, Id, MarketRefSchema, Timestamp, VenueIdSchema } from './primitives';

/** [price, size], both decimal strings. */
export const BookLevelSchema = z.tuple([DecimalString, DecimalString]);
export const OutcomeBookSchema = z.object({
  /** Best first. */
  bids: z.array(BookLevelSchema),
  /** Best (cheapest) first. */
  asks: z.array(BookLevelSchema),
});
export const BookViewSchema = z.object({
  market: MarketRefSchema,
  venue: VenueIdSchema,
  title: z.string(),
  health: BookHealthSchema,
  updatedAt: Timestamp.nullable(),
  yes: OutcomeBookSchema,
  no: OutcomeBookSchema,
});
export type BookView = z.infer<typeof BookViewSchema>;

export const VenueEnvironmentSchema = z.enum(['simulator', 'demo', 'production']);
export type VenueEnvironment = z.infer<typeof VenueEnvironmentSchema>;
export const ConnectionStateSchema = z.enum(['connected', 'connecting', 'reconnecting', 'down', 'disabled']);

export const VenueStatusSchema = z.object({
  venue: VenueIdSchema,
  name: z.string(),
  environment: VenueEnvironmentSchema,
  connection: ConnectionStateSchema,
  /** Market-data messages per second over the last few seconds. */
  messageRate: z.number().nonnegative(),
  lastMessageAgeMs: z.number().nonnegative().nullable(),
  /** Venue timestamp to local receipt, when the venue stamps its messages. */
  lagMs: z.number().nullable(),
  markets: z.number().int().nonnegative(),
  staleBooks: z.number().int().nonnegative(),
  unknownBooks: z.number().int().nonnegative(),
  keysSet: z.boolean(),
  detail: z.string().nullable(),
});
export type VenueStatus = z.infer<typeof VenueStatusSchema>;

export const LinkSideSchema = z.object({
  market: MarketRefSchema,
  title: z.string(),
  rules: z.string(),
  closeTime: Timestamp.nullable(),
});
export const LinkStatusSchema = z.enum(['suggested', 'confirmed', 'rejected']);
export const MarketLinkSchema = z.object({
  id: Id,
  kalshi: LinkSideSchema,
  polymarket: LinkSideSchema,
  /** 0…1: how well titles, dates, strikes and outcomes match. */
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()),
  status: LinkStatusSchema,
  decidedAt: Timestamp.nullable(),
});
export type MarketLink = z.infer<typeof MarketLinkSchema>;
