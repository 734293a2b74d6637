// An independent brute-force oracle for basket sizing, in decimal.js: it tries every size and
// computes costs and fees straight from spec §5–6, sharing no code with the engine.
import Decimal from 'decimal.js';

export interface OracleLevel {
  price: string;
  size: string;
}

export type OracleFee = { venue: 'kalshi'; multiplier: string } | { venue: 'polymarket'; rate: string; exponent: number };

export interface OracleLeg {
  /** Ask levels in any order. */
  asks: OracleLevel[];
  fee: OracleFee;
}

const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });

export function oracleFill(leg: OracleLeg, s: number): { cost: Decimal; fee: Decimal; worst: Decimal } | null {
  const levels = leg.asks
    .map((l) => ({ p: new D(l.price), c: new D(l.size).toDecimalPlaces(2, Decimal.ROUND_DOWN) }))
    .filter((l) => l.c.gt(0))
    .sort((x, y) => x.p.comparedTo(y.p));
  let remaining = new D(s);
  let cost = new D(0);
  let feeBase = new D(0);
  let worst = new D(0);
  for (const { p, c } of levels) {
    if (remaining.lte(0)) break;
    worst = p;
    const take = Decimal.min(remaining, c);
    cost = cost.plus(p.times(take));
    const pq = p.times(new D(1).minus(p));
    feeBase = feeBase.plus(leg.fee.venue === 'kalshi' ? take.times(pq) : take.times(pq.pow(leg.fee.exponent)));
    remaining = remaining.minus(take);
  }
  if (remaining.gt(0)) return null;
  const fee =
    leg.fee.venue === 'kalshi'
      ? feeBase.times(leg.fee.multiplier).times(100).ceil().div(100)
      : feeBase.times(leg.fee.rate).toDecimalPlaces(5, Decimal.ROUND_HALF_UP);
  return { cost, fee, worst };
}

export function oracleNetProfit(legs: OracleLeg[], payout: number, s: number): Decimal | null {
  let total = new D(payout).times(s);
  for (const leg of legs) {
    const f = oracleFill(leg, s);
    if (f === null) return null;
    total = total.minus(f.cost).minus(f.fee);
  }
  return total;
}

/** The best whole size by brute force: every s from 1 up to maxSize or the thinnest leg's depth. */
export function oracleBestSize(legs: OracleLeg[], payout: number, maxSize: number): { size: number; netProfit: Decimal } | null {
  let best: { size: number; netProfit: Decimal } | null = null;
  for (let s = 1; s <= maxSize; s++) {
    const v = oracleNetProfit(legs, payout, s);
    if (v === null) break;
    if (best === null || v.gt(best.netProfit)) best = { size: s, netProfit: v };
  }
  return best;
}
