import { ceilDiv, floorDiv, gcd, halfUpDiv } from '../fees/exact';

/**
 * One leg's fee inside a sizing segment, as a function of t = s − a (contracts past the segment
 * start): `f(t) = round((N0 + t·V) / D)` fee units, rounded up (Kalshi) or half up (Polymarket).
 * Everything the search needs about the fee's steps is computed in closed form, never by trying
 * sizes one after another.
 */
export class RoundedLinear {
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

  /** The exact fee at t, in micro-dollars. */
  micros(t: number): number {
    return Number(this.unitsBig(t)) * this.unitMicros;
  }

  /** ⌊the unrounded fee at t⌋ in micro-dollars: never above the unrounded fee. */
  floorRawMicros(t: number): number {
    return Number(floorDiv(this.unitBig * (this.N0 + BigInt(t) * this.V), this.D));
  }

  /** The first t' > t where the fee is higher than at t; Infinity when the fee never grows. */
  nextStep(t: number): number {
    if (this.V === 0n) return Infinity;
    const F = this.unitsBig(t);
    const { N0, V, D } = this;
    // ceil: N0 + t'V > F·D.  half up: 2(N0 + t'V) + D ≥ 2D(F + 1).
    const next = this.ceil ? floorDiv(F * D - N0, V) + 1n : ceilDiv(2n * D * F + D - 2n * N0, 2n * V);
    return Number(next);
  }

  /** The first t' ≥ 0 with the same fee as at t (the start of t's plateau). */
  plateauStart(t: number): number {
    if (this.V === 0n) return 0;
    const F = this.unitsBig(t);
    const { N0, V, D } = this;
    // ceil: N0 + t'V > (F − 1)·D.  half up: 2(N0 + t'V) + D ≥ 2D·F.
    const start = this.ceil ? floorDiv((F - 1n) * D - N0, V) + 1n : ceilDiv(2n * D * F - D - 2n * N0, 2n * V);
    return start < 0n ? 0 : Number(start);
  }

  /**
   * The smallest P with f(t + P) = f(t) + P·V/D for every t (the rounding pattern repeats), which
   * is D / gcd(V, D); 1 when the fee does not grow.
   */
  period(): bigint {
    return this.V === 0n ? 1n : this.D / gcd(this.V, this.D);
  }
}
