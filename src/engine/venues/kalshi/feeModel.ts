import { PRICE_ONE } from '../../../shared/units';
import { parseRatio, ratioToString, type Ratio } from '../../fees/exact';
import { WeightCache, type FeeModel } from '../../fees/feeModel';

export const KALSHI_DEFAULT_MULTIPLIER = '0.07';

/** Shared models by coefficient text (bounded: a venue publishes a handful of schedules). */
const parsed = new Map<string, KalshiFeeModel>();
const MAX_SHARED = 1_000;

/**
 * Kalshi fee per order: `ceil_to_cent(m × Σ cᵢ × pᵢ × (1 − pᵢ))` over the levels the order fills,
 * m the coefficient: 0.07 × the series' relative multiplier for takers (0.07 on a standard series,
 * 0.035 on the half-fee index series), 0.0175 × it for makers where they pay. The venue publishes
 * the relative multiplier; feeSchedule.ts converts. `feeMultiplier` in scan/replay files is m.
 *
 * Units: W = Σ qty(0.01 contract) × p(1−p) (in $0.0001²) is in 10⁻¹⁰ dollars, so the fee in cents
 * is ⌈m_num × W / (m_den × 10⁸)⌉.
 */
export class KalshiFeeModel implements FeeModel {
  readonly rounding = 'ceil' as const;
  readonly unitMicros = 10_000;
  readonly num: bigint;
  readonly den: bigint;
  readonly description: string;
  readonly params: Readonly<Record<string, string>>;
  readonly exact: FeeModel['exact'];
  private readonly weights = new WeightCache((p) => BigInt(p * (PRICE_ONE - p)));

  constructor(readonly multiplier: Ratio) {
    this.num = multiplier.num;
    this.den = multiplier.den * 100_000_000n;
    const m = ratioToString(multiplier);
    this.description = `Kalshi taker fee ×${m}, rounded up to the cent per order`;
    this.params = { feeMultiplier: m };
    this.exact = { coefficient: m, exponent: 1 };
  }

  /**
   * The model for a coefficient. Models are immutable, so one is shared by every market with the
   * same coefficient (a universe of 10,000 markets holds a handful, each with its weight memo).
   */
  static parse(multiplier: string = KALSHI_DEFAULT_MULTIPLIER): KalshiFeeModel | string {
    const known = parsed.get(multiplier);
    if (known) return known;
    const r = parseRatio(multiplier);
    if (typeof r === 'string') return r;
    const model = new KalshiFeeModel(r);
    if (parsed.size < MAX_SHARED) parsed.set(multiplier, model);
    return model;
  }

  weight(price: number): bigint {
    return this.weights.get(price);
  }

  weightNumber(price: number): number {
    return this.weights.getNumber(price);
  }
}
