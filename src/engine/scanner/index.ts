// The engine's arbitrage scanner: the public surface the live engine, the CLI and the bench use.
export { basketId, type Basket, type BasketLeg, type SizedBasket } from './basket';
export { evaluateBasket, type SizingOptions } from './evaluate';
export { formatMoney, formatPriceTicks, formatQuotient } from './format';
export { applyEnvelope, Replay, type ReplaySummary } from './replay';
export { parseScenario, ScenarioError, scannerFromScenario, type Scenario } from './scenario';
export { byProfitThenOrder, DEFAULT_MAX_SIZE, DEFAULT_MIN_PROFIT_MICROS, Scanner, type ScanDelta, type ScannerOptions, type ScanResult } from './scanner';
export { toSpecOpportunity, type SpecOpportunity } from './specFormat';
export { toBookView, toContractDelta, toContractOpportunity } from './toContract';
export type { Equivalence, ExclusiveSet, Implication, MarketSpec, Relations, UniverseView } from './universe';
