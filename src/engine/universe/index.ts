// The market universe: merged discoveries, coverage (watchlist), ladders, cross-venue matching and
// the trader's link decisions.
export { buildCatalog, EMPTY_WATCHLIST, seriesKey, WatchFilter } from './catalog';
export { ladderImplications } from './ladders';
export { LinkBook, linkId } from './linkBook';
export { DEFAULT_SUGGEST_THRESHOLD, scoreOf, suggestLinks, type LinkSuggestion } from './matcher';
export { syncScanner, type SyncSummary } from './scannerSync';
export { MarketUniverse, type DiscoveryDiff, type ScannerTarget } from './universe';
