import { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandPayload, type CommandRequest, type CommandResult } from './commands';
import { events, isEventName, type ContractEvent } from './events';

export const ERROR_CODES = [
  'invalid_request', 'unknown_command', 'invalid_payload', 'not_found', 'refused', 'unavailable', 'unauthorized',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ContractErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** The offending field, e.g. "payload.limits.maxDailyLoss". */
  field: z.string().nullable(),
});
export type ContractError = z.infer<typeof ContractErrorSchema>;

export const RequestIdSchema = z.union([z.string().min(1).max(64), z.number().int().nonnegative()]);
export type RequestId = z.infer<typeof RequestIdSchema>;

const RequestEnvelopeSchema = z.strictObject({
  type: z.literal('request'),
  id: RequestIdSchema,
  command: z.string().max(64),
  payload: z.unknown().optional(),
});

export type RequestEnvelope<C extends CommandName = CommandName> = {
  type: 'request';
  id: RequestId;
  command: C;
  payload: CommandRequest<C>;
};
export type ResponseEnvelope<R = unknown> =
  | { type: 'response'; id: RequestId | null; ok: true; result: R }
  | { type: 'response'; id: RequestId | null; ok: false; error: ContractError };
export type EventEnvelope = { type: 'event' } & ContractEvent;

const ResponseEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('response'), id: RequestIdSchema.nullable(), ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('response'), id: RequestIdSchema.nullable(), ok: z.literal(false), error: ContractErrorSchema }),
]);
const EventEnvelopeSchema = z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() });

/** An error a command handler raises on purpose; it reaches the caller as is. */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** "payload.limits.maxDailyLoss: must be greater than zero" from the first zod issue. */
export function describeIssue(error: z.ZodError, prefix: string): { field: string; message: string } {
  const issue = error.issues[0];
  const path = issue ? [prefix, ...issue.path.map(String)].filter(Boolean).join('.') : prefix;
  const detail = issue?.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue?.message;
  return { field: path, message: `${path}: ${detail ?? 'invalid'}` };
}

export function errorResponse(id: RequestId | null, code: ErrorCode, message: string, field: string | null = null): ResponseEnvelope<never> {
  return { type: 'response', id, ok: false, error: { code, message, field } };
}

export type ParsedRequest =
  | { ok: true; id: RequestId; command: CommandName; payload: CommandPayload<CommandName> }
  | { ok: false; response: ResponseEnvelope<never> };

/** Validates a request as received by a host. Nothing is executed unless this says ok. */
export function parseRequest(raw: unknown): ParsedRequest {
  const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  const idGuess = RequestIdSchema.safeParse(rawId);
  const id = idGuess.success ? idGuess.data : null;
  const envelope = RequestEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const { field, message } = describeIssue(envelope.error, '');
    return { ok: false, response: errorResponse(id, 'invalid_request', message, field || null) };
  }
  const { command } = envelope.data;
  if (!isCommandName(command)) {
    return { ok: false, response: errorResponse(id, 'unknown_command', `command: unknown command "${command}"`, 'command') };
  }
  const payload = commands[command].request.safeParse(envelope.data.payload ?? {});
  if (!payload.success) {
    const { field, message } = describeIssue(payload.error, 'payload');
    return { ok: false, response: errorResponse(envelope.data.id, 'invalid_payload', message, field) };
  }
  return { ok: true, id: envelope.data.id, command, payload: payload.data as CommandPayload<CommandName> };
}

export type ParsedResponse<C extends CommandName> =
  | { ok: true; result: CommandResult<C> }
  | { ok: false; error: ContractError };

/** Validates a response as received by the UI. A malformed one becomes an error, never data. */
export function parseResponse<C extends CommandName>(command: C, raw: unknown): ParsedResponse<C> {
  const envelope = ResponseEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    return { ok: false, error: { code: 'internal', message: `Malformed response to ${command}: ${describeIssue(envelope.error, '').message}`, field: null } };
  }
  if (!envelope.data.ok) return { ok: false, error: envelope.data.error };
  const result = commands[command].response.safeParse(envelope.data.result);
  if (!result.success) {
    return { ok: false, error: { code: 'internal', message: `Malformed result of ${command}: ${describeIssue(result.error, 'result').message}`, field: null } };
  }
  return { ok: true, result: result.data as CommandResult<C> };
}

export type ParsedEvent = { ok: true; event: ContractEvent } | { ok: false; reason: string };

/** Validates a pushed event as received by the UI. */
export function parseEvent(raw: unknown): ParsedEvent {
  const envelope = EventEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: describeIssue(envelope.error, '').message };
  const { event } = envelope.data;
  if (!isEventName(event)) return { ok: false, reason: `unknown event "${event}"` };
  const payload = events[event].safeParse(envelope.data.payload);
  if (!payload.success) return { ok: false, reason: `${event}: ${describeIssue(payload.error, 'payload').message}` };
  return { ok: true, event: { event, payload: payload.data } as ContractEvent };
}

/**
 * What both transports put on `window.arbdesk`: the Electron preload through contextBridge, or the
 * renderer's WebSocket client under `arbdesk serve`. Raw envelopes cross it; the UI validates them.
 */
export interface ArbdeskBridge {
  readonly transport: 'electron' | 'websocket';
  request<C extends CommandName>(command: C, payload: CommandRequest<C>): Promise<unknown>;
  onEvent(listener: (raw: unknown) => void): () => void;
  onConnection(listener: (state: BridgeConnection) => void): () => void;
}
/** unauthorized: the engine answers but refuses this window's session token (it restarted with a new one). */
export type BridgeConnection = 'connecting' | 'open' | 'closed' | 'unauthorized';
