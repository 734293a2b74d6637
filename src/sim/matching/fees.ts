// The venues' fee formulas, in exact integer arithmetic (BigInt), written independently of the
// engine's fee models so the simulator can serve as an oracle for them.
//
// Both venues round once per order: the fee of an order that filled levels (pᵢ, cᵢ) is
// round(rate × Σ cᵢ·pᵢ·(1−pᵢ)). Fills are charged the increase of that rounded total, so the
// per-fill fees of one order always add up to exactly the order's fee.
import type { Micros, Price } from '../../shared/units';
import { ceilDiv, roundHalfUp } from '../core/format';

const PRICE_SCALE = 10_000n; // Price is in $0.0001

/** Kalshi fee state of one order: Σ qty·p·(1−p) with qty in 0.01 contract, p in $0.0001. */
export class KalshiFeeAccumulator {
  private term = 0n;
  private charged = 0n; // cents

  /** `coefficient` in 1/1_000_000 (0.07 → 70_000; the half-fee maker 0.00875 → 8_750). */
  constructor(private readonly coefficient: number) {}

  /** Adds one fill and returns the fee it is charged, in micros (always a whole cent). */
  add(qty: number, price: Price): Micros {
    this.term += BigInt(qty) * BigInt(price) * (PRICE_SCALE - BigInt(price));
    // term × m is in 1e-2 · 1e-4 · 1e-4 · 1e-6 = 1e-16 dollars; a cent is 1e14 of those.
    const totalCents = ceilDiv(this.term * BigInt(this.coefficient), 100_000_000_000_000n);
    const fee = totalCents - this.charged;
    this.charged = totalCents;
    return Number(fee * 10_000n) as Micros;
  }

  get totalMicros(): Micros {
    return Number(this.charged * 10_000n) as Micros;
  }
}

/** Kalshi fee of one order filling `fills` at once (the formula of venues.md §1.10). */
export function kalshiOrderFee(coefficient: number, fills: readonly { qty: number; price: Price }[]): Micros {
  const acc = new KalshiFeeAccumulator(coefficient);
  for (const f of fills) acc.add(f.qty, f.price);
  return acc.totalMicros;
}

/**
 * Polymarket taker fee state of one order: Σ size·(p·(1−p))^e, size in 10^-6 share, p in
 * $0.0001; fee = rate × that, rounded half up to 5 dp ($0.00001).
 */
export class PolymarketFeeAccumulator {
  private term = 0n;
  private charged = 0n; // units of $0.00001
  private readonly denominator: bigint;

  /** `rate` in 1/10_000 (0.07 → 700). */
  constructor(
    private readonly rate: number,
    private readonly exponent: number,
  ) {
    // size 1e-6 · rate 1e-4 · (p(1−p) 1e-8)^e, expressed in units of 1e-5 dollars.
    this.denominator = 10n ** BigInt(6 + 4 + 8 * exponent - 5);
  }

  add(size: number, price: Price): Micros {
    const pq = BigInt(price) * (PRICE_SCALE - BigInt(price));
    this.term += BigInt(size) * pq ** BigInt(this.exponent);
    const total = roundHalfUp(this.term * BigInt(this.rate), this.denominator);
    const fee = total - this.charged;
    this.charged = total;
    return Number(fee * 10n) as Micros;
  }

  get totalMicros(): Micros {
    return Number(this.charged * 10n) as Micros;
  }
}

export function polymarketOrderFee(rate: number, exponent: number, fills: readonly { size: number; price: Price }[]): Micros {
  const acc = new PolymarketFeeAccumulator(rate, exponent);
  for (const f of fills) acc.add(f.size, f.price);
  return acc.totalMicros;
}
