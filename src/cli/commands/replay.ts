import { parseArgs, UsageError } from '../args';
import type { CliCommand } from '../command';
import { errorLine } from '../errorLine';
import { InputError } from './inputError';

export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'replay venue messages; print opportunities as they open (JSON Lines)',
  usage: [
    'Usage: arbdesk replay SCENARIO.json STREAM.jsonl',
    '',
    'Applies each venue WebSocket message of STREAM.jsonl to the books of SCENARIO.json and prints',
    'a JSON line whenever a basket becomes an opportunity, then a summary (docs/spec/formats.md).',
    'Bad input exits 2 with one stderr line naming the field.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, []);
    if (args.positional.length !== 2) throw new UsageError('usage: arbdesk replay SCENARIO.json STREAM.jsonl');
    try {
      // The engine loads here, not at start-up.
      const { runReplay } = await import('./replayRun');
      await runReplay(args.positional[0]!, args.positional[1]!, io);
      return 0;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.err(errorLine(`arbdesk replay: ${e.message}`));
      return 2;
    }
  },
};
