import { intFlag, parseArgs, stringFlag, UsageError } from '../args';
import type { CliCommand } from '../command';

export const simCommand: CliCommand = {
  name: 'sim',
  summary: 'run the Kalshi + Polymarket venue simulator',
  usage: [
    'Usage: arbdesk sim [--seed S] [--port P] [--markets N] [--faults SPEC] [--speed X]',
    '                   [--polymarket-markets N] [--levels L] [--rate R] [--published-limits]',
    '',
    'Serves the Kalshi and Polymarket protocols on loopback; prints one JSON line with the',
    'endpoints and test credentials (src/sim/README.md).',
    '',
    '  --seed S                 the world (default "arbdesk")',
    '  --port P                 base port: Kalshi P, CLOB P+1, Gamma P+2, admin P+3 (default: free)',
    '  --markets N              about how many Kalshi markets to list (default 30, at most 10,000)',
    '  --faults SPEC            e.g. drop=0.01,gap=0.02,reject=0.05,partial=0.2,latency=200ms',
    '  --speed X                world clock factor (default 1)',
    '  --polymarket-markets N   a world at the venues\' scale: Polymarket lists about N markets',
    '                           (default: about as many as Kalshi; at most 25,000)',
    '  --levels L               price levels a side per market (default 6, at most 50)',
    '  --rate R                 move a Zipf-weighted sample of markets to keep both feeds at about',
    '                           R messages a second (default: every market every tick)',
    '  --published-limits       answer requests over the venues\' published REST limits with 429',
  ].join('\n'),
  async run(argv, io) {
    // Loaded here, not at the top: other commands start faster without the simulator.
    const [{ FaultSpecError, parseFaultSpec, startSimulator, MAX_SIM_LEVELS, MAX_SIM_MARKETS, MAX_SIM_POLYMARKET_MARKETS }, { exitWithHost }] = await Promise.all([
      import('../../sim/index'),
      import('../../host/simulator/parentWatch'),
    ]);
    const args = parseArgs(argv, ['seed', 'port', 'markets', 'faults', 'speed', 'polymarket-markets', 'levels', 'rate'], ['published-limits']);
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
    const polymarketMarkets = intFlag(args, 'polymarket-markets', 1, MAX_SIM_POLYMARKET_MARKETS);
    const levels = intFlag(args, 'levels', 1, MAX_SIM_LEVELS);
    const rate = intFlag(args, 'rate', 1, 1_000_000);
    const handle = await startSimulator({
      seed: stringFlag(args, 'seed'),
      port: intFlag(args, 'port', 0, 65530),
      markets: intFlag(args, 'markets', 1, MAX_SIM_MARKETS),
      faults,
      speed: speedText === undefined ? undefined : Number(speedText),
      ...(polymarketMarkets !== undefined ? { polymarketMarkets } : {}),
      ...(levels !== undefined ? { levels } : {}),
      ...(rate !== undefined ? { messagesPerSecond: rate } : {}),
      publishedLimits: args.flags.has('published-limits'),
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
