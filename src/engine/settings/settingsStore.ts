import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LimitsSchema, MinAnnualisedReturnSchema, ModeSchema, PaperBalancesSchema, VenueEnvironmentSchema, WatchlistSchema, describeIssue } from '../../shared/contract';
import { VENUE_ID_PATTERN } from '../../shared/ids';
import { DEFAULT_TRADER_JURISDICTION, TRADER_JURISDICTIONS } from '../../shared/jurisdiction';
import { DEFAULT_LIMITS } from './defaults';

const SettingsSchema = z.object({
  version: z.literal(1),
  mode: ModeSchema,
  limits: LimitsSchema,
  /** When the trader last saved limits explicitly; live mode requires it. */
  limitsConfirmedAt: z.number().int().nullable(),
  /** When the trader last confirmed live trading by typing LIVE; live mode at start-up requires it. */
  liveConfirmedAt: z.number().int().nullable().default(null),
  /** Where each venue runs (absent: production, or the simulator while its keys are absent). */
  venueEnvironments: z.record(z.string().regex(VENUE_ID_PATTERN, 'expected a venue id'), VenueEnvironmentSchema).default({}),
  /** The categories and series the engine streams; empty: everything. */
  watchlist: WatchlistSchema.default({ categories: [], series: [] }),
  /** Which venues restricted by the US border the trader may use (venues/jurisdiction.ts). */
  traderJurisdiction: z.enum(TRADER_JURISDICTIONS).default(DEFAULT_TRADER_JURISDICTION),

  /** The least return per year (a fraction) shown by default and alerted on; null: none. */
  minAnnualisedReturn: MinAnnualisedReturnSchema.nullable().default(null),

  /** Paper trading's starting cash per venue, dollars (absent: $10,000); fills and settlements move it. */
  paperBalances: PaperBalancesSchema.default({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

const DEFAULTS: Settings = {
  version: 1,
  mode: 'paper',
  limits: DEFAULT_LIMITS,
  limitsConfirmedAt: null,
  liveConfirmedAt: null,
  venueEnvironments: {},
  watchlist: { categories: [], series: [] },
  traderJurisdiction: DEFAULT_TRADER_JURISDICTION,
  minAnnualisedReturn: null,
  paperBalances: {},
};

/**
 * The trader's settings, one JSON file in the data directory, replaced atomically (write to a
 * temporary file, then rename) so a crash never leaves it half-written. A file that fails
 * validation is kept aside, never overwritten, and reported with the offending field.
 */
export class SettingsStore {
  private current: Settings;
  readonly loadProblem: string | null;

  constructor(private readonly file: string) {
    const { settings, problem } = SettingsStore.load(file);
    this.current = settings;
    this.loadProblem = problem;
  }

  static inDir(dataDir: string): SettingsStore {
    return new SettingsStore(path.join(dataDir, 'settings.json'));
  }

  get(): Settings {
    return this.current;
  }

  update(patch: Partial<Omit<Settings, 'version'>>): Settings {
    const next = SettingsSchema.parse({ ...this.current, ...patch });
    this.write(next);
    this.current = next;
    return next;
  }

  private write(settings: Settings): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  private static load(file: string): { settings: Settings; problem: string | null } {
    if (!existsSync(file)) return { settings: DEFAULTS, problem: null };
    let problem: string;
    try {
      const parsed = SettingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) return { settings: parsed.data, problem: null };
      problem = describeIssue(parsed.error, 'settings').message;
    } catch (e) {
      problem = `settings: unreadable JSON (${(e as Error).message})`;
    }
    const aside = `${file}.invalid-${Date.now()}`;
    renameSync(file, aside);
    return { settings: DEFAULTS, problem: `${problem}; the file was kept as ${path.basename(aside)} and defaults are in use` };
  }
}
