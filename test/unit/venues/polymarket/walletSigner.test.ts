// The wallet key off the event loop (walletSigner.ts): the address and every signature come from the
// signer's worker thread and equal the official client's vectors; a bad key is refused naming the
// field, never echoing the key.
import { createL1Headers, OrderBuilder, Side } from '@polymarket/clob-client-v2';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterEach, describe, expect, it } from 'vitest';
import { Redacted, type VenueConnection } from '../../../../src/engine/index';
import { localSigner } from '../../../../src/engine/venues/polymarket/clob';
import { createPolymarketVenue } from '../../../../src/engine/venues/polymarket/connector';
import { signOrder, type UnsignedOrder } from '../../../../src/engine/venues/polymarket/orderSigning';
import { validatePolymarketSecret } from '../../../../src/engine/venues/polymarket/secrets';
import { openWalletSigner, WalletKeyError, type WalletSigner } from '../../../../src/engine/venues/polymarket/walletSigner';
import type { VenueId } from '../../../../src/shared/ids';

// Anvil's first development key and its address (the official client's L1 vector, T2).
const DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const DEV_ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
// Well formed, but no private key: zero, and the curve order n itself.
const ZERO_KEY = `0x${'0'.repeat(64)}`;
const CURVE_ORDER_KEY = '0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141';

const opened: WalletSigner[] = [];
const warnings: string[] = [];
async function open(key: string): Promise<WalletSigner> {
  const signer = await openWalletSigner(key as Hex, (_level, message) => warnings.push(message));
  opened.push(signer);
  return signer;
}
afterEach(() => {
  for (const s of opened.splice(0)) s.dispose();
});

function connection(privateKey: string): VenueConnection {
  return {
    venue: 'polymarket' as VenueId,
    environment: 'production',
    endpoints: { clob: 'http://127.0.0.1:9', gamma: 'http://127.0.0.1:9', ws: 'ws://127.0.0.1:9', userWs: 'ws://127.0.0.1:9', chainId: 137 },
    credentials: { privateKey: new Redacted(privateKey) },
  };
}
const context = { clock: { now: () => Date.now() } as never, log: () => {} };

describe('the wallet signer', () => {
  it('derives the known address of the development key in its worker thread', async () => {
    const signer = await open(DEV_KEY);
    // No fallback to signing on the event loop.
    expect(warnings).toEqual([]);
    expect(signer.account.address).toBe(DEV_ADDRESS);
    expect(signer.account.publicKey).toBe(privateKeyToAccount(DEV_KEY).publicKey);
  });

  it('signs the L1 ClobAuth headers as the official vector (T2)', async () => {
    const signer = await open(DEV_KEY);
    const headers = await createL1Headers(localSigner(signer.account), 80002, 23, 10000000);
    expect(headers.POLY_SIGNATURE).toBe('0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b');
    expect(headers.POLY_ADDRESS).toBe(DEV_ADDRESS);
  });

  it.each([false, true])('signs a V2 order exactly as the official client does (negRisk %s)', async (negRisk) => {
    const signer = await open(DEV_KEY);
    const sdk = (await new OrderBuilder(localSigner(privateKeyToAccount(DEV_KEY)), 137).buildOrder(
      { tokenID: '71321045679252212594626385532706912750332728571942532289631379312455583992563', price: 0.56, size: 21.04, side: Side.BUY },
      { tickSize: '0.01', negRisk },
      2,
    )) as unknown as UnsignedOrder & { signature: string };
    const { signature: expected, ...fields } = sdk;
    const { signed, hash } = await signOrder(signer.account, { ...fields, side: 'BUY' }, 137, { negRisk, exchange: 'v2' });
    expect(signed.signature).toBe(expected);
    // The same hash the typed-data path signs: an in-thread account without `sign` agrees.
    const typedDataOnly = { ...privateKeyToAccount(DEV_KEY), sign: undefined };
    expect(await signOrder(typedDataOnly, { ...fields, side: 'BUY' }, 137, { negRisk, exchange: 'v2' })).toEqual({ signed, hash });
  });

  it.each([ZERO_KEY, CURVE_ORDER_KEY])('refuses %s naming the field, without the key', async (key) => {
    const refusal = await openWalletSigner(key as Hex).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(WalletKeyError);
    expect((refusal as Error).message).toMatch(/^polymarket\.privateKey: /);
    expect((refusal as Error).message).not.toContain(key.slice(2, 18));
  });

  it('refuses to sign once closed, rather than leaving the order waiting', async () => {
    const signer = await openWalletSigner(DEV_KEY);
    signer.dispose();
    await expect(signer.account.sign!({ hash: `0x${'1'.repeat(64)}` })).rejects.toThrow(/closed/);
  });
});

describe('the credential check', () => {
  it('reports the address a good key derives', async () => {
    expect(await validatePolymarketSecret('privateKey', DEV_KEY.slice(2))).toEqual({ ok: true, message: `Polymarket wallet key derives the address ${DEV_ADDRESS}.` });
  });

  it.each([ZERO_KEY, CURVE_ORDER_KEY, '0x1234'])('refuses %s without echoing it', async (key) => {
    const r = await validatePolymarketSecret('privateKey', key);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^Polymarket wallet key /);
    expect(r.message).not.toContain(key.slice(2));
  });
});

describe('the connector with a wallet key', () => {
  it('starts trading with the signer', async () => {
    const venue = await createPolymarketVenue(connection(DEV_KEY), context);
    expect(venue.trading).not.toBeNull();
    venue.dispose();
  });

  it.each([
    ['a malformed key', 'not-a-key-0123456789', /^polymarket\.privateKey: expected 64 hex digits/],
    ['a key that derives no address', ZERO_KEY, /^polymarket\.privateKey: not a valid secp256k1 private key$/],
  ])('refuses %s naming the field, without the key', async (_what, key, message) => {
    const refusal = await createPolymarketVenue(connection(key), context).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(refusal?.message).toMatch(message);
    expect(refusal?.message).not.toContain(key.slice(2, 18));
  });
});
