import { constants, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KalshiKeyError, KalshiSigner, loadKalshiKey, signedPath, signingMessage } from '../../../../src/engine/venues/kalshi/auth';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

function verifies(message: string, signature: string): boolean {
  return verify(
    'sha256',
    Buffer.from(message),
    { key: createPublicKey(rsa.privateKey), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
    Buffer.from(signature, 'base64'),
  );
}

describe('Kalshi signing message', () => {
  it('is timestamp + METHOD + path with the query string removed (the docs example)', () => {
    expect(signingMessage(1703123456789, 'GET', 'https://external-api.kalshi.com/trade-api/v2/portfolio/balance?foo=1')).toBe(
      '1703123456789GET/trade-api/v2/portfolio/balance',
    );
    expect(signingMessage(1703123456789, 'get', '/trade-api/v2/portfolio/orders?limit=5')).toBe('1703123456789GET/trade-api/v2/portfolio/orders');
  });

  it('keeps the whole path from the host, whatever the host, and drops a fragment', () => {
    expect(signedPath('http://127.0.0.1:4100/trade-api/v2/markets/ABC-1/orderbook?depth=0')).toBe('/trade-api/v2/markets/ABC-1/orderbook');
    expect(signedPath('wss://external-api-ws.kalshi.com/trade-api/ws/v2')).toBe('/trade-api/ws/v2');
    expect(signedPath('/trade-api/v2/portfolio/fills#x')).toBe('/trade-api/v2/portfolio/fills');
    expect(signingMessage(1, 'DELETE', '/trade-api/v2/portfolio/events/orders/abc?market_ticker=T')).toBe('1DELETE/trade-api/v2/portfolio/events/orders/abc');
  });

  it('refuses a timestamp that is not Unix milliseconds', () => {
    expect(() => signingMessage(1.5, 'GET', '/x')).toThrow(/Unix ms/);
  });
});

describe('KalshiSigner', () => {
  it.each([
    ['PKCS#8', pkcs8],
    ['PKCS#1', pkcs1],
  ])('signs with a %s key: RSA-PSS SHA-256, 32-byte salt, base64, verifiable with the public key', (_label, pem) => {
    const signer = new KalshiSigner({ keyId: ' 8c35a1e2-0000-4000-8000-000000000001 ', privateKeyPem: pem }, () => 1703123456789);
    const headers = signer.headers('GET', 'http://h/trade-api/v2/portfolio/balance?foo=1');
    expect(headers['KALSHI-ACCESS-KEY']).toBe('8c35a1e2-0000-4000-8000-000000000001');
    expect(headers['KALSHI-ACCESS-TIMESTAMP']).toBe('1703123456789');
    expect(headers['KALSHI-ACCESS-SIGNATURE']).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(headers['KALSHI-ACCESS-SIGNATURE'], 'base64')).toHaveLength(256);
    expect(verifies('1703123456789GET/trade-api/v2/portfolio/balance', headers['KALSHI-ACCESS-SIGNATURE'])).toBe(true);
    // The query string is not part of what was signed.
    expect(verifies('1703123456789GET/trade-api/v2/portfolio/balance?foo=1', headers['KALSHI-ACCESS-SIGNATURE'])).toBe(false);
  });

  it('accepts a PEM pasted with literal \\n escapes', () => {
    const escaped = pkcs8.trim().replace(/\n/g, '\\n');
    const signer = new KalshiSigner({ keyId: 'k', privateKeyPem: escaped }, () => 1000);
    expect(verifies('1000POST/trade-api/v2/portfolio/events/orders', signer.headers('POST', '/trade-api/v2/portfolio/events/orders')['KALSHI-ACCESS-SIGNATURE'])).toBe(true);
  });

  it('refuses unusable keys with a message that names the problem and never echoes the key', () => {
    expect(() => loadKalshiKey('')).toThrow(KalshiKeyError);
    expect(() => loadKalshiKey('-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----')).toThrow(/not a readable PEM/);
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadKalshiKey(ed)).toThrow(/Ed25519 keys are not supported/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadKalshiKey(ec)).toThrow(/RSA; this PEM holds a ec key/);
    const encrypted = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
    let message = '';
    try {
      loadKalshiKey(encrypted);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/encrypted/);
    expect(message).not.toContain('BEGIN');
    expect(() => new KalshiSigner({ keyId: '  ', privateKeyPem: pkcs8 })).toThrow(/key id is empty/);
  });
});
