// The spec parser's input as kept in the discovery cache (live/discoveryCache.ts): read back with
// the same shape, or dropped (the market's spec is then read from its plain fields).
import { z } from 'zod';
import { ComparatorSchema, DisputeStateSchema } from '../../shared/contract/spec';

export const SpecInputSchema = z.object({
  venue: z.string(),
  market: z.string(),
  title: z.string(),
  eventTitle: z.string(),
  outcomeLabel: z.string(),
  rules: z.array(z.object({ field: z.string(), text: z.string() })),
  strike: z.object({ comparator: ComparatorSchema.nullable(), values: z.array(z.string()), field: z.string() }).nullable(),
  sources: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
  closeTime: z.number().nullable(),
  resolveBy: z.number().nullable(),
  resolveByField: z.string().nullable(),
  status: z.string(),
  dispute: DisputeStateSchema.nullable(),
  earlyClose: z.string().nullable(),
});
