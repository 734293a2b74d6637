import { z } from 'zod';
import { ActivityEntrySchema, SessionStatsSchema } from './activity';
import { CatalogSchema, MarketLinkSchema, VenueManifestViewSchema, VenueStatusSchema } from './market';
import { OpportunitySchema } from './opportunity';
import { PositionsViewSchema } from './positions';
import { PreferencesSchema } from './preferences';
import { ModeSchema, Timestamp } from './primitives';
import { SimulatorStateSchema } from './explain';
import { BreakerStateSchema, LimitsSchema } from './risk';
import { SecretsStatusSchema } from './secrets';

export const PROTOCOL_VERSION = 1;

export const AppStateSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  engine: z.object({
    version: z.string(),
    startedAt: Timestamp,
    host: z.enum(['electron', 'serve']),
    now: Timestamp,
  }),
  mode: ModeSchema,
  /** Every registered venue, in registration order: names, labels, environments, keys. */
  venueManifests: z.array(VenueManifestViewSchema),
  venues: z.array(VenueStatusSchema),
  breaker: BreakerStateSchema,
  limits: LimitsSchema,
  /** When the trader last saved the limits (live trading needs it); null: never. */
  limitsConfirmedAt: Timestamp.nullable().optional(),
  opportunities: z.array(OpportunitySchema),
  positions: PositionsViewSchema,
  /** Most recent first, bounded. */
  activity: z.array(ActivityEntrySchema),
  links: z.array(MarketLinkSchema),
  /** Categories and series the venues list, and the watchlist. */
  catalog: CatalogSchema,
  stats: SessionStatsSchema,
  secrets: SecretsStatusSchema,
  /** The built-in simulator's clock, while a venue runs against it; null otherwise. */
  simulator: SimulatorStateSchema.nullable().optional(),
  /** The minimum return per year (the filter's default and the alert threshold). */
  preferences: PreferencesSchema.optional(),
});
export type AppState = z.infer<typeof AppStateSchema>;
