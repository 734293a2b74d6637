import { fileURLToPath } from 'node:url';
import { parseArgs, stringFlag, UsageError } from '../args';
import type { CliCommand, CliIo } from '../command';

function positiveNumber(text: string | undefined, name: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0 || Number(text) > max) throw new UsageError(`--${name} must be a number above 0 and at most ${max}, got "${text}"`);
  return Number(text);
}

export const chaosCommand: CliCommand = {
  name: 'chaos',
  summary: 'trade through simulator faults, then check ledger and books (exit 0: clean)',
  usage: [
    'Usage: arbdesk chaos [--minutes M] [--seed S] [--speed X] [--markets N] [--data-dir D]',
    '                     [--verbose]',
    '',
    'Runs the engine as serve does against the simulator while faults come and go, executes',
    'opportunities, engages the kill switch now and then, and checks the ledger, positions and',
    'books against the simulator. Exits 1 on any discrepancy (src/chaos/README.md).',
    '',
    '  --minutes M    how long (default 30)',
    '  --seed S       the world and fault schedule (default "chaos")',
    '  --speed X      world clock factor (default 10)',
    '  --markets N    about how many markets per venue',
    '  --data-dir D   keep the ledgers here (default: a temporary directory)',
    '  --verbose      print each step',
  ].join('\n'),
  async run(argv, io) {
    if (argv[0] === 'engine') return runEngineChild(argv.slice(1), io);
    const args = parseArgs(argv, ['minutes', 'seed', 'speed', 'markets', 'data-dir'], ['verbose']);
    if (args.positional.length > 0) throw new UsageError(`chaos takes no arguments, got "${args.positional[0]}"`);
    const minutes = positiveNumber(stringFlag(args, 'minutes'), 'minutes', 24 * 60) ?? 30;
    const speed = positiveNumber(stringFlag(args, 'speed'), 'speed', 1000) ?? 10;
    const markets = positiveNumber(stringFlag(args, 'markets'), 'markets', 500);
    const seed = stringFlag(args, 'seed') ?? 'chaos';
    const verbose = args.flags.has('verbose');
    // The engine, host and simulator load only when this command runs.
    const [{ runChaos }, { formatReport }] = await Promise.all([import('../../chaos/run'), import('../../chaos/report')]);
    io.err(`arbdesk chaos: ${minutes} min (half paper, half live on the simulator), seed "${seed}", world ×${speed}`);
    const report = await runChaos({
      minutes,
      seed,
      speed,
      ...(markets !== undefined ? { markets: Math.round(markets) } : {}),
      ...(stringFlag(args, 'data-dir') ? { dataDir: stringFlag(args, 'data-dir')! } : {}),
      log: (line) => {
        if (verbose || line.startsWith('chaos:')) io.err(line);
      },
    });
    for (const line of formatReport(report)) io.out(line);
    io.out(JSON.stringify(report));
    return report.ok ? 0 : 1;
  },
};

/**
 * `arbdesk chaos engine --sim FILE --data-dir D [--crash-at WINDOW]`: the engine under serve, live
 * on an already-running simulator (FILE: the JSON `arbdesk sim` prints), for the crash-recovery
 * test. With --crash-at it SIGKILLs itself at that point of its first execution.
 */
async function runEngineChild(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['sim', 'data-dir', 'crash-at']);
  const sim = stringFlag(args, 'sim');
  const dataDir = stringFlag(args, 'data-dir');
  if (!sim || !dataDir) throw new UsageError('chaos engine needs --sim FILE and --data-dir D');
  const [{ startEngineChild }, { CRASH_WINDOWS }] = await Promise.all([import('../../chaos/engineChild'), import('../../chaos/crashHooks')]);
  const crashAt = stringFlag(args, 'crash-at');
  if (crashAt !== undefined && !(CRASH_WINDOWS as readonly string[]).includes(crashAt)) throw new UsageError(`--crash-at must be one of ${CRASH_WINDOWS.join(', ')}, got "${crashAt}"`);
  const { handle, ready } = await startEngineChild({
    simEndpointsFile: sim,
    dataDir,
    rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)).replace(/\/$/, ''),
    ...(crashAt ? { crashAt: crashAt as (typeof CRASH_WINDOWS)[number] } : {}),
    log: io.err,
  });
  io.out(JSON.stringify(ready));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await handle.close();
  return 0;
}
