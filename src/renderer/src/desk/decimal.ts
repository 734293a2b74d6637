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
