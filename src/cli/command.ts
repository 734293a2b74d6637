export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** One `arbdesk` subcommand. `run` resolves to the exit code. */
export interface CliCommand {
  name: string;
  /** What it does, in one short line (`arbdesk help` lists these). */
  summary: string;
  /** `arbdesk <command> --help`: the synopsis and every option; no line wider than 100 columns. */
  usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** The widest a usage line may be: it must read in a terminal of 100 columns. */
export const USAGE_WIDTH = 100;
