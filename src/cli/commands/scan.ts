import { parseArgs, UsageError } from '../args';
import type { CliCommand } from '../command';
import { errorLine } from '../errorLine';
import { InputError } from './inputError';

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'print the arbitrage opportunities of a scenario file (JSON)',
  usage: [
    'Usage: arbdesk scan SCENARIO.json',
    '',
    'Prints {"opportunities": [...]} for the markets, books, fees and relations of SCENARIO.json',
    '(docs/spec/formats.md). Bad input exits 2 with one stderr line naming the field.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, []);
    if (args.positional.length !== 1) throw new UsageError('usage: arbdesk scan SCENARIO.json');
    try {
      // The engine loads here, not at start-up.
      const { scanScenarioFile } = await import('./scanRun');
      io.out(scanScenarioFile(args.positional[0]!));
      return 0;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.err(errorLine(`arbdesk scan: ${e.message}`));
      return 2;
    }
  },
};
