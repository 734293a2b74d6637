// Kalshi's fees as the engine prices them: the schedule the venue publishes per series (feeSchedule.ts)
// → the taker and maker models in force (feeModel.ts).
import type { FeeContribution } from '../contribution';
import type { FeeParams } from '../venue';
import { kalshiPricing, type KalshiFeeSchedule } from './feeSchedule';

/** A Kalshi listing's fee parameters (the connector's discovery writes them; `venue` names their kind). */
export interface KalshiFeeParams extends KalshiFeeSchedule {
  readonly venue: 'kalshi';
}

/** The schedule a listing carries, or why it cannot be read (then the market is not priced). */
export function kalshiSchedule(params: FeeParams): KalshiFeeSchedule | string {
  const { feeType, multiplier, waiverUntil } = params;
  if (typeof feeType !== 'string' || typeof multiplier !== 'string') return 'Kalshi fee schedule missing from the listing; not traded';
  if (waiverUntil !== undefined && waiverUntil !== null && typeof waiverUntil !== 'number') return 'Kalshi fee waiver time unreadable; not traded';
  return { feeType, multiplier, waiverUntil: waiverUntil ?? null };
}

export const kalshiFees: FeeContribution = {
  models(params, now) {
    const schedule = kalshiSchedule(params);
    if (typeof schedule === 'string') return schedule;
    const p = kalshiPricing(schedule, now);
    return p.ok ? { taker: p.taker, maker: p.maker, validUntil: p.validUntil } : p.reason;
  },
};
