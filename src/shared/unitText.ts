// Exact decimal strings for money and prices. Money is integer micro-dollars, prices integer
// $0.0001 ticks; both print exactly. An average (cost ÷ size) prints exactly when its expansion
// terminates, else rounded half up (it is the one figure that can repeat forever).
import { MICROS_DECIMALS, PRICE_DECIMALS } from './units';

function trimmed(value: number, decimals: number, minDecimals: number): string {
  const negative = value < 0;
  const digits = Math.abs(value).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  let frac = digits.slice(digits.length - decimals).replace(/0+$/, '');
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, '0');
  const body = frac.length > 0 ? `${whole}.${frac}` : whole;
  return negative && value !== 0 ? `-${body}` : body;
}

/** Micro-dollars as dollars, exactly, with at least two decimals: 1_300_000 → "1.30". */
export function formatMoney(micros: number): string {
  return trimmed(micros, MICROS_DECIMALS, 2);
}

/** A $0.0001 price as dollars, exactly, with at least two decimals: 4500 → "0.45". */
export function formatPriceTicks(price: number): string {
  return trimmed(price, PRICE_DECIMALS, 2);
}

/** Whole contracts from 0.01-contract units, exactly: 125_050 → "1250.5". */
export function formatContracts(qty: number): string {
  return trimmed(qty, 2, 0);
}

export interface QuotientLimit {
  /** Stop after this many significant digits (rounding half up). */
  significant?: number;
  /** Stop after this many decimal places (rounding half up). */
  fraction?: number;
}

/**
 * (micros ÷ 10⁶) ÷ divisor as a decimal string: exact when it terminates within the limits,
 * otherwise rounded half up at the first limit reached. Defaults to 20 significant digits (the
 * precision of decimal.js), at least two decimals.
 */
export function formatQuotient(micros: number, divisor: number, limit: QuotientLimit = { significant: 20 }): string {
  if (!Number.isSafeInteger(micros) || !Number.isSafeInteger(divisor) || divisor <= 0) throw new RangeError('formatQuotient: integers only');
  const maxSig = limit.significant ?? Infinity;
  const maxFrac = limit.fraction ?? Infinity;
  if (maxSig === Infinity && maxFrac === Infinity) throw new RangeError('formatQuotient: needs a limit');
  const negative = micros < 0;
  const D = BigInt(divisor) * 1_000_000n;
  const N = BigInt(Math.abs(micros));
  let whole = N / D;
  let r = N % D;
  const wholeText = whole.toString();
  let sig = whole === 0n ? 0 : wholeText.length;
  const digits: number[] = [];
  while (r !== 0n && digits.length < maxFrac && sig < maxSig) {
    r *= 10n;
    const d = r / D;
    r %= D;
    digits.push(Number(d));
    if (sig > 0 || d !== 0n) sig++;
  }
  if (r !== 0n && (r * 10n) / D >= 5n) {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 9) digits[i--] = 0;
    if (i >= 0) digits[i]!++;
    else whole += 1n;
  }
  let frac = digits.join('').replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  const body = `${whole.toString()}.${frac}`;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}
