// The venue simulator: a seeded market world served over the real Kalshi and Polymarket
// protocols on loopback, each venue on its own port, plus a loopback admin endpoint. See
// src/sim/README.md for the fault SPEC syntax and the admin API.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { privateKeyToAccount } from 'viem/accounts';
import type { VenueId } from './venues';
import { parseScaled, type Micros } from '../shared/units';
import { startAdminServer, type AdminServer } from './admin/server';
import { Rng } from './core/rng';
import { FaultController } from './faults/controller';
import { formatFaultSpec, parseFaultSpec, type FaultSpec } from './faults/spec';
import { DEFAULT_KALSHI_AUTH_WINDOW, type KalshiAuthWindow } from './kalshi/auth';
import { KalshiExchange } from './kalshi/exchange';
import { BASIC_RATE_LIMIT, GENEROUS_RATE_LIMIT, type KalshiRateLimit } from './kalshi/rateLimit';
import { startKalshiServer, type KalshiServer } from './kalshi/server';
import { PolymarketExchange } from './polymarket/exchange';
import { startGammaServer, type GammaServer } from './polymarket/gamma';
import { startPolymarketServer, type PolymarketServer } from './polymarket/server';
import { startPmUsSim, type PmUsEndpoints, type PmUsSim, type PmUsSimView } from './polymarketUs';
import type { MarketSessionView } from './polymarket/marketWs';
import { CLOB_PUBLISHED_LIMITS, GAMMA_PUBLISHED_LIMITS, WindowLimiter } from './polymarket/rateLimit';
import { CHAIN_ID } from './polymarket/signing';
import { createTruth, type SimTruth } from './truth';
import { DEFAULT_DISLOCATION_EVERY_SEC, World, type Resolution } from './world/world';

export { formatFaultSpec, parseFaultSpec, FaultSpecError, type FaultSpec, type VenueFaults } from './faults/spec';
export { BASIC_RATE_LIMIT, GENEROUS_RATE_LIMIT, type KalshiRateLimit } from './kalshi/rateLimit';
export type { MarketSessionView } from './polymarket/marketWs';
export type { SimTruth, KalshiFillView, KalshiOrderView, PolyOrderView, PolyTradeView, LevelView } from './truth';
export type { DislocationRecord, Resolution } from './world/world';
export type { Relations } from './world/types';
export type { PmUsEndpoints, PmUsSimView } from './polymarketUs';

export interface SimulatorOptions {
  /** World seed (default "arbdesk"). Same seed and size, same world. */
  seed?: string | number;
  /** About how many Kalshi markets to list (default 30); Polymarket lists a similar number. */
  markets?: number;
  /**
   * A world at the venues' real scale: Polymarket lists about this many markets (two tokens
   * each), groups go to both venues only now and then.
   */
  polymarketMarkets?: number;
  /** Price levels a side each market maker quotes (default 6). */
  levels?: number;
  /**
   * Move a Zipf-weighted sample of markets each tick to keep both feeds together at about this
   * many messages a second, instead of re-quoting every market every tick.
   */
  messagesPerSecond?: number;
  /**
   * Enforce the venues' published REST limits (Kalshi's Basic tier; Polymarket's Gamma and CLOB
   * windows): requests over them are answered 429 and counted in `traffic()`.
   */
  publishedLimits?: boolean;
  /** Loopback host (default 127.0.0.1). Only loopback addresses are accepted. */
  host?: string;
  /** Base port: Kalshi P, Polymarket CLOB P+1, Gamma P+2, admin P+3, Polymarket US gateway P+4 and API P+5. 0 (default): ephemeral ports. */
  port?: number;
  /** Fault SPEC applied at start (see README). */
  faults?: string;
  /** World clock speed factor (default 1): random walk, dislocation lifetimes, trade confirmation. */
  speed?: number;
  /** World milliseconds per tick (default 250). */
  tickMs?: number;
  /** Start the world clock (default true). With false, advance it with handle.clock.step(). */
  autoRun?: boolean;
  /** Mean world seconds between dislocations (default 20; 0 disables them). */
  dislocationEverySec?: number;
  kalshiRateLimit?: KalshiRateLimit;
  kalshiAuthWindow?: KalshiAuthWindow;
  /** Accepted POLY_TIMESTAMP skew, seconds (default 60). */
  polymarketAuthWindowSec?: number;
  /** Starting cash of the test accounts, dollars (default "10000"). */
  startingBalance?: string;
  /** Reuse a Kalshi RSA key (PEM); by default a fresh 2048-bit key is generated. */
  kalshiPrivateKeyPem?: string;
  log?: (line: string) => void;
}

/** What `arbdesk sim` prints: where each venue listens and the credentials it accepts. */
export interface SimEndpoints {
  kalshi: { rest: string; ws: string; keyId: string; privateKeyPem: string };
  polymarket: { clob: string; gamma: string; ws: string; userWs: string; privateKey: string; address: string; chainId: number };
  'polymarket-us': PmUsEndpoints;
  admin: string;
  seed: string;
}

export interface SimulatorHandle {
  readonly endpoints: SimEndpoints;
  readonly seed: string;
  readonly faults: {
    current(): FaultSpec;
    /** The current faults as SPEC text. */
    spec(): string;
    /** Replaces all faults (SPEC text or a FaultSpec). */
    set(spec: string | FaultSpec): void;
    /** Applies SPEC text on top of the current faults. */
    merge(spec: string): void;
    clear(): void;
    /** Cuts every open WebSocket of one venue (or both) now. */
    dropConnections(venue?: VenueId): void;
    /** Holds the venue's feeds for `ms` from now. */
    stall(venue: VenueId, ms: number): void;
  };
  readonly clock: {
    /** World time elapsed, ms. */
    readonly worldMs: number;
    readonly speed: number;
    readonly running: boolean;
    setSpeed(speed: number): void;
    pause(): void;
    resume(): void;
    /** Advances the world by `ms` (default one tick) right now, in whole ticks. */
    step(ms?: number): void;
  };
  readonly truth: SimTruth;
  /** The simulated Polymarket US (polymarketUs/): its listings, links to Kalshi, dislocations. */
  readonly polymarketUs: PmUsSimView;
  /** Resolves a group (see truth.catalog()); settles every listing of it on both venues. */
  resolve(groupId: string, how?: Resolution): Record<string, 'yes' | 'no'>;
  /** A rule edit after listing: the market's rules text becomes `text` (default: an amendment appended). Returns the rules now published. */
  amendRules(market: string, text?: string): string;
  /** A further Kalshi account with its own key. */
  createKalshiAccount(balanceDollars?: string): { keyId: string; privateKeyPem: string; userId: string };
  /** Credits pUSD to a Polymarket wallet. */
  fundPolymarket(address: string, dollars: string): void;
  /** Sets a Polymarket wallet's pUSD allowance to the exchanges, dollars; null: the maximum approval. */
  approvePolymarket(address: string, dollars: string | null): void;
  /** Open WebSocket connections per venue. */
  connections(): Record<VenueId, number>;
  /** Feed messages sent, REST requests refused for rate limits, and this process's CPU time and memory. */
  traffic(): SimTraffic;
  /** Polymarket's market-channel connections one by one: list them, cut one. */
  readonly marketChannel: { sessions(): MarketSessionView[]; drop(id: number): boolean };
  /** Kalshi's WebSocket connections one by one: the subscribe commands each received. */
  kalshiSessions(): { id: number; subscribes: number; open: boolean }[];
  close(): Promise<void>;
}

export interface SimTraffic {
  sent: Record<VenueId, number>;
  throttled: Record<VenueId, number>;
  /** The busiest 10-second window of each published Polymarket limit, against the limit. */
  polymarketWindows: { api: 'gamma' | 'clob'; path: string; peak: number; limit: number; windowMs: number }[];
  cpuMicros: { user: number; system: number };
  rssBytes: number;
}

export const MAX_SIM_MARKETS = 10_000;
export const MAX_SIM_POLYMARKET_MARKETS = 25_000;
export const MAX_SIM_LEVELS = 50;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function dollarsToMicros(text: string, what: string): Micros {
  const r = parseScaled(text, 6);
  if (!r.ok) throw new Error(`${what}: "${text}" is not a dollar amount (${r.reason})`);
  return r.value as Micros;
}

function deterministicUuid(seed: string, label: string): string {
  const h = createHash('sha256').update(`${seed}|${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-9${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const seed = String(options.seed ?? 'arbdesk');
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`the simulator listens on loopback only, not ${host}`);
  const markets = options.markets ?? 30;
  if (!Number.isInteger(markets) || markets < 1 || markets > MAX_SIM_MARKETS) throw new Error(`markets must be a whole number from 1 to ${MAX_SIM_MARKETS}`);
  const polymarketMarkets = options.polymarketMarkets;
  if (polymarketMarkets !== undefined && (!Number.isInteger(polymarketMarkets) || polymarketMarkets < 1 || polymarketMarkets > MAX_SIM_POLYMARKET_MARKETS)) {
    throw new Error(`polymarketMarkets must be a whole number from 1 to ${MAX_SIM_POLYMARKET_MARKETS}`);
  }
  const levels = options.levels;
  if (levels !== undefined && (!Number.isInteger(levels) || levels < 1 || levels > MAX_SIM_LEVELS)) throw new Error(`levels must be a whole number from 1 to ${MAX_SIM_LEVELS}`);
  const messagesPerSecond = options.messagesPerSecond;
  if (messagesPerSecond !== undefined && !(messagesPerSecond > 0 && messagesPerSecond <= 1_000_000)) throw new Error('messagesPerSecond must be above 0 and at most 1,000,000');
  // A rate is kept by moving a sample every tick: short ticks keep the stream even.
  const tickMs = options.tickMs ?? (messagesPerSecond !== undefined ? 50 : 250);
  if (!(tickMs >= 10 && tickMs <= 10_000)) throw new Error('tickMs must be from 10 to 10000');
  let speed = options.speed ?? 1;
  if (!(speed > 0 && speed <= 1000)) throw new Error('speed must be above 0 and at most 1000');
  const basePort = options.port ?? 0;
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65530) throw new Error('port must be from 0 to 65530');
  const log = options.log ?? (() => {});
  const startBalance = dollarsToMicros(options.startingBalance ?? '10000', 'startingBalance');
  const now = () => Date.now();
  const initialFaults = parseFaultSpec(options.faults ?? '');

  const root = new Rng(seed);
  const faults = new FaultController(root.fork('faults'), initialFaults);
  const world = new World({
    seed,
    markets,
    dislocationEverySec: options.dislocationEverySec ?? DEFAULT_DISLOCATION_EVERY_SEC,
    now,
    ...(polymarketMarkets !== undefined ? { polymarketMarkets } : {}),
    ...(levels !== undefined ? { levels } : {}),
    ...(messagesPerSecond !== undefined ? { activity: { messagesPerSecond, sent: () => faults.sent.kalshi + faults.sent.polymarket } } : {}),
  });
  const gammaLimiter = options.publishedLimits ? new WindowLimiter(GAMMA_PUBLISHED_LIMITS, now) : undefined;
  const clobLimiter = options.publishedLimits ? new WindowLimiter(CLOB_PUBLISHED_LIMITS, now) : undefined;
  const kalshi = new KalshiExchange(world, faults, root.fork('kalshi-ids'), now);
  const poly = new PolymarketExchange(world, faults, root.fork('polymarket-ids'), seed, now);

  const keyPem =
    options.kalshiPrivateKeyPem ??
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyId = deterministicUuid(seed, 'kalshi-key');
  const kAccount = kalshi.addAccount(keyId, createPublicKey(createPrivateKey(keyPem)), startBalance);
  const walletKey = `0x${createHash('sha256').update(`${seed}|polymarket-wallet`).digest('hex')}` as const;
  const wallet = privateKeyToAccount(walletKey);
  poly.fund(wallet.address, startBalance);

  world.step(tickMs); // books exist before the first client connects

  const servers: { kalshi?: KalshiServer; clob?: PolymarketServer; gamma?: GammaServer; admin?: AdminServer } = {};
  let pmUs: PmUsSim | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  // Polymarket US re-quotes every market it lists in full on each step. The short ticks that keep a
  // message rate even are for the sampled Kalshi and Polymarket feeds; it keeps the default cadence.
  const pmUsEveryMs = messagesPerSecond !== undefined ? 250 : 0;
  let pmUsSteppedAt = world.worldMs;
  const tick = (dt: number) => {
    world.step(dt);
    kalshi.sweepExpired();
    poly.sweepExpired();
    poly.advanceTrades(world.worldMs);
    if (world.worldMs - pmUsSteppedAt >= pmUsEveryMs) {
      pmUsSteppedAt = world.worldMs;
      pmUs?.step(world.worldMs);
    }
  };
  const schedule = () => {
    clearInterval(timer);
    if (!running) return;
    const realMs = Math.max(5, tickMs / speed);
    const worldPerTick = realMs * speed;
    timer = setInterval(() => {
      try {
        tick(worldPerTick);
      } catch (e) {
        log(`sim: world tick failed: ${e instanceof Error ? e.stack : String(e)}`);
      }
    }, realMs);
    timer.unref();
  };

  const closeAll = async () => {
    running = false;
    clearInterval(timer);
    await Promise.all([servers.kalshi?.close(), servers.clob?.close(), servers.gamma?.close(), servers.admin?.close(), pmUs?.close()]);
    faults.dispose();
    kalshi.dispose();
    poly.dispose();
  };

  const truth = createTruth(world, kalshi, poly, { kalshiUserId: kAccount.userId, polymarketAddress: wallet.address });
  const portOf = (offset: number) => (basePort === 0 ? 0 : basePort + offset);
  try {
    servers.kalshi = await startKalshiServer({
      exchange: kalshi,
      faults,
      authWindow: options.kalshiAuthWindow ?? DEFAULT_KALSHI_AUTH_WINDOW,
      rateLimit: options.kalshiRateLimit ?? (options.publishedLimits ? BASIC_RATE_LIMIT : GENEROUS_RATE_LIMIT),
      host,
      port: portOf(0),
      now,
      log,
    });
    servers.clob = await startPolymarketServer({
      exchange: poly,
      faults,
      authWindowSec: options.polymarketAuthWindowSec ?? 60,
      chainId: CHAIN_ID,
      host,
      port: portOf(1),
      now,
      log,
      ...(clobLimiter ? { limiter: clobLimiter } : {}),
    });
    servers.gamma = await startGammaServer({ exchange: poly, faults, host, port: portOf(2), log, ...(gammaLimiter ? { limiter: gammaLimiter } : {}) });
    pmUs = await startPmUsSim({
      world, seed, rng: root.fork('polymarket-us'), host, hostUrl: host.includes(':') ? `[${host}]` : host, gatewayPort: portOf(4), apiPort: portOf(5),
      startBalanceMicros: startBalance, dislocationEverySec: options.dislocationEverySec ?? DEFAULT_DISLOCATION_EVERY_SEC, maxMarkets: Math.min(200, Math.ceil(markets / 2)), now, log,
    });
  } catch (e) {
    await closeAll();
    throw e;
  }

  const hostUrl = host.includes(':') ? `[${host}]` : host;
  const endpoints: SimEndpoints = {
    kalshi: {
      rest: `http://${hostUrl}:${servers.kalshi.port}/trade-api/v2`,
      ws: `ws://${hostUrl}:${servers.kalshi.port}/trade-api/ws/v2`,
      keyId,
      privateKeyPem: keyPem,
    },
    polymarket: {
      clob: `http://${hostUrl}:${servers.clob.port}`,
      gamma: `http://${hostUrl}:${servers.gamma.port}`,
      ws: `ws://${hostUrl}:${servers.clob.port}/ws/market`,
      userWs: `ws://${hostUrl}:${servers.clob.port}/ws/user`,
      privateKey: walletKey,
      address: wallet.address,
      chainId: CHAIN_ID,
    },
    'polymarket-us': pmUs.endpoints,
    admin: '',
    seed,
  };

  const handle: SimulatorHandle = {
    endpoints,
    seed,
    faults: {
      current: () => faults.current(),
      spec: () => formatFaultSpec(faults.current()),
      set: (spec) => faults.set(typeof spec === 'string' ? parseFaultSpec(spec) : spec),
      merge: (spec) => void faults.merge(spec),
      clear: () => faults.clear(),
      dropConnections: (venue) => faults.dropAll(venue),
      stall: (venue, ms) => faults.stall(venue, ms),
    },
    clock: {
      get worldMs() {
        return world.worldMs;
      },
      get speed() {
        return speed;
      },
      get running() {
        return running;
      },
      setSpeed(next) {
        if (!(next > 0 && next <= 1000)) throw new Error('speed must be above 0 and at most 1000');
        speed = next;
        schedule();
      },
      pause() {
        running = false;
        schedule();
      },
      resume() {
        running = true;
        schedule();
      },
      step(ms = tickMs) {
        if (!(ms > 0)) throw new Error('step must be a positive number of ms');
        for (let left = ms; left > 0; left -= tickMs) tick(Math.min(tickMs, left));
      },
    },
    truth,
    polymarketUs: pmUs.view,
    resolve: (groupId, how) => {
      const out = world.resolveGroup(groupId, how);
      pmUs!.settle(out);
      return out;
    },
    amendRules: (market, text) => world.amendRules(market, text),
    createKalshiAccount(balanceDollars = '10000') {
      const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const id = deterministicUuid(seed, `kalshi-key-${kalshi.accounts.size + 1}`);
      const account = kalshi.addAccount(id, createPublicKey(createPrivateKey(pem)), dollarsToMicros(balanceDollars, 'balance'));
      return { keyId: id, privateKeyPem: pem, userId: account.userId };
    },
    fundPolymarket: (address, dollars) => poly.fund(address, dollarsToMicros(dollars, 'amount')),
    approvePolymarket: (address, dollars) => poly.approve(address, dollars === null ? null : dollarsToMicros(dollars, 'allowance')),
    connections: () => ({ kalshi: servers.kalshi!.ws.connections, polymarket: servers.clob!.connections() }),
    marketChannel: { sessions: () => servers.clob!.market.sessionsView(), drop: (id) => servers.clob!.market.drop(id) },
    kalshiSessions: () => servers.kalshi!.ws.sessionsView(),
    traffic: () => ({
      sent: { ...faults.sent },
      throttled: { kalshi: servers.kalshi!.throttled(), polymarket: (gammaLimiter?.throttled ?? 0) + (clobLimiter?.throttled ?? 0) },
      polymarketWindows: [
        ...(gammaLimiter?.report().map((w) => ({ api: 'gamma' as const, ...w })) ?? []),
        ...(clobLimiter?.report().map((w) => ({ api: 'clob' as const, ...w })) ?? []),
      ],
      cpuMicros: process.cpuUsage(),
      rssBytes: process.memoryUsage().rss,
    }),
    close: closeAll,
  };

  try {
    servers.admin = await startAdminServer({ handle, host, port: portOf(3), log });
  } catch (e) {
    await closeAll();
    throw e;
  }
  endpoints.admin = `http://${hostUrl}:${servers.admin.port}`;
  running = options.autoRun ?? true;
  schedule();
  log(`sim: seed ${seed}, ${world.universe.kalshi.markets.length} Kalshi and ${world.universe.polymarket.markets.length} Polymarket markets${messagesPerSecond !== undefined ? `, about ${messagesPerSecond} feed messages a second` : ''}`);
  return handle;
}
