// The one typed contract between the UI and the engine (DESIGN.md "Processes"): commands
// (request → response) and events (pushed), each with a schema checked by the receiving side.
export * from './contract/primitives';
export * from './contract/spec';
export * from './contract/balance';
export * from './contract/market';
export * from './contract/explain';
export * from './contract/opportunity';
export * from './contract/risk';
export * from './contract/positions';
export * from './contract/activity';
export * from './contract/secrets';
export * from './contract/metrics';
export * from './contract/state';
export * from './contract/preferences';
export * from './contract/commands';
export * from './contract/events';
export * from './contract/envelope';
