import { randomBytes } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { describe, expect, it } from 'vitest';
import { authHeaders, readSecretKey } from '../../../../src/engine/venues/polymarket-us/auth';
import { validatePmUsSecret } from '../../../../src/engine/venues/polymarket-us/secrets';

// The official SDK signs `${timestamp}${method}${path}` with @noble/ed25519 over the first 32 bytes
// of the base64 secret, path = url.pathname (no query): polymarket-us 0.1.1 dist/index.js:55-68 and
// :589-594. Ed25519 is deterministic, so our node:crypto signature must be the SDK's byte for byte.
async function sdkSignature(secretBase64: string, message: string): Promise<string> {
  const bytes = Buffer.from(secretBase64, 'base64');
  const sig = await ed.signAsync(new TextEncoder().encode(message), bytes.length === 64 ? bytes.subarray(0, 32) : bytes);
  return Buffer.from(sig).toString('base64');
}

async function portalSecret(): Promise<{ seed: Uint8Array; full: string; seedOnly: string }> {
  const seed = randomBytes(32);
  const pub = await ed.getPublicKeyAsync(seed);
  return { seed, full: Buffer.concat([seed, pub]).toString('base64'), seedOnly: Buffer.from(seed).toString('base64') };
}

describe('Polymarket US request signing', () => {
  it('signs timestamp + METHOD + path exactly as the official SDK does, for a 64-byte and a 32-byte secret', async () => {
    const { full, seedOnly } = await portalSecret();
    for (const secret of [full, seedOnly]) {
      const key = readSecretKey(secret);
      if (!key.ok) throw new Error(key.reason);
      const h = authHeaders('5f0c7b1e-1111-4222-8333-944455556666', key.key, 'POST', '/v1/orders', 1_790_000_000_123);
      expect(h['X-PM-Access-Key']).toBe('5f0c7b1e-1111-4222-8333-944455556666');
      expect(h['X-PM-Timestamp']).toBe('1790000000123');
      expect(h['X-PM-Signature']).toBe(await sdkSignature(secret, '1790000000123POST/v1/orders'));
    }
  });

  it('signs the WebSocket handshake as GET of the socket path', async () => {
    const { full } = await portalSecret();
    const key = readSecretKey(full);
    if (!key.ok) throw new Error(key.reason);
    const h = authHeaders('id', key.key, 'get', '/v1/ws/markets', 1_000);
    expect(h['X-PM-Signature']).toBe(await sdkSignature(full, '1000GET/v1/ws/markets'));
  });

  it('refuses a secret that is not base64 of 32 or 64 bytes, or whose public half is not its seed\'s', async () => {
    expect(readSecretKey('not base64!')).toEqual({ ok: false, reason: 'is not base64' });
    expect(readSecretKey(Buffer.alloc(48).toString('base64'))).toMatchObject({ ok: false, reason: 'decodes to 48 bytes, not 32 or 64' });
    const a = await portalSecret();
    const b = await portalSecret();
    const mixed = Buffer.concat([Buffer.from(a.full, 'base64').subarray(0, 32), Buffer.from(b.full, 'base64').subarray(32)]).toString('base64');
    expect(readSecretKey(mixed).ok).toBe(false);
  });
});

describe('Polymarket US key validation', () => {
  it('accepts a UUID key id and a usable secret, and never echoes either', async () => {
    const { full } = await portalSecret();
    expect(validatePmUsSecret('keyId', ' 5f0c7b1e-1111-4222-8333-944455556666 ').ok).toBe(true);
    expect(validatePmUsSecret('secretKey', full).ok).toBe(true);
    const bad = validatePmUsSecret('keyId', 'abc-secret-value');
    expect(bad.ok).toBe(false);
    expect(bad.message).not.toContain('abc-secret-value');
    const badSecret = validatePmUsSecret('secretKey', `${full.slice(0, 20)}`);
    expect(badSecret.ok).toBe(false);
    expect(badSecret.message).not.toContain(full.slice(0, 20));
    expect(validatePmUsSecret('privateKey', full).ok).toBe(false);
  });
});
