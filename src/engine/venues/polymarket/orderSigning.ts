// V2 order signing (venues.md §2.7): the 11-field Order of the official client's
// ExchangeOrderBuilderV2, signed with EIP-712 in domain "Polymarket CTF Exchange" version "2"
// against the CTF exchange or — for neg-risk markets — the NegRisk exchange (Protocol V2 markets:
// version "3", ExchangeV3). The official client signs only amounts it computes itself from float
// price and size; this signs the exact integer amounts of amounts.ts with the same struct, domain
// and contract addresses (taken from the client's own config), and returns the EIP-712 hash, which
// is the order id the CLOB answers with. Unit tests check the signature against the client's.
import { getContractConfig, orderToJsonV2, OrderType, Side } from '@polymarket/clob-client-v2';
import { randomBytes } from 'node:crypto';
import { hashTypedData, type Hex, type TypedDataDomain } from 'viem';
import type { LocalAccount } from 'viem/accounts';
import type { PolyOrderType, PolySide } from './amounts';

export const ORDER_V2_TYPES = {
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

/** The official client's signed V2 order (the first parameter of its orderToJsonV2). */
export type SignedOrderV2 = Parameters<typeof orderToJsonV2>[0];

export const BYTES32_ZERO = `0x${'0'.repeat(64)}` as Hex;

export interface UnsignedOrder {
  salt: string;
  maker: Hex;
  signer: Hex;
  tokenId: string;
  makerAmount: string;
  takerAmount: string;
  side: PolySide;
  signatureType: number;
  /** Creation time, ms. */
  timestamp: string;
  metadata: Hex;
  builder: Hex;
  /** Unix seconds, "0" = none; sent, not signed (V2). */
  expiration: string;
}

export interface ExchangeChoice {
  negRisk: boolean;
  exchange: 'v2' | 'v3';
}

export function exchangeDomain(chainId: number, choice: ExchangeChoice): TypedDataDomain {
  const contracts = getContractConfig(chainId);
  if (choice.exchange === 'v3') return { name: 'Polymarket CTF Exchange', version: '3', chainId, verifyingContract: contracts.exchangeV3 as Hex };
  return { name: 'Polymarket CTF Exchange', version: '2', chainId, verifyingContract: (choice.negRisk ? contracts.negRiskExchangeV2 : contracts.exchangeV2) as Hex };
}

function message(order: UnsignedOrder) {
  return {
    salt: BigInt(order.salt),
    maker: order.maker,
    signer: order.signer,
    tokenId: BigInt(order.tokenId),
    makerAmount: BigInt(order.makerAmount),
    takerAmount: BigInt(order.takerAmount),
    side: order.side === 'BUY' ? 0 : 1,
    signatureType: order.signatureType,
    timestamp: BigInt(order.timestamp),
    metadata: order.metadata,
    builder: order.builder,
  };
}

/** The EIP-712 hash of the order: the id the CLOB gives it. */
export function orderHash(order: UnsignedOrder, chainId: number, choice: ExchangeChoice): Hex {
  return hashTypedData({ domain: exchangeDomain(chainId, choice), types: ORDER_V2_TYPES, primaryType: 'Order', message: message(order) });
}

export async function signOrder(account: LocalAccount, order: UnsignedOrder, chainId: number, choice: ExchangeChoice): Promise<{ signed: SignedOrderV2; hash: Hex }> {
  const hash = orderHash(order, chainId, choice);
  // signTypedData is the signature of exactly this hash: an account that signs hashes (viem's local
  // accounts, the connector's worker signer) is handed the hash once computed, not the order to hash again.
  const signature = account.sign
    ? await account.sign({ hash })
    : await account.signTypedData({ domain: exchangeDomain(chainId, choice), types: ORDER_V2_TYPES, primaryType: 'Order', message: message(order) });
  const signed: SignedOrderV2 = { ...order, side: order.side === 'BUY' ? Side.BUY : Side.SELL, signature };
  return { signed, hash };
}

/**
 * Hashes a dummy order once: the first EIP-712 hash in a thread compiles viem's encoders (5–15 ms
 * of one block), which the connector pays when it starts rather than the trader's first order.
 */
export function warmOrderHashing(chainId: number): void {
  const zero = `0x${'0'.repeat(40)}` as Hex;
  const order: UnsignedOrder = { salt: '1', maker: zero, signer: zero, tokenId: '1', makerAmount: '1', takerAmount: '1', side: 'BUY', signatureType: 0, timestamp: '1', metadata: BYTES32_ZERO, builder: BYTES32_ZERO, expiration: '0' };
  orderHash(order, chainId, { negRisk: false, exchange: 'v2' });
}

/** A random salt below 2^53 (the body carries it as a JSON number, as the official client does). */
export function newSalt(): string {
  const n = randomBytes(8).readBigUInt64BE() & ((1n << 53n) - 1n);
  return n.toString();
}

const ORDER_TYPES: Record<PolyOrderType, OrderType> = { GTC: OrderType.GTC, FAK: OrderType.FAK, FOK: OrderType.FOK };

/** The POST /order body, shaped by the official client's orderToJsonV2. */
export function orderBody(signed: SignedOrderV2, owner: string, type: PolyOrderType): string {
  return JSON.stringify(orderToJsonV2(signed, owner, ORDER_TYPES[type], false, false));
}
