// Signing: the official vectors for L2 HMAC (T1) and the L1 ClobAuth signature (T2) through the
// client functions the connector calls; V2 and V3 order signatures identical to the official
// client's for the same fields; order hashes identical to the simulator's independent code.
import { ClobClient, createL1Headers, createL2Headers, OrderBuilder, Side } from '@polymarket/clob-client-v2';
import { recoverTypedDataAddress, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { localSigner } from '../../../../src/engine/venues/polymarket/clob';
import { exchangeDomain, ORDER_V2_TYPES, orderBody, orderHash, signOrder, type UnsignedOrder } from '../../../../src/engine/venues/polymarket/orderSigning';
import { orderHash as simOrderHash } from '../../../../src/sim/polymarket/signing';

const DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const account = privateKeyToAccount(DEV_KEY);
const signer = localSigner(account);

function unsignedFrom(o: { salt: string; maker: string; signer: string; tokenId: string; makerAmount: string; takerAmount: string; side: string; signatureType: number; timestamp: string; metadata: string; builder: string; expiration: string }): UnsignedOrder {
  return { ...o, maker: o.maker as Hex, signer: o.signer as Hex, metadata: o.metadata as Hex, builder: o.builder as Hex, side: o.side === 'BUY' ? 'BUY' : 'SELL' };
}

describe('Polymarket authentication signatures', () => {
  it('T1: L2 HMAC', async () => {
    const headers = await createL2Headers(signer, { key: 'k', secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', passphrase: 'p' }, { method: 'test-sign', requestPath: '/orders', body: '{"hash": "0x123"}' }, 1000000);
    expect(headers.POLY_SIGNATURE).toBe('ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=');
    expect(headers.POLY_ADDRESS).toBe(account.address);
  });

  it('T2: L1 ClobAuth EIP-712 with the local signer', async () => {
    const headers = await createL1Headers(signer, 80002, 23, 10000000);
    expect(headers.POLY_SIGNATURE).toBe('0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b');
    expect(headers).toMatchObject({ POLY_ADDRESS: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', POLY_TIMESTAMP: '10000000', POLY_NONCE: '23' });
  });
});

describe('Polymarket V2 order signing', () => {
  it.each([false, true])('signs exactly as the official client does (negRisk %s) and hashes as the CLOB does', async (negRisk) => {
    const sdk = await new OrderBuilder(signer, 137).buildOrder({ tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.56, size: 21.04, side: Side.BUY }, { tickSize: '0.01', negRisk }, 2);
    const unsigned = unsignedFrom(sdk as unknown as Parameters<typeof unsignedFrom>[0]);
    const { signed, hash } = await signOrder(account, unsigned, 137, { negRisk, exchange: 'v2' });
    expect(signed.signature).toBe((sdk as unknown as { signature: string }).signature);
    const fields = {
      salt: BigInt(unsigned.salt),
      maker: unsigned.maker,
      signer: unsigned.signer,
      tokenId: BigInt(unsigned.tokenId),
      makerAmount: BigInt(unsigned.makerAmount),
      takerAmount: BigInt(unsigned.takerAmount),
      side: 0 as const,
      signatureType: 0,
      timestamp: BigInt(unsigned.timestamp),
      metadata: unsigned.metadata,
      builder: unsigned.builder,
    };
    expect(hash).toBe(simOrderHash(fields, negRisk, 137));
    expect(hash).not.toBe(orderHash(unsigned, 137, { negRisk: !negRisk, exchange: 'v2' }));
    const domain = exchangeDomain(137, { negRisk, exchange: 'v2' });
    expect(domain).toMatchObject({ version: '2', verifyingContract: negRisk ? '0xe2222d279d744050d28e00520010520000310F59' : '0xE111180000d2663C0091e4f400237545B87B996B' });
    const recovered = await recoverTypedDataAddress({ domain, types: ORDER_V2_TYPES, primaryType: 'Order', message: { ...fields, side: 0 }, signature: signed.signature as Hex });
    expect(recovered).toBe(account.address);
  });

  it('signs Protocol V2 markets for ExchangeV3 as the official client does', async () => {
    const client = new ClobClient({ host: 'http://127.0.0.1:9', chain: 137, signer });
    const sdk = await client.createExchangeV3OrderFromAmounts({ tokenID: '1234', makerAmount: '1000000', takerAmount: '8000000', side: Side.BUY });
    const { signed } = await signOrder(account, unsignedFrom(sdk as unknown as Parameters<typeof unsignedFrom>[0]), 137, { negRisk: false, exchange: 'v3' });
    expect(signed.signature).toBe((sdk as unknown as { signature: string }).signature);
    expect(exchangeDomain(137, { negRisk: true, exchange: 'v3' })).toMatchObject({ version: '3', verifyingContract: '0xe3333700cA9d93003F00f0F71f8515005F6c00Aa' });
  });

  it('builds the POST body the official client builds', async () => {
    const unsigned: UnsignedOrder = {
      salt: '479249096354',
      maker: account.address,
      signer: account.address,
      tokenId: '1234',
      makerAmount: '11790000',
      takerAmount: '21040000',
      side: 'BUY',
      signatureType: 0,
      timestamp: '1710000000000',
      metadata: `0x${'0'.repeat(64)}`,
      builder: `0x${'0'.repeat(64)}`,
      expiration: '0',
    };
    const { signed } = await signOrder(account, unsigned, 137, { negRisk: false, exchange: 'v2' });
    expect(JSON.parse(orderBody(signed, 'api-key', 'FAK'))).toEqual({
      deferExec: false,
      postOnly: false,
      owner: 'api-key',
      orderType: 'FAK',
      order: { ...unsigned, salt: 479249096354, signature: signed.signature },
    });
  });
});
