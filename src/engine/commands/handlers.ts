// The contract's commands, each handled by the area that owns it (trading, risk, keys, mode,
// markets, state). Every area is built with the narrow ports it needs; the composition root
// (../compose.ts) puts them together here, and the Engine runs one on each request.
import type { CommandName, CommandPayload, CommandResult } from '../../shared/contract';

export type CommandHandlers = {
  [C in CommandName]: (payload: CommandPayload<C>) => Promise<CommandResult<C>> | CommandResult<C>;
};

/** A handler of some of the commands. */
export type Handlers<C extends CommandName> = Pick<CommandHandlers, C>;
