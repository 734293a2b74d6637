// `arbdesk replay` on the generated stream against a bare readline + JSON.parse of the same file,
// both as fresh Node processes (so both pay the same start-up).
import { spawnSync } from 'node:child_process';
import { median, streamFiles } from './data';
import type { BenchSection } from './types';

const BARE_PARSE = `
const rl = require('node:readline').createInterface({ input: require('node:fs').createReadStream(process.argv[1]), crlfDelay: Infinity });
let n = 0;
rl.on('line', (line) => { if (line.length > 0) { JSON.parse(line); n++; } });
rl.on('close', () => console.log(n));
`;

function timed(args: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export const replaySection: BenchSection = {
  name: 'replay',
  title: '`arbdesk replay` against a bare readline + JSON.parse of the same stream',
  async run(ctx) {
    const { scenario, stream, info } = await streamFiles(ctx);
    const bare: number[] = [];
    const replay: number[] = [];
    const ratios: number[] = [];
    let summary = '';
    for (let i = 0; i < ctx.options.runs; i++) {
      const b = timed(['-e', BARE_PARSE, stream]);
      if (Number(b.stdout.trim()) !== info.lines) throw new Error(`bare parse read ${b.stdout.trim()} lines, expected ${info.lines}`);
      bare.push(b.ms);
      const r = timed([ctx.cli, 'replay', scenario, stream]);
      summary = r.stdout.trim().split('\n').pop() ?? '';
      replay.push(r.ms);
      ratios.push(r.ms / b.ms);
      ctx.log(`  run ${i + 1}: bare ${(b.ms / 1000).toFixed(2)} s, replay ${(r.ms / 1000).toFixed(2)} s (${(r.ms / b.ms).toFixed(2)}×)`);
    }
    const parsed = JSON.parse(summary) as { summary: { lines: number; skipped: number; opened: number } };
    if (parsed.summary.lines !== info.lines || parsed.summary.skipped !== 0) throw new Error(`unexpected replay summary ${summary}`);
    ctx.log(`  replay summary: ${JSON.stringify(parsed.summary)}`);
    // Each run times both back to back; the median of those paired ratios resists a busy machine.
    const ratio = median(ratios);
    const best = Math.min(...replay) / Math.min(...bare);
    return [
      { name: 'bare readline + JSON.parse', value: median(bare), unit: 'ms', display: `${(median(bare) / 1000).toFixed(2)} s (median; best ${(Math.min(...bare) / 1000).toFixed(2)} s)` },
      { name: 'arbdesk replay', value: median(replay), unit: 'ms', display: `${(median(replay) / 1000).toFixed(2)} s (median; best ${(Math.min(...replay) / 1000).toFixed(2)} s)` },
      { name: 'replay / bare parse', value: ratio, unit: '×', display: `${ratio.toFixed(2)}× (median of paired runs; best/best ${best.toFixed(2)}×)`, target: { text: '≤ 1.5×', met: ratio <= 1.5 } },
      { name: 'opportunities opened', value: parsed.summary.opened, unit: '' },
    ];
  },
};
