// The `Venue` contribution point (DESIGN.md "Extension-host pattern"; docs/architecture.md). A
// venue is one folder under src/engine/venues/ whose contribution object is listed in one line of
// the registration list (src/engine/venues/index.ts). Everything venue-specific reaches the engine
// through it; the generic layers (books, scanner, fees, live, universe, host, renderer) look a
// venue's part up by id and never branch on one.
//
// What must be cheap to load is data and small functions (manifest, decoder, fee model, scenario
// adapter, order rules). The connector, with its SDKs, loads only when `connect` is called.
import type { VenueEnvironment } from '../../shared/contract';
import type { MarketRef, Outcome, VenueId } from '../../shared/ids';
import type { Qty } from '../../shared/units';
import type { BookStore, BookUpdate } from '../books/bookStore';
import type { BookLevels, BookShape } from '../books/marketBook';
import type { WireMessage, WireMessageReader } from '../books/wireDecoder';
import type { FeeModel, FeeTakenIn, MarketFees } from '../fees/feeModel';
import type { Clock } from '../platform/clock';
import type { SpecInput } from '../specs/model';
import type { VenueConnection } from './connection';
import type { VenueJurisdiction } from '../../shared/jurisdiction';
import type { FeeParams, MarketInfo, OrderShape, Venue } from './venue';

/** A keychain entry a venue needs to trade. Its name is `<venue id>.<key>`, e.g. "kalshi.keyId". */
export interface VenueSecret {
  readonly key: string;
  /** What the Settings pane calls it. */
  readonly label: string;
  /** A PEM or other multi-line value. */
  readonly multiline?: boolean;
}

/** One environment a venue offers: production first. The simulator's endpoints come from `arbdesk sim`. */
export interface VenueEnvironmentSpec {
  readonly id: VenueEnvironment;
  /** The real venue's endpoints in this environment; absent for the simulator. */
  readonly endpoints?: Readonly<Record<string, string | number>>;
}

/** How the trader's screen and messages speak of the venue. */
export interface VenueLabels {
  /** One or two letters for chips ("K"). */
  readonly shortName: string;
  /** The chip colour (#rrggbb). */
  readonly color: string;
  /** The venue's word for an immediate order that cancels what does not fill ("IOC", "FAK"). */
  readonly immediateOrder: string;
  /** "Why this pays" for one of its exclusive sets ("A Kalshi event whose markets are mutually exclusive"). */
  readonly exclusiveSetBasis: string;
  /** "Why this pays" for an implication along one of its strike ladders, when it lists ladders. */
  readonly ladderBasis?: string;
  /** What its series ids are in the watchlist ("series ticker", "event slug"). */
  readonly seriesTerm: string;
}

/** The single source of every list that names venues: ids, names, secrets, environments, labels. */
export interface VenueManifest {
  /** Lower-case letters, digits and dashes; the prefix of its market references (`<id>:<market>`). */
  readonly id: VenueId;
  readonly name: string;
  /** In the order the Settings pane shows them. Trading needs all of them. */
  readonly secrets: readonly VenueSecret[];
  readonly environments: readonly VenueEnvironmentSpec[];
  /** Hosts of the venue's own website the UI may open (settlement source links). */
  readonly webHosts: readonly string[];
  readonly labels: VenueLabels;
  /** Who may trade it (jurisdiction.ts); absent: anyone. The setting `traderJurisdiction` gates it. */
  readonly jurisdiction?: VenueJurisdiction;
  /** With a jurisdiction: what a trader choosing where they trade must know of it (Settings → Where you trade). */
  readonly jurisdictionNote?: string;
}

/** A market that resolved, as the venue's own data says. */
export interface Resolution {
  venue: VenueId;
  market: MarketRef;
  result: Outcome;
  settledAt: number;
  /** Where it was read ("kalshi market_lifecycle_v2"), for the ledger's audit trail. */
  source: string;
}

/**
 * A venue's one wire decoder, bound to one book store: it indexes the store's books of its venue
 * its own way, keeps the venue's sequence state, and applies raw market-data messages exactly as
 * the venue sent them — for the live pump and for `arbdesk replay` alike. Never throws.
 */
export interface MarketDataDecoder {
  /**
   * One raw message. `sequenceChecked`: the live feed has already checked the venue's sequence
   * numbers and invalidated what a gap broke (MarketFeed.checksSequence), so the decoder does not
   * track them a second time; replay passes false.
   */
  apply(message: unknown, now: number, sequenceChecked: boolean): BookUpdate;
  /** Resolutions the message carries (the venue's settlement reader); none for most messages. */
  resolutions(message: unknown, now: number): readonly Resolution[];
  /** A new connection of a feed that does not check sequences itself: its numbering starts afresh. */
  resetSession?(): void;
  /**
   * A message the venue's byte reader (MarketDataContribution.wire) read straight from its bytes:
   * the same update as `apply` on the parsed message, or null to decline (nothing was applied;
   * the caller parses the message and calls `apply`).
   */
  applyWire?(message: WireMessage, now: number, sequenceChecked: boolean): BookUpdate | null;
}

export interface MarketDataContribution {
  /** How the venue publishes a market's book. */
  readonly shape: BookShape;
  /** A decoder bound to `store` (it hears of every book the store adds: BookStore.onDidAdd). */
  decoder(store: BookStore): MarketDataDecoder;
  /**
   * The venue's byte-level fast path, when it has one: a reader of its commonest messages straight
   * from their bytes (books/wireDecoder.ts), whose records its decoder's `applyWire` applies.
   */
  wire?(): WireMessageReader;
}

export interface FeeContribution {
  /**
   * The fee models a listing's published fee parameters give at `now`, or why the market cannot
   * be priced (it is then not traded). `takenIn`: how the venue was seen to take a BUY's fee.
   */
  models(params: FeeParams, now: number, takenIn: FeeTakenIn): MarketFees | string;
  /**
   * The venue may take a BUY's taker fee in shares rather than in its cash (named: "pUSD"),
   * settled from the wallet by the live fee service (execution/feeCollection.ts). Absent: always cash.
   */
  readonly buyFeeMayBeTakenInShares?: { readonly cash: string };
}

/** A market of this venue in the scenario files of `arbdesk scan` / `replay` (formats.md §2). */
export interface ScenarioMarket {
  readonly fee: FeeModel;
  /** `token_pair` venues: the outcome tokens. */
  readonly tokens?: { readonly yes: string; readonly no: string };
  readonly levels: BookLevels;
}

export interface ScenarioAdapter {
  /**
   * Reads the venue-specific fields of one scenario market (its fee parameters and book); throws
   * ScenarioError (scenarioFields.ts) naming the field, e.g. `markets[1].orderbook_fp.yes_dollars[0][0]`.
   */
  read(raw: Readonly<Record<string, unknown>>, field: string): ScenarioMarket;
  /**
   * The same fields as a recording writes them: the fee models in force at `now` and the book the
   * market had (null: unknown, written empty). Null when the market cannot be priced.
   */
  write(info: MarketInfo, levels: BookLevels | null, now: number): Record<string, unknown> | null;
}

/** What the venue refuses of an order before matching, checked locally (paper refuses it too). */
export interface OrderRules {
  problem(order: OrderShape, market: MarketInfo): string | null;
  /** The smallest step of an order's size in this market (0.01 contracts). */
  lot(market: Pick<MarketInfo, 'minOrderSize'>): Qty;
  /** Paper orders trade whole contracts only (the venue's default lot). */
  readonly wholeContracts: boolean;
}

/** Reads the venue's own market JSON, as its API returns it, into the contract-spec parser's input. */
export interface ContractSpecReader {
  /** Whether the JSON is one of this venue's markets. */
  recognises(json: Record<string, unknown>): boolean;
  /** Its spec input; throws SpecInputError (specs/model.ts) naming the field when it cannot be read. */
  read(json: Record<string, unknown>): SpecInput;
}

/** What a connector is given besides its connection. */
export interface VenueContext {
  clock: Clock;
  /** Diagnostics (stderr under serve); never given secrets. */
  log: (message: string) => void;
}

/** The outcome of checking a key before it is stored; the message never echoes the key. */
export interface SecretValidation {
  ok: boolean;
  message: string;
}

export interface VenueContribution {
  readonly manifest: VenueManifest;
  readonly marketData: MarketDataContribution;
  readonly fees: FeeContribution;
  readonly scenario: ScenarioAdapter;
  readonly orders: OrderRules;
  /** Checks a key (by its VenueSecret.key) before it is stored: loads what it needs to. */
  validateSecret(key: string, value: string): Promise<SecretValidation>;
  /** The canonical stored form of a key (trimmed; a wallet key 0x-prefixed). */
  normaliseSecret?(key: string, value: string): string;
  /** The built-in simulator's endpoints and test keys for this venue, from what `arbdesk sim` prints; null: not simulated. */
  simulatorConnection?(printed: unknown): { endpoints: Readonly<Record<string, string | number>>; secrets: Readonly<Record<string, string>> } | null;
  /** Its contract-spec reader of market files (`arbdesk spec`, `relate`), loaded when asked for. */
  contractSpec?(): Promise<ContractSpecReader>;
  /** Builds the live connector (discovery, feed, trading); its SDKs load only now. */
  connect(connection: VenueConnection, context: VenueContext): Promise<Venue>;
}

/** `<venue>.<key>`: the keychain entry and contract name of a venue secret. */
export function secretName(venue: VenueId, key: string): string {
  return `${venue}.${key}`;
}
