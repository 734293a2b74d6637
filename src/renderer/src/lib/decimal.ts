/**
 * Exact comparisons of the contract's decimal strings ("-12.5", "0.0300"), digit by digit, so a
 * threshold check never goes through a binary float.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  if (!isDecimal(a) || !isDecimal(b)) throw new Error(`not a decimal string: ${isDecimal(a) ? b : a}`);
  const [sa, ia, fa] = split(a);
  const [sb, ib, fb] = split(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  const magnitude = compareMagnitude(ia, fa, ib, fb);
  return (sa === -1 ? -magnitude : magnitude) as -1 | 0 | 1;
}

function split(value: string): [sign: -1 | 0 | 1, whole: string, frac: string] {
  const negative = value.startsWith('-');
  const [w = '0', f = ''] = value.replace('-', '').split('.');
  const whole = w.replace(/^0+/, '');
  const frac = f.replace(/0+$/, '');
  if (whole === '' && frac === '') return [0, '', ''];
  return [negative ? -1 : 1, whole, frac];
}

function compareMagnitude(ia: string, fa: string, ib: string, fb: string): -1 | 0 | 1 {
  if (ia.length !== ib.length) return ia.length < ib.length ? -1 : 1;
  if (ia !== ib) return ia < ib ? -1 : 1;
  const len = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(len, '0');
  const pb = fb.padEnd(len, '0');
  if (pa === pb) return 0;
  return pa < pb ? -1 : 1;
}

export function isPositiveDecimal(value: string): boolean {
  return isDecimal(value) && compareDecimal(value, '0') > 0;
}

const INT_WIDTH = 20;
const FRAC_WIDTH = 16;

/**
 * A string whose plain (code-unit) order is the exact numeric order of decimal strings of up to
 * 20 integer and 16 fraction digits (the contract allows 15 and 12): for sorting thousands of rows
 * by money each frame without a float and without re-parsing in every comparison.
 */
export function decimalSortKey(value: string): string {
  const negative = value.startsWith('-') && !/^-?0*(\.0*)?$/.test(value);
  const [i = '0', f = ''] = value.replace(/^[-+]/, '').split('.');
  const digits = i.replace(/^0+/, '').padStart(INT_WIDTH, '0') + f.padEnd(FRAC_WIDTH, '0');
  if (!negative) return `P${digits}`;
  let complement = '';
  for (const d of digits) complement += String(9 - Number(d));
  return `N${complement}`;
}
