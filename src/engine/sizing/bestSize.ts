// The profit-maximising whole size of a basket (spec §6), exactly and without trying every size.
//
// netProfit(s) = payout·s − Σ legs (cost_j(s) + fee_j(s)). Walking all legs' ask ladders together
// splits sizes into segments [a, b] where every leg fills from a single level, so the pre-fee
// profit L(s) is linear with slope σ = payout − Σ 100·p_j (per contract). Then:
//
//  • Ladders ascend, so σ never rises from one segment to the next. Once σ ≤ 0, no later size beats
//    the segment start (costs rise at least as fast as the payout and fees never fall): evaluate a
//    and stop.
//  • With σ > 0, each fee is round((N0 + tV)/D) (t = s − a): its unrounded value is linear, and
//    rounding moves it by less than one unit (ceil: [0, 1 cent); half up: ±½·$0.00001). A
//    segment's best is therefore bounded by its unrounded profit at the ends plus the rounding
//    slack; segments that cannot beat the best found so far are skipped.
//  • Inside a promising segment only sizes just before a fee step (or the segment end) can be
//    optimal: between steps the fees are flat and the profit rises with s. These are found in
//    closed form (RoundedLinear), scanned from the favourable end while the unrounded bound can
//    still beat the best, and further limited to one period of the fees' rounding pattern, after
//    which profit changes by exactly P·σ' (σ' = σ − the fees' unrounded slope).
//
// Money is integer micro-dollars (exact in doubles). Fee arithmetic is exact integers: plain
// numbers while every fee numerator of the search stays far below 2^53 (the common case: a few
// thousand contracts at exponent 1), BigInt otherwise — the same answer either way.
import type { AskLadder } from '../books/ladders';
import { feeMicros, type FeeModel } from '../fees/feeModel';
import { RoundedLinear, SMALL_DENOMINATOR, SMALL_NUMERATOR, SmallRoundedLinear, type FeeLine } from './roundedLinear';

export interface SizingLeg {
  readonly asks: AskLadder;
  readonly fee: FeeModel;
}

export interface SizingResult {
  /** Whole contracts per leg. */
  readonly size: number;
  /** Net profit at that size, micro-dollars. */
  readonly netProfit: number;
}

/**
 * The size s in [1, min(maxSize, depth of the thinnest leg)] maximising netProfit(s), the smaller
 * on a tie. `payoutPerContract` is in micro-dollars. With `floor` (micro-dollars) it returns null
 * unless some size reaches at least `floor`, and prunes everything that cannot (much faster).
 * `exact` forces BigInt fee arithmetic throughout (tests compare the two).
 */
export function bestSize(
  legs: readonly SizingLeg[],
  payoutPerContract: number,
  maxSize: number,
  floor: number = -Infinity,
  exact = false,
): SizingResult | null {
  const n = legs.length;
  // Keep every money figure an exact integer of micro-dollars: payout·s and each leg's cost
  // (at most $1 a contract) must stay below 2^53 together.
  let sMax = Math.min(Math.floor(maxSize), Math.floor(Number.MAX_SAFE_INTEGER / (payoutPerContract + n * 1_000_000)));
  for (let j = 0; j < n; j++) {
    const depth = Math.floor(legs[j]!.asks.totalQty / 100);
    if (depth < sMax) sMax = depth;
  }
  if (n === 0 || sMax < 1) return null;

  // Per-leg cursor: level k, and totals of the levels before it (qty, cost, fee weight).
  const level = new Array<number>(n).fill(0);
  const qBefore = new Array<number>(n).fill(0);
  const cBefore = new Array<number>(n).fill(0);
  const wBefore = new Array<bigint>(n).fill(0n);
  const wBeforeSmall = new Array<number>(n).fill(0);
  const wUpTo = new Array<number>(n).fill(0);
  const price = new Array<number>(n).fill(0);
  const small = !exact && fitsInNumbers(legs, sMax);

  const weightBefore = (j: number): bigint => {
    const { asks, fee } = legs[j]!;
    let w = wBefore[j]!;
    for (let i = wUpTo[j]!; i < level[j]!; i++) w += BigInt(asks.qtyAt(i)) * fee.weight(asks.priceAt(i));
    wBefore[j] = w;
    wUpTo[j] = level[j]!;
    return w;
  };
  const weightBeforeSmall = (j: number): number => {
    const { asks, fee } = legs[j]!;
    let w = wBeforeSmall[j]!;
    for (let i = wUpTo[j]!; i < level[j]!; i++) w += asks.qtyAt(i) * fee.weightNumber(asks.priceAt(i));
    wBeforeSmall[j] = w;
    wUpTo[j] = level[j]!;
    return w;
  };

  let bestV = floor === -Infinity ? -Infinity : floor - 1;
  let bestS = Infinity;
  const consider = (v: number, s: number): void => {
    if (v > bestV || (v === bestV && s < bestS)) {
      bestV = v;
      bestS = s;
    }
  };

  let a = 1;
  while (a <= sMax) {
    const A = a * 100;
    let b = sMax;
    let sigma = payoutPerContract;
    let La = payoutPerContract * a;
    for (let j = 0; j < n; j++) {
      const asks = legs[j]!.asks;
      const last = asks.levelCount - 1;
      let k = level[j]!;
      let q = qBefore[j]!;
      let c = cBefore[j]!;
      while (k < last && q + asks.qtyAt(k) <= A) {
        const qk = asks.qtyAt(k);
        q += qk;
        c += asks.priceAt(k) * qk;
        k++;
      }
      level[j] = k;
      qBefore[j] = q;
      cBefore[j] = c;
      const p = asks.priceAt(k);
      price[j] = p;
      const bj = Math.floor((q + asks.qtyAt(k)) / 100);
      if (bj < b) b = bj;
      sigma -= 100 * p;
      La -= c + (A - q) * p;
    }

    if (sigma <= 0) {
      // Fees are never negative, so L(a) bounds the profit at a.
      if (La > bestV) consider(La - feesAt(legs, a, qBefore, price, small ? (j) => BigInt(weightBeforeSmall(j)) : weightBefore), a);
      break;
    }

    searchSegment(a, b - a, La, sigma);
    a = b + 1;
  }

  if (bestS === Infinity || bestV < floor) return null;
  return { size: bestS, netProfit: bestV };

  function searchSegment(a: number, len: number, La: number, sigma: number): void {
    const A = a * 100;
    const fees: FeeLine[] = [];
    let halfSlack = 0;
    for (let j = 0; j < n; j++) {
      const fee = legs[j]!.fee;
      if (fee.num === 0n) continue;
      if (small) {
        const num = Number(fee.num);
        const w = fee.weightNumber(price[j]!);
        fees.push(new SmallRoundedLinear(num * (weightBeforeSmall(j) + (A - qBefore[j]!) * w), num * 100 * w, Number(fee.den), fee.rounding === 'ceil', fee.unitMicros));
      } else {
        const w = fee.weight(price[j]!);
        const N0 = fee.num * (weightBefore(j) + BigInt(A - qBefore[j]!) * w);
        fees.push(new RoundedLinear(N0, fee.num * 100n * w, fee.den, fee.rounding === 'ceil', fee.unitMicros));
      }
      if (fee.rounding === 'half_up') halfSlack += fee.unitMicros / 2;
    }
    // Unrounded profit at t, rounded up to a whole micro-dollar: an upper bound of the true value.
    const bound = (t: number): number => {
      let v = La + t * sigma;
      for (const f of fees) v -= f.floorRawMicros(t);
      return v + halfSlack;
    };
    const value = (t: number): number => {
      let v = La + t * sigma;
      for (const f of fees) v -= f.micros(t);
      return v;
    };
    if (Math.max(bound(0), bound(len)) <= bestV) return;
    if (fees.length === 0) {
      consider(value(len), a + len);
      return;
    }

    const slope = slopeSign(sigma, fees);
    let P = 1;
    for (const f of fees) P = lcmUpTo(P, f.period(len), len);
    if (slope > 0) {
      // Profit grows by P·σ' > 0 every period: the best lies in the last period, near the end.
      const lowT = P === Infinity ? 0 : len - P + 1;
      let t = len;
      for (;;) {
        consider(value(t), a + t);
        if (t <= lowT || bound(t) <= bestV) return;
        let next = -1;
        for (const f of fees) next = Math.max(next, f.plateauStart(t) - 1);
        if (next < lowT) return;
        t = next;
      }
    }
    // σ' ≤ 0: profit never grows from one period to the next; the best lies in the first period.
    const highT = P === Infinity ? len : P - 1;
    let t = len;
    for (const f of fees) t = Math.min(t, f.nextStep(0) - 1);
    for (;;) {
      consider(value(t), a + t);
      if (t >= highT || (slope < 0 && bound(t) <= bestV)) return;
      let next = len;
      for (const f of fees) next = Math.min(next, f.nextStep(t + 1) - 1);
      if (next > highT) return;
      t = next;
    }
  }
}

/**
 * Whether the whole search fits plain numbers: for every leg, the fee numerator at the largest
 * size (num × qty × the heaviest weight of the levels it could fill) within SMALL_NUMERATOR, the
 * denominator within SMALL_DENOMINATOR and not below the fee unit (see SmallRoundedLinear).
 */
function fitsInNumbers(legs: readonly SizingLeg[], sMax: number): boolean {
  const qty = sMax * 100;
  for (const { asks, fee } of legs) {
    if (fee.num === 0n) continue;
    if (fee.den > BigInt(SMALL_DENOMINATOR) || fee.num > BigInt(SMALL_NUMERATOR) || fee.den < BigInt(fee.unitMicros)) return false;
    let heaviest = 0;
    for (let i = 0, filled = 0; i < asks.levelCount && filled < qty; i++) {
      const w = fee.weightNumber(asks.priceAt(i));
      if (w > heaviest) heaviest = w;
      filled += asks.qtyAt(i);
    }
    if (Number(fee.num) * qty * heaviest > SMALL_NUMERATOR) return false;
  }
  return true;
}

/** The sign of σ' = σ − Σ unit·V/D, exactly: from floating point when it is clear, else in BigInt. */
function slopeSign(sigma: number, fees: readonly FeeLine[]): number {
  let approx = sigma;
  let magnitude = Math.abs(sigma);
  let exactNeeded = false;
  for (const f of fees) {
    if (!(f instanceof SmallRoundedLinear)) {
      exactNeeded = true;
      break;
    }
    const term = f.slopeMicros;
    approx -= term;
    magnitude += term;
  }
  // Each term is within 2^-52 of its value: a margin a million times wider leaves no doubt.
  if (!exactNeeded && Math.abs(approx) > magnitude * 1e-9) return approx > 0 ? 1 : -1;
  let denom = 1n;
  for (const f of fees) denom *= f.D;
  const lhs = BigInt(sigma) * denom;
  let rhs = 0n;
  for (const f of fees) rhs += (BigInt(f.unitMicros) * f.V * denom) / f.D;
  return lhs > rhs ? 1 : lhs < rhs ? -1 : 0;
}

/** lcm(a, b), or Infinity once it is above `cap` (a period longer than the segment is no period). */
function lcmUpTo(a: number, b: number, cap: number): number {
  if (a === Infinity || b === Infinity) return Infinity;
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  const m = (a / x) * b;
  return m <= cap ? m : Infinity;
}

function feesAt(
  legs: readonly SizingLeg[],
  a: number,
  qBefore: readonly number[],
  price: readonly number[],
  weightBefore: (j: number) => bigint,
): number {
  let total = 0;
  for (let j = 0; j < legs.length; j++) {
    const fee: FeeModel = legs[j]!.fee;
    if (fee.num === 0n) continue;
    const w = weightBefore(j) + BigInt(a * 100 - qBefore[j]!) * fee.weight(price[j]!);
    total += feeMicros(fee, w);
  }
  return total;
}

export type { AskLadder };
