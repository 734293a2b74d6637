import { parseArgs, UsageError } from '../args';
import type { CliCommand } from '../command';
import { errorLine } from '../errorLine';

export const specCommand: CliCommand = {
  name: 'spec',
  summary: "print the contract spec of one market given as the venue's own JSON",
  usage: [
    'Usage: arbdesk spec MARKET.json',
    '',
    "MARKET.json is one market as its venue's API returns it; each venue's reader knows its shapes",
    '(README: "Contract specs"). Prints one JSON object:',
    'subject, measure, comparator, threshold, time, timezone, window, source, void_rules, close_time,',
    'resolve_by, status, dispute, early_close and the evidence of each (README: "Contract specs").',
    'A field the rules do not state is "unknown". Bad input exits 2 with one line naming the field.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, []);
    if (args.positional.length !== 1) throw new UsageError('usage: arbdesk spec MARKET.json');
    // The parser loads here, not at start-up.
    const { specOfFile, specOutput } = await import('./specRun');
    const r = await specOfFile(args.positional[0]!);
    if (!r.ok) {
      io.err(errorLine(`arbdesk spec: ${r.message}`));
      return 2;
    }
    io.out(specOutput(r.spec));
    return 0;
  },
};
