// Polymarket's signatures, verified as the CLOB does (venues.md §2.6–2.7):
//   L1  EIP-712 ClobAuth {address, timestamp, nonce, message} in domain ClobAuthDomain/1/chainId
//   L2  base64url(HMAC-SHA256(base64(secret), timestamp + METHOD + path + body)), padding kept
//   V2 orders  EIP-712 Order (11 fields) in domain "Polymarket CTF Exchange"/"2"/chainId, with
//       the CTF exchange or the neg-risk exchange as verifying contract
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getAddress, hashTypedData, isAddress, recoverTypedDataAddress, type Hex } from 'viem';

export const CHAIN_ID = 137;
export const EXCHANGE_V2 = '0xE111180000d2663C0091e4f400237545B87B996B';
export const NEG_RISK_EXCHANGE_V2 = '0xe2222d279d744050d28e00520010520000310F59';
export const CLOB_AUTH_MESSAGE = 'This message attests that I control the given wallet';

const CLOB_AUTH_TYPES = {
  ClobAuth: [
    { name: 'address', type: 'address' },
    { name: 'timestamp', type: 'string' },
    { name: 'nonce', type: 'uint256' },
    { name: 'message', type: 'string' },
  ],
} as const;

const ORDER_TYPES = {
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
} as const;

export function isSignature(text: unknown): text is Hex {
  return typeof text === 'string' && /^0x[0-9a-fA-F]{130}$/.test(text);
}

export function checksum(address: string): string | undefined {
  return isAddress(address, { strict: false }) ? getAddress(address) : undefined;
}

/** The wallet that signed a ClobAuth message, or undefined if the signature does not verify. */
export async function recoverClobAuth(address: string, timestamp: string, nonce: bigint, signature: Hex, chainId = CHAIN_ID): Promise<string | undefined> {
  try {
    const signer = await recoverTypedDataAddress({
      domain: { name: 'ClobAuthDomain', version: '1', chainId },
      types: CLOB_AUTH_TYPES,
      primaryType: 'ClobAuth',
      message: { address: address as Hex, timestamp, nonce, message: CLOB_AUTH_MESSAGE },
      signature,
    });
    return signer;
  } catch {
    return undefined;
  }
}

/** URL-safe base64 HMAC with padding, as the official clients build POLY_SIGNATURE. */
export function polyHmac(secret: string, timestamp: string, method: string, path: string, body: string): string {
  const key = Buffer.from(secret.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return createHmac('sha256', key)
    .update(`${timestamp}${method}${path}${body}`)
    .digest('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SignedOrderFields {
  salt: bigint;
  maker: Hex;
  signer: Hex;
  tokenId: bigint;
  makerAmount: bigint;
  takerAmount: bigint;
  side: 0 | 1;
  signatureType: number;
  timestamp: bigint;
  metadata: Hex;
  builder: Hex;
}

function orderTypedData(order: SignedOrderFields, negRisk: boolean, chainId: number) {
  return {
    domain: { name: 'Polymarket CTF Exchange', version: '2', chainId, verifyingContract: (negRisk ? NEG_RISK_EXCHANGE_V2 : EXCHANGE_V2) as Hex },
    types: ORDER_TYPES,
    primaryType: 'Order' as const,
    message: order,
  };
}

/** The order hash: the CLOB's orderID. */
export function orderHash(order: SignedOrderFields, negRisk: boolean, chainId = CHAIN_ID): Hex {
  return hashTypedData(orderTypedData(order, negRisk, chainId));
}

export async function recoverOrderSigner(order: SignedOrderFields, negRisk: boolean, signature: Hex, chainId = CHAIN_ID): Promise<string | undefined> {
  try {
    return await recoverTypedDataAddress({ ...orderTypedData(order, negRisk, chainId), signature });
  } catch {
    return undefined;
  }
}
