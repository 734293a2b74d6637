import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchOptions, Measurement } from '../../../bench';
import { intFlag, parseArgs, stringFlag, UsageError } from '../args';
import type { CliCommand } from '../command';

function format(m: Measurement): string {
  const value = m.display ?? (m.unit === 'ms' ? `${(m.value / 1000).toFixed(2)} s` : `${m.value < 10 ? m.value.toFixed(2) : m.value < 100 ? m.value.toFixed(1) : Math.round(m.value).toLocaleString('en-US')}${m.unit ? ` ${m.unit}` : ''}`);
  const target = m.target ? `   target ${m.target.text} ${m.target.met ? '✔' : '✘ MISSED'}` : '';
  return `  ${m.name.padEnd(28)} ${value}${target}`;
}

function speedFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const speed = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(speed > 0 && speed <= 100)) throw new UsageError(`--ui-speed must be a number above 0 and at most 100, got "${text}"`);
  return speed;
}

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'benchmarks: start-up, replay, engine latency, memory, kill switch, ledger, UI, universe',
  usage: [
    'Usage: arbdesk bench [--only a,b] [--lines N] [--pairs N] [--runs N] [--keep]',
    '                     [--ui-markets N] [--ui-speed X] [--ui-seconds N]',
    '                     [--universe-kalshi N] [--universe-polymarket N] [--universe-levels L]',
    '                     [--universe-rate R] [--universe-seconds S]',
    '',
    'Measures and checks the targets; exits 1 when one is missed.',
    '',
    '  --only a,b        run only these benchmarks (startup, replay, latency, pump, memory,',
    '                    kill-switch, ledger, ui, universe)',
    '  --lines N         replay stream length (default 400,000)',
    '  --pairs N         market pairs in the engine latency run (default 1,000)',
    '  --runs N          repetitions of the kill-switch measurement (default 5)',
    '  --ui-markets N    markets the simulator lists for the UI run (default 2,000)',
    '  --ui-speed X      the simulator clock for the UI run (default 0.05)',
    '  --ui-seconds N    how long the UI run measures (default 10)',
    '  --ledger-baskets N baskets written in the ledger run (default 500)',
    '  --universe-kalshi N, --universe-polymarket N',
    '                    markets the simulator lists for the universe run (default 10,000 and',
    '                    20,000: 40,000 Polymarket tokens)',
    '  --universe-levels L  price levels a side (default 20)',
    '  --universe-rate R  feed messages a second, Zipf-like over the markets (default 5,000)',
    '  --universe-seconds S  how long the universe run measures (default 30)',
    '  --keep            keep the working directory',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(
      argv,
      ['only', 'lines', 'pairs', 'runs', 'seed', 'markets', 'levels', 'child', 'sim', 'data-dir', 'ui-markets', 'ui-speed', 'ui-seconds', 'ui-wait', 'ledger-baskets', 'universe-kalshi', 'universe-polymarket', 'universe-levels', 'universe-rate', 'universe-seconds', 'universe-settle'],
      ['keep'],
    );
    if (args.positional.length > 0) throw new UsageError(`bench takes no arguments, got "${args.positional[0]}"`);
    const markets = intFlag(args, 'markets', 2, 1_000_000) ?? 2_000;
    const levels = intFlag(args, 'levels', 1, 500) ?? 50;

    // The benchmarks (and the engine they drive) load only when this command runs.
    const { BENCH_SECTIONS, memoryChild, runUniverseChild } = await import('../../../bench');
    const child = stringFlag(args, 'child');
    if (child !== undefined) {
      if (child === 'universe') {
        const sim = stringFlag(args, 'sim');
        const dataDir = stringFlag(args, 'data-dir');
        if (!sim || !dataDir) throw new UsageError('--child universe needs --sim FILE and --data-dir D');
        await runUniverseChild({ simFile: sim, dataDir, rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)).replace(/\/$/, ''), out: io.out });
        return 0;
      }
      if (child !== 'memory') throw new UsageError(`--child must be "memory" or "universe"`);
      io.out(JSON.stringify(memoryChild(markets, levels)));
      return 0;
    }

    const options: BenchOptions = {
      lines: intFlag(args, 'lines', 1_000, 100_000_000) ?? 400_000,
      pairs: intFlag(args, 'pairs', 1, 1_000_000) ?? 1_000,
      memoryMarkets: markets,
      memoryLevels: levels,
      runs: intFlag(args, 'runs', 1, 50) ?? 5,
      ledgerBaskets: intFlag(args, 'ledger-baskets', 10, 100_000) ?? 500,
      seed: intFlag(args, 'seed', 0, 2 ** 31) ?? 20_260_101,
      uiMarkets: intFlag(args, 'ui-markets', 1, 2_000) ?? 2_000,
      uiSpeed: speedFlag(stringFlag(args, 'ui-speed')) ?? 0.05,
      uiSeconds: intFlag(args, 'ui-seconds', 1, 600) ?? 10,
      uiWaitSeconds: intFlag(args, 'ui-wait', 0, 3_600) ?? 90,
      universe: {
        kalshiMarkets: intFlag(args, 'universe-kalshi', 10, 10_000) ?? 10_000,
        polymarketMarkets: intFlag(args, 'universe-polymarket', 10, 25_000) ?? 20_000,
        levels: intFlag(args, 'universe-levels', 1, 50) ?? 20,
        messagesPerSecond: intFlag(args, 'universe-rate', 10, 100_000) ?? 5_000,
        seconds: intFlag(args, 'universe-seconds', 1, 600) ?? 30,
        settleSeconds: intFlag(args, 'universe-settle', 0, 600) ?? 20,
      },
    };
    const only = stringFlag(args, 'only')?.split(',').filter(Boolean);
    const known = BENCH_SECTIONS.map((s) => s.name);
    for (const name of only ?? []) if (!known.includes(name)) throw new UsageError(`--only: unknown benchmark "${name}" (one of ${known.join(', ')})`);
    const sections = BENCH_SECTIONS.filter((s) => !only || only.includes(s.name));

    const workDir = mkdtempSync(path.join(os.tmpdir(), 'arbdesk-bench-'));
    const cli = fileURLToPath(new URL('../../bin/arbdesk.mjs', import.meta.url));
    const ctx = { workDir, cli, options, log: (line: string) => io.out(line) };
    io.out(`ArbDesk benchmarks · Node ${process.version} · ${os.cpus().length} CPU(s) · data in ${workDir}`);
    let missed = 0;
    const results: Record<string, Measurement[]> = {};
    try {
      for (const section of sections) {
        io.out(`▶ ${section.name}: ${section.title}`);
        const measurements = await section.run(ctx);
        results[section.name] = measurements;
        for (const m of measurements) {
          io.out(format(m));
          if (m.target && !m.target.met) missed++;
        }
      }
    } finally {
      if (!args.flags.has('keep')) rmSync(workDir, { recursive: true, force: true });
    }
    io.out(JSON.stringify({ bench: results }));
    io.out(missed === 0 ? 'All targets met.' : `${missed} target(s) missed.`);
    return missed === 0 ? 0 : 1;
  },
};
