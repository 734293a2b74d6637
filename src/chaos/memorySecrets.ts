// The chaos run trades with the simulator's own test credentials. They live only in this process's
// memory for the length of the run (the simulator generates them fresh); never in a keychain or file.
import type { SecretName } from '../shared/contract';
import type { KeychainStatus, SecretStore } from '../engine/secrets/secretStore';

export class SimulatorCredentialStore implements SecretStore {
  private readonly values = new Map<SecretName, string>();

  constructor(credentials: { kalshiKeyId: string; kalshiPrivateKeyPem: string; polymarketPrivateKey: string }) {
    this.values.set('kalshi.keyId', credentials.kalshiKeyId);
    this.values.set('kalshi.privateKey', credentials.kalshiPrivateKeyPem);
    this.values.set('polymarket.privateKey', credentials.polymarketPrivateKey);
  }

  status = async (): Promise<KeychainStatus> => ({ available: true, backend: 'simulator credentials (memory)', detail: null });
  get = async (name: SecretName) => this.values.get(name) ?? null;
  set = async (name: SecretName, value: string) => {
    this.values.set(name, value);
  };
  delete = async (name: SecretName) => {
    this.values.delete(name);
  };
  has = async (name: SecretName) => this.values.has(name);
}
