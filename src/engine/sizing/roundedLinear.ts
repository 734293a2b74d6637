import { ceilDiv, floorDiv, gcd, halfUpDiv } from '../fees/exact';

/**
 * One leg's fee inside a sizing segment, as a function of t = s − a (contracts past the segment
 * start): `f(t) = round((N0 + t·V) / D)` fee units, rounded up (Kalshi) or half up (Polymarket).
 * Everything the search needs about the fee's steps is computed in closed form, never by trying
 * sizes one after another.
 */
export interface FeeLine {
  readonly ceil: boolean;
  readonly unitMicros: number;
  /** The exact fee at t, in micro-dollars. */
  micros(t: number): number;
  /** ⌊the unrounded fee at t⌋ in micro-dollars: never above the unrounded fee. */
  floorRawMicros(t: number): number;
  /** The first t' > t where the fee is higher than at t; Infinity when the fee never grows. */
  nextStep(t: number): number;
  /** The first t' ≥ 0 with the same fee as at t (the start of t's plateau). */
  plateauStart(t: number): number;
  /**
   * The smallest P with f(t + P) = f(t) + P·V/D for every t (the rounding pattern repeats), which
   * is D / gcd(V, D); 1 when the fee does not grow. Infinity when it is above `cap`.
   */
  period(cap: number): number;
  /** V and D exactly, for comparing slopes. */
  readonly V: bigint;
  readonly D: bigint;
}

/** Exact for any size: BigInt arithmetic. */
export class RoundedLinear implements FeeLine {
  private readonly unitBig: bigint;

  constructor(
    readonly N0: bigint,
    readonly V: bigint,
    readonly D: bigint,
    readonly ceil: boolean,
    readonly unitMicros: number,
  ) {
    this.unitBig = BigInt(unitMicros);
  }

  private unitsBig(t: number): bigint {
    const n = this.N0 + BigInt(t) * this.V;
    return this.ceil ? ceilDiv(n, this.D) : halfUpDiv(n, this.D);
  }

  micros(t: number): number {
    return Number(this.unitsBig(t)) * this.unitMicros;
  }

  floorRawMicros(t: number): number {
    return Number(floorDiv(this.unitBig * (this.N0 + BigInt(t) * this.V), this.D));
  }

  nextStep(t: number): number {
    if (this.V === 0n) return Infinity;
    const F = this.unitsBig(t);
    const { N0, V, D } = this;
    // ceil: N0 + t'V > F·D.  half up: 2(N0 + t'V) + D ≥ 2D(F + 1).
    const next = this.ceil ? floorDiv(F * D - N0, V) + 1n : ceilDiv(2n * D * F + D - 2n * N0, 2n * V);
    return Number(next);
  }

  plateauStart(t: number): number {
    if (this.V === 0n) return 0;
    const F = this.unitsBig(t);
    const { N0, V, D } = this;
    // ceil: N0 + t'V > (F − 1)·D.  half up: 2(N0 + t'V) + D ≥ 2D·F.
    const start = this.ceil ? floorDiv((F - 1n) * D - N0, V) + 1n : ceilDiv(2n * D * F - D - 2n * N0, 2n * V);
    return start < 0n ? 0 : Number(start);
  }

  period(cap: number): number {
    const p = this.V === 0n ? 1n : this.D / gcd(this.V, this.D);
    return p <= BigInt(Math.floor(cap)) ? Number(p) : Infinity;
  }
}

/** The largest numerator, and denominator, the number version takes (see `SmallRoundedLinear`). */
export const SMALL_NUMERATOR = 2 ** 50;
export const SMALL_DENOMINATOR = 2 ** 40;

/**
 * The same fee with plain numbers, for the common case where every value stays far below 2^53:
 * N0 + t·V ≤ 2^50 over the segment, D ≤ 2^40 and D × unit < 2^53. Then every product and sum
 * below is an exact integer, and ⌊a / b⌋ of two such integers is exact in floating point (the
 * rounding error of a / b is below 1 / b, its distance to the next integer). Same results as
 * `RoundedLinear`, several times faster.
 */
export class SmallRoundedLinear implements FeeLine {
  constructor(
    private readonly n0: number,
    private readonly v: number,
    private readonly d: number,
    readonly ceil: boolean,
    readonly unitMicros: number,
  ) {}

  get V(): bigint {
    return BigInt(this.v);
  }

  get D(): bigint {
    return BigInt(this.d);
  }

  /** unit·V/D, the fee's unrounded growth per contract in micro-dollars (within 2^-52 of it). */
  get slopeMicros(): number {
    return (this.unitMicros * this.v) / this.d;
  }

  private units(t: number): number {
    const n = this.n0 + t * this.v;
    return this.ceil ? Math.ceil(n / this.d) : Math.floor((2 * n + this.d) / (2 * this.d));
  }

  micros(t: number): number {
    return this.units(t) * this.unitMicros;
  }

  floorRawMicros(t: number): number {
    const n = this.n0 + t * this.v;
    const q = Math.floor(n / this.d);
    return q * this.unitMicros + Math.floor(((n - q * this.d) * this.unitMicros) / this.d);
  }

  nextStep(t: number): number {
    const { n0, v, d } = this;
    if (v === 0) return Infinity;
    const F = this.units(t);
    return this.ceil ? Math.floor((F * d - n0) / v) + 1 : Math.ceil((2 * d * F + d - 2 * n0) / (2 * v));
  }

  plateauStart(t: number): number {
    const { n0, v, d } = this;
    if (v === 0) return 0;
    const F = this.units(t);
    const start = this.ceil ? Math.floor(((F - 1) * d - n0) / v) + 1 : Math.ceil((2 * d * F - d - 2 * n0) / (2 * v));
    return start < 0 ? 0 : start;
  }

  period(cap: number): number {
    if (this.v === 0) return 1;
    let a = this.v;
    let b = this.d;
    while (b !== 0) [a, b] = [b, a % b];
    const p = this.d / a;
    return p <= cap ? p : Infinity;
  }
}
