// The chaos run and the universe bench trade with the simulator's own test credentials. They live
// only in this process's memory for the length of the run (the simulator generates them fresh);
// never in a keychain or file.
import type { SecretName } from '../../shared/contract';
import { secretName, venueRegistry, type KeychainStatus, type SecretStore } from '../../engine';

export class SimulatorCredentialStore implements SecretStore {
  private readonly values = new Map<SecretName, string>();

  /** Every registered venue's test keys from what `arbdesk sim` printed (its contribution reads its own entry). */
  constructor(printed: Readonly<Record<string, unknown>>) {
    for (const venue of venueRegistry.all()) {
      const c = venue.simulatorConnection?.(printed[venue.manifest.id]) ?? null;
      for (const [key, value] of Object.entries(c?.secrets ?? {})) this.values.set(secretName(venue.manifest.id, key), value);
    }
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
