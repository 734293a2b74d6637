// Polymarket US request authentication as the venue checks it (docs api-reference/authentication.md;
// next-venues.md §1.3): X-PM-Access-Key names the key, X-PM-Timestamp (ms) must be within 30 s of
// the server's clock, X-PM-Signature is base64 Ed25519 over `timestamp + METHOD + path`, the path
// without its query. Failures answer 401 with the gRPC-style text users have seen.
import { verify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { PmUsExchange, SimAccount } from './exchange';

export const AUTH_WINDOW_MS = 30_000;

export type AuthResult = { ok: true; account: SimAccount } | { ok: false; message: string };

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function authenticate(x: PmUsExchange, headers: IncomingHttpHeaders, method: string, path: string, now: number): AuthResult {
  const keyId = header(headers, 'X-PM-Access-Key');
  const ts = header(headers, 'X-PM-Timestamp');
  const sig = header(headers, 'X-PM-Signature');
  const fail = (desc: string): AuthResult => ({ ok: false, message: `rpc error: code = Unauthenticated desc = ${desc}` });
  if (!keyId || !ts || !sig) return fail('missing X-PM-Access-Key, X-PM-Timestamp or X-PM-Signature');
  const account = x.accounts.get(keyId);
  if (!account) return fail('API key not found');
  if (!/^\d{10,16}$/.test(ts) || Math.abs(now - Number(ts)) > AUTH_WINDOW_MS) return fail('timestamp outside the 30 second window');
  let good: boolean;
  try {
    good = verify(null, Buffer.from(`${ts}${method.toUpperCase()}${path}`), account.publicKey, Buffer.from(sig, 'base64'));
  } catch {
    good = false;
  }
  return good ? { ok: true, account } : fail('invalid signature');
}
