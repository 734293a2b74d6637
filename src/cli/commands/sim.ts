import { intFlag, parseArgs, stringFlag, UsageError } from '../args';
import type { CliCommand } from '../command';

export const simCommand: CliCommand = {
  name: 'sim',
  summary: 'run the Kalshi + Polymarket venue simulator',
  usage: [
    'Usage: arbdesk sim [--seed S] [--port P] [--markets N] [--faults SPEC] [--speed X]',
    '',
    'Serves the Kalshi and Polymarket protocols on loopback; prints one JSON line with the',
    'endpoints and test credentials (src/sim/README.md).',
    '',
    '  --seed S       the world (default "arbdesk")',
    '  --port P       base port: Kalshi P, CLOB P+1, Gamma P+2, admin P+3 (default: free ports)',
    '  --markets N    about how many Kalshi markets to list (default 30)',
    '  --faults SPEC  e.g. drop=0.01,gap=0.02,reject=0.05,partial=0.2,latency=200ms',
    '  --speed X      world clock factor (default 1)',
  ].join('\n'),
  async run(argv, io) {
    // Loaded here, not at the top: other commands start faster without the simulator.
    const [{ FaultSpecError, parseFaultSpec, startSimulator }, { exitWithHost }] = await Promise.all([
      import('../../sim/index'),
      import('../../host/simulator/parentWatch'),
    ]);
    const args = parseArgs(argv, ['seed', 'port', 'markets', 'faults', 'speed']);
    if (args.positional.length > 0) throw new UsageError(`sim takes no arguments, got "${args.positional[0]}"`);
    const faults = stringFlag(args, 'faults') ?? '';
    try {
      parseFaultSpec(faults);
    } catch (e) {
      if (e instanceof FaultSpecError) throw new UsageError(`--faults: ${e.message}`);
      throw e;
    }
    const speedText = stringFlag(args, 'speed');
    if (speedText !== undefined && (!/^\d+(\.\d+)?$/.test(speedText) || Number(speedText) <= 0 || Number(speedText) > 1000)) {
      throw new UsageError(`--speed must be a number above 0 and at most 1000, got "${speedText}"`);
    }
    const handle = await startSimulator({
      seed: stringFlag(args, 'seed'),
      port: intFlag(args, 'port', 0, 65532),
      markets: intFlag(args, 'markets', 1, 2000),
      faults,
      speed: speedText === undefined ? undefined : Number(speedText),
      log: io.err,
    });
    io.out(JSON.stringify(handle.endpoints));
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // Started by a host (serve, the desktop app): stop with it, even when it was killed.
      exitWithHost(stop);
    });
    await handle.close();
    return 0;
  },
};
