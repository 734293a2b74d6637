// `arbdesk chaos`: the real engine (as `arbdesk serve` composes it, every venue resolved to an
// in-process simulator) trades through faults — paper mode for the first half, then live mode
// against the simulator with its test credentials — while a driver executes opportunities and
// works the kill switch. Then, with faults off and the world paused, it checks the ledger and the
// books against the simulator's own records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import type { Engine } from '../engine';
import { DEFAULT_LIMITS } from '../engine';
import { Ledger } from '../engine/tools';
import { createHostEngine, type HostEngine } from '../host/engineHost';
import { SimulatorEndpointsSchema } from '../host/simulator/simulatorProcess';
import { startSimulator, type SimulatorHandle } from '../sim/index';
import { compareBooks } from './bookCheck';
import { ChaosDriver, type DriverCounts } from './driver';
import { DEFAULT_FAULT_RATES, FaultSchedule, type FaultKind, type FaultRates } from './faultSchedule';
import {
  checkLiveFills, checkPaperFills, differingHoldings, holdingsFromFills, holdingsFromView, ledgerFills, netKalshi, tokenRefsOf, venueHoldings, type FillCheck,
} from './ledgerCheck';
import { SimulatorCredentialStore } from '../host/simulator/simulatorSecrets';
import { LegRiskWatch } from './legRiskWatch';
import { ResyncWatch, type ResyncStats } from './resyncWatch';
import { ChaosRng } from './rng';

export interface ChaosOptions {
  /** Wall-clock minutes of trading under faults, split between paper and live mode. */
  minutes: number;
  seed: string;
  /** World clock factor of the simulator. */
  speed?: number;
  markets?: number;
  rates?: Partial<FaultRates>;
  /** Wall ms between kill-switch cycles, [min, max]. */
  killEveryMs?: [number, number];
  /** Keep the data dir (ledgers) for inspection; a temporary one otherwise. */
  dataDir?: string;
  log?: (line: string) => void;
}

export const GAP_RESYNC_TARGET_MS = 1000;

export interface ChaosReport {
  ok: boolean;
  seed: string;
  minutes: number;
  speed: number;
  worldMinutes: number;
  executions: DriverCounts['executions'];
  /** Zero-counts. */
  fillsMissingFromLedger: number;
  phantomFillsInLedger: number;
  exposureNotShownInPositions: number;
  restingOrdersLeftAfterKillSwitch: number;
  restingOrdersLeftAtEnd: number;
  /** Dollars left naked beyond maxLossPerTrade after unwinds (legRiskWatch.ts). */
  nakedExposureBeyondLimit: number;
  /** Dollars realised as losses past maxLossPerTrade (stop-losses after the book moved): reported, not a zero-count. */
  realisedLossPastLimit: number;
  /** Baskets admitted while an unequal basket (its execution over) was open. */
  admittedWhileUnhedged: number;
  /** Order requests that reached a venue after a kill switch returned (and before the re-arm). */
  ordersAfterKillSwitch: number;
  booksDifferingFromSimulator: number;
  booksCompared: number;
  /** Longest time to a live book after a Kalshi sequence gap, ms (target < 1 s). */
  longestGapResyncMs: number | null;
  /** Longest time to a live book after a dropped connection (includes reconnect backoff), ms. */
  longestReconnectResyncMs: number | null;
  /** Longest stretch a book was unusable from its first invalidation (back-to-back gaps add up), ms. */
  longestBookOutageMs: number | null;
  resyncEpisodes: ResyncStats['episodes'];
  faultsInjected: Record<FaultKind, number>;
  /** What the engine saw of them: markets resynced after a gap, reconnects, rejected orders, partially filled orders. */
  faultsObserved: { gaps: number; reconnects: number; rejects: number; partials: number; stalls: number };
  killSwitches: number;
  restingOrdersPlaced: number;
  killSwitchFailures: number;
  /** Unwinds of unequal baskets the driver asked for before re-arming. */
  unwinds: number;
  /** Breaker trips (not the kill switch) by kind: the engine refusing to go on, as designed. */
  breakerTrips: Record<string, number>;
  breakerTripExamples: string[];
  fills: { paper: { venue: number; ledger: number }; live: { venue: number; ledger: number } };
  /** The first few of each problem, for a human. */
  problems: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(fn: () => T | null | false | undefined, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`chaos: timed out waiting for ${what}`);
    await sleep(50);
  }
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const speed = options.speed ?? 10;
  const rng = new ChaosRng(options.seed);
  const rates: FaultRates = { ...DEFAULT_FAULT_RATES, ...options.rates };
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'arbdesk-chaos-'));
  const sim = await startSimulator({ seed: options.seed, markets: options.markets ?? 24, speed, dislocationEverySec: 10 });
  let hosted: HostEngine | null = null;
  const disposables: { dispose(): void }[] = [];
  try {
    const secrets = new SimulatorCredentialStore(sim.endpoints as unknown as Record<string, unknown>);
    hosted = await createHostEngine({
      host: 'serve',
      dataDir,
      secrets,
      simulator: { external: SimulatorEndpointsSchema.parse(sim.endpoints) },
      live: { publishIntervalMs: 100 },
      log: (m) => log(`engine: ${m}`),
    });
    const engine = hosted.engine;
    // Every venue trades: the simulator's keys are the trader's own on both sides of the US border
    // (settings.traderJurisdiction "both"), so Polymarket US runs beside international Polymarket.
    engine.services.settings.update({ traderJurisdiction: 'both' });
    void engine.services.venues.start('polymarket-us');
    await engine.handle('setLimits', { limits: { ...DEFAULT_LIMITS, cooldownSeconds: 5 } });
    await connectAndLink(engine, sim, log);

    const resync = new ResyncWatch(engine);
    disposables.push(resync);
    const legRisk = new LegRiskWatch(engine);
    disposables.push(legRisk);
    const trips: Record<string, number> = {};
    const tripReasons: string[] = [];
    disposables.push(engine.services.risk.onDidTrip((t) => {
      if (t.kind === 'kill_switch') return;
      trips[t.kind] = (trips[t.kind] ?? 0) + 1;
      if (tripReasons.length < 5) tripReasons.push(`${t.kind}: ${t.reason}`);
    }));
    const paperFills = new Set<string>();
    for (const [venue, broker] of engine.services.execution.paper) disposables.push(broker.onFill((f) => paperFills.add(`${venue}|${f.fillId}`)));
    const faults = new FaultSchedule(sim, rng, rates);
    const startWorld = sim.clock.worldMs;
    const phaseMs = (options.minutes * 60_000) / 2;
    const killEveryMs = options.killEveryMs ?? [15_000, 40_000];
    const problems: string[] = [];
    const counts: DriverCounts[] = [];
    const probes: ChaosDriver['probes'] = [];

    faults.start();
    // Paper: the engine's paper brokers fill against the live books the faults keep breaking.
    log(`chaos: paper mode for ${(phaseMs / 1000).toFixed(0)} s`);
    const paperDriver = new ChaosDriver(engine, sim, rng, { killEveryMs, workers: 2, log });
    paperDriver.start();
    await sleep(phaseMs);
    await paperDriver.stop();
    counts.push(paperDriver.counts);
    probes.push(...paperDriver.probes);
    await until(() => !engine.services.execution.busy() && engine.services.ledger.pendingOrders().length === 0, 'paper executions to finish', 60_000);
    const paperCheck = checkPaperFills(paperFills, engine.services.ledger);
    const paperExposure = differingHoldings(holdingsFromFills(ledgerFills(engine.services.ledger)), holdingsFromView(engine.services.positions.view()));
    problems.push(...paperCheck.missing.slice(0, 5).map((m) => `paper fill missing from the ledger: ${m}`));
    problems.push(...paperCheck.phantom.slice(0, 5).map((m) => `paper ledger fill no broker made: ${m}`));
    problems.push(...paperExposure.slice(0, 5).map((m) => `paper positions view differs from the ledger: ${m}`));

    // Live: the same engine switched to live mode, trading on the simulator's account.
    if (engine.services.risk.state().killSwitch) await paperDriver.rearm();
    await engine.handle('setMode', { mode: 'live', confirmation: 'LIVE' });
    await until(() => engine.services.venueRegistry.ids().every((v) => engine.services.execution.trading(v) !== null), 'live trading on every venue', 30_000);
    log(`chaos: live mode (simulator account) for ${(phaseMs / 1000).toFixed(0)} s`);
    const liveDriver = new ChaosDriver(engine, sim, rng, { killEveryMs, workers: 2, log });
    liveDriver.start();
    await sleep(phaseMs);
    await liveDriver.stop();
    counts.push(liveDriver.counts);
    probes.push(...liveDriver.probes);

    // Faults off; let everything settle; then compare with the world paused.
    faults.stop();
    if (engine.services.risk.state().killSwitch || engine.services.risk.state().state !== 'closed') await liveDriver.rearm();
    await until(() => !engine.services.execution.busy() && engine.services.ledger.pendingOrders().length === 0, 'live executions and reconciliation to finish', 90_000);
    const settled = await settleFeeds(engine, sim).catch((e: unknown) => {
      problems.push((e as Error).message);
      return false;
    });
    const worldMinutes = (sim.clock.worldMs - startWorld) / 60_000;

    const excluded = {
      clientOrderIds: new Set(probes.map((p) => p.clientOrderId)),
      venueOrderIds: new Set(probes.map((p) => p.venueOrderId).filter((id): id is string => id !== null)),
    };
    // A probe that did fill (a market crashed to $0.02) would be the account's, not the ledger's.
    const probeFills = sim.truth.kalshi.fills().filter((f) => excluded.clientOrderIds.has(f.clientOrderId)).length
      + sim.truth.polymarket.trades().filter((t) => excluded.venueOrderIds.has(t.taker ? t.takerOrderId : t.makerOrderId)).length;
    if (probeFills > 0) problems.push(`${probeFills} fill(s) of resting probe orders: their positions are not the ledger's`);
    const liveCheck: FillCheck = checkLiveFills(sim, engine.services.ledger, excluded);
    const view = engine.services.positions.view();
    const liveExposure = differingHoldings(venueHoldings(sim, tokenRefsOf(engine.services.universe.markets())), netKalshi(holdingsFromView(view)));
    const liveViewVsLedger = differingHoldings(holdingsFromFills(ledgerFills(engine.services.ledger)), holdingsFromView(view));
    problems.push(...liveCheck.missing.slice(0, 5).map((m) => `live fill missing from the ledger: ${m}`));
    problems.push(...liveCheck.phantom.slice(0, 5).map((m) => `live ledger fill the simulator never made: ${m}`));
    problems.push(...liveExposure.slice(0, 5).map((m) => `simulator position not shown in positions (simulator vs positions): ${m}`));
    problems.push(...liveViewVsLedger.slice(0, 5).map((m) => `live positions view differs from the ledger: ${m}`));

    const books = settled ? compareBooks(engine.services.scanner.books, sim, engine.services.scanner.universe().markets.map((m) => `${m.venue}:${m.id}`)) : { compared: 0, differingBooks: 0, differing: ['feeds never settled'] };
    problems.push(...books.differing.slice(0, 8).map((m) => `book differs from the simulator: ${m}`));
    const restingAtEnd = sim.truth.kalshi.restingOrders().length + sim.truth.polymarket.restingOrders().length;
    const stats = resync.stats();
    const sum = (f: (c: DriverCounts) => number) => counts.reduce((n, c) => n + f(c), 0);
    const executions = { ...counts[0]!.executions };
    for (const k of Object.keys(executions) as (keyof typeof executions)[]) executions[k] = sum((c) => c.executions[k]);
    const killFailures = counts.flatMap((c) => c.killSwitchFailures);
    problems.push(...killFailures.slice(0, 5).map((f) => `kill switch cancel failed: ${f}`));
    const legCounts = legRisk.counts();
    problems.push(...legCounts.examples.slice(0, 5).map((e) => `leg risk: ${e}`));
    const afterKill = sum((c) => c.ordersAfterKillSwitch);
    if (afterKill > 0) problems.push(`${afterKill} order(s) reached a venue after a kill switch returned`);

    const observed = observedFaults(engine, dataDir);
    const report: ChaosReport = {
      ok: false,
      seed: options.seed,
      minutes: options.minutes,
      speed,
      worldMinutes: Math.round(worldMinutes * 10) / 10,
      executions,
      fillsMissingFromLedger: paperCheck.missing.length + liveCheck.missing.length,
      phantomFillsInLedger: paperCheck.phantom.length + liveCheck.phantom.length,
      exposureNotShownInPositions: paperExposure.length + liveExposure.length + liveViewVsLedger.length,
      restingOrdersLeftAfterKillSwitch: sum((c) => c.restingLeftAfterKill),
      restingOrdersLeftAtEnd: restingAtEnd,
      nakedExposureBeyondLimit: legCounts.nakedExposureBeyondLimit,
      realisedLossPastLimit: legCounts.realisedPastLimit,
      admittedWhileUnhedged: legCounts.admittedWhileUnhedged,
      ordersAfterKillSwitch: afterKill,
      booksDifferingFromSimulator: books.differingBooks,
      booksCompared: books.compared,
      longestGapResyncMs: stats.longestMs.gap,
      longestReconnectResyncMs: stats.longestMs.reconnect,
      longestBookOutageMs: stats.longestOutageMs,
      resyncEpisodes: stats.episodes,
      faultsInjected: { ...faults.injected },
      faultsObserved: { gaps: stats.episodes.gap, ...observed, stalls: faults.injected.stall },
      killSwitches: sum((c) => c.killSwitches),
      restingOrdersPlaced: sum((c) => c.restingPlaced),
      killSwitchFailures: killFailures.length,
      unwinds: sum((c) => c.unwinds),
      breakerTrips: trips,
      breakerTripExamples: tripReasons,
      fills: { paper: { venue: paperCheck.venueFills, ledger: paperCheck.ledgerFills }, live: { venue: liveCheck.venueFills, ledger: liveCheck.ledgerFills } },
      problems,
    };
    report.ok = passed(report);
    return report;
  } finally {
    for (const d of disposables) d.dispose();
    await hosted?.close();
    await sim.close();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every zero-count is zero and a gap resyncs within the target. */
export function passed(r: ChaosReport): boolean {
  return r.fillsMissingFromLedger === 0
    && r.phantomFillsInLedger === 0
    && r.exposureNotShownInPositions === 0
    && r.restingOrdersLeftAfterKillSwitch === 0
    && r.restingOrdersLeftAtEnd === 0
    && r.nakedExposureBeyondLimit === 0
    && r.admittedWhileUnhedged === 0
    && r.ordersAfterKillSwitch === 0
    && r.booksDifferingFromSimulator === 0
    && r.booksCompared > 0
    && (r.longestGapResyncMs === null || r.longestGapResyncMs < GAP_RESYNC_TARGET_MS);
}

/** Both venues connected with live books, and the trader's links confirmed (the simulator knows the true ones). */
async function connectAndLink(engine: Engine, sim: SimulatorHandle, log: (line: string) => void): Promise<void> {
  await until(() => {
    const v = engine.services.venueStatuses();
    return v.length === 3 && v.every((s) => s.connection === 'connected' && s.markets > 0 && s.unknownBooks === 0);
  }, 'all three venues connected with live books', 60_000);
  const truth = new Set([
    ...sim.truth.relations().equivalent.map(([k, p]) => [`kalshi:${k}`, `polymarket:${p}`].sort().join('|')),
    ...sim.polymarketUs.equivalent().map(([k, s]) => [`kalshi:${k}`, `polymarket-us:${s}`].sort().join('|')),
  ]);
  const isTrue = (l: { sides: readonly { market: string }[] }) => truth.has(l.sides.map((s) => s.market).sort().join('|'));
  await until(() => engine.services.links.list().filter(isTrue).length >= truth.size, 'the suggested links', 30_000)
    .catch(() => log('chaos: not every true link was suggested; trading the ones that were'));
  // A confirmation may change the other suggestions (a market linked on two venues): list afresh each time.
  const tried = new Set<string>();
  for (;;) {
    const link = engine.services.links.list().find((l) => l.status !== 'confirmed' && isTrue(l) && !tried.has(l.id));
    if (!link) break;
    tried.add(link.id);
    try {
      engine.services.links.confirm(link.id);
    } catch (e) {
      log(`chaos: link ${link.id} could not be confirmed: ${(e as Error).message}`);
    }
  }
}

/** Feeds connected, every book live, then the world paused and the feeds quiet. */
async function settleFeeds(engine: Engine, sim: SimulatorHandle): Promise<boolean> {
  await until(() => engine.services.venueStatuses().every((v) => v.connection === 'connected' && v.unknownBooks === 0 && v.staleBooks === 0), 'every book live after the faults', 30_000);
  sim.clock.pause();
  const messages = () => Object.values(engine.services.pump.counters).reduce((n, c) => n + c.messages, 0);
  let last = -1;
  await until(() => {
    const n = messages();
    const quiet = n === last;
    last = n;
    return quiet;
  }, 'the feeds to go quiet', 20_000).catch(() => undefined);
  await sleep(500);
  while (messages() !== last) {
    last = messages();
    await sleep(500);
  }
  return true;
}

function observedFaults(engine: Engine, dataDir: string): { reconnects: number; rejects: number; partials: number } {
  const reconnects = engine.services.activity.query({ kinds: ['reconnect'], limit: 100_000 }).length;
  let rejects = 0;
  let partials = 0;
  for (const mode of ['paper', 'live'] as const) {
    const ledger = mode === engine.services.ledger.mode ? engine.services.ledger : Ledger.openInDir(dataDir, { mode, clock: engine.services.clock });
    try {
      for (const basketId of ledger.basketIds()) {
        for (const o of ledger.ordersOfBasket(basketId)) {
          if (o.status === 'rejected') rejects++;
          const filled = new Decimal(o.filledQty);
          if (filled.gt(0) && filled.lt(o.qty)) partials++;
        }
      }
    } finally {
      if (ledger !== engine.services.ledger) ledger.close();
    }
  }
  return { reconnects, rejects, partials };
}
