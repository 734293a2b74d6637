// Which venue keys the keychain holds (never the keys): read at start, read again after the
// trader sets or clears one. The venues' manifests say which keys exist.
import type { SecretsStatus } from '../../shared/contract';
import { Emitter, type IDisposable } from '../../shared/lifecycle';
import type { VenueRegistry } from '../venues/registry';
import type { SecretStore } from './secretStore';

export async function readSecretsStatus(store: SecretStore, venues: VenueRegistry): Promise<SecretsStatus> {
  const keychain = await store.status();
  const set: Record<string, boolean> = {};
  for (const { name } of venues.secrets()) set[name] = keychain.available ? await store.has(name) : false;
  return { keychain, set };
}

export class SecretsStatusService implements IDisposable {
  private readonly onDidChangeEmitter = new Emitter<SecretsStatus>();
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(
    private readonly store: SecretStore,
    private readonly venues: VenueRegistry,
    private current: SecretsStatus,
  ) {}

  status(): SecretsStatus {
    return this.current;
  }

  /** Whether some venue's keys are complete: it can trade live. */
  liveKeysPresent(set: Readonly<Record<string, boolean>> = this.current.set): boolean {
    return this.venues.withKeys(set).length > 0;
  }

  /** Whether a venue's keys are all in the keychain. */
  venueKeysSet(venue: string): boolean {
    return this.venues.withKeys(this.current.set).includes(venue);
  }

  async refresh(): Promise<SecretsStatus> {
    this.current = await readSecretsStatus(this.store, this.venues);
    this.onDidChangeEmitter.fire(this.current);
    return this.current;
  }

  dispose(): void {
    this.onDidChangeEmitter.dispose();
  }
}
