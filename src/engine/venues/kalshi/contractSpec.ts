// Kalshi's market (and its series' settlement sources) → the spec parser's neutral input
// (specs/model.ts). Field meanings from the venue's OpenAPI (`Market`, kalshi.openapi.yaml):
// `strike_type` greater | greater_or_equal | less | less_or_equal | between | functional | custom |
// structured, with `floor_strike` / `cap_strike`; `rules_primary` / `rules_secondary`;
// `expected_expiration_time`, `settlement_timer_seconds` ("the amount of time after determination
// that the market settles"); `status` initialized … determined, disputed, amended, finalized;
// `early_close_condition`. Series `settlement_sources` are {name, url}.
import type { Comparator, DisputeState } from '../../../shared/contract/spec';
import { read, SpecInputError, type SpecInput } from '../../specs/model';
import { numberText, type KalshiEventJson, type KalshiMarketJson } from './mapping';

const STRIKES = new Map<string, Comparator | null>([
  ['greater', '>'],
  ['greater_or_equal', '>='],
  ['less', '<'],
  ['less_or_equal', '<='],
  ['between', 'between'],
  ['functional', null],
  ['custom', null],
  ['structured', null],
]);

/** Kalshi `Market.status` → the dispute state (determined/amended: proposed; disputed; finalized: resolved). */
export function kalshiDispute(status: string): DisputeState {
  switch (status) {
    case 'determined':
    case 'amended':
      return 'proposed';
    case 'disputed':
      return 'disputed';
    case 'finalized':
    case 'settled':
      return 'resolved';
    default:
      return 'none';
  }
}

function strikeOf(m: Record<string, unknown>, where: string): SpecInput['strike'] {
  const type = read.text(m, 'strike_type', where);
  if (type === '') return null;
  if (!STRIKES.has(type)) throw new SpecInputError(`${where}strike_type`, `"${type.slice(0, 40)}" is not a Kalshi strike type`);
  const comparator = STRIKES.get(type)!;
  const value = (key: 'floor_strike' | 'cap_strike') => {
    const v = m[key];
    if (v === undefined || v === null) return null;
    const t = numberText(v);
    if (t === null) throw new SpecInputError(`${where}${key}`, `not a number: ${JSON.stringify(v).slice(0, 40)}`);
    return t;
  };
  const floor = value('floor_strike');
  const cap = value('cap_strike');
  const values = comparator === 'between' ? (floor !== null && cap !== null ? [floor, cap] : []) : comparator === '<' || comparator === '<=' ? (cap !== null ? [cap] : []) : floor !== null ? [floor] : [];
  return { comparator: values.length > 0 ? comparator : null, values, field: `strike_type ${type}${values.length > 0 ? ` (${comparator === 'between' ? 'floor_strike–cap_strike' : comparator === '<' || comparator === '<=' ? 'cap_strike' : 'floor_strike'} ${values.join('–')})` : ''}` };
}

function sourcesOf(v: unknown, where: string): { name: string; url: string | null }[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new SpecInputError(`${where}settlement_sources`, 'expected a list of {name, url}');
  return v.map((s, i) => {
    const o = read.object(s, `${where}settlement_sources[${i}]`);
    const name = read.text(o, 'name', `${where}settlement_sources[${i}].`, true);
    const url = read.text(o, 'url', `${where}settlement_sources[${i}].`);
    return { name, url: url === '' ? null : url };
  });
}

/** Where resolveBy is read from, without and with the settlement timer: one string each, not one per market. */
const RESOLVE_BY_FIELD = {
  expected: ['expected_expiration_time', 'expected_expiration_time + settlement_timer_seconds'],
  close: ['close_time', 'close_time + settlement_timer_seconds'],
} as const;

/**
 * A Kalshi market as `GET /markets/{ticker}` returns it, with its series' settlement sources;
 * throws SpecInputError naming the first field it cannot read.
 */
export function kalshiSpecInput(market: KalshiMarketJson | Record<string, unknown>, options: { sources?: unknown; sourcesWhere?: string; event?: KalshiEventJson | null; where?: string } = {}): SpecInput {
  const where = options.where ?? '';
  const m = market as Record<string, unknown>;
  const ticker = read.text(m, 'ticker', where, true);
  if (ticker.trim() === '') throw new SpecInputError(`${where}ticker`, 'empty');
  const rulesPrimary = read.text(m, 'rules_primary', where, true);
  const rulesSecondary = read.text(m, 'rules_secondary', where);
  const status = read.text(m, 'status', where);
  const closeTime = read.time(m, 'close_time', where);
  const expected = read.time(m, 'expected_expiration_time', where);
  const timer = m.settlement_timer_seconds;
  if (timer !== undefined && timer !== null && !(typeof timer === 'number' && Number.isSafeInteger(timer) && timer >= 0)) {
    throw new SpecInputError(`${where}settlement_timer_seconds`, 'not a whole number of seconds');
  }
  const settle = typeof timer === 'number' ? timer * 1000 : 0;
  const resolveBy = expected !== null ? expected + settle : closeTime !== null ? closeTime + settle : null;
  const resolveByField = resolveBy === null ? null : RESOLVE_BY_FIELD[expected !== null ? 'expected' : 'close'][settle > 0 ? 1 : 0];
  const canClose = m.can_close_early;
  const condition = read.text(m, 'early_close_condition', where);
  const event = options.event ?? null;
  return {
    venue: 'kalshi',
    market: ticker,
    title: read.text(m, 'title', where) || (typeof event?.title === 'string' ? event.title : ''),
    eventTitle: typeof event?.title === 'string' ? event.title : '',
    outcomeLabel: read.text(m, 'yes_sub_title', where) || read.text(m, 'subtitle', where),
    rules: [
      { field: 'rules_primary', text: rulesPrimary },
      { field: 'rules_secondary', text: rulesSecondary },
    ],
    strike: strikeOf(m, where),
    sources: sourcesOf(options.sources, options.sourcesWhere ?? 'series.'),
    closeTime,
    resolveBy,
    resolveByField,
    status,
    dispute: status === '' ? null : kalshiDispute(status),
    earlyClose: condition !== '' ? condition : canClose === true ? 'can close early (can_close_early)' : null,
  };
}

/** `arbdesk spec` input: `{market, series}` as the API returns them, or a market object carrying `settlement_sources`. */
export function kalshiSpecInputFromFile(json: Record<string, unknown>): SpecInput {
  if (json.market !== undefined) {
    const market = read.object(json.market, 'market');
    const series = json.series === undefined ? undefined : read.object(json.series, 'series');
    return kalshiSpecInput(market, { sources: series?.settlement_sources, sourcesWhere: 'series.', where: 'market.' });
  }
  const series = json.series === undefined ? undefined : read.object(json.series, 'series');
  return kalshiSpecInput(json, { sources: json.settlement_sources ?? series?.settlement_sources, sourcesWhere: json.settlement_sources !== undefined ? '' : 'series.', where: '' });
}

/** The contract-spec contribution of Kalshi: which payloads are its markets, and how to read them. */
export const kalshiSpecReader = {
  venue: 'kalshi',
  recognises: (json: Record<string, unknown>): boolean => 'ticker' in json || (typeof json.market === 'object' && json.market !== null && 'ticker' in json.market),
  read: kalshiSpecInputFromFile,
} as const;
