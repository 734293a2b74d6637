// Dates and times as the venues' rules write them ("5 PM EDT on Sep 21, 2025", "12:00 in the ET
// timezone", "Dec 31, 2026 at 11:59 PM ET", "15 Sep '26", "01/02/2026 06:00 PM"), turned into
// instants. A wall time in a named zone becomes UTC through the zone's own rules (so noon ET is
// 16:00Z in September and 17:00Z in January); a fixed abbreviation (EDT, EST) keeps its offset.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Zone words → IANA zone, and the fixed offset (minutes east of UTC) an abbreviation pins. */
export const ZONES: ReadonlyMap<string, { zone: string; offset: number | null }> = new Map([
  ['et', { zone: 'America/New_York', offset: null }],
  ['edt', { zone: 'America/New_York', offset: -240 }],
  ['est', { zone: 'America/New_York', offset: -300 }],
  ['eastern', { zone: 'America/New_York', offset: null }],
  ['ct', { zone: 'America/Chicago', offset: null }],
  ['cdt', { zone: 'America/Chicago', offset: -300 }],
  ['cst', { zone: 'America/Chicago', offset: -360 }],
  ['mt', { zone: 'America/Denver', offset: null }],
  ['mdt', { zone: 'America/Denver', offset: -360 }],
  ['mst', { zone: 'America/Denver', offset: -420 }],
  ['pt', { zone: 'America/Los_Angeles', offset: null }],
  ['pdt', { zone: 'America/Los_Angeles', offset: -420 }],
  ['pst', { zone: 'America/Los_Angeles', offset: -480 }],
  ['utc', { zone: 'UTC', offset: 0 }],
  ['gmt', { zone: 'UTC', offset: 0 }],
]);

export const ZONE_WORDS = [...ZONES.keys()].join('|');

export interface CivilDate {
  year: number | null;
  month: number;
  day: number;
}

export interface WallTime {
  hour: number;
  minute: number;
}

/** "Sep 21, 2025", "September 21 2025", "21 Sep '25", "15 Sep 2026", "01/02/2026", "2025-10-10", "September 18". */
export const DATE_PATTERN =
  "(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}\\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?(?:\\s+(?:'\\d{2}|\\d{4}))?)";

/** "5 PM", "5pm", "1:30 AM", "11:59 PM", "12:00", "23:59", "noon", "midnight". */
export const TIME_PATTERN = '(?:\\d{1,2}:\\d{2}(?:\\s*[ap]\\.?m\\.?)?|\\d{1,2}\\s*[ap]\\.?m\\.?|noon|midnight)';

function monthOf(word: string): number | null {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return i < 0 ? null : i + 1;
}

export function parseDate(text: string): CivilDate | null {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return valid({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  // Kalshi writes US dates: month first.
  if (m) return valid({ year: Number(m[3]), month: Number(m[1]), day: Number(m[2]) });
  m = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/.exec(t);
  if (m) {
    const month = monthOf(m[1]!);
    return month === null ? null : valid({ year: m[3] ? Number(m[3]) : null, month, day: Number(m[2]) });
  }
  m = /^(\d{1,2})\s+([a-z]+)\.?(?:\s+(?:'(\d{2})|(\d{4})))?$/.exec(t);
  if (m) {
    const month = monthOf(m[2]!);
    const year = m[3] ? 2000 + Number(m[3]) : m[4] ? Number(m[4]) : null;
    return month === null ? null : valid({ year, month, day: Number(m[1]) });
  }
  return null;
}

function valid(d: CivilDate): CivilDate | null {
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return null;
  return d;
}

export function parseTime(text: string): WallTime | null {
  const t = text.trim().toLowerCase().replace(/\./g, '');
  if (t === 'noon') return { hour: 12, minute: 0 };
  if (t === 'midnight') return { hour: 0, minute: 0 };
  const m = /^(\d{1,2})(?::(\d{2}))?\s*([ap]m)?$/.exec(t);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  if (minute > 59) return null;
  if (m[3]) {
    if (hour < 1 || hour > 12) return null;
    if (m[3] === 'am' && hour === 12) hour = 0;
    else if (m[3] === 'pm' && hour !== 12) hour += 12;
  } else if (!m[2] || hour > 23) {
    return null;
  }
  return { hour, minute };
}

/** A date without a year takes the year that puts it nearest the market's close time. */
export function withYear(d: CivilDate, near: number | null): { year: number; month: number; day: number } | null {
  if (d.year !== null) return { year: d.year, month: d.month, day: d.day };
  if (near === null) return null;
  const base = new Date(near).getUTCFullYear();
  let best = base;
  let bestGap = Infinity;
  for (const y of [base - 1, base, base + 1]) {
    const gap = Math.abs(Date.UTC(y, d.month - 1, d.day) - near);
    if (gap < bestGap) {
      best = y;
      bestGap = gap;
    }
  }
  return { year: best, month: d.month, day: d.day };
}

/** Minutes east of UTC of an IANA zone at a UTC instant. */
function zoneOffset(zone: string, utcMs: number): number {
  if (zone === 'UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - utcMs) / 60_000);
}

/** The UTC instant of a wall time in a zone word ("ET", "EDT", "UTC"). */
export function toInstant(date: { year: number; month: number; day: number }, time: WallTime, zoneWord: string): number | null {
  const z = ZONES.get(zoneWord.toLowerCase());
  if (!z) return null;
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  if (z.offset !== null) return wall - z.offset * 60_000;
  // Two passes settle the offset on either side of a daylight-saving change.
  let utc = wall - zoneOffset(z.zone, wall) * 60_000;
  utc = wall - zoneOffset(z.zone, utc) * 60_000;
  return utc;
}

export function zoneName(zoneWord: string): string | null {
  return ZONES.get(zoneWord.toLowerCase())?.zone ?? null;
}

export function isoDate(d: { year: number; month: number; day: number }): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
