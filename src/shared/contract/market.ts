import { z } from 'zod';
import { MarketNameSchema, SettlementSourceSchema } from './explain';
import { isVenueId } from '../ids';
import { ContractSpecSchema, RelationSchema, SpecComparisonSchema, SpecFieldSchema } from './spec';
import { BookHealthSchema, DecimalString, Id, MarketRefSchema, Timestamp, VenueIdSchema } from './primitives';
import { VenueBalanceSchema } from './balance';

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

/** Live fills' fees this session: the engine's model against what the venue charged. */
export const VenueFeesSchema = z.object({
  fills: z.number().int().nonnegative(),
  modelled: DecimalString,
  charged: DecimalString,
  mismatches: z.number().int().nonnegative(),
  lastMismatch: z.string().nullable(),
  /** How BUY fees are taken on a venue that may take them in shares, once the wallet showed it. */
  takenIn: z.enum(['collateral', 'shares']).nullable().optional(),
});
export type VenueFees = z.infer<typeof VenueFeesSchema>;

export const VenueStatusSchema = z.object({
  venue: VenueIdSchema,
  name: z.string(),
  /** Where the venue runs now: the selected environment, or the simulator while its keys are absent. */
  environment: VenueEnvironmentSchema,
  /** What the trader selected (setVenueEnvironment); production by default. */
  selectedEnvironment: VenueEnvironmentSchema,
  /** The environments this venue offers. */
  environments: z.array(VenueEnvironmentSchema),
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
  fees: VenueFeesSchema.optional(),
  /** Cash on the venue in the current mode (src/engine/execution/balances.ts). */
  balance: VenueBalanceSchema.optional(),
});
export type VenueStatus = z.infer<typeof VenueStatusSchema>;

export const LinkSideSchema = z.object({
  market: MarketRefSchema,
  venue: VenueIdSchema,
  /** The venue's own wording. */
  title: z.string(),
  rules: z.string(),
  closeTime: Timestamp.nullable(),
  /** The human name (as in the table), when the market is listed now. */
  name: z.string().optional(),
  label: MarketNameSchema.optional(),
  /** The sources the venue names for settling it. */
  sources: z.array(SettlementSourceSchema).optional(),
  /** Its contract spec, field by field (src/engine/specs), while the market is listed. */
  spec: ContractSpecSchema.optional(),
});
export type LinkSide = z.infer<typeof LinkSideSchema>;
/** suspended: confirmed, but a market's terms changed since; not traded until confirmed again. */
export const LinkStatusSchema = z.enum(['suggested', 'confirmed', 'suspended', 'rejected']);
export type LinkStatus = z.infer<typeof LinkStatusSchema>;
/** The relations a link can be confirmed as (side a is its first side, side b its second: link order). */
export const LinkRelationSchema = z.enum(['identical', 'complementary', 'implies_a_to_b', 'implies_b_to_a']);
export type LinkRelation = z.infer<typeof LinkRelationSchema>;
export const LinkOverrideSchema = z.object({
  /** In the trader's words: why the differing fields do not matter for this pair. */
  reason: z.string(),
  /** The known fields that differed when it was confirmed. */
  fields: z.array(SpecFieldSchema),
  at: Timestamp,
});
export const LinkSuspensionSchema = z.object({
  since: Timestamp,
  /** What changed, in words: "Polymarket rules text changed", "Kalshi close time moved …". */
  changes: z.array(z.string()).min(1),
});
export const MarketLinkSchema = z.object({
  id: Id,
  /** The two markets, ordered by venue id: the link's id is made from them in this order. */
  sides: z.tuple([LinkSideSchema, LinkSideSchema]),
  /** 0…1: how well titles, dates, strikes and outcomes match. */
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()),
  status: LinkStatusSchema,
  decidedAt: Timestamp.nullable(),
  /**
   * Only when both venues run on the built-in simulator: whether the simulated world holds these
   * two markets to be the same proposition. A review aid for demos; the trader still confirms.
   */
  simulatorTruth: z.enum(['equivalent', 'different']).nullable().optional(),
  /** Confirmed or suspended: the relation the trader confirmed; otherwise what the specs support. */
  relation: RelationSchema,
  /** The two specs compared field by field now. */
  comparison: SpecComparisonSchema,
  /** Known fields that contradict `relation`: confirming it needs an override naming them. */
  conflicts: z.array(SpecFieldSchema),
  override: LinkOverrideSchema.nullable(),
  suspension: LinkSuspensionSchema.nullable(),
});
export type MarketLink = z.infer<typeof MarketLinkSchema>;
/**
 * A change to the links list: links new or changed since the last push (whole, as listed), and the
 * ids of links gone. A long change arrives as several of these (the window applies each in its own
 * task), so thousands of links never cross as one message.
 */
export const LinksDeltaSchema = z.object({
  upserts: z.array(MarketLinkSchema),
  removed: z.array(Id),
});
export type LinksDelta = z.infer<typeof LinksDeltaSchema>;
/** One page of the links list, by id: those after `after`; `next` is the cursor of the next page, null after the last. */
export const LinksPageSchema = z.object({
  links: z.array(MarketLinkSchema),
  next: Id.nullable(),
});
export type LinksPage = z.infer<typeof LinksPageSchema>;

/**
 * Which markets the engine streams and scans: those in a listed category or series. Both empty:
 * every market the venues list. Series are `venue:seriesId` (each venue says what its series ids
 * are: VenueManifestView.seriesTerm).
 */
export const WatchlistSchema = z.strictObject({
  categories: z.array(z.string().min(1).max(100)).max(200),
  series: z
    .array(
      z
        .string()
        .min(1)
        .max(200)
        .regex(/^[a-z][a-z0-9-]{0,31}:\S+$/, 'expected a series such as "venue:SERIES"')
        .refine((s) => isVenueId(s.slice(0, s.indexOf(':'))), { message: 'unknown venue in the series' }),
    )
    .max(5000),
});
export type Watchlist = z.infer<typeof WatchlistSchema>;

export const CatalogCategorySchema = z.object({
  name: z.string(),
  venues: z.array(VenueIdSchema),
  /** Open markets listed in this category, across venues. */
  markets: z.number().int().nonnegative(),
  watched: z.boolean(),
});
export const CatalogSeriesSchema = z.object({
  /** `venue:seriesId`, as used in the watchlist. */
  id: z.string(),
  venue: VenueIdSchema,
  title: z.string(),
  category: z.string(),
  markets: z.number().int().nonnegative(),
  watched: z.boolean(),
});
/** What the venues list (from the latest discovery), and what of it is watched. */
export const CatalogSchema = z.object({
  categories: z.array(CatalogCategorySchema),
  series: z.array(CatalogSeriesSchema),
  watchlist: WatchlistSchema,
  marketsListed: z.number().int().nonnegative(),
  marketsWatched: z.number().int().nonnegative(),
  /** When each venue's market list was last refreshed (null: never, or only from the cache). */
  refreshedAt: z.record(VenueIdSchema, Timestamp.nullable()),
});
export type Catalog = z.infer<typeof CatalogSchema>;

/** What the trader's screen knows of a registered venue: its manifest (src/engine/venues/contribution.ts). */
export const VenueManifestViewSchema = z.object({
  venue: VenueIdSchema,
  name: z.string(),
  /** One or two letters for chips. */
  shortName: z.string(),
  /** The chip colour. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** The venue's word for an immediate order that cancels what does not fill ("IOC", "FAK"). */
  immediateOrder: z.string(),
  /** What its series ids are in the watchlist. */
  seriesTerm: z.string(),
  environments: z.array(VenueEnvironmentSchema),
  /** Its keychain entries, in the order the Settings pane shows them; trading needs all of them. */
  secrets: z.array(z.object({ name: z.string(), label: z.string(), multiline: z.boolean() })),
  /** Hosts of its website the UI may open. */
  webHosts: z.array(z.string()),
  /** Who may trade it (`us`: US residents only; `non_us`: not US persons); absent: anyone. */
  jurisdiction: z.enum(['us', 'non_us']).optional(),
  /** What a trader choosing where they trade must know of it. */
  jurisdictionNote: z.string().optional(),
});
export type VenueManifestView = z.infer<typeof VenueManifestViewSchema>;
