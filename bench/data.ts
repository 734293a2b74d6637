import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext } from './types';
import { generateStream, type GeneratedStream } from './generate';

export interface StreamFiles {
  scenario: string;
  stream: string;
  info: GeneratedStream;
}

const generated = new Map<string, Promise<StreamFiles>>();

/** The generated scenario and stream for this run, written once and shared by the sections. */
export function streamFiles(ctx: BenchContext): Promise<StreamFiles> {
  const { pairs, lines, seed } = ctx.options;
  const key = `${ctx.workDir}|${pairs}|${lines}|${seed}`;
  let files = generated.get(key);
  if (!files) {
    files = (async () => {
      const scenario = path.join(ctx.workDir, `scenario-${pairs}.json`);
      const stream = path.join(ctx.workDir, `stream-${pairs}x${lines}.jsonl`);
      const started = performance.now();
      const info = await generateStream(stream, pairs, lines, seed);
      if (!existsSync(scenario)) writeFileSync(scenario, JSON.stringify(info.scenario));
      const c = info.counts;
      ctx.log(
        `  generated ${info.lines.toLocaleString('en-US')} lines over ${pairs.toLocaleString('en-US')} pairs in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
          `${c.kalshi_delta} deltas, ${c.price_change} price_changes, ${c.kalshi_snapshot} Kalshi snapshots, ${c.polymarket_book} Polymarket books, ${c.aggressive} arbitrage-opening quotes`,
      );
      return { scenario, stream, info };
    })();
    generated.set(key, files);
  }
  return files;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
