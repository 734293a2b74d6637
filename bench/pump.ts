// The live engine's feed pump: every venue message through the whole path the engine runs live —
// staleness bookkeeping, the scanner, the opportunity publisher (coalesced pushes, serialised as
// the WebSocket transport would send them), watched books — against the bare scanner on the same
// messages. Messages are parsed up front (a connector parses each before handing it over), and fed
// in batches with the event loop turning between them so coalesced pushes and timers really run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createEngine, type SecretStore } from '../src/engine';
import { applyEnvelope, loadScenarioInto, parseScenario, scannerFromScenario } from '../src/engine/offline';
import type { VenueId } from '../src/shared/ids';
import { median, streamFiles } from './data';
import type { BenchSection } from './types';

const BATCH = 1_000;
const WATCHED = 10;

const noSecrets: SecretStore = {
  status: async () => ({ available: false, backend: 'bench', detail: null }),
  get: async () => null,
  set: async () => undefined,
  delete: async () => undefined,
  has: async () => false,
};

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export const pumpSection: BenchSection = {
  name: 'pump',
  title: 'live feed pump (staleness, scanner, coalesced opportunity/book events) against the bare scanner',
  async run(ctx) {
    const { scenario, stream } = await streamFiles(ctx);
    const parsedScenario = parseScenario(JSON.parse(readFileSync(scenario, 'utf8')));
    const messages = readFileSync(stream, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as { venue: VenueId; data: unknown });

    const bare: number[] = [];
    const pump: number[] = [];
    let report = '';
    for (let run = 0; run < ctx.options.runs; run++) {
      // The bare scanner, in the same batches.
      const scanner = scannerFromScenario(parsedScenario);
      const t0 = performance.now();
      for (let i = 0; i < messages.length; i += BATCH) {
        const end = Math.min(messages.length, i + BATCH);
        const now = Date.now();
        for (let j = i; j < end; j++) applyEnvelope(scanner, messages[j], now);
        await turn();
      }
      bare.push(performance.now() - t0);

      // The engine's pump.
      const dataDir = mkdtempSync(path.join(ctx.workDir, 'pump-'));
      const engine = await createEngine({ host: 'serve', dataDir, secrets: noSecrets, log: () => undefined });
      const { scanner: engineScanner, bookWatch, publisher, pump: enginePump } = engine.services;
      let frames = 0;
      let bytes = 0;
      const sub = engine.onEvent((e) => {
        frames++;
        bytes += JSON.stringify({ type: 'event', ...e }).length;
      });
      loadScenarioInto(engineScanner, parsedScenario, Date.now());
      for (const m of parsedScenario.markets.slice(0, WATCHED)) bookWatch.watch(`${m.spec.venue}:${m.spec.id}`);
      publisher.snapshot();
      const t1 = performance.now();
      for (let i = 0; i < messages.length; i += BATCH) {
        const end = Math.min(messages.length, i + BATCH);
        for (let j = i; j < end; j++) {
          const m = messages[j]!;
          enginePump.handle(m.venue, { venue: m.venue, data: m.data, receivedAt: performance.now() });
        }
        await turn();
      }
      enginePump.flush();
      publisher.flush();
      pump.push(performance.now() - t1);
      const handled = Object.values(enginePump.counters).reduce((n, c) => n + c.messages, 0);
      report = `${handled.toLocaleString('en-US')} messages, ${frames.toLocaleString('en-US')} events pushed (${(bytes / 1e6).toFixed(1)} MB), ${publisher.opportunitiesSeen} opportunities seen`;
      sub.dispose();
      engine.dispose();
      rmSync(dataDir, { recursive: true, force: true });
      ctx.log(`  run ${run + 1}: scanner ${(bare.at(-1)! / 1000).toFixed(2)} s, pump ${(pump.at(-1)! / 1000).toFixed(2)} s`);
    }
    ctx.log(`  pump: ${report}`);
    const rate = (ms: number) => messages.length / (ms / 1000);
    const pumpRate = rate(median(pump));
    const ratio = median(pump) / median(bare);
    return [
      { name: 'bare scanner', value: rate(median(bare)), unit: 'msg/s' },
      { name: 'engine pump', value: pumpRate, unit: 'msg/s', target: { text: '≥ 50,000 msg/s', met: pumpRate >= 50_000 } },
      { name: 'pump / bare scanner', value: ratio, unit: '×', display: `${ratio.toFixed(2)}× the scanner's time`, target: { text: '≤ 1.5×', met: ratio <= 1.5 } },
    ];
  },
};
