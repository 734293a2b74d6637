import { z } from 'zod';
import { Timestamp, VenueIdSchema } from './primitives';

export const ActivityKindSchema = z.enum([
  'order', 'fill', 'reject', 'cancel', 'execution', 'trip', 'kill_switch', 'rearm', 'reconnect', 'venue',
  'settlement', 'link', 'mode', 'limits', 'secret', 'info', 'error',
]);
export type ActivityKind = z.infer<typeof ActivityKindSchema>;

export const ActivityEntrySchema = z.object({
  id: z.number().int().nonnegative(),
  at: Timestamp,
  kind: ActivityKindSchema,
  level: z.enum(['info', 'warn', 'error']),
  venue: VenueIdSchema.nullable(),
  message: z.string(),
  /** Related id: an execution, an order's client id, a link. */
  ref: z.string().nullable(),
});
export type ActivityEntry = z.infer<typeof ActivityEntrySchema>;

export const SessionStatsSchema = z.object({
  since: Timestamp,
  opportunitiesSeen: z.number().int().nonnegative(),
  executions: z.number().int().nonnegative(),
  fills: z.number().int().nonnegative(),
  /** Filled legs over legs sent; null before the first execution. */
  fillRate: z.number().min(0).max(1).nullable(),
  pnlToday: z.string(),
  trips: z.number().int().nonnegative(),
});
export type SessionStats = z.infer<typeof SessionStatsSchema>;
