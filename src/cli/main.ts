import { ARBDESK_VERSION } from '../shared/version';
import { UsageError } from './args';
import type { CliCommand, CliIo } from './command';
import { errorLine } from './errorLine';
import { benchCommand } from './commands/bench';
import { chaosCommand } from './commands/chaos';
import { recordCommand } from './commands/record';
import { replayCommand } from './commands/replay';
import { scanCommand } from './commands/scan';
import { serveCommand } from './commands/serve';
import { simCommand } from './commands/sim';
import { relateCommand } from './commands/relate';
import { specCommand } from './commands/spec';

/** Adding a subcommand is adding its file and one line here. */
const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  scanCommand,
  replayCommand,
  recordCommand,
  benchCommand,
  simCommand,
  chaosCommand,
  specCommand,
  relateCommand,
];

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const HELP = new Set(['--help', '-h']);

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: arbdesk <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'arbdesk <command> --help shows its options. Without keys, venues run on the built-in simulator.',
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || HELP.has(name)) {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(topic ? topic.usage : usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === 'version') {
    io.out(ARBDESK_VERSION);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(errorLine(`arbdesk: unknown command "${name}" (try arbdesk help)`));
    return 2;
  }
  if (rest.some((a) => HELP.has(a))) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(errorLine(`arbdesk ${name}: ${e.message}`));
      return 2;
    }
    io.err(errorLine(`arbdesk ${name}: ${e instanceof Error ? e.message : String(e)}`));
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    io.err(errorLine(`arbdesk: ${e instanceof Error ? e.message : String(e)}`));
    process.exitCode = 1;
  },
);
