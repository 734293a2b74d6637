// Kalshi's fee schedule as the venue publishes it → the fee models the engine prices with.
//
// `GET /series` gives `fee_type` and `fee_multiplier`; an event may override both
// (`fee_type_override`, `fee_multiplier_override`); a market may waive fees until
// `fee_waiver_expiration_time`. The multiplier is RELATIVE to the fee tables ("a floating point
// multiplier applied to the fee calculations" — openapi `Series.fee_multiplier`): standard series
// report 1, the half-fee index series 0.5. The tables (venues.md §1.10, the General Trading Fees
// Table) are
//   taker  roundup(0.07   × mult × C × P(1−P))
//   maker  roundup(0.0175 × mult × C × P(1−P))   only on `quadratic_with_maker_fees`
//   maker  roundup(0.035  × mult × C × P(1−P))   `quadratic_with_combo_maker_fees` (kalshi-typescript
//                                                  3.30 `FeeType`: "a 0.5 maker multiplier instead of 0.25")
// `flat` is the per-contract Specific Trading Fees Table, which the API does not publish: such a
// market, or a fee type this code does not know, cannot be priced and is not traded.
//
// The scan/replay formats keep `feeMultiplier` as the model's coefficient (0.07 for a standard
// series): `kalshiCoefficient` converts, and a recording writes the coefficient.
import { KalshiFeeModel } from './feeModel';
import { parseRatio, ratioToString } from '../../fees/exact';

/** The taker coefficient of the General Trading Fees Table. */
export const KALSHI_TAKER_BASE = '0.07';

/** Maker coefficients by fee type (the taker base × ¼, or × ½ on combo maker fees); absent: makers pay nothing. */
const MAKER_BASE = new Map<string, string>([
  ['quadratic_with_maker_fees', '0.0175'],
  ['quadratic_with_combo_maker_fees', '0.035'],
]);
const QUADRATIC = new Set(['quadratic', 'quadratic_with_maker_fees', 'quadratic_with_combo_maker_fees']);

/** A Kalshi market's fee schedule as published (decimal text, exact). */
export interface KalshiFeeSchedule {
  feeType: string;
  /** The venue's relative multiplier (1 on a standard series). */
  multiplier: string;
  /** Wall ms until which the market's fees are waived, if it has a waiver. */
  waiverUntil?: number | null;
}

export type KalshiPricing =
  | {
      ok: true;
      taker: KalshiFeeModel;
      /** Null when makers pay nothing. */
      maker: KalshiFeeModel | null;
      /** The models change at this wall time (a waiver ends); null: they hold until the schedule changes. */
      validUntil: number | null;
      /** Human-readable, for the activity log and the venues pane. */
      note: string;
    }
  | { ok: false; reason: string };

/** coefficient = base × multiplier, as exact decimal text ("0.07" × "0.5" → "0.035"). */
export function kalshiCoefficient(base: string, multiplier: string): string {
  const a = parseRatio(base);
  const b = parseRatio(multiplier);
  if (typeof a === 'string' || typeof b === 'string') throw new Error(`fee coefficient: ${typeof a === 'string' ? a : b}`);
  return ratioToString({ num: a.num * b.num, den: a.den * b.den });
}

function multiplierProblem(multiplier: string): string | null {
  if (typeof multiplier !== 'string' || !/^\d{1,6}(\.\d{1,12})?$/.test(multiplier)) return `fee multiplier ${JSON.stringify(multiplier)} is not a non-negative decimal`;
  return null;
}

/** The fee models in force at `now` for this schedule, or why the market cannot be priced. */
export function kalshiPricing(schedule: KalshiFeeSchedule, now: number): KalshiPricing {
  const { feeType, multiplier } = schedule;
  if (feeType === '') return { ok: false, reason: 'Kalshi fee schedule unknown (its series could not be read); not traded' };
  if (feeType === 'flat') {
    return { ok: false, reason: 'Kalshi fee type "flat" (per-contract Specific Trading Fees Table) is not published by the API, so the fee cannot be priced; not traded' };
  }
  if (!QUADRATIC.has(feeType)) return { ok: false, reason: `Kalshi fee type ${JSON.stringify(feeType)} is unknown, so the fee cannot be priced; not traded` };
  const bad = multiplierProblem(multiplier);
  if (bad) return { ok: false, reason: `Kalshi ${bad}; not traded` };
  const waived = schedule.waiverUntil !== undefined && schedule.waiverUntil !== null && schedule.waiverUntil > now;
  if (waived) {
    const zero = KalshiFeeModel.parse('0') as KalshiFeeModel;
    return { ok: true, taker: zero, maker: zero, validUntil: schedule.waiverUntil!, note: `fees waived until ${new Date(schedule.waiverUntil!).toISOString()}` };
  }
  const taker = KalshiFeeModel.parse(kalshiCoefficient(KALSHI_TAKER_BASE, multiplier)) as KalshiFeeModel;
  const makerBase = MAKER_BASE.get(feeType);
  const maker = makerBase === undefined ? null : (KalshiFeeModel.parse(kalshiCoefficient(makerBase, multiplier)) as KalshiFeeModel);
  return { ok: true, taker, maker, validUntil: null, note: `${feeType} ×${multiplier}` };
}
