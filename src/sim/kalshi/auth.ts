// Kalshi request signing, verified as the venue does (venues.md §1.2): three headers, the
// message timestamp_ms + METHOD + path (query removed, body not signed), RSA-PSS with SHA-256,
// MGF1(SHA-256) and a 32-byte salt, base64. A missing, malformed, stale or wrong signature is a
// 401. The accepted clock skew is asymmetric, as observed on the live venue.
import { constants, verify } from 'node:crypto';
import { HttpError } from '../core/http';
import type { KalshiExchange } from './exchange';
import type { KalshiAccount } from './types';

export interface KalshiAuthWindow {
  /** How old a timestamp may be. */
  pastMs: number;
  /** How far ahead of the server clock a timestamp may be. */
  futureMs: number;
}

export const DEFAULT_KALSHI_AUTH_WINDOW: KalshiAuthWindow = { pastMs: 10_000, futureMs: 60_000 };

export interface SignedHeaders {
  key: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

const unauthorized = (message: string) => new HttpError(401, 'authentication_error', message);

export function hasAnyAuthHeader(h: SignedHeaders): boolean {
  return h.key !== undefined || h.timestamp !== undefined || h.signature !== undefined;
}

export function verifyKalshiRequest(
  exchange: KalshiExchange,
  h: SignedHeaders,
  method: string,
  path: string,
  now: number,
  window: KalshiAuthWindow,
): KalshiAccount {
  if (!h.key || !h.timestamp || !h.signature) {
    throw unauthorized('missing KALSHI-ACCESS-KEY, KALSHI-ACCESS-TIMESTAMP or KALSHI-ACCESS-SIGNATURE');
  }
  if (!/^\d{10,16}$/.test(h.timestamp)) throw unauthorized('KALSHI-ACCESS-TIMESTAMP must be Unix time in milliseconds');
  const ts = Number(h.timestamp);
  if (ts < now - window.pastMs || ts > now + window.futureMs) throw unauthorized('request timestamp is outside the accepted window');
  const account = exchange.accountByKey(h.key);
  if (!account) throw unauthorized('unknown API key');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(h.signature) || h.signature.length % 4 !== 0) throw unauthorized('KALSHI-ACCESS-SIGNATURE is not base64');
  let ok: boolean;
  try {
    ok = verify(
      'sha256',
      Buffer.from(`${h.timestamp}${method}${path}`, 'utf8'),
      { key: account.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
      Buffer.from(h.signature, 'base64'),
    );
  } catch {
    ok = false;
  }
  if (!ok) throw unauthorized('invalid signature');
  return account;
}
