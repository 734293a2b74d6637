// Exact integer helpers for fee arithmetic. Fee products outgrow 2^53 quickly (100,000 contracts at
// exponent 2 is ~10^21 in the finest unit), so they are BigInt; nothing here touches a float.

/** ⌊a / b⌋ for b > 0, any sign of a (BigInt division truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** ⌈a / b⌉ for b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}

/** a / b rounded half up (half away from zero for a ≥ 0), b > 0. */
export function halfUpDiv(a: bigint, b: bigint): bigint {
  return floorDiv(2n * a + b, 2n * b);
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function lcm(a: bigint, b: bigint): bigint {
  return a === 0n || b === 0n ? 0n : (a / gcd(a, b)) * b;
}

/** A non-negative rational num/den in lowest terms (den > 0). */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * Parses a non-negative decimal ("0.07", "0.0175", "1", ".25") into an exact ratio. Returns a
 * reason string when it is not one (signs, exponents and whitespace are refused).
 */
export function parseRatio(text: string, maxDecimals = 12): Ratio | string {
  if (typeof text !== 'string' || !/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return `"${text}" is not a non-negative decimal`;
  const [whole = '', frac = ''] = text.split('.');
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > maxDecimals) return `"${text}" has more than ${maxDecimals} decimal places`;
  if (whole.length > 15) return `"${text}" is too large`;
  const den = 10n ** BigInt(trimmed.length);
  const num = BigInt((whole || '0') + trimmed);
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export function ratioToString(r: Ratio): string {
  if (r.num === 0n) return '0';
  // den is a divisor of a power of ten, so the decimal expansion terminates.
  let den = r.den;
  let scale = 0;
  let num = r.num;
  while (den !== 1n) {
    if (den % 10n === 0n) den /= 10n;
    else if (den % 2n === 0n) {
      den /= 2n;
      num *= 5n;
    } else {
      den /= 5n;
      num *= 2n;
    }
    scale++;
  }
  const digits = num.toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return scale === 0 ? body : body.replace(/0+$/, '').replace(/\.$/, '');
}
