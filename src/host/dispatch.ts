import { isDeepStrictEqual } from 'node:util';
import {
  CommandError, commands, errorResponse, parseRequest, type ResponseEnvelope,
} from '../shared/contract';
import type { Engine } from '../engine';

export type Dispatch = (raw: unknown) => Promise<ResponseEnvelope>;

export interface DispatcherOptions {
  /**
   * Check every result against the contract before answering (a result outside it, or one the
   * check would change by dropping or filling a field, becomes an `internal` error). On under
   * test and with ARBDESK_CHECK_RESULTS=1; off in the hosts otherwise: results are the engine's
   * own, the window checks them on receipt anyway, and checking a whole-universe page held the
   * loop for tens of milliseconds per response.
   */
  checkResults?: boolean;
}

const CHECK_RESULTS = process.env.VITEST !== undefined || process.env.ARBDESK_CHECK_RESULTS === '1';

/**
 * Transport-agnostic handling of one contract request: validate the envelope and payload, run the
 * command, and always answer with an envelope. A malformed request is answered with an error
 * naming the field and never reaches the engine.
 */
export function createDispatcher(engine: Engine, log: (message: string) => void = console.error, options: DispatcherOptions = {}): Dispatch {
  const say = (message: string) => log(engine.redactor.redact(message));
  const checkResults = options.checkResults ?? CHECK_RESULTS;
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
    if (checkResults) {
      const checked = commands[command].response.safeParse(result);
      const problem = !checked.success ? checked.error.message : !isDeepStrictEqual(checked.data, result) ? 'the contract would drop or fill fields of it' : null;
      if (problem !== null) {
        say(`ArbDesk: command ${command} produced a result outside the contract: ${problem}`);
        return errorResponse(id, 'internal', `${command} produced an invalid result`);
      }
    }
    return { type: 'response', id, ok: true, result };
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
