import type { SecretName } from '../../shared/contract';
import type { Redactor } from './redactor';
import type { KeychainStatus, SecretStore } from './secretStore';

/** A SecretStore that teaches the Redactor every value it reads or stores. */
export class RedactingSecretStore implements SecretStore {
  constructor(
    private readonly inner: SecretStore,
    private readonly redactor: Redactor,
  ) {}

  status(): Promise<KeychainStatus> {
    return this.inner.status();
  }

  async get(name: SecretName): Promise<string | null> {
    const value = await this.inner.get(name);
    if (value !== null) this.redactor.add(value);
    return value;
  }

  set(name: SecretName, value: string): Promise<void> {
    this.redactor.add(value);
    return this.inner.set(name, value);
  }

  delete(name: SecretName): Promise<void> {
    return this.inner.delete(name);
  }

  has(name: SecretName): Promise<boolean> {
    return this.inner.has(name);
  }
}
