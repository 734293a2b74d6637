// Both venues' whole open universe on one machine: the simulator at the venues' real scale
// (10,000 Kalshi markets, 20,000 Polymarket markets = 40,000 tokens, 20 levels a side, ~5,000
// feed messages a second spread Zipf-like over the markets, cross-venue links and exclusive sets
// at a realistic density), each in its own process: the simulator, and the engine as `arbdesk
// serve` runs it (bench/universeChild.ts) through the real connectors over loopback. Measured:
// discovery into the engine's universe (every book live) within the venues' published REST
// limits (the simulator refuses and counts requests over them), the engine's resident memory,
// CPU and event-loop delay at that rate, the trader's UI in Chromium on top, and the simulator's
// own CPU share. The trader is taken to have confirmed the true cross-venue links in earlier
// sessions (links.json), so the scanner trades them as it would.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import type { BenchSection, Measurement } from './types';
import type { EngineSample, GcPauses, PauseTally } from './universeChild';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const MB = 1024 * 1024;

interface WindowReport {
  seconds: number;
  cpuShare: number;
  messagesPerSecond: number;
  pumpBusyShare: number;
  loop: { p50Ms: number; p99Ms: number; maxMs: number };
  gc: GcPauses;
  peakRssBytes: number;
  sample: EngineSample;
}

interface SimSummary {
  traffic: {
    sent: Record<string, number>;
    throttled: Record<string, number>;
    polymarketWindows: { api: string; path: string; peak: number; limit: number; windowMs: number }[];
    cpuMicros: { user: number; system: number };
    rssBytes: number;
  };
}

/** The engine child: JSON lines out, commands in. */
function startEngineChild(cli: string, simFile: string, dataDir: string) {
  const child = spawn(process.execPath, [cli, 'bench', '--child', 'universe', '--sim', simFile, '--data-dir', dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const waiting = new Map<string, (value: unknown) => void>();
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    for (const [key, resolve] of waiting) {
      if (key in msg) {
        waiting.delete(key);
        resolve(msg[key]);
      }
    }
  });
  const next = <T>(key: string, timeoutMs: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the engine gave no "${key}" within ${timeoutMs / 1000} s; stderr: ${stderr}`)), timeoutMs);
      const onExit = (code: number | null) => reject(new Error(`the engine exited (${code}) before "${key}"; stderr: ${stderr}`));
      child.once('exit', onExit);
      waiting.set(key, (v) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(v as T);
      });
    });
  return {
    pid: child.pid!,
    next,
    send: (line: string) => child.stdin!.write(`${line}\n`),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end('exit\n');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

async function simSummary(admin: string): Promise<SimSummary> {
  return (await (await fetch(`${admin}/`)).json()) as SimSummary;
}

/** links.json as a trader leaves it after confirming the simulator's true cross-venue links. */
function confirmedLinks(equivalent: [string, string][], at: number): object {
  const side = (ref: string) => ({ market: ref, title: ref, rules: '', closeTime: null });
  return {
    version: 1,
    decisions: equivalent.map(([ticker, conditionId]) => ({
      kalshi: side(`kalshi:${ticker}`),
      polymarket: side(`polymarket:${conditionId}`),
      status: 'confirmed',
      decidedAt: at,
      score: 1,
      reasons: ['confirmed in an earlier session'],
    })),
  };
}

export const universeSection: BenchSection = {
  name: 'universe',
  title: "both venues' whole universe: simulator at real scale, engine as serve runs it, UI on top",
  async run(ctx) {
    const o = ctx.options.universe;
    const [{ startSimulatorProcess }, { measureWindow, SocketCounter }, { SOCKET_TAP, SELECT_OPEN_OPPORTUNITY }] = await Promise.all([
      import('../src/host/simulator/simulatorProcess'),
      import('./uiMeasure'),
      import('./uiPage'),
    ]);
    const simStarted = performance.now();
    const sim = await startSimulatorProcess({
      cliPath: ctx.cli,
      args: ['--seed', 'universe', '--markets', String(o.kalshiMarkets), '--polymarket-markets', String(o.polymarketMarkets), '--levels', String(o.levels), '--rate', String(o.messagesPerSecond), '--published-limits'],
      timeoutMs: 300_000,
    });
    const admin = sim.endpoints.admin!;
    ctx.log(`  simulator up in ${((performance.now() - simStarted) / 1000).toFixed(1)} s (pid ${sim.child.pid})`);
    const dir = path.join(ctx.workDir, 'universe');
    mkdirSync(dir, { recursive: true });
    const simFile = path.join(dir, 'sim.json');
    writeFileSync(simFile, JSON.stringify(sim.endpoints));
    const relations = (await (await fetch(`${admin}/truth/relations`)).json()) as { equivalent: [string, string][]; exclusive: unknown[] };
    writeFileSync(path.join(dir, 'links.json'), JSON.stringify(confirmedLinks(relations.equivalent, Date.now())));

    const engine = startEngineChild(ctx.cli, simFile, dir);
    let browser: Browser | null = null;
    try {
      const ready = await engine.next<{ url: string; token: string }>('ready', 120_000);
      const discovered = await engine.next<{ ms: number; loop: WindowReport['loop']; peakRssBytes: number; sample: EngineSample }>('discovered', 900_000);
      const d = discovered.sample;
      ctx.log(
        `  discovery: ${d.scanner.markets.toLocaleString('en-US')} markets in the scanner (${d.venues.map((v) => `${v.venue} ${v.markets.toLocaleString('en-US')} on ${v.connections} connection(s)`).join(', ')}), every book live, in ${(discovered.ms / 1000).toFixed(1)} s; ` +
          `${d.scanner.baskets.toLocaleString('en-US')} baskets from ${d.scanner.equivalences} confirmed links, ${d.scanner.exclusiveSets} exclusive sets, ${d.scanner.implications} implications`,
      );
      const afterDiscovery = await simSummary(admin);
      const windows = afterDiscovery.traffic.polymarketWindows.filter((w) => w.peak > 0).map((w) => `${w.api} ${w.path} ${w.peak}/${w.limit} per ${w.windowMs / 1000} s`);
      ctx.log(`  REST during discovery: refused for rate — Kalshi ${afterDiscovery.traffic.throttled.kalshi}, Polymarket ${afterDiscovery.traffic.throttled.polymarket}; busiest windows: ${windows.join(', ') || 'none'}`);

      // Settle (link matching runs in slices after the first discovery), then measure.
      await new Promise((r) => setTimeout(r, o.settleSeconds * 1000));
      browser = await (await import('playwright-core')).chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript(SOCKET_TAP);
      const socket = new SocketCounter();
      await socket.attach(page);
      const opening = performance.now();
      await page.goto(ready.url);
      await page.getByRole('table', { name: 'Opportunities' }).waitFor({ timeout: 60_000 });
      const tableMs = performance.now() - opening;
      await page.evaluate<boolean>(SELECT_OPEN_OPPORTUNITY);
      await page.mouse.move(1400, 880);
      // The window reads the links list in pages after its snapshot: steady state starts once it has.
      await socket.linksRead(120_000);
      ctx.log(`  UI open: opportunities shown in ${(tableMs / 1000).toFixed(1)} s, the links list read (${socket.linkPages} pages) in ${((socket.lastLinkPageAt! - opening) / 1000).toFixed(1)} s`);

      const simBefore = await simSummary(admin);
      const windowDone = engine.next<WindowReport>('window', (o.seconds + 120) * 1000);
      engine.send(`measure ${o.seconds}`);
      const ui = await measureWindow(browser, page, socket, o.seconds);
      const w = await windowDone;
      const simAfter = await simSummary(admin);
      const simCpu = (simAfter.traffic.cpuMicros.user + simAfter.traffic.cpuMicros.system - simBefore.traffic.cpuMicros.user - simBefore.traffic.cpuMicros.system) / 1000 / (w.seconds * 1000);
      const sent = (simAfter.traffic.sent.kalshi! + simAfter.traffic.sent.polymarket! - simBefore.traffic.sent.kalshi! - simBefore.traffic.sent.polymarket!) / w.seconds;
      ctx.log(
        `  steady state over ${w.seconds.toFixed(0)} s: ${w.messagesPerSecond.toFixed(0)} msg/s into the engine (simulator sent ${sent.toFixed(0)}/s), pump busy ${(w.pumpBusyShare * 100).toFixed(1)}% of the time, ` +
          `${w.sample.scanner.opportunities} opportunities open; event loop p50 ${w.loop.p50Ms.toFixed(2)} ms, max ${w.loop.maxMs.toFixed(1)} ms; simulator RSS ${(simAfter.traffic.rssBytes / MB).toFixed(0)} MB`,
      );
      const pauses = (p: PauseTally) => `${p.count} (longest ${p.maxMs.toFixed(1)} ms, ${p.totalMs.toFixed(0)} ms in all)`;
      ctx.log(`  engine garbage collection in those ${w.seconds.toFixed(0)} s: scavenges ${pauses(w.gc.minor)}, mark-compact and other pauses ${pauses(w.gc.major)}`);
      ctx.log(`  UI: ${ui.tasks} main-thread tasks, longest ${ui.longestTaskMs.toFixed(1)} ms (${ui.longestContents || '—'}); to the UI ${ui.kinds}`);
      const mem = (label: string, peak: number, at: EngineSample) =>
        `${label} peak RSS ${(peak / MB).toFixed(0)} MB (then heap used ${(at.heapUsedBytes / MB).toFixed(0)} of ${(at.heapTotalBytes / MB).toFixed(0)} MB, external ${(at.externalBytes / MB).toFixed(0)} MB, RSS ${(at.rssBytes / MB).toFixed(0)} MB)`;
      ctx.log(`  engine memory: ${mem('discovery', discovered.peakRssBytes, d)}; ${mem('steady state', w.peakRssBytes, w.sample)}`);
      const throttled = afterDiscovery.traffic.throttled.kalshi! + afterDiscovery.traffic.throttled.polymarket!;
      const rss = Math.max(w.peakRssBytes, discovered.peakRssBytes) / MB;
      const measurements: Measurement[] = [
        { name: 'markets (Kalshi + Polymarket)', value: d.scanner.markets, unit: '', display: `${d.venues.map((v) => v.markets.toLocaleString('en-US')).join(' + ')} (${d.venues.map((v) => `${v.connections} connection(s)`).join(' + ')})` },
        { name: 'discovery, every book live', value: discovered.ms, unit: 'ms' },
        {
          name: 'requests over published limits',
          value: throttled,
          unit: '',
          display: `${throttled} (Kalshi Basic tier; Gamma /events ${afterDiscovery.traffic.polymarketWindows.find((x) => x.path === '/events')?.peak ?? 0}/500 per 10 s at peak)`,
          target: { text: '= 0', met: throttled === 0 },
        },
        { name: 'engine resident (RSS)', value: rss, unit: 'MB', target: { text: '≤ 500 MB', met: rss <= 500 } },
        { name: 'feed messages into engine', value: w.messagesPerSecond, unit: 'msg/s' },
        { name: 'engine CPU', value: w.cpuShare * 100, unit: '%', display: `${(w.cpuShare * 100).toFixed(1)}% of one core`, target: { text: '≤ 25%', met: w.cpuShare <= 0.25 } },
        { name: 'event-loop delay p99', value: w.loop.p99Ms, unit: 'ms', display: `${w.loop.p99Ms.toFixed(2)} ms (max ${w.loop.maxMs.toFixed(1)} ms)`, target: { text: '≤ 10 ms', met: w.loop.p99Ms <= 10 } },
        { name: 'event-loop delay p99 (discovery)', value: discovered.loop.p99Ms, unit: 'ms', display: `${discovered.loop.p99Ms.toFixed(2)} ms (max ${discovered.loop.maxMs.toFixed(1)} ms)` },
        { name: 'UI frames per second', value: ui.fps, unit: 'fps', target: { text: '≥ 55', met: ui.fps >= 55 } },
        { name: 'UI longest task', value: ui.longestTaskMs, unit: 'ms', display: `${ui.longestTaskMs.toFixed(1)} ms`, target: { text: '≤ 50 ms', met: ui.longestTaskMs <= 50 } },
        { name: 'simulator CPU', value: simCpu * 100, unit: '%', display: `${(simCpu * 100).toFixed(1)}% of one core (${sent.toFixed(0)} msg/s sent)` },
      ];
      return measurements;
    } finally {
      await browser?.close();
      await engine.stop();
      await sim.stop();
    }
  },
};
