import type { SecretsStatus } from '../../../shared/contract';

/** Why no keychain is available, said once, and what to do about it. */
export function keychainProblem(keychain: SecretsStatus['keychain']): { cause: string; remedy: string } {
  const backend = keychain.backend;
  // The host's detail often repeats the backend's name ("Secret Service … is not reachable: …").
  const detail = (keychain.detail ?? '').replace(new RegExp(`^${backend.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*`), '').trim();
  const cause = detail === '' ? `${backend} is not available` : /^(is|was|has|could)\b/.test(detail) ? `${backend} ${detail}` : `${backend}: ${detail}`;
  let remedy: string;
  if (/could not load/i.test(detail)) {
    remedy = 'The keychain module did not load: reinstall ArbDesk (or run npm rebuild keytar in its folder), then restart it.';
  } else if (/macOS/i.test(backend)) {
    remedy = 'Unlock your login keychain (Keychain Access), then restart ArbDesk.';
  } else if (/Windows/i.test(backend)) {
    remedy = 'Run ArbDesk in your own signed-in Windows session (Credential Manager needs it), then restart it.';
  } else {
    remedy = 'Install and unlock a Secret Service — GNOME Keyring (gnome-keyring) or KWallet — in your desktop session, then restart ArbDesk. Without a desktop: dbus-run-session with gnome-keyring-daemon --unlock.';
  }
  return { cause, remedy };
}
