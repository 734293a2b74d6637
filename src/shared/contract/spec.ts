import { z } from 'zod';

// A contract spec: what one market pays on, field by field, as the venue's own fields and rules
// text state it (src/engine/specs). A field the parser cannot read is "unknown", never guessed;
// "n/a" where the field does not apply (a named-outcome market has no threshold).

export const UNKNOWN = 'unknown' as const;
export const NOT_APPLICABLE = 'n/a' as const;
const Unknown = z.literal(UNKNOWN);
const NotApplicable = z.literal(NOT_APPLICABLE);

export const COMPARATORS = ['>', '>=', '<', '<=', 'between', 'exactly'] as const;
export const ComparatorSchema = z.enum(COMPARATORS);
export type Comparator = z.infer<typeof ComparatorSchema>;

export const ThresholdSchema = z.object({
  /** One value, or two for `between` (low, high); exact decimal text as the venue wrote it. */
  values: z.array(z.string().regex(/^-?\d+(\.\d+)?$/)).min(1).max(2),
  /** USD, °F, °C, %, bps, in; null for a unitless index level. */
  unit: z.string().nullable(),
});
export type Threshold = z.infer<typeof ThresholdSchema>;

/**
 * instant: one observation at `time`; day: a calendar day (`date`) in `timezone`; period: any time
 * from `start` (null: from listing) until `time` — a touch of a level, or an event by a deadline.
 */
export const WindowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('instant') }),
  z.object({ kind: z.literal('day'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ kind: z.literal('period'), start: z.string().nullable() }),
]);
export type SpecWindow = z.infer<typeof WindowSchema>;

export const SpecSourceSchema = z.object({
  kind: z.enum(['index', 'exchange', 'oracle', 'agency', 'station', 'media', 'other']),
  /** Canonical id compared across venues: "cfbenchmarks:BRTI", "binance:BTC/USDT", "wunderground:KLGA". */
  id: z.string(),
  name: z.string(),
});
export type SpecSource = z.infer<typeof SpecSourceSchema>;

export const DISPUTE_STATES = ['none', 'proposed', 'disputed', 'resolved'] as const;
export const DisputeStateSchema = z.enum(DISPUTE_STATES);
export type DisputeState = z.infer<typeof DisputeStateSchema>;

/** The fields two specs are compared on, in the order they are shown. */
export const SPEC_FIELDS = ['subject', 'measure', 'comparator', 'threshold', 'time', 'timezone', 'window', 'source', 'void_rules'] as const;
export const SpecFieldSchema = z.enum(SPEC_FIELDS);
export type SpecField = z.infer<typeof SpecFieldSchema>;

export const ContractSpecSchema = z.object({
  venue: z.string(),
  market: z.string(),
  title: z.string(),
  /** What is measured or decided: "Bitcoin price", "Highest temperature · New York City", "2028 Republican presidential nomination — J.D. Vance". */
  subject: z.union([z.string(), Unknown]),
  /** How it is read: "60-second average", "1-minute candle close", "daily maximum"… */
  measure: z.union([z.string(), Unknown, NotApplicable]),
  comparator: z.union([ComparatorSchema, Unknown, NotApplicable]),
  threshold: z.union([ThresholdSchema, Unknown, NotApplicable]),
  /**
   * The observation instant, or the end of the window: an ISO instant, or a bare date when no time
   * of day is stated; n/a when the subject names its own period (a CPI month, an FOMC meeting).
   */
  time: z.union([z.string(), Unknown, NotApplicable]),
  /** The IANA zone the rules state times in ("America/New_York", "UTC"). */
  timezone: z.union([z.string(), Unknown, NotApplicable]),
  window: z.union([WindowSchema, Unknown]),
  source: z.union([SpecSourceSchema, Unknown]),
  /** What the rules say happens when the event cannot be read: "resolves 50-50", "no data → No"… ([] : the rules state none). */
  void_rules: z.union([z.array(z.string()), Unknown]),
  close_time: z.union([z.string(), Unknown]),
  /** When the venue expects to have resolved it: capital is locked until then. */
  resolve_by: z.union([z.string(), Unknown]),
  /** The venue's own status word. */
  status: z.string(),
  /** Where a resolution can be disputed (Polymarket's UMA, Kalshi's disputed status). */
  dispute: z.union([DisputeStateSchema, Unknown]),
  /** When the venue may close it before `close_time`, as it states it; null: not stated. */
  early_close: z.string().nullable(),
  /** Per field, the words (or venue field) it was read from. */
  evidence: z.record(z.string(), z.string()),
});
export type ContractSpec = z.infer<typeof ContractSpecSchema>;

export const RELATIONS = ['identical', 'complementary', 'implies_a_to_b', 'implies_b_to_a', 'different', 'unknown'] as const;
export const RelationSchema = z.enum(RELATIONS);
export type Relation = z.infer<typeof RelationSchema>;

/** What `arbdesk relate` prints, and what every cross-venue link carries. */
export const SpecComparisonSchema = z.object({
  relation: RelationSchema,
  /** Fields known on both sides whose values differ. */
  differing: z.array(SpecFieldSchema),
  /** Fields the parser could not read on at least one side. */
  unknown: z.array(SpecFieldSchema),
});
export type SpecComparison = z.infer<typeof SpecComparisonSchema>;
