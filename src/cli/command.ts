export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** One `arbdesk` subcommand. `run` resolves to the exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
