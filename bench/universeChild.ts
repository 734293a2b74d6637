// `arbdesk bench --child universe --sim FILE --data-dir D`: the engine exactly as `arbdesk serve`
// runs it (HTTP API, WebSocket, ledgers in the data dir, paper mode), on an already-running
// simulator's venues with its test credentials, measured from inside: CPU time, resident memory,
// the event loop's delay, what the feeds delivered. It prints JSON lines:
//   {"ready": {url, token}}                       serving (discovery under way)
//   {"discovered": {...}}                         every venue's universe in the scanner, every book live
//   {"window": {...}}                             after "measure S" on stdin: S seconds of steady state
// and exits on "exit" (or stdin closing).
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { constants as perfConstants, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { SimulatorCredentialStore } from '../src/host/simulator/simulatorSecrets';
import type { Engine } from '../src/engine';
import { startServe } from '../src/host/serve/serve';
import { SimulatorEndpointsSchema } from '../src/host/simulator/simulatorProcess';

export interface UniverseChildOptions {
  simFile: string;
  dataDir: string;
  rendererDir: string;
  out(line: string): void;
}

/** What the engine holds and has handled, at one moment. */
export interface EngineSample {
  at: number;
  cpuMicros: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  messages: number;
  busyMs: number;
  venues: { venue: string; connection: string; markets: number; unknownBooks: number; staleBooks: number; messageRate: number; connections: number }[];
  scanner: { markets: number; baskets: number; opportunities: number; equivalences: number; exclusiveSets: number; implications: number };
}

function sample(engine: Engine): EngineSample {
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  const { pump, scanner, venues } = engine.services;
  const counters = Object.values(pump.counters);
  const relations = scanner.relations();
  const connections = (venue: string) => {
    const feed = venues.venue(venue)?.feed as { connections?: () => unknown[]; subscribedTickers?: () => string[] } | undefined;
    return typeof feed?.connections === 'function' ? feed.connections().length : feed ? 1 : 0;
  };
  return {
    at: performance.now(),
    cpuMicros: cpu.user + cpu.system,
    rssBytes: mem.rss,
    heapUsedBytes: mem.heapUsed,
    heapTotalBytes: mem.heapTotal,
    externalBytes: mem.external,
    messages: counters.reduce((t, c) => t + c.messages, 0),
    // The message path and the sizing tasks after each turn's messages.
    busyMs: counters.reduce((t, c) => t + c.busyMs, 0) + pump.sizing.busyMs,
    venues: engine.services.venueStatuses().map((s) => ({
      venue: s.venue,
      connection: s.connection,
      markets: s.markets,
      unknownBooks: s.unknownBooks,
      staleBooks: s.staleBooks,
      messageRate: s.messageRate,
      connections: connections(s.venue),
    })),
    scanner: {
      markets: scanner.universe().markets.length,
      baskets: scanner.baskets().length,
      opportunities: scanner.opportunities().length,
      equivalences: relations.equivalent.length,
      exclusiveSets: relations.exclusive.length,
      implications: relations.implies.length,
    },
  };
}

export interface PauseTally {
  count: number;
  maxMs: number;
  totalMs: number;
}

/** The collector's pauses in a window: how much of the loop's delay was garbage collection. */
export interface GcPauses {
  minor: PauseTally;
  major: PauseTally;
}

function watchGc(): { stop(): GcPauses } {
  const pauses: GcPauses = { minor: { count: 0, maxMs: 0, totalMs: 0 }, major: { count: 0, maxMs: 0, totalMs: 0 } };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      const into = kind === perfConstants.NODE_PERFORMANCE_GC_MINOR ? pauses.minor : pauses.major;
      into.count++;
      into.maxMs = Math.max(into.maxMs, entry.duration);
      into.totalMs += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      observer.disconnect();
      return pauses;
    },
  };
}

/** The loop is sampled every RESOLUTION_MS; a sample's delay is how much later than that it ran. */
const RESOLUTION_MS = 10;

function delays(h: IntervalHistogram): { p50Ms: number; p99Ms: number; maxMs: number } {
  const late = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  return { p50Ms: late(h.percentile(50)), p99Ms: late(h.percentile(99)), maxMs: late(h.max) };
}

/**
 * With ARBDESK_BENCH_PROFILE=DIR, a CPU profile of a phase is written to DIR/universe-<phase>.cpuprofile
 * (open it in Chromium's DevTools): where the engine's time, and its loop's pauses, went. With
 * ARBDESK_BENCH_ALLOC=DIR instead, a sampled allocation profile, DIR/universe-<phase>.heapprofile,
 * counting what the young generation's collections freed too: what the engine allocates per message.
 */
async function startProfile(): Promise<{ stop(phase: string): Promise<void> } | null> {
  const cpuDir = process.env.ARBDESK_BENCH_PROFILE;
  const allocDir = process.env.ARBDESK_BENCH_ALLOC;
  if (!cpuDir && !allocDir) return null;
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
  if (cpuDir) {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
  } else {
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  return {
    async stop(phase) {
      if (cpuDir) {
        const { profile } = (await post('Profiler.stop')) as { profile: unknown };
        writeFileSync(path.join(cpuDir, `universe-${phase}.cpuprofile`), JSON.stringify(profile));
      } else {
        const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
        writeFileSync(path.join(allocDir!, `universe-${phase}.heapprofile`), JSON.stringify(profile));
      }
      session.disconnect();
    },
  };
}

/**
 * With ARBDESK_BENCH_LOG=FILE, the engine's log lines, each with the seconds since the child
 * started, and its Activity once the universe is in (discovery failures, reconnects, resyncs): what
 * the wait for "every book live" was made of.
 */
function benchLog(started: number): (message: string) => void {
  const file = process.env.ARBDESK_BENCH_LOG;
  if (!file) return () => undefined;
  return (message) => appendFileSync(file, `${((performance.now() - started) / 1000).toFixed(1)} s ${message}\n`);
}

export async function runUniverseChild(options: UniverseChildOptions): Promise<void> {
  const endpoints = SimulatorEndpointsSchema.parse(JSON.parse(readFileSync(options.simFile, 'utf8')));
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  const started = performance.now();
  const discoveryProfile = await startProfile();
  const handle = await startServe({
    port: 0,
    host: '127.0.0.1',
    dataDir: options.dataDir,
    rendererDir: options.rendererDir,
    secrets: new SimulatorCredentialStore(endpoints),
    simulator: { external: endpoints },
    log: benchLog(started),
  });
  const engine = handle.engine;
  options.out(JSON.stringify({ ready: { url: handle.url, token: handle.token } }));

  // Discovery into the universe: every venue connected, their markets in the scanner, every book live.
  let peakRss = 0;
  for (;;) {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    // Every venue this trader runs (the default jurisdiction leaves Polymarket US out). Only the
    // statuses are read while waiting: a whole sample (connections, baskets) every 100 ms held
    // the loop for milliseconds a time at the whole universe, and counted against the engine.
    const statuses = engine.services.venueStatuses();
    const done = statuses.length === engine.services.venues.available.length && statuses.every((v) => v.connection === 'connected' && v.markets > 0 && v.unknownBooks === 0);
    if (done) {
      const ms = performance.now() - started;
      const discoveryLoop = delays(loop);
      const s = sample(engine);
      options.out(JSON.stringify({ discovered: { ms, loop: discoveryLoop, peakRssBytes: Math.max(peakRss, s.rssBytes), sample: s } }));
      await discoveryProfile?.stop('discovery');
      if (process.env.ARBDESK_BENCH_LOG) {
        for (const a of engine.services.activity.query({ limit: 5_000 }).reverse()) appendFileSync(process.env.ARBDESK_BENCH_LOG, `activity ${new Date(a.at).toISOString()} ${a.kind} ${a.message}\n`);
      }
      // ARBDESK_BENCH_HEAP=DIR: a heap snapshot once the universe is in (what holds the memory).
      if (process.env.ARBDESK_BENCH_HEAP) writeHeapSnapshot(path.join(process.env.ARBDESK_BENCH_HEAP, 'universe-discovered.heapsnapshot'));
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const commands = createInterface({ input: process.stdin });
  for await (const line of commands) {
    const [cmd, arg] = line.trim().split(/\s+/);
    if (cmd === 'exit') break;
    if (cmd === 'sample') {
      options.out(JSON.stringify({ sample: sample(engine) }));
      continue;
    }
    if (cmd === 'measure') {
      const seconds = Number(arg);
      loop.reset();
      const before = sample(engine);
      let peak = before.rssBytes;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
      const profiler = await startProfile();
      const gc = watchGc();
      await new Promise((r) => setTimeout(r, seconds * 1000));
      const gcPauses = gc.stop();
      await profiler?.stop('steady');
      clearInterval(timer);
      const after = sample(engine);
      const elapsedMs = after.at - before.at;
      options.out(
        JSON.stringify({
          window: {
            seconds: elapsedMs / 1000,
            cpuShare: (after.cpuMicros - before.cpuMicros) / 1000 / elapsedMs,
            messagesPerSecond: ((after.messages - before.messages) * 1000) / elapsedMs,
            pumpBusyShare: (after.busyMs - before.busyMs) / elapsedMs,
            loop: delays(loop),
            gc: gcPauses,
            peakRssBytes: peak,
            sample: after,
          },
        }),
      );
    }
  }
  loop.disable();
  await handle.close();
}
