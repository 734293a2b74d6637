// Wire formatting. Every money or size string the simulator sends is built here from integers;
// no binary float ever reaches the wire. These run for every level of every message at the
// venues' scale, so prices (a few thousand values) come from tables and nothing uses a regex.
import { formatScaled, MICROS_DECIMALS, PRICE_ONE, type Micros, type Price, type Qty } from '../../shared/units';

/** Strings for every price from 0 to $1 in $0.0001 steps, built on first use. */
function priceTable(format: (p: number) => string): (p: number) => string {
  let table: string[] | undefined;
  return (p) => {
    if (!(Number.isInteger(p) && p >= 0 && p <= PRICE_ONE)) return format(p);
    table ??= Array.from({ length: PRICE_ONE + 1 }, (_, i) => format(i));
    return table[p]!;
  };
}

const kalshiPrice = priceTable((p) => formatScaled(p, 4));
/** Kalshi dollars: "0.5600". */
export const kalshiDollars = (p: Price): string => kalshiPrice(p);
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
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (text.charCodeAt(end - 1) === 46 /* . */) end--;
  return end === text.length ? text : text.slice(0, end);
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
const polyPriceText = priceTable((p) => trimDecimal(p, 4));
export const polyPrice = (p: Price): string => polyPriceText(p);
/** Polymarket share or pUSD amount in 6-dp base units: "12.5". */
export const polyAmount = (micro: number | bigint): string => trimDecimal(micro, MICROS_DECIMALS);

let lastIsoMs = Number.NaN;
let lastIso = '';

/** ISO-8601 of a wall time; a turn's messages share one timestamp, so the last one is kept. */
export function isoTime(ms: number): string {
  if (ms !== lastIsoMs) {
    lastIso = new Date(ms).toISOString();
    lastIsoMs = ms;
  }
  return lastIso;
}

/** Rounds a non-negative rational num/den to an integer, half up. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  return (num * 2n + den) / (den * 2n);
}

export function ceilDiv(num: bigint, den: bigint): bigint {
  return (num + den - 1n) / den;
}
