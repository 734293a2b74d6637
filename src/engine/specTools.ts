// Sub-entry of the engine (see index.ts): contract specs of venue market files — `arbdesk spec`
// and `arbdesk relate` load it when they run (the parser and its decimal arithmetic stay out of
// every other start-up).
import './venues';

export { parseSpec, relateSpecs } from './specs';
export { SpecInputError } from './specs/model';
export { readMarketJson } from './venues/contractSpecs';
