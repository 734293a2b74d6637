// When a market's outcome is observed, from the rules' words: an instant ("at 5 PM EDT on
// Sep 21, 2025", "12:00 in the ET timezone on the date in the title"), a calendar day ("for
// Sep 15, 2026"), or a period ("starting … and before Dec 31, 2026 at 11:59 PM ET", "between
// market creation and September 30, 2026, 11:59 PM ET", "before Oct 1, 2026"). A time of day
// without a zone, or a zone without a date, stays unknown.
import { DATE_PATTERN, iso, isoDate, parseDate, parseTime, TIME_PATTERN, toInstant, withYear, ZONE_WORDS, zoneName } from './clock';

export interface Timing {
  kind: 'instant' | 'day' | 'period';
  /** ISO instant, or a bare date (YYYY-MM-DD) when no time of day or zone is stated. */
  time: string;
  /** IANA zone, or null when the rules state none. */
  timezone: string | null;
  /** period: its start (ISO instant or date), null from listing. day: the date. */
  start: string | null;
  evidence: string;
}

const D = `(${DATE_PATTERN})`;
const T = `(${TIME_PATTERN})`;
const Z = String.raw`(${ZONE_WORDS})\b(?:\s+time\s*zone|\s+timezone)?`;
const flags = 'i';

interface Point {
  date: string;
  time: string | null;
  zone: string | null;
}

/** A point in time as text → ISO instant (date, time and zone known), else the bare date; null when the date is unreadable. */
function resolve(p: Point, near: number | null): { text: string; zone: string | null } | null {
  const d = parseDate(p.date);
  const full = d ? withYear(d, near) : null;
  if (!full) return null;
  const zone = p.zone ? zoneName(p.zone) : null;
  const t = p.time ? parseTime(p.time) : null;
  if (t && p.zone) {
    const ms = toInstant(full, t, p.zone);
    if (ms !== null) return { text: iso(ms), zone };
  }
  return { text: isoDate(full), zone };
}

/**
 * "before Jun 1, 2031" with no time of day ends with May 31: a bare date is a whole day, so the
 * last day inside the period is stated — as "by May 31, 2031" states it — and the two compare equal.
 */
function dayBefore(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : date;
}

type Rule = (text: string, near: number | null, title: string) => Timing | null;

const RULES: readonly Rule[] = [
  // starting/between A and (before) B
  (text, near) => {
    const m = new RegExp(String.raw`\b(?:starting|from|between)\s+${D}(?:,?\s+(?:at\s+)?${T})?(?:\s+${Z})?,?\s+(?:and\s+before|and|to|until|through)\s+${D}(?:,?\s+(?:at\s+)?${T})?(?:\s+(?:in\s+the\s+)?${Z})?`, flags).exec(text);
    if (!m) return null;
    const zone = m[6] ?? m[3] ?? null;
    const end = resolve({ date: m[4]!, time: m[5] ?? null, zone }, near);
    const start = resolve({ date: m[1]!, time: m[2] ?? null, zone: m[3] ?? zone }, near);
    const last = end && m[5] === undefined && /\band\s+before\s/i.test(m[0]) ? dayBefore(end.text) : end?.text;
    return end ? { kind: 'period', time: last!, timezone: end.zone, start: start?.text ?? null, evidence: m[0] } : null;
  },
  // from listing until B: "between market creation and …", "between now and …", "(at any time) before …", "by …"
  (text, near) => {
    const m = new RegExp(String.raw`\b(?:between (?:market creation|now|issuance) and|(?:at any time\s+)?(?:before|by|on or before|prior to))\s+${D}(?:,?\s+(?:at\s+)?${T})?(?:\s+(?:in\s+the\s+)?${Z})?`, flags).exec(text);
    if (!m) return null;
    const end = resolve({ date: m[1]!, time: m[2] ?? null, zone: m[3] ?? null }, near);
    const last = end && m[2] === undefined && /^(?:at any time\s+)?(?:before|prior to)\s/i.test(m[0]) ? dayBefore(end.text) : end?.text;
    return end ? { kind: 'period', time: last!, timezone: end.zone, start: null, evidence: m[0] } : null;
  },
  // at/before/for 5 PM EDT on Sep 21, 2025
  (text, near) => {
    const m = new RegExp(String.raw`\b(?:at|before|for)?\s*${T}\s+(?:in\s+the\s+)?${Z}\s+on\s+${D}`, flags).exec(text);
    if (!m) return null;
    const p = resolve({ date: m[3]!, time: m[1]!, zone: m[2]! }, near);
    return p ? { kind: 'instant', time: p.text, timezone: p.zone, start: null, evidence: m[0].trim() } : null;
  },
  // Mar 14 '26 12:00 in the ET timezone; December 31, 2026, 11:59 PM ET
  (text, near) => {
    const m = new RegExp(String.raw`${D},?\s+(?:at\s+)?${T}\s+(?:in\s+the\s+)?${Z}`, flags).exec(text);
    if (!m) return null;
    const p = resolve({ date: m[1]!, time: m[2]!, zone: m[3]! }, near);
    return p ? { kind: 'instant', time: p.text, timezone: p.zone, start: null, evidence: m[0] } : null;
  },
  // 12:00 in the ET timezone (noon) on the date specified in the title
  (text, near, title) => {
    const m = new RegExp(String.raw`${T}\s+(?:in\s+the\s+)?${Z}`, flags).exec(text);
    if (!m) return null;
    const onDate = new RegExp(String.raw`\bon\s+${D}`, flags).exec(text);
    const titled = /\bdate (?:specified|listed|stated) in the title\b/i.test(text) ? new RegExp(D, flags).exec(title) : null;
    const date = onDate?.[1] ?? titled?.[1];
    if (!date) return null;
    const p = resolve({ date, time: m[1]!, zone: m[2]! }, near);
    return p ? { kind: 'instant', time: p.text, timezone: p.zone, start: null, evidence: `${m[0]} … ${date}` } : null;
  },
];

/** A calendar day ("for Sep 15, 2026", "on 15 Sep '26 (ET)"): the daily measures. */
function dayOf(text: string, near: number | null): Timing | null {
  const m = new RegExp(String.raw`\b(?:for|on)\s+${D}(?:\s*\((${ZONE_WORDS})\)|\s+in\s+the\s+(${ZONE_WORDS})\s+time\s*zone)?`, flags).exec(text);
  if (!m) return null;
  const d = parseDate(m[1]!);
  const full = d ? withYear(d, near) : null;
  if (!full) return null;
  const zoneWord = m[2] ?? m[3] ?? null;
  const date = isoDate(full);
  return { kind: 'day', time: date, timezone: zoneWord ? zoneName(zoneWord) : null, start: date, evidence: m[0] };
}

/** The timing a market's texts state, rules first; `daily`: a daily measure, read as a calendar day. */
export function timingOf(texts: readonly string[], title: string, near: number | null, daily: boolean): Timing | null {
  for (const text of texts) {
    if (daily) {
      const day = dayOf(text, near);
      if (day) return day;
      continue;
    }
    for (const rule of RULES) {
      const t = rule(text, near, title);
      if (t) return t;
    }
  }
  return null;
}
