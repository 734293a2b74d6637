// Polymarket's wallet key, checked before it is stored without ever echoing it: it must derive an
// address. The address is derived in the signer's worker thread (walletSigner.ts), so the check does
// not hold the event loop while secp256k1 builds its tables; viem loads only when a key is checked.
import type { SecretValidation } from '../contribution';

export async function validatePolymarketSecret(key: string, value: string): Promise<SecretValidation> {
  if (key !== 'privateKey') return { ok: false, message: `Polymarket has no key named ${key}.` };
  const hex = value.trim().startsWith('0x') ? value.trim() : `0x${value.trim()}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(hex)) {
    return { ok: false, message: 'Polymarket wallet key must be 32 bytes of hex (64 hex digits, optionally prefixed 0x).' };
  }
  const { openWalletSigner, walletKeyHex } = await import('./walletSigner');
  let signer: Awaited<ReturnType<typeof openWalletSigner>>;
  try {
    signer = await openWalletSigner(walletKeyHex(hex));
  } catch {
    return { ok: false, message: 'Polymarket wallet key is not a valid secp256k1 private key.' };
  }
  const address = signer.account.address;
  signer.dispose();
  return { ok: true, message: `Polymarket wallet key derives the address ${address}.` };
}

/** The canonical stored form: trimmed and 0x-prefixed. */
export function normalisePolymarketSecret(_key: string, value: string): string {
  const v = value.trim();
  return v.startsWith('0x') ? v : `0x${v}`;
}
