// What the Venues pane shows of each venue that can run: where it runs and where the trader asked
// it to, its feed (connection, rate, age of the last message, lag), its books (streamed, stale,
// unknown), whether its keys are set, and its fees as charged against the model.
import type { VenueStatus, VenueManifestView } from '../../shared/contract';
import type { VenueId } from '../../shared/ids';
import { secretName } from '../venues/contribution';
import type { VenueRegistry } from '../venues/registry';
import type { MarketDataPump } from './marketDataPump';
import type { UniverseSync } from './universeSync';
import type { VenueHost } from './venueHost';

export interface VenueStatusSources {
  venues: VenueRegistry;
  host: VenueHost;
  pump: MarketDataPump;
  sync: UniverseSync;
  monotonic(): number;
  keysSet(venue: VenueId): boolean;
  fees(venue: VenueId): VenueStatus['fees'] | undefined;
  balance?(venue: VenueId): VenueStatus['balance'] | undefined;
}

export function venueStatuses(s: VenueStatusSources): VenueStatus[] {
  const now = s.monotonic();
  return s.host.available.map((id) => {
    const manifest = s.venues.get(id).manifest;
    const slot = s.host.slot(id);
    const health = s.pump.health(id);
    const status = slot.venue?.feed.status() ?? null;
    const counts = health?.counts() ?? { stale: 0, unknown: 0 };
    const last = health?.lastMessage ?? null;
    const selected = s.host.selectedEnvironment(id);
    const detail = slot.state === 'failed' || slot.state === 'off' ? slot.error : (status?.detail ?? health?.staleReason ?? slot.resolved?.note ?? null);
    const fees = s.fees(id);
    const balance = s.balance?.(id);
    return {
      venue: id,
      name: manifest.name,
      environment: slot.resolved?.connection.environment ?? selected,
      selectedEnvironment: selected,
      environments: manifest.environments.map((e) => e.id),
      connection: slot.state === 'failed' ? 'down' : slot.state === 'off' ? 'disabled' : slot.state === 'starting' || !status ? 'connecting' : status.connection,
      messageRate: Math.max(0, status?.messageRate ?? 0),
      lastMessageAgeMs: last === null ? null : Math.max(0, Math.round(now - last)),
      lagMs: status?.lagMs ?? null,
      markets: s.sync.streamed(id).length,
      staleBooks: counts.stale,
      unknownBooks: counts.unknown,
      keysSet: s.keysSet(id),
      detail,
      ...(fees ? { fees } : {}),
      ...(balance ? { balance } : {}),
    };
  });
}

/** Every registered venue as the trader's screen knows it. */
export function venueManifestViews(venues: VenueRegistry): VenueManifestView[] {
  return venues.all().map(({ manifest: m }) => ({
    venue: m.id,
    name: m.name,
    shortName: m.labels.shortName,
    color: m.labels.color,
    immediateOrder: m.labels.immediateOrder,
    seriesTerm: m.labels.seriesTerm,
    environments: m.environments.map((e) => e.id),
    secrets: m.secrets.map((x) => ({ name: secretName(m.id, x.key), label: x.label, multiline: x.multiline === true })),
    webHosts: [...m.webHosts],
    ...(m.jurisdiction ? { jurisdiction: m.jurisdiction } : {}),
    ...(m.jurisdictionNote ? { jurisdictionNote: m.jurisdictionNote } : {}),
  }));
}
