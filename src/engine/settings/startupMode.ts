import type { Mode, SecretsStatus } from '../../shared/contract';
import type { Settings } from './settingsStore';

/** Whether some venue's keys are complete (every secret its manifest lists is set). */
export type LiveKeysCheck = (set: Readonly<Record<string, boolean>>) => boolean;

/**
 * The mode to start in. The settings file only asks: live trading starts only while everything it
 * needed when the trader switched to it still holds (a venue's keys in the keychain, risk limits
 * reviewed and saved, LIVE typed to confirm). Otherwise paper, and `reason` says why.
 */
export function startupMode(settings: Settings, secrets: SecretsStatus, liveKeysPresent: LiveKeysCheck): { mode: Mode; reason: string | null } {
  if (settings.mode !== 'live') return { mode: settings.mode, reason: null };
  const missing: string[] = [];
  if (!secrets.keychain.available) missing.push(`the keychain is not available (${secrets.keychain.backend}), so no venue's keys can be read`);
  else if (!liveKeysPresent(secrets.set)) missing.push("no venue's keys are in the keychain");
  if (settings.limitsConfirmedAt === null) missing.push('the risk limits were never reviewed and saved');
  if (settings.liveConfirmedAt === null) missing.push('live trading was never confirmed by typing LIVE');
  if (missing.length === 0) return { mode: 'live', reason: null };
  return {
    mode: 'paper',
    reason: `Started in PAPER mode although the settings ask for live trading: ${missing.join('; ')}. Switch to live in Settings once that is fixed.`,
  };
}
