import type { SecretName } from '../../shared/contract';

export interface KeychainStatus {
  available: boolean;
  backend: string;
  detail: string | null;
}

/**
 * Where venue keys live: the OS keychain, owned by the host (Electron main or `arbdesk serve`).
 * The engine reads secrets to hand them to venue connectors; nothing returns them to the UI.
 * An implementation without a real keychain must refuse `set`, never fall back to plain text.
 */
export interface SecretStore {
  status(): Promise<KeychainStatus>;
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
  has(name: SecretName): Promise<boolean>;
}

export class SecretStoreUnavailableError extends Error {
  constructor(reason: string) {
    super(`No keychain is available, so keys cannot be stored safely: ${reason}. ArbDesk never stores keys in plain text.`);
    this.name = 'SecretStoreUnavailableError';
  }
}
