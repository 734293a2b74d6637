// Polymarket US fees as the venue charges them (docs fees.md, effective 2026-09-25; next-venues.md
// §1.9): Θ × C × p × (1 − p) per fill, rounded to the cent half to even; a taker order's fills are
// each charged their rounded fee, "adjusted so that the total commission collected across the
// order's fills never exceeds the banker's rounding of the cumulative exact fee"; maker rebates
// are computed per fill, independently. Exact integers: q in 0.01 contract, p in $0.0001.

/** Θ as an exact ratio: "0.0695" → 695/10000. */
export function theta(text: string): { num: bigint; den: bigint } {
  const [w = '0', f = ''] = text.split('.');
  return { num: BigInt(w + f), den: 10n ** BigInt(f.length) };
}

/** round(n / d) half to even, d > 0, n ≥ 0. */
export function bankers(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (2n * r > d) return q + 1n;
  if (2n * r < d) return q;
  return q % 2n === 0n ? q : q + 1n;
}

/** The exact fee of one fill in 1 / (den × 10^8) cents. */
function exact(q: number, p: number, t: { num: bigint }): bigint {
  return t.num * BigInt(q) * BigInt(p) * BigInt(10_000 - p);
}

/** A taker order's running commission: each fill's charge in cents. */
export class TakerCommission {
  private cumulative = 0n;
  private charged = 0n;
  private readonly t: { num: bigint; den: bigint };

  constructor(coefficient: string) {
    this.t = theta(coefficient);
  }

  /** Cents charged for this fill. */
  add(q: number, p: number): bigint {
    const e = exact(q, p, this.t);
    this.cumulative += e;
    const scale = this.t.den * 100_000_000n;
    const own = bankers(e, scale);
    const cap = bankers(this.cumulative, scale) - this.charged;
    const charge = own < cap ? own : cap;
    this.charged += charge;
    return charge;
  }
}

/** A maker fill's rebate in cents (positive: paid to the maker). */
export function makerRebate(coefficient: string, q: number, p: number): bigint {
  const t = theta(coefficient);
  return bankers(exact(q, p, t), t.den * 100_000_000n);
}

/** Cents as the venue's dollar text ("-0.01", "1.74"). */
export function centsText(cents: bigint): string {
  const neg = cents < 0n;
  const a = neg ? -cents : cents;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}
