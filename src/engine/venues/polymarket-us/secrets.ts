// Polymarket US keys, checked before they are stored, never echoed: the key id is a UUID (SDK README:
// "API key ID (UUID)"), the secret a base64 Ed25519 key the signer can use (auth.ts).
import type { SecretValidation } from '../contribution';
import { readSecretKey } from './auth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validatePmUsSecret(key: string, value: string): SecretValidation {
  const v = value.trim();
  if (key === 'keyId') {
    return UUID.test(v) ? { ok: true, message: 'Looks like a Polymarket US key id.' } : { ok: false, message: 'A Polymarket US key id is a UUID (8-4-4-4-12 hexadecimal digits).' };
  }
  if (key === 'secretKey') {
    const r = readSecretKey(v);
    return r.ok ? { ok: true, message: 'The Polymarket US secret is a usable Ed25519 key.' } : { ok: false, message: `The Polymarket US secret ${r.reason}: paste the base64 secret from polymarket.us/developer.` };
  }
  return { ok: false, message: `Polymarket US has no key named ${key}.` };
}
