// The scenario file of `arbdesk scan` / `arbdesk replay` (spec §2): markets with their books and
// fee parameters, the relations between them, and sizing options. Every rule is checked here, and
// a violation names the offending field: `markets[1].orderbook_fp.yes_dollars[0][0]: …`. The frame
// is read here; each market's fee parameters and book by its venue's scenario adapter.
import type { MarketRef } from '../../shared/ids';
import { parseScaled } from '../../shared/units';
import type { BookLevels } from '../books/marketBook';
import type { Equivalence, ExclusiveSet, Implication, MarketSpec, Relations } from '../strategies/universe';
import { venueRegistry, type VenueRegistry } from '../venues/registry';
import { decimalText, describe, isObject, quote, readString, ScenarioError } from '../venues/scenarioFields';
import { DEFAULT_MAX_SIZE, DEFAULT_MIN_PROFIT_MICROS, Scanner } from './scanner';
import type { SizingOptions } from './evaluate';

export { ScenarioError } from '../venues/scenarioFields';

export interface ScenarioMarket {
  readonly spec: MarketSpec;
  /** The book as the file gives it, in its venue's shape. */
  readonly levels: BookLevels;
}

export interface Scenario {
  readonly markets: readonly ScenarioMarket[];
  readonly relations: Relations;
  readonly options: SizingOptions;
}

export const MAX_SIZE_LIMIT = 1_000_000_000;
const MAX_ID_LENGTH = 180;

type Json = unknown;

function readId(value: Json, field: string): string {
  const id = readString(value, field, 'a market id');
  if (/\s/.test(id) || id.length > MAX_ID_LENGTH) throw new ScenarioError(field, `${quote(id)} is not a valid market id (no spaces, at most ${MAX_ID_LENGTH} characters)`);
  return id;
}

/** The registered venues as a scenario names them: `"a", "b" or "c"`. */
function venueChoices(venues: VenueRegistry): string {
  const ids = venues.ids().map((id) => JSON.stringify(id));
  return ids.length <= 1 ? (ids[0] ?? 'none') : `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)!}`;
}

function readMarket(raw: Json, i: number, venues: VenueRegistry): ScenarioMarket {
  const field = `markets[${i}]`;
  if (!isObject(raw)) throw new ScenarioError(field, `expected a market object, got ${describe(raw)}`);
  const venue = raw.venue;
  if (typeof venue !== 'string' || !venues.has(venue)) {
    throw new ScenarioError(`${field}.venue`, venue === undefined ? `missing (expected ${venueChoices(venues)})` : `unknown venue ${describe(venue)} (expected ${venueChoices(venues)})`);
  }
  const id = readId(raw.id, `${field}.id`);
  if (raw.title !== undefined && typeof raw.title !== 'string') throw new ScenarioError(`${field}.title`, `expected a string, got ${describe(raw.title)}`);
  const title = (raw.title as string | undefined) ?? id;
  const read = venues.get(venue).scenario.read(raw, field);
  return { spec: { venue, id, title, fee: read.fee, ...(read.tokens ? { tokens: read.tokens } : {}) }, levels: read.levels };
}

function readRef(value: Json, field: string, known: ReadonlySet<string>, venues: VenueRegistry): MarketRef {
  if (typeof value !== 'string') throw new ScenarioError(field, `expected a market reference such as "${venues.ids()[0] ?? 'venue'}:TICKER", got ${describe(value)}`);
  const colon = value.indexOf(':');
  const venue = colon > 0 ? value.slice(0, colon) : '';
  if (colon <= 0 || colon === value.length - 1) throw new ScenarioError(field, `${quote(value)} is not a market reference (venue:id)`);
  if (!venues.has(venue)) throw new ScenarioError(field, `unknown venue ${quote(venue)} in ${quote(value)}`);
  if (!known.has(value)) throw new ScenarioError(field, `unknown market ${quote(value)} (not listed in markets)`);
  return value as MarketRef;
}

function readArray(value: Json, field: string, what: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ScenarioError(field, `expected an array of ${what}, got ${describe(value)}`);
  return value;
}

function readOptions(raw: Json): SizingOptions {
  if (raw === undefined || raw === null) return { minProfit: DEFAULT_MIN_PROFIT_MICROS, maxSize: DEFAULT_MAX_SIZE };
  if (!isObject(raw)) throw new ScenarioError('options', `expected {"minProfit", "maxSize"}, got ${describe(raw)}`);
  let minProfit = DEFAULT_MIN_PROFIT_MICROS;
  if (raw.minProfit !== undefined) {
    const text = decimalText(raw.minProfit);
    if (text === null) throw new ScenarioError('options.minProfit', `expected dollars such as "0.01", got ${describe(raw.minProfit)}`);
    if (text.startsWith('-')) throw new ScenarioError('options.minProfit', `${quote(text)} is negative`);
    const r = parseScaled(text, 6);
    if (!r.ok) throw new ScenarioError('options.minProfit', `${quote(text)} is not a dollar amount (${r.reason})`);
    minProfit = r.value;
  }
  let maxSize = DEFAULT_MAX_SIZE;
  if (raw.maxSize !== undefined) {
    const v = typeof raw.maxSize === 'string' && /^\d+$/.test(raw.maxSize) ? Number(raw.maxSize) : raw.maxSize;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_SIZE_LIMIT) {
      throw new ScenarioError('options.maxSize', `expected a whole number of contracts from 1 to ${MAX_SIZE_LIMIT}, got ${describe(raw.maxSize)}`);
    }
    maxSize = v;
  }
  return { minProfit, maxSize };
}

/** Checks and reads a parsed scenario file. Throws ScenarioError naming the first bad field. */
export function parseScenario(json: Json, venues: VenueRegistry = venueRegistry): Scenario {
  if (!isObject(json)) throw new ScenarioError('(top level)', `expected a JSON object, got ${describe(json)}`);
  if (json.markets === undefined) throw new ScenarioError('markets', 'missing (expected an array of markets)');
  const rawMarkets = readArray(json.markets, 'markets', 'markets');
  const markets: ScenarioMarket[] = [];
  const refs = new Set<string>();
  const tokens = new Set<string>();
  rawMarkets.forEach((raw, i) => {
    const m = readMarket(raw, i, venues);
    const ref = `${m.spec.venue}:${m.spec.id}`;
    if (refs.has(ref)) throw new ScenarioError(`markets[${i}].id`, `market ${quote(ref)} is listed twice`);
    refs.add(ref);
    for (const outcome of ['yes', 'no'] as const) {
      const t = m.spec.tokens?.[outcome];
      if (t === undefined) continue;
      if (tokens.has(t)) throw new ScenarioError(`markets[${i}].tokens.${outcome}.token_id`, `token ${quote(t)} belongs to another market too`);
      tokens.add(t);
    }
    markets.push(m);
  });

  const equivalent: Equivalence[] = readArray(json.equivalent, 'equivalent', 'market pairs').map((pair, i) => {
    const f = `equivalent[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2) throw new ScenarioError(f, `expected a pair ["venue:id", "venue:id"], got ${describe(pair)}`);
    const a = readRef(pair[0], `${f}[0]`, refs, venues);
    const b = readRef(pair[1], `${f}[1]`, refs, venues);
    if (a === b) throw new ScenarioError(`${f}[1]`, `${quote(b)} cannot be equivalent to itself`);
    return [a, b] as const;
  });

  const exclusive: ExclusiveSet[] = readArray(json.exclusive, 'exclusive', 'exclusive sets').map((set, i) => {
    const f = `exclusive[${i}]`;
    if (!isObject(set)) throw new ScenarioError(f, `expected {"id", "members", "exhaustive"}, got ${describe(set)}`);
    if (set.id !== undefined && typeof set.id !== 'string') throw new ScenarioError(`${f}.id`, `expected a string, got ${describe(set.id)}`);
    if (set.exhaustive !== undefined && typeof set.exhaustive !== 'boolean') throw new ScenarioError(`${f}.exhaustive`, `expected true or false, got ${describe(set.exhaustive)}`);
    if (!Array.isArray(set.members) || set.members.length === 0) throw new ScenarioError(`${f}.members`, `expected a non-empty array of markets, got ${describe(set.members)}`);
    const members = set.members.map((m: Json, j) => readRef(m, `${f}.members[${j}]`, refs, venues));
    members.forEach((m, j) => {
      if (members.indexOf(m) !== j) throw new ScenarioError(`${f}.members[${j}]`, `${quote(m)} is listed twice`);
    });
    return { id: (set.id as string | undefined) ?? f, members, exhaustive: set.exhaustive === true };
  });

  const implies: Implication[] = readArray(json.implies, 'implies', 'implications').map((rule, i) => {
    const f = `implies[${i}]`;
    if (!isObject(rule)) throw new ScenarioError(f, `expected {"if", "then"}, got ${describe(rule)}`);
    const a = readRef(rule.if, `${f}.if`, refs, venues);
    const b = readRef(rule.then, `${f}.then`, refs, venues);
    if (a === b) throw new ScenarioError(`${f}.then`, `${quote(b)} cannot imply itself`);
    return { if: a, then: b };
  });

  return { markets, relations: { equivalent, exclusive, implies }, options: readOptions(json.options) };
}

/** A scanner loaded with the scenario's markets (books live, as given), relations and options. */
export function scannerFromScenario(scenario: Scenario, now: () => number = Date.now): Scanner {
  const scanner = new Scanner({ minProfit: scenario.options.minProfit, maxSize: scenario.options.maxSize, now });
  loadScenarioInto(scanner, scenario, now());
  return scanner;
}

/** Adds the scenario's markets (books live, as given) and relations to a scanner. */
export function loadScenarioInto(scanner: Scanner, scenario: Scenario, at: number): void {
  scanner.extend({ markets: scenario.markets.map((m) => m.spec), relations: scenario.relations }, 'live');
  for (const m of scenario.markets) {
    const book = scanner.books.get(`${m.spec.venue}:${m.spec.id}`)!;
    book.load(m.levels);
    book.yes.updatedAt = at;
    book.no.updatedAt = at;
  }
  // The books were loaded directly: size every basket on them.
  scanner.refresh(at);
}
