// The engine's own time per message: parsing excluded, book update + re-sizing of the affected
// baskets + opportunity bookkeeping included. Measured message by message on the generated stream.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { applyEnvelope, parseScenario, scannerFromScenario } from '../src/engine/offline';
import { streamFiles } from './data';
import type { BenchSection } from './types';

const BATCH = 20_000;

export const latencySection: BenchSection = {
  name: 'latency',
  title: 'engine time per message (JSON.parse excluded)',
  async run(ctx) {
    const { scenario, stream, info } = await streamFiles(ctx);
    const scanner = scannerFromScenario(parseScenario(JSON.parse(readFileSync(scenario, 'utf8'))));
    const times = new Float64Array(info.lines);
    let n = 0;
    let opened = 0;
    let batch: string[] = [];
    const now = Date.now();
    // Each line is parsed right before it is applied (as a live connector does), outside the timer.
    const flush = () => {
      for (const line of batch) {
        const envelope: unknown = JSON.parse(line);
        const t0 = process.hrtime.bigint();
        const r = applyEnvelope(scanner, envelope, now);
        times[n++] = Number(process.hrtime.bigint() - t0);
        if (r) opened += r.delta.opened.length;
      }
      batch = [];
    };
    const rl = createInterface({ input: createReadStream(stream, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
    for await (const line of rl) {
      if (line.length === 0) continue;
      batch.push(line);
      if (batch.length >= BATCH) flush();
    }
    flush();
    const sorted = times.slice(0, n).sort();
    const at = (q: number) => sorted[Math.min(n - 1, Math.floor(q * n))]! / 1000;
    const mean = sorted.reduce((t, v) => t + v, 0) / n / 1000;
    const { evaluations, sizings } = scanner.stats;
    ctx.log(
      `  ${n.toLocaleString('en-US')} messages: ${evaluations.toLocaleString('en-US')} baskets considered (${(evaluations / n).toFixed(2)} per message), ` +
        `${sizings.toLocaleString('en-US')} sized past the top-of-book test, ${opened} openings`,
    );
    const p99 = at(0.99);
    return [
      { name: 'p50', value: at(0.5), unit: 'µs' },
      { name: 'p90', value: at(0.9), unit: 'µs' },
      { name: 'p99', value: p99, unit: 'µs', target: { text: '< 100 µs', met: p99 < 100 } },
      { name: 'p99.9', value: at(0.999), unit: 'µs' },
      { name: 'max', value: sorted[n - 1]! / 1000, unit: 'µs' },
      { name: 'mean', value: mean, unit: 'µs' },
    ];
  },
};
