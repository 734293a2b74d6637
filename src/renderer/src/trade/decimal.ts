// Exact comparison of the contract's decimal strings, so sorting and filtering money never goes
// through a binary float.

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

/** −1, 0 or 1 as a < b, a = b, a > b. Both must be decimal strings ("-1.25", "0.5", "3"). */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const na = a.startsWith('-') && !isZero(a);
  const nb = b.startsWith('-') && !isZero(b);
  if (na !== nb) return na ? -1 : 1;
  const m = compareMagnitude(a.replace(/^[-+]/, ''), b.replace(/^[-+]/, ''));
  return (na ? -m : m) as -1 | 0 | 1;
}

function isZero(value: string): boolean {
  return /^-?0*(\.0*)?$/.test(value);
}

function compareMagnitude(a: string, b: string): -1 | 0 | 1 {
  const [ai = '0', af = ''] = a.split('.');
  const [bi = '0', bf = ''] = b.split('.');
  const aw = ai.replace(/^0+/, '');
  const bw = bi.replace(/^0+/, '');
  if (aw.length !== bw.length) return aw.length < bw.length ? -1 : 1;
  if (aw !== bw) return aw < bw ? -1 : 1;
  const len = Math.max(af.length, bf.length);
  const ap = af.padEnd(len, '0');
  const bp = bf.padEnd(len, '0');
  return ap === bp ? 0 : ap < bp ? -1 : 1;
}

const INT_WIDTH = 20;
const FRAC_WIDTH = 16;

/**
 * A string whose plain (code-unit) order is the exact numeric order of decimal strings of up to
 * 20 integer and 16 fraction digits (the contract allows 15 and 12): for sorting thousands of rows
 * by money each frame without a float and without re-parsing in every comparison.
 */
export function decimalSortKey(value: string): string {
  const negative = value.startsWith('-') && !isZero(value);
  const [i = '0', f = ''] = value.replace(/^[-+]/, '').split('.');
  const digits = i.replace(/^0+/, '').padStart(INT_WIDTH, '0') + f.padEnd(FRAC_WIDTH, '0');
  if (!negative) return `P${digits}`;
  let complement = '';
  for (const d of digits) complement += String(9 - Number(d));
  return `N${complement}`;
}
