// A Polymarket Gamma market → the spec parser's neutral input (specs/model.ts). Fields from the
// Gamma OpenAPI (polymarket-gamma.openapi.yaml, `Market`): `question`, `description` (the rules),
// `resolutionSource`, `endDate`, `groupItemTitle`, `umaResolutionStatus` (string) and
// `umaResolutionStatuses` (a JSON-encoded list, the history). Live values seen: "proposed",
// "disputed", "resolved", "" (nautilus_trader test_data gamma_market_live.json; captured Gamma
// payloads with `"umaResolutionStatuses": "[\"proposed\", \"disputed\", \"proposed\", \"resolved\"]"`).
import type { DisputeState } from '../../../shared/contract/spec';
import { read, SpecInputError, type SpecInput } from '../../specs/model';

export interface GammaSpecFields {
  conditionId: string;
  question: string;
  description: string;
  eventTitle: string;
  eventDescription: string;
  groupItemTitle: string;
  resolutionSource: string;
  endTime: number | null;
  closed: boolean;
  active: boolean;
  /** `umaResolutionStatus`; null: the payload does not carry it. */
  umaStatus: string | null;
}

/** `umaResolutionStatus` → the dispute state; null: not in the payload (or a word not known). */
export function umaDispute(status: string | null): DisputeState | null {
  if (status === null) return null;
  const s = status.trim().toLowerCase();
  if (s === '') return 'none';
  if (s === 'proposed') return 'proposed';
  if (s === 'disputed' || s === 'challenged') return 'disputed';
  if (s === 'resolved') return 'resolved';
  return null;
}

export function polymarketSpecInput(f: GammaSpecFields): SpecInput {
  const source = f.resolutionSource.trim();
  return {
    venue: 'polymarket',
    market: f.conditionId,
    title: f.question,
    eventTitle: f.eventTitle,
    outcomeLabel: f.groupItemTitle,
    rules: [{ field: 'description', text: f.description || f.eventDescription }],
    strike: null,
    sources: source === '' ? [] : [/^https?:\/\//i.test(source) ? { name: source.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/.*$/, ''), url: source } : { name: source, url: null }],
    closeTime: f.endTime,
    resolveBy: f.endTime,
    resolveByField: f.endTime === null ? null : 'endDate',
    status: f.closed ? 'closed' : f.active ? 'active' : 'inactive',
    dispute: umaDispute(f.umaStatus),
    earlyClose: null,
  };
}

function bool(o: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new SpecInputError(key, `expected true or false, got ${JSON.stringify(v).slice(0, 40)}`);
  return v;
}

/** `arbdesk spec` input: one Gamma market object (`GET /markets?…`, or an element of an event's `markets`). */
export function polymarketSpecInputFromFile(json: Record<string, unknown>): SpecInput {
  const conditionId = read.text(json, 'conditionId', '', true);
  if (!/^0x[0-9a-fA-F]{64}$/.test(conditionId)) throw new SpecInputError('conditionId', 'not a bytes32 hex string');
  const events = json.events;
  if (events !== undefined && events !== null && !Array.isArray(events)) throw new SpecInputError('events', 'expected a list');
  const event = Array.isArray(events) && events.length > 0 ? read.object(events[0], 'events[0]') : {};
  const uma = json.umaResolutionStatus;
  if (uma !== undefined && uma !== null && typeof uma !== 'string') throw new SpecInputError('umaResolutionStatus', 'expected a string');
  const history = umaHistory(json.umaResolutionStatuses);
  return polymarketSpecInput({
    conditionId,
    question: read.text(json, 'question', '', true),
    description: read.text(json, 'description', ''),
    eventTitle: read.text(event, 'title', 'events[0].'),
    eventDescription: read.text(event, 'description', 'events[0].'),
    groupItemTitle: read.text(json, 'groupItemTitle', ''),
    resolutionSource: read.text(json, 'resolutionSource', ''),
    endTime: read.time(json, 'endDate', '') ?? read.time(json, 'endDateIso', ''),
    closed: bool(json, 'closed', false),
    active: bool(json, 'active', true),
    umaStatus: typeof uma === 'string' ? uma : history,
  });
}

/** `umaResolutionStatuses`, a JSON-encoded list of the statuses so far: the latest, "" when none yet. */
export function umaHistory(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  let list: unknown = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v);
    } catch {
      throw new SpecInputError('umaResolutionStatuses', 'not a JSON list');
    }
  }
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) throw new SpecInputError('umaResolutionStatuses', 'not a list of strings');
  return list.length === 0 ? '' : (list[list.length - 1] as string);
}

/** The contract-spec contribution of Polymarket: which payloads are Gamma markets, and how to read them. */
export const polymarketSpecReader = {
  venue: 'polymarket',
  recognises: (json: Record<string, unknown>): boolean => 'conditionId' in json || ('question' in json && 'description' in json),
  read: polymarketSpecInputFromFile,
} as const;
