import { parseArgs, UsageError } from '../args';
import type { CliCommand } from '../command';
import { errorLine } from '../errorLine';

export const relateCommand: CliCommand = {
  name: 'relate',
  summary: 'compare the contract specs of two markets (identical, complementary, implies, different)',
  usage: [
    'Usage: arbdesk relate A.json B.json',
    '',
    'Reads two markets as `arbdesk spec` does and prints one JSON object:',
    '{"relation": "identical|complementary|implies_a_to_b|implies_b_to_a|different|unknown",',
    ' "differing": [fields], "unknown": [fields], "specs": {"a": …, "b": …}}.',
    'Bad input exits 2 with one line naming the file and field.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, []);
    if (args.positional.length !== 2) throw new UsageError('usage: arbdesk relate A.json B.json');
    const { specOfFile, relateOutput } = await import('./specRun');
    const a = await specOfFile(args.positional[0]!);
    const b = await specOfFile(args.positional[1]!);
    if (!a.ok || !b.ok) {
      io.err(errorLine(`arbdesk relate: ${!a.ok ? a.message : !b.ok ? b.message : ''}`));
      return 2;
    }
    io.out(relateOutput(a.spec, b.spec));
    return 0;
  },
};
