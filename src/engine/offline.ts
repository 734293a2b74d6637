// Sub-entry of the engine (see index.ts): scanning without a host — scenario files, the scanner,
// replays of recorded streams, and the spec's output format. `arbdesk scan`, `arbdesk replay` and
// bench load it when they run.
import './venues';

export { Scanner, byProfitThenOrder, type ScanDelta, type ScanResult, type ScannerOptions } from './scanner/scanner';
export { loadScenarioInto, parseScenario, scannerFromScenario, ScenarioError, type Scenario, type ScenarioMarket } from './scanner/scenario';
export { applyEnvelope, Replay, type ReplaySummary } from './scanner/replay';
export { toSpecOpportunity, type SpecOpportunity } from './scanner/specFormat';
export { toContractDelta, toContractOpportunity } from './scanner/toContract';
export type { MarketSpec, Relations } from './strategies/universe';
export type { SizedBasket } from './scanner/basket';
export { booksDigest } from './live/bookDigest';
export { SYNC_SLICE_MARKETS, syncSteps } from './live/scannerSync';
export type { ScannerTarget } from './universe/universe';
