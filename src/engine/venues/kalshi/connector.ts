// The Kalshi connector: discovery (REST), the market feed (WebSocket) and trading (REST + the fill
// channel), sharing one signer and one rate limiter per account. Built by the contribution
// (index.ts) when the venue starts:
//
//   const venue = new KalshiVenue({ environment, endpoints: { rest, ws }, credentials, clock, log });
//   await venue.discover({ categories, series });          // Discovery (+ skipped markets)
//   venue.feed.onMessage((m) => decoder.apply(m.data, now, venue.feed.checksSequence));
//   venue.feed.onBooksInvalidated((refs) => refs.forEach((r) => scanner.setHealth(r, 'unknown')));
//   venue.feed.setMarkets(discovery.markets);               // streams the open ones
//   killSwitch.registerCanceller('kalshi', (signal) => venue.trading!.cancelAll(signal));
import type { VenueEnvironment } from '../../../shared/contract';
import { systemClock, type Clock } from '../../platform/clock';
import { endpoint, type VenueConnection } from '../connection';
import type { VenueContext } from '../contribution';
import type { MarketRef } from '../../../shared/ids';
import type { DiscoveryFilter, MarketTerms, Venue } from '../venue';
import { KalshiSigner, type KalshiCredentials } from './auth';
import { discoverKalshi, type DiscoveryReport } from './discovery';
import { readKalshiTerms } from './marketTerms';
import { checkEndpoints, type KalshiEndpoints } from './endpoints';
import { KalshiMarketFeed, type FeedTuning } from './feed';
import type { PlacementTuning } from './placement';
import { BASIC_LIMITS, KalshiRateLimiter, type RateLimits } from './rateLimiter';
import { KalshiRest, type RestTuning } from './rest';
import { KALSHI_CANCEL_ALL_REACH_MS, KalshiTrading } from './trading';
import { silentLog, type VenueLog } from './types';

export { KALSHI_ENDPOINTS, type KalshiEndpoints } from './endpoints';
export { KalshiKeyError, signingMessage, type KalshiCredentials } from './auth';
export { BASIC_LIMITS, type RateLimits } from './rateLimiter';
export { KalshiApiError, KalshiRateLimitedError, KalshiTransportError, KalshiProtocolError } from './errors';
export type { DiscoveryReport } from './discovery';
export type { VenueLog, LogLevel } from './types';
export { KalshiMarketFeed } from './feed';
export { KalshiTrading } from './trading';

export interface KalshiVenueOptions {
  environment: VenueEnvironment;
  endpoints: KalshiEndpoints;
  /** Null: market discovery only (Kalshi's market WebSocket needs a key; no trading). */
  credentials: KalshiCredentials | null;
  clock?: Clock;
  log?: VenueLog;
  /** Events per discovery page (default 200, the venue's maximum). */
  discoveryPageSize?: number;
  /** The account's rate limits until `GET /account/limits` answers (default: Basic). */
  rateLimits?: RateLimits;
  /** Ask the venue for the account's tier (default true). */
  readAccountLimits?: boolean;
  rest?: RestTuning;
  feed?: FeedTuning;
  placement?: PlacementTuning;
  /** Randomness for jitter (tests make it deterministic). */
  random?: () => number;
  /**
   * New buys held back after a cancel-all (trading.ts): Kalshi's minute by default; none on the
   * simulator, whose cancel-all reaches only what rests when it arrives.
   */
  cancelAllReachMs?: number;
}

export class KalshiVenue implements Venue {
  readonly environment: VenueEnvironment;
  readonly feed: KalshiMarketFeed;
  readonly trading: KalshiTrading | null;
  readonly rest: KalshiRest;
  readonly limiter: KalshiRateLimiter;
  private readonly log: VenueLog;
  private readonly pageSize: number;

  constructor(options: KalshiVenueOptions) {
    const problem = checkEndpoints(options.endpoints);
    if (problem) throw new Error(`Kalshi: ${problem}`);
    const clock = options.clock ?? systemClock;
    this.environment = options.environment;
    this.log = options.log ?? silentLog;
    this.pageSize = options.discoveryPageSize ?? 200;
    // Throws KalshiKeyError (a clear message, never the key) when the PEM is unusable.
    const signer = options.credentials ? new KalshiSigner(options.credentials, () => clock.now()) : null;
    this.limiter = new KalshiRateLimiter(options.rateLimits ?? BASIC_LIMITS, () => clock.monotonic());
    const random = options.random ? { random: options.random } : {};
    this.rest = new KalshiRest({ baseUrl: options.endpoints.rest, signer, limiter: this.limiter, log: this.log, now: () => clock.monotonic(), ...(options.rest ? { tuning: options.rest } : {}), ...random });
    this.feed = new KalshiMarketFeed({ wsUrl: options.endpoints.ws, signer, clock, log: this.log, ...(options.feed ? { tuning: options.feed } : {}), ...random });
    this.trading = signer
      ? new KalshiTrading({
          rest: this.rest,
          limiter: this.limiter,
          signer,
          wsUrl: options.endpoints.ws,
          clock,
          log: this.log,
          readAccountLimits: options.readAccountLimits ?? true,
          cancelAllReachMs: options.cancelAllReachMs ?? (options.environment === 'simulator' ? 0 : KALSHI_CANCEL_ALL_REACH_MS),
          ...(options.placement ? { placement: options.placement } : {}),
          ...(options.feed ? { socket: options.feed } : {}),
          ...random,
        })
      : null;
  }

  /** Open events and their markets (every page), fee schedules, exclusive sets and strike ladders. */
  async discover(filter: DiscoveryFilter = {}, signal?: AbortSignal): Promise<DiscoveryReport> {
    await this.trading?.loadAccountLimits();
    return discoverKalshi(this.rest, filter, { pageSize: this.pageSize, log: this.log, ...(signal ? { signal } : {}) });
  }

  /** The link watch's read of its markets' terms between discoveries (marketTerms.ts). */
  watchMarkets(refs: readonly MarketRef[]): Promise<MarketTerms[]> {
    return readKalshiTerms(this.rest, refs);
  }

  dispose(): void {
    this.feed.dispose();
    this.trading?.dispose();
    this.rest.close();
    this.limiter.close();
  }
}

/** Connector diagnostics go to the host's log at info and above. */
function hostLog(log: (m: string) => void): VenueLog {
  return (level, message) => {
    if (level !== 'debug') log(`Kalshi ${level}: ${message}`);
  };
}

/** The connector for a resolved connection (the contribution's `connect`). */
export function createKalshiVenue(c: VenueConnection, { clock, log }: VenueContext): KalshiVenue {
  const keyId = c.credentials?.keyId;
  const pem = c.credentials?.privateKey;
  return new KalshiVenue({
    environment: c.environment,
    endpoints: { rest: endpoint(c, 'rest'), ws: endpoint(c, 'ws') },
    credentials: keyId && pem ? { keyId: keyId.reveal(), privateKeyPem: pem.reveal() } : null,
    clock,
    log: hostLog(log),
  });
}

