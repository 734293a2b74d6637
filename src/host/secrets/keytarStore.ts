import type * as KeytarModule from 'keytar';
import type { SecretName } from '../../shared/contract';
import { SecretStoreUnavailableError, type KeychainStatus, type SecretStore } from '../../engine';

export const KEYCHAIN_SERVICE = 'ArbDesk';

type Keytar = typeof KeytarModule;

const BACKENDS: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'macOS Keychain',
  win32: 'Windows Credential Manager',
  linux: 'Secret Service (libsecret)',
};

/**
 * The OS keychain through keytar, service "ArbDesk". Availability is probed, not assumed: on Linux
 * without a running Secret Service every call fails, and the store then reports why and refuses
 * to store anything rather than falling back to plain text.
 */
export class KeytarSecretStore implements SecretStore {
  private probe: Promise<{ keytar: Keytar | null; status: KeychainStatus }> | null = null;

  constructor(private readonly service = KEYCHAIN_SERVICE) {}

  async status(): Promise<KeychainStatus> {
    return (await this.ready()).status;
  }

  async get(name: SecretName): Promise<string | null> {
    return (await this.keytar()).getPassword(this.service, name);
  }

  async set(name: SecretName, value: string): Promise<void> {
    await (await this.keytar()).setPassword(this.service, name, value);
  }

  async delete(name: SecretName): Promise<void> {
    await (await this.keytar()).deletePassword(this.service, name);
  }

  async has(name: SecretName): Promise<boolean> {
    const { keytar } = await this.ready();
    if (!keytar) return false;
    return (await keytar.getPassword(this.service, name)) !== null;
  }

  private async keytar(): Promise<Keytar> {
    const { keytar, status } = await this.ready();
    if (!keytar) throw new SecretStoreUnavailableError(status.detail ?? status.backend);
    return keytar;
  }

  private ready(): Promise<{ keytar: Keytar | null; status: KeychainStatus }> {
    this.probe ??= (async () => {
      const backend = BACKENDS[process.platform] ?? `${process.platform} keychain`;
      let keytar: Keytar;
      try {
        const mod = (await import('keytar')) as Keytar & { default?: Keytar };
        keytar = mod.default ?? mod;
      } catch (e) {
        return { keytar: null, status: { available: false, backend, detail: `keytar could not load: ${firstLine(e)}` } };
      }
      try {
        await keytar.findCredentials(this.service);
        return { keytar, status: { available: true, backend, detail: null } };
      } catch (e) {
        return { keytar: null, status: { available: false, backend, detail: `${backend} is not reachable: ${firstLine(e)}` } };
      }
    })();
    return this.probe;
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';
}
