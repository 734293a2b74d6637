// The venues the engine runs, as its state describes them (AppState.venueManifests): names, chip
// letters and colours, the venue's word for an immediate order, its keys. The renderer names no
// venue itself: labels anywhere read them here, set from each snapshot the engine sends.
import type { VenueManifestView } from '../../../shared/contract';
import type { VenueId } from '../../../shared/ids';

let byId = new Map<VenueId, VenueManifestView>();

/** Takes the registered venues from a snapshot. */
export function setVenueManifests(list: readonly VenueManifestView[]): void {
  byId = new Map(list.map((m) => [m.venue, m]));
}

/** Every registered venue, in the engine's order. */
export function venueManifests(): VenueManifestView[] {
  return [...byId.values()];
}

export function venueManifest(id: VenueId): VenueManifestView | undefined {
  return byId.get(id);
}

/** "Kalshi"; the id itself for a venue the state did not describe. */
export function venueName(id: VenueId): string {
  return byId.get(id)?.name ?? id;
}

/** "K": the chip's letters. */
export function venueShort(id: VenueId): string {
  return byId.get(id)?.shortName ?? id.slice(0, 1).toUpperCase();
}

/** The chip's colour, or null (the default chip colour). */
export function venueColor(id: VenueId): string | null {
  return byId.get(id)?.color ?? null;
}

/** The venue's word for an immediate-or-cancel order ("IOC", "FAK"). */
export function immediateOrderWord(id: VenueId): string {
  return byId.get(id)?.immediateOrder ?? 'IOC';
}
