// Signature checks against the official test vectors (venues.md §2.13) and Kalshi's signing
// rules, including the asymmetric timestamp window observed on the live venue.
import { constants, createSign, generateKeyPairSync } from 'node:crypto';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/sim/core/http';
import { DEFAULT_KALSHI_AUTH_WINDOW, verifyKalshiRequest } from '../../../src/sim/kalshi/auth';
import { EXCHANGE_V2, orderHash, polyHmac, recoverClobAuth, recoverOrderSigner, type SignedOrderFields } from '../../../src/sim/polymarket/signing';
import { makeVenues } from './fixtures';

const DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const DEV_ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

describe('Polymarket signatures', () => {
  it('L2 HMAC matches the official vector (T1)', () => {
    expect(polyHmac('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', '1000000', 'test-sign', '/orders', '{"hash": "0x123"}')).toBe('ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=');
  });

  it('L1 ClobAuth recovers the wallet from the official vector (T2) and nothing else', async () => {
    const sig = '0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b';
    expect(await recoverClobAuth(DEV_ADDRESS, '10000000', 23n, sig, 80002)).toBe(DEV_ADDRESS);
    expect(await recoverClobAuth(DEV_ADDRESS, '10000001', 23n, sig, 80002)).not.toBe(DEV_ADDRESS);
    expect(await recoverClobAuth(DEV_ADDRESS, '10000000', 23n, sig, 137)).not.toBe(DEV_ADDRESS);
  });

  it('V2 orders: the signer is recovered only from the exact struct, domain and exchange', async () => {
    const account = privateKeyToAccount(DEV_KEY);
    const zero = `0x${'0'.repeat(64)}` as const;
    const order: SignedOrderFields = {
      salt: 479249096354n,
      maker: DEV_ADDRESS,
      signer: DEV_ADDRESS,
      tokenId: 1234n,
      makerAmount: 100000000n,
      takerAmount: 50000000n,
      side: 0,
      signatureType: 0,
      timestamp: 1710000000000n,
      metadata: zero,
      builder: zero,
    };
    const signature = await account.signTypedData({
      domain: { name: 'Polymarket CTF Exchange', version: '2', chainId: 137, verifyingContract: EXCHANGE_V2 },
      types: {
        Order: [
          { name: 'salt', type: 'uint256' },
          { name: 'maker', type: 'address' },
          { name: 'signer', type: 'address' },
          { name: 'tokenId', type: 'uint256' },
          { name: 'makerAmount', type: 'uint256' },
          { name: 'takerAmount', type: 'uint256' },
          { name: 'side', type: 'uint8' },
          { name: 'signatureType', type: 'uint8' },
          { name: 'timestamp', type: 'uint256' },
          { name: 'metadata', type: 'bytes32' },
          { name: 'builder', type: 'bytes32' },
        ],
      },
      primaryType: 'Order',
      message: order,
    });
    expect(await recoverOrderSigner(order, false, signature)).toBe(DEV_ADDRESS);
    expect(await recoverOrderSigner({ ...order, takerAmount: 50000001n }, false, signature)).not.toBe(DEV_ADDRESS);
    expect(await recoverOrderSigner(order, true, signature)).not.toBe(DEV_ADDRESS); // neg-risk exchange domain
    expect(orderHash(order, false)).toMatch(/^0x[0-9a-f]{64}$/);
    expect(orderHash(order, true)).not.toBe(orderHash(order, false));
  });
});

describe('Kalshi request signatures', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const sign = (text: string, saltLength = constants.RSA_PSS_SALTLEN_DIGEST) => {
    const s = createSign('RSA-SHA256');
    s.update(text);
    return s.sign({ key: pem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }).toString('base64');
  };

  it('verifies timestamp + METHOD + path with RSA-PSS/SHA-256, and refuses anything else', () => {
    const v = makeVenues('kalshi-auth', { markets: 2 });
    try {
      v.kalshi.addAccount('kid', publicKey, 0 as never);
      const now = 1_703_123_456_789;
      const path = '/trade-api/v2/portfolio/balance';
      const check = (ts: number, method: string, p: string, signature: string, key = 'kid') => () =>
        verifyKalshiRequest(v.kalshi, { key, timestamp: String(ts), signature }, method, p, now, DEFAULT_KALSHI_AUTH_WINDOW);
      expect(check(now, 'GET', path, sign(`${now}GET${path}`))().keyId).toBe('kid');
      for (const skew of [-5_000, 5_000, 30_000]) expect(check(now + skew, 'GET', path, sign(`${now + skew}GET${path}`))().keyId).toBe('kid');
      const refused = [
        check(now - 30_000, 'GET', path, sign(`${now - 30_000}GET${path}`)),
        check(now + 300_000, 'GET', path, sign(`${now + 300_000}GET${path}`)),
        check(now, 'POST', path, sign(`${now}GET${path}`)),
        check(now, 'GET', path, sign(`${now}GET${path}?limit=5`)), // the query is never part of the message
        check(now, 'GET', path, sign(`${now}GET${path}`), 'other-key'),
        check(now, 'GET', path, sign(`${now}GET${path}`, 20)),
        check(now, 'GET', path, 'not base64!'),
      ];
      for (const attempt of refused) {
        expect(attempt).toThrow(HttpError);
        expect(attempt).toThrow(expect.objectContaining({ status: 401 }));
      }
    } finally {
      v.dispose();
    }
  });
});
