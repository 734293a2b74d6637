import {
  parseEvent, parseResponse, type CommandName, type CommandRequest, type CommandResult, type ContractError,
  type ContractEvent,
} from '../../../shared/contract';
import type { ArbdeskBridge, BridgeConnection } from '../../../shared/contract/envelope';

export class ClientError extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
    this.name = 'ClientError';
  }
}

/** The UI's only way to the engine: typed calls and events, each validated against the contract on receipt. */
export class ArbdeskClient {
  rejectedEvents = 0;

  constructor(private readonly bridge: ArbdeskBridge) {}

  get transport(): ArbdeskBridge['transport'] {
    return this.bridge.transport;
  }

  async call<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<CommandResult<C>> {
    const parsed = parseResponse(command, await this.bridge.request(command, payload));
    if (!parsed.ok) throw new ClientError(parsed.error);
    return parsed.result;
  }

  onEvent(listener: (event: ContractEvent) => void): () => void {
    return this.bridge.onEvent((raw) => {
      const parsed = parseEvent(raw);
      if (parsed.ok) {
        listener(parsed.event);
      } else {
        this.rejectedEvents++;
        console.warn(`ArbDesk: ignored an event outside the contract: ${parsed.reason}`);
      }
    });
  }

  onConnection(listener: (state: BridgeConnection) => void): () => void {
    return this.bridge.onConnection(listener);
  }
}
