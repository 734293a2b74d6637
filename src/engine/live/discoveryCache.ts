// The last discovery of each venue and environment, kept in the data directory so that at start
// the books come up from the cached market list at once, while a fresh discovery runs.
import path from 'node:path';
import { z } from 'zod';
import { VenueEnvironmentSchema, type VenueEnvironment } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';
import type { Price, Qty } from '../../shared/units';
import { SpecInputSchema } from '../specs/inputSchema';
import type { IDisposable } from '../../shared/lifecycle';
import { LargeJsonWrite, readJsonFile } from '../platform/jsonFile';
import type { Discovery, MarketInfo } from '../venues/venue';

/** A cache older than this is not used: markets listed a day ago may be long closed. */
export const DISCOVERY_CACHE_MAX_AGE_MS = 24 * 3_600_000;

/** A listing's fee parameters as its venue publishes them; the venue's fee contribution reads them. */
const FeeSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
/** Any venue's id: a cache may hold a venue that is no longer registered (it is never asked for). */
const CachedVenueSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);
/** A market reference of any venue, for the same reason. */
const CachedRefSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}:[^\s:][^\s]*$/);

const MarketInfoSchema = z.object({
  ref: CachedRefSchema,
  venue: CachedVenueSchema,
  id: z.string().min(1),
  title: z.string(),
  rules: z.string(),
  eventId: z.string(),
  eventTitle: z.string(),
  seriesId: z.string().nullable(),
  category: z.string(),
  status: z.enum(['open', 'paused', 'closed', 'settled']),
  closeTime: z.number().nullable(),
  fee: FeeSchema,
  tickSize: z.number().int().positive(),
  minOrderSize: z.number().int().nonnegative(),
  tokens: z.object({ yes: z.string(), no: z.string() }).optional(),
  negRisk: z.boolean().optional(),
  outcomeLabel: z.string().optional(),
  sources: z.array(z.object({ name: z.string(), url: z.string().nullable() })).optional(),
  strike: z.object({ type: z.string(), floor: z.string().nullable(), cap: z.string().nullable() }).optional(),
  result: z.enum(['yes', 'no']).nullable().optional(),
  specInput: SpecInputSchema.optional().catch(undefined),
});

const DiscoverySchema = z.object({
  markets: z.array(MarketInfoSchema),
  exclusiveSets: z.array(z.object({ id: z.string(), members: z.array(CachedRefSchema), exhaustive: z.boolean() })),
  implications: z.array(z.object({ if: CachedRefSchema, then: CachedRefSchema })),
});

const EntrySchema = z.object({ venue: CachedVenueSchema, environment: VenueEnvironmentSchema, savedAt: z.number(), discovery: DiscoverySchema });
// Version 2: one venue's fee parameter changed its meaning (a relative multiplier where version 1
// held the coefficient); an older cache is ignored rather than read with the other meaning.
const CACHE_VERSION = 2;
const CacheFileSchema = z.union([
  z.object({ version: z.literal(CACHE_VERSION), entries: z.array(EntrySchema) }),
  z.object({ version: z.number().int().min(1).max(CACHE_VERSION - 1), entries: z.unknown() }).transform(() => ({ version: CACHE_VERSION, entries: [] as Entry[] })),
]);
type Entry = z.infer<typeof EntrySchema>;

export class DiscoveryCache implements IDisposable {
  private readonly file: string;
  private entries: Entry[];
  /** The write under way, and whether entries changed since it began (one more write then). */
  private writing: LargeJsonWrite | null = null;
  private again: Promise<void> | null = null;
  private disposed = false;
  readonly loadProblem: string | null;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'discovery-cache.json');
    const { value, problem } = readJsonFile(this.file, CacheFileSchema, 'discovery cache');
    this.entries = (value?.entries ?? []) as Entry[];
    this.loadProblem = problem;
  }

  /** The cached discovery of a venue in an environment, if recent enough. */
  get(venue: VenueId, environment: VenueEnvironment, now: number): { discovery: Discovery; savedAt: number } | null {
    const e = this.entries.find((x) => x.venue === venue && x.environment === environment);
    if (!e || now - e.savedAt > DISCOVERY_CACHE_MAX_AGE_MS || now < e.savedAt - 60_000) return null;
    const markets = e.discovery.markets.map((m) => ({ ...m, tickSize: m.tickSize as Price, minOrderSize: m.minOrderSize as Qty }) as MarketInfo);
    return { discovery: { ...e.discovery, markets } as Discovery, savedAt: e.savedAt };
  }

  /**
   * Saves a venue's discovery (open markets only: closed ones are of no use at the next start).
   * `get` answers with it at once; the file is written in the background, a slice at a time
   * (tens of megabytes for a whole universe), and the promise settles when it is on disk.
   */
  put(venue: VenueId, environment: VenueEnvironment, discovery: Discovery, now: number): Promise<void> {
    const markets = discovery.markets.filter((m) => m.status === 'open');
    // Fee parameters are kept as listed (FeeParams); an absent optional one is simply not written.
    const entry = { venue, environment, savedAt: now, discovery: { ...discovery, markets } } as Entry;
    const next = [...this.entries.filter((x) => !(x.venue === venue && x.environment === environment)), entry];
    this.entries = next;
    if (this.disposed) {
      this.write().finish();
      return Promise.resolve();
    }
    if (this.writing) return (this.again ??= this.writing.done.catch(() => undefined).then(() => this.writeLatest()));
    return this.write().done;
  }

  /** Writes what is being written, and any newer entries, now (the engine is stopping). */
  dispose(): void {
    this.disposed = true;
    const pending = this.again !== null;
    this.writing?.finish();
    if (pending) this.write().finish();
  }

  private writeLatest(): Promise<void> {
    this.again = null;
    return this.disposed ? Promise.resolve() : this.write().done;
  }

  private write(): LargeJsonWrite {
    const write = new LargeJsonWrite(this.file, { version: CACHE_VERSION, entries: this.entries });
    this.writing = write;
    void write.done.then(
      () => this.writing === write && (this.writing = null),
      () => this.writing === write && (this.writing = null),
    );
    return write;
  }
}
