import { z } from 'zod';
import { DecimalString, Id, MarketRefSchema, OutcomeSchema, StrategyIdSchema, Timestamp, VenueIdSchema } from './primitives';
import { ContractSpecSchema, SpecComparisonSchema } from './spec';

/**
 * How a market is named on screen, in parts, so a narrow view can keep what tells markets apart
 * (the term) and shorten what they share (the subject).
 */
export const MarketNameSchema = z.object({
  /** What the market is about, shared by its group: "Highest temperature in Brightwater". */
  subject: z.string(),
  /** What tells it apart inside its group: a strike, threshold or outcome ("≥ 88°", "Cut 25bps"); null for a lone question. */
  term: z.string().nullable(),
  /** The market's day, short ("Sep 12 '31"); null when unknown. */
  date: z.string().nullable(),
});
export type MarketName = z.infer<typeof MarketNameSchema>;

/** An official source a venue names for settling a market (Kalshi series `settlement_sources`, Polymarket `resolutionSource`). */
export const SettlementSourceSchema = z.object({ name: z.string(), url: z.string().nullable() });
export type SettlementSource = z.infer<typeof SettlementSourceSchema>;

/** What the trader needs to judge a market: its name, the venue's own wording, rules, sources and close time. */
export const MarketFactsSchema = z.object({
  market: MarketRefSchema,
  venue: VenueIdSchema,
  /** The human name, as shown everywhere ("Highest temperature in Brightwater ≥ 88° · Sep 12 '31"). */
  name: z.string(),
  label: MarketNameSchema,
  /** The venue's own wording of the question. */
  title: z.string(),
  eventTitle: z.string(),
  rules: z.string(),
  sources: z.array(SettlementSourceSchema),
  /** When trading stops (UTC ms); the venue settles after it. */
  closeTime: Timestamp.nullable(),
  /** Where the venue runs now: production, Kalshi's demo, or the built-in simulator. */
  environment: z.enum(['simulator', 'demo', 'production']).nullable(),
  /** Its contract spec, field by field, while it is listed. */
  spec: ContractSpecSchema.optional(),
});
export type MarketFacts = z.infer<typeof MarketFactsSchema>;

export const BasketRelationKindSchema = z.enum(['same_market', 'confirmed_link', 'implication', 'exclusive_set']);

/** What a basket relies on to pay whatever happens. */
export const BasketRelationSchema = z.object({
  kind: BasketRelationKindSchema,
  /** One sentence for people: "You confirmed that these two markets settle the same way". */
  summary: z.string(),
  /** Where the relation comes from: the trader's confirmation, Kalshi's strikes, a venue's exclusive event. */
  basis: z.string(),
  /** confirmed_link: the link and when it was confirmed. */
  linkId: Id.nullable(),
  decidedAt: Timestamp.nullable(),
  /** exclusive_set: exactly one member must win (else none may). */
  exhaustive: z.boolean().nullable(),
  /** False when the engine no longer holds the relation (a link rejected or suspended since, a set no longer listed). */
  current: z.boolean(),
  /** confirmed_link: the two markets' specs compared now, and an override the trader gave when confirming. */
  comparison: SpecComparisonSchema.nullable().optional(),
  override: z.object({ reason: z.string(), fields: z.array(z.string()) }).nullable().optional(),
});
export type BasketRelation = z.infer<typeof BasketRelationSchema>;

/** One way the world can turn out, and what one basket (one contract per leg) pays then. */
export const PayoffRowSchema = z.object({
  outcome: z.string(),
  /** Per leg, in leg order: whether that leg pays $1 per contract in this outcome. */
  legsPaying: z.array(z.boolean()),
  payoutPerBasket: DecimalString,
});

export const BasketLegRefSchema = z.strictObject({ market: MarketRefSchema, outcome: OutcomeSchema });

/** "Why this pays": the relation, the payoff in every possible outcome, and each leg's market facts. */
export const BasketExplanationSchema = z.object({
  strategy: StrategyIdSchema,
  relation: BasketRelationSchema,
  /** Per leg, in leg order. */
  markets: z.array(MarketFactsSchema),
  payoff: z.array(PayoffRowSchema),
  /** The least any outcome pays per basket: the basket's guaranteed payout. */
  minPayoutPerBasket: DecimalString,
  at: Timestamp,
});
export type BasketExplanation = z.infer<typeof BasketExplanationSchema>;

/** The built-in simulator's clock, when a venue runs against it. */
export const SimulatorStateSchema = z.object({
  /** World clock factor: 1 is real time; a demo speed moves prices and opens arbitrage faster. */
  speed: z.number().positive(),
});
export type SimulatorState = z.infer<typeof SimulatorStateSchema>;
