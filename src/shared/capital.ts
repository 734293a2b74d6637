// Capital and time: what a basket locks until its legs resolve, and what it returns per year of
// that, computed in the engine for every opportunity and analysis (the UI words them in
// src/renderer/src/trade/capitalLabels.ts). Returns are fractions ("0.0523" is 5.23 %), exact decimals.
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
