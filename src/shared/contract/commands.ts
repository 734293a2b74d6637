import { z } from 'zod';
import { ActivityEntrySchema, ActivityKindSchema } from './activity';
import { BasketExplanationSchema, BasketLegRefSchema, SimulatorStateSchema } from './explain';
import { BookViewSchema, CatalogSchema, LinkRelationSchema, LinksPageSchema, MarketLinkSchema, VenueEnvironmentSchema, VenueStatusSchema, WatchlistSchema } from './market';
import { MetricsSchema } from './metrics';
import { AnalysisSchema, OpportunitySchema } from './opportunity';
import { PositionsViewSchema } from './positions';
import { MinAnnualisedReturnSchema, PreferencesSchema, TraderJurisdictionSchema } from './preferences';
import { Contracts, DecimalString, Id, MarketRefSchema, ModeSchema, StrategyIdSchema, VenueIdSchema } from './primitives';
import { BreakerStateSchema, ExecutionResultSchema, KillSwitchResultSchema, LimitsSchema } from './risk';
import { SecretNameSchema } from './secrets';
import { AppStateSchema } from './state';
import { PaperBalancesSchema } from './balance';

const Empty = z.strictObject({});

/**
 * Every command the UI can send: request schema (checked by the host on receipt) and response
 * schema (checked by the UI on receipt). Requests are strict: an unknown field is an error.
 */
export const commands = {
  /**
   * Everything the window shows. linksInPages: the links list is left out (empty) — thousands of
   * links are one message too large for the window to take in one task — and read with getLinks.
   */
  getState: { request: z.strictObject({ linksInPages: z.boolean().optional() }), response: AppStateSchema },
  /** The links list in pages, by id: up to `limit` links with ids after `after` (null: from the first). */
  getLinks: {
    request: z.strictObject({ after: Id.nullable(), limit: z.number().int().min(1).max(1000) }),
    response: LinksPageSchema,
  },
  execute: {
    request: z.strictObject({ opportunityId: Id, size: Contracts.optional() }),
    response: ExecutionResultSchema,
  },
  analyze: {
    request: z.strictObject({ opportunityId: Id, targetSize: Contracts }),
    response: AnalysisSchema,
  },
  /** Re-runs the unwind policy (complete or flatten) on a basket left unequal, e.g. after a restart. */
  unwindBasket: {
    request: z.strictObject({ basketId: Id }),
    response: ExecutionResultSchema,
  },
  /** The open opportunities, best net profit (or annualised return) first. */
  getOpportunities: {
    request: z.strictObject({
      strategy: StrategyIdSchema.optional(),
      /** Only those netting at least this many dollars. */
      minProfit: DecimalString.optional(),
      /** Only those returning at least this much a year on the capital they lock (a fraction: "0.10" is 10 %). */
      minAnnualisedReturn: DecimalString.optional(),
      /** netProfit (default) or annualisedReturn, best first. */
      sort: z.enum(['netProfit', 'annualisedReturn']).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    response: z.array(OpportunitySchema),
  },
  getPositions: { request: Empty, response: PositionsViewSchema },
  getBreaker: { request: Empty, response: z.object({ breaker: BreakerStateSchema, limits: LimitsSchema }) },
  getMetrics: { request: Empty, response: MetricsSchema },
  killSwitch: { request: Empty, response: KillSwitchResultSchema },
  /**
   * Closes the breaker (and the kill switch). Refused while a basket holds unequal legs, unless
   * each such basket is acknowledged by id: the trader then trades on knowing the exposure.
   */
  rearm: {
    request: z.strictObject({ acknowledgeUnhedged: z.array(Id).max(1000).optional() }),
    response: BreakerStateSchema,
  },
  setLimits: { request: z.strictObject({ limits: LimitsSchema }), response: LimitsSchema },
  setSecret: {
    request: z.strictObject({ name: SecretNameSchema, value: z.string().min(1).max(16_384) }),
    response: z.object({
      name: SecretNameSchema,
      set: z.boolean(),
      /** The result of checking the key (PEM parses and signs; wallet key derives an address). Never the key. */
      validation: z.object({ ok: z.boolean(), message: z.string() }),
    }),
  },
  clearSecret: {
    request: z.strictObject({ name: SecretNameSchema }),
    response: z.object({ name: SecretNameSchema, set: z.boolean() }),
  },
  isSecretSet: {
    request: z.strictObject({ name: SecretNameSchema }),
    response: z.object({ name: SecretNameSchema, set: z.boolean() }),
  },
  setMode: {
    request: z.strictObject({ mode: ModeSchema, confirmation: z.string().max(100).optional() }),
    response: z.object({ mode: ModeSchema }),
  },
  /**
   * Confirms a link (or re-confirms a suspended one) as `relation` (default: what the specs
   * support, else identical). When a known spec field contradicts it, `override.reason` is required
   * and stored with the link.
   */
  confirmLink: {
    request: z.strictObject({
      linkId: Id,
      relation: LinkRelationSchema.optional(),
      override: z.strictObject({ reason: z.string().trim().min(8, 'say why, in at least 8 characters').max(500) }).optional(),
    }),
    response: MarketLinkSchema,
  },
  rejectLink: { request: z.strictObject({ linkId: Id }), response: MarketLinkSchema },
  watchMarket: { request: z.strictObject({ market: MarketRefSchema }), response: BookViewSchema },
  unwatchMarket: {
    request: z.strictObject({ market: MarketRefSchema }),
    response: z.object({ market: MarketRefSchema }),
  },
  /** Chooses the categories and series to stream and scan (both empty: everything). Persisted. */
  setWatchlist: { request: z.strictObject({ watchlist: WatchlistSchema }), response: CatalogSchema },
  /** Selects where a venue runs: production, its demo (Kalshi), or the simulator. Persisted; reconnects the venue. */
  setVenueEnvironment: {
    request: z.strictObject({ venue: VenueIdSchema, environment: VenueEnvironmentSchema }),
    response: VenueStatusSchema,
  },
  /** Why a basket pays: the relation it relies on, the payoff in every outcome, each leg's rules, sources and close time. */
  explainBasket: {
    request: z.strictObject({ strategy: StrategyIdSchema, legs: z.array(BasketLegRefSchema).min(1).max(64) }),
    response: BasketExplanationSchema,
  },
  /** The built-in simulator's world clock (a demo speed); refused unless a venue runs against the simulator. */
  setSimulatorSpeed: {
    request: z.strictObject({ speed: z.number().min(0.25).max(100) }),
    response: SimulatorStateSchema,
  },
  /** The minimum return per year (a fraction; null: none): the opportunities filter's default and the alert threshold. Persisted. */
  setMinAnnualisedReturn: {
    request: z.strictObject({ minAnnualisedReturn: MinAnnualisedReturnSchema.nullable() }),
    response: PreferencesSchema,
  },
  /**
   * Which Polymarket the trader may use (non_us | us | both). Persisted; the venues restricted by
   * the US border restart under it at once. Refused while an execution is running.
   */
  setTraderJurisdiction: {
    request: z.strictObject({ traderJurisdiction: TraderJurisdictionSchema }),
    response: PreferencesSchema,
  },
  /** Sets paper trading's starting cash per venue (persisted); each venue's paper balance moves with it. */
  setPaperBalances: {
    request: z.strictObject({ balances: PaperBalancesSchema }),
    response: z.object({ balances: PaperBalancesSchema }),
  },
  getActivity: {
    request: z.strictObject({
      kinds: z.array(ActivityKindSchema).max(32).optional(),
      venue: VenueIdSchema.optional(),
      limit: z.number().int().min(1).max(5000).optional(),
      /** Only entries with an id below this one (paging back in time). */
      before: z.number().int().positive().optional(),
    }),
    response: z.array(ActivityEntrySchema),
  },
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<C extends CommandName> = z.input<Commands[C]['request']>;
export type CommandPayload<C extends CommandName> = z.output<Commands[C]['request']>;
export type CommandResult<C extends CommandName> = z.output<Commands[C]['response']>;
export const COMMAND_NAMES = Object.keys(commands) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}
