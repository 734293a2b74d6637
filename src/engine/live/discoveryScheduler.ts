// Runs a venue's discovery on a schedule: at start the cached market list (if recent) so books come
// up at once, then a fresh discovery, then one every interval. A failed discovery keeps the last
// good market list and retries sooner, backing off.
import type { VenueEnvironment } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';
import type { IDisposable } from '../../shared/lifecycle';
import type { Discovery, Venue } from '../venues/venue';
import type { DiscoveryCache } from './discoveryCache';

/** Five minutes: new markets appear within a refresh; each refresh costs a few REST pages per venue. */
export const DEFAULT_DISCOVERY_INTERVAL_MS = 5 * 60_000;
const FIRST_RETRY_MS = 5_000;

export interface DiscoverySchedulerOptions {
  id: VenueId;
  venue: Venue;
  environment: VenueEnvironment;
  cache: DiscoveryCache;
  intervalMs?: number;
  now: () => number;
  /** Applies a discovery; a large one may be applied in slices (the promise settles when applied). */
  onDiscovery: (discovery: Discovery, source: 'cache' | 'venue', at: number) => void | Promise<void>;
  onError: (message: string, retryInMs: number) => void;
}

export class DiscoveryScheduler implements IDisposable {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private disposed = false;
  private failures = 0;
  private readonly intervalMs: number;

  constructor(private readonly options: DiscoverySchedulerOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_DISCOVERY_INTERVAL_MS;
  }

  /** Applies the cached list (if any) now, then discovers. */
  start(): void {
    const { cache, id, environment, now } = this.options;
    const cached = cache.get(id, environment, now());
    if (cached) void this.options.onDiscovery(cached.discovery, 'cache', cached.savedAt);
    void this.refresh();
  }

  /** Discovers now (joins a discovery already under way). */
  refresh(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const { venue, id, environment, cache, now } = this.options;
    let next = this.intervalMs;
    try {
      const discovery = await venue.discover();
      if (this.disposed) return;
      this.failures = 0;
      const at = now();
      // Written in the background while the discovery is applied.
      cache.put(id, environment, discovery, at).catch((e: unknown) => this.options.onError(`the discovery cache could not be written: ${(e as Error).message}`, next));
      await this.options.onDiscovery(discovery, 'venue', at);
    } catch (e) {
      if (this.disposed) return;
      this.failures++;
      next = Math.min(this.intervalMs, FIRST_RETRY_MS * 2 ** Math.min(this.failures - 1, 6));
      this.options.onError(`discovery failed: ${(e as Error).message}`, next);
    }
    if (!this.disposed) {
      this.timer = setTimeout(() => void this.refresh(), next);
      this.timer.unref?.();
    }
  }
}
