import path from 'node:path';
import { intFlag, parseArgs, stringFlag, UsageError } from '../args';
import type { CliCommand } from '../command';
import { cliEntry } from './serve';

export const recordCommand: CliCommand = {
  name: 'record',
  summary: 'record the live feeds as a replay stream (and a scenario file)',
  usage: [
    'Usage: arbdesk record --out FILE.jsonl [--scenario OUT.json] [--seconds S] [--messages N]',
    '                      [--data-dir D]',
    '',
    'Runs the feeds as serve would (same venue environments and keys; the simulator without keys)',
    'and writes every market-data message as a replay line.',
    '',
    '  --out FILE.jsonl      the stream (required)',
    '  --scenario OUT.json   also write a scenario: markets, fees, starting books, confirmed links',
    '  --seconds S           stop after S seconds',
    '  --messages N          stop after N messages',
    '  --data-dir D          where settings and links are read (default: the per-user directory)',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, ['out', 'scenario', 'seconds', 'messages', 'data-dir']);
    if (args.positional.length > 0) throw new UsageError(`record takes no arguments, got "${args.positional[0]}"`);
    const out = stringFlag(args, 'out');
    if (out === undefined) throw new UsageError('--out FILE.jsonl is required');
    const scenario = stringFlag(args, 'scenario') ?? null;
    if (scenario !== null && path.resolve(scenario) === path.resolve(out)) throw new UsageError('--scenario and --out must be different files');
    const seconds = intFlag(args, 'seconds', 1, 7 * 86_400);
    const messages = intFlag(args, 'messages', 1, 1_000_000_000);
    // Loaded here: the host (zod, ws, keytar, viem) only when recording.
    const [{ defaultDataDir }, { KeytarSecretStore }, { parseSimArgs }, { recordSession }] = await Promise.all([
      import('../../host/dataDir'),
      import('../../host/secrets/keytarStore'),
      import('../../host/simulator/simulatorSupervisor'),
      import('../../host/record/recordSession'),
    ]);
    let simArgs: string[];
    try {
      simArgs = parseSimArgs(process.env.ARBDESK_SIM_ARGS);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const stop = new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    io.err(`arbdesk record: writing ${out}${scenario ? ` and ${scenario}` : ''}; stop with Ctrl+C${seconds ? ` or after ${seconds} s` : ''}${messages ? ` or ${messages} messages` : ''}`);
    const summary = await recordSession({
      out,
      scenario,
      dataDir: stringFlag(args, 'data-dir') ?? defaultDataDir(),
      secrets: new KeytarSecretStore(),
      simulator: { cliPath: cliEntry(), args: simArgs },
      durationMs: seconds === undefined ? null : seconds * 1000,
      maxMessages: messages ?? null,
      stop,
      log: io.err,
    });
    io.out(JSON.stringify({ recorded: summary }));
    return 0;
  },
};
