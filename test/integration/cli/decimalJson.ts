import Decimal from 'decimal.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Where `actual` differs from `expected`, or null. Decimal strings compare as numbers ("1.30" ==
 * "1.30000"); objects must have the same keys; everything else compares strictly.
 */
export function jsonDifference(actual: unknown, expected: unknown, path = '$'): string | null {
  if (typeof expected === 'string' && typeof actual === 'string' && DECIMAL.test(expected) && DECIMAL.test(actual)) {
    return new Decimal(actual).eq(expected) ? null : `${path}: ${actual} ≠ ${expected}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array`;
    if (actual.length !== expected.length) return `${path}: ${actual.length} items, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = jsonDifference(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return `${path}: expected an object`;
    const a = Object.keys(actual).sort();
    const e = Object.keys(expected).sort();
    if (a.join() !== e.join()) return `${path}: keys ${a.join(',')} ≠ ${e.join(',')}`;
    for (const k of e) {
      const d = jsonDifference((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`;
}
