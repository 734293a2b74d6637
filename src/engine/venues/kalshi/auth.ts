// Kalshi request signing (venues.md §1.2): three headers, over `timestamp_ms + METHOD + path`
// where the path is the URL path from the host (including /trade-api/v2) with the query string
// removed and the body not signed; RSA-PSS, SHA-256, MGF1(SHA-256), salt length = digest length,
// base64. The same headers sign the WebSocket upgrade (`GET /trade-api/ws/v2`).
import { constants, createPrivateKey, sign, type KeyObject } from 'node:crypto';

export interface KalshiCredentials {
  keyId: string;
  /** PEM private key: PKCS#1 (`BEGIN RSA PRIVATE KEY`) or PKCS#8 (`BEGIN PRIVATE KEY`). */
  privateKeyPem: string;
}

export class KalshiKeyError extends Error {
  override readonly name = 'KalshiKeyError';
}

/**
 * Parses the private key once. RSA keys only: Kalshi also issues Ed25519 keys, but how it expects
 * them to sign is not documented anywhere we could check (venues.md §1.2 marks it UNVERIFIED), and
 * a guessed scheme would only ever show up as a 401 in production.
 */
export function loadKalshiKey(pem: string): KeyObject {
  if (typeof pem !== 'string' || pem.trim() === '') throw new KalshiKeyError('Kalshi private key is empty');
  // Keys pasted through environment variables often arrive with literal "\n".
  const text = pem.includes('\\n') && !pem.includes('\n') ? pem.replace(/\\n/g, '\n') : pem;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text.trim(), format: 'pem' });
  } catch {
    const why = /ENCRYPTED/.test(text) ? ' (it is encrypted; export it without a passphrase)' : '';
    throw new KalshiKeyError(`Kalshi private key is not a readable PEM private key (PKCS#1 or PKCS#8)${why}`);
  }
  const type = key.asymmetricKeyType;
  if (type === 'ed25519') {
    throw new KalshiKeyError('Kalshi Ed25519 keys are not supported yet (their signing scheme is undocumented); create an RSA API key');
  }
  if (type !== 'rsa' && type !== 'rsa-pss') throw new KalshiKeyError(`Kalshi keys are RSA; this PEM holds a ${type ?? 'different'} key`);
  return key;
}

/** The path Kalshi signs: the URL path (from an absolute URL or a path), query and fragment removed. */
export function signedPath(urlOrPath: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(urlOrPath)) return new URL(urlOrPath).pathname;
  const cut = urlOrPath.search(/[?#]/);
  return cut === -1 ? urlOrPath : urlOrPath.slice(0, cut);
}

/** `timestamp_ms + METHOD + path`, e.g. `1703123456789GET/trade-api/v2/portfolio/balance`. */
export function signingMessage(timestampMs: number, method: string, urlOrPath: string): string {
  if (!Number.isSafeInteger(timestampMs) || timestampMs <= 0) throw new Error(`signing timestamp must be Unix ms, got ${timestampMs}`);
  return `${timestampMs}${method.toUpperCase()}${signedPath(urlOrPath)}`;
}

export function signMessage(key: KeyObject, message: string): string {
  return sign('sha256', Buffer.from(message, 'utf8'), {
    key,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
  }).toString('base64');
}

export type KalshiAuthHeaders = {
  'KALSHI-ACCESS-KEY': string;
  'KALSHI-ACCESS-TIMESTAMP': string;
  'KALSHI-ACCESS-SIGNATURE': string;
};

/** Signs requests with one key; the wall clock is injected so tests (and skew fixes) control it. */
export class KalshiSigner {
  private readonly key: KeyObject;
  readonly keyId: string;

  constructor(
    credentials: KalshiCredentials,
    private readonly now: () => number = Date.now,
  ) {
    if (typeof credentials.keyId !== 'string' || credentials.keyId.trim() === '') throw new KalshiKeyError('Kalshi key id is empty');
    this.keyId = credentials.keyId.trim();
    this.key = loadKalshiKey(credentials.privateKeyPem);
  }

  headers(method: string, urlOrPath: string): KalshiAuthHeaders {
    const timestamp = Math.floor(this.now());
    return {
      'KALSHI-ACCESS-KEY': this.keyId,
      'KALSHI-ACCESS-TIMESTAMP': String(timestamp),
      'KALSHI-ACCESS-SIGNATURE': signMessage(this.key, signingMessage(timestamp, method, urlOrPath)),
    };
  }
}
