// Capital and time: what a basket locks until its legs resolve, and what it returns per year of
// that. Shared by the engine (every opportunity and analysis carries these) and the UI (which
// ages them as the clock runs). Returns are fractions ("0.0523" is 5.23 %), exact decimals.
import Decimal from 'decimal.js';

export const DAY_MS = 86_400_000;
/**
 * The shortest holding period a return is annualised over. Settlement and withdrawal take about a
 * day on either venue, so a basket resolving in an hour does not free its capital sooner than that
 * (and annualising over minutes would show absurd figures).
 */
export const MIN_HOLD_DAYS = 1;

export interface CapitalReturn {
  /** Net profit ÷ capital locked; null without capital. */
  returnOnCapital: string | null;
  /** returnOnCapital × 365 ÷ days until resolution (at least MIN_HOLD_DAYS); null when the resolution time is unknown. */
  annualisedReturn: string | null;
}

export function capitalReturn(net: Decimal.Value, capital: Decimal.Value, resolveBy: number | null, now: number): CapitalReturn {
  const c = new Decimal(capital);
  if (c.lte(0)) return { returnOnCapital: null, annualisedReturn: null };
  const roc = new Decimal(net).dividedBy(c);
  const days = resolveBy === null ? null : Decimal.max(MIN_HOLD_DAYS, new Decimal(resolveBy - now).dividedBy(DAY_MS));
  return {
    returnOnCapital: roc.toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed(),
    annualisedReturn: days === null ? null : roc.times(365).dividedBy(days).toDecimalPlaces(6, Decimal.ROUND_HALF_EVEN).toFixed(),
  };
}

/** Days until `resolveBy`, for display ("in 41 d", "in 5 h"). */
export function timeLeft(resolveBy: number, now: number): string {
  const ms = resolveBy - now;
  if (ms <= 0) return 'due';
  if (ms < DAY_MS) return `${Math.max(1, Math.round(ms / 3_600_000))} h`;
  const days = ms / DAY_MS;
  return days < 730 ? `${Math.round(days)} d` : `${(days / 365).toFixed(1)} y`;
}

/** A fraction as a percentage for display: "0.167959" → "16.8 %"; four digits and more as "1,234 %". */
export function percentLabel(fraction: string): string {
  const p = new Decimal(fraction).times(100);
  return p.abs().gte(1000) ? `${Number(p.toFixed(0)).toLocaleString('en-US')} %` : `${p.toFixed(1)} %`;
}

/** What a row's return per year rests on, in words: return on capital, time left, capital per venue. */
export function capitalSummary(o: { returnOnCapital?: string | null; resolveBy?: number | null; capital?: readonly { venue: string; amount: string }[] }, now: number): string {
  const roc = o.returnOnCapital ?? null;
  const resolveBy = o.resolveBy ?? null;
  const parts = [
    roc === null ? 'Return on capital unknown' : `${percentLabel(roc)} on capital`,
    resolveBy === null ? 'resolution time unknown' : `resolves in ${timeLeft(resolveBy, now)}`,
    ...(o.capital ?? []).map((c) => `locks $${c.amount} on ${c.venue === 'kalshi' ? 'Kalshi' : c.venue === 'polymarket' ? 'Polymarket' : c.venue}`),
  ];
  return parts.join(' · ');
}

/** "10" (per cent, as typed) → "0.1"; and back. Exact decimals. */
export function fractionOfPercent(percent: string): string {
  return new Decimal(percent).dividedBy(100).toFixed();
}
export function percentOfFraction(fraction: string): string {
  return new Decimal(fraction).times(100).toFixed();
}
