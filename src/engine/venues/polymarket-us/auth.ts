// Polymarket US request signing: Ed25519 over `timestamp + METHOD + path` (the path without its
// query), base64, in X-PM-Access-Key / X-PM-Timestamp / X-PM-Signature; the timestamp in ms must be
// within 30 s of the server's. Official SDK polymarket-us 0.1.1 dist/index.js:55-68 (and :589-594:
// `url.pathname` is what is signed). The portal's secret is base64 of a 32-byte seed or of a 64-byte
// seed‖public key; the SDK signs with the first 32 bytes either way (:59).
//
// node:crypto, not the SDK's @noble/ed25519: Ed25519 is deterministic, so the bytes are the same
// (auth.test.ts checks against noble), and the market-data socket needs no SDK.
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';

/** PKCS#8 DER prefix of an Ed25519 private key (RFC 8410): the 32-byte seed follows. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

export type SecretKeyResult = { ok: true; key: KeyObject } | { ok: false; reason: string };

/** The signing key from the portal's base64 secret, or why it is not one. Never echoes the secret. */
export function readSecretKey(base64: string): SecretKeyResult {
  const text = base64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return { ok: false, reason: 'is not base64' };
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 32 && bytes.length !== 64) return { ok: false, reason: `decodes to ${bytes.length} bytes, not 32 or 64` };
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, bytes.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
  if (bytes.length === 64) {
    const pub = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
    if (!pub.equals(bytes.subarray(32))) return { ok: false, reason: 'holds a public key that is not its seed\'s' };
  }
  return { ok: true, key };
}

export interface AuthHeaders {
  'X-PM-Access-Key': string;
  'X-PM-Timestamp': string;
  'X-PM-Signature': string;
}

/** The three headers for one request. `path` is the URL's pathname: never the query. */
export function authHeaders(keyId: string, key: KeyObject, method: string, path: string, nowMs: number): AuthHeaders {
  const timestamp = String(Math.trunc(nowMs));
  const signature = sign(null, Buffer.from(`${timestamp}${method.toUpperCase()}${path}`), key).toString('base64');
  return { 'X-PM-Access-Key': keyId, 'X-PM-Timestamp': timestamp, 'X-PM-Signature': signature };
}
