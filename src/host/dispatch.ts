import {
  CommandError, commands, errorResponse, parseRequest, type ResponseEnvelope,
} from '../shared/contract';
import type { Engine } from '../engine';

export type Dispatch = (raw: unknown) => Promise<ResponseEnvelope>;

/**
 * Transport-agnostic handling of one contract request: validate the envelope and payload, run the
 * command, check the result against the contract, and always answer with an envelope. A malformed
 * request is answered with an error naming the field and never reaches the engine.
 */
export function createDispatcher(engine: Engine, log: (message: string) => void = console.error): Dispatch {
  const say = (message: string) => log(engine.redactor.redact(message));
  return async (raw) => {
    const parsed = parseRequest(raw);
    if (!parsed.ok) return parsed.response;
    const { id, command, payload } = parsed;
    let result: unknown;
    try {
      result = await engine.handle(command, payload);
    } catch (e) {
      if (e instanceof CommandError) return errorResponse(id, e.code, engine.redactor.redact(e.message), e.field);
      say(`ArbDesk: command ${command} failed: ${e instanceof Error ? e.message : String(e)}`);
      return errorResponse(id, 'internal', `${command} failed inside the engine; see the activity log`);
    }
    const checked = commands[command].response.safeParse(result);
    if (!checked.success) {
      say(`ArbDesk: command ${command} produced a result outside the contract: ${checked.error.message}`);
      return errorResponse(id, 'internal', `${command} produced an invalid result`);
    }
    return { type: 'response', id, ok: true, result: checked.data };
  };
}

export const HTTP_STATUS_BY_CODE = {
  invalid_request: 400,
  invalid_payload: 400,
  unknown_command: 404,
  not_found: 404,
  refused: 409,
  unavailable: 503,
  unauthorized: 401,
  internal: 500,
} as const;
