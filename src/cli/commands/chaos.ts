import { parseArgs, stringFlag, UsageError } from '../args';
import type { CliCommand } from '../command';

function positiveNumber(text: string | undefined, name: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0 || Number(text) > max) throw new UsageError(`--${name} must be a number above 0 and at most ${max}, got "${text}"`);
  return Number(text);
}

export const chaosCommand: CliCommand = {
  name: 'chaos',
  summary: 'chaos [--minutes M] [--seed S] [--speed X] [--markets N] [--data-dir D] [--verbose]   trade the engine through simulator faults and check the ledger and books (exit 0 = all clean)',
  async run(argv, io) {
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
