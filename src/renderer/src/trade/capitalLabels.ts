// Capital and time in words for the table, the plan and the filters (src/shared/capital.ts computes
// the figures in the engine). Fractions arrive as exact decimal strings; per cent is the same
// digits with the point moved two places, so the filter's value stays exact.
import { venueName } from '../names/venues';
import { isDecimal } from '../lib/decimal';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Time until `resolveBy`, for display ("5 h", "41 d", "5.0 y"); "due" once past. */
export function timeLeft(resolveBy: number, now: number): string {
  const ms = resolveBy - now;
  if (ms <= 0) return 'due';
  if (ms < DAY_MS) return `${Math.max(1, Math.round(ms / HOUR_MS))} h`;
  const days = ms / DAY_MS;
  return days < 730 ? `${Math.round(days)} d` : `${(days / 365).toFixed(1)} y`;
}

/** Moves the decimal point of an exact decimal string `places` to the right (negative: left). */
function shift(value: string, places: number): string {
  if (!isDecimal(value)) throw new RangeError(`not a decimal: ${value}`);
  const negative = value.startsWith('-');
  const [whole = '', fraction = ''] = value.replace(/^[-+]/, '').split('.');
  let digits = whole + fraction;
  let point = whole.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  const out = frac ? `${int}.${frac}` : int;
  return negative && out !== '0' ? `-${out}` : out;
}

/** "10" (per cent, as typed) → "0.1"; and back. */
export const fractionOfPercent = (percent: string): string => shift(percent.trim(), -2);
export const percentOfFraction = (fraction: string): string => shift(fraction, 2);

/** A fraction as a percentage for display: "0.167959" → "16.8 %"; four digits and more as "1,250 %". */
export function percentLabel(fraction: string): string {
  const p = Number(percentOfFraction(fraction));
  return Math.abs(p) >= 1000 ? `${Math.round(p).toLocaleString('en-US')} %` : `${p.toFixed(1)} %`;
}

/** What a return per year rests on, in words: return on capital, time left, capital per venue. */
export function capitalSummary(o: { returnOnCapital?: string | null; resolveBy?: number | null; capital?: readonly { venue: string; amount: string }[] }, now: number): string {
  const roc = o.returnOnCapital ?? null;
  const resolveBy = o.resolveBy ?? null;
  const parts = [
    roc === null ? 'Return on capital unknown' : `${percentLabel(roc)} on capital`,
    resolveBy === null ? 'resolution time unknown' : `resolves in ${timeLeft(resolveBy, now)}`,
    ...(o.capital ?? []).map((c) => `locks $${c.amount} on ${venueName(c.venue)}`),
  ];
  return parts.join(' · ');
}
