// Wire formatting. Every money or size string the simulator sends is built here from integers;
// no binary float ever reaches the wire.
import { formatScaled, MICROS_DECIMALS, type Micros, type Price, type Qty } from '../../shared/units';

/** Kalshi dollars: "0.5600". */
export const kalshiDollars = (p: Price): string => formatScaled(p, 4);
/** Kalshi fixed-point count: "10.00". */
export const kalshiCount = (q: Qty): string => formatScaled(q, 2);

/** Kalshi money: 4 dp when exact at 4 dp, else the full 6 dp (costs of fractional lots). */
export function kalshiMoney(m: Micros | number): string {
  return m % 100 === 0 ? formatScaled(m / 100, 4) : formatScaled(m, 6);
}

/** Polymarket-style decimal: the shortest exact representation ("0.5", "100", "12.34"). */
export function trimDecimal(value: number | bigint, decimals: number): string {
  const text = typeof value === 'bigint' ? formatBigScaled(value, decimals) : formatScaled(value, decimals);
  if (!text.includes('.')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

function formatBigScaled(value: bigint, decimals: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const unit = 10n ** BigInt(decimals);
  const whole = abs / unit;
  const frac = abs % unit;
  const body = decimals === 0 ? whole.toString() : `${whole}.${frac.toString().padStart(decimals, '0')}`;
  return negative && abs !== 0n ? `-${body}` : body;
}

/** Polymarket price string of a Price ($0.0001 units): "0.52". */
export const polyPrice = (p: Price): string => trimDecimal(p, 4);
/** Polymarket share or pUSD amount in 6-dp base units: "12.5". */
export const polyAmount = (micro: number | bigint): string => trimDecimal(micro, MICROS_DECIMALS);

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Rounds a non-negative rational num/den to an integer, half up. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  return (num * 2n + den) / (den * 2n);
}

export function ceilDiv(num: bigint, den: bigint): bigint {
  return (num + den - 1n) / den;
}
