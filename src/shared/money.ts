// Exact money for accounting (DESIGN.md "Units"): decimal.js, parsed from strict decimal strings,
// never from a JavaScript number. A private Decimal constructor keeps our precision and rounding
// independent of anyone else's Decimal.set().
import Decimal from 'decimal.js';
import {
  type Micros, type Price, type Qty, MICROS_PER_DOLLAR, formatPrice, formatQty,
} from './units';

export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Dec = Decimal;
/** What accounting APIs accept: a decimal string ("0.40") or a Decimal. Never a binary float. */
export type DecimalInput = string | Decimal;

/** Every stored or reported amount is rounded to $0.000001: finer than any venue's price × size. */
export const MONEY_DECIMALS = 6;

export const ZERO = new Money(0);
export const ONE = new Money(1);

const DECIMAL_TEXT = /^-?\d{1,15}(\.\d{1,12})?$/;

export class MoneyError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'MoneyError';
  }
}

export interface DecimalRule {
  /** Default false: the value must be ≥ 0. */
  allowNegative?: boolean;
  /** The value must be > 0. */
  positive?: boolean;
  /** Inclusive upper bound. */
  max?: DecimalInput;
}

/** Parses an amount, naming `field` in the error when it is malformed or out of range. */
export function dec(value: unknown, field: string, rule: DecimalRule = {}): Decimal {
  let d: Decimal;
  if (Decimal.isDecimal(value)) {
    d = new Money(value as Decimal);
  } else if (typeof value === 'string' && DECIMAL_TEXT.test(value)) {
    d = new Money(value);
  } else {
    const shown = typeof value === 'number' ? `the number ${value} (pass a decimal string)` : JSON.stringify(value) ?? String(value);
    throw new MoneyError(field, `expected a decimal string such as "12.34", got ${shown}`);
  }
  if (!d.isFinite()) throw new MoneyError(field, 'not a finite amount');
  if (!rule.allowNegative && d.isNegative() && !d.isZero()) throw new MoneyError(field, `must not be negative (got ${d.toFixed()})`);
  if (rule.positive && !d.gt(0)) throw new MoneyError(field, `must be greater than zero (got ${d.toFixed()})`);
  if (rule.max !== undefined && d.gt(rule.max)) throw new MoneyError(field, `must be at most ${new Money(rule.max).toFixed()} (got ${d.toFixed()})`);
  return d;
}

/** Rounds to the ledger's precision. */
export function round(d: Decimal): Decimal {
  return d.toDecimalPlaces(MONEY_DECIMALS, Decimal.ROUND_HALF_EVEN);
}

/** The exact string stored and reported: plain notation, no trailing zeros, no "-0". */
export function toText(d: Decimal): string {
  const r = round(d);
  return r.isZero() ? '0' : r.toFixed();
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export const qtyToDecimal = (q: Qty): Decimal => new Money(formatQty(q));
export const priceToDecimal = (p: Price): Decimal => new Money(formatPrice(p));

/** Converts an amount to integer micro-dollars, rounding away from the safe side given. */
export function toMicros(d: Decimal, rounding: 'up' | 'down'): Micros {
  const scaled = d.times(MICROS_PER_DOLLAR).toDecimalPlaces(0, rounding === 'up' ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR);
  return scaled.toNumber() as Micros;
}

export function microsToText(m: Micros | number): string {
  return toText(new Money(m).dividedBy(MICROS_PER_DOLLAR));
}

/** Contracts (a decimal with at most 2 places) to the integer Qty unit, rounding as told. */
export function toQty(d: Decimal, rounding: 'up' | 'down' = 'down'): Qty {
  return d.times(100).toDecimalPlaces(0, rounding === 'up' ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR).toNumber() as Qty;
}

/** A price (dollars per contract) to the integer Price unit ($0.0001), rounding as told. */
export function toPrice(d: Decimal, rounding: 'up' | 'down' = 'up'): Price {
  return d.times(10_000).toDecimalPlaces(0, rounding === 'up' ? Decimal.ROUND_CEIL : Decimal.ROUND_FLOOR).toNumber() as Price;
}
