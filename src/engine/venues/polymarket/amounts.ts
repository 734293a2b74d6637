// Order amounts in exact integer arithmetic. All amounts are in 10^-6 units (pUSD and outcome
// tokens both have 6 decimals). BUY: makerAmount = pUSD paid, takerAmount = shares received;
// SELL: makerAmount = shares sold, takerAmount = pUSD received (venues.md §2.7–2.8).
//
// Limit orders (GTC): the official client's rule (getOrderRawAmounts) with an exact price on the
// tick and a size of 0.01 share, so price × size is exact and no rounding step ever applies —
// test vectors T5 and T6.
//
// Marketable orders (FAK/FOK): the venue caps a market BUY at 2 decimals of pUSD and 4 of shares,
// a market SELL at 2 decimals of shares and 4 of pUSD (its error "invalid amounts, the market buy
// orders maker amount supports a max accuracy of 2 decimals, taker amount a max of 4 decimals";
// the official client's own market builder breaks this on 0.001 ticks). So:
//   BUY  q at worst p: takerAmount = q, makerAmount = q·p rounded UP to the cent — the order's
//        implied price lies in [p, p + $0.01/q), and it never spends more than q·p + $0.01;
//   SELL q at worst p: makerAmount = q, takerAmount = q·p rounded DOWN to $0.0001 — implied price
//        in (p − $0.0001/q, p].
// Either is refused when that rounding would let the order reach the next tick beyond p (tiny
// orders on fine ticks); the reason names the size that works. The worst price itself is first
// snapped onto the grid in the safe direction (BUY down, SELL up), since levels only exist there.
import { PRICE_ONE, formatPrice, formatQty, type Price, type Qty } from '../../../shared/units';

export type PolySide = 'BUY' | 'SELL';
export type PolyOrderType = 'GTC' | 'FAK' | 'FOK';

export interface OrderAmounts {
  side: PolySide;
  makerAmount: bigint;
  takerAmount: bigint;
  /** The worst (limit) price the amounts encode, on the tick grid. */
  price: Price;
}

export type AmountsResult = { ok: true; value: OrderAmounts } | { ok: false; reason: string };

const SHARE_UNITS = 10_000n; // a Qty (0.01 share) in 10^-6 share units
const CENT = 10_000n; // $0.01 in 10^-6
const BASIS = 100n; // $0.0001 in 10^-6

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

export function orderAmounts(input: { side: PolySide; type: PolyOrderType; price: Price; qty: Qty; tick: Price }): AmountsResult {
  const { side, type, qty, tick } = input;
  if (!Number.isSafeInteger(qty) || qty <= 0) return { ok: false, reason: `size ${qty} is not a positive number of 0.01 shares` };
  if (!Number.isSafeInteger(tick) || tick <= 0 || PRICE_ONE % tick !== 0) return { ok: false, reason: `tick ${tick} is not a valid tick size` };
  let price = input.price;
  if (type === 'GTC') {
    if (price % tick !== 0) return { ok: false, reason: `price ${formatPrice(price)} is not on the market's tick ${formatPrice(tick)}` };
  } else {
    price = (side === 'BUY' ? Math.floor(price / tick) * tick : Math.ceil(price / tick) * tick) as Price;
  }
  if (price < tick || price > PRICE_ONE - tick) {
    return { ok: false, reason: `price ${formatPrice(price)} is outside [${formatPrice(tick)}, ${formatPrice((PRICE_ONE - tick) as Price)}] for tick ${formatPrice(tick)}` };
  }
  const q = BigInt(qty);
  const p = BigInt(price);
  const shares = q * SHARE_UNITS;
  const value = q * p; // 0.01 share × $0.0001 = 10^-6 dollars: exact
  if (type === 'GTC') {
    return { ok: true, value: side === 'BUY' ? { side, makerAmount: value, takerAmount: shares, price } : { side, makerAmount: shares, takerAmount: value, price } };
  }
  const t = BigInt(tick);
  if (side === 'BUY') {
    const maker = ceilDiv(value, CENT) * CENT;
    // Implied price maker/shares must stay below p + tick: maker · 10^4 < (p + t) · shares (both in 10^-6).
    if (maker * 10_000n >= (p + t) * shares) return { ok: false, reason: tooSmall(qty, price, tick, 'BUY') };
    return { ok: true, value: { side, makerAmount: maker, takerAmount: shares, price } };
  }
  const taker = (value / BASIS) * BASIS;
  if (taker === 0n || taker * 10_000n <= (p - t) * shares) return { ok: false, reason: tooSmall(qty, price, tick, 'SELL') };
  return { ok: true, value: { side, makerAmount: shares, takerAmount: taker, price } };
}

function tooSmall(qty: Qty, price: Price, tick: Price, side: PolySide): string {
  // q·tick ≥ one rounding unit ($0.01 for BUY, $0.0001 for SELL) always works.
  const unit = side === 'BUY' ? 100 : 1; // in $0.0001
  const minShares = Math.ceil((unit * 100) / tick) / 100;
  return `a ${side} of ${formatQty(qty)} shares at ${formatPrice(price)} cannot be expressed within one tick (${formatPrice(tick)}) under the venue's market-order precision; use at least ${minShares} shares or a GTC order`;
}

/** Decimal text of a 10^-6 amount ("11.7824"). */
export function formatAmount(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / 1_000_000n;
  const frac = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** Parses a venue amount string ("11.7824", "21.04", "0") into 10^-6 units; null when malformed. */
export function parseAmount(text: unknown): bigint | null {
  if (typeof text === 'number' && Number.isSafeInteger(text) && text >= 0) return BigInt(text) * 1_000_000n;
  if (typeof text !== 'string' || !/^\d{1,24}(\.\d{1,6})?$/.test(text)) return null;
  const [w, f = ''] = text.split('.');
  return BigInt(w!) * 1_000_000n + BigInt(f.padEnd(6, '0'));
}
