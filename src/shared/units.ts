// Integer units for hot paths (DESIGN.md "Units"). Branded so a price can never be passed where a
// quantity is expected. Accounting uses decimal.js; the wire uses the venues' own decimal strings.

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A price in $0.0001 (Kalshi's finest grid; Polymarket's finest tick). $1.00 = 10_000. */
export type Price = Brand<number, 'Price'>;
/** A quantity in 0.01 contract (Kalshi's fixed-point counts). 1 contract = 100. */
export type Qty = Brand<number, 'Qty'>;
/** Money in $0.000001: exactly a Price times a Qty. $1.00 = 1_000_000. */
export type Micros = Brand<number, 'Micros'>;

export const PRICE_DECIMALS = 4;
export const QTY_DECIMALS = 2;
export const MICROS_DECIMALS = 6;
export const PRICE_ONE = 10_000 as Price;
export const QTY_ONE = 100 as Qty;
export const MICROS_PER_DOLLAR = 1_000_000;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Parses an unsigned decimal string ("0.45", ".48", "100", "12.50") into an integer scaled by
 * 10^decimals. Digits beyond `decimals` must be zero unless `truncate` is set, in which case they
 * are dropped (rounding toward zero). No exponents, no signs, no whitespace: the venues never
 * send them, and accepting them would hide a malformed message.
 */
export function parseScaled(text: string, decimals: number, truncate = false): ParseResult<number> {
  if (typeof text !== 'string' || text.length === 0 || text.length > 32) {
    return { ok: false, reason: 'not a decimal string' };
  }
  if (text.charCodeAt(0) === 45 /* - */) return { ok: false, reason: 'negative' };
  let whole = 0;
  let frac = 0;
  let fracDigits = 0;
  let seenDot = false;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (seenDot) return { ok: false, reason: 'not a decimal string' };
      seenDot = true;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return { ok: false, reason: 'not a decimal string' };
    digits++;
    if (!seenDot) {
      whole = whole * 10 + d;
    } else if (fracDigits < decimals) {
      frac = frac * 10 + d;
      fracDigits++;
    } else if (d !== 0 && !truncate) {
      return { ok: false, reason: `more than ${decimals} decimal places` };
    }
  }
  if (digits === 0) return { ok: false, reason: 'not a decimal string' };
  const scaled = whole * 10 ** decimals + frac * 10 ** (decimals - fracDigits);
  if (!Number.isSafeInteger(scaled)) return { ok: false, reason: 'too large' };
  return { ok: true, value: scaled };
}

export function parsePrice(text: string): ParseResult<Price> {
  return parseScaled(text, PRICE_DECIMALS) as ParseResult<Price>;
}

/** Book sizes finer than 0.01 contract are floored: never count liquidity that is not there. */
export function parseQty(text: string, mode: 'exact' | 'floor' = 'exact'): ParseResult<Qty> {
  return parseScaled(text, QTY_DECIMALS, mode === 'floor') as ParseResult<Qty>;
}

/** Same as parseQty but for a signed change ("-54.00"), as in Kalshi's orderbook_delta. */
export function parseSignedQty(text: string): ParseResult<Qty> {
  if (typeof text !== 'string') return { ok: false, reason: 'not a decimal string' };
  if (text.startsWith('-')) {
    const r = parseScaled(text.slice(1), QTY_DECIMALS);
    return r.ok ? { ok: true, value: -r.value as Qty } : r;
  }
  return parseQty(text.startsWith('+') ? text.slice(1) : text);
}

/** True when 0 < price < $1: the only prices a binary contract can trade at. */
export function isTradablePrice(p: Price): boolean {
  return p > 0 && p < PRICE_ONE;
}

/** The binary complement: a bid for NO at q is an offer of YES at 1 − q. */
export function complement(p: Price): Price {
  return (PRICE_ONE - p) as Price;
}

export function formatScaled(value: number, decimals: number): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  const unit = 10 ** decimals;
  const whole = Math.floor(abs / unit);
  const frac = abs - whole * unit;
  const body = decimals === 0 ? String(whole) : `${whole}.${String(frac).padStart(decimals, '0')}`;
  return negative && abs !== 0 ? `-${body}` : body;
}

export const formatPrice = (p: Price): string => formatScaled(p, PRICE_DECIMALS);
export const formatQty = (q: Qty): string => formatScaled(q, QTY_DECIMALS);
export const formatMicros = (m: Micros): string => formatScaled(m, MICROS_DECIMALS);

/** Exact cost of `qty` at `price`. Both are integers, so the product is exact below 2^53. */
export function notional(price: Price, qty: Qty): Micros {
  return (price * qty) as Micros;
}
