import { z } from 'zod';
import { ActivityEntrySchema, SessionStatsSchema } from './activity';
import { SimulatorStateSchema } from './explain';
import { BookViewSchema, CatalogSchema, LinksDeltaSchema, VenueStatusSchema } from './market';
import { OpportunitiesDeltaSchema } from './opportunity';
import { PositionsViewSchema } from './positions';
import { PreferencesSchema } from './preferences';
import { ModeSchema } from './primitives';
import { BreakerStateSchema, ExecutionProgressSchema, LimitsSchema } from './risk';
import { SecretsStatusSchema } from './secrets';

/** Every event the engine pushes to the UI. */
export const events = {
  opportunities: OpportunitiesDeltaSchema,
  book: BookViewSchema,
  positions: PositionsViewSchema,
  breaker: BreakerStateSchema,
  limits: LimitsSchema,
  venues: z.array(VenueStatusSchema),
  activity: ActivityEntrySchema,
  mode: z.object({ mode: ModeSchema }),
  links: LinksDeltaSchema,
  catalog: CatalogSchema,
  stats: SessionStatsSchema,
  secrets: SecretsStatusSchema,
  execution: ExecutionProgressSchema,
  limitsConfirmedAt: z.object({ at: z.number().int().nonnegative().nullable() }),
  simulator: SimulatorStateSchema.nullable(),
  preferences: PreferencesSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export type ContractEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
