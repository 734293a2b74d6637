import { parseRatio, type Ratio } from '../../fees/exact';
import { CentQuadraticFeeModel } from '../../fees/quadratic';

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
 * The units and weights are CentQuadraticFeeModel's (fees/quadratic.ts), rounded up:
 * the fee in cents is ⌈m_num × W / (m_den × 10⁸)⌉.
 */
export class KalshiFeeModel extends CentQuadraticFeeModel {
  constructor(readonly multiplier: Ratio) {
    super(multiplier, 'ceil', 'feeMultiplier', (m) => `Kalshi taker fee ×${m}, rounded up to the cent per order`);
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
}
