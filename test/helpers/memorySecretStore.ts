import type { SecretName } from '../../src/shared/contract';
import type { KeychainStatus, SecretStore } from '../../src/engine/secrets/secretStore';

/**
 * For engine unit tests whose subject is not the keychain. The real keychain (keytar against a
 * Secret Service) is exercised by the keychain suite.
 */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<SecretName, string>();

  constructor(private readonly keychain: KeychainStatus = { available: true, backend: 'test memory', detail: null }) {}

  status = async () => this.keychain;
  get = async (name: SecretName) => this.values.get(name) ?? null;
  set = async (name: SecretName, value: string) => {
    if (!this.keychain.available) throw new Error('unavailable');
    this.values.set(name, value);
  };
  delete = async (name: SecretName) => {
    this.values.delete(name);
  };
  has = async (name: SecretName) => this.values.has(name);
}
