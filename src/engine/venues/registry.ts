// The venues the engine runs, looked up by id: the generic layers ask here for a venue's decoder,
// fee models, scenario adapter, order rules, labels and connector. The registration list
// (./index.ts) registers the built-in venues; a test registers its own with one `register` call.
import { registerVenueId, type VenueId } from '../../shared/ids';
import { toDisposable, type IDisposable } from '../../shared/lifecycle';
import { secretName, type VenueContribution, type VenueSecret } from './contribution';

export class VenueRegistry {
  private readonly byId = new Map<VenueId, VenueContribution>();

  /** Registers a venue (its id with the contract too); disposing takes it back. */
  register(venue: VenueContribution): IDisposable {
    const id = venue.manifest.id;
    if (this.byId.has(id)) throw new Error(`venue "${id}" is already registered`);
    const unregister = registerVenueId(id, venue.manifest.secrets.map((s) => secretName(id, s.key)));
    this.byId.set(id, venue);
    return toDisposable(() => {
      if (this.byId.get(id) !== venue) return;
      this.byId.delete(id);
      unregister();
    });
  }

  has(id: VenueId): boolean {
    return this.byId.has(id);
  }

  /** The venue's contribution; throws naming the id when none is registered. */
  get(id: VenueId): VenueContribution {
    const venue = this.byId.get(id);
    if (!venue) throw new Error(`no venue "${id}" is registered (registered: ${this.ids().join(', ') || 'none'})`);
    return venue;
  }

  find(id: VenueId): VenueContribution | undefined {
    return this.byId.get(id);
  }

  /** Registered venues, in registration order. */
  all(): VenueContribution[] {
    return [...this.byId.values()];
  }

  ids(): VenueId[] {
    return [...this.byId.keys()];
  }

  /** The venue's name, or its id when it is not registered. */
  name(id: VenueId): string {
    return this.byId.get(id)?.manifest.name ?? id;
  }

  /** Every secret of every venue, with its full name. */
  secrets(): { venue: VenueId; name: string; secret: VenueSecret }[] {
    return this.all().flatMap((v) => v.manifest.secrets.map((secret) => ({ venue: v.manifest.id, name: secretName(v.manifest.id, secret.key), secret })));
  }

  /** The venue whose secret this is, with its key. */
  secretOf(name: string): { venue: VenueContribution; key: string } | null {
    const dot = name.indexOf('.');
    const venue = dot > 0 ? this.byId.get(name.slice(0, dot)) : undefined;
    const key = name.slice(dot + 1);
    return venue && venue.manifest.secrets.some((s) => s.key === key) ? { venue, key } : null;
  }

  /** Venues whose every secret is set: they can trade live. */
  withKeys(set: Readonly<Record<string, boolean>>): VenueId[] {
    return this.all().filter((v) => v.manifest.secrets.length > 0 && v.manifest.secrets.every((s) => set[secretName(v.manifest.id, s.key)] === true)).map((v) => v.manifest.id);
  }
}

/** The process's venues: the registration list fills it; the engine reads it unless given another. */
export const venueRegistry = new VenueRegistry();
