// The fault SPEC language of `arbdesk sim --faults` and the admin endpoint (see src/sim/README.md):
//
//   SPEC  := ITEM ("," ITEM)*        e.g.  drop=0.01,gap=0.02,stall=kalshi:5s@20s/60s,reject=0.05,partial=0.2,latency=200ms
//   ITEM  := NAME "=" [VENUE ":"] VALUE     (no VENUE: both venues; gap is Kalshi only)
//   drop=RATE      each second, each open WebSocket of the venue is cut with probability RATE
//   gap=RATE       each Kalshi orderbook_delta is swallowed with probability RATE (its seq is spent)
//   stall=DUR[@AFTER][/EVERY]   the venue's feeds go silent for DUR (messages held, then released),
//                  starting AFTER from now (default 0), repeating every EVERY if given
//   reject=RATE    each new order is refused with probability RATE (the venue's own error)
//   partial=RATE   each order that would fill fills only about half, with probability RATE
//   latency=DUR    every REST answer and every WebSocket message is delayed by DUR
//   variants=RATE  each message or answer with another shape the venue is known to send is sent in
//                  that shape with probability RATE (src/sim/README.md lists them)
//   throttle=RATE  Kalshi only: each REST request is answered 429 with probability RATE (a storm)
//   rejectabove=N  each new order for more than N contracts is refused (the venue's own error);
//                  on Polymarket only BUYs (a large basket loses a leg; its unwind can still sell)
//   settle=DUR     Polymarket only: shares a trade bought can be sold only DUR after it matched
//   RATE: a decimal in [0, 1]; DUR: an integer with ms, s or m ("250ms", "5s", "1m").
import type { VenueId } from '../../shared/ids';

export interface StallSchedule {
  durationMs: number;
  afterMs: number;
  everyMs: number | null;
}

export interface VenueFaults {
  drop: number;
  gap: number;
  reject: number;
  partial: number;
  /** The published variant shapes (see src/sim/README.md), at this rate. */
  variants: number;
  latencyMs: number;
  stall: StallSchedule | null;
  /** Share of REST requests answered 429 (Kalshi). */
  throttle: number;
  /** Orders above this many contracts are refused; null: none. */
  rejectAbove: number | null;
  /** Wall ms after a match before bought shares can be sold (Polymarket); 0: at once. */
  settleMs: number;
}

export type FaultSpec = Record<VenueId, VenueFaults>;

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

export function noFaults(): VenueFaults {
  return { drop: 0, gap: 0, reject: 0, partial: 0, variants: 0, latencyMs: 0, stall: null, throttle: 0, rejectAbove: null, settleMs: 0 };
}

export function emptySpec(): FaultSpec {
  return { kalshi: noFaults(), polymarket: noFaults() };
}

const RATE_NAMES = ['drop', 'gap', 'reject', 'partial', 'variants'] as const;

function parseRate(item: string, text: string): number {
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(text)) throw new FaultSpecError(`"${item}": the rate must be a decimal from 0 to 1, got "${text}"`);
  return Number(text);
}

export function parseDuration(item: string, text: string): number {
  const m = /^(\d{1,9})(ms|s|m)$/.exec(text);
  if (!m) throw new FaultSpecError(`"${item}": the duration must look like 250ms, 5s or 1m, got "${text}"`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

function parseStall(item: string, text: string): StallSchedule {
  const m = /^([^@/]+)(?:@([^/]+))?(?:\/(.+))?$/.exec(text);
  if (!m) throw new FaultSpecError(`"${item}": a stall looks like 5s, 5s@20s or 5s@20s/60s`);
  const durationMs = parseDuration(item, m[1]!);
  if (durationMs === 0) throw new FaultSpecError(`"${item}": a stall must last more than 0`);
  const afterMs = m[2] === undefined ? 0 : parseDuration(item, m[2]);
  const everyMs = m[3] === undefined ? null : parseDuration(item, m[3]);
  if (everyMs !== null && everyMs <= durationMs) throw new FaultSpecError(`"${item}": the period must be longer than the stall`);
  return { durationMs, afterMs, everyMs };
}

/** Parses a SPEC onto `base` (a copy of it is returned). An empty string is no change. */
export function parseFaultSpec(text: string, base: FaultSpec = emptySpec()): FaultSpec {
  const spec: FaultSpec = { kalshi: { ...base.kalshi }, polymarket: { ...base.polymarket } };
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'none') return spec;
  for (const raw of trimmed.split(',')) {
    const item = raw.trim();
    const eq = item.indexOf('=');
    if (eq <= 0) throw new FaultSpecError(`"${item}": expected NAME=VALUE`);
    const name = item.slice(0, eq);
    let value = item.slice(eq + 1);
    let venues: VenueId[] = ['kalshi', 'polymarket'];
    const colon = value.indexOf(':');
    if (colon >= 0) {
      const venue = value.slice(0, colon);
      if (venue !== 'kalshi' && venue !== 'polymarket') throw new FaultSpecError(`"${item}": unknown venue "${venue}" (kalshi or polymarket)`);
      venues = [venue];
      value = value.slice(colon + 1);
    }
    if ((RATE_NAMES as readonly string[]).includes(name)) {
      const rate = parseRate(item, value);
      if (name === 'gap') {
        if (venues.length === 1 && venues[0] === 'polymarket') throw new FaultSpecError(`"${item}": Polymarket feeds have no sequence numbers to gap`);
        venues = ['kalshi'];
      }
      for (const v of venues) spec[v][name as (typeof RATE_NAMES)[number]] = rate;
    } else if (name === 'latency') {
      const ms = parseDuration(item, value);
      for (const v of venues) spec[v].latencyMs = ms;
    } else if (name === 'stall') {
      const stall = parseStall(item, value);
      for (const v of venues) spec[v].stall = stall;
    } else if (name === 'throttle') {
      if (venues.length === 1 && venues[0] === 'polymarket') throw new FaultSpecError(`"${item}": throttle is a Kalshi fault`);
      spec.kalshi.throttle = parseRate(item, value);
    } else if (name === 'rejectabove') {
      if (!/^\d{1,9}$/.test(value)) throw new FaultSpecError(`"${item}": rejectabove takes a whole number of contracts, got "${value}"`);
      for (const v of venues) spec[v].rejectAbove = Number(value);
    } else if (name === 'settle') {
      if (venues.length === 1 && venues[0] === 'kalshi') throw new FaultSpecError(`"${item}": settle is a Polymarket fault`);
      spec.polymarket.settleMs = parseDuration(item, value);
    } else {
      throw new FaultSpecError(`"${item}": unknown fault "${name}" (drop, gap, stall, reject, partial, latency, variants, throttle, rejectabove, settle)`);
    }
  }
  return spec;
}

function formatMs(ms: number): string {
  return ms % 60_000 === 0 && ms > 0 ? `${ms / 60_000}m` : ms % 1000 === 0 && ms > 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** The canonical SPEC text of a fault set ("" when there are none). */
export function formatFaultSpec(spec: FaultSpec): string {
  const items: string[] = [];
  for (const venue of ['kalshi', 'polymarket'] as const) {
    const f = spec[venue];
    for (const name of RATE_NAMES) if (f[name] > 0) items.push(`${name}=${venue}:${f[name]}`);
    if (f.latencyMs > 0) items.push(`latency=${venue}:${formatMs(f.latencyMs)}`);
    if (f.throttle > 0) items.push(`throttle=${venue}:${f.throttle}`);
    if (f.rejectAbove !== null) items.push(`rejectabove=${venue}:${f.rejectAbove}`);
    if (f.settleMs > 0) items.push(`settle=${venue}:${formatMs(f.settleMs)}`);
    if (f.stall) {
      const s = f.stall;
      items.push(`stall=${venue}:${formatMs(s.durationMs)}${s.afterMs ? `@${formatMs(s.afterMs)}` : ''}${s.everyMs ? `/${formatMs(s.everyMs)}` : ''}`);
    }
  }
  return items.join(',');
}
