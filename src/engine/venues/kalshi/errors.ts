// What can go wrong on a Kalshi REST call, typed so callers can tell "the venue said no" from
// "we do not know whether the venue got it" — the difference between a reject and an unknown order.
import { isAxiosError } from 'axios';

/** The venue answered with an error status and (usually) `{error: {code, message}}`. */
export class KalshiApiError extends Error {
  override readonly name = 'KalshiApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly venueMessage: string,
    readonly operation: string,
  ) {
    super(`Kalshi ${operation}: HTTP ${status}${code ? ` ${code}` : ''}${venueMessage ? `: ${venueMessage}` : ''}`);
  }
}

/**
 * No answer. `maybeSent` is false only when the request certainly never reached the venue
 * (connection refused, DNS failure, aborted before sending); a timeout or a reset mid-request
 * may have been processed.
 */
export class KalshiTransportError extends Error {
  override readonly name = 'KalshiTransportError';
  constructor(
    readonly kind: 'timeout' | 'network' | 'aborted',
    readonly maybeSent: boolean,
    readonly operation: string,
    detail: string,
  ) {
    super(`Kalshi ${operation}: ${kind === 'timeout' ? 'timed out' : kind === 'aborted' ? 'aborted' : 'network error'} (${detail})`);
  }
}

/** 429 after every bounded retry. */
export class KalshiRateLimitedError extends Error {
  override readonly name = 'KalshiRateLimitedError';
  constructor(
    readonly operation: string,
    readonly attempts: number,
  ) {
    super(`Kalshi ${operation}: rate limited (HTTP 429) after ${attempts} attempts`);
  }
}

/** The venue answered 2xx with something that is not what the API documents. */
export class KalshiProtocolError extends Error {
  override readonly name = 'KalshiProtocolError';
}

export type KalshiError = KalshiApiError | KalshiTransportError | KalshiRateLimitedError | KalshiProtocolError;

/** Codes meaning the request never left this machine. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_BAD_OPTION', 'ERR_BAD_OPTION_VALUE']);

function errorBody(data: unknown): { code: string; message: string } {
  if (typeof data === 'object' && data !== null) {
    const e = (data as { error?: unknown }).error;
    if (typeof e === 'object' && e !== null) {
      const { code, message } = e as { code?: unknown; message?: unknown };
      return { code: typeof code === 'string' ? code : '', message: typeof message === 'string' ? message : '' };
    }
    if (typeof e === 'string') return { code: '', message: e };
    const { code, message } = data as { code?: unknown; message?: unknown };
    return { code: typeof code === 'string' ? code : '', message: typeof message === 'string' ? message : '' };
  }
  return { code: '', message: typeof data === 'string' ? data.slice(0, 200) : '' };
}

/** Turns whatever axios threw into one of the typed errors above. */
export function classifyError(error: unknown, operation: string): KalshiApiError | KalshiTransportError {
  if (isAxiosError(error)) {
    if (error.response) {
      const { code, message } = errorBody(error.response.data);
      return new KalshiApiError(error.response.status, code, message, operation);
    }
    const code = error.code ?? '';
    if (code === 'ERR_CANCELED') return new KalshiTransportError('aborted', error.request?.writableEnded === true, operation, 'cancelled');
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return new KalshiTransportError('timeout', true, operation, code);
    const cause = (error.cause as { code?: string } | undefined)?.code ?? code;
    return new KalshiTransportError('network', !NOT_SENT.has(cause), operation, cause || error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new KalshiTransportError('network', true, operation, message);
}
