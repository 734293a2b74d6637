// The engine's own time per message: parsing excluded, book update + re-sizing of the affected
// baskets + opportunity bookkeeping included. Measured message by message on the generated stream,
// each line parsed right before it is applied, as a live connector does: nothing but the current
// message is alive besides the engine, so a garbage collection that lands inside a measurement
// costs what the engine's own heap costs. (Reading the stream in batches of 20,000 lines kept
// ~5 MB of strings alive: every scavenge copied them, 4–10 ms each, and they made the old 8 ms
// maximum.) Where the slowest messages' time went is logged: a GC, a sizing, the first 20,000
// messages (the JIT warming up), or none of those (the process was preempted: look at the load).
import { readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { applyEnvelope, parseScenario, scannerFromScenario } from '../src/engine/offline';
import { streamFiles } from './data';
import type { BenchSection } from './types';

const SLOW_US = 20;
const WARM_UP_MESSAGES = 20_000;

interface GcEntry {
  start: number;
  end: number;
}

export const latencySection: BenchSection = {
  name: 'latency',
  title: 'engine time per message (JSON.parse excluded)',
  async run(ctx) {
    const { scenario, stream, info } = await streamFiles(ctx);
    const scanner = scannerFromScenario(parseScenario(JSON.parse(readFileSync(scenario, 'utf8'))));
    const bytes = readFileSync(stream);
    const times = new Float64Array(info.lines);
    const starts = new Float64Array(info.lines);
    const sized = new Uint8Array(info.lines);
    const gcs: GcEntry[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
    });
    observer.observe({ entryTypes: ['gc'] });
    let n = 0;
    let opened = 0;
    const now = Date.now();
    for (let from = 0, nl = bytes.indexOf(10); from < bytes.length; from = nl + 1, nl = bytes.indexOf(10, from)) {
      const to = nl === -1 ? bytes.length : nl;
      if (to > from) {
        const envelope: unknown = JSON.parse(bytes.toString('utf8', from, to));
        const sizings = scanner.stats.sizings;
        const t0 = performance.now();
        const r = applyEnvelope(scanner, envelope, now);
        const t1 = performance.now();
        times[n] = (t1 - t0) * 1000;
        starts[n] = t0;
        sized[n] = scanner.stats.sizings > sizings ? 1 : 0;
        n++;
        if (r) opened += r.delta.opened.length;
      }
      if (nl === -1) break;
    }
    // GC entries are delivered asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => times[b]! - times[a]!);
    const sorted = order.map((i) => times[i]!).reverse();
    const at = (q: number) => sorted[Math.min(n - 1, Math.floor(q * n))]!;
    const mean = sorted.reduce((t, v) => t + v, 0) / n;
    const { evaluations, sizings } = scanner.stats;
    ctx.log(
      `  ${n.toLocaleString('en-US')} messages: ${evaluations.toLocaleString('en-US')} baskets considered (${(evaluations / n).toFixed(2)} per message), ` +
        `${sizings.toLocaleString('en-US')} sized past the top-of-book test, ${opened} openings`,
    );
    const inGc = (i: number) => gcs.some((g) => g.start < starts[i]! + times[i]! / 1000 && g.end > starts[i]!);
    const slow = { total: 0, gc: 0, sizing: 0, warmUp: 0, other: 0 };
    for (const i of order) {
      if (times[i]! <= SLOW_US) break;
      slow.total++;
      if (inGc(i)) slow.gc++;
      else if (sized[i] === 1) slow.sizing++;
      else if (i < WARM_UP_MESSAGES) slow.warmUp++;
      else slow.other++;
    }
    ctx.log(
      `  over ${SLOW_US} µs: ${slow.total} messages — ${slow.gc} during a GC, ${slow.sizing} sizing baskets, ${slow.warmUp} among the first ${WARM_UP_MESSAGES.toLocaleString('en-US')} (JIT warm-up), ${slow.other} other (preempted)`,
    );
    ctx.log(`  slowest: ${order.slice(0, 5).map((i) => `#${i + 1} ${times[i]!.toFixed(0)} µs${inGc(i) ? ' (GC)' : sized[i] ? ' (sizing)' : ''}`).join(', ')}; ${gcs.length} GCs in the run`);
    const p99 = at(0.99);
    const p999 = at(0.999);
    const max = sorted[n - 1]!;
    return [
      { name: 'p50', value: at(0.5), unit: 'µs' },
      { name: 'p90', value: at(0.9), unit: 'µs' },
      { name: 'p99', value: p99, unit: 'µs', target: { text: '< 100 µs', met: p99 < 100 } },
      { name: 'p99.9', value: p999, unit: 'µs', target: { text: '≤ 20 µs', met: p999 <= 20 } },
      { name: 'max', value: max, unit: 'µs', target: { text: '≤ 1 ms', met: max <= 1_000 } },
      { name: 'mean', value: mean, unit: 'µs' },
    ];
  },
};
