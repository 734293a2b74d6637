// Contract specs: every market's terms read field by field from the venue's own fields and rules
// (parse.ts), and two markets' specs compared into the relation a cross-venue link trades on
// (relate.ts). Venue folders read their payloads into the neutral SpecInput (model.ts).
export type { SpecInput, SpecText } from './model';
export { normalise, parseSpec } from './parse';
export { compareField, conflicts, relateSpecs } from './relate';
