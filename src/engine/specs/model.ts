// What a venue hands the spec parser: its fields in neutral terms. Each venue folder reads its own
// payloads into this (venues/<venue>/contractSpec.ts); the parser (parse.ts) never knows which
// venue wrote it.
import type { Comparator, DisputeState } from '../../shared/contract/spec';

export interface SpecText {
  /** The venue's field it came from ("rules_primary", "description"), for the evidence. */
  field: string;
  text: string;
}

export interface SpecInput {
  venue: string;
  market: string;
  /** The question as the venue words it (Kalshi `title`, Polymarket `question`). */
  title: string;
  eventTitle: string;
  /** The outcome this market names in its event ("$78,000 or above", "J.D. Vance"), or "". */
  outcomeLabel: string;
  /** Every rules text the venue publishes, in its order. */
  rules: readonly SpecText[];
  /** A comparator and threshold the venue states in structured fields (Kalshi strike_type, floor/cap). */
  strike: { comparator: Comparator | null; values: readonly string[]; field: string } | null;
  /** Sources the venue names in fields (Kalshi series `settlement_sources`, Polymarket `resolutionSource`). */
  sources: readonly { name: string; url: string | null }[];
  closeTime: number | null;
  /** When the venue expects to have resolved it; null when it does not say. */
  resolveBy: number | null;
  /** Where `resolveBy` was read from. */
  resolveByField: string | null;
  status: string;
  /** null: the venue's payload does not say. */
  dispute: DisputeState | null;
  earlyClose: string | null;
}

/** A venue payload the spec readers refuse: `field` names where (e.g. "market.close_time"). */
export class SpecInputError extends Error {
  override readonly name = 'SpecInputError';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** Field readers for the venue readers: a wrong type is a SpecInputError naming the field. */
export const read = {
  text(obj: Record<string, unknown>, key: string, where: string, required = false): string {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (required) throw new SpecInputError(`${where}${key}`, 'missing');
      return '';
    }
    if (typeof v !== 'string') throw new SpecInputError(`${where}${key}`, `expected a string, got ${typeof v}`);
    return v;
  },
  time(obj: Record<string, unknown>, key: string, where: string): number | null {
    const v = obj[key];
    if (v === undefined || v === null || v === '') return null;
    const ms = typeof v === 'string' ? Date.parse(v) : NaN;
    if (!Number.isFinite(ms)) throw new SpecInputError(`${where}${key}`, `not a date: ${JSON.stringify(v).slice(0, 60)}`);
    return ms;
  },
  object(v: unknown, where: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SpecInputError(where || '(top level)', 'expected a JSON object');
    return v as Record<string, unknown>;
  },
};
