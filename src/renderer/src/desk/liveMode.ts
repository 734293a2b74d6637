import type { SecretsStatus } from '../../../shared/contract';

/** What the trader types to switch to live trading (the engine checks the same phrase). */
export const LIVE_PHRASE = 'LIVE';

/** Live trading needs at least one venue's complete keys: Kalshi's key id and PEM, or Polymarket's wallet key. */
export function liveKeysPresent(secrets: SecretsStatus): boolean {
  const set = secrets.set;
  return (set['kalshi.keyId'] === true && set['kalshi.privateKey'] === true) || set['polymarket.privateKey'] === true;
}
