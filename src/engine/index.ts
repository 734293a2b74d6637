// The engine's one public entry, for hosts (serve, Electron main), the CLI, chaos and bench
// (docs/architecture.md "The public entry"). Importing it costs little: types, the venues'
// registration list (manifests, decoders, fee models — no SDK), and small classes the hosts need.
// What is heavy loads on demand: `createEngine` loads the composition (SQLite, zod schemas, the
// live services), and the two declared sub-entries load the rest:
//   - ./offline.ts: scanning without a host (scenario files, replay) for `arbdesk scan`, `replay`, bench;
//   - ./tools.ts: what a host's tools read of a running engine (recording, ledgers, digests) for
//     `arbdesk record`, chaos and bench.
import type * as EngineModule from './engine';
import type { Engine as EngineClass, EngineOptions } from './engine';
import type * as Offline from './offline';
import type * as Tools from './tools';

export type { Engine, EngineOptions, EngineServices } from './engine';
export { BUILT_IN_VENUES, venueRegistry } from './venues';
export { VenueRegistry } from './venues/registry';
export { secretName } from './venues/contribution';
export type {
  FeeContribution, MarketDataContribution, MarketDataDecoder, OrderRules, Resolution, ScenarioAdapter, ScenarioMarket, SecretValidation,
  VenueContext, VenueContribution, VenueEnvironmentSpec, VenueLabels, VenueManifest, VenueSecret,
} from './venues/contribution';
export { Redacted, endpoint, type ResolvedVenue, type VenueConnection, type VenueConnectionResolver } from './venues/connection';
export {
  OrderOutcomeUnknownError, OrderRefusedError,
  type BookHealthChange, type CancelAllResult, type Discovery, type DiscoveryFilter, type ExclusiveSet, type FeeParams, type FeedConnection, type FeedStatus,
  type Implication, type MarketFeed, type MarketInfo, type MarketStatus, type OpenOrder, type OrderGuard, type OrderLookup, type OrderRef, type OrderRequest,
  type OrderResult, type OrderShape, type OrderStatus, type PreparedOrder, type RawVenueMessage, type TimeInForce, type TradingApi, type Venue, type VenueFill,
  type VenueMarketEvent,
} from './venues/venue';
export { Redactor } from './secrets/redactor';
export { RedactingSecretStore } from './secrets/redactingSecretStore';
export { SecretStoreUnavailableError, type KeychainStatus, type SecretStore } from './secrets/secretStore';
export { DEFAULT_LIMITS } from './settings/defaults';
export type { ConnectorOverride } from './live/venueHost';
export { systemClock, type Clock } from './platform/clock';

/**
 * Loads the composition and its native modules (SQLite) now. A host that must tell a module that
 * cannot load from any other start failure (Electron main) calls this before it starts the engine.
 */
export function loadEngine(): Promise<typeof EngineModule> {
  return import('./engine');
}

/** Builds an engine (loading the composition now) and starts its venues in the background. */
export async function createEngine(options: EngineOptions): Promise<EngineClass> {
  const { Engine } = await loadEngine();
  return Engine.create(options);
}

/** The offline sub-entry: scanning scenario files and replays without a host. */
export function loadOffline(): Promise<typeof Offline> {
  return import('./offline');
}

/** The tools sub-entry: recording, ledgers and digests of a running engine. */
export function loadTools(): Promise<typeof Tools> {
  return import('./tools');
}
